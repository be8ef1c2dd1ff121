// Coaching lists as tables to download: a coach's own caseload (most urgent first) and a unit's
// engagements (with those below it), each with its cadence state and why. Through the lists' own
// services, so access and filters are the screen's; focus areas in the words of each unit's list.
import { COACHING_CADENCE_STATE_LABELS, COACHING_ENGAGEMENT_KIND_LABELS, coachingFocusAreasInForce } from '@trellis/core';
import { coachingFocusLayersOn, findUnit } from '@trellis/db';
import type { ServiceContext } from '../../context.js';
import { caseload, unitEngagements, type EngagementWithStatus } from '../coaching/coaching.js';
import { fileSlug, type ExportTable } from './tables.js';

const STATUS_WORDS = { active: 'Active', paused: 'Paused', ended: 'Ended' } as const;
const AFFILIATION_WORDS = { internal: 'Internal', external: 'External' } as const;

async function engagementTable(ctx: ServiceContext, fileBase: string, items: EngagementWithStatus[]): Promise<ExportTable> {
  // Each unit's focus-area words (a school takes its district's list), read once per unit.
  const labels = new Map<string, Map<string, string>>();
  for (const unitId of new Set(items.map((i) => i.engagement.unitId))) {
    const path = (await findUnit(ctx.db, unitId))?.path;
    const areas = path ? coachingFocusAreasInForce(await coachingFocusLayersOn(ctx.db, path)) : [];
    labels.set(unitId, new Map(areas.map((a) => [a.key, a.label])));
  }
  return {
    fileBase,
    header: ['Unit', 'Coach', 'Coach is', 'Kind', 'With', 'Focus areas', 'Start', 'Planned end', 'Status', 'Cadence', 'Why', 'Days overdue', 'Next due', 'Goals', 'Id'],
    rows: items.map(({ engagement: e, status: s }) => [
      e.unitName,
      e.coachName,
      AFFILIATION_WORDS[e.coachAffiliation],
      COACHING_ENGAGEMENT_KIND_LABELS[e.kind],
      e.targetName,
      e.focusAreaKeys.map((k) => labels.get(e.unitId)?.get(k) ?? k).join('; ') || null,
      e.startOn,
      e.plannedEndOn,
      STATUS_WORDS[e.status],
      COACHING_CADENCE_STATE_LABELS[s.state],
      s.message,
      s.daysOverdue || null,
      s.nextDueOn,
      e.goals,
      e.id,
    ]),
  };
}

/** The caller's own caseload (ended engagements when asked), most urgent first. */
export async function exportMyCaseload(ctx: ServiceContext, opts: { includeEnded: boolean }): Promise<ExportTable> {
  const { items } = await caseload(ctx, { includeEnded: opts.includeEnded });
  return engagementTable(ctx, opts.includeEnded ? 'my-caseload-with-ended' : 'my-caseload', items);
}

/** A unit's engagements (`subtree`: and those below it; `includeEnded`: the ended ones too). */
export async function exportUnitEngagements(ctx: ServiceContext, unitId: string, opts: { subtree: boolean; includeEnded: boolean }): Promise<ExportTable> {
  const items = await unitEngagements(ctx, unitId, opts);
  const unit = await findUnit(ctx.db, unitId);
  return engagementTable(ctx, fileSlug(unit?.name ?? 'unit', 'coaching engagements'), items);
}
