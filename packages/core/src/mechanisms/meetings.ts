// Meetings of a mechanism and whether it keeps the cadence the documents suggest.
//
// The steering body "probably needs to meet formally once a week" at first; the planning team's work
// is "a time-defined task requiring about 4 weekly meetings" (guide, Appendix A). Trellis turns that
// into a "meetings behind cadence" flag: a warning, never a block. Only formal meetings count toward
// the cadence: informal contacts and focus groups are recorded but are not the formal meeting the
// guidance asks for.
import { z } from 'zod';
import { SOURCE_IDS, type SourceRef } from '../catalogs/sources.js';
import { Id, Version } from '../organizations/schemas.js';
import type { Cadence, GuidanceBasis, MechanismKindEntry, MechanismStatus } from './catalog.js';
import { TaskSchema } from '../tasks/schemas.js';

export const MEETING_KINDS = ['formal', 'informal', 'focus_group'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

export const MEETING_KIND_LABELS: Record<MeetingKind, string> = {
  formal: 'Formal meeting',
  informal: 'Informal contact',
  focus_group: 'Focus group',
};

const IsoDate = z.iso.date({ error: 'must be a date like 2026-09-01' });
const MeetingKindSchema = z.enum(MEETING_KINDS, { error: `must be one of ${MEETING_KINDS.join(', ')}` });
const longText = (max: number) =>
  z
    .string({ error: 'must be text' })
    .trim()
    .max(max, `must be at most ${max.toLocaleString('en-US')} characters`)
    .nullable();
const attendees = z
  .array(Id, { error: 'must be a list of person ids' })
  .max(200, 'must list at most 200 people')
  .refine((ids) => new Set(ids).size === ids.length, 'must not list a person twice');

export const MeetingCreate = z.strictObject({
  heldOn: IsoDate,
  kind: MeetingKindSchema,
  attendeeIds: attendees.optional(),
  agenda: longText(10_000).optional(),
  minutes: longText(50_000).optional(),
  decisions: longText(10_000).optional(),
});
export type MeetingCreate = z.infer<typeof MeetingCreate>;

export const MeetingUpdate = z.strictObject({
  version: Version,
  heldOn: IsoDate.optional(),
  kind: MeetingKindSchema.optional(),
  /** Replaces the list of attendees. */
  attendeeIds: attendees.optional(),
  agenda: longText(10_000).optional(),
  minutes: longText(50_000).optional(),
  decisions: longText(10_000).optional(),
});
export type MeetingUpdate = z.infer<typeof MeetingUpdate>;

export const MeetingAttendee = z.object({ personId: Id, name: z.string(), title: z.string().nullable() });

export const MeetingSchema = z.object({
  id: Id,
  mechanismId: Id,
  heldOn: z.string(),
  kind: MeetingKindSchema,
  attendees: z.array(MeetingAttendee),
  agenda: z.string().nullable(),
  minutes: z.string().nullable(),
  decisions: z.string().nullable(),
  /** The action items raised at the meeting, as tasks. */
  actionItems: z.array(TaskSchema),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Meeting = z.infer<typeof MeetingSchema>;

// ---- Cadence ---------------------------------------------------------------------------------------

/** Days between formal meetings for each cadence. "Weekly at first" is weekly for its first period. */
const CADENCE_DAYS: Record<Cadence, number> = { weekly: 7, 'weekly at first': 7, monthly: 31 };

/**
 * "Initially" is not measured in the guide. Trellis reads it as the first 12 weeks after the
 * mechanism started, then expects a formal meeting at least monthly. Both are product defaults.
 */
export const INITIAL_PERIOD_DAYS = 84;
export const AFTER_INITIAL_PERIOD_DAYS = 31;

export const CADENCE_STATES = ['not_applicable', 'on_track', 'behind', 'complete'] as const;
export type CadenceState = (typeof CADENCE_STATES)[number];

export interface CadenceStatus {
  state: CadenceState;
  /** The cadence in the catalog, when it has one. */
  cadence: Cadence | null;
  /** Days allowed between formal meetings right now (null when no cadence applies). */
  intervalDays: number | null;
  /** Formal meetings held up to the day judged. */
  formalMeetings: number;
  lastFormalOn: string | null;
  /** The day by which the next formal meeting is due (null when none is due). */
  nextDueOn: string | null;
  /** Days past `nextDueOn` (0 unless behind). */
  daysOverdue: number;
  /** In words a principal acts on. */
  message: string;
  source: SourceRef | null;
  basis: GuidanceBasis | null;
}

export const CadenceStatusSchema = z.object({
  state: z.enum(CADENCE_STATES),
  cadence: z.enum(['weekly', 'weekly at first', 'monthly']).nullable(),
  intervalDays: z.number().nullable(),
  formalMeetings: z.number(),
  lastFormalOn: z.string().nullable(),
  nextDueOn: z.string().nullable(),
  daysOverdue: z.number(),
  message: z.string(),
  source: z.object({ source: z.enum(SOURCE_IDS), section: z.string(), quote: z.string().optional() }).nullable(),
  basis: z.enum(['document', 'product-default']).nullable(),
});

const DAY_MS = 86_400_000;
/** Whole days from `a` to `b` (YYYY-MM-DD), computed in UTC so no time zone shifts a day. */
export const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
export const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

export interface CadenceInput {
  status: MechanismStatus;
  /** When the mechanism started; when it has no start date, the day it was established. */
  startedOn: string;
  /** Formal meetings' days (any order; days after `on` are ignored). */
  formalMeetingDays: readonly string[];
  /** The day judged (YYYY-MM-DD). */
  on: string;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
/** "a steering body", "an implementation team". */
const withArticle = (noun: string) => `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;

/**
 * Is the mechanism meeting as often as the guidance suggests? Applies only while it is forming or
 * active and its kind has a meeting cadence. The next formal meeting is due `interval` days after
 * the last one (or after the start); past that day the mechanism is behind.
 */
export function meetingCadence(kind: MechanismKindEntry, input: CadenceInput): CadenceStatus {
  const guided = kind.guidance.meetingCadence;
  const held = input.formalMeetingDays.filter((d) => d <= input.on).sort();
  const lastFormalOn = held.length ? held[held.length - 1]! : null;
  const base = { formalMeetings: held.length, lastFormalOn, source: guided?.source ?? null, basis: guided?.basis ?? null };
  const none = (message: string): CadenceStatus => ({ ...base, state: 'not_applicable', cadence: guided?.value ?? null, intervalDays: null, nextDueOn: null, daysOverdue: 0, message });

  if (!guided) return none(`The documents suggest no meeting cadence for ${withArticle(kind.name.toLowerCase())}.`);
  if (input.status !== 'forming' && input.status !== 'active') return none(`${withArticle(input.status)[0]!.toUpperCase()}${withArticle(input.status).slice(1)} mechanism is not expected to keep a meeting cadence.`);

  const planned = kind.guidance.meetings?.value;
  if (planned !== undefined && held.length >= planned) {
    return { ...base, state: 'complete', cadence: guided.value, intervalDays: null, nextDueOn: null, daysOverdue: 0, message: `Held ${plural(held.length, 'formal meeting')}; the guidance suggests about ${planned}.` };
  }

  let intervalDays = CADENCE_DAYS[guided.value];
  let basis = guided.basis;
  const inInitialPeriod = daysBetween(input.startedOn, input.on) < INITIAL_PERIOD_DAYS;
  if (guided.value === 'weekly at first' && !inInitialPeriod) {
    intervalDays = AFTER_INITIAL_PERIOD_DAYS;
    basis = 'product-default';
  }
  const from = lastFormalOn !== null && lastFormalOn >= input.startedOn ? lastFormalOn : input.startedOn;
  const nextDueOn = addDays(from, intervalDays);
  const daysOverdue = Math.max(0, daysBetween(nextDueOn, input.on));
  const every = intervalDays === 7 ? 'every week' : 'at least monthly';
  const expectation =
    guided.value === 'weekly at first'
      ? inInitialPeriod
        ? 'The guidance is to meet formally once a week at first.'
        : 'After its first 12 weeks, Trellis expects a formal meeting at least monthly.'
      : planned !== undefined
        ? `The guidance is about ${planned} weekly meetings; ${held.length} held so far.`
        : `The guidance is to meet ${every}.`;
  if (daysOverdue > 0) {
    const since = lastFormalOn ? `The last formal meeting was on ${lastFormalOn}` : `No formal meeting has been held since it started on ${input.startedOn}`;
    return {
      ...base,
      basis,
      state: 'behind',
      cadence: guided.value,
      intervalDays,
      nextDueOn,
      daysOverdue,
      message: `Meetings are behind cadence by ${plural(daysOverdue, 'day')}. ${since}. ${expectation}`,
    };
  }
  return { ...base, basis, state: 'on_track', cadence: guided.value, intervalDays, nextDueOn, daysOverdue: 0, message: `On track: the next formal meeting is due by ${nextDueOn}. ${expectation}` };
}
