// Plans: created blank or from a shipped template, moved along the approval path (draft → submitted
// → revision requested → … → approved), frozen once approved and changed only in a new version, and
// cascaded from the state to districts to schools with progress rolling up. Access follows the plan's
// unit; who may move a plan along is core's `mayMovePlan` (role or mechanism membership).
import {
  assertPlanPermission,
  authorize,
  checkPlanOutlineChange,
  checkPlanTransition,
  checkTemplateSuits,
  conflict,
  decide,
  effectiveRole,
  invalid,
  isWithin,
  mayMovePlan,
  notFound,
  PLAN_TEMPLATE_CATALOG,
  planChangeOutcome,
  planOutline,
  planProgress,
  planTemplate,
  planTemplateNodes,
  rollUp,
  seedTasksFromTemplate,
  staleVersion,
  type Action,
  type MechanismKind,
  type MechanismStatus,
  type MembershipRole,
  type PlanActor,
  type PlanCreate,
  type PlanMoveBody,
  type PlanNewVersionBody,
  type PlanProgress,
  type PlanStatus,
  type PlanUpdate,
  type SourceRef,
} from '@trellis/core';
import {
  copyPlanTasks,
  countChildPlans,
  deletePlan,
  findPlan,
  findUnit,
  insertPlan,
  insertPlanStatusEvent,
  insertPlanTask,
  listChildPlans,
  listDescendantPlans,
  listPlanStatusEvents,
  listPlanTasks,
  listPlanVersions,
  listProgressTasks,
  listUnitPlans,
  membershipsAtUnit,
  recordAuditEvent,
  supersedeEarlierVersions,
  updatePlan,
  type PlanRecord,
  type PlanStatusEventRecord,
  type PlanTaskRecord,
  type Queryable,
} from '@trellis/db';
import type { ServiceContext } from '../../context.js';

export const publicPlan = ({ unitPath: _p, ...plan }: PlanRecord) => plan;
export type PublicPlan = ReturnType<typeof publicPlan>;
export const publicPlanTask = ({ unitPath: _p, ...task }: PlanTaskRecord) => task;

export async function planFor(ctx: ServiceContext, q: Queryable, id: string, action: Action, opts: { lock?: boolean } = {}): Promise<PlanRecord> {
  const plan = await findPlan(q, id, opts);
  if (!plan) throw notFound('The plan');
  authorize(ctx.caller, action, plan.unitPath, 'The plan');
  return plan;
}

/** The caller as plan decisions see them, at the plan's unit. */
export async function planActor(ctx: ServiceContext, q: Queryable, unitId: string, unitPath: string): Promise<PlanActor> {
  const memberships = await membershipsAtUnit(q, ctx.caller.personId, unitId);
  return {
    isSystemAdmin: ctx.caller.isSystemAdmin,
    role: effectiveRole(ctx.caller, unitPath),
    memberships: memberships.map((m) => ({ mechanismKind: m.mechanismKind as MechanismKind, membershipRole: m.membershipRole as MembershipRole, mechanismStatus: m.mechanismStatus as MechanismStatus })),
  };
}

const audit = (ctx: ServiceContext, q: Queryable, action: string, plan: { id: string; unitId: string }, before: unknown, after: unknown) =>
  recordAuditEvent(q, { actorId: ctx.caller.personId, action, entityType: 'plan', entityId: plan.id, unitId: plan.unitId, before, after, requestId: ctx.requestId });

// ---- Templates -------------------------------------------------------------------------------------

/** The catalog of plan templates (versioned data), each node with its source. */
export const planTemplates = () => PLAN_TEMPLATE_CATALOG;

/** Where each task that came from a template comes from in the documents. */
function sourcesOf(plan: PlanRecord): Map<string, SourceRef> {
  if (!plan.templateKey) return new Map();
  try {
    return new Map(planTemplateNodes(planTemplate(plan.templateKey)).map((n) => [n.key, n.source]));
  } catch {
    return new Map(); // a template withdrawn from a later catalog: the tasks stay, without sources
  }
}

// ---- Reading ---------------------------------------------------------------------------------------

async function progressOf(q: Queryable, planIds: string[]): Promise<Map<string, PlanProgress>> {
  const tasks = await listProgressTasks(q, planIds);
  const byPlan = new Map<string, typeof tasks>(planIds.map((id) => [id, []]));
  for (const t of tasks) byPlan.get(t.planId)!.push(t);
  return new Map([...byPlan].map(([id, list]) => [id, planProgress(list)]));
}

