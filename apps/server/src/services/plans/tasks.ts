// Plan tasks: WHO (people and mechanisms), HOW, WHEN, phase, status, dependencies, evidence and
// links, nested as the outline nests them. What may change depends on the plan's status (core's
// checkPlanTaskChange): an approved plan's tasks still record progress, never a new plan.
import { randomUUID } from 'node:crypto';
import {
  authorize,
  checkPlanOutlineChange,
  checkPlanTaskChange,
  checkPlanTaskDates,
  checkTaskDependencies,
  checkTaskParent,
  decide,
  invalid,
  notFound,
  planningGaps,
  scopeRoots,
  staleVersion,
  type PlanTaskCreate,
  type PlanTaskField,
  type PlanTaskUpdate,
} from '@trellis/core';
import {
  closeSiblingPosition,
  deletePlanTask,
  findMechanismUnits,
  findPeopleIds,
  findPlanTask,
  findUnit,
  insertPlanTask,
  listPlanDependencies,
  listPlanTasks,
  listPlanTasksWhere,
  nextSiblingPosition,
  openSiblingPosition,
  recordAuditEvent,
  setTaskDependencies,
  setTaskMechanisms,
  setTaskPeople,
  taskSubtreeIds,
  updatePlanTask,
  type PlanRecord,
  type PlanTaskChanges,
  type PlanTaskListing,
  type PlanTaskRecord,
  type Queryable,
} from '@trellis/db';
import type { ServiceContext } from '../../context.js';
import { planFor, publicPlanTask } from './plans.js';

const today = () => new Date().toISOString().slice(0, 10);

const audit = (ctx: ServiceContext, q: Queryable, action: string, task: { id: string; unitId: string }, before: unknown, after: unknown) =>
  recordAuditEvent(q, { actorId: ctx.caller.personId, action, entityType: 'task', entityId: task.id, unitId: task.unitId, before, after, requestId: ctx.requestId });

/** WHO must name people who exist and mechanisms the caller can see. */
async function checkWho(ctx: ServiceContext, q: Queryable, personIds: readonly string[] | undefined, mechanismIds: readonly string[] | undefined): Promise<void> {
  if (personIds?.length) {
    const found = await findPeopleIds(q, [...personIds]);
    const missing = personIds.map((id, i) => [id, i] as const).filter(([id]) => !found.has(id));
    if (missing.length) throw invalid('A person named in WHO was not found.', missing.map(([, i]) => ({ field: `personIds.${i}`, message: 'is not a person in Trellis' })));
  }
  if (mechanismIds?.length) {
    const found = await findMechanismUnits(q, [...mechanismIds]);
    const bad = mechanismIds
      .map((id, i) => [id, i] as const)
      .filter(([id]) => {
        const m = found.get(id);
        return !m || decide(ctx.caller, 'mechanism.read', m.unitPath) !== 'allow';
      });
    if (bad.length) throw invalid('A mechanism named in WHO was not found.', bad.map(([, i]) => ({ field: `mechanismIds.${i}`, message: 'is not a mechanism you can see' })));
  }
}

/** Dependencies name tasks of the same plan and close no cycle; the message names the cycle. */
async function checkDependencies(q: Queryable, plan: PlanRecord, tasks: readonly PlanTaskRecord[], taskId: string, dependsOn: readonly string[]): Promise<void> {
  const ids = new Set(tasks.map((t) => t.id));
  const foreign = dependsOn.map((id, i) => [id, i] as const).filter(([id]) => !ids.has(id) || id === taskId);
  if (foreign.length) {
    throw invalid(
      'A task can depend only on other tasks of the same plan.',
      foreign.map(([id, i]) => ({ field: `dependsOn.${i}`, message: id === taskId ? 'is the task itself' : 'is not a task of this plan' })),
    );
  }
  const names = new Map(tasks.map((t) => [t.id, t.title]));
  const edges = (await listPlanDependencies(q, plan.id)).filter((e) => e.taskId !== taskId);
  checkTaskDependencies(edges, taskId, dependsOn, (id) => `“${names.get(id) ?? 'this task'}”`);
}

async function taskWithPlan(ctx: ServiceContext, q: Queryable, id: string, opts: { lock?: boolean } = {}): Promise<{ task: PlanTaskRecord; plan: PlanRecord }> {
  const task = await findPlanTask(q, id, opts);
  if (!task) throw notFound('The task');
  authorize(ctx.caller, 'plan.read', task.unitPath, 'The task');
  const plan = await planFor(ctx, q, task.planId, 'plan.edit', opts);
  return { task, plan };
}

