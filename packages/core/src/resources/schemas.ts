// Shapes of resource maps as the API accepts and returns them: resources (programs, services,
// initiatives, staff roles), priority needs, recommendations, framework adaptations, snapshots and
// findings. Accepted objects are strict: an unknown field is refused, not ignored. Cells are checked
// for shape here and against a framework by `resourceInputFor(framework)` and its siblings (the
// framework is data, so the check is built from it).
import { z } from 'zod';
import { optionalText, text } from '../schemas/fields.js';
import { Id, Version } from '../organizations/schemas.js';
import { IsoDate } from '../mechanisms/schemas.js';
import { RESOURCE_FINDING_CODES } from './analysis.js';
import {
  checkInterventionCells,
  INTERVENTION_AXES,
  INTERVENTION_CELL_PATTERN,
  INTERVENTION_KEY_PATTERN,
  type InterventionFramework,
} from './framework.js';

export const RESOURCE_KINDS = ['program', 'service', 'initiative', 'staff_role'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];
export const RESOURCE_KIND_LABELS: Record<ResourceKind, string> = {
  program: 'Program',
  service: 'Service',
  initiative: 'Initiative',
  staff_role: 'Staff role',
};

export const RESOURCE_PROVIDER_TYPES = ['school', 'district', 'community_agency'] as const;
export type ResourceProviderType = (typeof RESOURCE_PROVIDER_TYPES)[number];
export const RESOURCE_PROVIDER_TYPE_LABELS: Record<ResourceProviderType, string> = {
  school: 'School',
  district: 'District',
  community_agency: 'Community agency',
};

export const RESOURCE_RECOMMENDATION_TYPES = [
  'unify',
  'yearly_priority',
  'redeploy_resources',
  'policy_change',
  'operational_infrastructure_change',
  'program_change',
] as const;
export type ResourceRecommendationType = (typeof RESOURCE_RECOMMENDATION_TYPES)[number];
/** In the words of Appendix B: what the work group analyzes and recommends. */
export const RESOURCE_RECOMMENDATION_TYPE_LABELS: Record<ResourceRecommendationType, string> = {
  unify: 'How to unify the work into a system',
  yearly_priority: 'Yearly priority for developing the system',
  redeploy_resources: 'Redeploy resources',
  policy_change: 'Change to current policies',
  operational_infrastructure_change: 'Change to the operational infrastructure',
  program_change: 'Change to current programs and initiatives',
};

/** draft → submitted (to the superintendent or principal) → accepted or declined; withdrawn by its authors. */
export const RESOURCE_RECOMMENDATION_STATUSES = ['draft', 'submitted', 'accepted', 'declined', 'withdrawn'] as const;
export type ResourceRecommendationStatus = (typeof RESOURCE_RECOMMENDATION_STATUSES)[number];

export const ResourceKindSchema = z.enum(RESOURCE_KINDS, { error: `must be one of ${RESOURCE_KINDS.join(', ')}` });
export const ResourceProviderTypeSchema = z.enum(RESOURCE_PROVIDER_TYPES, { error: `must be one of ${RESOURCE_PROVIDER_TYPES.join(', ')}` });
export const ResourceRecommendationTypeSchema = z.enum(RESOURCE_RECOMMENDATION_TYPES, {
  error: `must be one of ${RESOURCE_RECOMMENDATION_TYPES.join(', ')}`,
});
export const ResourceRecommendationStatusSchema = z.enum(RESOURCE_RECOMMENDATION_STATUSES, {
  error: `must be one of ${RESOURCE_RECOMMENDATION_STATUSES.join(', ')}`,
});

// ---- Field shapes --------------------------------------------------------------------------------

const count = (what: string) =>
  z
    .int({ error: `must be a whole number of ${what}` })
    .min(0, 'must not be negative')
    .max(10_000_000, 'must be at most 10,000,000')
    .nullable();
const amount = (max: number, example: string) =>
  z
    .number({ error: `must be a number, e.g. ${example}` })
    .min(0, 'must not be negative')
    .max(max, `must be at most ${max.toLocaleString('en-US')}`)
    .nullable();

export const ResourceCellKey = z
  .string({ error: 'must be text' })
  .trim()
  .toLowerCase()
  .regex(INTERVENTION_CELL_PATTERN, 'must be a cell key arena:level, e.g. crisis-assistance:early-intervention');

