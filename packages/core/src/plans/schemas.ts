// Shapes of design documents, plans, plan tasks, approval moves and recommendations as the API
// accepts them. Objects are strict: an unknown field is refused, not ignored. Rules that need the
// stored state (the plan's status, other tasks' dependencies, the dates already saved) are in
// ./rules.ts; these schemas check what one request can show on its own.
//
// Plan tasks are rows of the one task table (docs/decisions/0008): the statuses are the tasks
// module's TASK_STATUSES, and a plan task adds HOW, start, phase, WHO as people and mechanisms,
// dependencies, evidence and links to what an action item already has.
import { z } from 'zod';
import { oneOf, optionalText, text } from '../schemas/fields.js';
import { IsoDate } from '../mechanisms/schemas.js';
import { InterventionFrameworkChangeSchema } from '../resources/schemas.js';
import { Id, Version } from '../organizations/schemas.js';
import { TASK_STATUSES } from '../tasks/schemas.js';
import { PLAN_KINDS, PLAN_RECOMMENDATION_DECISIONS, PLAN_RECOMMENDATION_SUBJECTS, PLAN_STATUSES } from './rules.js';
import { PLAN_PHASES, PLAN_TEMPLATE_KEYS } from './templates.js';


export const PlanKindSchema = z.enum(PLAN_KINDS, { error: oneOf(PLAN_KINDS) });
export const PlanStatusSchema = z.enum(PLAN_STATUSES, { error: oneOf(PLAN_STATUSES) });
export const PlanPhaseSchema = z.enum(PLAN_PHASES, { error: oneOf(PLAN_PHASES) });
export const PlanTemplateKeySchema = z.enum(PLAN_TEMPLATE_KEYS, { error: `${oneOf(PLAN_TEMPLATE_KEYS)}, or leave it out to start blank` });
export const PlanTaskStatusSchema = z.enum(TASK_STATUSES, { error: oneOf(TASK_STATUSES) });
export const PlanRecommendationSubjectSchema = z.enum(PLAN_RECOMMENDATION_SUBJECTS, { error: oneOf(PLAN_RECOMMENDATION_SUBJECTS) });
export const PlanRecommendationDecisionSchema = z.enum(PLAN_RECOMMENDATION_DECISIONS, { error: oneOf(PLAN_RECOMMENDATION_DECISIONS) });

// ---- Field shapes --------------------------------------------------------------------------------

const slug = z
  .string({ error: 'must be text' })
  .trim()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase words joined by hyphens, e.g. family-engagement')
  .max(80, 'must be at most 80 characters');
const idList = (what: string, max: number) =>
  z
    .array(Id, { error: `must be a list of ${what} ids` })
    .max(max, `must be at most ${max} ${what}s`)
    .refine((list) => new Set(list).size === list.length, `must not list the same ${what} twice`);

// ---- Design documents ------------------------------------------------------------------------------

/** The intervention framework the design adopts, by catalog id and version (see resources/framework.ts). */
export const DesignFrameworkRefSchema = z.strictObject({
  id: text(100),
  version: text(40),
});

export const DesignFeatureSchema = z.strictObject({
  /** Stable within the document: an adaptation is matched to its prototype's feature by key. */
  key: slug,
  text: text(2000),
  /** Fidelity requires it; a district's change to it is flagged. */
  essential: z.boolean({ error: 'must be true or false' }).default(true),
});

/** What a design document says: vision, aims, rationale, the framework adopted, essential features. */
export const DesignDocumentContentSchema = z.strictObject({
  vision: text(5000, 'must not be empty: say what the unit is working toward'),
  aims: z
    .array(text(1000), { error: 'must be a list of aims' })
    .max(30, 'must be at most 30 aims')
    .refine((list) => new Set(list.map((a) => a.toLowerCase())).size === list.length, 'must not list the same aim twice'),
  rationale: text(10_000, 'must not be empty: say why this design'),
  framework: DesignFrameworkRefSchema.nullable(),
  /**
   * How the unit adapts the intervention framework (rename, add or drop an arena or level). Resource
   * maps at the unit and below use the adapted framework (resources/framework.ts adaptInterventionFramework).
   */
  frameworkChanges: z.array(InterventionFrameworkChangeSchema, { error: 'must be a list of changes' }).max(100, 'must be at most 100 changes').default([]),
  essentialFeatures: z
    .array(DesignFeatureSchema, { error: 'must be a list of features' })
    .max(100, 'must be at most 100 features')
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((f, i) => {
        if (seen.has(f.key)) ctx.addIssue({ code: 'custom', path: [i, 'key'], message: `is used by another feature ("${f.key}"); keys must be unique` });
        seen.add(f.key);
      });
    }),
});
export type DesignDocumentContentInput = z.input<typeof DesignDocumentContentSchema>;