export async function createPlanTask(ctx: ServiceContext, planId: string, body: PlanTaskCreate) {
  return ctx.db.transaction(async (tx) => {
    const plan = await planFor(ctx, tx, planId, 'plan.edit', { lock: true });
    checkPlanOutlineChange(plan.status, plan.planVersion);
    const tasks = await listPlanTasks(tx, plan.id);
    checkTaskParent(tasks, null, body.parentId);
    await checkWho(ctx, tx, body.personIds, body.mechanismIds);
    const id = randomUUID();
    if (body.dependsOn.length) await checkDependencies(tx, plan, tasks, id, body.dependsOn);
    const end = await nextSiblingPosition(tx, plan.id, body.parentId);
    const position = Math.min(body.position ?? end, end);
    await openSiblingPosition(tx, plan.id, body.parentId, position);
    await insertPlanTask(
      tx,
      {
        planId: plan.id,
        unitId: plan.unitId,
        parentId: body.parentId,
        position,
        title: body.title,
        how: body.how,
        startOn: body.startOn,
        dueOn: body.dueOn,
        phase: body.phase,
        status: body.status,
        blockedReason: body.blockedReason,
        completedOn: body.status === 'done' ? today() : null,
        evidence: body.evidence,
        links: body.links,
        personIds: body.personIds,
        mechanismIds: body.mechanismIds,
      },
      id,
    );
    if (body.dependsOn.length) await setTaskDependencies(tx, id, body.dependsOn);
    const task = (await findPlanTask(tx, id))!;
    await audit(ctx, tx, 'task.create', task, null, publicPlanTask(task));
    return publicPlanTask(task);
  });
}

export async function changePlanTask(ctx: ServiceContext, id: string, body: PlanTaskUpdate) {
  return ctx.db.transaction(async (tx) => {
    const { task, plan } = await taskWithPlan(ctx, tx, id, { lock: true });
    if (task.version !== body.version) throw staleVersion('This task');
    const { version, ...given } = body;
    const fields = (Object.keys(given) as PlanTaskField[]).filter((k) => given[k as keyof typeof given] !== undefined);
    checkPlanTaskChange(plan.status, fields, plan.planVersion);

    const status = body.status ?? task.status;
    if (body.status === undefined && body.blockedReason && task.status !== 'blocked') {
      throw invalid('A reason is given only for a blocked task; set the status to blocked too.', [{ field: 'blockedReason', message: 'is only given when a task is blocked' }]);
    }
    const startOn = body.startOn !== undefined ? body.startOn : task.startOn;
    const dueOn = body.dueOn !== undefined ? body.dueOn : task.dueOn;
    checkPlanTaskDates(startOn, dueOn);
    await checkWho(ctx, tx, body.personIds, body.mechanismIds);

    const tasks = await listPlanTasks(tx, plan.id);
    const changes: PlanTaskChanges = {
      title: body.title,
      how: body.how,
      startOn: body.startOn,
      dueOn: body.dueOn,
      phase: body.phase,
      status: body.status,
      evidence: body.evidence,
      links: body.links,
    };
    if (body.status !== undefined) {
      changes.blockedReason = status === 'blocked' ? body.blockedReason! : null;
      if (status === 'done' && task.status !== 'done') changes.completedOn = today();
      if (status !== 'done') changes.completedOn = null;
    } else if (body.blockedReason !== undefined && task.status === 'blocked') {
      if (body.blockedReason === null) throw invalid('A blocked task needs a reason; change the status to unblock it.', [{ field: 'blockedReason', message: 'is required while the task is blocked' }]);
      changes.blockedReason = body.blockedReason;
    }
    if (body.dependsOn !== undefined) await checkDependencies(tx, plan, tasks, task.id, body.dependsOn);

    // Moving in the outline: out of the old siblings, into the new ones.
    const parentId = body.parentId !== undefined ? body.parentId : task.parentId;
    if (body.parentId !== undefined || body.position !== undefined) {
      checkTaskParent(tasks, task.id, parentId);
      await closeSiblingPosition(tx, plan.id, task.parentId, task.position);
      await tx.query('update tasks set position = -1 where id = $1', [task.id]);
      const end = await nextSiblingPosition(tx, plan.id, parentId);
      const position = Math.min(body.position ?? end, end);
      await openSiblingPosition(tx, plan.id, parentId, position);
      changes.parentId = parentId;
      changes.position = position;
    }
    if (!(await updatePlanTask(tx, task.id, body.version, changes))) throw staleVersion('This task');
    if (body.personIds !== undefined) await setTaskPeople(tx, task.id, body.personIds);
    if (body.mechanismIds !== undefined) await setTaskMechanisms(tx, task.id, body.mechanismIds);
    if (body.dependsOn !== undefined) await setTaskDependencies(tx, task.id, body.dependsOn);
    const after = (await findPlanTask(tx, task.id))!;
    await audit(ctx, tx, 'task.update', task, publicPlanTask(task), publicPlanTask(after));
    return publicPlanTask(after);
  });
}