const cells = z
  .array(ResourceCellKey, { error: 'must be a list of cell keys' })
  .min(1, 'must place the resource in at least one cell of the framework')
  .max(50, 'must be at most 50 cells')
  .refine((list) => new Set(list).size === list.length, 'must not list a cell twice');

/** A purpose tag: lowercase words joined by hyphens, e.g. `attendance` or `peer-mentoring`. */
export const ResourcePurposeTag = z
  .string({ error: 'must be text' })
  .trim()
  .toLowerCase()
  .transform((s) => s.replace(/[\s_]+/g, '-'))
  .pipe(z.string().regex(INTERVENTION_KEY_PATTERN, 'must be words of letters and digits, e.g. peer-mentoring').max(60, 'must be at most 60 characters'));

const purposeTags = z
  .array(ResourcePurposeTag, { error: 'must be a list of tags' })
  .max(20, 'must be at most 20 tags')
  .transform((tags) => [...new Set(tags)]);

const flag = z.boolean({ error: 'must be true or false' });

const PARTNER_REQUIRED = 'must name the community agency that provides it';

/** The fields of a resource, as entered or imported into a unit's map. */
const resourceFields = {
  name: text(200),
  description: optionalText(4000).optional(),
  kind: ResourceKindSchema,
  providerType: ResourceProviderTypeSchema,
  /** The community agency (or other partner) that provides it: required for `community_agency`. */
  partnerName: optionalText(200).optional(),
  cells,
  /** Students (or families) served in a year; null when unknown. */
  populationServed: count('students').optional(),
  /** How many it could serve. */
  capacity: count('students').optional(),
  staffFte: amount(100_000, '1.5').optional(),
  /** Dollars a year. */
  annualCost: amount(10_000_000_000, '12500').optional(),
  fundingSource: optionalText(200).optional(),
  /** The day the funding ends (grants); null when it does not end. */
  fundingEndsOn: IsoDate.nullable().optional(),
  responsibleMechanismId: Id.nullable().optional(),
  responsiblePersonId: Id.nullable().optional(),
  /** Coordinated with the unit's other learning supports. */
  coordinated: flag,
  /** What it is for, in a few tags; the analysis compares resources by them. */
  purposeTags: purposeTags.optional(),
  /** Who it serves, in words ("grade 9 students with chronic absence"). */
  targetPopulation: optionalText(500).optional(),
};

const partnerNamed = (value: { providerType?: ResourceProviderType | undefined; partnerName?: string | null | undefined }) =>
  value.providerType !== 'community_agency' || (value.partnerName !== undefined && value.partnerName !== null);

export const ResourceInput = z
  .strictObject(resourceFields)
  .refine(partnerNamed, { message: PARTNER_REQUIRED, path: ['partnerName'] });
export type ResourceInput = z.infer<typeof ResourceInput>;

/** A resource for a unit's map (`unitId`). */
export const ResourceCreate = z
  .strictObject({ unitId: Id, ...resourceFields })
  .refine(partnerNamed, { message: PARTNER_REQUIRED, path: ['partnerName'] });
export type ResourceCreate = z.infer<typeof ResourceCreate>;

/**
 * A change to a resource. Sending `providerType: community_agency` with `partnerName: null` is
 * refused here; when only one of the two is sent, the server merges with the stored resource and
 * checks the result with `ResourceInput`.
 */
export const ResourceUpdate = z
  .strictObject({
    version: Version,
    name: resourceFields.name.optional(),
    description: resourceFields.description,
    kind: resourceFields.kind.optional(),
    providerType: resourceFields.providerType.optional(),
    partnerName: resourceFields.partnerName,
    cells: cells.optional(),
    populationServed: resourceFields.populationServed,
    capacity: resourceFields.capacity,
    staffFte: resourceFields.staffFte,
    annualCost: resourceFields.annualCost,
    fundingSource: resourceFields.fundingSource,
    fundingEndsOn: resourceFields.fundingEndsOn,
    responsibleMechanismId: resourceFields.responsibleMechanismId,
    responsiblePersonId: resourceFields.responsiblePersonId,
    coordinated: flag.optional(),
    purposeTags: resourceFields.purposeTags,
    targetPopulation: resourceFields.targetPopulation,
  })
  .refine((v) => v.providerType !== 'community_agency' || v.partnerName !== null, { message: PARTNER_REQUIRED, path: ['partnerName'] });
