// Recommendations from work groups, submitted to the authority that decides them (the
// superintendent, a principal, a board), decided with a date, and carried out by plan tasks.
import {
  assertPlanPermission,
  authorize,
  checkRecommendationDecision,
  checkRecommendationTasks,
  invalid,
  isWithin,
  mayDecideRecommendation,
  notFound,
  staleVersion,
  type PlanRecommendationCreate,
  type PlanRecommendationDecide,
  type PlanRecommendationTasks,
} from '@trellis/core';
import {
  decidePlanRecommendation,
  findMechanismUnits,
  findPeopleIds,
  findPlan,
  findPlanRecommendation,
  findPlanTask,
  findUnit,
  insertPlanRecommendation,
  listPlanRecommendations,
  recordAuditEvent,
  setPlanRecommendationTasks,
  type PlanRecommendationRecord,
  type Queryable,
} from '@trellis/db';
import type { ServiceContext } from '../../context.js';
import { planActor } from './plans.js';

const publicRecommendation = ({ unitPath: _p, ...r }: PlanRecommendationRecord) => r;
const today = () => new Date().toISOString().slice(0, 10);

const audit = (ctx: ServiceContext, q: Queryable, action: string, r: { id: string; unitId: string }, before: unknown, after: unknown) =>
  recordAuditEvent(q, { actorId: ctx.caller.personId, action, entityType: 'plan_recommendation', entityId: r.id, unitId: r.unitId, before, after, requestId: ctx.requestId });

async function recommendationFor(ctx: ServiceContext, q: Queryable, id: string, action: 'plan.read' | 'plan.edit', opts: { lock?: boolean } = {}) {
  const r = await findPlanRecommendation(q, id, opts);
  if (!r) throw notFound('The recommendation');
  authorize(ctx.caller, action, r.unitPath, 'The recommendation');
  return r;
}

export async function listRecommendations(ctx: ServiceContext, unitId: string) {
  const unit = await findUnit(ctx.db, unitId);
  if (!unit) throw notFound('The unit');
  authorize(ctx.caller, 'plan.read', unit.path);
  // Whether the reader may record decisions here (a leader, or a member of the unit's superintendent
  // or governing body), so the page offers it only to them; the decision route checks it again.
  const mayDecide = mayDecideRecommendation(await planActor(ctx, ctx.db, unit.id, unit.path)).allowed;
  return (await listPlanRecommendations(ctx.db, unit.id)).map((r) => ({ ...publicRecommendation(r), mayDecide }));
}

export async function createRecommendation(ctx: ServiceContext, body: PlanRecommendationCreate) {
  return ctx.db.transaction(async (tx) => {
    const unit = await findUnit(tx, body.unitId);
    if (!unit) throw notFound('The unit');
    authorize(ctx.caller, 'plan.edit', unit.path);
    if (body.planId) {
      const plan = await findPlan(tx, body.planId);
      if (!plan || plan.unitId !== unit.id) throw invalid('The plan named is not a plan of this unit.', [{ field: 'planId', message: 'must be a plan of the same unit' }]);
    }
    if (body.fromMechanismId) {
      const m = (await findMechanismUnits(tx, [body.fromMechanismId])).get(body.fromMechanismId);
      if (!m || !isWithin(m.unitPath, unit.path)) throw invalid('The work group named is not a mechanism of this unit or a unit below it.', [{ field: 'fromMechanismId', message: 'must be a mechanism of this unit or below it' }]);
    }
    if (body.submittedTo.personId && !(await findPeopleIds(tx, [body.submittedTo.personId])).size) {
      throw invalid('The person the recommendation is submitted to was not found.', [{ field: 'submittedTo.personId', message: 'is not a person in Trellis' }]);
    }
    const r = await insertPlanRecommendation(tx, {
      unitId: unit.id,
      planId: body.planId,
      fromMechanismId: body.fromMechanismId,
      subject: body.subject,
      title: body.title,
      rationale: body.rationale,
      authority: body.submittedTo.authority,
      authorityPersonId: body.submittedTo.personId,
      submittedOn: body.submittedOn ?? today(),
    });
    await audit(ctx, tx, 'plan_recommendation.create', r, null, publicRecommendation(r));
    return publicRecommendation(r);
  });
}

/** Tasks that carry a recommendation out: plan tasks at its unit or below. */
async function checkTasks(ctx: ServiceContext, q: Queryable, r: PlanRecommendationRecord, taskIds: readonly string[]) {
  const bad: { field: string; message: string }[] = [];
  for (const [i, id] of taskIds.entries()) {
    const t = await findPlanTask(q, id);
    if (!t || !isWithin(t.unitPath, r.unitPath)) bad.push({ field: `taskIds.${i}`, message: 'is not a plan task of this unit or a unit below it' });
  }
  if (bad.length) throw invalid('A task named is not a plan task of this unit or below it.', bad);
}

export async function decideRecommendation(ctx: ServiceContext, id: string, body: PlanRecommendationDecide) {
  return ctx.db.transaction(async (tx) => {
    const r = await recommendationFor(ctx, tx, id, 'plan.read', { lock: true });
    const unit = (await findUnit(tx, r.unitId))!;
    assertPlanPermission(mayDecideRecommendation(await planActor(ctx, tx, unit.id, unit.path)), 'The recommendation');
    if (r.version !== body.version) throw staleVersion('This recommendation');
    checkRecommendationDecision(r.decision, body.decision);
    checkRecommendationTasks(body.decision, body.taskIds);
    if (body.decidedOn < r.submittedOn) throw invalid(`The decision date is before the recommendation was submitted (${r.submittedOn}).`, [{ field: 'decidedOn', message: `must be on or after ${r.submittedOn}` }]);
    await checkTasks(ctx, tx, r, body.taskIds);
    if (!(await decidePlanRecommendation(tx, r.id, body.version, { decision: body.decision, decidedOn: body.decidedOn, note: body.note }))) throw staleVersion('This recommendation');
    let after = (await findPlanRecommendation(tx, r.id))!;
    if (body.taskIds.length) {
      await setPlanRecommendationTasks(tx, r.id, after.version, body.taskIds);
      after = (await findPlanRecommendation(tx, r.id))!;
    }
    await audit(ctx, tx, 'plan_recommendation.decide', r, publicRecommendation(r), publicRecommendation(after));
    return publicRecommendation(after);
  });
}

export async function linkRecommendationTasks(ctx: ServiceContext, id: string, body: PlanRecommendationTasks) {
  return ctx.db.transaction(async (tx) => {
    const r = await recommendationFor(ctx, tx, id, 'plan.edit', { lock: true });
    if (r.version !== body.version) throw staleVersion('This recommendation');
    checkRecommendationTasks(r.decision, body.taskIds);
    await checkTasks(ctx, tx, r, body.taskIds);
    if (!(await setPlanRecommendationTasks(tx, r.id, body.version, body.taskIds))) throw staleVersion('This recommendation');
    const after = (await findPlanRecommendation(tx, r.id))!;
    await audit(ctx, tx, 'plan_recommendation.link_tasks', r, { taskIds: r.taskIds }, { taskIds: after.taskIds });
    return publicRecommendation(after);
  });
}
