// Recommendations from work groups to the authority that decides them, and the tasks that carry an
// accepted one out.
import { randomUUID } from 'node:crypto';
import type { PlanRecommendationDecision, PlanRecommendationSubject } from '@trellis/core';
import type { Queryable } from '../client.js';
import { iso } from '../rows.js';

export interface PlanRecommendationRecord {
  id: string;
  unitId: string;
  unitPath: string;
  planId: string | null;
  fromMechanismId: string | null;
  fromMechanismName: string | null;
  subject: PlanRecommendationSubject;
  title: string;
  rationale: string;
  authority: string;
  authorityPersonId: string | null;
  authorityPersonName: string | null;
  submittedOn: string;
  decision: PlanRecommendationDecision | null;
  decidedOn: string | null;
  decisionNote: string | null;
  taskIds: string[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

interface Row {
  id: string;
  unit_id: string;
  unit_path: string;
  plan_id: string | null;
  from_mechanism_id: string | null;
  from_mechanism_name: string | null;
  subject: PlanRecommendationSubject;
  title: string;
  rationale: string;
  authority: string;
  authority_person_id: string | null;
  authority_person_name: string | null;
  submitted_on: string;
  decision: PlanRecommendationDecision | null;
  decided_on: string | null;
  decision_note: string | null;
  task_ids: string[];
  version: number;
  created_at: Date;
  updated_at: Date;
}

const SELECT = `select r.id, r.unit_id, u.path as unit_path, r.plan_id, r.from_mechanism_id, m.name as from_mechanism_name, r.subject, r.title, r.rationale,
  r.authority, r.authority_person_id, p.name as authority_person_name, r.submitted_on::text as submitted_on, r.decision, r.decided_on::text as decided_on, r.decision_note,
  coalesce((select array_agg(t.task_id order by t.task_id) from plan_recommendation_tasks t where t.recommendation_id = r.id), '{}'::uuid[]) as task_ids,
  r.version, r.created_at, r.updated_at
  from plan_recommendations r join units u on u.id = r.unit_id left join mechanisms m on m.id = r.from_mechanism_id left join people p on p.id = r.authority_person_id`;

const toRecommendation = (r: Row): PlanRecommendationRecord => ({
  id: r.id,
  unitId: r.unit_id,
  unitPath: r.unit_path,
  planId: r.plan_id,
  fromMechanismId: r.from_mechanism_id,
  fromMechanismName: r.from_mechanism_name,
  subject: r.subject,
  title: r.title,
  rationale: r.rationale,
  authority: r.authority,
  authorityPersonId: r.authority_person_id,
  authorityPersonName: r.authority_person_name,
  submittedOn: r.submitted_on,
  decision: r.decision,
  decidedOn: r.decided_on,
  decisionNote: r.decision_note,
  taskIds: r.task_ids,
  version: r.version,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

export async function findPlanRecommendation(q: Queryable, id: string, opts: { lock?: boolean } = {}): Promise<PlanRecommendationRecord | null> {
  if (opts.lock) await q.query('select 1 from plan_recommendations where id = $1 for update', [id]);
  const rows = await q.query<Row>(`${SELECT} where r.id = $1`, [id]);
  return rows[0] ? toRecommendation(rows[0]) : null;
}

/** Undecided first, then by the day submitted, newest first. */
export async function listPlanRecommendations(q: Queryable, unitId: string): Promise<PlanRecommendationRecord[]> {
  return (await q.query<Row>(`${SELECT} where r.unit_id = $1 order by (r.decision is not null), r.submitted_on desc, r.title`, [unitId])).map(toRecommendation);
}

export async function insertPlanRecommendation(
  q: Queryable,
  r: { unitId: string; planId: string | null; fromMechanismId: string | null; subject: PlanRecommendationSubject; title: string; rationale: string; authority: string; authorityPersonId: string | null; submittedOn: string },
  id: string = randomUUID(),
): Promise<PlanRecommendationRecord> {
  await q.query(
    `insert into plan_recommendations (id, unit_id, plan_id, from_mechanism_id, subject, title, rationale, authority, authority_person_id, submitted_on)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [id, r.unitId, r.planId, r.fromMechanismId, r.subject, r.title, r.rationale, r.authority, r.authorityPersonId, r.submittedOn],
  );
  return (await findPlanRecommendation(q, id))!;
}

/** Records the decision if the recommendation is still at `version`; false when it is not. */
export async function decidePlanRecommendation(q: Queryable, id: string, version: number, d: { decision: PlanRecommendationDecision; decidedOn: string; note: string | null }): Promise<boolean> {
  const rows = await q.query('update plan_recommendations set decision = $3, decided_on = $4, decision_note = $5, version = version + 1, updated_at = now() where id = $1 and version = $2 returning id', [
    id,
    version,
    d.decision,
    d.decidedOn,
    d.note,
  ]);
  return rows.length > 0;
}

/** Replaces the linked tasks if the recommendation is still at `version`; false when it is not. */
export async function setPlanRecommendationTasks(q: Queryable, id: string, version: number, taskIds: string[]): Promise<boolean> {
  const rows = await q.query('update plan_recommendations set version = version + 1, updated_at = now() where id = $1 and version = $2 returning id', [id, version]);
  if (!rows.length) return false;
  await q.query('delete from plan_recommendation_tasks where recommendation_id = $1', [id]);
  if (taskIds.length) await q.query('insert into plan_recommendation_tasks (recommendation_id, task_id) select $1, unnest($2::uuid[])', [id, taskIds]);
  return true;
}
