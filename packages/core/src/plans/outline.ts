// A plan's tasks as an outline, and what may change in a task of a plan in each status.
//
// An approved plan is frozen: its content — the outline, WHO, HOW, WHEN, phases, dependencies —
// changes only in a new version. Carrying it out is not a change to the plan: a task's status, the
// reason it is blocked, its evidence and links are how the work is reported, and they stay open while
// the plan is approved (docs/decisions/0013-plans-storage-and-freezing.md).
import { z } from 'zod';
import { conflict, invalid } from '../errors.js';
import { optionalText } from '../schemas/fields.js';
import { Version } from '../organizations/schemas.js';
import { PLAN_STATUS_LABELS, type PlanStatus } from './rules.js';

/** Fields of a plan task that report the work rather than plan it. */
export const PLAN_TASK_EXECUTION_FIELDS = ['status', 'blockedReason', 'evidence', 'links'] as const;
/** Fields that are the plan itself: frozen once the plan is approved. */
export const PLAN_TASK_PLANNING_FIELDS = ['parentId', 'position', 'title', 'how', 'personIds', 'mechanismIds', 'startOn', 'dueOn', 'phase', 'dependsOn'] as const;
export type PlanTaskField = (typeof PLAN_TASK_EXECUTION_FIELDS)[number] | (typeof PLAN_TASK_PLANNING_FIELDS)[number];

/**
 * Throws unless these fields of a task may change while its plan has this status. Draft and revision
 * requested: anything. Submitted: nothing of the plan (it is under review), the work may still be
 * reported. Approved: only the work. Superseded: nothing.
 */
export function checkPlanTaskChange(planStatus: PlanStatus, fields: readonly PlanTaskField[], planVersion = 1): void {
  if (planStatus === 'draft' || planStatus === 'revision_requested') return;
  if (planStatus === 'superseded') {
    throw conflict(`Version ${planVersion} of this plan was superseded by a newer approved version and is kept as it was. Make the change in the newest version.`, [
      { field: 'status', message: 'the plan is superseded' },
    ]);
  }
  const planning = fields.filter((f) => (PLAN_TASK_PLANNING_FIELDS as readonly string[]).includes(f));
  if (planning.length === 0) return;
  const issues = planning.map((field) => ({ field, message: `cannot change while the plan is ${PLAN_STATUS_LABELS[planStatus].toLowerCase()}` }));
  if (planStatus === 'submitted') {
    throw conflict('This plan is submitted for approval, so its tasks cannot be replanned while it is reviewed. Withdraw it to draft to change them, or wait for the decision. Progress (status, evidence) can still be recorded.', issues);
  }
  throw conflict(
    'This plan is approved and frozen: its tasks’ WHO, HOW, WHEN and outline change only in a new version. Start a new version to change them; progress (status, evidence, links) can still be recorded here.',
    issues,
  );
}

/** Adding or removing tasks changes the plan: allowed only in a draft or a plan returned for revision. */
export function checkPlanOutlineChange(planStatus: PlanStatus, planVersion = 1): void {
  if (planStatus === 'draft' || planStatus === 'revision_requested') return;
  checkPlanTaskChange(planStatus, ['parentId'], planVersion);
}

export interface OutlineTask {
  id: string;
  parentId: string | null;
  position: number;
}

export type OutlineEntry<T> = T & {
  /** 0 for a top-level task. */
  depth: number;
  /** "1", "1.2", "1.2.3": the task's place in the outline. */
  number: string;
  hasSubtasks: boolean;
};

/**
 * The tasks in outline order (each followed by its subtasks), with depth and number. Tasks whose
 * parent is missing are placed at the top level, so nothing is ever hidden.
 */
export function planOutline<T extends OutlineTask>(tasks: readonly T[]): OutlineEntry<T>[] {
  const ids = new Set(tasks.map((t) => t.id));
  const children = new Map<string | null, T[]>();
  for (const t of tasks) {
    const parent = t.parentId !== null && ids.has(t.parentId) ? t.parentId : null;
    const list = children.get(parent) ?? [];
    list.push(t);
    children.set(parent, list);
  }
  for (const list of children.values()) list.sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));
  const out: OutlineEntry<T>[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, prefix: string, depth: number) => {
    (children.get(parent) ?? []).forEach((t, i) => {
      if (seen.has(t.id)) return;
      seen.add(t.id);
      const number = prefix ? `${prefix}.${i + 1}` : String(i + 1);
      out.push({ ...t, depth, number, hasSubtasks: (children.get(t.id)?.length ?? 0) > 0 });
      walk(t.id, number, depth + 1);
    });
  };
  walk(null, '', 0);
  // A parent cycle (which the service never writes) would leave tasks unvisited: list them at the end.
  for (const t of tasks) if (!seen.has(t.id)) out.push({ ...t, depth: 0, number: '?', hasSubtasks: false });
  return out;
}

/** Throws unless `parentId` may hold the task: a task of the same plan that is not the task itself or nested under it. */
export function checkTaskParent(tasks: readonly OutlineTask[], taskId: string | null, parentId: string | null): void {
  if (parentId === null) return;
  const byId = new Map(tasks.map((t) => [t.id, t]));
  if (!byId.has(parentId)) throw invalid('The task to nest under is not a task of this plan.', [{ field: 'parentId', message: 'must be a task of the same plan' }]);
  if (taskId === null) return;
  for (let at: OutlineTask | undefined = byId.get(parentId); at; at = at.parentId === null ? undefined : byId.get(at.parentId)) {
    if (at.id === taskId) {
      throw invalid('A task cannot be nested under itself or under one of its own subtasks.', [{ field: 'parentId', message: 'must not be the task itself or one of its subtasks' }]);
    }
  }
}

/** The body of a move along the approval path: the plan's version, and a comment (required to request a revision). */
export const PlanMoveBody = z.strictObject({
  version: Version,
  comment: optionalText(4000).optional(),
});
export type PlanMoveBody = z.infer<typeof PlanMoveBody>;

/** Starting the next version of an approved plan. */
export const PlanNewVersionBody = z.strictObject({ version: Version });
export type PlanNewVersionBody = z.infer<typeof PlanNewVersionBody>;
