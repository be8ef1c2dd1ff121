// Shapes of directory imports as the API accepts and returns them (server validation, OpenAPI, web).
import { z } from 'zod';
import { Id, Version } from '../organizations/schemas.js';
import { ROLES } from '../access/roles.js';

export const IMPORT_KINDS = ['ccd', 'feeders', 'oneroster', 'edfi'] as const;
export const IMPORT_STATUSES = ['previewed', 'applied', 'discarded'] as const;

export const ImportProblemSchema = z.object({
  file: z.enum(['schools', 'leas', 'regions', 'feeders', 'orgs', 'users', 'roles', 'edfi']),
  line: z.number().nullable(),
  key: z.string().nullable(),
  name: z.string().nullable(),
  field: z.string().nullable(),
  message: z.string(),
});

const KindCountsSchema = z.object({ creates: z.number(), updates: z.number(), archives: z.number(), unchanged: z.number() });

export const ImportCountsSchema = KindCountsSchema.extend({
  byKind: z.object({ region: KindCountsSchema, district: KindCountsSchema, feeder_pattern: KindCountsSchema, school: KindCountsSchema, department: KindCountsSchema.optional() }),
  problemRows: z.number(),
  outsideScope: z.number(),
  closedNotCreated: z.number(),
  serviceAgencies: z.number(),
});

export const ImportFileInfo = z.object({
  slot: z.enum(['schools', 'leas', 'regions', 'feeders', 'orgs', 'users', 'roles', 'edfi']),
  name: z.string(),
  layout: z.string().nullable(),
  encoding: z.string(),
  rows: z.number(),
  bytes: z.number(),
});
export type ImportFileInfo = z.infer<typeof ImportFileInfo>;

export const ImportRun = z.object({
  id: Id,
  kind: z.enum(IMPORT_KINDS),
  unitId: Id,
  unitName: z.string(),
  status: z.enum(IMPORT_STATUSES),
  counts: ImportCountsSchema,
  problemCount: z.number(),
  files: z.array(ImportFileInfo),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  appliedAt: z.string().nullable(),
  version: z.number(),
  /** OneRoster runs with users: the role → grant mapping under review and what it gives. */
  people: z
    .object({
      mapping: z.record(z.string(), z.enum(['skip', ...ROLES])),
      usersByRole: z.record(z.string(), z.number()),
      counts: z.object({ creates: z.number(), updates: z.number(), unchanged: z.number(), skipped: z.number(), grants: z.number(), learners: z.number(), withoutRole: z.number(), inactive: z.number() }),
    })
    .nullable()
    .optional(),
});
export type ImportRun = z.infer<typeof ImportRun>;

/** The reviewed OneRoster role → Trellis grant mapping (roles the file uses, lower case). */
export const RoleMappingUpdate = z.strictObject({
  version: Version,
  mapping: z.record(z.string().max(100, 'must be at most 100 characters'), z.enum(['skip', ...ROLES], { error: `must be skip or one of ${ROLES.join(', ')}` })),
});
export type RoleMappingUpdate = z.infer<typeof RoleMappingUpdate>;

export const ImportPersonPage = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  people: z.array(z.object({ action: z.enum(['create', 'update', 'unchanged']), personId: Id, name: z.string(), email: z.string(), onerosterId: z.string(), roles: z.array(z.object({ role: z.string(), unitId: Id, unitName: z.string(), existingRole: z.string().nullable() })), changes: z.array(z.string()), line: z.number().nullable() })),
});
export type ImportPersonPage = z.infer<typeof ImportPersonPage>;

export const ImportRunQuery = z.strictObject({
  page: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(100_000, 'must be at most 100,000').optional(),
  pageSize: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(500, 'must be at most 500').optional(),
});
export type ImportRunQuery = z.infer<typeof ImportRunQuery>;

export const ImportProblemPage = z.object({ total: z.number(), page: z.number(), pageSize: z.number(), problems: z.array(ImportProblemSchema) });
export type ImportProblemPage = z.infer<typeof ImportProblemPage>;

export const ImportChangePage = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  changes: z.array(z.object({ action: z.enum(['create', 'update', 'archive']), kind: z.string(), unitId: Id, name: z.string(), ncesId: z.string().nullable(), changes: z.array(z.string()), line: z.number().nullable() })),
});
export type ImportChangePage = z.infer<typeof ImportChangePage>;

export const CcdPreviewQuery = z.strictObject({ unitId: Id });

export const ImportApply = z.strictObject({
  version: Version,
  /** With problems in the preview: true applies every other row, false refuses the whole import. */
  skipProblems: z.boolean({ error: 'must be true or false' }),
});
export type ImportApply = z.infer<typeof ImportApply>;

export const FeederSuggest = z.strictObject({
  unitId: Id,
  minHighSchools: z.int({ error: 'must be a whole number' }).min(1, 'must be at least 1').max(50, 'must be at most 50').optional(),
});
export type FeederSuggest = z.infer<typeof FeederSuggest>;

export const FeederAssignmentEdit = z.strictObject({ schoolId: Id, highSchoolId: Id.nullable() });

export const FeederAssignmentsUpdate = z.strictObject({
  version: Version,
  assignments: z.array(FeederAssignmentEdit).min(1, 'must name at least one school').max(20_000, 'must be at most 20,000 schools at a time'),
});
export type FeederAssignmentsUpdate = z.infer<typeof FeederAssignmentsUpdate>;

export const FeederReview = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  districts: z.array(
    z.object({
      districtId: Id,
      districtName: z.string(),
      highSchools: z.array(z.object({ id: Id, name: z.string() })),
      assignments: z.array(
        z.object({ schoolId: Id, schoolName: z.string(), level: z.string().nullable(), highSchoolId: Id.nullable(), reason: z.string(), distanceKm: z.number().nullable() }),
      ),
    }),
  ),
});
export type FeederReview = z.infer<typeof FeederReview>;
