// Shapes of coaching as the API accepts them (engagements, contacts, facilitator checks, capacity
// transfer) and the rule that says when a unit is ready to sustain the work without external
// coaching. Objects are strict: an unknown field is refused, not ignored.
//
// Rules that need more than one request's fields (an update merged with the stored engagement, a
// contact against its engagement) are plain functions returning field issues
// (`coachingEngagementIssues`, `coachingContactIssues`): the schemas run them on what they have,
// the server runs them again on the merged state.
import { z } from 'zod';
import { oneOf, text } from '../schemas/fields.js';
import type { SourceRef } from '../catalogs/sources.js';
import type { FieldIssue } from '../errors.js';
import { IsoDate } from '../mechanisms/schemas.js';
import { Id, Version } from '../organizations/schemas.js';
import { COACHING_CONTACT_MODES } from './cadence.js';
import { COACHING_FACILITATOR_ITEM_KEYS, COACHING_FOCUS_AREA_KEYS } from './catalogs.js';
import { COACHING_FOCUS_KEY_PATTERN } from './focus.js';

export const COACHING_ENGAGEMENT_KINDS = ['coaching', 'mentoring'] as const;
export type CoachingEngagementKind = (typeof COACHING_ENGAGEMENT_KINDS)[number];
export const COACHING_ENGAGEMENT_KIND_LABELS: Record<CoachingEngagementKind, string> = { coaching: 'Coaching', mentoring: 'Mentoring' };

export const COACHING_AFFILIATIONS = ['internal', 'external'] as const;
export type CoachingAffiliation = (typeof COACHING_AFFILIATIONS)[number];

export const COACHING_ENGAGEMENT_STATUSES = ['active', 'paused', 'ended'] as const;
export type CoachingEngagementStatus = (typeof COACHING_ENGAGEMENT_STATUSES)[number];

export const COACHING_CHECK_ANSWERS = ['yes', 'no'] as const;
export type CoachingCheckAnswer = (typeof COACHING_CHECK_ANSWERS)[number];

const longText = (max: number) =>
  z
    .string({ error: 'must be text' })
    .trim()
    .max(max, `must be at most ${max.toLocaleString('en-US')} characters`)
    .nullable();
const unique = <T>(list: readonly T[]) => new Set(list).size === list.length;

export const CoachingEngagementKindSchema = z.enum(COACHING_ENGAGEMENT_KINDS, { error: oneOf(COACHING_ENGAGEMENT_KINDS) });
export const CoachingAffiliationSchema = z.enum(COACHING_AFFILIATIONS, { error: oneOf(COACHING_AFFILIATIONS) });
export const CoachingEngagementStatusSchema = z.enum(COACHING_ENGAGEMENT_STATUSES, { error: oneOf(COACHING_ENGAGEMENT_STATUSES) });
export const CoachingContactModeSchema = z.enum(COACHING_CONTACT_MODES, { error: oneOf(COACHING_CONTACT_MODES) });

/**
 * A focus area key: Appendix B's or one a state or district added (./focus.ts). Whether the key is
 * in the list in force at the unit, and not retired, is the server's check (coachingFocusKeyIssues).
 */
export const CoachingFocusAreaKeySchema = z
  .string({ error: `must be a focus area key (Appendix B: ${COACHING_FOCUS_AREA_KEYS.join(', ')})` })
  .max(80, 'must be at most 80 characters')
  .regex(COACHING_FOCUS_KEY_PATTERN, `must be a focus area from Appendix B (${COACHING_FOCUS_AREA_KEYS.join(', ')}) or one added for the unit`);
const FOCUS_AREAS_MAX = 100;
const focusAreaKeys = z
  .array(CoachingFocusAreaKeySchema, { error: 'must be a list of focus area keys' })
  .max(FOCUS_AREAS_MAX, `must list at most ${FOCUS_AREAS_MAX} focus areas`)
  .refine(unique, 'must not name a focus area twice');
const personIds = z
  .array(Id, { error: 'must be a list of person ids' })
  .max(200, 'must list at most 200 people')
  .refine(unique, 'must not list a person twice');