/** Deletes a task and everything nested under it (a change to the plan: drafts only). */
export async function removePlanTask(ctx: ServiceContext, id: string, version: number) {
  await ctx.db.transaction(async (tx) => {
    const { task, plan } = await taskWithPlan(ctx, tx, id, { lock: true });
    if (task.version !== version) throw staleVersion('This task');
    checkPlanOutlineChange(plan.status, plan.planVersion);
    const removed = await taskSubtreeIds(tx, task.id);
    await deletePlanTask(tx, task.id);
    await closeSiblingPosition(tx, plan.id, task.parentId, task.position);
    await audit(ctx, tx, 'task.delete', task, { ...publicPlanTask(task), subtasksRemoved: removed.length - 1 }, null);
  });
}

// ---- Lists across plans -------------------------------------------------------------------------------

const listing = ({ unitPath: _p, ...t }: PlanTaskListing) => ({
  ...t,
  gaps: planningGaps({ status: t.status, personIds: t.people.map((p) => p.id), mechanismIds: t.mechanisms.map((m) => m.id), dueOn: t.dueOn, hasSubtasks: t.hasSubtasks }),
});
export type PlanTaskListItem = ReturnType<typeof listing>;

/**
 * While the next version of an approved plan is drafted, its tasks are copies of the approved
 * version's, which stays in force: lists across plans show the plan in force, not both (else every
 * task is listed twice, and twice in the calendar feed).
 */
async function withoutDraftCopies(q: Queryable, rows: PlanTaskListing[]): Promise<PlanTaskListing[]> {
  const candidates = [...new Set(rows.filter((r) => r.planVersion > 1 && r.planStatus !== 'approved').map((r) => r.planId))];
  if (candidates.length === 0) return rows;
  const copies = await q.query<{ id: string }>(
    `select p.id from plans p where p.id = any($1::uuid[])
       and exists (select 1 from plans o where o.lineage_id = p.lineage_id and o.id <> p.id and o.status = 'approved')`,
    [candidates],
  );
  const hidden = new Set(copies.map((c) => c.id));
  return hidden.size ? rows.filter((r) => !hidden.has(r.planId)) : rows;
}

/** The caller's tasks across every plan they can read (open first, by due date). */
export async function myPlanTasks(ctx: ServiceContext, opts: { includeDone?: boolean } = {}) {
  const roots = scopeRoots(ctx.caller, 'plan.read');
  const rows = await listPlanTasksWhere(ctx.db, { personId: ctx.caller.personId, ...(roots ? { subtreePaths: roots } : {}), openOnly: !opts.includeDone });
  return (await withoutDraftCopies(ctx.db, rows)).map(listing);
}

/** A unit's (or its subtree's) plan tasks that are overdue, or planned incompletely (no WHO or no WHEN). */
export async function unitPlanTasks(ctx: ServiceContext, unitId: string, opts: { subtree: boolean; filter: 'overdue' | 'incomplete' | 'open' }) {
  const unit = await findUnit(ctx.db, unitId);
  if (!unit) throw notFound('The unit');
  authorize(ctx.caller, 'plan.read', unit.path);
  // Overdue and incomplete lists are narrowed in SQL first, so a large subtree's open tasks do not
  // crowd them out of the 5,000 read; the exact rule is core's, below.
  const candidates = opts.filter === 'open' ? {} : { candidates: opts.filter };
  const rows = await listPlanTasksWhere(ctx.db, { ...(opts.subtree ? { subtreePaths: [unit.path] } : { unitId: unit.id }), openOnly: true, limit: 5000, ...candidates });
  const items = (await withoutDraftCopies(ctx.db, rows)).map(listing).filter((t) => !t.hasSubtasks);
  if (opts.filter === 'overdue') return items.filter((t) => t.overdue);
  if (opts.filter === 'incomplete') return items.filter((t) => t.gaps.length > 0);
  return items;
}
