// Whether a coaching or mentoring engagement keeps its contact cadence on a given day, and why.
//
// "All this calls for at least weekly contact/support (… e-coaching), followed by periodic (e.g.,
// monthly) onsite visits" (guide, Coaches and Mentors). Each engagement has two targets, both
// adjustable: a contact every N days (default 7; any mode counts, an onsite visit too) and an onsite
// visit every N calendar months (default 1) or every N days. The rules, in one place:
//
// - Days are local calendar days (YYYY-MM-DD) in the unit's IANA time zone; `localDay` turns an
//   instant into one. All arithmetic is then on those strings in UTC (addDays/daysBetween), so no
//   daylight-saving change or server time zone can move a day.
// - The start day is the baseline: with no contact yet, the first is due one interval after the
//   start. Contacts before the start or after the day judged are ignored.
// - A target is due one interval after the last contact that counts for it (its due day is the last
//   day on time); the day after, it is overdue. It is due soon from `dueSoonDays` (default 2) days
//   before its due day through the due day.
// - Months: the due day is the same day of the month N months later, or that month's last day when
//   it has fewer days (Jan 31 + 1 month = Feb 28, or Feb 29 in a leap year; Mar 31 → Apr 30). Each
//   visit starts a new month from its own day, so a short month never shifts later months.
// - Paused periods (from and to inclusive; `to` null while still paused) do not count: an interval is
//   measured in days that are not paused, so every paused day in it moves the due day one day later
//   (a contact due Mar 10 with Mar 5–8 paused is due Mar 14). A month is first turned into its days
//   (Jan 31 → Feb 28 is 28 days) and then moved the same way. Lateness counts only days not paused.
//   While the day judged is paused the engagement is `paused`, neither due nor overdue.
// - The due day is the latest of the due days set by each counted contact and by the start. That is
//   the last contact's due day except in one corner: a month end cut short (Jan 30 and Jan 31 both
//   give Feb 28) with paused days after the earlier visit (a Jan 30 visit with Jan 31 paused is due
//   Mar 1, a Jan 31 visit Feb 28); the later due day then holds, so logging a contact can never make
//   an engagement more overdue.
// - An engagement is not applicable before its start day, from its end day on, and when it has no
//   target. Passing its planned end changes nothing but `pastPlannedEnd`: it is still coached.
import type { SourceRef } from '../catalogs/sources.js';
import { invalid } from '../errors.js';
import type { Guided } from '../mechanisms/catalog.js';
import { addDays, daysBetween } from '../mechanisms/meetings.js';

// ---- Modes, targets, defaults -------------------------------------------------------------------

/** e-coaching (email, call, video) and onsite visits. */
export const COACHING_CONTACT_MODES = ['email', 'call', 'video', 'onsite'] as const;
export type CoachingContactMode = (typeof COACHING_CONTACT_MODES)[number];
export const COACHING_CONTACT_MODE_LABELS: Record<CoachingContactMode, string> = {
  email: 'Email',
  call: 'Call',
  video: 'Video',
  onsite: 'Onsite visit',
};

/** An onsite visit every `every` calendar months, or every `every` days. */
export type CoachingOnsiteTarget = { unit: 'months'; every: number } | { unit: 'days'; every: number };

export interface CoachingCadenceTargets {
  /** A contact of any mode at least every this many days; null for no contact target. */
  contactEveryDays: number | null;
  /** An onsite visit at least this often; null for no onsite target. */
  onsite: CoachingOnsiteTarget | null;
}

export const COACHING_CADENCE_SOURCE: SourceRef = {
  source: 'planning-coaching-guide',
  section: 'Coaches and Mentors: Overlapping Functions, Different Roles',
  quote:
    'All this calls for at least weekly contact/support (note: the coaching literature underscores the used of e-coaching for this), followed by periodic (e.g., monthly) onsite visits.',
};

/** Weekly contact is the guide's; monthly onsite visits are its example ("e.g., monthly"). */
export const COACHING_DEFAULT_TARGETS: CoachingCadenceTargets = { contactEveryDays: 7, onsite: { unit: 'months', every: 1 } };
/** A target is due soon from this many days before its due day. A Trellis default. */
export const COACHING_DUE_SOON_DAYS = 2;