// ---- Engagements ---------------------------------------------------------------------------------

/** Who the coach or mentor works with: a leader (a person), a mechanism, or a unit; exactly one. */
export const CoachingTargetSchema = z
  .strictObject({ leaderPersonId: Id.optional(), mechanismId: Id.optional(), unitId: Id.optional() }, { error: 'must be an object naming who is coached' })
  .refine((t) => [t.leaderPersonId, t.mechanismId, t.unitId].filter((v) => v !== undefined).length === 1, {
    message: 'must name exactly one of leaderPersonId, mechanismId or unitId',
  });
export type CoachingTarget = z.infer<typeof CoachingTargetSchema>;

export const CoachingOnsiteTargetSchema = z.discriminatedUnion(
  'unit',
  [
    z.strictObject({ unit: z.literal('months'), every: z.int({ error: 'must be a whole number of months' }).min(1, 'must be at least 1 month').max(12, 'must be at most 12 months') }),
    z.strictObject({ unit: z.literal('days'), every: z.int({ error: 'must be a whole number of days' }).min(1, 'must be at least 1 day').max(366, 'must be at most 366 days') }),
  ],
  { error: 'must be { unit: "months" | "days", every: N }' },
);

/** Defaults to COACHING_DEFAULT_TARGETS (a contact every 7 days, an onsite visit every calendar month). */
export const CoachingCadenceTargetsSchema = z.strictObject({
  contactEveryDays: z.int({ error: 'must be a whole number of days, or null for no contact target' }).min(1, 'must be at least 1 day').max(90, 'must be at most 90 days').nullable(),
  onsite: CoachingOnsiteTargetSchema.nullable(),
});

export const CoachingPauseSchema = z
  .strictObject({ from: IsoDate, to: IsoDate.nullable() })
  .refine((p) => p.to === null || p.to >= p.from, { path: ['to'], message: 'must be on or after the day the pause starts' });

export interface CoachingEngagementRules {
  unitId: string;
  target: CoachingTarget;
  startOn: string;
  plannedEndOn?: string | null | undefined;
  status?: CoachingEngagementStatus | undefined;
  pauses?: readonly { from: string; to: string | null }[] | undefined;
  endedOn?: string | null | undefined;
}

/**
 * An engagement's rules across fields: the planned end is on or after the start; a unit target is
 * the engagement's own unit; pauses start on or after the start, do not overlap, and only the last
 * may be open; an engagement is paused exactly when its last pause is open, and ended exactly when
 * it has an end day, on or after the start, with its pauses closed by then.
 */
export function coachingEngagementIssues(e: CoachingEngagementRules): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const status = e.status ?? 'active';
  if (e.plannedEndOn && e.plannedEndOn < e.startOn) issues.push({ field: 'plannedEndOn', message: `must be on or after the start (${e.startOn})` });
  if (e.target.unitId !== undefined && e.target.unitId !== e.unitId) issues.push({ field: 'target.unitId', message: 'must be the engagement’s own unit (unitId)' });

  const pauses = [...(e.pauses ?? [])].map((p, i) => ({ ...p, i })).sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  pauses.forEach((p, k) => {
    if (p.from < e.startOn) issues.push({ field: `pauses.${p.i}.from`, message: `must be on or after the start (${e.startOn})` });
    const next = pauses[k + 1];
    if (next && (p.to === null || p.to >= next.from)) {
      issues.push({ field: `pauses.${next.i}.from`, message: `must be after the end of the pause that starts on ${p.from}: pauses must not overlap` });
    }
  });
  const open = pauses.filter((p) => p.to === null);
  const last = pauses[pauses.length - 1];
  if (status === 'paused' && (!last || last.to !== null)) {
    issues.push({ field: 'status', message: 'is paused, so the engagement needs a pause with no end (to: null)' });
  }
  if (status !== 'paused') {
    for (const p of open) issues.push({ field: `pauses.${p.i}.to`, message: `must be set: the engagement is ${status}, so every pause has ended` });
  }
  if (status === 'ended') {
    if (!e.endedOn) issues.push({ field: 'endedOn', message: 'must be set: the day the engagement ended' });
    else {
      if (e.endedOn < e.startOn) issues.push({ field: 'endedOn', message: `must be on or after the start (${e.startOn})` });
      for (const p of pauses) {
        if (p.from > e.endedOn || (p.to !== null && p.to > e.endedOn)) issues.push({ field: `pauses.${p.i}`, message: `must end by the day the engagement ended (${e.endedOn})` });
      }
    }
  } else if (e.endedOn) {
    issues.push({ field: 'endedOn', message: 'must be empty unless the status is ended' });
  }
  return issues;
}

