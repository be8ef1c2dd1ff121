// Shapes of mechanisms, their functions and their members as the API accepts and returns them.
// Objects are strict: an unknown field is refused, not ignored.
import { z } from 'zod';
import { SOURCE_IDS } from '../catalogs/sources.js';
import { Id, Version } from '../organizations/schemas.js';
import { MECHANISM_KINDS, MECHANISM_STATUSES, MEMBERSHIP_ROLES } from './catalog.js';
import { COMPOSITION_WARNING_CODES } from './composition.js';
import { FUNCTION_DEPARTURES } from './functions.js';
import { CAPACITY_STATES } from './linkage.js';
import { CadenceStatusSchema } from './meetings.js';

export const MechanismKindSchema = z.enum(MECHANISM_KINDS, { error: `must be one of ${MECHANISM_KINDS.join(', ')}` });
export const MechanismStatusSchema = z.enum(MECHANISM_STATUSES, { error: `must be one of ${MECHANISM_STATUSES.join(', ')}` });
export const MembershipRoleSchema = z.enum(MEMBERSHIP_ROLES, { error: `must be one of ${MEMBERSHIP_ROLES.join(', ')}` });

/** A calendar day, YYYY-MM-DD. */
export const IsoDate = z.iso.date({ error: 'must be a date like 2026-09-01' });
const mechanismName = z.string({ error: 'must be text' }).trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
const charter = z.string({ error: 'must be text' }).trim().max(4000, 'must be at most 4,000 characters').nullable();
const functionText = z.string({ error: 'must be text' }).trim().min(1, 'must not be empty').max(2000, 'must be at most 2,000 characters');
const reason = z.string({ error: 'must be text' }).trim().min(1, 'must not be empty: say why the unit drops it').max(1000, 'must be at most 1,000 characters');
const structure = z.string({ error: 'must be text' }).trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
const flag = z.boolean({ error: 'must be true or false' });

export const MechanismCreate = z.strictObject({
  unitId: Id,
  kind: MechanismKindSchema,
  /** Defaults to the catalog's name for the kind. */
  name: mechanismName.optional(),
  charter: charter.optional(),
  startedOn: IsoDate.nullable().optional(),
});
export type MechanismCreate = z.infer<typeof MechanismCreate>;

export const MechanismUpdate = z.strictObject({
  version: Version,
  name: mechanismName.optional(),
  charter: charter.optional(),
  startedOn: IsoDate.nullable().optional(),
});
export type MechanismUpdate = z.infer<typeof MechanismUpdate>;

export const MechanismStatusChange = z.strictObject({
  version: Version,
  status: MechanismStatusSchema,
  /** The regular structure that takes on the ongoing functions: required when a sunsetting mechanism is retired. */
  assimilatedInto: structure.optional(),
  /** The day of the change; today when absent. */
  on: IsoDate.optional(),
});
export type MechanismStatusChange = z.infer<typeof MechanismStatusChange>;

/** A function the unit adds to its list. */
export const MechanismFunctionCreate = z.strictObject({ text: functionText });
export type MechanismFunctionCreate = z.infer<typeof MechanismFunctionCreate>;

/** Reword (`text`), drop with a reason (`droppedReason`), or restore a dropped function (`droppedReason: null`). */
export const MechanismFunctionUpdate = z.strictObject({
  version: Version,
  text: functionText.optional(),
  droppedReason: reason.nullable().optional(),
});
export type MechanismFunctionUpdate = z.infer<typeof MechanismFunctionUpdate>;

export const MembershipCreate = z.strictObject({
  personId: Id,
  role: MembershipRoleSchema,
  startOn: IsoDate.nullable().optional(),
  endOn: IsoDate.nullable().optional(),
  designated: flag,
  trained: flag,
});
export type MembershipCreate = z.infer<typeof MembershipCreate>;

export const MembershipUpdate = z.strictObject({
  version: Version,
  role: MembershipRoleSchema.optional(),
  startOn: IsoDate.nullable().optional(),
  /** Set to end the membership on that day; null to make it open-ended again. */
  endOn: IsoDate.nullable().optional(),
  designated: flag.optional(),
  trained: flag.optional(),
});
export type MembershipUpdate = z.infer<typeof MembershipUpdate>;

export const SourceRefSchema = z.object({ source: z.enum(SOURCE_IDS), section: z.string(), quote: z.string().optional() });