/** A unit's plans (the newest version of each, and the approved one in force), with their progress. */
export async function listPlans(ctx: ServiceContext, unitId: string, opts: { allVersions?: boolean } = {}) {
  const unit = await findUnit(ctx.db, unitId);
  if (!unit) throw notFound('The unit');
  authorize(ctx.caller, 'plan.read', unit.path);
  const plans = await listUnitPlans(ctx.db, unit.id, opts);
  const progress = await progressOf(ctx.db, plans.map((p) => p.id));
  return plans.map((p) => ({ ...publicPlan(p), progress: progress.get(p.id)! }));
}

export interface PlanPermissions {
  edit: boolean;
  submit: boolean;
  withdraw: boolean;
  requestRevision: boolean;
  approve: boolean;
  startNewVersion: boolean;
  /** Why the caller may or may not approve, in words (for the page). */
  approveReason: string;
}

async function permissionsFor(ctx: ServiceContext, q: Queryable, plan: PlanRecord, newestVersion: number): Promise<PlanPermissions> {
  const actor = await planActor(ctx, q, plan.unitId, plan.unitPath);
  const may = (to: PlanStatus) => {
    try {
      checkPlanTransition(plan.status, to, { comment: 'x' });
    } catch {
      return false;
    }
    return mayMovePlan(actor, plan.status, to).allowed;
  };
  const canEdit = decide(ctx.caller, 'plan.edit', plan.unitPath) === 'allow';
  const approve = mayMovePlan(actor, 'submitted', 'approved');
  return {
    edit: canEdit && (plan.status === 'draft' || plan.status === 'revision_requested'),
    submit: may('submitted') && plan.status !== 'submitted',
    withdraw: plan.status === 'submitted' && may('draft'),
    requestRevision: plan.status === 'submitted' && may('revision_requested'),
    approve: plan.status === 'submitted' && may('approved'),
    startNewVersion: canEdit && plan.status === 'approved' && newestVersion === plan.planVersion,
    approveReason: approve.reason,
  };
}

/** A plan with its outline, progress (own and rolled up from the plans it spawned), versions, history and what the caller may do. */
export async function getPlan(ctx: ServiceContext, id: string) {
  const plan = await planFor(ctx, ctx.db, id, 'plan.read');
  const [tasks, versions, history, children, descendants] = await Promise.all([
    listPlanTasks(ctx.db, plan.id),
    listPlanVersions(ctx.db, plan.lineageId),
    listPlanStatusEvents(ctx.db, plan.id),
    listChildPlans(ctx.db, [plan.id]),
    listDescendantPlans(ctx.db, plan.id),
  ]);
  const sources = sourcesOf(plan);
  const progress = await progressOf(ctx.db, [plan.id, ...descendants.map((d) => d.id)]);
  const own = progress.get(plan.id)!;
  // Roll-up counts the plans below that the caller may read; the rest are summed without names.
  const visibleChildren = children.filter((c) => decide(ctx.caller, 'plan.read', c.unitPath) === 'allow');
  const parent = plan.parentPlanId ? await findPlan(ctx.db, plan.parentPlanId) : null;
  const newest = versions[versions.length - 1]!;
  return {
    ...publicPlan(plan),
    tasks: planOutline(tasks.map(publicPlanTask)).map((t) => ({ ...t, source: t.templateNodeKey ? (sources.get(t.templateNodeKey) ?? null) : null })),
    progress: own,
    rollUp: rollUp([own, ...descendants.map((d) => progress.get(d.id)!)]),
    plansBelow: descendants.length,
    children: visibleChildren.map((c) => ({ ...publicPlan(c), progress: progress.get(c.id)! })),
    hiddenChildren: children.length - visibleChildren.length,
    parent: parent && decide(ctx.caller, 'plan.read', parent.unitPath) === 'allow' ? { id: parent.id, title: parent.title, unitName: parent.unitName, status: parent.status } : null,
    versions: versions.map((v) => ({ id: v.id, planVersion: v.planVersion, status: v.status, updatedAt: v.updatedAt })),
    history: history.map(publicEvent),
    permissions: await permissionsFor(ctx, ctx.db, plan, newest.planVersion),
  };
}

const publicEvent = (e: PlanStatusEventRecord) => e;

// ---- Writing ---------------------------------------------------------------------------------------

