// Shapes of benchmark assessments, readiness survey answers, barriers and celebrations as the API
// accepts them. Objects are strict: an unknown field is refused, not ignored. Rules that need stored
// state (the instrument's items, the assessment's status, the barrier's current status) are in
// ./rules.ts; these schemas check what one request can show on its own.
//
// Survey answers are anonymous by shape: the answer schema has no field that could name or trace a
// respondent (no person id, email, name, or free text), and, being strict, refuses any such field
// sent anyway. The unit and period come from the survey link, never from the answer.
import { z } from 'zod';
import { oneOf, optionalText, text } from '../schemas/fields.js';
import { IsoDate } from '../mechanisms/schemas.js';
import { Id, Version } from '../organizations/schemas.js';
import { BARRIER_CATEGORIES, BENCHMARK_RATINGS, READINESS_MAX_VALUE, READINESS_MIN_VALUE } from './instruments.js';
import { BARRIER_STATUSES, BENCHMARK_ASSESSMENT_STATUSES, CELEBRATION_STATUSES, PROGRESS_MILESTONE_KINDS, PROGRESS_PERIOD_PATTERN } from './rules.js';


export const BenchmarkRatingSchema = z.enum(BENCHMARK_RATINGS, { error: oneOf(BENCHMARK_RATINGS) });
export const BenchmarkAssessmentStatusSchema = z.enum(BENCHMARK_ASSESSMENT_STATUSES, { error: oneOf(BENCHMARK_ASSESSMENT_STATUSES) });
export const BarrierCategorySchema = z.enum(BARRIER_CATEGORIES, { error: oneOf(BARRIER_CATEGORIES) });
export const BarrierStatusSchema = z.enum(BARRIER_STATUSES, { error: oneOf(BARRIER_STATUSES) });
export const CelebrationStatusSchema = z.enum(CELEBRATION_STATUSES, { error: oneOf(CELEBRATION_STATUSES) });

// ---- Field shapes --------------------------------------------------------------------------------

const itemKey = z
  .string({ error: 'must be text' })
  .trim()
  .regex(/^[a-z0-9]+(?:[-_][a-z0-9]+)*$/, 'must be an item key: lowercase words joined by hyphens')
  .max(120, 'must be at most 120 characters');

/** A quarter (2026-Q3) or a month (2026-09). */
export const ProgressPeriodSchema = z
  .string({ error: 'must be text' })
  .trim()
  .regex(PROGRESS_PERIOD_PATTERN, 'must be a quarter like 2026-Q3 or a month like 2026-09');

/** Which instrument, and which version of it, an assessment or survey uses. */
export const ProgressInstrumentRefSchema = z.strictObject({
  id: text(100),
  version: z
    .string({ error: 'must be text' })
    .trim()
    .regex(/^\d{4}\.\d{1,2}\.\d+(?:[-+][A-Za-z0-9.-]+)?$/, 'must be a version like 2026.11.0'),
});
export type ProgressInstrumentRef = z.infer<typeof ProgressInstrumentRefSchema>;

/** A link to evidence: http and https only (no javascript:, data: or file: links). */
export const ProgressLinkSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: 'must be a web address starting with http:// or https://' }).max(2000, 'must be at most 2,000 characters'),
  label: optionalText(200).optional(),
});
export type ProgressLink = z.infer<typeof ProgressLinkSchema>;

const uniqueBy = <T>(key: (t: T) => string, what: string) => (list: T[], ctx: z.RefinementCtx) => {
  const seen = new Set<string>();
  list.forEach((t, i) => {
    const k = key(t);
    if (seen.has(k)) ctx.addIssue({ code: 'custom', path: [i], message: `${what} "${k}" appears twice; list it once` });
    seen.add(k);
  });
};

// ---- Benchmark assessments -------------------------------------------------------------------------

export const BenchmarkRatingInputSchema = z.strictObject({
  itemKey,
  rating: BenchmarkRatingSchema,
  /** What the rating rests on, in words. */
  evidence: optionalText(4000).optional(),
  links: z.array(ProgressLinkSchema, { error: 'must be a list of links' }).max(20, 'must be at most 20 links').optional(),
});
export type BenchmarkRatingInput = z.infer<typeof BenchmarkRatingInputSchema>;

