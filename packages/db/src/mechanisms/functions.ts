// A mechanism's own list of functions: a copy of the catalog's, customized by the unit.
import { randomUUID } from 'node:crypto';
import type { CapacityState, MechanismFunction } from '@trellis/core';
import type { Queryable } from '../client.js';

export interface MechanismFunctionRecord {
  id: string;
  mechanismId: string;
  catalogKey: string | null;
  text: string;
  droppedReason: string | null;
  position: number;
  capacity: CapacityState;
  capacityEvidence: string | null;
  capacityUpdatedOn: string | null;
  version: number;
}

interface FunctionRow {
  id: string;
  mechanism_id: string;
  catalog_key: string | null;
  text: string;
  dropped_reason: string | null;
  position: number;
  capacity: CapacityState;
  capacity_evidence: string | null;
  capacity_updated_on: string | null;
  version: number;
}

const COLUMNS = 'id, mechanism_id, catalog_key, text, dropped_reason, position, capacity, capacity_evidence, capacity_updated_on::text as capacity_updated_on, version';
const SELECT = `select ${COLUMNS} from mechanism_functions`;

const toFunction = (r: FunctionRow): MechanismFunctionRecord => ({
  id: r.id,
  mechanismId: r.mechanism_id,
  catalogKey: r.catalog_key,
  text: r.text,
  droppedReason: r.dropped_reason,
  position: r.position,
  capacity: r.capacity,
  capacityEvidence: r.capacity_evidence,
  capacityUpdatedOn: r.capacity_updated_on,
  version: r.version,
});

/** Copies the catalog's functions, in order, into a new mechanism's list. */
export async function copyCatalogFunctions(q: Queryable, mechanismId: string, functions: readonly MechanismFunction[]): Promise<void> {
  if (functions.length === 0) return;
  await q.query(
    `insert into mechanism_functions (id, mechanism_id, catalog_key, text, position)
     select gen_random_uuid(), $1, f.key, f.text, f.position
     from unnest($2::text[], $3::text[]) with ordinality as f(key, text, position)`,
    [mechanismId, functions.map((f) => f.key), functions.map((f) => f.text)],
  );
}

export async function listMechanismFunctions(q: Queryable, mechanismId: string): Promise<MechanismFunctionRecord[]> {
  const rows = await q.query<FunctionRow>(`${SELECT} where mechanism_id = $1 order by position, id`, [mechanismId]);
  return rows.map(toFunction);
}

export async function findMechanismFunction(q: Queryable, mechanismId: string, id: string): Promise<MechanismFunctionRecord | null> {
  const rows = await q.query<FunctionRow>(`${SELECT} where mechanism_id = $1 and id = $2`, [mechanismId, id]);
  return rows[0] ? toFunction(rows[0]) : null;
}

/** A function the unit adds, at the end of the list. */
export async function insertMechanismFunction(q: Queryable, mechanismId: string, text: string, id: string = randomUUID()): Promise<MechanismFunctionRecord> {
  const rows = await q.query<FunctionRow>(
    `insert into mechanism_functions (id, mechanism_id, catalog_key, text, position)
     values ($1, $2, null, $3, (select coalesce(max(position), 0) + 1 from mechanism_functions where mechanism_id = $2))
     returning ${COLUMNS}`,
    [id, mechanismId, text],
  );
  return toFunction(rows[0]!);
}

export interface MechanismFunctionChanges {
  text?: string | undefined;
  droppedReason?: string | null | undefined;
  capacity?: CapacityState | undefined;
  capacityEvidence?: string | null | undefined;
  capacityUpdatedOn?: string | undefined;
}

/** Applies changes if the row is still at `version`; returns null when it is not (stale write). */
export async function updateMechanismFunction(q: Queryable, id: string, version: number, changes: MechanismFunctionChanges): Promise<MechanismFunctionRecord | null> {
  const sets = ['version = version + 1', 'updated_at = now()'];
  const params: unknown[] = [id, version];
  if (changes.text !== undefined) {
    params.push(changes.text);
    sets.push(`text = $${params.length}`);
  }
  const columns = { droppedReason: 'dropped_reason', capacity: 'capacity', capacityEvidence: 'capacity_evidence', capacityUpdatedOn: 'capacity_updated_on' } as const;
  for (const [key, column] of Object.entries(columns)) {
    const value = changes[key as keyof typeof columns];
    if (value !== undefined) {
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    }
  }
  const rows = await q.query<FunctionRow>(
    `update mechanism_functions set ${sets.join(', ')} where id = $1 and version = $2
     returning ${COLUMNS}`,
    params,
  );
  return rows[0] ? toFunction(rows[0]) : null;
}
