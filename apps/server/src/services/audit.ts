// Reading the audit trail. Writing it is `recordAuditEvent`, called by each service in the
// transaction of the change it records.
import { authorize, forbidden, scopeRoots, type AuditEvent, type AuditQuery } from '@trellis/core';
import { findUnit, listAuditEvents } from '@trellis/db';
import type { ServiceContext } from '../context.js';
import { notFound } from '@trellis/core';

export async function auditTrail(ctx: ServiceContext, query: AuditQuery): Promise<AuditEvent[]> {
  const roots = scopeRoots(ctx.caller, 'audit.read');
  let unitPath: string | undefined;
  if (query.unitId) {
    const unit = await findUnit(ctx.db, query.unitId);
    if (!unit) throw notFound('The unit');
    authorize(ctx.caller, 'audit.read', unit.path);
    unitPath = unit.path;
  } else if (roots !== null && roots.length === 0) {
    // The route needs audit.read: someone who administers no unit at all is refused, not shown an empty trail.
    throw forbidden('Reading the audit trail needs the administrator role at a unit. Ask an administrator of your unit for access.');
  }
  return listAuditEvents(ctx.db, {
    roots,
    unitPath,
    actorId: query.actorId,
    entityType: query.entityType,
    entityId: query.entityId,
    beforeId: query.before,
    limit: query.limit ?? 50,
  });
}
