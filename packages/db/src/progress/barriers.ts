// Barriers to change: raised against a unit or one of its mechanisms, owned, moved to resolution.
import { randomUUID } from 'node:crypto';
import type { BarrierCategory, BarrierStatus } from '@trellis/core';
import type { Queryable } from '../client.js';
import { iso, withinSubtrees } from '../rows.js';

export interface BarrierRecord {
  id: string;
  unitId: string;
  unitName: string;
  unitPath: string;
  mechanismId: string | null;
  mechanismName: string | null;
  category: BarrierCategory;
  description: string;
  ownerId: string;
  ownerName: string;
  nextStep: string;
  targetOn: string | null;
  status: BarrierStatus;
  resolution: string | null;
  dropReason: string | null;
  raisedOn: string;
  raisedBy: string | null;
  resolvedOn: string | null;
  lastUpdateOn: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

interface Row {
  id: string;
  unit_id: string;
  unit_name: string;
  unit_path: string;
  mechanism_id: string | null;
  mechanism_name: string | null;
  category: BarrierCategory;
  description: string;
  owner_id: string;
  owner_name: string;
  next_step: string;
  target_on: string | null;
  status: BarrierStatus;
  resolution: string | null;
  drop_reason: string | null;
  raised_on: string;
  raised_by: string | null;
  resolved_on: string | null;
  last_update_on: string;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const SELECT = `select b.id, b.unit_id, u.name as unit_name, u.path as unit_path, b.mechanism_id, m.name as mechanism_name, b.category, b.description,
  b.owner_id, p.name as owner_name, b.next_step, b.target_on::text as target_on, b.status, b.resolution, b.drop_reason, b.raised_on::text as raised_on,
  b.raised_by, b.resolved_on::text as resolved_on, b.last_update_on::text as last_update_on, b.version, b.created_at, b.updated_at
  from barriers b join units u on u.id = b.unit_id join people p on p.id = b.owner_id left join mechanisms m on m.id = b.mechanism_id`;
const toBarrier = (r: Row): BarrierRecord => ({
  id: r.id,
  unitId: r.unit_id,
  unitName: r.unit_name,
  unitPath: r.unit_path,
  mechanismId: r.mechanism_id,
  mechanismName: r.mechanism_name,
  category: r.category,
  description: r.description,
  ownerId: r.owner_id,
  ownerName: r.owner_name,
  nextStep: r.next_step,
  targetOn: r.target_on,
  status: r.status,
  resolution: r.resolution,
  dropReason: r.drop_reason,
  raisedOn: r.raised_on,
  raisedBy: r.raised_by,
  resolvedOn: r.resolved_on,
  lastUpdateOn: r.last_update_on,
  version: r.version,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

export async function findBarrier(q: Queryable, id: string, opts: { lock?: boolean } = {}): Promise<BarrierRecord | null> {
  if (opts.lock) await q.query('select 1 from barriers where id = $1 for update', [id]);
  const rows = await q.query<Row>(`${SELECT} where b.id = $1`, [id]);
  return rows[0] ? toBarrier(rows[0]) : null;
}

/** A unit's barriers (with `subtree`, also those of the units below), open ones first. */
export async function listBarriers(q: Queryable, unit: { id: string; path: string }, opts: { subtree?: boolean } = {}): Promise<BarrierRecord[]> {
  const params: unknown[] = [];
  const where = opts.subtree ? withinSubtrees('u.path', [unit.path], params) : `b.unit_id = $${params.push(unit.id)}`;
  return (await q.query<Row>(`${SELECT} where ${where} order by (b.status in ('resolved', 'dropped')), b.target_on nulls last, b.raised_on desc limit 2000`, params)).map(toBarrier);
}

export async function insertBarrier(
  q: Queryable,
  b: { unitId: string; mechanismId: string | null; category: BarrierCategory; description: string; ownerId: string; nextStep: string; targetOn: string | null; raisedBy: string | null },
  id: string = randomUUID(),
): Promise<BarrierRecord> {
  await q.query('insert into barriers (id, unit_id, mechanism_id, category, description, owner_id, next_step, target_on, raised_by) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)', [
    id,
    b.unitId,
    b.mechanismId,
    b.category,
    b.description,
    b.ownerId,
    b.nextStep,
    b.targetOn,
    b.raisedBy,
  ]);
  return (await findBarrier(q, id))!;
}

export interface BarrierChanges {
  mechanismId?: string | null;
  category?: BarrierCategory;
  description?: string;
  ownerId?: string;
  nextStep?: string;
  targetOn?: string | null;
  status?: BarrierStatus;
  resolution?: string | null;
  dropReason?: string | null;
  resolvedOn?: string | null;
}

const COLUMNS: Record<keyof BarrierChanges, string> = {
  mechanismId: 'mechanism_id',
  category: 'category',
  description: 'description',
  ownerId: 'owner_id',
  nextStep: 'next_step',
  targetOn: 'target_on',
  status: 'status',
  resolution: 'resolution',
  dropReason: 'drop_reason',
  resolvedOn: 'resolved_on',
};

/** Applies the changes (and marks the day of the update) if the barrier is still at `version`. */
export async function updateBarrier(q: Queryable, id: string, version: number, changes: BarrierChanges): Promise<boolean> {
  const sets = ['version = version + 1', 'updated_at = now()', 'last_update_on = current_date'];
  const params: unknown[] = [id, version];
  for (const [key, column] of Object.entries(COLUMNS)) {
    const value = changes[key as keyof BarrierChanges];
    if (value !== undefined) sets.push(`${column} = $${params.push(value)}`);
  }
  return (await q.query(`update barriers set ${sets.join(', ')} where id = $1 and version = $2 returning id`, params)).length > 0;
}