const ratingList = z
  .array(BenchmarkRatingInputSchema, { error: 'must be a list of ratings' })
  .max(1000, 'must be at most 1,000 ratings')
  .superRefine(uniqueBy((r: BenchmarkRatingInput) => r.itemKey, 'Item'));

/** Start an assessment of a unit for a period; ratings may be partial (a team completes it together). */
export const BenchmarkAssessmentCreate = z.strictObject({
  unitId: Id,
  period: ProgressPeriodSchema,
  instrument: ProgressInstrumentRefSchema,
  /** The people who assessed together; the one who starts it is added by the server. */
  assessorIds: z
    .array(Id, { error: 'must be a list of person ids' })
    .max(50, 'must be at most 50 people')
    .refine((list) => new Set(list).size === list.length, 'must not list the same person twice')
    .default([]),
  ratings: ratingList.default([]),
  note: optionalText(4000).optional(),
});
export type BenchmarkAssessmentCreate = z.infer<typeof BenchmarkAssessmentCreate>;

/** Save ratings to a draft: the ratings given replace those items' ratings; others are kept. */
export const BenchmarkAssessmentUpdate = z.strictObject({
  version: Version,
  ratings: ratingList.optional(),
  /** Item keys whose ratings are cleared. */
  clear: z.array(itemKey, { error: 'must be a list of item keys' }).max(1000, 'must be at most 1,000 item keys').optional(),
  assessorIds: z
    .array(Id, { error: 'must be a list of person ids' })
    .max(50, 'must be at most 50 people')
    .refine((list) => new Set(list).size === list.length, 'must not list the same person twice')
    .optional(),
  note: optionalText(4000).optional(),
});
export type BenchmarkAssessmentUpdate = z.infer<typeof BenchmarkAssessmentUpdate>;

/** Submit (freeze) an assessment. */
export const BenchmarkAssessmentSubmit = z.strictObject({
  version: Version,
  to: z.literal('submitted', { error: 'must be "submitted": an assessment moves only from draft to submitted' }),
});
export type BenchmarkAssessmentSubmit = z.infer<typeof BenchmarkAssessmentSubmit>;

/** Ask for a roll-up. */
export const BenchmarkRollUpQuery = z.strictObject({
  period: ProgressPeriodSchema,
  previousPeriod: ProgressPeriodSchema.optional(),
  behindBelow: z.coerce
    .number({ error: 'must be a number from 0 to 3' })
    .min(0, 'must be 0 or more')
    .max(3, 'must be at most 3')
    .optional(),
});
export type BenchmarkRollUpQuery = z.infer<typeof BenchmarkRollUpQuery>;

// ---- Readiness surveys -----------------------------------------------------------------------------

/** Send a survey to a unit's stakeholders for a period; they answer by link. */
export const ReadinessSurveyCreate = z.strictObject({
  unitId: Id,
  period: ProgressPeriodSchema,
  instrument: ProgressInstrumentRefSchema,
  closesOn: IsoDate.nullable().default(null),
});
export type ReadinessSurveyCreate = z.infer<typeof ReadinessSurveyCreate>;

export const ReadinessAnswerSchema = z.strictObject({
  itemKey,
  value: z
    .int({ error: `must be a whole number from ${READINESS_MIN_VALUE} (strongly disagree) to ${READINESS_MAX_VALUE} (strongly agree)` })
    .min(READINESS_MIN_VALUE, `must be ${READINESS_MIN_VALUE} (strongly disagree) or more`)
    .max(READINESS_MAX_VALUE, `must be at most ${READINESS_MAX_VALUE} (strongly agree)`),
});

/**
 * One anonymous response. Nothing in it names the respondent; the strict object refuses any other
 * field (a person id, email or name sent by mistake is refused, never stored). Items may be skipped.
 */