export type ResourceUpdate = z.infer<typeof ResourceUpdate>;

const cellsIn =
  (framework: InterventionFramework) =>
  (value: { cells?: string[] | undefined }, ctx: z.RefinementCtx): void => {
    for (const issue of checkInterventionCells(framework, value.cells ?? [])) {
      ctx.addIssue({ code: 'custom', message: issue.message, path: issue.field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)) });
    }
  };

/** `ResourceInput` whose cells must be cells of `framework`. */
export const resourceInputFor = (framework: InterventionFramework) => ResourceInput.superRefine(cellsIn(framework));
/** `ResourceCreate` whose cells must be cells of `framework`. */
export const resourceCreateFor = (framework: InterventionFramework) => ResourceCreate.superRefine(cellsIn(framework));
/** `ResourceUpdate` whose cells, when sent, must be cells of `framework`. */
export const resourceUpdateFor = (framework: InterventionFramework) => ResourceUpdate.superRefine(cellsIn(framework));

// ---- Priority needs and recommendations ----------------------------------------------------------

/** A priority need the work group ranks, with why. */
export const ResourcePriorityNeedCreate = z.strictObject({
  unitId: Id,
  /** 1 is the highest priority. */
  rank: z.int({ error: 'must be a whole number' }).min(1, 'must be 1 or more (1 is the highest priority)').max(1000, 'must be at most 1,000'),
  title: text(200),
  rationale: text(4000),
  /** The cells of the framework the need is in; empty for a need that cuts across the map. */
  cells: z.array(ResourceCellKey, { error: 'must be a list of cell keys' }).max(50, 'must be at most 50 cells').default([]),
});
export type ResourcePriorityNeedCreate = z.infer<typeof ResourcePriorityNeedCreate>;

export const ResourcePriorityNeedUpdate = z.strictObject({
  version: Version,
  rank: ResourcePriorityNeedCreate.shape.rank.optional(),
  title: text(200).optional(),
  rationale: text(4000).optional(),
  cells: z.array(ResourceCellKey, { error: 'must be a list of cell keys' }).max(50, 'must be at most 50 cells').optional(),
});
export type ResourcePriorityNeedUpdate = z.infer<typeof ResourcePriorityNeedUpdate>;

/**
 * A finding a recommendation rests on. Findings are computed, not stored: the reference keeps the
 * finding's stable key and code, and the explanation as it read when the link was made, so the
 * recommendation still reads when the map has changed since.
 */
export const ResourceFindingRefSchema = z.strictObject({
  key: text(500),
  code: text(60),
  explanation: text(2000),
  /** The snapshot the finding was read from, when it was. */
  snapshotId: Id.nullable().optional(),
});
export type ResourceFindingRefInput = z.infer<typeof ResourceFindingRefSchema>;

const planTaskIds = z
  .array(Id, { error: 'must be a list of plan task ids' })
  .max(100, 'must be at most 100 tasks')
  .refine((ids) => new Set(ids).size === ids.length, 'must not list a task twice');

const tasksOnlyWhenAccepted = (v: { status?: ResourceRecommendationStatus | undefined; planTaskIds?: string[] | undefined }) =>
  v.planTaskIds === undefined || v.planTaskIds.length === 0 || v.status === undefined || v.status === 'accepted';
const TASKS_ONLY_WHEN_ACCEPTED = 'can link plan tasks only to an accepted recommendation';

export const ResourceRecommendationCreate = z
  .strictObject({
    unitId: Id,
    type: ResourceRecommendationTypeSchema,
    title: text(200),
    rationale: text(4000),
    findings: z.array(ResourceFindingRefSchema, { error: 'must be a list of findings' }).max(200, 'must be at most 200 findings').default([]),
    priorityNeedIds: z.array(Id, { error: 'must be a list of priority need ids' }).max(100, 'must be at most 100').default([]),
    status: ResourceRecommendationStatusSchema.default('draft'),
    /** The plan tasks that carry it out (plans module); only for an accepted recommendation. */
    planTaskIds: planTaskIds.default([]),
  })
  .refine(tasksOnlyWhenAccepted, { message: TASKS_ONLY_WHEN_ACCEPTED, path: ['planTaskIds'] });