const addIssues = (issues: FieldIssue[], ctx: z.RefinementCtx) => {
  for (const issue of issues) ctx.addIssue({ code: 'custom', path: issue.field.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s)), message: issue.message });
};

const engagementFields = {
  coachPersonId: Id,
  kind: CoachingEngagementKindSchema,
  coachAffiliation: CoachingAffiliationSchema,
  target: CoachingTargetSchema,
  focusAreaKeys: focusAreaKeys.min(1, 'must name at least one focus area'),
  startOn: IsoDate,
  plannedEndOn: IsoDate.nullable(),
  goals: longText(4000),
  status: CoachingEngagementStatusSchema,
  pauses: z.array(CoachingPauseSchema, { error: 'must be a list of pauses' }).max(100, 'must list at most 100 pauses'),
  endedOn: IsoDate.nullable(),
  cadence: CoachingCadenceTargetsSchema,
};

/**
 * A coach or mentor (a person, internal or external) working with a leader, a mechanism or a unit.
 * `unitId` is the unit the engagement belongs to: its coverage, its time zone (dates are that unit's
 * local days), and the scope of an external coach's access. Status defaults to active; cadence to
 * COACHING_DEFAULT_TARGETS.
 */
export const CoachingEngagementCreate = z
  .strictObject({
    unitId: Id,
    coachPersonId: engagementFields.coachPersonId,
    kind: engagementFields.kind,
    coachAffiliation: engagementFields.coachAffiliation,
    target: engagementFields.target,
    focusAreaKeys: engagementFields.focusAreaKeys,
    startOn: engagementFields.startOn,
    plannedEndOn: engagementFields.plannedEndOn.optional(),
    goals: engagementFields.goals.optional(),
    status: engagementFields.status.optional(),
    pauses: engagementFields.pauses.optional(),
    endedOn: engagementFields.endedOn.optional(),
    cadence: engagementFields.cadence.optional(),
  })
  .superRefine((e, ctx) => addIssues(coachingEngagementIssues(e), ctx));
export type CoachingEngagementCreate = z.infer<typeof CoachingEngagementCreate>;

/**
 * Only the fields given change; `focusAreaKeys` and `pauses`, when given, replace the lists. The
 * schema checks the fields it is given against each other; the server checks the merged engagement
 * with `coachingEngagementIssues`.
 */
export const CoachingEngagementUpdate = z
  .strictObject({
    version: Version,
    coachPersonId: engagementFields.coachPersonId.optional(),
    kind: engagementFields.kind.optional(),
    coachAffiliation: engagementFields.coachAffiliation.optional(),
    target: engagementFields.target.optional(),
    focusAreaKeys: engagementFields.focusAreaKeys.optional(),
    startOn: engagementFields.startOn.optional(),
    plannedEndOn: engagementFields.plannedEndOn.optional(),
    goals: engagementFields.goals.optional(),
    status: engagementFields.status.optional(),
    pauses: engagementFields.pauses.optional(),
    endedOn: engagementFields.endedOn.optional(),
    cadence: engagementFields.cadence.optional(),
  })
  .superRefine((e, ctx) => {
    if (e.startOn && e.plannedEndOn && e.plannedEndOn < e.startOn) ctx.addIssue({ code: 'custom', path: ['plannedEndOn'], message: `must be on or after the start (${e.startOn})` });
    if (e.status === 'ended' && e.endedOn === undefined) ctx.addIssue({ code: 'custom', path: ['endedOn'], message: 'must be given when ending the engagement: the day it ended' });
  });