export const Mechanism = z.object({
  id: Id,
  unitId: Id,
  unitName: z.string(),
  kind: MechanismKindSchema,
  kindName: z.string(),
  catalogVersion: z.string(),
  name: z.string(),
  charter: z.string().nullable(),
  status: MechanismStatusSchema,
  assimilatedInto: z.string().nullable(),
  startedOn: z.string().nullable(),
  statusChangedOn: z.string().nullable(),
  /** Members whose membership is in effect today. */
  memberCount: z.number(),
  /** The comparable mechanism at a unit above that this one is linked up to. */
  upperMechanismId: Id.nullable(),
  /** Mechanisms at units below linked up to this one. */
  lowerLinkCount: z.number(),
  /** Whether it meets as often as the documents suggest. */
  cadence: CadenceStatusSchema,
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Mechanism = z.infer<typeof Mechanism>;

export const MechanismFunctionEntry = z.object({
  id: Id,
  mechanismId: Id,
  catalogKey: z.string().nullable(),
  text: z.string(),
  droppedReason: z.string().nullable(),
  position: z.number(),
  version: z.number(),
  departure: z.enum(FUNCTION_DEPARTURES),
  catalogText: z.string().nullable(),
  source: SourceRefSchema.nullable(),
  /** Whether the function is understood and in place: the record a coach keeps. */
  capacity: z.enum(CAPACITY_STATES),
  capacityEvidence: z.string().nullable(),
  capacityUpdatedOn: z.string().nullable(),
});
export type MechanismFunctionEntry = z.infer<typeof MechanismFunctionEntry>;

export const Membership = z.object({
  id: Id,
  mechanismId: Id,
  personId: Id,
  personName: z.string(),
  personTitle: z.string().nullable(),
  role: MembershipRoleSchema,
  startOn: z.string().nullable(),
  endOn: z.string().nullable(),
  /** In effect today. */
  active: z.boolean(),
  designated: z.boolean(),
  trained: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Membership = z.infer<typeof Membership>;

export const CompositionWarningSchema = z.object({
  code: z.enum(COMPOSITION_WARNING_CODES),
  message: z.string(),
  source: SourceRefSchema,
  basis: z.enum(['document', 'product-default']),
});

/** A mechanism in a chain of links, with its unit and how far it is from the one read. */
export const LinkedMechanism = z.object({
  id: Id,
  name: z.string(),
  kind: MechanismKindSchema,
  kindName: z.string(),
  status: MechanismStatusSchema,
  unitId: Id,
  unitName: z.string(),
  unitKind: z.string(),
  /** Links away: 1 for the next mechanism up or down. */
  distance: z.number(),
  upperMechanismId: Id.nullable(),
});
export type LinkedMechanism = z.infer<typeof LinkedMechanism>;

export const MechanismDetail = Mechanism.extend({
  functions: z.array(MechanismFunctionEntry),
  departures: z.object({
    departs: z.boolean(),
    asCatalog: z.number(),
    reworded: z.number(),
    dropped: z.number(),
    added: z.number(),
    /** Catalog functions absent from the unit's list. */
    missing: z.array(z.object({ key: z.string(), text: z.string(), source: SourceRefSchema })),
  }),
  members: z.array(Membership),
  warnings: z.array(CompositionWarningSchema),
  capacity: z.object({ total: z.number(), not_started: z.number(), developing: z.number(), in_place: z.number(), inPlaceShare: z.number() }),
  /** The chain of links: up (nearest first) and down (every mechanism linked below, at any depth). */
  chain: z.object({
    up: z.array(LinkedMechanism),
    down: z.array(LinkedMechanism),
    /** The chain goes on above, at units the caller may not read. */
    hiddenAbove: z.boolean(),
  }),
  /** Said when the mechanism is linked up to one of a different kind. */
  linkNote: z.string().nullable(),
});
export type MechanismDetail = z.infer<typeof MechanismDetail>;

/** One seat a person holds, with the mechanism it is on. */
export const PersonMechanism = Membership.extend({
  mechanismName: z.string(),
  mechanismKind: MechanismKindSchema,
  mechanismStatus: MechanismStatusSchema,
  unitId: Id,
  unitName: z.string(),
});
export type PersonMechanism = z.infer<typeof PersonMechanism>;
