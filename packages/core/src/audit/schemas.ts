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
  entityType: z.string().trim().max(40).optional(),
  entityId: z.string().trim().max(80).optional(),
  before: z.string().regex(/^\d+$/, 'must be an event id').optional(),
  limit: z.coerce.number().int().min(1).max(200, 'must be at most 200').optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;