/** Where each default comes from, for a person asking "why weekly?" (see Guided in ../mechanisms/catalog.ts). */
export const COACHING_DEFAULT_TARGET_GUIDANCE: {
  contactEveryDays: Guided<number>;
  onsite: Guided<CoachingOnsiteTarget>;
  dueSoonDays: Guided<number>;
} = {
  contactEveryDays: { value: 7, basis: 'document', source: COACHING_CADENCE_SOURCE, note: 'At least weekly; the guide notes e-coaching for this.' },
  onsite: {
    value: { unit: 'months', every: 1 },
    basis: 'document',
    source: COACHING_CADENCE_SOURCE,
    note: 'The guide asks for periodic onsite visits and gives monthly as its example; Trellis reads a month as a calendar month.',
  },
  dueSoonDays: {
    value: COACHING_DUE_SOON_DAYS,
    basis: 'product-default',
    source: COACHING_CADENCE_SOURCE,
    note: 'The guide sets the cadence but no warning period; two days lets a coach fit a contact in before it is late.',
  },
};

// ---- Local days ----------------------------------------------------------------------------------

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/i;
const formatters = new Map<string, Intl.DateTimeFormat>();

function dayFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', calendar: 'iso8601', numberingSystem: 'latn' });
    } catch {
      throw invalid(`"${timeZone}" is not a time zone: use an IANA name like America/Chicago.`, [{ field: 'timeZone', message: 'must be an IANA time zone' }]);
    }
    formatters.set(timeZone, f);
  }
  return f;
}

