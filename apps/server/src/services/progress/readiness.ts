// Readiness and commitment surveys: a leader sends one to a unit's stakeholders as a link; anyone
// with the link answers anonymously (the answer stores no identity, not even the time of day);
// results show only once five have answered (core's privacy floor), with the trend over periods.
import { randomBytes } from 'node:crypto';
import {
  authorize,
  conflict,
  invalid,
  notFound,
  readinessResults,
  readinessTrend,
  staleVersion,
  type ReadinessResponseInput,
  type ReadinessSurveyCreate,
} from '@trellis/core';
import { closeSurvey, findSurvey, findSurveyByToken, findUnit, insertResponse, insertSurvey, listUnitSurveys, recordAuditEvent, unitResponsesByPeriod, type ReadinessSurveyRecord } from '@trellis/db';
import type { Db } from '@trellis/db';
import type { ServiceContext } from '../../context.js';
import { readinessInstrument } from './instruments.js';

const today = () => new Date().toISOString().slice(0, 10);
const publicSurvey = ({ unitPath: _p, ...s }: ReadinessSurveyRecord) => s;
const isOpen = (s: ReadinessSurveyRecord) => s.closedAt === null && (s.closesOn === null || s.closesOn >= today());

export async function listSurveys(ctx: ServiceContext, unitId: string) {
  const unit = await findUnit(ctx.db, unitId);
  if (!unit) throw notFound('The unit');
  authorize(ctx.caller, 'progress.read', unit.path);
  return (await listUnitSurveys(ctx.db, unit.id)).map((s) => ({ ...publicSurvey(s), open: isOpen(s) }));
}

export async function createSurvey(ctx: ServiceContext, body: ReadinessSurveyCreate) {
  return ctx.db.transaction(async (tx) => {
    const unit = await findUnit(tx, body.unitId);
    if (!unit) throw notFound('The unit');
    authorize(ctx.caller, 'progress.manage', unit.path);
    const instrument = await readinessInstrument(tx, unit.path, body.instrument);
    if (body.closesOn !== null && body.closesOn < today()) throw invalid('The closing date has passed; choose a later one.', [{ field: 'closesOn', message: 'must be today or later' }]);
    const s = await insertSurvey(tx, { unitId: unit.id, period: body.period, instrumentId: instrument.id, instrumentVersion: instrument.version, linkToken: randomBytes(18).toString('base64url'), closesOn: body.closesOn, createdBy: ctx.caller.personId });
    await recordAuditEvent(tx, { actorId: ctx.caller.personId, action: 'readiness_survey.create', entityType: 'readiness_survey', entityId: s.id, unitId: unit.id, before: null, after: { period: s.period, instrument: `${s.instrumentId}@${s.instrumentVersion}`, closesOn: s.closesOn }, requestId: ctx.requestId });
    return { ...publicSurvey(s), open: true };
  });
}

export async function endSurvey(ctx: ServiceContext, id: string, version: number) {
  return ctx.db.transaction(async (tx) => {
    const s = await findSurvey(tx, id, { lock: true });
    if (!s) throw notFound('The survey');
    authorize(ctx.caller, 'progress.manage', s.unitPath, 'The survey');
    if (s.closedAt) throw conflict('This survey is already closed.', [{ field: 'closedAt', message: 'is set' }]);
    if (!(await closeSurvey(tx, s.id, version))) throw staleVersion('This survey');
    const after = (await findSurvey(tx, s.id))!;
    await recordAuditEvent(tx, { actorId: ctx.caller.personId, action: 'readiness_survey.close', entityType: 'readiness_survey', entityId: s.id, unitId: s.unitId, before: { closedAt: null }, after: { closedAt: after.closedAt, responses: after.responses }, requestId: ctx.requestId });
    return { ...publicSurvey(after), open: false };
  });
}

/** What a respondent sees by the link: the survey's statements and scale, the unit's name, nothing more. */
export async function publicSurveyByLink(db: Db, token: string) {
  const s = /^[A-Za-z0-9_-]{24}$/.test(token) ? await findSurveyByToken(db, token) : null;
  if (!s) throw notFound('The survey');
  const instrument = await readinessInstrument(db, s.unitPath, { id: s.instrumentId, version: s.instrumentVersion });
  return {
    unitName: s.unitName,
    period: s.period,
    open: isOpen(s),
    closesOn: s.closesOn,
    instrument: { name: instrument.name, summary: instrument.summary, scale: instrument.scale, factors: instrument.factors.map((f) => ({ key: f.key, label: f.label })), items: instrument.items.map((i) => ({ key: i.key, factor: i.factor, statement: i.statement })) },
  };
}

/** An anonymous answer by link. No identity is stored; the audit trail records that a response came, not from whom. */
export async function answerSurvey(db: Db, token: string, body: ReadinessResponseInput, requestId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const s = /^[A-Za-z0-9_-]{24}$/.test(token) ? await findSurveyByToken(tx, token) : null;
    if (!s) throw notFound('The survey');
    if (!isOpen(s)) throw conflict('This survey is closed and takes no more answers. Thank you all the same.', [{ field: 'survey', message: 'is closed' }]);
    const instrument = await readinessInstrument(tx, s.unitPath, { id: s.instrumentId, version: s.instrumentVersion });
    const keys = new Set(instrument.items.map((i) => i.key));
    const unknown = body.answers.map((a, i) => [a, i] as const).filter(([a]) => !keys.has(a.itemKey));
    if (unknown.length) throw invalid('An answer names a statement this survey does not have.', unknown.map(([, i]) => ({ field: `answers.${i}.itemKey`, message: 'is not a statement of this survey' })));
    await insertResponse(tx, s.id, body.answers);
    await recordAuditEvent(tx, { actorId: null, action: 'readiness_survey.respond', entityType: 'readiness_survey', entityId: s.id, unitId: s.unitId, before: null, after: { answers: body.answers.length }, requestId });
  });
}

/** Results per period (each under the privacy floor) for a unit, oldest first. */
export async function readinessResultsOf(ctx: ServiceContext, unitId: string) {
  const unit = await findUnit(ctx.db, unitId);
  if (!unit) throw notFound('The unit');
  authorize(ctx.caller, 'progress.read', unit.path);
  const periods = await unitResponsesByPeriod(ctx.db, unit.id, 'trellis-readiness');
  return { trend: readinessTrend(periods), latest: periods.length ? readinessResults(periods.sort((a, b) => (a.period < b.period ? 1 : -1))[0]!.responses) : null };
}