export type CoachingEngagementUpdate = z.infer<typeof CoachingEngagementUpdate>;

// ---- Contacts ------------------------------------------------------------------------------------

export const CoachingNextStepSchema = z.strictObject({ text: text(500), dueOn: IsoDate.optional() });

const contactFields = {
  /** The unit's local day of the contact. */
  date: IsoDate,
  mode: CoachingContactModeSchema,
  durationMinutes: z.int({ error: 'must be a whole number of minutes' }).min(1, 'must be at least 1 minute').max(1440, 'must be at most 1,440 minutes (a day)'),
  participantIds: personIds,
  /** Focus areas talked about. */
  topics: focusAreaKeys,
  notes: longText(20_000),
  agreements: longText(10_000),
  /** Next steps may become tasks in the unit's action list. */
  nextSteps: z.array(CoachingNextStepSchema, { error: 'must be a list of next steps' }).max(50, 'must list at most 50 next steps'),
};

const nextStepsAfterDate = (c: { date?: string | undefined; nextSteps?: { dueOn?: string | undefined }[] | undefined }, ctx: z.RefinementCtx) => {
  if (!c.date) return;
  (c.nextSteps ?? []).forEach((s, i) => {
    if (s.dueOn && s.dueOn < c.date!) ctx.addIssue({ code: 'custom', path: ['nextSteps', i, 'dueOn'], message: `must be on or after the contact’s date (${c.date})` });
  });
};

/** A contact: e-coaching (email, call, video) or an onsite visit. */
export const CoachingContactCreate = z
  .strictObject({
    date: contactFields.date,
    mode: contactFields.mode,
    durationMinutes: contactFields.durationMinutes,
    participantIds: contactFields.participantIds.optional(),
    topics: contactFields.topics.optional(),
    notes: contactFields.notes.optional(),
    agreements: contactFields.agreements.optional(),
    nextSteps: contactFields.nextSteps.optional(),
  })
  .superRefine(nextStepsAfterDate);
export type CoachingContactCreate = z.infer<typeof CoachingContactCreate>;

/** Only the fields given change; lists, when given, replace the lists. */
export const CoachingContactUpdate = z
  .strictObject({
    version: Version,
    date: contactFields.date.optional(),
    mode: contactFields.mode.optional(),
    durationMinutes: contactFields.durationMinutes.optional(),
    participantIds: contactFields.participantIds.optional(),
    topics: contactFields.topics.optional(),
    notes: contactFields.notes.optional(),
    agreements: contactFields.agreements.optional(),
    nextSteps: contactFields.nextSteps.optional(),
  })
  .superRefine(nextStepsAfterDate);
export type CoachingContactUpdate = z.infer<typeof CoachingContactUpdate>;

/**
 * A contact against its engagement, on the unit's `today`: not before the engagement started, not
 * after it ended, not in the future, and about the engagement's own focus areas.
 */
export function coachingContactIssues(
  contact: { date: string; topics?: readonly string[] | undefined },
  engagement: { startOn: string; endedOn?: string | null | undefined; focusAreaKeys: readonly string[] },
  today: string,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (contact.date < engagement.startOn) issues.push({ field: 'date', message: `must be on or after the day the engagement started (${engagement.startOn})` });
  if (engagement.endedOn && contact.date > engagement.endedOn) issues.push({ field: 'date', message: `must be on or before the day the engagement ended (${engagement.endedOn})` });
  if (contact.date > today) issues.push({ field: 'date', message: `must not be in the future (today is ${today})` });
  (contact.topics ?? []).forEach((t, i) => {
    if (!engagement.focusAreaKeys.includes(t)) issues.push({ field: `topics.${i}`, message: `must be one of the engagement’s focus areas (${engagement.focusAreaKeys.join(', ')})` });
  });
  return issues;
}

// ---- Organization facilitator checks (Exhibit 3) -------------------------------------------------

