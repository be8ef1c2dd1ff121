// Units: the organization hierarchy. Subtrees are range scans on the materialized path.
import { randomUUID } from 'node:crypto';
import { depthOf, pathOf, subtreeRange, type Unit, type UnitDirectory, type UnitKind } from '@trellis/core';
import type { Queryable } from '../client.js';
import { escapeLike, iso, withinSubtrees } from '../rows.js';

interface UnitRow {
  id: string;
  kind: UnitKind;
  name: string;
  parent_id: string | null;
  path: string;
  nces_id: string | null;
  state_id: string | null;
  grade_low: string | null;
  grade_high: string | null;
  enrollment: number | null;
  archived_at: Date | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  child_count: number;
}

const COLUMNS = `u.id, u.kind, u.name, u.parent_id, u.path, u.nces_id, u.state_id, u.grade_low, u.grade_high,
  u.enrollment, u.archived_at, u.version, u.created_at, u.updated_at`;
const CHILD_COUNT = `(select count(*)::int from units c where c.parent_id = u.id and c.archived_at is null) as child_count`;

export function toUnit(r: UnitRow): Unit {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    parentId: r.parent_id,
    path: r.path,
    ncesId: r.nces_id,
    stateId: r.state_id,
    gradeLow: r.grade_low,
    gradeHigh: r.grade_high,
    enrollment: r.enrollment,
    archived: r.archived_at !== null,
    childCount: r.child_count ?? 0,
    version: r.version,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

interface DirectoryRow {
  id: string;
  address: string | null;
  city: string | null;
  zip: string | null;
  latitude: number | null;
  longitude: number | null;
  level: UnitDirectory['level'];
  school_type: number | null;
  charter: boolean | null;
  operational_status: UnitDirectory['operationalStatus'];
}

const toDirectory = (r: DirectoryRow): UnitDirectory => ({
  address: r.address,
  city: r.city,
  zip: r.zip,
  latitude: r.latitude === null ? null : Number(r.latitude),
  longitude: r.longitude === null ? null : Number(r.longitude),
  level: r.level,
  schoolType: r.school_type === null ? null : Number(r.school_type),
  charter: r.charter,
  operationalStatus: r.operational_status,
});

const DIRECTORY_COLUMNS = 'id, address, city, zip, latitude, longitude, level, school_type, charter, operational_status';

/** The directory entry of a unit (address, location, NCES level, type, charter, status); null if no such unit. */
export async function findUnitDirectory(q: Queryable, id: string): Promise<UnitDirectory | null> {
  const rows = await q.query<DirectoryRow>(`select ${DIRECTORY_COLUMNS} from units where id = $1`, [id]);
  return rows[0] ? toDirectory(rows[0]) : null;
}

/** The directory entries of many units at once, by id (units not found are absent). */
export async function findUnitDirectories(q: Queryable, ids: readonly string[]): Promise<Map<string, UnitDirectory>> {
  if (ids.length === 0) return new Map();
  const rows = await q.query<DirectoryRow>(`select ${DIRECTORY_COLUMNS} from units where id = any($1::uuid[])`, [ids]);
  return new Map(rows.map((r) => [r.id, toDirectory(r)]));
}

/**
 * `lock: 'update'` for a unit about to change; `lock: 'share'` for a parent about to receive a
 * child, so that archiving it waits for the new child (and then sees it) instead of racing it.
 */
export async function findUnit(q: Queryable, id: string, opts: { lock?: 'update' | 'share' } = {}): Promise<Unit | null> {
  // Lock first, read after: a statement that waited for a lock still counts children as of its own
  // start, so the read must be a new statement (READ COMMITTED) to see a child added meanwhile.
  if (opts.lock) await q.query(`select 1 from units where id = $1 for ${opts.lock}`, [id]);
  const rows = await q.query<UnitRow>(`select ${COLUMNS}, ${CHILD_COUNT} from units u where u.id = $1`, [id]);
  return rows[0] ? toUnit(rows[0]) : null;
}

export async function findUnitsByIds(q: Queryable, ids: string[]): Promise<Unit[]> {
  if (ids.length === 0) return [];
  const rows = await q.query<UnitRow>(`select ${COLUMNS}, ${CHILD_COUNT} from units u where u.id = any($1::uuid[])`, [ids]);
  return rows.map(toUnit);
}

export interface NewUnit {
  kind: UnitKind;
  name: string;
  parentId: string | null;
  parentPath: string | null;
  ncesId?: string | null | undefined;
  stateId?: string | null | undefined;
  gradeLow?: string | null | undefined;
  gradeHigh?: string | null | undefined;
  enrollment?: number | null | undefined;
}

export async function insertUnit(q: Queryable, u: NewUnit, id: string = randomUUID()): Promise<Unit> {
  const rows = await q.query<UnitRow>(
    `insert into units as u (id, kind, name, parent_id, path, nces_id, state_id, grade_low, grade_high, enrollment)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     returning ${COLUMNS}, 0 as child_count`,
    [id, u.kind, u.name, u.parentId, pathOf(u.parentPath, id), u.ncesId ?? null, u.stateId ?? null, u.gradeLow ?? null, u.gradeHigh ?? null, u.enrollment ?? null],
  );
  return toUnit(rows[0]!);
}

export interface UnitChanges {
  name?: string | undefined;
  ncesId?: string | null | undefined;
  stateId?: string | null | undefined;
  gradeLow?: string | null | undefined;
  gradeHigh?: string | null | undefined;
  enrollment?: number | null | undefined;
  archived?: boolean | undefined;
}

const CHANGE_COLUMNS: Record<Exclude<keyof UnitChanges, 'archived'>, string> = {
  name: 'name',
  ncesId: 'nces_id',
  stateId: 'state_id',
  gradeLow: 'grade_low',
  gradeHigh: 'grade_high',
  enrollment: 'enrollment',
};

/** Applies changes if the row is still at `version`; returns null when it is not (stale write). */
export async function updateUnit(q: Queryable, id: string, version: number, changes: UnitChanges): Promise<Unit | null> {
  const sets: string[] = [];
  const params: unknown[] = [id, version];
  for (const [key, column] of Object.entries(CHANGE_COLUMNS)) {
    const value = changes[key as keyof typeof CHANGE_COLUMNS];
    if (value !== undefined) {
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    }
  }
  if (changes.archived !== undefined) sets.push(changes.archived ? 'archived_at = coalesce(archived_at, now())' : 'archived_at = null');
  const rows = await q.query<UnitRow>(
    `update units u set ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')}
     where id = $1 and version = $2 returning ${COLUMNS}, ${CHILD_COUNT}`,
    params,
  );
  return rows[0] ? toUnit(rows[0]) : null;
}

// Paths are copies of the parent's path, so a write that reads a parent's path must not overlap
// a move that rewrites it (READ COMMITTED would let a unit created under a moving subtree keep the
// old prefix, and two crossing moves pass each other's cycle check). Moves take this
// transaction-scoped advisory lock alone; creates share it. Take it before reading any unit.
const TREE_LOCK = 7_337_002; // arbitrary, constant: "trellis unit paths"

/** Call first in a transaction that moves a subtree: waits for creates and other moves to finish. */
export async function lockTreeForMove(q: Queryable): Promise<void> {
  await q.query('select pg_advisory_xact_lock($1)', [TREE_LOCK]);
}

/** Call first in a transaction that adds a unit under a parent: waits while a move runs. */
export async function lockTreeForInsert(q: Queryable): Promise<void> {
  await q.query('select pg_advisory_xact_lock_shared($1)', [TREE_LOCK]);
}

/** Moves the unit under a new parent, rewriting the paths of its whole subtree in one statement. */
export async function moveSubtree(q: Queryable, unit: Unit, newParent: Unit): Promise<Unit | null> {
  const newPath = pathOf(newParent.path, unit.id);
  const { from, to } = subtreeRange(unit.path);
  const moved = await q.query<{ id: string }>(
    `update units set parent_id = $3, version = version + 1, updated_at = now()
     where id = $1 and version = $2 returning id`,
    [unit.id, unit.version, newParent.id],
  );
  if (moved.length === 0) return null;
  await q.query(`update units set path = $3 || substr(path, length($4) + 1) where path >= $1 and path < $2`, [from, to, newPath, unit.path]);
  return findUnit(q, unit.id);
}

export async function listChildren(q: Queryable, parentId: string, includeArchived: boolean): Promise<Unit[]> {
  const rows = await q.query<UnitRow>(
    `select ${COLUMNS}, ${CHILD_COUNT} from units u where u.parent_id = $1 ${includeArchived ? '' : 'and u.archived_at is null'}
     order by u.name, u.id`,
    [parentId],
  );
  return rows.map(toUnit);
}

/** Every unit in the subtree at `path` (itself included) down to `depth` levels below it. */
export async function listSubtree(q: Queryable, path: string, opts: { depth?: number | undefined; includeArchived: boolean }): Promise<Unit[]> {
  const { from, to } = subtreeRange(path);
  const params: unknown[] = [from, to];
  let depthFilter = '';
  if (opts.depth !== undefined) {
    params.push(depthOf(path) + opts.depth);
    depthFilter = `and u.depth <= $${params.length}`;
  }
  const rows = await q.query<UnitRow>(
    `select ${COLUMNS},
       (select count(*)::int from units c where c.parent_id = u.id and c.archived_at is null) as child_count
     from units u where u.path >= $1 and u.path < $2 ${depthFilter} ${opts.includeArchived ? '' : 'and u.archived_at is null'}
     order by u.path`,
    params,
  );
  return rows.map(toUnit);
}

/** Roots visible to a caller: units with no parent, or the units of their grants. */
export async function listRoots(q: Queryable): Promise<Unit[]> {
  const rows = await q.query<UnitRow>(`select ${COLUMNS}, ${CHILD_COUNT} from units u where u.parent_id is null order by u.name`);
  return rows.map(toUnit);
}

/** Active units whose NCES id or state id is exactly `ref`, or whose name is `ref` in any case (the CLI's --unit). */
export async function findUnitsByReference(q: Queryable, ref: string): Promise<Unit[]> {
  const rows = await q.query<UnitRow>(
    `select ${COLUMNS}, 0 as child_count from units u
     where (u.nces_id = $1 or u.state_id = $1 or lower(u.name) = lower($1)) and u.archived_at is null order by u.path limit 3`,
    [ref],
  );
  return rows.map(toUnit);
}

/** Search by name (contains, any case) or by NCES/state id (starts with), within the given subtree roots. */
export async function searchUnits(
  q: Queryable,
  opts: { roots: string[] | null; q?: string | undefined; kind?: UnitKind | undefined; includeArchived: boolean; limit: number },
): Promise<Unit[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (opts.roots !== null) {
    if (opts.roots.length === 0) return [];
    where.push(withinSubtrees('u.path', opts.roots, params));
  }
  if (opts.q) {
    params.push(`%${escapeLike(opts.q.toLowerCase())}%`);
    const name = `lower(u.name) like $${params.length}`;
    params.push(`${escapeLike(opts.q)}%`);
    where.push(`(${name} or u.nces_id like $${params.length} or u.state_id like $${params.length})`);
  }
  if (opts.kind) {
    params.push(opts.kind);
    where.push(`u.kind = $${params.length}`);
  }
  if (!opts.includeArchived) where.push('u.archived_at is null');
  params.push(opts.limit);
  const rows = await q.query<UnitRow>(
    `select ${COLUMNS}, ${CHILD_COUNT} from units u ${where.length ? `where ${where.join(' and ')}` : ''}
     order by u.name, u.id limit $${params.length}`,
    params,
  );
  return rows.map(toUnit);
}
