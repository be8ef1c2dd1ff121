// The timeline's rows: every school with what it does in each month, grouped by the group of
// schools it belongs to or by its facilitator, in the order the schedule starts them.
import type { RolloutPhaseKind, RolloutSchedule, RolloutSitePlan } from '@trellis/core';
import { formatShortMonth } from './labels';

export type GroupBy = 'subset' | 'facilitator';

export interface PhaseKey {
  /** 1-based, in the scenario's order: what a timeline cell shows. */
  number: number;
  name: string;
  kind: RolloutPhaseKind;
}

/** A month of a school's path: a phase, a blackout pause inside it, or nothing. */
export type Cell = { phase: PhaseKey } | 'paused' | null;

export interface TimelineRow {
  site: RolloutSitePlan;
  name: string;
  facilitatorName: string;
  groupKey: string;
}

export interface TimelineGroup {
  key: string;
  name: string;
  /** One line on the group: when it starts and is institutionalized, or how many schools it serves. */
  detail: string;
}

/** The phases as numbered for the legend, from the schedule's sites in the order of the scenario. */
export function phaseKeys(schedule: RolloutSchedule, order: readonly string[]): PhaseKey[] {
  const kinds = new Map<string, RolloutPhaseKind>();
  for (const site of schedule.sites) for (const p of site.phases) if (!kinds.has(p.phase)) kinds.set(p.phase, p.kind);
  const names = [...order.filter((n) => kinds.has(n)), ...[...kinds.keys()].filter((n) => !order.includes(n))];
  return names.map((name, i) => ({ number: i + 1, name, kind: kinds.get(name)! }));
}

/** What a school does in each month of the schedule. Labels are YYYY-MM, so they compare as text. */
export function siteCells(site: RolloutSitePlan, months: readonly string[], blackout: readonly boolean[], keys: ReadonlyMap<string, PhaseKey>): Cell[] {
  const first = site.underWay ? '' : (site.startMonth ?? '');
  const last = site.institutionalizedMonth;
  return months.map((m, i) => {
    if (m < first || m > last) return null;
    if (blackout[i]) return 'paused';
    const p = site.phases.find((x) => x.start !== null && x.end !== null && x.start <= m && m <= x.end) ?? site.phases.find((x) => x.start === null && x.end !== null && m <= x.end);
    const key = p && keys.get(p.phase);
    return key ? { phase: key } : 'paused';
  });
}

export function timelineGroups(schedule: RolloutSchedule, siteNames: Record<string, string>, by: GroupBy): { groups: TimelineGroup[]; rows: TimelineRow[] } {
  const facilitatorNames = new Map(schedule.cadre.map((f) => [f.facilitatorId, f.name]));
  const groups: TimelineGroup[] =
    by === 'subset'
      ? schedule.subsets.map((s) => ({
          key: s.subsetId,
          name: s.name,
          detail: `${s.siteCount} ${s.siteCount === 1 ? 'school' : 'schools'}${s.startMonth ? `, starting ${formatShortMonth(s.startMonth)}` : ''}${s.waves.length > 1 ? ` in ${s.waves.length} waves` : ''}${s.institutionalizedMonth ? `, institutionalized by ${formatShortMonth(s.institutionalizedMonth)}` : ''}`,
        }))
      : schedule.cadre.map((f) => ({
          key: f.facilitatorId,
          name: f.name,
          detail: `${f.siteCount} ${f.siteCount === 1 ? 'school' : 'schools'}, capacity ${f.capacity}${f.region ? `, ${f.region}` : ''}`,
        }));
  const order = new Map(groups.map((g, i) => [g.key, i]));
  const rows = schedule.sites
    .map((site) => ({
      site,
      name: siteNames[site.siteId] ?? site.siteId,
      facilitatorName: facilitatorNames.get(site.facilitatorId) ?? site.facilitatorId,
      groupKey: by === 'subset' ? site.subsetId : site.facilitatorId,
    }))
    .sort((a, b) => (order.get(a.groupKey) ?? 0) - (order.get(b.groupKey) ?? 0) || a.site.startIndex - b.site.startIndex || a.name.localeCompare(b.name));
  return { groups, rows };
}