export const CoachingFacilitatorItemKeySchema = z.enum(COACHING_FACILITATOR_ITEM_KEYS as [string, ...string[]], {
  error: 'must be an item of the organization facilitator’s task activity list (Exhibit 3)',
});

/** One item answered: yes, or no with why and the action taken to address the breakdown. */
export const CoachingFacilitatorCheckAnswer = z
  .strictObject({
    itemKey: CoachingFacilitatorItemKeySchema,
    answer: z.enum(COACHING_CHECK_ANSWERS, { error: 'must be yes or no' }),
    why: text(2000).optional(),
    actionTaken: text(2000).optional(),
    note: longText(2000).optional(),
  })
  .superRefine((a, ctx) => {
    if (a.answer === 'no') {
      if (a.why === undefined) ctx.addIssue({ code: 'custom', path: ['why'], message: 'is required for a no: say why it is not so' });
      if (a.actionTaken === undefined) ctx.addIssue({ code: 'custom', path: ['actionTaken'], message: 'is required for a no: say what was done to address the breakdown' });
    } else {
      if (a.why !== undefined) ctx.addIssue({ code: 'custom', path: ['why'], message: 'is only for a no answer; use note for a yes' });
      if (a.actionTaken !== undefined) ctx.addIssue({ code: 'custom', path: ['actionTaken'], message: 'is only for a no answer; use note for a yes' });
    }
  });
export type CoachingFacilitatorCheckAnswer = z.infer<typeof CoachingFacilitatorCheckAnswer>;

/** A facilitator's checklist for one site on one day; items not answered stay open. */
export const CoachingFacilitatorCheckCreate = z.strictObject({
  facilitatorPersonId: Id,
  unitId: Id,
  checkedOn: IsoDate,
  answers: z
    .array(CoachingFacilitatorCheckAnswer, { error: 'must be a list of answers' })
    .min(1, 'must answer at least one item')
    .max(COACHING_FACILITATOR_ITEM_KEYS.length, `must answer at most ${COACHING_FACILITATOR_ITEM_KEYS.length} items`)
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((a, i) => {
        if (seen.has(a.itemKey)) ctx.addIssue({ code: 'custom', path: [i, 'itemKey'], message: `answers "${a.itemKey}" again; answer each item once` });
        seen.add(a.itemKey);
      });
    }),
});
export type CoachingFacilitatorCheckCreate = z.infer<typeof CoachingFacilitatorCheckCreate>;

// ---- Capacity transfer -----------------------------------------------------------------------------

/** An internal leader being prepared: the capacities (focus areas) they take on and the planned hand-over. */
export const CoachingCapacityTransferCreate = z.strictObject({
  internalLeaderPersonId: Id,
  capacities: focusAreaKeys.min(1, 'must name at least one focus area the leader takes on'),
  plannedHandOverOn: IsoDate,
  note: longText(2000).optional(),
});
export type CoachingCapacityTransferCreate = z.infer<typeof CoachingCapacityTransferCreate>;

export const CoachingCapacityTransferUpdate = z.strictObject({
  version: Version,
  capacities: focusAreaKeys.min(1, 'must name at least one focus area the leader takes on').optional(),
  plannedHandOverOn: IsoDate.optional(),
  note: longText(2000).optional(),
});
export type CoachingCapacityTransferUpdate = z.infer<typeof CoachingCapacityTransferUpdate>;

/** "Over time, the aim is to prepare a cadre of internal leaders so they become the primary system change agents…" */
export const COACHING_SUSTAIN_SOURCE: SourceRef = {
  source: 'planning-coaching-guide',
  section: 'Planning Coaching for SEAs/LEAs to Establish a Unified and Comprehensive System of Learning Supports',
  quote:
    'Over time, the aim is to prepare a cadre of internal leaders so they become the primary system change agents and capacity builders for replicating and sustaining new directions on a large scale.',
};

