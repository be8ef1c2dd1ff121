// Shapes of units as the API accepts and returns them; shared by the server (validation, OpenAPI)
// and the web app (forms). Objects are strict: an unknown field is refused, not ignored.
import { z } from 'zod';
import { OPERATIONAL_STATUSES, SCHOOL_LEVELS } from '../imports/ccd.js';
import { GRADES, UNIT_KINDS } from './units.js';

export const Id = z.uuid({ error: 'must be an id (a UUID)' });
export const Version = z.int({ error: 'must be a whole number: the version you loaded' }).min(1, 'must be 1 or more: the version you loaded');
const name = z.string({ error: 'must be text' }).trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
const ncesId = z.string().trim().regex(/^\d{2,12}$/, 'must be digits only (2, 7 or 12 of them)').nullable();
const stateId = z.string().trim().min(1, 'must not be empty').max(40, 'must be at most 40 characters').nullable();
const grade = z.enum(GRADES, { error: `must be one of ${GRADES.join(', ')}` }).nullable();
const enrollment = z.int({ error: 'must be a whole number' }).min(0, 'must not be negative').max(1_000_000, 'must be at most 1,000,000').nullable();

export const UnitKindSchema = z.enum(UNIT_KINDS, { error: `must be one of ${UNIT_KINDS.join(', ')}` });

export const UnitCreate = z.strictObject({
  kind: UnitKindSchema,
  name,
  parentId: Id.nullable(),
  ncesId: ncesId.optional(),
  stateId: stateId.optional(),
  gradeLow: grade.optional(),
  gradeHigh: grade.optional(),
  enrollment: enrollment.optional(),
});
export type UnitCreate = z.infer<typeof UnitCreate>;

export const UnitUpdate = z.strictObject({
  version: Version,
  name: name.optional(),
  ncesId: ncesId.optional(),
  stateId: stateId.optional(),
  gradeLow: grade.optional(),
  gradeHigh: grade.optional(),
  enrollment: enrollment.optional(),
});
export type UnitUpdate = z.infer<typeof UnitUpdate>;

export const UnitMove = z.strictObject({ version: Version, parentId: Id });
export type UnitMove = z.infer<typeof UnitMove>;

export const UnitArchive = z.strictObject({ version: Version, archived: z.boolean({ error: 'must be true or false' }) });
export type UnitArchive = z.infer<typeof UnitArchive>;

export const Unit = z.object({
  id: Id,
  kind: UnitKindSchema,
  name: z.string(),
  parentId: Id.nullable(),
  path: z.string(),
  ncesId: z.string().nullable(),
  stateId: z.string().nullable(),
  gradeLow: z.string().nullable(),
  gradeHigh: z.string().nullable(),
  enrollment: z.number().nullable(),
  archived: z.boolean(),
  childCount: z.number(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Unit = z.infer<typeof Unit>;

/** NCES school types as the directory import records them (CCD SCH_TYPE). */
export const SCHOOL_TYPE_LABELS: Record<number, string> = {
  1: 'Regular school',
  2: 'Special education school',
  3: 'Career and technical school',
  4: 'Alternative education school',
  5: 'Reportable program',
};
/** What a directory (NCES CCD, OneRoster, Ed-Fi) says of a unit: address, location, level, type. */
export const UnitDirectory = z.object({
  address: z.string().nullable(),
  city: z.string().nullable(),
  zip: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  level: z.enum(SCHOOL_LEVELS).nullable(),
  schoolType: z.number().int().nullable(),
  charter: z.boolean().nullable(),
  operationalStatus: z.enum(OPERATIONAL_STATUSES).nullable(),
});
export type UnitDirectory = z.infer<typeof UnitDirectory>;

/** A unit with the names of its ancestors, root first, for breadcrumbs, and its directory entry. */
export const UnitDetail = Unit.extend({
  ancestors: z.array(z.object({ id: Id, name: z.string(), kind: UnitKindSchema })),
  directory: UnitDirectory,
});
export type UnitDetail = z.infer<typeof UnitDetail>;

export const UnitListQuery = z.strictObject({
  q: z.string().trim().max(200, 'must be at most 200 characters').optional(),
  kind: UnitKindSchema.optional(),
  includeArchived: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(500, 'must be at most 500').optional(),
});
export type UnitListQuery = z.infer<typeof UnitListQuery>;

export const SubtreeQuery = z.strictObject({
  depth: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(0, 'must not be negative').max(10, 'must be at most 10').optional(),
  includeArchived: z.enum(['true', 'false']).optional(),
});
