// Celebrations: milestones are proposed automatically from the unit's state (a benchmark item fully
// in place, a plan approved, a mechanism established, a phase entered); leaders confirm or dismiss
// them and add their own. The feed is the confirmed ones, for a unit or everything below it.
import {
  authorize,
  BENCHMARK_DEFAULT_INSTRUMENT,
  conflict,
  dedupeCelebrations,
  detectProgressMilestones,
  invalid,
  notFound,
  planProgress,
  rollUp,
  staleVersion,
  unitPhase,
  type BenchmarkRating,
  type CelebrationCreate,
  type CelebrationDismiss,
  type CelebrationUpdate,
  type ProposedCelebration,
  type Unit,
} from '@trellis/core';
import {
  decidedMilestoneKeys,
  findCelebration,
  findUnit,
  insertCelebration,
  listCelebrations,
  listProgressTasks,
  listUnitMechanisms,
  listUnitPlans,
  recordAuditEvent,
  uniqueViolation,
  updateCelebration,
  type CelebrationRecord,
  type Queryable,
} from '@trellis/db';
import type { ServiceContext } from '../../context.js';

const today = () => new Date().toISOString().slice(0, 10);
export const publicCelebration = ({ unitPath: _p, ...c }: CelebrationRecord) => c;

/** The latest submitted rating of each item of the default checklist at the unit. */
async function latestRatings(q: Queryable, unitId: string): Promise<Record<string, BenchmarkRating>> {
  const rows = await q.query<{ item_key: string; rating: BenchmarkRating }>(
    `select distinct on (item_key) item_key, rating from benchmark_ratings where unit_id = $1 and instrument_id = $2 and submitted order by item_key, period desc`,
    [unitId, BENCHMARK_DEFAULT_INSTRUMENT.id],
  );
  return Object.fromEntries(rows.map((r) => [r.item_key, r.rating]));
}

/** The unit's phase, read from its current plans (core's unitPhase). */
export async function phaseOfUnit(q: Queryable, unitId: string) {
  const plans = (await listUnitPlans(q, unitId)).filter((p) => p.status !== 'superseded');
  const tasks = await listProgressTasks(q, plans.map((p) => p.id));
  const byPlan = plans.map((p) => planProgress(tasks.filter((t) => t.planId === p.id)));
  return unitPhase(rollUp(byPlan));
}

/** Milestones the unit has reached that no one has confirmed or dismissed yet. */
export async function proposedCelebrations(q: Queryable, unit: Unit): Promise<ProposedCelebration[]> {
  // One after another: `q` may be a transaction's single connection, which runs one query at a time.
  const benchmarkRatings = await latestRatings(q, unit.id);
  const plans = await listUnitPlans(q, unit.id);
  const mechanisms = await listUnitMechanisms(q, unit.id);
  const phase = await phaseOfUnit(q, unit.id);
  const proposals = detectProgressMilestones(
    { id: unit.id, name: unit.name },
    {},
    { benchmarkRatings, plans: plans.map((p) => ({ id: p.lineageId, title: p.title, status: p.status === 'superseded' ? 'approved' : p.status })), mechanisms: mechanisms.map((m) => ({ id: m.id, name: m.name, kind: m.kind, status: m.status })), phase },
  );
  const decided = await decidedMilestoneKeys(q, proposals.map((p) => p.key));
  return dedupeCelebrations(proposals, decided);
}

export async function celebrationsOf(ctx: ServiceContext, unitId: string, opts: { subtree?: boolean } = {}) {
  const unit = await findUnit(ctx.db, unitId);
  if (!unit) throw notFound('The unit');
  authorize(ctx.caller, 'progress.read', unit.path);
  const [confirmed, proposed] = await Promise.all([listCelebrations(ctx.db, unit, opts), proposedCelebrations(ctx.db, unit)]);
  return { confirmed: confirmed.map(publicCelebration), proposed };
}

