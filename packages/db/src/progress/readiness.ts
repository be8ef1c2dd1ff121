// Readiness surveys answered anonymously by link, and their responses (answers only).
import { randomUUID } from 'node:crypto';
import type { ReadinessResponse } from '@trellis/core';
import type { Queryable } from '../client.js';
import { iso } from '../rows.js';

export interface ReadinessSurveyRecord {
  id: string;
  unitId: string;
  unitName: string;
  unitPath: string;
  period: string;
  instrumentId: string;
  instrumentVersion: string;
  linkToken: string;
  closesOn: string | null;
  closedAt: string | null;
  responses: number;
  version: number;
  createdAt: string;
}

interface Row {
  id: string;
  unit_id: string;
  unit_name: string;
  unit_path: string;
  period: string;
  instrument_id: string;
  instrument_version: string;
  link_token: string;
  closes_on: string | null;
  closed_at: Date | null;
  responses: number;
  version: number;
  created_at: Date;
}

const SELECT = `select s.id, s.unit_id, u.name as unit_name, u.path as unit_path, s.period, s.instrument_id, s.instrument_version, s.link_token,
  s.closes_on::text as closes_on, s.closed_at, (select count(*)::int from readiness_responses r where r.survey_id = s.id) as responses, s.version, s.created_at
  from readiness_surveys s join units u on u.id = s.unit_id`;
const toSurvey = (r: Row): ReadinessSurveyRecord => ({
  id: r.id,
  unitId: r.unit_id,
  unitName: r.unit_name,
  unitPath: r.unit_path,
  period: r.period,
  instrumentId: r.instrument_id,
  instrumentVersion: r.instrument_version,
  linkToken: r.link_token,
  closesOn: r.closes_on,
  closedAt: r.closed_at ? iso(r.closed_at) : null,
  responses: r.responses,
  version: r.version,
  createdAt: iso(r.created_at),
});

export async function findSurvey(q: Queryable, id: string, opts: { lock?: boolean } = {}): Promise<ReadinessSurveyRecord | null> {
  if (opts.lock) await q.query('select 1 from readiness_surveys where id = $1 for update', [id]);
  const rows = await q.query<Row>(`${SELECT} where s.id = $1`, [id]);
  return rows[0] ? toSurvey(rows[0]) : null;
}

export async function findSurveyByToken(q: Queryable, token: string): Promise<ReadinessSurveyRecord | null> {
  const rows = await q.query<Row>(`${SELECT} where s.link_token = $1`, [token]);
  return rows[0] ? toSurvey(rows[0]) : null;
}

export async function listUnitSurveys(q: Queryable, unitId: string): Promise<ReadinessSurveyRecord[]> {
  return (await q.query<Row>(`${SELECT} where s.unit_id = $1 order by s.period desc, s.created_at desc`, [unitId])).map(toSurvey);
}

export async function insertSurvey(
  q: Queryable,
  s: { unitId: string; period: string; instrumentId: string; instrumentVersion: string; linkToken: string; closesOn: string | null; createdBy: string | null },
  id: string = randomUUID(),
): Promise<ReadinessSurveyRecord> {
  await q.query('insert into readiness_surveys (id, unit_id, period, instrument_id, instrument_version, link_token, closes_on, created_by) values ($1, $2, $3, $4, $5, $6, $7, $8)', [
    id,
    s.unitId,
    s.period,
    s.instrumentId,
    s.instrumentVersion,
    s.linkToken,
    s.closesOn,
    s.createdBy,
  ]);
  return (await findSurvey(q, id))!;
}

export async function closeSurvey(q: Queryable, id: string, version: number): Promise<boolean> {
  return (await q.query('update readiness_surveys set closed_at = now(), version = version + 1, updated_at = now() where id = $1 and version = $2 and closed_at is null returning id', [id, version])).length > 0;
}

export async function insertResponse(q: Queryable, surveyId: string, answers: ReadinessResponse['answers']): Promise<void> {
  await q.query('insert into readiness_responses (id, survey_id, answers) values ($1, $2, $3)', [randomUUID(), surveyId, JSON.stringify(answers)]);
}

/** The responses of a unit's surveys, by period (for results and the trend). */
export async function unitResponsesByPeriod(q: Queryable, unitId: string, instrumentId: string): Promise<{ period: string; responses: ReadinessResponse[] }[]> {
  const rows = await q.query<{ period: string; answers: ReadinessResponse['answers'] | string }>(
    `select s.period, r.answers from readiness_responses r join readiness_surveys s on s.id = r.survey_id where s.unit_id = $1 and s.instrument_id = $2`,
    [unitId, instrumentId],
  );
  const byPeriod = new Map<string, ReadinessResponse[]>();
  for (const r of rows) {
    const list = byPeriod.get(r.period) ?? [];
    list.push({ answers: typeof r.answers === 'string' ? JSON.parse(r.answers) : r.answers });
    byPeriod.set(r.period, list);
  }
  return [...byPeriod].map(([period, responses]) => ({ period, responses }));
}
