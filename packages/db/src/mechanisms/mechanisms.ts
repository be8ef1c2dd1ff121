// Mechanisms established at units. Access follows the unit, so each record carries its unit's path.
import { randomUUID } from 'node:crypto';
import { mechanismKindEntry, type Mechanism, type MechanismKind, type MechanismStatus } from '@trellis/core';
import type { Queryable } from '../client.js';
import { iso, withinSubtrees } from '../rows.js';

interface MechanismRow {
  id: string;
  unit_id: string;
  unit_name: string;
  unit_path: string;
  kind: MechanismKind;
  catalog_version: string;
  name: string;
  charter: string | null;
  status: MechanismStatus;
  assimilated_into: string | null;
  started_on: string | null;
  status_changed_on: string | null;
  member_count: number;
  version: number;
  created_at: Date;
  updated_at: Date;
}

// Dates as text: node-postgres would parse a date into a Date at local midnight.
const SELECT = `select m.id, m.unit_id, u.name as unit_name, u.path as unit_path, m.kind, m.catalog_version, m.name, m.charter, m.status,
  m.assimilated_into, m.started_on::text as started_on, m.status_changed_on::text as status_changed_on,
  (select count(*)::int from mechanism_members mm where mm.mechanism_id = m.id
     and (mm.start_on is null or mm.start_on <= current_date) and (mm.end_on is null or mm.end_on >= current_date)) as member_count,
  m.version, m.created_at, m.updated_at
  from mechanisms m join units u on u.id = m.unit_id`;

export interface MechanismRecord extends Mechanism {
  /** Path of the unit, for access checks. */
  unitPath: string;
}

function toMechanism(r: MechanismRow): MechanismRecord {
  return {
    id: r.id,
    unitId: r.unit_id,
    unitName: r.unit_name,
    unitPath: r.unit_path,
    kind: r.kind,
    kindName: kindName(r.kind),
    catalogVersion: r.catalog_version,
    name: r.name,
    charter: r.charter,
    status: r.status,
    assimilatedInto: r.assimilated_into,
    startedOn: r.started_on,
    statusChangedOn: r.status_changed_on,
    memberCount: r.member_count,
    version: r.version,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

const kindName = (kind: MechanismKind) => {
  try {
    return mechanismKindEntry(kind).name;
  } catch {
    return kind;
  }
};

/** The public shape: drops the path used for access checks. */
export function publicMechanism({ unitPath: _path, ...mechanism }: MechanismRecord): Mechanism {
  return mechanism;
}

/** `lock` takes a row lock first, for a mechanism about to change (or to receive functions and members). */
export async function findMechanism(q: Queryable, id: string, opts: { lock?: boolean } = {}): Promise<MechanismRecord | null> {
  if (opts.lock) await q.query('select 1 from mechanisms where id = $1 for update', [id]);
  const rows = await q.query<MechanismRow>(`${SELECT} where m.id = $1`, [id]);
  return rows[0] ? toMechanism(rows[0]) : null;
}

export async function listUnitMechanisms(q: Queryable, unitId: string): Promise<MechanismRecord[]> {
  const rows = await q.query<MechanismRow>(`${SELECT} where m.unit_id = $1 order by m.name, m.id`, [unitId]);
  return rows.map(toMechanism);
}

export interface NewMechanism {
  unitId: string;
  kind: MechanismKind;
  catalogVersion: string;
  name: string;
  charter?: string | null | undefined;
  startedOn?: string | null | undefined;
}

export async function insertMechanism(q: Queryable, m: NewMechanism, id: string = randomUUID()): Promise<MechanismRecord> {
  await q.query(
    `insert into mechanisms (id, unit_id, kind, catalog_version, name, charter, started_on, status_changed_on)
     values ($1, $2, $3, $4, $5, $6, $7, current_date)`,
    [id, m.unitId, m.kind, m.catalogVersion, m.name, m.charter ?? null, m.startedOn ?? null],
  );
  return (await findMechanism(q, id))!;
}

export interface MechanismChanges {
  name?: string | undefined;
  charter?: string | null | undefined;
  startedOn?: string | null | undefined;
  status?: MechanismStatus | undefined;
  assimilatedInto?: string | null | undefined;
  statusChangedOn?: string | undefined;
}

const CHANGE_COLUMNS: Record<keyof MechanismChanges, string> = {
  name: 'name',
  charter: 'charter',
  startedOn: 'started_on',
  status: 'status',
  assimilatedInto: 'assimilated_into',
  statusChangedOn: 'status_changed_on',
};

/** Applies changes if the row is still at `version`; returns null when it is not (stale write). */
export async function updateMechanism(q: Queryable, id: string, version: number, changes: MechanismChanges): Promise<MechanismRecord | null> {
  const sets = ['version = version + 1', 'updated_at = now()'];
  const params: unknown[] = [id, version];
  for (const [key, column] of Object.entries(CHANGE_COLUMNS)) {
    const value = changes[key as keyof MechanismChanges];
    if (value !== undefined) {
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    }
  }
  const rows = await q.query(`update mechanisms set ${sets.join(', ')} where id = $1 and version = $2 returning id`, params);
  return rows.length ? findMechanism(q, id) : null;
}

/**
 * People on the not-retired steering bodies of a unit, whose membership is in effect on `on`; null
 * when the unit has no such steering body.
 */
export async function steeringBodyPersonIds(q: Queryable, unitId: string, on: string): Promise<string[] | null> {
  const rows = await q.query<{ id: string; person_id: string | null }>(
    `select m.id, mm.person_id from mechanisms m
     left join mechanism_members mm on mm.mechanism_id = m.id
       and (mm.start_on is null or mm.start_on <= $2::date) and (mm.end_on is null or mm.end_on >= $2::date)
     where m.unit_id = $1 and m.kind = 'steering_body' and m.status <> 'retired'`,
    [unitId, on],
  );
  if (rows.length === 0) return null;
  return [...new Set(rows.flatMap((r) => (r.person_id ? [r.person_id] : [])))];
}

/** Mechanisms whose unit lies in one of the subtree roots (all when null). */
export function mechanismScopeFilter(roots: string[] | null, params: unknown[]): string | null {
  if (roots === null) return 'true';
  if (roots.length === 0) return null;
  return withinSubtrees('u.path', roots, params);
}