export const DesignDocumentCreate = DesignDocumentContentSchema.extend({
  unitId: Id,
  /** The design adopted as the prototype (the state's, for a district); null for a unit's own. */
  adoptedFromId: Id.nullable().default(null),
});
export type DesignDocumentCreate = z.infer<typeof DesignDocumentCreate>;

/** Saving a design document keeps the version it replaces; any two can be compared. */
export const DesignDocumentUpdate = DesignDocumentContentSchema.extend({ version: Version });
export type DesignDocumentUpdate = z.infer<typeof DesignDocumentUpdate>;

// ---- Plans ---------------------------------------------------------------------------------------

export const PlanTemplateChoice = z.strictObject({
  key: PlanTemplateKeySchema,
  /** Only these phases of the template (e.g. Exhibit 4's third and fourth for a sustainability plan). */
  phases: z
    .array(PlanPhaseSchema, { error: 'must be a list of phases' })
    .min(1, 'must name at least one phase, or leave it out for the whole template')
    .refine((list) => new Set(list).size === list.length, 'must not list a phase twice')
    .optional(),
});

export const PlanCreate = z.strictObject({
  unitId: Id,
  kind: PlanKindSchema,
  title: text(300),
  /** A template to start from; null or absent starts blank. */
  template: PlanTemplateChoice.nullable().default(null),
  /** The plan above in the cascade that spawned this one (the state's roll-out plan for a district plan). */
  parentPlanId: Id.nullable().default(null),
});
export type PlanCreate = z.infer<typeof PlanCreate>;

export const PlanUpdate = z.strictObject({
  version: Version,
  title: text(300).optional(),
});
export type PlanUpdate = z.infer<typeof PlanUpdate>;

/** Moves a person asks for; `superseded` is the system's, when a newer version is approved. */
export const PLAN_REQUESTABLE_STATUSES = ['draft', 'submitted', 'revision_requested', 'approved'] as const;

export const PlanTransition = z
  .strictObject({
    version: Version,
    to: z.enum(PLAN_REQUESTABLE_STATUSES, { error: oneOf(PLAN_REQUESTABLE_STATUSES) }),
    /** What to revise (required to return a plan for revision); a note for any other move. */
    comment: optionalText(4000).optional(),
  })
  .superRefine((t, ctx) => {
    if (t.to === 'revision_requested' && !t.comment) {
      ctx.addIssue({ code: 'custom', path: ['comment'], message: 'is required when requesting a revision: say what to revise' });
    }
  });
export type PlanTransition = z.infer<typeof PlanTransition>;

// ---- Plan tasks ------------------------------------------------------------------------------------

/** A link to evidence or a resource: http and https only (no javascript:, data: or file: links). */
export const PlanTaskLinkSchema = z.strictObject({
  url: z
    .url({ protocol: /^https?$/, error: 'must be a web address starting with http:// or https://' })
    .max(2000, 'must be at most 2,000 characters'),
  label: optionalText(200).optional(),
});
export type PlanTaskLink = z.infer<typeof PlanTaskLinkSchema>;

const blockedReason = text(1000, 'must not be empty: say what blocks it');

const taskFields = {
  title: text(300),
  /** HOW the task will be carried out. */
  how: optionalText(10_000),
  /** WHO: people … */
  personIds: idList('person', 50),
  /** … and/or mechanisms (a planning team, a work group). */
  mechanismIds: idList('mechanism', 20),
  /** WHEN: start and due days. */
  startOn: IsoDate.nullable(),
  dueOn: IsoDate.nullable(),
  phase: PlanPhaseSchema.nullable(),
  status: PlanTaskStatusSchema,
  /** Required exactly when the status is blocked. */
  blockedReason: blockedReason.nullable(),
  /** Tasks of the same plan this one waits for. */
  dependsOn: idList('task', 100),
  /** Notes on what shows the task was done. */
  evidence: optionalText(10_000),
  links: z.array(PlanTaskLinkSchema, { error: 'must be a list of links' }).max(50, 'must be at most 50 links'),
};

type TaskShape = {
  startOn?: string | null | undefined;
  dueOn?: string | null | undefined;
  status?: string | undefined;
  blockedReason?: string | null | undefined;
};