/** A new plan at a unit: blank, or from a template (its outline becomes tasks with phases, each citing its source). */
export async function createPlan(ctx: ServiceContext, body: PlanCreate) {
  return ctx.db.transaction(async (tx) => {
    const unit = await findUnit(tx, body.unitId);
    if (!unit) throw notFound('The unit');
    authorize(ctx.caller, 'plan.edit', unit.path);
    if (unit.archived) throw conflict('This unit is archived; plans are made for units at work.', [{ field: 'unitId', message: 'is archived' }]);
    let parentPlan: PlanRecord | null = null;
    if (body.parentPlanId) {
      parentPlan = await findPlan(tx, body.parentPlanId);
      if (!parentPlan || decide(ctx.caller, 'plan.read', parentPlan.unitPath) !== 'allow') {
        throw invalid('The plan above was not found.', [{ field: 'parentPlanId', message: 'must be a plan you can see' }]);
      }
      if (!(isWithin(unit.path, parentPlan.unitPath) && unit.path !== parentPlan.unitPath)) {
        throw invalid(`A plan spawned from “${parentPlan.title}” must be for a unit below ${parentPlan.unitName}.`, [{ field: 'parentPlanId', message: 'must be a plan of a unit above this one' }]);
      }
      if (parentPlan.status === 'superseded') throw conflict('The plan above was superseded; spawn from its newest version.', [{ field: 'parentPlanId', message: 'is superseded' }]);
    }
    const template = body.template ? planTemplate(body.template.key) : null;
    if (template) {
      try {
        checkTemplateSuits(template, body.kind, unit.kind);
      } catch (e) {
        // Say it against the field the user chose.
        throw invalid((e as Error).message, [{ field: 'template.key', message: (e as Error).message }]);
      }
    }
    const plan = await insertPlan(tx, {
      unitId: unit.id,
      kind: body.kind,
      title: body.title,
      templateKey: template?.key ?? null,
      templateVersion: template ? PLAN_TEMPLATE_CATALOG.version : null,
      parentPlanId: parentPlan?.id ?? null,
      createdBy: ctx.caller.personId,
    });
    let taskCount = 0;
    if (template) {
      const ids = new Map<string, string>();
      for (const seed of seedTasksFromTemplate(template, body.template?.phases ? { phases: body.template.phases } : {})) {
        const id = await insertPlanTask(tx, {
          planId: plan.id,
          unitId: unit.id,
          parentId: seed.parentTemplateNodeKey ? (ids.get(seed.parentTemplateNodeKey) ?? null) : null,
          position: seed.position,
          title: seed.title.slice(0, 300),
          how: null,
          phase: seed.phase,
          templateNodeKey: seed.templateNodeKey,
        });
        ids.set(seed.templateNodeKey, id);
        taskCount++;
      }
    }
    await insertPlanStatusEvent(tx, { planId: plan.id, fromStatus: 'draft', toStatus: 'draft', comment: template ? `Started from the template “${template.name}” (${taskCount} tasks).` : 'Started blank.', actorId: ctx.caller.personId });
    await audit(ctx, tx, 'plan.create', plan, null, { ...publicPlan(plan), taskCount });
    return publicPlan(plan);
  });
}

export async function changePlan(ctx: ServiceContext, id: string, body: PlanUpdate) {
  return ctx.db.transaction(async (tx) => {
    const plan = await planFor(ctx, tx, id, 'plan.edit', { lock: true });
    if (plan.version !== body.version) throw staleVersion('This plan');
    checkPlanOutlineChange(plan.status, plan.planVersion);
    const after = await updatePlan(tx, plan.id, body.version, { title: body.title });
    if (!after) throw staleVersion('This plan');
    await audit(ctx, tx, 'plan.update', plan, publicPlan(plan), publicPlan(after));
    return publicPlan(after);
  });
}

const MOVE_ACTIONS: Record<'submitted' | 'draft' | 'revision_requested' | 'approved', string> = {
  submitted: 'plan.submit',
  draft: 'plan.withdraw',
  revision_requested: 'plan.request_revision',
  approved: 'plan.approve',
};