export const ReadinessResponseSchema = z.strictObject({
  answers: z
    .array(ReadinessAnswerSchema, { error: 'must be a list of answers' })
    .min(1, 'must answer at least one statement')
    .max(200, 'must be at most 200 answers')
    .superRefine(uniqueBy((a: { itemKey: string }) => a.itemKey, 'Statement')),
});
export type ReadinessResponseInput = z.infer<typeof ReadinessResponseSchema>;

// ---- Barriers ----------------------------------------------------------------------------------------

const barrierFields = {
  /** The unit the barrier is raised in; access is decided on it. */
  unitId: Id,
  /** Set when the barrier is raised against one of the unit's mechanisms (the server checks it is the unit's). */
  mechanismId: Id.nullable(),
  category: BarrierCategorySchema,
  description: text(4000, 'must not be empty: say what stands in the way'),
  /** The person who owns solving it. */
  ownerId: Id,
  nextStep: text(1000, 'must not be empty: say what happens next'),
  targetOn: IsoDate.nullable(),
};

export const BarrierCreate = z.strictObject({
  ...barrierFields,
  mechanismId: barrierFields.mechanismId.default(null),
  targetOn: barrierFields.targetOn.default(null),
});
export type BarrierCreate = z.infer<typeof BarrierCreate>;

/** Only the fields given change. The unit does not: a barrier raised in the wrong unit is dropped and raised again. */
export const BarrierUpdate = z.strictObject({
  version: Version,
  mechanismId: barrierFields.mechanismId.optional(),
  category: barrierFields.category.optional(),
  description: barrierFields.description.optional(),
  ownerId: barrierFields.ownerId.optional(),
  nextStep: barrierFields.nextStep.optional(),
  targetOn: barrierFields.targetOn.optional(),
});
export type BarrierUpdate = z.infer<typeof BarrierUpdate>;

/** Move a barrier: resolving needs the resolution, dropping a reason. */
export const BarrierTransition = z
  .strictObject({
    version: Version,
    to: BarrierStatusSchema,
    resolution: optionalText(4000).optional(),
    reason: optionalText(1000).optional(),
  })
  .superRefine((b, ctx) => {
    if (b.to === 'resolved' && !b.resolution) ctx.addIssue({ code: 'custom', path: ['resolution'], message: 'must say how the barrier was resolved' });
    if (b.to === 'dropped' && !b.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'must say why the barrier is dropped' });
  });
export type BarrierTransition = z.infer<typeof BarrierTransition>;

// ---- Celebrations ------------------------------------------------------------------------------------

/** `kind:unitId:subject`, as progressMilestoneKey makes it. */
export const CelebrationMilestoneKeySchema = z
  .string({ error: 'must be text' })
  .trim()
  .max(300, 'must be at most 300 characters')
  .refine((k) => {
    const [kind, unit, ...subject] = k.split(':');
    return (PROGRESS_MILESTONE_KINDS as readonly string[]).includes(kind ?? '') && !!unit && subject.join(':').length > 0;
  }, `must be a milestone key like plan_approved:<unit id>:<plan id> (kinds: ${PROGRESS_MILESTONE_KINDS.join(', ')})`);

/** A celebration a leader adds, or confirms from a proposal (then `milestoneKey` names it; null: added by hand). */
export const CelebrationCreate = z.strictObject({
  unitId: Id,
  title: text(300),
  description: optionalText(4000).default(null),
  celebratedOn: IsoDate,
  milestoneKey: CelebrationMilestoneKeySchema.nullable().default(null),
});
export type CelebrationCreate = z.infer<typeof CelebrationCreate>;

export const CelebrationUpdate = z.strictObject({
  version: Version,
  title: text(300).optional(),
  description: optionalText(4000).optional(),
  celebratedOn: IsoDate.optional(),
});
export type CelebrationUpdate = z.infer<typeof CelebrationUpdate>;

/** Confirm or dismiss a proposed celebration. */
export const CelebrationDecision = z.strictObject({
  version: Version,
  to: z.enum(['confirmed', 'dismissed'], { error: 'must be confirmed or dismissed' }),
});
export type CelebrationDecision = z.infer<typeof CelebrationDecision>;
