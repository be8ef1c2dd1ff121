// Shapes of people, accounts and grants as the API accepts and returns them.
import { z } from 'zod';
import { ROLES } from '../access/roles.js';
import { Id, Version } from '../organizations/schemas.js';

const personName = z.string({ error: 'must be text' }).trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
export const Email = z
  .string({ error: 'must be text' })
  .trim()
  .toLowerCase()
  .max(254, 'must be at most 254 characters')
  .pipe(z.email({ error: 'must be an email address like name@example.org' }));
const title = z.string().trim().max(200, 'must be at most 200 characters').nullable();
/** At least 12 characters: length beats composition rules (NIST SP 800-63B). */
export const NewPassword = z.string({ error: 'must be text' }).min(12, 'must be at least 12 characters').max(200, 'must be at most 200 characters');

export const PersonCreate = z.strictObject({
  name: personName,
  email: Email,
  title: title.optional(),
  homeUnitId: Id,
  password: NewPassword.optional(),
});
export type PersonCreate = z.infer<typeof PersonCreate>;

export const PersonUpdate = z.strictObject({
  version: Version,
  name: personName.optional(),
  email: Email.optional(),
  title: title.optional(),
  homeUnitId: Id.optional(),
});
export type PersonUpdate = z.infer<typeof PersonUpdate>;

export const PasswordSet = z.strictObject({ password: NewPassword });

export const Person = z.object({
  id: Id,
  name: z.string(),
  email: z.string(),
  title: z.string().nullable(),
  homeUnitId: Id.nullable(),
  homeUnitName: z.string().nullable(),
  isSystemAdmin: z.boolean(),
  hasPassword: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Person = z.infer<typeof Person>;

export const PersonListQuery = z.strictObject({
  q: z.string().trim().max(200, 'must be at most 200 characters').optional(),
  unitId: Id.optional(),
  limit: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(500, 'must be at most 500').optional(),
  offset: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(0, 'must not be negative').optional(),
});

export const RoleSchema = z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` });

export const GrantCreate = z.strictObject({ personId: Id, unitId: Id, role: RoleSchema });
export type GrantCreate = z.infer<typeof GrantCreate>;

export const Grant = z.object({
  id: Id,
  personId: Id,
  personName: z.string(),
  personEmail: z.string(),
  unitId: Id,
  unitName: z.string(),
  unitKind: z.string(),
  role: RoleSchema,
  createdAt: z.string(),
});
export type Grant = z.infer<typeof Grant>;

export const Login = z.strictObject({
  email: z.string({ error: 'must be text' }).trim().toLowerCase().min(1, 'must not be empty').max(254, 'must be at most 254 characters'),
  password: z.string({ error: 'must be text' }).min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
});

export const SessionInfo = z.object({
  person: z.object({ id: Id, name: z.string(), email: z.string(), isSystemAdmin: z.boolean() }),
  grants: z.array(z.object({ unitId: Id, unitName: z.string(), unitKind: z.string(), role: RoleSchema })),
  csrfToken: z.string(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;
