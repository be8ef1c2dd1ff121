// Coaching reports: contacts per month by mode, cadence compliance over time per coach or unit, and
// the focus areas contacts covered. Plain aggregation over plain rows; the server turns the rows into
// tables and CSV.
//
// Months are 'YYYY-MM' of the contacts' local days. Compliance is measured per engagement-day: each
// day of the month (up to `asOf`) on which an engagement is on track, due soon or overdue counts as
// one measured day; paused and not-applicable days are left out. A due-soon day is still on time,
// so `compliance` = (on-track days + due-soon days) / measured days, null when nothing was measured.
import { addDays } from '../mechanisms/meetings.js';
import { COACHING_CONTACT_MODES, coachingCadenceTimeline, type CoachingCadenceContact, type CoachingCadenceEngagement, type CoachingCadenceOptions, type CoachingContactMode } from './cadence.js';
import { COACHING_FACILITATOR_CATALOG, COACHING_FOCUS_AREA_CATALOG } from './catalogs.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Every month from `from` to `to` (inclusive), 'YYYY-MM'. */
export function coachingMonths(from: string, to: string): string[] {
  if (!MONTH.test(from) || !MONTH.test(to)) throw new Error(`months must look like 2026-09: ${from}, ${to}`);
  const months: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  for (;;) {
    const label = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
    if (label > to) break;
    months.push(label);
    m += 1;
    if (m === 13) {
      m = 1;
      y += 1;
    }
  }
  return months;
}

// ---- Contacts per month by mode ----------------------------------------------------------------------

export type CoachingContactsMonthRow = { month: string; total: number } & Record<CoachingContactMode, number>;

/**
 * Contacts per month, by mode. Months run from `from` to `to` when given, otherwise from the first
 * contact's month to the last's; months with no contact are rows of zeros, and contacts outside the
 * range are left out.
 */
export function coachingContactsByMonth(contacts: readonly Pick<CoachingCadenceContact, 'date' | 'mode'>[], range: { from?: string; to?: string } = {}): CoachingContactsMonthRow[] {
  const monthsSeen = contacts.map((c) => c.date.slice(0, 7)).sort();
  const from = range.from ?? monthsSeen[0];
  const to = range.to ?? monthsSeen[monthsSeen.length - 1];
  if (from === undefined || to === undefined) return [];
  const rows = new Map(
    coachingMonths(from, to).map((month) => [month, { month, total: 0, ...Object.fromEntries(COACHING_CONTACT_MODES.map((m) => [m, 0])) } as CoachingContactsMonthRow]),
  );
  for (const c of contacts) {
    const row = rows.get(c.date.slice(0, 7));
    if (!row) continue;
    row[c.mode] += 1;
    row.total += 1;
  }
  return [...rows.values()];
}

// ---- Topics covered ----------------------------------------------------------------------------------

export interface CoachingTopicCount {
  key: string;
  /** The catalog's label; the key itself for a key the catalog does not have. */
  label: string;
  /** Contacts that covered it. */
  contacts: number;
}

/**
 * How many contacts covered each focus area: every area of the list (default: the catalog) in its
 * order (zeros included), then any other keys. Pass the unit's list in force (./focus.ts) for its
 * reworded and added areas' labels.
 */
export function coachingTopicCounts(
  contacts: readonly { topics?: readonly string[] | undefined }[],
  areas: readonly { key: string; label: string }[] = COACHING_FOCUS_AREA_CATALOG.areas,
): CoachingTopicCount[] {
  const counts = new Map<string, number>(areas.map((a) => [a.key, 0]));
  const extra = new Set<string>();
  for (const c of contacts) {
    for (const t of new Set(c.topics ?? [])) {
      if (!counts.has(t)) extra.add(t);
      counts.set(t, (counts.get(t) ?? 0) + 1);
    }
  }
  const labels = new Map(areas.map((a) => [a.key, a.label]));
  const keys = [...areas.map((a) => a.key), ...[...extra].sort()];
  return keys.map((key) => ({ key, label: labels.get(key) ?? key, contacts: counts.get(key) ?? 0 }));
}

// ---- Cadence compliance over time ---------------------------------------------------------------------

export interface CoachingComplianceEngagement {
  engagement: CoachingCadenceEngagement & { coachPersonId: string; unitId: string };
  contacts: readonly CoachingCadenceContact[];
}

