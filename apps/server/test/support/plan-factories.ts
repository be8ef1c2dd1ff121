// Plans, tasks, design documents and recommendations straight into the database, for tests.
import { createHash, randomBytes } from 'node:crypto';
import type { DesignDocumentContent, PlanStatus, Unit } from '@trellis/core';
import { insertDesignDocument, insertPlan, insertPlanRecommendation, insertPlanTask, setCalendarTokenHash, type Queryable } from '@trellis/db';

let n = 0;
const next = () => ++n;

/** A plan of the unit with `tasks` top-level tasks, in the status given (draft unless said). */
export async function createPlan(db: Queryable, unit: Unit, opts: { status?: PlanStatus; tasks?: number; title?: string; parentPlanId?: string } = {}) {
  const plan = await insertPlan(db, { unitId: unit.id, kind: 'start_up_phase_in', title: opts.title ?? `Plan ${next()}`, status: opts.status ?? 'draft', parentPlanId: opts.parentPlanId ?? null, createdBy: null });
  const taskIds: string[] = [];
  for (let i = 0; i < (opts.tasks ?? 1); i++) taskIds.push(await insertPlanTask(db, { planId: plan.id, unitId: unit.id, parentId: null, position: i, title: `Task ${i + 1}` }));
  return { ...plan, taskIds };
}

export const DESIGN_CONTENT: DesignDocumentContent = {
  vision: 'Every student has the supports to learn.',
  aims: ['Unify student supports'],
  rationale: 'Fragmented supports fail students.',
  framework: null,
  essentialFeatures: [{ key: 'six-arenas', text: 'Supports are organized in six content arenas.', essential: true }],
};

export const createDesignDocument = (db: Queryable, unit: Unit, adoptedFromId: string | null = null) =>
  insertDesignDocument(db, { unitId: unit.id, adoptedFromId, content: DESIGN_CONTENT, savedBy: null });

export const createPlanRecommendation = (db: Queryable, unit: Unit) =>
  insertPlanRecommendation(db, {
    unitId: unit.id,
    planId: null,
    fromMechanismId: null,
    subject: 'policy',
    title: `Recommendation ${next()}`,
    rationale: 'Because.',
    authority: 'Superintendent',
    authorityPersonId: null,
    submittedOn: '2026-11-01',
  });

/** A private calendar-feed secret for the person. */
export async function createCalendarToken(db: Queryable, personId: string): Promise<string> {
  const token = randomBytes(24).toString('base64url');
  await setCalendarTokenHash(db, personId, createHash('sha256').update(token).digest('hex'));
  return token;
}