export type ResourceRecommendationCreate = z.infer<typeof ResourceRecommendationCreate>;

/** When `planTaskIds` is sent without `status`, the server checks the stored status is accepted. */
export const ResourceRecommendationUpdate = z
  .strictObject({
    version: Version,
    type: ResourceRecommendationTypeSchema.optional(),
    title: text(200).optional(),
    rationale: text(4000).optional(),
    findings: z.array(ResourceFindingRefSchema, { error: 'must be a list of findings' }).max(200, 'must be at most 200 findings').optional(),
    priorityNeedIds: z.array(Id, { error: 'must be a list of priority need ids' }).max(100, 'must be at most 100').optional(),
    status: ResourceRecommendationStatusSchema.optional(),
    planTaskIds: planTaskIds.optional(),
  })
  .refine(tasksOnlyWhenAccepted, { message: TASKS_ONLY_WHEN_ACCEPTED, path: ['planTaskIds'] });
export type ResourceRecommendationUpdate = z.infer<typeof ResourceRecommendationUpdate>;

// ---- Framework adaptation and snapshots ----------------------------------------------------------

const InterventionAxisSchema = z.enum(INTERVENTION_AXES, { error: `must be one of ${INTERVENTION_AXES.join(', ')}` });
const entryKey = z.string({ error: 'must be text' }).trim().regex(INTERVENTION_KEY_PATTERN, 'must be lowercase letters, digits and single hyphens, e.g. after-school');

export const InterventionFrameworkChangeSchema = z.discriminatedUnion(
  'op',
  [
    z.strictObject({ op: z.literal('rename'), axis: InterventionAxisSchema, key: entryKey, name: text(200), shortName: text(60).optional(), description: text(1000).optional() }),
    z.strictObject({ op: z.literal('add'), axis: InterventionAxisSchema, key: entryKey, name: text(200), shortName: text(60).optional(), description: text(1000) }),
    z.strictObject({ op: z.literal('drop'), axis: InterventionAxisSchema, key: entryKey, reason: text(1000) }),
  ],
  { error: 'must be a change with op rename, add or drop' },
);

export const InterventionFrameworkAdaptationSchema = z.strictObject({
  id: text(200),
  version: text(40),
  publishedOn: IsoDate,
  name: text(200).optional(),
  basedOn: z.strictObject({ id: text(200), version: text(40) }),
  changes: z.array(InterventionFrameworkChangeSchema, { error: 'must be a list of changes' }).max(100, 'must be at most 100 changes'),
});

/** Freeze a unit's map as of a day. */
export const ResourceSnapshotCreate = z.strictObject({
  unitId: Id,
  asOf: IsoDate,
  title: text(200).optional(),
});
export type ResourceSnapshotCreate = z.infer<typeof ResourceSnapshotCreate>;

// ---- As the API returns them ---------------------------------------------------------------------

/** A resource on a unit's map. */
export const ResourceOnMap = z.object({
  id: Id,
  unitId: Id,
  name: z.string(),
  description: z.string().nullable(),
  kind: ResourceKindSchema,
  providerType: ResourceProviderTypeSchema,
  partnerName: z.string().nullable(),
  cells: z.array(z.string()),
  populationServed: z.number().nullable(),
  capacity: z.number().nullable(),
  staffFte: z.number().nullable(),
  annualCost: z.number().nullable(),
  fundingSource: z.string().nullable(),
  fundingEndsOn: z.string().nullable(),
  responsibleMechanismId: Id.nullable(),
  responsiblePersonId: Id.nullable(),
  coordinated: z.boolean(),
  purposeTags: z.array(z.string()),
  targetPopulation: z.string().nullable(),
  /** What an import upserts by (see `resourceNaturalKey`). */
  naturalKey: z.string(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ResourceOnMap = z.infer<typeof ResourceOnMap>;

/** A finding as the API sends it (`figures` depend on the code; see `ResourceFindingFigures`). */
export const ResourceFindingSchema = z.object({
  key: z.string(),
  code: z.enum(RESOURCE_FINDING_CODES),
  level: z.enum(['unit', 'feeder_pattern', 'scope']),
  unitIds: z.array(z.string()),
  feederPatternId: z.string().optional(),
  cells: z.array(z.string()),
  resourceIds: z.array(z.string()),
  figures: z.record(z.string(), z.unknown()),
  explanation: z.string(),
});
