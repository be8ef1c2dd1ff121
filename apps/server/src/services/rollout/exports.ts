// A computed schedule out of Trellis: a CSV of every school's phases, and a facilitator's work as
// an iCalendar file (one all-day event per school and phase, from its first to its last month).
import { stringify } from 'csv-stringify/sync';
import ical from 'ical-generator';
import { notFound, type RolloutResult } from '@trellis/core';

const PHASE_KIND_LABELS: Record<string, string> = { readiness: 'Readiness', intensive: 'Intensive', 'cycling-back': 'Cycling back', institutionalization: 'Institutionalization' };

/** Every school's phases with their facilitator and months: the rows of the schedule's CSV and XLSX. */
export function scheduleTable(result: RolloutResult): { header: string[]; rows: (string | number | null)[][] } {
  const { schedule, siteNames } = result;
  const subsetNames = new Map(schedule.subsets.map((s) => [s.subsetId, s.name]));
  const facilitatorNames = new Map(schedule.cadre.map((f) => [f.facilitatorId, f.name]));
  const rows = schedule.sites.flatMap((site) =>
    site.phases.map((p) => [
      subsetNames.get(site.subsetId) ?? site.subsetId,
      siteNames[site.siteId] ?? site.siteId,
      facilitatorNames.get(p.facilitatorId) ?? p.facilitatorId,
      p.phase,
      PHASE_KIND_LABELS[p.kind] ?? p.kind,
      p.start ?? 'before the start',
      p.end ?? 'before the start',
      p.load,
      site.institutionalizedMonth,
    ]),
  );
  return { header: ['Group', 'School', 'Facilitator', 'Phase', 'Kind', 'First month', 'Last month', 'Load (sites at full load)', 'Institutionalized after'], rows };
}

export function scheduleCsv(result: RolloutResult): string {
  const { header, rows } = scheduleTable(result);
  // A byte-order mark so that spreadsheet programs read the names' accents right.
  return '\ufeff' + stringify([header, ...rows]);
}

const monthStart = (label: string) => {
  const [y, m] = label.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1, 1));
};
const nextMonthStart = (label: string) => {
  const [y, m] = label.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 1));
};

export function facilitatorCalendar(result: RolloutResult, facilitatorId: string, scenarioName: string): { fileName: string; body: string } {
  const facilitator = result.schedule.cadre.find((f) => f.facilitatorId === facilitatorId);
  if (!facilitator) throw notFound('The facilitator');
  const calendar = ical({ name: `${facilitator.name} — ${scenarioName}`, prodId: { company: 'Trellis', product: 'Roll-out planner', language: 'EN' } });
  for (const site of result.schedule.sites) {
    for (const [i, p] of site.phases.entries()) {
      if (p.facilitatorId !== facilitatorId || p.start === null || p.end === null) continue;
      calendar.createEvent({
        id: `${site.siteId}-${i}@trellis`,
        start: monthStart(p.start),
        end: nextMonthStart(p.end),
        allDay: true,
        summary: `${p.phase}: ${result.siteNames[site.siteId] ?? site.siteId}`,
        description: `${facilitator.name} facilitates ${p.phase.toLowerCase()} at ${result.siteNames[site.siteId] ?? site.siteId} (load ${p.load} of a school at full load), ${p.start} to ${p.end}.`,
      });
    }
  }
  const slug = facilitator.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'facilitator';
  return { fileName: `${slug}-visits.ics`, body: calendar.toString() };
}