export const isCoachingTimeZone = (timeZone: string): boolean => {
  try {
    dayFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
};

/**
 * The calendar day (YYYY-MM-DD) an instant falls on in an IANA time zone: 2026-03-08T06:30Z is
 * 2026-03-07 in America/Los_Angeles and 2026-03-08 in UTC. A string must be an ISO 8601 instant
 * with Z or an offset; a bare date or local time is refused, since its instant would depend on the
 * server's own zone.
 */
export function localDay(instant: Date | string, timeZone: string): string {
  if (typeof instant === 'string' && !ISO_INSTANT.test(instant)) {
    throw invalid(`"${instant}" is not an instant: give a date and time with Z or an offset, like 2026-03-08T06:30:00Z.`, [
      { field: 'instant', message: 'must be an ISO 8601 date and time with Z or an offset' },
    ]);
  }
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) throw invalid('That is not a valid date and time.', [{ field: 'instant', message: 'must be a valid date and time' }]);
  let year = '';
  let month = '';
  let day = '';
  for (const p of dayFormatter(timeZone).formatToParts(date)) {
    if (p.type === 'year') year = p.value;
    else if (p.type === 'month') month = p.value;
    else if (p.type === 'day') day = p.value;
  }
  return `${year.padStart(4, '0')}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/** `day` plus `months` calendar months, cut to the last day of a shorter month (Jan 31 + 1 → Feb 28/29). */
export function coachingAddMonths(day: string, months: number): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7)) - 1 + months;
  const d = Number(day.slice(8, 10));
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

// ---- Pauses --------------------------------------------------------------------------------------

/** A period the engagement was or is paused: `from` through `to` (inclusive); `to` null while still paused. */
export interface CoachingPause {
  from: string;
  to: string | null;
}

/** Sorted, with overlapping or touching periods merged. */
function mergePauses(pauses: readonly CoachingPause[]): CoachingPause[] {
  const sorted = [...pauses].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const merged: CoachingPause[] = [];
  for (const p of sorted) {
    const last = merged[merged.length - 1];
    if (last && (last.to === null || p.from <= addDays(last.to, 1))) {
      if (last.to !== null) last.to = p.to === null || p.to > last.to ? p.to : last.to;
    } else merged.push({ from: p.from, to: p.to });
  }
  return merged;
}

const pauseOn = (day: string, spans: readonly CoachingPause[]) => spans.find((s) => s.from <= day && (s.to === null || day <= s.to));

/** Paused days d with a < d ≤ b. */
function pausedDaysIn(a: string, b: string, spans: readonly CoachingPause[]): number {
  let n = 0;
  for (const s of spans) {
    const lo = s.from > a ? s.from : addDays(a, 1);
    const hi = s.to === null || s.to > b ? b : s.to;
    if (lo <= hi) n += daysBetween(lo, hi) + 1;
  }
  return n;
}

/** The day on which `n` (≥ 1) days that are not paused have passed after `from`; null when an open pause comes first. */
function addActiveDays(from: string, n: number, spans: readonly CoachingPause[]): string | null {
  let cur = from;
  let remaining = n;
  for (const s of spans) {
    if (s.to !== null && s.to <= cur) continue;
    const gap = s.from > cur ? daysBetween(cur, s.from) - 1 : 0;
    if (remaining <= gap) return addDays(cur, remaining);
    remaining -= gap;
    if (s.to === null) return null;
    cur = s.to;
  }
  return addDays(cur, remaining);
}

// ---- Status ----------------------------------------------------------------------------------------

/** In order of urgency: the caseload sorts by this. */
export const COACHING_CADENCE_STATES = ['overdue', 'due_soon', 'on_track', 'paused', 'not_applicable'] as const;
export type CoachingCadenceState = (typeof COACHING_CADENCE_STATES)[number];
export const COACHING_CADENCE_STATE_LABELS: Record<CoachingCadenceState, string> = {
  overdue: 'Overdue',
  due_soon: 'Due soon',
  on_track: 'On track',
  paused: 'Paused',
  not_applicable: 'Not applicable',
};

export type CoachingTargetKind = 'contact' | 'onsite';
export type CoachingTargetState = Exclude<CoachingCadenceState, 'not_applicable'>;
export type CoachingNotApplicableReason = 'not_started' | 'ended' | 'no_targets';

export interface CoachingTargetStatus {
  target: CoachingTargetKind;
  state: CoachingTargetState;
  /** The target in words: "every 7 days", "every calendar month". */
  every: string;
  /** The last contact that counts for this target (any mode for `contact`, onsite for `onsite`); null when none since the start. */
  lastOn: string | null;
  /** The day the due day is counted from: the last contact or the start. */
  countedFrom: string;
  /** The last day on time; null when an open pause comes first. */
  dueOn: string | null;
  /** Calendar days from the day judged to the due day (negative when overdue). */
  daysUntilDue: number | null;
  /** Days past the due day that were not paused (0 unless overdue or paused while overdue). */
  daysOverdue: number;
  /** How many days paused periods moved the due day later. */
  pausedDays: number;
  /** In words a coach acts on. */
  message: string;
}

export interface CoachingCadenceStatus {
  engagementId: string;
  /** The day judged. */
  on: string;
  state: CoachingCadenceState;
  notApplicable: CoachingNotApplicableReason | null;
  /** One per target the engagement has (none when not applicable). */
  targets: CoachingTargetStatus[];
  /** The most days any target is overdue. */
  daysOverdue: number;
  /** The earliest due day of its targets. */
  nextDueOn: string | null;
  /** The day judged is after the planned end (the engagement is still measured). */
  pastPlannedEnd: boolean;
  /** The pause the day judged falls in. */
  pausedFrom: string | null;
  pausedUntil: string | null;
  message: string;
  source: SourceRef;
}

export interface CoachingCadenceEngagement {
  id: string;
  startOn: string;
  /** The day it ended; from this day on it is not applicable. */
  endedOn?: string | null;
  plannedEndOn?: string | null;
  pauses?: readonly CoachingPause[];
  /** Defaults to COACHING_DEFAULT_TARGETS. */
  targets?: CoachingCadenceTargets;
}

export interface CoachingCadenceContact {
  /** The local day of the contact. */
  date: string;
  mode: CoachingContactMode;
}

export interface CoachingCadenceOptions {
  /** Due soon from this many days before the due day; default COACHING_DUE_SOON_DAYS. */
  dueSoonDays?: number;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

interface TargetTrack {
  kind: CoachingTargetKind;
  every: string;
  /** Counted days (start first), ascending. */
  anchors: string[];
  /** Days of the contacts that count for the target, from the start on, ascending. */
  contactDays: string[];
  /** For each anchor: the latest due day of anchors up to it (null = after an open pause) … */
  prefixDue: (string | null)[];
  /** … and the anchor and calendar due day (without pauses) that set it. */
  prefixFrom: string[];
  prefixNatural: string[];
}

const everyDays = (n: number) => (n === 1 ? 'every day' : `every ${n} days`);

function everyWords(kind: CoachingTargetKind, targets: CoachingCadenceTargets): string {
  if (kind === 'contact') return everyDays(targets.contactEveryDays ?? 0);
  const onsite = targets.onsite!;
  if (onsite.unit === 'days') return everyDays(onsite.every);
  return onsite.every === 1 ? 'every calendar month' : `every ${onsite.every} calendar months`;
}

const laterDue = (a: string | null, b: string | null) => a === null || (b !== null && a >= b);

function buildTrack(
  kind: CoachingTargetKind,
  targets: CoachingCadenceTargets,
  startOn: string,
  days: readonly string[],
  spans: readonly CoachingPause[],
): TargetTrack {
  const anchors = [startOn, ...[...new Set(days.filter((d) => d > startOn))].sort()];
  const natural = (from: string): string => {
    if (kind === 'contact') return addDays(from, targets.contactEveryDays!);
    const onsite = targets.onsite!;
    return onsite.unit === 'days' ? addDays(from, onsite.every) : coachingAddMonths(from, onsite.every);
  };
  const prefixDue: (string | null)[] = [];
  const prefixFrom: string[] = [];
  const prefixNatural: string[] = [];
  anchors.forEach((from, i) => {
    const nat = natural(from);
    const due = addActiveDays(from, daysBetween(from, nat), spans);
    // Ties go to the later anchor, so the reason counts from the last contact.
    if (i === 0 || laterDue(due, prefixDue[i - 1]!)) {
      prefixDue.push(due);
      prefixFrom.push(from);
      prefixNatural.push(nat);
    } else {
      prefixDue.push(prefixDue[i - 1]!);
      prefixFrom.push(prefixFrom[i - 1]!);
      prefixNatural.push(prefixNatural[i - 1]!);
    }
  });
  const contactDays = [...new Set(days.filter((d) => d >= startOn))].sort();
  return { kind, every: everyWords(kind, targets), anchors, contactDays, prefixDue, prefixFrom, prefixNatural };
}

/** Index of the last element ≤ day in an ascending list; -1 when there is none. */
function lastAtOrBefore(sorted: readonly string[], day: string): number {
  let lo = -1;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted[mid]! <= day) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const NAMES: Record<CoachingTargetKind, { one: string; last: string }> = {
  contact: { one: 'A contact', last: 'the last contact' },
  onsite: { one: 'An onsite visit', last: 'the last onsite visit' },
};

/** A target's due day and state on `on` (on or after the start), without the words. */
function targetCore(track: TargetTrack, on: string, paused: boolean, spans: readonly CoachingPause[], dueSoonDays: number) {
  const i = lastAtOrBefore(track.anchors, on);
  const dueOn = track.prefixDue[i]!;
  const daysUntilDue = dueOn === null ? null : daysBetween(on, dueOn);
  const daysOverdue = dueOn !== null && on > dueOn ? daysBetween(dueOn, on) - pausedDaysIn(dueOn, on, spans) : 0;
  const state: CoachingTargetState = paused ? 'paused' : daysOverdue > 0 ? 'overdue' : daysUntilDue !== null && daysUntilDue <= dueSoonDays ? 'due_soon' : 'on_track';
  return { i, dueOn, daysUntilDue, daysOverdue, state };
}

function targetStatus(track: TargetTrack, on: string, paused: boolean, spans: readonly CoachingPause[], dueSoonDays: number, startOn: string): CoachingTargetStatus {
  const { i, dueOn, daysUntilDue, daysOverdue, state } = targetCore(track, on, paused, spans, dueSoonDays);
  const c = lastAtOrBefore(track.contactDays, on);
  const lastOn = c >= 0 ? track.contactDays[c]! : null;
  const countedFrom = track.prefixFrom[i]!;
  const pausedDays = dueOn === null ? 0 : daysBetween(track.prefixNatural[i]!, dueOn);

  const name = NAMES[track.kind];
  const since = lastOn ? `${name.last[0]!.toUpperCase()}${name.last.slice(1)} was on ${lastOn}` : `None since the engagement started on ${startOn}`;
  const moved = pausedDays > 0 ? ` (${plural(pausedDays, 'paused day')} moved it later)` : '';
  const rule = `${name.one} is due ${track.every}.`;
  let message: string;
  if (dueOn === null) message = `${name.one} is not due before the pause ends. ${since}.`;
  else if (state === 'overdue') message = `${name.one} is overdue by ${plural(daysOverdue, 'day')}: it was due by ${dueOn}${moved}. ${since}. ${rule}`;
  else if (state === 'paused')
    message = `${name.one} is due by ${dueOn}${moved}${daysOverdue > 0 ? `; it was ${plural(daysOverdue, 'day')} overdue when the pause began` : ''}. ${since}.`;
  else if (state === 'due_soon')
    message = `${name.one} is due ${daysUntilDue === 0 ? 'today' : daysUntilDue === 1 ? 'tomorrow' : `in ${daysUntilDue} days`}, by ${dueOn}${moved}. ${since}.`;
  else message = `${name.one} is due by ${dueOn}${moved}. ${since}.`;
  return { target: track.kind, state, every: track.every, lastOn, countedFrom, dueOn, daysUntilDue, daysOverdue, pausedDays, message };
}

export interface CoachingCadenceTimeline {
  /** The engagement's status on `on` (YYYY-MM-DD). */
  at(on: string): CoachingCadenceStatus;
  /** Only the state on `on`: what `at(on).state` is, without building the reasons (for reports over many days). */
  stateAt(on: string): CoachingCadenceState;
}

/**
 * Prepares an engagement and its contacts once, to judge many days (reports judge every day of a
 * month). `coachingCadenceStatus` is this for one day.
 */
export function coachingCadenceTimeline(
  engagement: CoachingCadenceEngagement,
  contacts: readonly CoachingCadenceContact[],
  options: CoachingCadenceOptions = {},
): CoachingCadenceTimeline {
  const targets = engagement.targets ?? COACHING_DEFAULT_TARGETS;
  const dueSoonDays = options.dueSoonDays ?? COACHING_DUE_SOON_DAYS;
  const spans = mergePauses(engagement.pauses ?? []);
  const startOn = engagement.startOn;
  const tracks: TargetTrack[] = [];
  if (targets.contactEveryDays !== null) tracks.push(buildTrack('contact', targets, startOn, contacts.map((c) => c.date), spans));
  if (targets.onsite !== null) tracks.push(buildTrack('onsite', targets, startOn, contacts.filter((c) => c.mode === 'onsite').map((c) => c.date), spans));
  const endedOn = engagement.endedOn ?? null;
  const plannedEndOn = engagement.plannedEndOn ?? null;

  return {
    stateAt(on: string): CoachingCadenceState {
      if (on < startOn || (endedOn !== null && on >= endedOn) || tracks.length === 0) return 'not_applicable';
      if (pauseOn(on, spans)) return 'paused';
      let state: CoachingCadenceState = 'on_track';
      for (const t of tracks) {
        const s = targetCore(t, on, false, spans, dueSoonDays).state;
        if (s === 'overdue') return 'overdue';
        if (s === 'due_soon') state = 'due_soon';
      }
      return state;
    },
    at(on: string): CoachingCadenceStatus {
      const base = {
        engagementId: engagement.id,
        on,
        pastPlannedEnd: plannedEndOn !== null && on > plannedEndOn,
        source: COACHING_CADENCE_SOURCE,
      };
      const none = (reason: CoachingNotApplicableReason, message: string): CoachingCadenceStatus => ({
        ...base,
        state: 'not_applicable',
        notApplicable: reason,
        targets: [],
        daysOverdue: 0,
        nextDueOn: null,
        pausedFrom: null,
        pausedUntil: null,
        message,
      });
      if (on < startOn) return none('not_started', `The engagement starts on ${startOn}.`);
      if (endedOn !== null && on >= endedOn) return none('ended', `The engagement ended on ${endedOn}.`);
      if (tracks.length === 0) return none('no_targets', 'The engagement has no contact or onsite target.');

      const pause = pauseOn(on, spans) ?? null;
      const statuses = tracks.map((t) => targetStatus(t, on, pause !== null, spans, dueSoonDays, startOn));
      const daysOverdue = Math.max(...statuses.map((s) => s.daysOverdue));
      const dues = statuses.map((s) => s.dueOn).filter((d): d is string => d !== null);
      const nextDueOn = dues.length ? dues.reduce((a, b) => (a < b ? a : b)) : null;
      let state: CoachingCadenceState;
      let message: string;
      if (pause) {
        state = 'paused';
        const until = pause.to === null ? 'until it is resumed' : `through ${pause.to}`;
        message = `Paused since ${pause.from} ${until}; no lateness accrues while paused. ${statuses.map((s) => s.message).join(' ')}`;
      } else {
        state = statuses.some((s) => s.state === 'overdue') ? 'overdue' : statuses.some((s) => s.state === 'due_soon') ? 'due_soon' : 'on_track';
        // The most urgent target first.
        const order = [...statuses].sort((a, b) => COACHING_CADENCE_STATES.indexOf(a.state) - COACHING_CADENCE_STATES.indexOf(b.state));
        message = order.map((s) => s.message).join(' ');
      }
      return {
        ...base,
        state,
        notApplicable: null,
        targets: statuses,
        daysOverdue,
        nextDueOn,
        pausedFrom: pause?.from ?? null,
        pausedUntil: pause?.to ?? null,
        message,
      };
    },
  };
}

/** Is the engagement on track, due soon or overdue on `on`, and why? */
export function coachingCadenceStatus(
  engagement: CoachingCadenceEngagement,
  contacts: readonly CoachingCadenceContact[],
  on: string,
  options: CoachingCadenceOptions = {},
): CoachingCadenceStatus {
  return coachingCadenceTimeline(engagement, contacts, options).at(on);
}

// ---- Caseload and coverage -------------------------------------------------------------------------

const byDay = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);

/**
 * A coach's caseload, most urgent first: overdue (most days overdue first), then due soon (earliest
 * due day first), then on track (earliest due day first), then paused, then not applicable. Ties by
 * engagement id, so the order is stable.
 */
export function sortCoachingCaseload<T extends CoachingCadenceStatus>(statuses: readonly T[]): T[] {
  return [...statuses].sort((a, b) => {
    const rank = COACHING_CADENCE_STATES.indexOf(a.state) - COACHING_CADENCE_STATES.indexOf(b.state);
    if (rank !== 0) return rank;
    if (a.state === 'overdue' && a.daysOverdue !== b.daysOverdue) return b.daysOverdue - a.daysOverdue;
    if (a.state === 'overdue' || a.state === 'due_soon' || a.state === 'on_track') {
      const due = byDay(a.nextDueOn, b.nextDueOn);
      if (due !== 0) return due;
    }
    return a.engagementId < b.engagementId ? -1 : a.engagementId > b.engagementId ? 1 : 0;
  });
}

export type CoachingCoverage = Record<CoachingCadenceState, number> & { total: number };

/** A unit's coverage: how many of its engagements are in each state (pass the unit's engagements' statuses). */
export function coachingCoverage(statuses: readonly Pick<CoachingCadenceStatus, 'state'>[]): CoachingCoverage {
  const counts: CoachingCoverage = { overdue: 0, due_soon: 0, on_track: 0, paused: 0, not_applicable: 0, total: 0 };
  for (const s of statuses) {
    counts[s.state] += 1;
    counts.total += 1;
  }
  return counts;
}