/** Checks one request can make on its own; against stored values the server uses rules.checkPlanTaskDates. */
function taskChecks(t: TaskShape, ctx: z.RefinementCtx, statusKnown: boolean) {
  if (t.startOn && t.dueOn && t.dueOn < t.startOn) {
    ctx.addIssue({ code: 'custom', path: ['dueOn'], message: `must be on or after the start date (${t.startOn})` });
  }
  if (t.status === 'blocked' && !t.blockedReason) {
    ctx.addIssue({ code: 'custom', path: ['blockedReason'], message: 'is required when a task is blocked: say what blocks it' });
  }
  if ((statusKnown || t.status !== undefined) && t.status !== 'blocked' && t.blockedReason) {
    ctx.addIssue({ code: 'custom', path: ['blockedReason'], message: 'is only given when a task is blocked' });
  }
}

export const PlanTaskCreate = z
  .strictObject({
    /** The task it nests under; null for a top-level task. */
    parentId: Id.nullable().default(null),
    /** Place among its siblings (0 is first); the end when absent. */
    position: z.int({ error: 'must be a whole number' }).min(0, 'must be 0 or more').optional(),
    title: taskFields.title,
    how: taskFields.how.default(null),
    personIds: taskFields.personIds.default([]),
    mechanismIds: taskFields.mechanismIds.default([]),
    startOn: taskFields.startOn.default(null),
    dueOn: taskFields.dueOn.default(null),
    phase: taskFields.phase.default(null),
    status: taskFields.status.default('not_started'),
    blockedReason: taskFields.blockedReason.default(null),
    dependsOn: taskFields.dependsOn.default([]),
    evidence: taskFields.evidence.default(null),
    links: taskFields.links.default([]),
  })
  .superRefine((t, ctx) => taskChecks(t, ctx, true));
export type PlanTaskCreate = z.infer<typeof PlanTaskCreate>;

/** Only the fields given change; `dependsOn` and `links`, when given, replace the lists. */
export const PlanTaskUpdate = z
  .strictObject({
    version: Version,
    parentId: Id.nullable().optional(),
    position: z.int({ error: 'must be a whole number' }).min(0, 'must be 0 or more').optional(),
    title: taskFields.title.optional(),
    how: taskFields.how.optional(),
    personIds: taskFields.personIds.optional(),
    mechanismIds: taskFields.mechanismIds.optional(),
    startOn: taskFields.startOn.optional(),
    dueOn: taskFields.dueOn.optional(),
    phase: taskFields.phase.optional(),
    status: taskFields.status.optional(),
    blockedReason: taskFields.blockedReason.optional(),
    dependsOn: taskFields.dependsOn.optional(),
    evidence: taskFields.evidence.optional(),
    links: taskFields.links.optional(),
  })
  .superRefine((t, ctx) => taskChecks(t, ctx, false));
export type PlanTaskUpdate = z.infer<typeof PlanTaskUpdate>;

// ---- Recommendations -------------------------------------------------------------------------------

export const PlanRecommendationCreate = z.strictObject({
  unitId: Id,
  /** The plan whose work produced it, when one did. */
  planId: Id.nullable().default(null),
  /** The work group (or other mechanism) that wrote it. */
  fromMechanismId: Id.nullable().default(null),
  subject: PlanRecommendationSubjectSchema,
  title: text(300),
  rationale: text(10_000, 'must not be empty: say why the change is recommended'),
  submittedTo: z.strictObject({
    /** The authority, in the unit's words: "Superintendent", "Principal", "Board of Education". */
    authority: text(200, 'must not be empty: name who decides, e.g. Superintendent'),
    /** The person who holds it, when known. */
    personId: Id.nullable().default(null),
  }),
  /** The day it was submitted; today when absent. */
  submittedOn: IsoDate.optional(),
});
export type PlanRecommendationCreate = z.infer<typeof PlanRecommendationCreate>;

export const PlanRecommendationDecide = z
  .strictObject({
    version: Version,
    decision: PlanRecommendationDecisionSchema,
    decidedOn: IsoDate,
    note: optionalText(4000).default(null),
    /** The tasks that carry an accepted recommendation out. */
    taskIds: idList('task', 200).default([]),
  })
  .superRefine((d, ctx) => {
    if (d.taskIds.length > 0 && d.decision !== 'accepted') {
      ctx.addIssue({ code: 'custom', path: ['taskIds'], message: 'can be linked only to an accepted recommendation' });
    }
  });
export type PlanRecommendationDecide = z.infer<typeof PlanRecommendationDecide>;

/** Link (or unlink, by leaving them out) the tasks that carry an accepted recommendation out. */
export const PlanRecommendationTasks = z.strictObject({
  version: Version,
  taskIds: idList('task', 200),
});
export type PlanRecommendationTasks = z.infer<typeof PlanRecommendationTasks>;
