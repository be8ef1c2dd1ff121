// Mechanisms established at units. Access follows the unit, so each record carries its unit's path.
import { randomUUID } from 'node:crypto';
import { mechanismKindEntry, type CadenceStatus, type LinkedMechanism, type Mechanism, type MechanismKind, type MechanismStatus } from '@trellis/core';
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
  upper_mechanism_id: string | null;
  lower_link_count: number;
  formal_meeting_days: string[];
  version: number;
  created_at: Date;
  updated_at: Date;
}

// Dates as text: node-postgres would parse a date into a Date at local midnight.
const SELECT = `select m.id, m.unit_id, u.name as unit_name, u.path as unit_path, m.kind, m.catalog_version, m.name, m.charter, m.status,
  m.assimilated_into, m.started_on::text as started_on, m.status_changed_on::text as status_changed_on,
  (select count(*)::int from mechanism_members mm where mm.mechanism_id = m.id
     and (mm.start_on is null or mm.start_on <= current_date) and (mm.end_on is null or mm.end_on >= current_date)) as member_count,
  m.upper_mechanism_id,
  (select count(*)::int from mechanisms l where l.upper_mechanism_id = m.id) as lower_link_count,
  array(select mt.held_on::text from mechanism_meetings mt where mt.mechanism_id = m.id and mt.kind = 'formal' and mt.held_on <= current_date
        order by mt.held_on desc limit 8) as formal_meeting_days,
  m.version, m.created_at, m.updated_at
  from mechanisms m join units u on u.id = m.unit_id`;

export interface MechanismRecord extends Omit<Mechanism, 'cadence'> {
  /** Path of the unit, for access checks. */
  unitPath: string;
  /** The day it was established (YYYY-MM-DD), for cadence when it has no start date. */
  createdOn: string;
  /** Days of its most recent formal meetings up to today, latest first (at most 8: enough for any cadence). */
  formalMeetingDays: string[];
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
    upperMechanismId: r.upper_mechanism_id,
    lowerLinkCount: r.lower_link_count,
    formalMeetingDays: r.formal_meeting_days,
    createdOn: iso(r.created_at).slice(0, 10),
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

/** The public shape: drops what is kept for access checks and cadence, and adds the cadence. */
export function publicMechanism({ unitPath: _path, createdOn: _c, formalMeetingDays: _f, ...mechanism }: MechanismRecord, cadence: CadenceStatus): Mechanism {
  return { ...mechanism, cadence };
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
  upperMechanismId?: string | null | undefined;
}

const CHANGE_COLUMNS: Record<keyof MechanismChanges, string> = {
  name: 'name',
  charter: 'charter',
  startedOn: 'started_on',
  status: 'status',
  assimilatedInto: 'assimilated_into',
  statusChangedOn: 'status_changed_on',
  upperMechanismId: 'upper_mechanism_id',
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

interface ChainRow {
  id: string;
  name: string;
  kind: MechanismKind;
  status: MechanismStatus;
  unit_id: string;
  unit_name: string;
  unit_kind: string;
  unit_path: string;
  distance: number;
  upper_mechanism_id: string | null;
  member_count: number;
}

export interface ChainRecord extends LinkedMechanism {
  unitPath: string;
  memberCount: number;
}

const toChain = (r: ChainRow): ChainRecord => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  kindName: kindName(r.kind),
  status: r.status,
  unitId: r.unit_id,
  unitName: r.unit_name,
  unitKind: r.unit_kind,
  unitPath: r.unit_path,
  distance: r.distance,
  upperMechanismId: r.upper_mechanism_id,
  memberCount: r.member_count,
});

const CHAIN_COLUMNS = `c.id, m.name, m.kind, m.status, u.id as unit_id, u.name as unit_name, u.kind as unit_kind, u.path as unit_path, c.distance, m.upper_mechanism_id,
  (select count(*)::int from mechanism_members mm where mm.mechanism_id = m.id
     and (mm.start_on is null or mm.start_on <= current_date) and (mm.end_on is null or mm.end_on >= current_date)) as member_count`;

/** The mechanisms this one is linked up to, nearest first. Links point strictly upward, so the walk ends. */
export async function chainUp(q: Queryable, id: string): Promise<ChainRecord[]> {
  const rows = await q.query<ChainRow>(
    `with recursive c(id, distance) as (
       select upper_mechanism_id, 1 from mechanisms where id = $1 and upper_mechanism_id is not null
       union all
       select m.upper_mechanism_id, c.distance + 1 from c join mechanisms m on m.id = c.id where m.upper_mechanism_id is not null and c.distance < 20
     )
     select ${CHAIN_COLUMNS} from c join mechanisms m on m.id = c.id join units u on u.id = m.unit_id order by c.distance`,
    [id],
  );
  return rows.map(toChain);
}

/** Every mechanism linked below this one, at any depth, nearest first. */
export async function chainDown(q: Queryable, id: string): Promise<ChainRecord[]> {
  const rows = await q.query<ChainRow>(
    `with recursive c(id, distance) as (
       select id, 1 from mechanisms where upper_mechanism_id = $1
       union all
       select m.id, c.distance + 1 from c join mechanisms m on m.upper_mechanism_id = c.id where c.distance < 20
     )
     select ${CHAIN_COLUMNS} from c join mechanisms m on m.id = c.id join units u on u.id = m.unit_id order by c.distance, u.path, m.name, c.id`,
    [id],
  );
  return rows.map(toChain);
}

/**
 * One link away from any of the given mechanisms, in one query each way: the mechanisms they are
 * linked up to (`up`) and those linked up to them (`down`).
 */
export async function linkedOneAway(q: Queryable, ids: string[]): Promise<{ up: ChainRecord[]; down: ChainRecord[] }> {
  if (ids.length === 0) return { up: [], down: [] };
  const select = (source: string) =>
    q.query<ChainRow>(`select ${CHAIN_COLUMNS} from (${source}) c join mechanisms m on m.id = c.id join units u on u.id = m.unit_id order by u.path, m.name, c.id`, [ids]);
  const up = await select('select distinct upper_mechanism_id as id, 1 as distance from mechanisms where id = any($1::uuid[]) and upper_mechanism_id is not null');
  const down = await select('select id, 1 as distance from mechanisms where upper_mechanism_id = any($1::uuid[])');
  return { up: up.map(toChain), down: down.map(toChain) };
}

/** Mechanisms at the given units (e.g. a unit's ancestors, for link candidates), nearest unit first. */
export async function listMechanismsAtUnits(q: Queryable, unitIds: string[]): Promise<MechanismRecord[]> {
  if (unitIds.length === 0) return [];
  const rows = await q.query<MechanismRow>(`${SELECT} where m.unit_id = any($1::uuid[]) order by u.depth desc, m.name, m.id`, [unitIds]);
  return rows.map(toMechanism);
}

/** Mechanisms at units strictly below `path` that are not yet linked up, for a mechanism there to adopt. */
export async function listUnlinkedBelow(q: Queryable, path: string, limit = 200): Promise<MechanismRecord[]> {
  const params: unknown[] = [path, limit];
  const below = withinSubtrees('u.path', [path], params);
  const rows = await q.query<MechanismRow>(
    `${SELECT} where ${below} and u.path <> $1 and m.upper_mechanism_id is null and m.status <> 'retired'
     order by u.path, m.name, m.id limit $2`,
    params,
  );
  return rows.map(toMechanism);
}