/**
 * When a unit is "ready to sustain without external coaching". The guide states the aim (a cadre of
 * internal leaders who become the primary change agents) but no test; these criteria are Trellis
 * defaults an agency may change:
 * - `minInternalLeaders`: at least this many different internal leaders have taken on capacities
 *   (default 2: the guide's "cadre" is more than one person);
 * - `minLeadersPerFocusArea`: every focus area of the unit's external engagements (started by the
 *   day judged, ended or not) is taken on by at least this many of them (default 1);
 * - `handOverPassed`: every planned hand-over day has come (default true);
 * - `noActiveExternal`: no external engagement of the unit is still going (started and not ended;
 *   a paused one is still going) (default true).
 * A unit with no capacity-transfer plan at all is never ready.
 */
export interface CoachingSustainCriteria {
  minInternalLeaders: number;
  minLeadersPerFocusArea: number;
  handOverPassed: boolean;
  noActiveExternal: boolean;
}
export const COACHING_SUSTAIN_DEFAULTS: CoachingSustainCriteria = { minInternalLeaders: 2, minLeadersPerFocusArea: 1, handOverPassed: true, noActiveExternal: true };

export interface CoachingSustainState {
  /** The day judged (the unit's local day). */
  on: string;
  /** The unit's engagements. */
  engagements: readonly { id: string; coachAffiliation: CoachingAffiliation; focusAreaKeys: readonly string[]; startOn: string; endedOn: string | null }[];
  transfers: readonly { internalLeaderPersonId: string; capacities: readonly string[]; plannedHandOverOn: string }[];
}

export type CoachingSustainGapCode = 'no_plan' | 'too_few_leaders' | 'focus_area_not_taken_on' | 'hand_over_ahead' | 'external_engagement_active';

export interface CoachingSustainGap {
  code: CoachingSustainGapCode;
  message: string;
  focusAreaKey?: string;
  engagementId?: string;
}

export interface CoachingSustainReadiness {
  ready: boolean;
  /** What is still missing; empty when ready. */
  gaps: CoachingSustainGap[];
  /** Each focus area to hand over, with the internal leaders who have taken it on. */
  focusAreas: { key: string; leaderIds: string[] }[];
  internalLeaders: number;
  message: string;
  source: SourceRef;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Is the unit ready to sustain the work without external coaching, and if not, what is missing? */
export function readyToSustain(criteria: CoachingSustainCriteria, state: CoachingSustainState): CoachingSustainReadiness {
  const gaps: CoachingSustainGap[] = [];
  const leadersByArea = new Map<string, Set<string>>();
  const leaders = new Set<string>();
  for (const t of state.transfers) {
    leaders.add(t.internalLeaderPersonId);
    for (const c of t.capacities) {
      if (!leadersByArea.has(c)) leadersByArea.set(c, new Set());
      leadersByArea.get(c)!.add(t.internalLeaderPersonId);
    }
  }
  const started = state.engagements.filter((e) => e.startOn <= state.on);
  const external = started.filter((e) => e.coachAffiliation === 'external');
  const order = new Map(COACHING_FOCUS_AREA_KEYS.map((k, i) => [k, i]));
  const areaKeys = [...new Set(external.length ? external.flatMap((e) => e.focusAreaKeys) : [...leadersByArea.keys()])].sort(
    (a, b) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity) || (a < b ? -1 : a > b ? 1 : 0),
  );
  const focusAreas = areaKeys.map((key) => ({ key, leaderIds: [...(leadersByArea.get(key) ?? [])].sort() }));

