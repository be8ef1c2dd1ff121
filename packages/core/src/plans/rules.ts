// The rules of plans, as plain functions over plain data: plan kinds and the approval path, who may
// move a plan along, task dependencies without cycles, incomplete planning (no WHO or no WHEN),
// progress by phase and its roll-up up the cascade, recommendations and their decisions, and the
// comparison of design documents (a district's adaptation against the state's prototype, and any
// two versions of one document).
import { atLeast, ROLE_LABELS, type Role } from '../access/roles.js';
import type { SourceRef } from '../catalogs/sources.js';
import { conflict, DomainError, forbidden, invalid, notFound } from '../errors.js';
import type { MechanismKind, MechanismStatus, MembershipRole } from '../mechanisms/catalog.js';
import type { TaskStatus } from '../tasks/schemas.js';
import { PLAN_PHASES, type PlanPhase } from './templates.js';
import type { InterventionFrameworkChange } from '../resources/framework.js';

const guide = (section: string, quote: string): SourceRef => ({ source: 'planning-coaching-guide', section, quote });
const PLANNING_TEAM_FUNCTIONS = 'Appendix A — Planning Team — Functions';

// ---- Plan kinds ----------------------------------------------------------------------------------

export const PLAN_KINDS = ['strategic_system_change', 'start_up_phase_in', 'sustainability'] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];

export const PLAN_KIND_LABELS: Record<PlanKind, string> = {
  strategic_system_change: 'Strategic system-change plan',
  start_up_phase_in: 'Start-up and phase-in action plan',
  sustainability: 'Sustainability plan',
};

/** Where the documents ask for each kind of plan. */
export const PLAN_KIND_SOURCES: Readonly<Record<PlanKind, SourceRef>> = {
  strategic_system_change: guide(
    'Coaches and Mentors: Overlapping Functions, Different Roles',
    'This is followed by in-depth help focused on developing a strategic system change plan to guide the process.',
  ),
  start_up_phase_in: guide(PLANNING_TEAM_FUNCTIONS, 'prepares draft action plan for start-up and phase-in'),
  sustainability: guide(PLANNING_TEAM_FUNCTIONS, 'once approved, prepares a draft plan for sustainability'),
};

export const isPlanKind = (value: unknown): value is PlanKind => typeof value === 'string' && (PLAN_KINDS as readonly string[]).includes(value);

// ---- The approval path ---------------------------------------------------------------------------
// "prepares draft action plan … submits plan for revision and eventual approval" (planning team);
// "reviews and approves the action plan the Planning Team develops" (steering body). Each version of
// a plan goes draft → submitted → (revision requested → submitted …) → approved. An approved
// version is frozen: a change starts a draft of the next version, and the approved one stays the
// plan in force until the next is approved, when it becomes superseded.

export const PLAN_APPROVAL_SOURCES: readonly SourceRef[] = [
  guide(PLANNING_TEAM_FUNCTIONS, 'submits plan for revision and eventual approval'),
  guide('Appendix A — Steering Body — Functions', 'reviews and approves the action plan the Planning Team develops'),
];

