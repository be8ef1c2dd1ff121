// The audit trail: one row per change, written in the same transaction as the change.
import type { AuditEvent } from '@trellis/core';
import type { Queryable } from '../client.js';
import { escapeLike, iso, withinSubtrees } from '../rows.js';

export interface NewAuditEvent {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  unitId: string | null;
  before: unknown;
  after: unknown;
  requestId?: string | undefined;
}

export async function recordAuditEvent(q: Queryable, e: NewAuditEvent): Promise<void> {
  await q.query(
    `insert into audit_events (actor_id, action, entity_type, entity_id, unit_id, before, after, request_id)
     values ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8)`,
    [e.actorId, e.action, e.entityType, e.entityId, e.unitId, json(e.before), json(e.after), e.requestId ?? null],
  );
}

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

interface AuditRow {
  id: string;
  at: Date;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  unit_id: string | null;
  before: unknown;
  after: unknown;
}

/** Newest first, within the subtree roots (everything when null), with optional filters; keyset paging by id. */
export async function listAuditEvents(
  q: Queryable,
  opts: {
    roots: string[] | null;
    unitPath?: string | undefined;
    actorId?: string | undefined;
    entityType?: string | undefined;
    entityId?: string | undefined;
    beforeId?: string | undefined;
    limit: number;
  },
): Promise<AuditEvent[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (opts.roots !== null) {
    if (opts.roots.length === 0) return [];
    where.push(withinSubtrees('u.path', opts.roots, params));
  }
  if (opts.unitPath) where.push(withinSubtrees('u.path', [opts.unitPath], params));
  const eq = (column: string, value: string | undefined) => {
    if (value === undefined) return;
    params.push(value);
    where.push(`${column} = $${params.length}`);
  };
  eq('e.actor_id', opts.actorId);
  eq('e.entity_type', opts.entityType);
  eq('e.entity_id', opts.entityId);
  if (opts.beforeId) {
    params.push(opts.beforeId);
    where.push(`e.id < $${params.length}::bigint`);
  }
  params.push(opts.limit);
  const rows = await q.query<AuditRow>(
    `select e.id::text as id, e.at, e.actor_id, a.name as actor_name, e.action, e.entity_type, e.entity_id, e.unit_id, e.before, e.after
     from audit_events e left join units u on u.id = e.unit_id left join people a on a.id = e.actor_id
     ${where.length ? `where ${where.join(' and ')}` : ''}
     order by e.id desc limit $${params.length}`,
    params,
  );
  return rows.map((r) => ({
    id: r.id,
    at: iso(r.at),
    actorId: r.actor_id,
    actorName: r.actor_name,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    unitId: r.unit_id,
    before: r.before,
    after: r.after,
  }));
}