const audit = (ctx: ServiceContext, q: Queryable, action: string, c: { id: string; unitId: string }, before: unknown, after: unknown) =>
  recordAuditEvent(q, { actorId: ctx.caller.personId, action, entityType: 'celebration', entityId: c.id, unitId: c.unitId, before, after, requestId: ctx.requestId });

async function unitToManage(ctx: ServiceContext, q: Queryable, unitId: string) {
  const unit = await findUnit(q, unitId);
  if (!unit) throw notFound('The unit');
  authorize(ctx.caller, 'progress.manage', unit.path);
  return unit;
}

async function checkProposed(q: Queryable, unit: Unit, key: string) {
  if (!(await proposedCelebrations(q, unit)).some((p) => p.key === key)) {
    throw invalid('That milestone is not among the unit’s proposed celebrations (it may have been confirmed or dismissed already).', [{ field: 'milestoneKey', message: 'is not a proposed milestone of this unit' }]);
  }
}

/** A leader's own celebration, or a proposed milestone confirmed (`milestoneKey`). */
export async function createCelebration(ctx: ServiceContext, body: CelebrationCreate) {
  return ctx.db.transaction(async (tx) => {
    const unit = await unitToManage(ctx, tx, body.unitId);
    if (body.celebratedOn > today()) throw invalid('A celebration marks something that happened; the date is in the future.', [{ field: 'celebratedOn', message: 'must be today or earlier' }]);
    if (body.milestoneKey) await checkProposed(tx, unit, body.milestoneKey);
    try {
      const c = await insertCelebration(tx, { ...body, status: 'confirmed', createdBy: ctx.caller.personId });
      await audit(ctx, tx, body.milestoneKey ? 'celebration.confirm' : 'celebration.create', c, null, publicCelebration(c));
      return publicCelebration(c);
    } catch (e) {
      if (uniqueViolation(e)) throw conflict('This milestone was already confirmed or dismissed.', [{ field: 'milestoneKey', message: 'is already decided' }]);
      throw e;
    }
  });
}

/** Dismisses a proposed milestone so that it is not proposed again. */
export async function dismissCelebration(ctx: ServiceContext, body: CelebrationDismiss) {
  return ctx.db.transaction(async (tx) => {
    const unit = await unitToManage(ctx, tx, body.unitId);
    await checkProposed(tx, unit, body.milestoneKey);
    const proposal = (await proposedCelebrations(tx, unit)).find((p) => p.key === body.milestoneKey)!;
    const c = await insertCelebration(tx, { unitId: unit.id, title: proposal.title, description: body.note ?? null, celebratedOn: today(), milestoneKey: body.milestoneKey, status: 'dismissed', createdBy: ctx.caller.personId });
    await audit(ctx, tx, 'celebration.dismiss', c, null, publicCelebration(c));
    return publicCelebration(c);
  });
}

export async function changeCelebration(ctx: ServiceContext, id: string, body: CelebrationUpdate) {
  return ctx.db.transaction(async (tx) => {
    const c = await findCelebration(tx, id, { lock: true });
    if (!c) throw notFound('The celebration');
    authorize(ctx.caller, 'progress.manage', c.unitPath, 'The celebration');
    if (c.version !== body.version) throw staleVersion('This celebration');
    if (c.status !== 'confirmed') throw conflict('A dismissed proposal is not a celebration to edit.', [{ field: 'status', message: 'is dismissed' }]);
    if (body.celebratedOn && body.celebratedOn > today()) throw invalid('A celebration marks something that happened; the date is in the future.', [{ field: 'celebratedOn', message: 'must be today or earlier' }]);
    const { version, ...changes } = body;
    if (!(await updateCelebration(tx, c.id, version, changes))) throw staleVersion('This celebration');
    const after = (await findCelebration(tx, c.id))!;
    await audit(ctx, tx, 'celebration.update', c, publicCelebration(c), publicCelebration(after));
    return publicCelebration(after);
  });
}
