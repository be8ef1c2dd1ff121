// The audit trail as the API returns it: who changed what, when, before and after.
import { z } from 'zod';
import { Id } from '../organizations/schemas.js';

export const AuditEvent = z.object({
  id: z.string(),
  at: z.string(),
  actorId: Id.nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  unitId: Id.nullable(),
  before: z.unknown(),
  after: z.unknown(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditQuery = z.strictObject({
  unitId: Id.optional(),
  actorId: Id.optional(),
  entityType: z.string().trim().max(40, 'must be at most 40 characters').optional(),
  entityId: z.string().trim().max(80, 'must be at most 80 characters').optional(),
  before: z.string().regex(/^\d+$/, 'must be an event id').optional(),
  limit: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(200, 'must be at most 200').optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;