export const PLAN_STATUSES = ['draft', 'submitted', 'revision_requested', 'approved', 'superseded'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const PLAN_STATUS_LABELS: Record<PlanStatus, string> = {
  draft: 'Draft',
  submitted: 'Submitted',
  revision_requested: 'Revision requested',
  approved: 'Approved',
  superseded: 'Superseded',
};

export const PLAN_STATUS_DESCRIPTIONS: Record<PlanStatus, string> = {
  draft: 'Being drafted by the planning team; it can be changed freely.',
  submitted: 'Submitted for approval; it cannot change while it is reviewed.',
  revision_requested: 'Returned with comments; the planning team revises it and submits it again.',
  approved: 'Approved and frozen. A change starts a draft of the next version; this version stays in force until that one is approved.',
  superseded: 'A newer version was approved; this one is kept as it was, for the record.',
};

/** The moves of the approval path, named as people speak of them. */
export const PLAN_MOVES = ['submit', 'withdraw', 'request_revision', 'approve', 'supersede'] as const;
export type PlanMove = (typeof PLAN_MOVES)[number];

export const PLAN_MOVE_LABELS: Record<PlanMove, string> = {
  submit: 'Submit for approval',
  withdraw: 'Withdraw to draft',
  request_revision: 'Request a revision',
  approve: 'Approve',
  supersede: 'Supersede',
};

/** Each status, the statuses it may move to, and the move that takes it there. */
export const PLAN_TRANSITIONS: Readonly<Record<PlanStatus, Readonly<Partial<Record<PlanStatus, PlanMove>>>>> = {
  draft: { submitted: 'submit' },
  submitted: { revision_requested: 'request_revision', approved: 'approve', draft: 'withdraw' },
  revision_requested: { submitted: 'submit' },
  approved: { superseded: 'supersede' },
  superseded: {},
};

export const isPlanStatus = (value: unknown): value is PlanStatus => typeof value === 'string' && (PLAN_STATUSES as readonly string[]).includes(value);

/** The statuses a plan in `from` may move to. */
export const allowedPlanTransitions = (from: PlanStatus): PlanStatus[] => PLAN_STATUSES.filter((to) => PLAN_TRANSITIONS[from][to] !== undefined);

/** Its tasks and fields may change only in these statuses. */
export const isPlanEditable = (status: PlanStatus) => status === 'draft' || status === 'revision_requested';
/** Approved and superseded versions never change. */
export const isPlanFrozen = (status: PlanStatus) => status === 'approved' || status === 'superseded';

const MOVE_WORDS: Record<PlanStatus, string> = {
  draft: 'go back to draft',
  submitted: 'be submitted',
  revision_requested: 'be returned for revision',
  approved: 'be approved',
  superseded: 'be superseded',
};
const OPTION_WORDS: Record<PlanMove, string> = {
  submit: 'be submitted',
  withdraw: 'be withdrawn to draft',
  request_revision: 'be returned for revision with comments',
  approve: 'be approved',
  supersede: 'be superseded when a newer version is approved',
};

const joinOr = (items: string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`);
const lower = (s: PlanStatus) => PLAN_STATUS_LABELS[s].toLowerCase();

export interface PlanTransitionContext {
  /** Required (non-blank) to return a plan for revision: what to revise. */
  comment?: string | null;
  /** The plan's number of tasks, when known: an empty plan is not submitted. */
  taskCount?: number;
  /** Set by the system when a newer version of the plan is approved: the only way to supersede. */
  newerVersionApproved?: boolean;
}

/**
 * Throws unless a plan version may move from `from` to `to`, and returns the move. Refusals are
 * `conflict` with a message that says what to do instead; a missing comment is `invalid`.
 */
export function checkPlanTransition(from: PlanStatus, to: PlanStatus, context: PlanTransitionContext = {}): PlanMove {
  for (const [field, value] of [
    ['currentStatus', from],
    ['to', to],
  ] as const) {
    if (!isPlanStatus(value)) {
      throw invalid(`"${String(value)}" is not a plan status; use one of ${PLAN_STATUSES.join(', ')}.`, [
        { field, message: `must be one of ${PLAN_STATUSES.join(', ')}` },
      ]);
    }
  }
  const move = PLAN_TRANSITIONS[from][to];
  const issue = [{ field: 'to', message: `cannot change from ${lower(from)} to ${lower(to)}` }];
  if (move === undefined) {
    let message: string;
    if (from === to) {
      message = `This plan is already ${lower(from)}.`;
    } else if (from === 'superseded') {
      message = 'This version of the plan was superseded by a newer approved version and is kept as it was. Make changes in the newest version.';
    } else if (from === 'approved') {
      message =
        'This plan is approved and frozen. To change it, start a new version: Trellis copies it into a draft of the next version, ' +
        'and this one stays in force until the new version is approved.';
    } else if (to === 'superseded') {
      message = `A plan that is ${lower(from)} cannot be superseded; only an approved version is, when a newer version is approved.`;
    } else if (from === 'draft') {
      message = `A draft cannot ${MOVE_WORDS[to]} before it is submitted. Submit it for approval first.`;
    } else if (from === 'revision_requested' && to === 'approved') {
      message = 'A plan returned for revision cannot be approved as it stands. The planning team revises it and submits it again first.';
    } else {
      const options = Object.values(PLAN_TRANSITIONS[from]).map((m) => OPTION_WORDS[m]);
      message = `A plan that is ${lower(from)} cannot ${MOVE_WORDS[to]}. From ${lower(from)} it can ${joinOr(options)}.`;
    }
    throw conflict(message, issue);
  }
  if (move === 'request_revision' && !context.comment?.trim()) {
    throw invalid('Say what to revise: a plan is returned for revision with comments.', [{ field: 'comment', message: 'is required when requesting a revision' }]);
  }
  if (move === 'submit' && context.taskCount === 0) {
    throw conflict('A plan with no tasks cannot be submitted. Add the tasks it will carry out (WHO, HOW and WHEN for each), then submit it.', issue);
  }
  if (move === 'supersede' && !context.newerVersionApproved) {
    throw conflict('An approved plan is superseded only when a newer version of it is approved; it cannot be superseded by hand.', issue);
  }
  return move;
}

/** A version of a plan as changes see it. */
export interface PlanVersionState {
  status: PlanStatus;
  /** 1, 2, …: the plan's version number (not the row's concurrency version). */
  planVersion: number;
}

/** What Trellis does with a change to a plan's content (a task, a field). */
export type PlanChangeOutcome =
  | { action: 'edit_in_place' }
  /** Copy the approved version into a draft numbered `planVersion` and make the change there. */
  | { action: 'start_new_version'; planVersion: number; copyOf: number; status: 'draft' }
  /** A newer version is already open: make the change there (ask this function again about it). */
  | { action: 'edit_newer_version'; planVersion: number }
  | { action: 'refuse'; error: DomainError };

/**
 * What a change to `plan` does. Draft and revision requested: change in place. Submitted: refused
 * until withdrawn or decided. Approved: frozen, so the change starts a draft of the next version,
 * unless a newer version is already open (then the change goes there). Superseded: refused.
 */
export function planChangeOutcome(plan: PlanVersionState, newest: PlanVersionState | null = null): PlanChangeOutcome {
  switch (plan.status) {
    case 'draft':
    case 'revision_requested':
      return { action: 'edit_in_place' };
    case 'submitted':
      return {
        action: 'refuse',
        error: conflict('This plan is submitted for approval and cannot change while it is reviewed. Withdraw it to draft to change it, or wait for the decision.', [
          { field: 'status', message: 'is submitted' },
        ]),
      };
    case 'approved':
      if (newest !== null && newest.planVersion > plan.planVersion) return { action: 'edit_newer_version', planVersion: newest.planVersion };
      return { action: 'start_new_version', planVersion: plan.planVersion + 1, copyOf: plan.planVersion, status: 'draft' };
    case 'superseded':
      return {
        action: 'refuse',
        error: conflict(
          `Version ${plan.planVersion} of this plan was superseded${newest ? ` by version ${newest.planVersion}` : ''} and is kept as it was. Make the change in the newest version.`,
          [{ field: 'status', message: 'is superseded' }],
        ),
      };
  }
}

// ---- Who may move a plan along ---------------------------------------------------------------------
// The policy (one table, so the product and its tests read the same thing):
// - submit and withdraw: a member of the unit's planning team ("submits plan for revision and
//   eventual approval"), or anyone with the editor role or above at the unit;
// - request a revision and approve: a member of the unit's steering body ("reviews and approves the
//   action plan the Planning Team develops"), or anyone with the leader role or above at the unit;
// - supersede: never by hand; the system does it when a newer version is approved;
// - decide a recommendation: the authority it was submitted to — the superintendent or governing
//   body (a member of the unit's superintendent_governing_body mechanism), or the unit's leader
//   (a district's superintendent, a school's principal, holding the leader role there).
// Memberships count when the mechanism is at the plan's unit, is not retired, and the person is not
// there as an external party (external change agents and collaborators advise; they do not decide).
// Everyone must at least see the unit (any role there); otherwise the plan is hidden.

export interface PlanPolicyEntry {
  /** Membership in one of these mechanisms at the plan's unit allows the move. */
  mechanisms: readonly MechanismKind[];
  /** This role or above at the unit allows the move; null: no role does. */
  minimumRole: Role | null;
  /** Where the documents give the move to those mechanisms. */
  source?: SourceRef;
}

export const PLAN_MOVE_POLICY: Readonly<Record<PlanMove, PlanPolicyEntry>> = {
  submit: { mechanisms: ['planning_team'], minimumRole: 'editor', source: PLAN_APPROVAL_SOURCES[0] },
  withdraw: { mechanisms: ['planning_team'], minimumRole: 'editor', source: PLAN_APPROVAL_SOURCES[0] },
  request_revision: { mechanisms: ['steering_body'], minimumRole: 'leader', source: PLAN_APPROVAL_SOURCES[1] },
  approve: { mechanisms: ['steering_body'], minimumRole: 'leader', source: PLAN_APPROVAL_SOURCES[1] },
  supersede: { mechanisms: [], minimumRole: null },
};

export const PLAN_RECOMMENDATION_DECISION_POLICY: PlanPolicyEntry = {
  mechanisms: ['superintendent_governing_body'],
  minimumRole: 'leader',
  source: guide('Appendix C — (2) Plan for changes within the DEPARTMENT and with REGIONAL UNITS — item (d)', '(d) Submit recommendations to Superintendent'),
};

/** The caller as plan decisions see them, at the plan's unit. */
export interface PlanActor {
  isSystemAdmin: boolean;
  /** The strongest role the caller holds at the unit (through a grant at it or above), or null. */
  role: Role | null;
  /** The caller's memberships in mechanisms established at the unit. */
  memberships: readonly { mechanismKind: MechanismKind; membershipRole: MembershipRole; mechanismStatus: MechanismStatus }[];
}

export type PlanPermission =
  | { allowed: true; basis: 'system_admin' | 'role' | 'membership'; reason: string }
  | { allowed: false; decision: 'hidden' | 'forbidden'; reason: string };

const MECHANISM_NAMES: Partial<Record<MechanismKind, string>> = {
  planning_team: 'planning team',
  steering_body: 'steering body',
  superintendent_governing_body: 'superintendent and governing body',
};

const countsAsMember = (m: PlanActor['memberships'][number], kinds: readonly MechanismKind[]) =>
  kinds.includes(m.mechanismKind) && m.mechanismStatus !== 'retired' && m.membershipRole !== 'external';

function decidePolicy(actor: PlanActor, policy: PlanPolicyEntry, what: string): PlanPermission {
  if (actor.isSystemAdmin) return { allowed: true, basis: 'system_admin', reason: 'System administrators may do anything.' };
  if (actor.role === null) return { allowed: false, decision: 'hidden', reason: 'You have no access to this unit.' };
  const membership = actor.memberships.find((m) => countsAsMember(m, policy.mechanisms));
  if (membership) {
    return { allowed: true, basis: 'membership', reason: `You are on the unit’s ${MECHANISM_NAMES[membership.mechanismKind] ?? membership.mechanismKind}.` };
  }
  if (policy.minimumRole !== null && atLeast(actor.role, policy.minimumRole)) {
    return { allowed: true, basis: 'role', reason: `Your role here is ${ROLE_LABELS[actor.role].toLowerCase()}.` };
  }
  const who = [
    ...policy.mechanisms.map((k) => `a member of the unit’s ${MECHANISM_NAMES[k] ?? k}`),
    ...(policy.minimumRole ? [`someone with the ${ROLE_LABELS[policy.minimumRole].toLowerCase()} role or above here`] : []),
  ];
  return { allowed: false, decision: 'forbidden', reason: `Only ${joinOr(who)} may ${what}.` };
}

const MOVE_WHAT: Record<PlanMove, string> = {
  submit: 'submit a plan for approval',
  withdraw: 'withdraw a submitted plan',
  request_revision: 'return a plan for revision',
  approve: 'approve a plan',
  supersede: 'supersede a plan',
};

/** May the caller make the move that takes a plan from `from` to `to`? Says why either way. */
export function mayMovePlan(actor: PlanActor, from: PlanStatus, to: PlanStatus): PlanPermission {
  const move = isPlanStatus(from) && isPlanStatus(to) ? PLAN_TRANSITIONS[from][to] : undefined;
  if (move === undefined) {
    if (!actor.isSystemAdmin && actor.role === null) return { allowed: false, decision: 'hidden', reason: 'You have no access to this unit.' };
    return { allowed: false, decision: 'forbidden', reason: `No one may move a plan from ${String(from)} to ${String(to)}.` };
  }
  if (move === 'supersede') {
    return { allowed: false, decision: 'forbidden', reason: 'A plan is superseded by the system when a newer version is approved, never by hand.' };
  }
  return decidePolicy(actor, PLAN_MOVE_POLICY[move], MOVE_WHAT[move]);
}

/** May the caller decide (accept, decline, defer) a recommendation submitted to the authority at this unit? */
export const mayDecideRecommendation = (actor: PlanActor): PlanPermission => decidePolicy(actor, PLAN_RECOMMENDATION_DECISION_POLICY, 'decide a recommendation');

/** Throws `not_found` or `forbidden` unless the permission allows. */
export function assertPlanPermission(permission: PlanPermission, what = 'The plan'): void {
  if (permission.allowed) return;
  if (permission.decision === 'hidden') throw notFound(what);
  throw forbidden(permission.reason);
}

// ---- Task dependencies -------------------------------------------------------------------------------

/** Task `taskId` cannot start (or finish) before `dependsOnId` is done. */
export interface TaskDependencyEdge {
  taskId: string;
  dependsOnId: string;
}

/**
 * A cycle among the dependencies, as the path that closes it: `[a, b, c, a]` reads "a depends on b,
 * which depends on c, which depends on a"; `[a, a]` is a task that depends on itself. Null when
 * there is none. Iterative (a plan of ten thousand chained tasks does not overflow the stack).
 */
export function findDependencyCycle(edges: readonly TaskDependencyEdge[]): string[] | null {
  const next = new Map<string, string[]>();
  for (const e of edges) {
    const list = next.get(e.taskId);
    if (list) list.push(e.dependsOnId);
    else next.set(e.taskId, [e.dependsOnId]);
  }
  const done = new Set<string>();
  for (const start of next.keys()) {
    if (done.has(start)) continue;
    const stack: { node: string; at: number }[] = [{ node: start, at: 0 }];
    const onStack = new Map<string, number>([[start, 0]]);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const targets = next.get(top.node) ?? [];
      if (top.at >= targets.length) {
        stack.pop();
        onStack.delete(top.node);
        done.add(top.node);
        continue;
      }
      const target = targets[top.at++]!;
      const depth = onStack.get(target);
      if (depth !== undefined) return [...stack.slice(depth).map((f) => f.node), target];
      if (done.has(target)) continue;
      onStack.set(target, stack.length);
      stack.push({ node: target, at: 0 });
    }
  }
  return null;
}

/**
 * The cycle that adding `edge` would close, as a path starting and ending at `edge.taskId` (the
 * shortest such), or null when the edge is safe. Assumes `edges` has no cycle of its own.
 */
export function dependencyCycleIfAdded(edges: readonly TaskDependencyEdge[], edge: TaskDependencyEdge): string[] | null {
  if (edge.taskId === edge.dependsOnId) return [edge.taskId, edge.taskId];
  const next = new Map<string, string[]>();
  for (const e of edges) {
    const list = next.get(e.taskId);
    if (list) list.push(e.dependsOnId);
    else next.set(e.taskId, [e.dependsOnId]);
  }
  // Breadth first from what the task would depend on, looking for the task itself.
  const cameFrom = new Map<string, string | null>([[edge.dependsOnId, null]]);
  const queue = [edge.dependsOnId];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i]!;
    if (node === edge.taskId) {
      const back: string[] = [];
      for (let n: string | null = node; n !== null; n = cameFrom.get(n) ?? null) back.push(n);
      return [edge.taskId, ...back.reverse()];
    }
    for (const target of next.get(node) ?? []) {
      if (!cameFrom.has(target)) {
        cameFrom.set(target, node);
        queue.push(target);
      }
    }
  }
  return null;
}

/**
 * A cycle in words: "A depends on B, which depends on C, which depends on A". Long cycles keep
 * their first and last steps and say how many are left out.
 */
export function describeDependencyCycle(path: readonly string[], nameOf: (id: string) => string = (id) => id, maxSteps = 8): string {
  if (path.length === 2 && path[0] === path[1]) return `${nameOf(path[0]!)} cannot depend on itself`;
  const names = path.map(nameOf);
  const steps = names.length - 1;
  let shown: string[] = names;
  if (steps > maxSteps) {
    const head = names.slice(0, Math.ceil(maxSteps / 2));
    const tail = names.slice(names.length - Math.floor(maxSteps / 2));
    shown = [...head, `… (${names.length - head.length - tail.length} more tasks) …`, ...tail];
  }
  return `${shown[0]} depends on ${shown.slice(1).join(', which depends on ')}`;
}

const CYCLE_ADVICE = 'A task cannot wait for work that waits for it. Remove one of these dependencies.';

/** Throws `conflict` when adding `edge` to `edges` would make a cycle, naming the tasks in it. */
export function checkNewTaskDependency(edges: readonly TaskDependencyEdge[], edge: TaskDependencyEdge, nameOf?: (id: string) => string): void {
  const cycle = dependencyCycleIfAdded(edges, edge);
  if (cycle === null) return;
  const words = describeDependencyCycle(cycle, nameOf);
  const message = cycle.length === 2 ? `${words}.` : `This dependency would make a cycle: ${words}. ${CYCLE_ADVICE}`;
  throw conflict(message, [{ field: 'dependsOn', message: cycle.length === 2 ? 'must not include the task itself' : 'would make a cycle' }]);
}

/**
 * Throws `conflict` when giving `taskId` exactly the dependencies `dependsOnIds` (replacing what it
 * had in `edges`) would make a cycle anywhere.
 */
export function checkTaskDependencies(edges: readonly TaskDependencyEdge[], taskId: string, dependsOnIds: readonly string[], nameOf?: (id: string) => string): void {
  const others = edges.filter((e) => e.taskId !== taskId);
  for (const dependsOnId of dependsOnIds) checkNewTaskDependency(others, { taskId, dependsOnId }, nameOf);
  const cycle = findDependencyCycle([...others, ...dependsOnIds.map((dependsOnId) => ({ taskId, dependsOnId }))]);
  if (cycle !== null) {
    throw conflict(`These dependencies would make a cycle: ${describeDependencyCycle(cycle, nameOf)}. ${CYCLE_ADVICE}`, [
      { field: 'dependsOn', message: 'would make a cycle' },
    ]);
  }
}

// ---- WHO, HOW, WHEN ----------------------------------------------------------------------------------
// "For each of the following, clarify: WHO will carry out the task, HOW, and WHEN" (Appendix C).
// Trellis reads WHO as at least one person or mechanism, and WHEN as a due date (a start date alone
// says when work begins, not when it is expected). HOW is asked for but its absence is not flagged:
// many tasks are their own how. A task that has subtasks is planned through them, and a done task
// needs no more planning; neither is flagged.

export const PLANNING_GAPS = ['who', 'when'] as const;
export type PlanningGap = (typeof PLANNING_GAPS)[number];

export interface PlanningCheckTask {
  status: TaskStatus;
  personIds: readonly string[];
  mechanismIds: readonly string[];
  dueOn: string | null;
  /** True when other tasks nest under it. */
  hasSubtasks?: boolean;
}

/** What the task still lacks: `who`, `when`, both, or nothing. */
export function planningGaps(task: PlanningCheckTask): PlanningGap[] {
  if (task.status === 'done' || task.hasSubtasks) return [];
  const gaps: PlanningGap[] = [];
  if (task.personIds.length === 0 && task.mechanismIds.length === 0) gaps.push('who');
  if (!task.dueOn) gaps.push('when');
  return gaps;
}

/** A task without WHO or without WHEN: shown as incomplete planning. */
export const isIncompletePlanning = (task: PlanningCheckTask) => planningGaps(task).length > 0;

/** Throws `invalid` unless the due date is on or after the start date (YYYY-MM-DD compare as strings). */
export function checkPlanTaskDates(startOn: string | null | undefined, dueOn: string | null | undefined): void {
  if (startOn && dueOn && dueOn < startOn) {
    throw invalid(`The due date (${dueOn}) is before the start date (${startOn}). Move the due date later or the start date earlier.`, [
      { field: 'dueOn', message: 'must be on or after the start date' },
    ]);
  }
}

// ---- Progress and the cascade ------------------------------------------------------------------------
// Progress is the share of tasks done. Only tasks without subtasks count (a parent is as done as
// its subtasks, so counting it too would count the same work twice). A task's phase is its own or,
// when it has none, its nearest ancestor's; tasks with no phase anywhere count under "unphased".
//
// Roll-up up the cascade (school plans → district → state) adds the counts, so each plan weighs as
// many tasks as it has: a school with 40 tasks, 20 done, and one with 10 tasks, 10 done, roll up to
// 30 of 50 (60%), not to the mean of 50% and 100% (75%). This way the parent's share is the share of
// all the work below it that is done, and a plan with few tasks cannot swing the whole picture.

export const PLAN_PROGRESS_BUCKETS = [...PLAN_PHASES, 'unphased'] as const;
export type PlanProgressBucket = (typeof PLAN_PROGRESS_BUCKETS)[number];

export interface PlanProgressCount {
  done: number;
  total: number;
  blocked: number;
  /** done / total, from 0 to 1; null when there are no tasks (no work is not 0% done). */
  share: number | null;
}

export interface PlanProgress {
  overall: PlanProgressCount;
  byPhase: Record<PlanProgressBucket, PlanProgressCount>;
}

export interface PlanProgressTask {
  id: string;
  parentId: string | null;
  phase: PlanPhase | null;
  status: TaskStatus;
}

const count = (done: number, total: number, blocked: number): PlanProgressCount => ({ done, total, blocked, share: total === 0 ? null : done / total });
const emptyProgress = (): PlanProgress => ({
  overall: count(0, 0, 0),
  byPhase: Object.fromEntries(PLAN_PROGRESS_BUCKETS.map((b) => [b, count(0, 0, 0)])) as Record<PlanProgressBucket, PlanProgressCount>,
});

/** The share of a plan's tasks done, overall and by phase. */
export function planProgress(tasks: readonly PlanProgressTask[]): PlanProgress {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const parents = new Set(tasks.map((t) => t.parentId).filter((p): p is string => p !== null && byId.has(p)));
  const phaseOf = (task: PlanProgressTask): PlanPhase | null => {
    const seen = new Set<string>();
    for (let t: PlanProgressTask | undefined = task; t && !seen.has(t.id); t = t.parentId === null ? undefined : byId.get(t.parentId)) {
      if (t.phase !== null) return t.phase;
      seen.add(t.id);
    }
    return null;
  };
  const tally = Object.fromEntries(PLAN_PROGRESS_BUCKETS.map((b) => [b, { done: 0, total: 0, blocked: 0 }])) as Record<PlanProgressBucket, { done: number; total: number; blocked: number }>;
  for (const t of tasks) {
    if (parents.has(t.id)) continue;
    const bucket = tally[phaseOf(t) ?? 'unphased'];
    bucket.total++;
    if (t.status === 'done') bucket.done++;
    if (t.status === 'blocked') bucket.blocked++;
  }
  return fromTally(tally);
}

function fromTally(tally: Record<PlanProgressBucket, { done: number; total: number; blocked: number }>): PlanProgress {
  const progress = emptyProgress();
  let done = 0;
  let total = 0;
  let blocked = 0;
  for (const b of PLAN_PROGRESS_BUCKETS) {
    const t = tally[b];
    progress.byPhase[b] = count(t.done, t.total, t.blocked);
    done += t.done;
    total += t.total;
    blocked += t.blocked;
  }
  progress.overall = count(done, total, blocked);
  return progress;
}

/** Progress of several plans together (a unit's own plan and the plans below it), weighted by task count. */
export function rollUp(parts: readonly PlanProgress[]): PlanProgress {
  const tally = Object.fromEntries(PLAN_PROGRESS_BUCKETS.map((b) => [b, { done: 0, total: 0, blocked: 0 }])) as Record<PlanProgressBucket, { done: number; total: number; blocked: number }>;
  for (const p of parts) {
    for (const b of PLAN_PROGRESS_BUCKETS) {
      tally[b].done += p.byPhase[b].done;
      tally[b].total += p.byPhase[b].total;
      tally[b].blocked += p.byPhase[b].blocked;
    }
  }
  return fromTally(tally);
}

// ---- Recommendations -----------------------------------------------------------------------------
// Work groups "review and recommend changes that fit with the design … with respect to current
// policies, current operational infrastructure, current programs and initiatives, possible ways to
// redeploy resources", and the recommendations are submitted to the superintendent (a school's go
// to the principal).

export const PLAN_RECOMMENDATION_SUBJECTS = ['policy', 'operational_infrastructure', 'programs_initiatives', 'resource_redeployment'] as const;
export type PlanRecommendationSubject = (typeof PLAN_RECOMMENDATION_SUBJECTS)[number];

export const PLAN_RECOMMENDATION_SUBJECT_LABELS: Record<PlanRecommendationSubject, string> = {
  policy: 'Policies',
  operational_infrastructure: 'Operational infrastructure',
  programs_initiatives: 'Programs and initiatives',
  resource_redeployment: 'Redeploying resources',
};

const C2A = 'Appendix C — (2) Plan for changes within the DEPARTMENT and with REGIONAL UNITS — item (a)';
const C2A_LEAD =
  '(a) Establish a work group to review and recommend changes that fit with the design for a unified and comprehensive system of learning supports with respect to';
export const PLAN_RECOMMENDATION_SUBJECT_SOURCES: Readonly<Record<PlanRecommendationSubject, SourceRef>> = {
  policy: guide(C2A, `${C2A_LEAD} … current policies (bulletins, guidelines, etc.)`),
  operational_infrastructure: guide(C2A, `${C2A_LEAD} … current operational infrastructure`),
  programs_initiatives: guide(C2A, `${C2A_LEAD} … current programs and initiatives`),
  resource_redeployment: guide(C2A, `${C2A_LEAD} … possible ways to redeploy resources`),
};

export const PLAN_RECOMMENDATION_DECISIONS = ['accepted', 'declined', 'deferred'] as const;
export type PlanRecommendationDecision = (typeof PLAN_RECOMMENDATION_DECISIONS)[number];

/**
 * Throws `conflict` unless a recommendation whose decision is `current` (null: not yet decided) may
 * be decided `next`. Undecided and deferred ones may be decided any way; accepted and declined are final.
 */
export function checkRecommendationDecision(current: PlanRecommendationDecision | null, next: PlanRecommendationDecision): void {
  if (current === 'accepted' || current === 'declined') {
    throw conflict(
      `This recommendation was already ${current}, and that decision is final. To reconsider, the work group submits a new recommendation.`,
      [{ field: 'decision', message: `is already ${current}` }],
    );
  }
  if (!(PLAN_RECOMMENDATION_DECISIONS as readonly string[]).includes(next)) {
    throw invalid(`"${String(next)}" is not a decision; use one of ${PLAN_RECOMMENDATION_DECISIONS.join(', ')}.`, [
      { field: 'decision', message: `must be one of ${PLAN_RECOMMENDATION_DECISIONS.join(', ')}` },
    ]);
  }
}

/** Throws `conflict` when tasks are linked to a recommendation that is not accepted: tasks carry out accepted ones. */
export function checkRecommendationTasks(decision: PlanRecommendationDecision | null, taskIds: readonly string[]): void {
  if (taskIds.length > 0 && decision !== 'accepted') {
    throw conflict(
      `Tasks carry out an accepted recommendation; this one is ${decision ?? 'not yet decided'}. Link the tasks once it is accepted.`,
      [{ field: 'taskIds', message: 'can be linked only to an accepted recommendation' }],
    );
  }
}

// ---- Design documents: versions and adaptation ---------------------------------------------------------
// A design document holds the vision, aims, rationale, the intervention framework adopted, and the
// essential features that fidelity requires. The state's is the prototype; a district adopts it and
// adapts it ("local customization, without undermining the essential features"). Comparing two
// documents lists every difference field by field; comparing an adaptation with its prototype also
// flags every change to a feature the prototype marks essential.
//
// Text is compared with whitespace collapsed (a reflowed paragraph is not a change). Aims are an
// ordered list without keys: they are matched by their words (longest common subsequence); an aim
// whose words changed in place reads as changed, one that moved as moved. Features carry keys and
// are matched by key, whatever their order.

export const STRATEGIC_PLANNING_SOURCE = guide(
  'Coaches and Mentors: Overlapping Functions, Different Roles',
  'Strategic planning stresses (a) developing and implementing the work in phases, (b) fidelity to the essential features of the new directions, (c) ways to account for differences among and within agencies (at regional, district, school levels), and (d) sustainability.',
);

export interface DesignFrameworkRef {
  id: string;
  version: string;
}

export interface DesignFeature {
  /** Stable slug: adaptations are matched by it. */
  key: string;
  text: string;
  /** Fidelity requires it. */
  essential: boolean;
}

export interface DesignDocumentContent {
  vision: string;
  aims: readonly string[];
  rationale: string;
  framework: DesignFrameworkRef | null;
  /** The unit's adaptation of the intervention framework; absent or empty: adopted as it is. */
  frameworkChanges?: readonly InterventionFrameworkChange[];
  essentialFeatures: readonly DesignFeature[];
}

export const DESIGN_FIELDS = ['vision', 'aims', 'rationale', 'framework', 'essentialFeatures'] as const;
export type DesignField = (typeof DESIGN_FIELDS)[number];

export type DesignValue = string | DesignFeature | DesignFrameworkRef;

export interface DesignChange {
  field: DesignField;
  change: 'added' | 'removed' | 'changed' | 'moved';
  /** Where: `vision`, `aims[2]` (position in the newer list; in the older for a removed aim), `essentialFeatures.family-engagement`, `framework`. */
  path: string;
  /** Positions of a list item before and after (aims). */
  indexBefore?: number;
  indexAfter?: number;
  /** A feature's key. */
  key?: string;
  /** What changed in a feature. */
  parts?: ('text' | 'essential')[];
  from: DesignValue | null;
  to: DesignValue | null;
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Longest-common-subsequence alignment of two lists: pairs of equal indexes, in order. */
function alignLists(a: readonly string[], b: readonly string[]): [number, number][] {
  const n = a.length;
  const m = b.length;
  const table: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) table[i]![j] = a[i] === b[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
  }
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (table[i + 1]![j]! >= table[i]![j + 1]!) i++;
    else j++;
  }
  return pairs;
}

function diffAims(before: readonly string[], after: readonly string[]): DesignChange[] {
  const a = before.map(squash);
  const b = after.map(squash);
  const pairs = alignLists(a, b);
  const changes: DesignChange[] = [];
  const matchedA = new Set(pairs.map(([i]) => i));
  const matchedB = new Set(pairs.map(([, j]) => j));
  // An aim outside the common subsequence that reappears elsewhere word for word moved.
  for (let i = 0; i < a.length; i++) {
    if (matchedA.has(i)) continue;
    const j = b.findIndex((text, k) => !matchedB.has(k) && text === a[i]);
    if (j < 0) continue;
    matchedA.add(i);
    matchedB.add(j);
    changes.push({ field: 'aims', change: 'moved', path: `aims[${j}]`, indexBefore: i, indexAfter: j, from: before[i]!, to: after[j]! });
  }
  // Between two matched anchors, the unmatched aims on either side pair up, in order, as rewordings;
  // the rest were removed or added.
  let ai = 0;
  let bj = 0;
  for (const [na, nb] of [...pairs, [a.length, b.length] as [number, number]]) {
    const gone = Array.from({ length: na - ai }, (_, k) => ai + k).filter((i) => !matchedA.has(i));
    const come = Array.from({ length: nb - bj }, (_, k) => bj + k).filter((j) => !matchedB.has(j));
    const paired = Math.min(gone.length, come.length);
    for (let k = 0; k < paired; k++) {
      const i = gone[k]!;
      const j = come[k]!;
      changes.push({ field: 'aims', change: 'changed', path: `aims[${j}]`, indexBefore: i, indexAfter: j, from: before[i]!, to: after[j]! });
    }
    for (const i of gone.slice(paired)) changes.push({ field: 'aims', change: 'removed', path: `aims[${i}]`, indexBefore: i, from: before[i]!, to: null });
    for (const j of come.slice(paired)) changes.push({ field: 'aims', change: 'added', path: `aims[${j}]`, indexAfter: j, from: null, to: after[j]! });
    ai = na + 1;
    bj = nb + 1;
  }
  const at = (c: DesignChange) => c.indexAfter ?? c.indexBefore ?? 0;
  return changes.sort((x, y) => at(x) - at(y));
}

function diffFeatures(before: readonly DesignFeature[], after: readonly DesignFeature[]): DesignChange[] {
  const changes: DesignChange[] = [];
  const afterByKey = new Map(after.map((f) => [f.key, f]));
  const beforeKeys = new Set(before.map((f) => f.key));
  for (const f of before) {
    const g = afterByKey.get(f.key);
    const path = `essentialFeatures.${f.key}`;
    if (!g) {
      changes.push({ field: 'essentialFeatures', change: 'removed', path, key: f.key, from: f, to: null });
      continue;
    }
    const parts: ('text' | 'essential')[] = [];
    if (squash(f.text) !== squash(g.text)) parts.push('text');
    if (f.essential !== g.essential) parts.push('essential');
    if (parts.length > 0) changes.push({ field: 'essentialFeatures', change: 'changed', path, key: f.key, parts, from: f, to: g });
  }
  for (const g of after) {
    if (!beforeKeys.has(g.key)) changes.push({ field: 'essentialFeatures', change: 'added', path: `essentialFeatures.${g.key}`, key: g.key, from: null, to: g });
  }
  return changes;
}

/** Every difference between two versions of a design document (or two documents), field by field, in field order. */
export function diffVersions(a: DesignDocumentContent, b: DesignDocumentContent): DesignChange[] {
  const changes: DesignChange[] = [];
  if (squash(a.vision) !== squash(b.vision)) changes.push({ field: 'vision', change: 'changed', path: 'vision', from: a.vision, to: b.vision });
  changes.push(...diffAims(a.aims, b.aims));
  if (squash(a.rationale) !== squash(b.rationale)) changes.push({ field: 'rationale', change: 'changed', path: 'rationale', from: a.rationale, to: b.rationale });
  const fa = a.framework;
  const fb = b.framework;
  if (fa?.id !== fb?.id || fa?.version !== fb?.version) {
    changes.push({ field: 'framework', change: fa === null ? 'added' : fb === null ? 'removed' : 'changed', path: 'framework', from: fa, to: fb });
  }
  const describeChanges = (list: readonly InterventionFrameworkChange[] | undefined) => (list ?? []).map((c) => `${c.op} ${c.axis} ${c.key}${c.op === 'drop' ? '' : ` “${c.name}”`}`).join('; ');
  const ca = describeChanges(a.frameworkChanges);
  const cb = describeChanges(b.frameworkChanges);
  if (ca !== cb) changes.push({ field: 'framework', change: ca === '' ? 'added' : cb === '' ? 'removed' : 'changed', path: 'frameworkChanges', from: ca || null, to: cb || null });
  changes.push(...diffFeatures(a.essentialFeatures, b.essentialFeatures));
  return changes;
}

export interface DesignAdaptation extends DesignChange {
  /** The change touches a feature the prototype marks essential. */
  essential: boolean;
  /** The adaptation in words. */
  message: string;
}

export interface DesignComparison {
  /** Every adaptation, in field order. */
  adaptations: DesignAdaptation[];
  /** The adaptations that change an essential feature of the prototype. */
  essentialChanges: DesignAdaptation[];
  /** True when every essential feature of the prototype is kept as it was. */
  keepsEssentialFeatures: boolean;
}

const clip = (s: string, n = 80) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function describeAdaptation(c: DesignChange): { essential: boolean; message: string } {
  switch (c.field) {
    case 'vision':
      return { essential: false, message: 'The vision is reworded.' };
    case 'rationale':
      return { essential: false, message: 'The rationale is reworded.' };
    case 'framework': {
      if (c.path === 'frameworkChanges') {
        return { essential: false, message: c.to === null ? 'Uses the intervention framework as the prototype has it (no adaptation).' : `Adapts the intervention framework: ${clip(c.to as string, 160)}.` };
      }
      const to = c.to as DesignFrameworkRef | null;
      const from = c.from as DesignFrameworkRef | null;
      const message =
        to === null
          ? 'No intervention framework is adopted (the prototype adopts one).'
          : from === null
            ? `Adopts the intervention framework ${to.id} ${to.version} (the prototype names none).`
            : from.id === to.id
              ? `Uses version ${to.version} of the intervention framework ${to.id} (the prototype uses ${from.version}).`
              : `Adopts a different intervention framework: ${to.id} ${to.version} instead of ${from.id} ${from.version}.`;
      return { essential: false, message };
    }
    case 'aims': {
      const n = (i: number | undefined) => (i ?? 0) + 1;
      if (c.change === 'added') return { essential: false, message: `Adds aim ${n(c.indexAfter)}: “${clip(c.to as string)}”.` };
      if (c.change === 'removed') return { essential: false, message: `Drops the prototype’s aim ${n(c.indexBefore)}: “${clip(c.from as string)}”.` };
      if (c.change === 'moved') return { essential: false, message: `Moves aim “${clip(c.to as string)}” from ${n(c.indexBefore)} to ${n(c.indexAfter)}.` };
      return { essential: false, message: `Rewords aim ${n(c.indexBefore)}: “${clip(c.to as string)}”.` };
    }
    case 'essentialFeatures': {
      const from = c.from as DesignFeature | null;
      const to = c.to as DesignFeature | null;
      if (c.change === 'added') return { essential: false, message: `Adds the feature “${clip(to!.text)}”${to!.essential ? ' and marks it essential' : ''}.` };
      const wasEssential = from!.essential;
      const name = `${wasEssential ? 'essential feature' : 'feature'} “${clip(from!.text)}”`;
      if (c.change === 'removed') {
        return { essential: wasEssential, message: `Drops the prototype’s ${name}.${wasEssential ? ' Fidelity to the design requires it.' : ''}` };
      }
      const bits: string[] = [];
      if (c.parts?.includes('text')) bits.push(`rewords it as “${clip(to!.text)}”`);
      if (c.parts?.includes('essential')) bits.push(to!.essential ? 'marks it essential' : 'no longer marks it essential');
      const tail = wasEssential ? ' Check that the adaptation keeps what fidelity requires.' : '';
      return { essential: wasEssential, message: `For the prototype’s ${name}, ${bits.join(' and ')}.${tail}` };
    }
  }
}

/** Every way `adapted` departs from `prototype`, with changes to the prototype's essential features flagged. */
export function compareDesign(prototype: DesignDocumentContent, adapted: DesignDocumentContent): DesignComparison {
  const adaptations = diffVersions(prototype, adapted).map((c) => ({ ...c, ...describeAdaptation(c) }));
  const essentialChanges = adaptations.filter((a) => a.essential);
  return { adaptations, essentialChanges, keepsEssentialFeatures: essentialChanges.length === 0 };
}