export interface CoachingComplianceRow {
  /** The coach's person id or the unit's id, as grouped. */
  key: string;
  month: string;
  /** Engagement-days in each state. */
  onTrackDays: number;
  dueSoonDays: number;
  overdueDays: number;
  pausedDays: number;
  /** on track + due soon + overdue. */
  measuredDays: number;
  /** (on track + due soon) / measured; null when no day was measured. */
  compliance: number | null;
}

export interface CoachingComplianceOptions extends CoachingCadenceOptions {
  /** First and last month, 'YYYY-MM'. */
  from: string;
  to: string;
  groupBy: 'coach' | 'unit';
  /** Days after this day (today) are not counted. */
  asOf: string;
}

/**
 * Cadence compliance per coach or per unit and month: one row for every group that has an
 * engagement and every month of the range, in order of key then month.
 */
export function coachingComplianceByMonth(engagements: readonly CoachingComplianceEngagement[], options: CoachingComplianceOptions): CoachingComplianceRow[] {
  const months = coachingMonths(options.from, options.to);
  const rows = new Map<string, CoachingComplianceRow>();
  const rowFor = (key: string, month: string) => {
    const id = `${key}\u0000${month}`;
    let row = rows.get(id);
    if (!row) {
      row = { key, month, onTrackDays: 0, dueSoonDays: 0, overdueDays: 0, pausedDays: 0, measuredDays: 0, compliance: null };
      rows.set(id, row);
    }
    return row;
  };
  const first = `${options.from}-01`;
  const last = options.asOf;
  for (const { engagement, contacts } of engagements) {
    const key = options.groupBy === 'coach' ? engagement.coachPersonId : engagement.unitId;
    for (const month of months) rowFor(key, month);
    const timeline = coachingCadenceTimeline(engagement, contacts, options);
    const begin = engagement.startOn > first ? engagement.startOn : first;
    for (let day = begin; day <= last && day.slice(0, 7) <= options.to; day = addDays(day, 1)) {
      const state = timeline.stateAt(day);
      if (state === 'not_applicable') {
        if (engagement.endedOn && day >= engagement.endedOn) break;
        continue;
      }
      const row = rowFor(key, day.slice(0, 7));
      if (state === 'on_track') row.onTrackDays += 1;
      else if (state === 'due_soon') row.dueSoonDays += 1;
      else if (state === 'overdue') row.overdueDays += 1;
      else row.pausedDays += 1;
    }
  }
  for (const row of rows.values()) {
    row.measuredDays = row.onTrackDays + row.dueSoonDays + row.overdueDays;
    row.compliance = row.measuredDays === 0 ? null : (row.onTrackDays + row.dueSoonDays) / row.measuredDays;
  }
  return [...rows.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
}

// ---- Facilitator checklist ---------------------------------------------------------------------------

export interface CoachingFacilitatorAnswerInput {
  itemKey: string;
  answer: 'yes' | 'no';
  why?: string | undefined;
  actionTaken?: string | undefined;
}

export interface CoachingFacilitatorGroupSummary {
  key: string;
  number: number;
  name: string;
  yes: number;
  no: number;
  /** Items not answered. */
  open: number;
  items: { key: string; letter: string; kind: 'check' | 'task'; answer: 'yes' | 'no' | null }[];
}

/**
 * A facilitator's checklist for a site, group by group as Exhibit 3 groups it, with every no (why
 * and the action taken) listed as a breakdown being addressed. Answers to keys the catalog does not
 * have are left out.
 */
export function coachingFacilitatorSummary(answers: readonly CoachingFacilitatorAnswerInput[]): {
  groups: CoachingFacilitatorGroupSummary[];
  breakdowns: (CoachingFacilitatorAnswerInput & { groupKey: string; letter: string; text: string })[];
} {
  const byKey = new Map(answers.map((a) => [a.itemKey, a]));
  const groups = COACHING_FACILITATOR_CATALOG.groups.map((g) => {
    const items = g.items.map((i) => ({ key: i.key, letter: i.letter, kind: i.kind, answer: byKey.get(i.key)?.answer ?? null }));
    return {
      key: g.key,
      number: g.number,
      name: g.name,
      yes: items.filter((i) => i.answer === 'yes').length,
      no: items.filter((i) => i.answer === 'no').length,
      open: items.filter((i) => i.answer === null).length,
      items,
    };
  });
  const breakdowns = COACHING_FACILITATOR_CATALOG.groups.flatMap((g) =>
    g.items.flatMap((i) => {
      const a = byKey.get(i.key);
      return a && a.answer === 'no' ? [{ ...a, groupKey: g.key, letter: i.letter, text: i.text }] : [];
    }),
  );
  return { groups, breakdowns };
}
