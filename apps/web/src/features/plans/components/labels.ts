// How plans read on screen: dates, shares, who, and the badge colour of each status (filled shades
// whose white text clears WCAG AA contrast).
import { PLAN_PHASE_CATALOG, PLAN_PROGRESS_BUCKETS, type PlanPhase, type PlanProgressBucket, type PlanProgressCount, type PlanStatus, type TaskStatus } from '@trellis/core';

const day = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' });

/** '2026-12-01' → 'Dec 1, 2026' (read as a calendar day, never shifted by the time zone). */
export const formatDay = (iso: string | null | undefined) => (iso ? day.format(new Date(`${iso}T00:00:00Z`)) : '');

export const todayIso = () => {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
};

export const formatShare = (share: number | null) => (share === null ? 'no tasks' : `${Math.round(share * 100)}%`);

export const PLAN_STATUS_COLORS: Record<PlanStatus, string> = {
  draft: 'gray.7',
  submitted: 'blue.9',
  revision_requested: 'red.9',
  approved: 'trellis.7',
  superseded: 'gray.8',
};

export const TASK_STATUS_COLORS: Record<TaskStatus, string> = {
  not_started: 'gray.7',
  under_way: 'blue.9',
  done: 'trellis.7',
  blocked: 'red.9',
};

export const phaseLabel = (p: PlanPhase | null | undefined) => (p ? PLAN_PHASE_CATALOG[p].label : 'No phase');

export const bucketLabel = (b: PlanProgressBucket) => (b === 'unphased' ? 'No phase' : PLAN_PHASE_CATALOG[b].label);

/** The buckets that hold any task, in phase order. */
export const usedBuckets = (byPhase: Record<string, PlanProgressCount>) => PLAN_PROGRESS_BUCKETS.filter((b) => (byPhase[b]?.total ?? 0) > 0);

/** "3 of 12 done (25%)", with the blocked ones when there are any. */
export const countWords = (c: PlanProgressCount) =>
  c.total === 0 ? 'No tasks yet' : `${c.done} of ${c.total} done (${formatShare(c.share)})${c.blocked ? `, ${c.blocked} blocked` : ''}`;

export const whoWords = (t: { people: { name: string }[]; mechanisms: { name: string }[] }) => [...t.people.map((p) => p.name), ...t.mechanisms.map((m) => m.name)].join(', ');

export const gapWords = (gaps: readonly ('who' | 'when')[]) =>
  gaps.length === 2 ? 'No WHO and no WHEN' : gaps[0] === 'who' ? 'No WHO (no person or team named)' : gaps[0] === 'when' ? 'No WHEN (no due date)' : '';
