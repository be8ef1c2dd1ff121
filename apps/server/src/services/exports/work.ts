// The work lists as tables to download: a unit's open plan tasks (overdue, incompletely planned, or
// all open ones; the unit alone or with the units below), a person's own tasks, and a unit's barrier log. Each goes through the
// list's own service, so access and filters are the screen's.
import { BARRIER_CATEGORY_LABELS, BARRIER_STATUS_LABELS, PLAN_PHASE_CATALOG, PLAN_STATUS_LABELS, TASK_STATUS_LABELS } from '@trellis/core';
import { findUnit } from '@trellis/db';
import type { ServiceContext } from '../../context.js';
import { myPlanTasks, unitPlanTasks } from '../plans/tasks.js';
import { listUnitBarriers } from '../progress/barriers.js';
import { celebrationsOf } from '../progress/celebrations.js';
import { fileSlug, type ExportTable } from './tables.js';

const unitName = async (ctx: ServiceContext, unitId: string) => (await findUnit(ctx.db, unitId))?.name ?? 'unit';

const FILTER_WORDS = { overdue: 'overdue', incomplete: 'incompletely planned', open: 'open' } as const;

type PlanTaskItem = Awaited<ReturnType<typeof unitPlanTasks>>[number];

function planTaskTable(fileBase: string, tasks: PlanTaskItem[]): ExportTable {
  return {
    fileBase,
    header: ['Unit', 'Plan', 'Plan status', 'Task', 'Status', 'Blocked because', 'Phase', 'WHO (people)', 'WHO (mechanisms)', 'HOW', 'Start', 'Due', 'Overdue', 'Missing', 'Task id', 'Plan id'],
    rows: tasks.map((t) => [
      t.unitName,
      t.planTitle,
      PLAN_STATUS_LABELS[t.planStatus],
      t.title,
      TASK_STATUS_LABELS[t.status],
      t.blockedReason,
      t.phase ? PLAN_PHASE_CATALOG[t.phase].label : null,
      t.people.map((p) => p.name).join('; ') || null,
      t.mechanisms.map((m) => m.name).join('; ') || null,
      t.how,
      t.startOn,
      t.dueOn,
      t.overdue ? 'yes' : 'no',
      t.gaps.map((g) => (g === 'who' ? 'WHO' : 'WHEN')).join(', ') || null,
      t.id,
      t.planId,
    ]),
  };
}

export async function exportUnitPlanTasks(ctx: ServiceContext, unitId: string, opts: { subtree: boolean; filter: 'overdue' | 'incomplete' | 'open' }): Promise<ExportTable> {
  return planTaskTable(fileSlug(await unitName(ctx, unitId), FILTER_WORDS[opts.filter], 'plan tasks'), await unitPlanTasks(ctx, unitId, opts));
}

/** The caller's own tasks, as My tasks lists them (open ones; `includeDone` adds finished ones). */
export async function exportMyPlanTasks(ctx: ServiceContext, opts: { includeDone: boolean }): Promise<ExportTable> {
  return planTaskTable(opts.includeDone ? 'my-tasks-with-done' : 'my-tasks', await myPlanTasks(ctx, opts));
}

export async function exportUnitBarriers(ctx: ServiceContext, unitId: string, opts: { subtree: boolean }): Promise<ExportTable> {
  const barriers = await listUnitBarriers(ctx, unitId, opts);
  return {
    fileBase: fileSlug(await unitName(ctx, unitId), 'barriers'),
    header: ['Unit', 'Mechanism', 'Category', 'Barrier', 'Status', 'Owner', 'Next step', 'Target date', 'Raised on', 'Last update', 'Stale', 'Why stale', 'Resolved on', 'Days to resolution', 'Resolution', 'Why dropped', 'Id'],
    rows: barriers.map((b) => [
      b.unitName,
      b.mechanismName,
      BARRIER_CATEGORY_LABELS[b.category],
      b.description,
      BARRIER_STATUS_LABELS[b.status],
      b.ownerName,
      b.nextStep,
      b.targetOn,
      b.raisedOn,
      b.lastUpdateOn,
      b.staleness.stale ? 'yes' : 'no',
      b.staleness.reasons.map((r) => (r === 'no_update' ? `no update for ${b.staleness.daysSinceUpdate} days` : `${b.staleness.daysPastTarget} days past its target date`)).join('; ') || null,
      b.resolvedOn,
      b.daysToResolution,
      b.resolution,
      b.dropReason,
      b.id,
    ]),
  };
}

/** A unit's celebration feed (`subtree`: with the units below): the confirmed ones, newest first as listed. */
export async function exportUnitCelebrations(ctx: ServiceContext, unitId: string, opts: { subtree: boolean }): Promise<ExportTable> {
  const { confirmed } = await celebrationsOf(ctx, unitId, opts);
  return {
    fileBase: fileSlug(await unitName(ctx, unitId), 'celebrations'),
    header: ['Unit', 'Celebrated on', 'Title', 'Description', 'Milestone', 'Id'],
    rows: confirmed.map((c) => [c.unitName, c.celebratedOn, c.title, c.description, c.milestoneKey ? 'proposed by Trellis' : 'added by a leader', c.id]),
  };
}
