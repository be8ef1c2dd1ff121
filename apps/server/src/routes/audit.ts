// The audit trail, newest first, for the subtrees the caller administers.
import { z } from 'zod';
import { AuditEvent, AuditQuery } from '@trellis/core';
import type { TrellisApp } from '../app.js';
import { auditTrail } from '../services/audit.js';
import { contextOf } from './context.js';

export function auditRoutes(app: TrellisApp) {
  const { db } = app.trellis;
  app.get('/api/audit', {
    config: { access: 'audit.read' },
    schema: { tags: ['audit'], summary: 'Changes in the units you administer, newest first; filter by unit, person or entity', querystring: AuditQuery, response: { 200: z.array(AuditEvent) } },
    handler: async (request) => auditTrail(contextOf(db, request), request.query),
  });
}
