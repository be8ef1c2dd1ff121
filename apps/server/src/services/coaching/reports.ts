// Coaching reports for a unit and everything under it: contacts per month by mode, cadence
// compliance per coach or unit and month, and the focus areas contacts covered; each also as CSV.
import { stringify } from 'csv-stringify/sync';
import { coachingComplianceByMonth, coachingContactsByMonth, coachingMonths, coachingTopicCounts, COACHING_CONTACT_MODES, COACHING_CONTACT_MODE_LABELS, invalid, localDay } from '@trellis/core';
import { listCoachingContacts, listUnitEngagements } from '@trellis/db';
import type { ServiceContext } from '../../context.js';
import { coachingUnitFor, timeZonesOf } from './coaching.js';
import { focusAreasAt } from './focus.js';

export interface ReportQuery {
  from?: string | undefined;
  to?: string | undefined;
  groupBy?: 'coach' | 'unit' | undefined;
}

const monthOf = (day: string) => day.slice(0, 7);
const monthsBack = (month: string, n: number) => {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - 1 - n;
  const year = y + Math.floor(m / 12);
  return `${year}-${String((((m % 12) + 12) % 12) + 1).padStart(2, '0')}`;
};

export async function coachingReports(ctx: ServiceContext, unitId: string, query: ReportQuery) {
  const unit = await coachingUnitFor(ctx, ctx.db, unitId, 'coaching.read');
  const zoneOf = await timeZonesOf(ctx.db, [unit.path]);
  const asOf = localDay(new Date(), zoneOf(unit.path));
  const to = query.to ?? monthOf(asOf);
  const from = query.from ?? monthsBack(to, 5);
  if (from > to) throw invalid('The report’s first month is after its last.', [{ field: 'from', message: `must be on or before ${to}` }]);
  if (coachingMonths(from, to).length > 36) throw invalid('A report covers at most 36 months.', [{ field: 'from', message: 'must be at most 36 months before the last month' }]);
  const groupBy = query.groupBy ?? 'coach';

  const engagements = await listUnitEngagements(ctx.db, unit.path, { subtree: true, includeEnded: true });
  const contacts = await listCoachingContacts(ctx.db, engagements.map((e) => e.id));
  const inRange = contacts.filter((c) => monthOf(c.date) >= from && monthOf(c.date) <= to);
  const byEngagement = new Map<string, typeof contacts>();
  for (const c of contacts) byEngagement.set(c.engagementId, [...(byEngagement.get(c.engagementId) ?? []), c]);

  const compliance = coachingComplianceByMonth(
    engagements.map((e) => ({
      engagement: { id: e.id, coachPersonId: e.coachPersonId, unitId: e.unitId, startOn: e.startOn, endedOn: e.endedOn, plannedEndOn: e.plannedEndOn, pauses: e.pauses, targets: e.cadence },
      contacts: (byEngagement.get(e.id) ?? []).map((c) => ({ date: c.date, mode: c.mode })),
    })),
    { from, to, groupBy, asOf },
  );
  const names = new Map<string, string>();
  for (const e of engagements) {
    names.set(e.coachPersonId, e.coachName);
    names.set(e.unitId, e.unitName);
  }
  return {
    unitId: unit.id,
    unitName: unit.name,
    from,
    to,
    asOf,
    groupBy,
    contactsByMonth: coachingContactsByMonth(inRange, { from, to }),
    compliance: compliance.map((r) => ({ ...r, name: names.get(r.key) ?? r.key })),
    topics: coachingTopicCounts(inRange, (await focusAreasAt(ctx.db, unit)).areas),
  };
}

export type CoachingReport = Awaited<ReturnType<typeof coachingReports>>;
export const REPORT_KINDS = ['contacts', 'compliance', 'topics'] as const;

const pct = (v: number | null) => (v === null ? '' : (Math.round(v * 1000) / 10).toFixed(1));

/** One report as CSV (a byte-order mark first, so Excel reads it as UTF-8). */
export function reportCsv(report: CoachingReport, kind: (typeof REPORT_KINDS)[number]): string {
  let rows: (string | number)[][];
  if (kind === 'contacts') {
    rows = [['Month', ...COACHING_CONTACT_MODES.map((m) => COACHING_CONTACT_MODE_LABELS[m]), 'Total'], ...report.contactsByMonth.map((r) => [r.month, ...COACHING_CONTACT_MODES.map((m) => r[m]), r.total])];
  } else if (kind === 'compliance') {
    rows = [
      [report.groupBy === 'coach' ? 'Coach' : 'Unit', 'Month', 'On-track days', 'Due-soon days', 'Overdue days', 'Paused days', 'Measured days', 'Compliance %'],
      ...report.compliance.map((r) => [r.name, r.month, r.onTrackDays, r.dueSoonDays, r.overdueDays, r.pausedDays, r.measuredDays, pct(r.compliance)]),
    ];
  } else {
    rows = [['Focus area', 'Key', 'Contacts'], ...report.topics.map((t) => [t.label, t.key, t.contacts])];
  }
  return '\ufeff' + stringify(rows.map((r) => r.map(String)));
}