/** One step along the approval path. Approving a newer version supersedes the one in force. */
export async function movePlan(ctx: ServiceContext, id: string, to: 'submitted' | 'draft' | 'revision_requested' | 'approved', body: PlanMoveBody) {
  return ctx.db.transaction(async (tx) => {
    const plan = await planFor(ctx, tx, id, 'plan.read', { lock: true });
    const actor = await planActor(ctx, tx, plan.unitId, plan.unitPath);
    const tasks = await listProgressTasks(tx, [plan.id]);
    checkPlanTransition(plan.status, to, { comment: body.comment ?? null, taskCount: tasks.length });
    assertPlanPermission(mayMovePlan(actor, plan.status, to));
    if (plan.version !== body.version) throw staleVersion('This plan');
    const after = await updatePlan(tx, plan.id, body.version, { status: to });
    if (!after) throw staleVersion('This plan');
    await insertPlanStatusEvent(tx, { planId: plan.id, fromStatus: plan.status, toStatus: to, comment: body.comment ?? null, actorId: ctx.caller.personId });
    await audit(ctx, tx, MOVE_ACTIONS[to], plan, { status: plan.status, version: plan.version }, { status: to, version: after.version, comment: body.comment ?? null });
    if (to === 'approved') {
      for (const supersededId of await supersedeEarlierVersions(tx, plan.lineageId, plan.planVersion)) {
        await insertPlanStatusEvent(tx, { planId: supersededId, fromStatus: 'approved', toStatus: 'superseded', comment: `Version ${plan.planVersion} was approved.`, actorId: null });
        await audit(ctx, tx, 'plan.supersede', { id: supersededId, unitId: plan.unitId }, { status: 'approved' }, { status: 'superseded', by: plan.id });
      }
    }
    return publicPlan(after);
  });
}

/** Changing an approved plan: a draft of the next version, a copy of this one with every task. */
export async function startNewVersion(ctx: ServiceContext, id: string, body: PlanNewVersionBody) {
  return ctx.db.transaction(async (tx) => {
    const plan = await planFor(ctx, tx, id, 'plan.edit', { lock: true });
    if (plan.version !== body.version) throw staleVersion('This plan');
    const versions = await listPlanVersions(tx, plan.lineageId);
    const newest = versions[versions.length - 1]!;
    if (plan.status !== 'approved') {
      const outcome = planChangeOutcome(plan, newest);
      if (outcome.action === 'refuse') throw outcome.error;
      throw conflict(`This plan is ${plan.status.replace('_', ' ')}: change it as it is. Only an approved plan starts a new version.`, [{ field: 'status', message: 'is not approved' }]);
    }
    const outcome = planChangeOutcome(plan, newest.planVersion > plan.planVersion ? newest : null);
    if (outcome.action === 'edit_newer_version') {
      throw conflict(`Version ${outcome.planVersion} of this plan is already open. Make the change there.`, [{ field: 'version', message: `version ${outcome.planVersion} is open` }]);
    }
    if (outcome.action !== 'start_new_version') throw conflict('This plan cannot start a new version.');
    const draft = await insertPlan(tx, {
      lineageId: plan.lineageId,
      planVersion: outcome.planVersion,
      unitId: plan.unitId,
      kind: plan.kind,
      title: plan.title,
      templateKey: plan.templateKey,
      templateVersion: plan.templateVersion,
      parentPlanId: plan.parentPlanId,
      createdBy: ctx.caller.personId,
    });
    const copied = await copyPlanTasks(tx, plan.id, draft.id);
    await insertPlanStatusEvent(tx, { planId: draft.id, fromStatus: 'draft', toStatus: 'draft', comment: `Version ${draft.planVersion} started from approved version ${plan.planVersion} (${copied.size} tasks).`, actorId: ctx.caller.personId });
    await audit(ctx, tx, 'plan.new_version', draft, null, { ...publicPlan(draft), copiedFrom: plan.id, taskCount: copied.size });
    return publicPlan(draft);
  });
}

/** A draft (or a plan returned for revision) that spawned no plans can be deleted; approved work is kept. */
export async function removePlan(ctx: ServiceContext, id: string, version: number) {
  await ctx.db.transaction(async (tx) => {
    const plan = await planFor(ctx, tx, id, 'plan.edit', { lock: true });
    if (plan.version !== version) throw staleVersion('This plan');
    if (plan.status !== 'draft' && plan.status !== 'revision_requested') {
      throw conflict(`Only a draft can be deleted; this plan is ${plan.status.replace('_', ' ')} and is kept as a record.`, [{ field: 'status', message: `is ${plan.status}` }]);
    }
    if ((await countChildPlans(tx, plan.id)) > 0) throw conflict('Plans below were spawned from this plan. Delete or re-home them first.', [{ field: 'id', message: 'has plans below it' }]);
    const tasks = await listProgressTasks(tx, [plan.id]);
    await deletePlan(tx, plan.id);
    await audit(ctx, tx, 'plan.delete', plan, { ...publicPlan(plan), taskCount: tasks.length }, null);
  });
}