  if (state.transfers.length === 0) {
    gaps.push({ code: 'no_plan', message: 'No internal leader is being prepared yet: add who will take on which capacities, and when.' });
  } else {
    if (leaders.size < criteria.minInternalLeaders) {
      gaps.push({
        code: 'too_few_leaders',
        message: `${plural(leaders.size, 'internal leader')} prepared; the plan asks for at least ${criteria.minInternalLeaders}.`,
      });
    }
    for (const a of focusAreas) {
      if (a.leaderIds.length < criteria.minLeadersPerFocusArea) {
        gaps.push({
          code: 'focus_area_not_taken_on',
          focusAreaKey: a.key,
          message: `Focus area "${a.key}" is taken on by ${plural(a.leaderIds.length, 'internal leader')}; the plan asks for at least ${criteria.minLeadersPerFocusArea}.`,
        });
      }
    }
    if (criteria.handOverPassed) {
      const last = state.transfers.map((t) => t.plannedHandOverOn).reduce((a, b) => (a > b ? a : b));
      if (last > state.on) gaps.push({ code: 'hand_over_ahead', message: `The planned hand-over is not complete until ${last}.` });
    }
  }
  if (criteria.noActiveExternal) {
    for (const e of external) {
      if (e.endedOn === null || e.endedOn > state.on) {
        gaps.push({ code: 'external_engagement_active', engagementId: e.id, message: `External engagement ${e.id} has not ended.` });
      }
    }
  }
  const ready = gaps.length === 0;
  return {
    ready,
    gaps,
    focusAreas,
    internalLeaders: leaders.size,
    message: ready
      ? `Ready to sustain without external coaching: ${plural(leaders.size, 'internal leader')} ${leaders.size === 1 ? 'has' : 'have'} taken on every focus area.`
      : `Not yet ready to sustain without external coaching: ${gaps.map((g) => g.message).join(' ')}`,
    source: COACHING_SUSTAIN_SOURCE,
  };
}

// ---- Returned shapes ---------------------------------------------------------------------------------

const TargetStateSchema = z.enum(['overdue', 'due_soon', 'on_track', 'paused']);

/** CoachingCadenceStatus (./cadence.ts) as the API returns it. */
export const CoachingCadenceStatusSchema = z.object({
  engagementId: z.string(),
  on: z.string(),
  state: z.enum(['overdue', 'due_soon', 'on_track', 'paused', 'not_applicable']),
  notApplicable: z.enum(['not_started', 'ended', 'no_targets']).nullable(),
  targets: z.array(
    z.object({
      target: z.enum(['contact', 'onsite']),
      state: TargetStateSchema,
      every: z.string(),
      lastOn: z.string().nullable(),
      countedFrom: z.string(),
      dueOn: z.string().nullable(),
      daysUntilDue: z.number().nullable(),
      daysOverdue: z.number(),
      pausedDays: z.number(),
      message: z.string(),
    }),
  ),
  daysOverdue: z.number(),
  nextDueOn: z.string().nullable(),
  pastPlannedEnd: z.boolean(),
  pausedFrom: z.string().nullable(),
  pausedUntil: z.string().nullable(),
  message: z.string(),
  source: z.object({ source: z.string(), section: z.string(), quote: z.string().optional() }),
});

/** An engagement as the API returns it; `cadence` is filled in with the defaults when it had none. */
export const CoachingEngagementSchema = z.object({
  id: Id,
  unitId: Id,
  coachPersonId: Id,
  kind: CoachingEngagementKindSchema,
  coachAffiliation: CoachingAffiliationSchema,
  target: z.object({ leaderPersonId: Id.nullable(), mechanismId: Id.nullable(), unitId: Id.nullable() }),
  focusAreaKeys: z.array(z.string()),
  startOn: z.string(),
  plannedEndOn: z.string().nullable(),
  goals: z.string().nullable(),
  status: CoachingEngagementStatusSchema,
  pauses: z.array(z.object({ from: z.string(), to: z.string().nullable() })),
  endedOn: z.string().nullable(),
  cadence: CoachingCadenceTargetsSchema,
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CoachingEngagement = z.infer<typeof CoachingEngagementSchema>;

/**
 * A contact as the API returns it. Notes, agreements and next steps are null for a caller who may
 * see the engagement but is neither one of its people nor a leader of its unit.
 */
export const CoachingContactSchema = z.object({
  id: Id,
  engagementId: Id,
  date: z.string(),
  mode: CoachingContactModeSchema,
  durationMinutes: z.number(),
  participantIds: z.array(Id),
  topics: z.array(z.string()),
  notes: z.string().nullable(),
  agreements: z.string().nullable(),
  /** `taskId` once the next step became a task. */
  nextSteps: z.array(z.object({ text: z.string(), dueOn: z.string().nullable(), taskId: Id.nullable() })).nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CoachingContact = z.infer<typeof CoachingContactSchema>;
