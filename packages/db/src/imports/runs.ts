// Import runs: a preview stored as the exact writes it would make (items) and the rows it cannot use
// (problems); apply replays the items in one transaction with set-based statements.
import type { ExistingPerson, ExistingUnit, ImportCounts, ImportFileInfo, ImportItem, ImportProblem, PersonItem, Role, UnitKind } from '@trellis/core';
import type { Queryable } from '../client.js';
import { subtreeRange } from '@trellis/core';
import { iso, withinSubtrees } from '../rows.js';

export type ImportRunKind = 'ccd' | 'feeders' | 'oneroster' | 'edfi';

const BATCH = 1000;
const ITEM_BATCH = 2000;
const col = <T, R>(rows: T[], f: (r: T) => R) => rows.map(f);

export interface ImportRunRecord {
  id: string;
  kind: ImportRunKind;
  unitId: string;
  unitName: string;
  unitPath: string;
  status: 'previewed' | 'applied' | 'discarded';
  counts: ImportCounts;
  problemCount: number;
  files: ImportFileInfo[];
  feeders: unknown;
  /** OneRoster runs with users: { mapping, usersByRole, plan counts } (see services/imports/oneroster.ts). */
  roleMapping: unknown;
  createdBy: string | null;
  createdByName: string | null;
  createdAt: string;
  appliedAt: string | null;
  version: number;
}

interface RunRow {
  id: string;
  kind: ImportRunKind;
  unit_id: string;
  unit_name: string;
  unit_path: string;
  status: 'previewed' | 'applied' | 'discarded';
  counts: ImportCounts;
  problem_count: number;
  files: ImportFileInfo[];
  feeders: unknown;
  role_mapping: unknown;
  created_by: string | null;
  created_by_name: string | null;
  created_at: Date;
  applied_at: Date | null;
  version: number;
}

const toRun = (r: RunRow): ImportRunRecord => ({
  id: r.id,
  kind: r.kind,
  unitId: r.unit_id,
  unitName: r.unit_name,
  unitPath: r.unit_path,
  status: r.status,
  counts: r.counts,
  problemCount: r.problem_count,
  files: r.files,
  feeders: r.feeders,
  roleMapping: r.role_mapping,
  createdBy: r.created_by,
  createdByName: r.created_by_name,
  createdAt: iso(r.created_at),
  appliedAt: r.applied_at ? iso(r.applied_at) : null,
  version: r.version,
});

const RUN_COLUMNS = `r.id, r.kind, r.unit_id, u.name as unit_name, r.unit_path, r.status, r.counts, r.problem_count, r.files, r.feeders, r.role_mapping,
  r.created_by, p.name as created_by_name, r.created_at, r.applied_at, r.version`;
const RUN_FROM = `import_runs r join units u on u.id = r.unit_id left join people p on p.id = r.created_by`;

export interface NewImportRun {
  id: string;
  kind: ImportRunKind;
  unitId: string;
  unitPath: string;
  counts: ImportCounts;
  problemCount: number;
  files: ImportFileInfo[];
  feeders?: unknown;
  roleMapping?: unknown;
  createdBy: string | null;
}

export async function insertImportRun(q: Queryable, run: NewImportRun): Promise<void> {
  await q.query(
    `insert into import_runs (id, kind, unit_id, unit_path, counts, problem_count, files, feeders, created_by, role_mapping)
     values ($1, $2, $3, $4, $5::jsonb, $6, $7::jsonb, $8::jsonb, $9, $10::jsonb)`,
    [run.id, run.kind, run.unitId, run.unitPath, JSON.stringify(run.counts), run.problemCount, JSON.stringify(run.files), run.feeders === undefined ? null : JSON.stringify(run.feeders), run.createdBy, run.roleMapping === undefined ? null : JSON.stringify(run.roleMapping)],
  );
}

export async function findImportRun(q: Queryable, id: string, opts: { lock?: boolean } = {}): Promise<ImportRunRecord | null> {
  if (opts.lock) await q.query('select 1 from import_runs where id = $1 for update', [id]);
  const rows = await q.query<RunRow>(`select ${RUN_COLUMNS} from ${RUN_FROM} where r.id = $1`, [id]);
  return rows[0] ? toRun(rows[0]) : null;
}

/** The latest runs of units within the given subtree roots (all when null). */
export async function listImportRuns(q: Queryable, roots: string[] | null, limit: number): Promise<ImportRunRecord[]> {
  const params: unknown[] = [];
  let where = 'true';
  if (roots !== null) {
    if (roots.length === 0) return [];
    where = withinSubtrees('r.unit_path', roots, params);
  }
  params.push(limit);
  const rows = await q.query<RunRow>(`select ${RUN_COLUMNS} from ${RUN_FROM} where ${where} order by r.created_at desc, r.id limit $${params.length}`, params);
  return rows.map(toRun);
}

export async function updateImportRun(q: Queryable, id: string, version: number, changes: { status?: 'applied' | 'discarded'; appliedBy?: string | null; counts?: ImportCounts; problemCount?: number; feeders?: unknown; roleMapping?: unknown }): Promise<boolean> {
  const rows = await q.query<{ id: string }>(
    `update import_runs set
       status = coalesce($3, status),
       applied_by = case when $3 = 'applied' then $4::uuid else applied_by end,
       applied_at = case when $3 = 'applied' then now() else applied_at end,
       counts = coalesce($5::jsonb, counts),
       problem_count = coalesce($6, problem_count),
       feeders = coalesce($7::jsonb, feeders),
       role_mapping = coalesce($8::jsonb, role_mapping),
       version = version + 1
     where id = $1 and version = $2 returning id`,
    [id, version, changes.status ?? null, changes.appliedBy ?? null, changes.counts ? JSON.stringify(changes.counts) : null, changes.problemCount ?? null, changes.feeders === undefined ? null : JSON.stringify(changes.feeders), changes.roleMapping === undefined ? null : JSON.stringify(changes.roleMapping)],
  );
  return rows.length === 1;
}

export async function insertImportItems(q: Queryable, runId: string, items: ImportItem[], firstSeq = 0, onBatch?: (done: number) => void): Promise<void> {
  // One JSON document per batch, unpacked by json_to_recordset: JSON.stringify is native, where
  // node-postgres escapes array parameters element by element in JavaScript (measured 2–3× slower).
  for (let i = 0; i < items.length; i += ITEM_BATCH) {
    const b = items.slice(i, i + ITEM_BATCH);
    const rows = b.map((it, k) => ({
      seq: firstSeq + i + k,
      action: it.action,
      unit_id: it.unitId,
      kind: it.kind,
      expected_version: it.expectedVersion,
      parent_id: it.parentId,
      path: it.path,
      name: it.values.name,
      nces_id: it.values.ncesId,
      state_id: it.values.stateId,
      grade_low: it.values.gradeLow,
      grade_high: it.values.gradeHigh,
      address: it.values.address,
      city: it.values.city,
      zip: it.values.zip,
      latitude: it.values.latitude,
      longitude: it.values.longitude,
      level: it.values.level,
      school_type: it.values.schoolType,
      charter: it.values.charter,
      operational_status: it.values.status,
      archived: it.values.archived,
      changes: it.changes,
      line: it.line,
      oneroster_id: it.onerosterId ?? null,
      edfi_id: it.edfiId ?? null,
    }));
    await q.query(
      `insert into import_run_items (run_id, seq, action, unit_id, kind, expected_version, parent_id, path, name, nces_id, state_id, grade_low, grade_high,
         address, city, zip, latitude, longitude, level, school_type, charter, operational_status, archived, changes, line, oneroster_id, edfi_id)
       select $1, t.* from json_to_recordset($2::json) as t(seq int, action text, unit_id uuid, kind text, expected_version int, parent_id uuid, path text, name text,
         nces_id text, state_id text, grade_low text, grade_high text, address text, city text, zip text, latitude float8, longitude float8, level text,
         school_type int2, charter boolean, operational_status text, archived boolean, changes text[], line int, oneroster_id text, edfi_id text)`,
      [runId, JSON.stringify(rows)],
    );
    onBatch?.(Math.min(items.length, i + ITEM_BATCH));
  }
}

export async function deleteImportItems(q: Queryable, runId: string): Promise<void> {
  await q.query('delete from import_run_items where run_id = $1', [runId]);
  await q.query('delete from import_run_problems where run_id = $1', [runId]);
  await q.query('delete from import_run_people where run_id = $1', [runId]);
}

export async function insertImportProblems(q: Queryable, runId: string, problems: ImportProblem[]): Promise<void> {
  for (let i = 0; i < problems.length; i += BATCH) {
    const b = problems.slice(i, i + BATCH);
    await q.query(
      `insert into import_run_problems (run_id, seq, file, line, record_key, name, field, message)
       select $1, * from unnest($2::int[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[])`,
      [runId, b.map((_, k) => i + k), col(b, (p) => p.file), col(b, (p) => p.line), col(b, (p) => p.key), col(b, (p) => p.name), col(b, (p) => p.field), col(b, (p) => p.message)],
    );
  }
}

export async function listImportProblems(q: Queryable, runId: string, offset: number, limit: number): Promise<ImportProblem[]> {
  const rows = await q.query<{ file: ImportProblem['file']; line: number | null; record_key: string | null; name: string | null; field: string | null; message: string }>(
    `select file, line, record_key, name, field, message from import_run_problems where run_id = $1 order by seq offset $2 limit $3`,
    [runId, offset, limit],
  );
  return rows.map((r) => ({ file: r.file, line: r.line, key: r.record_key, name: r.name, field: r.field, message: r.message }));
}

export interface ImportChangeRow {
  action: 'create' | 'update' | 'archive';
  kind: string;
  unitId: string;
  name: string;
  ncesId: string | null;
  changes: string[];
  line: number | null;
}

export async function listImportChanges(q: Queryable, runId: string, offset: number, limit: number): Promise<{ total: number; rows: ImportChangeRow[] }> {
  const [count] = await q.query<{ n: number }>('select count(*)::int as n from import_run_items where run_id = $1', [runId]);
  const rows = await q.query<{ action: ImportChangeRow['action']; kind: string; unit_id: string; name: string; nces_id: string | null; changes: string[]; line: number | null }>(
    `select action, kind, unit_id, name, nces_id, changes, line from import_run_items where run_id = $1 order by seq offset $2 limit $3`,
    [runId, offset, limit],
  );
  return {
    total: count?.n ?? 0,
    rows: rows.map((r) => ({ action: r.action, kind: r.kind, unitId: r.unit_id, name: r.name, ncesId: r.nces_id, changes: r.changes ?? [], line: r.line })),
  };
}

/** Items whose unit changed (or went) since the preview, or whose new unit's id or NCES id is now taken. */
export async function staleImportItems(q: Queryable, runId: string): Promise<{ name: string; reason: string }[]> {
  return q.query<{ name: string; reason: string }>(
    `select i.name, case when u.id is null then 'removed' else 'changed' end as reason
       from import_run_items i left join units u on u.id = i.unit_id
      where i.run_id = $1 and i.action <> 'create' and (u.id is null or u.version <> i.expected_version)
     union all
     select i.name, 'taken' from import_run_items i join units u on u.nces_id = i.nces_id and u.id <> i.unit_id
      where i.run_id = $1 and i.action = 'create' and i.nces_id is not null
     union all
     select i.name, 'taken' from import_run_items i join units u on (u.oneroster_id = i.oneroster_id or u.edfi_id = i.edfi_id) and u.id <> i.unit_id
      where i.run_id = $1 and (i.oneroster_id is not null or i.edfi_id is not null)
     limit 5`,
    [runId],
  );
}

/**
 * Writes a run's items: creates in one statement (parents come first in seq order, and foreign keys
 * are checked at the end of the statement), then every update in one statement guarded by the
 * version seen at preview. Returns how many rows each wrote; the caller compares with the items.
 */
export async function applyImportItems(q: Queryable, runId: string): Promise<{ created: number; updated: number; expectedUpdates: number }> {
  const created = await q.query<{ id: string }>(
    `insert into units (id, kind, name, parent_id, path, nces_id, state_id, grade_low, grade_high, address, city, zip, latitude, longitude,
       level, school_type, charter, operational_status, archived_at, oneroster_id, edfi_id)
     select unit_id, kind, name, parent_id, path, nces_id, state_id, grade_low, grade_high, address, city, zip, latitude, longitude,
       level, school_type, charter, operational_status, case when archived then now() end, oneroster_id, edfi_id
       from import_run_items where run_id = $1 and action = 'create' order by seq
     returning id`,
    [runId],
  );
  const updated = await q.query<{ id: string }>(
    `update units u set name = i.name, parent_id = i.parent_id, path = i.path, nces_id = i.nces_id, state_id = i.state_id,
       grade_low = i.grade_low, grade_high = i.grade_high, address = i.address, city = i.city, zip = i.zip,
       latitude = i.latitude, longitude = i.longitude, level = i.level, school_type = i.school_type, charter = i.charter,
       operational_status = i.operational_status,
       oneroster_id = coalesce(i.oneroster_id, u.oneroster_id), edfi_id = coalesce(i.edfi_id, u.edfi_id),
       archived_at = case when i.archived then coalesce(u.archived_at, now()) else null end,
       version = u.version + 1, updated_at = now()
     from import_run_items i
     where i.run_id = $1 and i.action <> 'create' and u.id = i.unit_id and u.version = i.expected_version
     returning u.id`,
    [runId],
  );
  const [expected] = await q.query<{ n: number }>(`select count(*)::int as n from import_run_items where run_id = $1 and action <> 'create'`, [runId]);
  return { created: created.length, updated: updated.length, expectedUpdates: expected?.n ?? 0 };
}

interface ExistingRow {
  id: string;
  kind: UnitKind;
  parent_id: string | null;
  path: string;
  version: number;
  name: string;
  nces_id: string | null;
  state_id: string | null;
  grade_low: string | null;
  grade_high: string | null;
  address: string | null;
  city: string | null;
  zip: string | null;
  latitude: number | null;
  longitude: number | null;
  level: string | null;
  school_type: number | null;
  charter: boolean | null;
  operational_status: string | null;
  archived: boolean;
  oneroster_id: string | null;
  edfi_id: string | null;
}

const EXISTING_COLUMNS = `id, kind, parent_id, path, version, name, nces_id, state_id, grade_low, grade_high, address, city, zip, latitude, longitude,
  level, school_type, charter, operational_status, archived_at is not null as archived, oneroster_id, edfi_id`;

const toExisting = (r: ExistingRow): ExistingUnit =>
  ({
    id: r.id,
    kind: r.kind,
    parentId: r.parent_id,
    path: r.path,
    version: r.version,
    name: r.name,
    ncesId: r.nces_id,
    stateId: r.state_id,
    gradeLow: r.grade_low,
    gradeHigh: r.grade_high,
    address: r.address,
    city: r.city,
    zip: r.zip,
    latitude: r.latitude === null ? null : Number(r.latitude),
    longitude: r.longitude === null ? null : Number(r.longitude),
    level: r.level,
    schoolType: r.school_type,
    charter: r.charter,
    status: r.operational_status,
    archived: r.archived,
    onerosterId: r.oneroster_id,
    edfiId: r.edfi_id,
  }) as ExistingUnit;

/** Every unit of the subtree at `path` (itself and archived units included), with its directory fields. */
export async function listDirectoryUnits(q: Queryable, path: string): Promise<ExistingUnit[]> {
  const { from, to } = subtreeRange(path);
  const rows = await q.query<ExistingRow>(`select ${EXISTING_COLUMNS} from units where path >= $1 and path < $2`, [from, to]);
  return rows.map(toExisting);
}

/** Units outside the subtree at `path` that hold one of these NCES ids or (kind, state id) pairs. */
export async function findDirectoryUnitsElsewhere(q: Queryable, path: string, ncesIds: string[], stateIds: { kind: string; stateId: string }[]) {
  const { from, to } = subtreeRange(path);
  const range = [from, to];
  const rows = await q.query<{ kind: UnitKind; nces_id: string | null; state_id: string | null; name: string }>(
    // Joins, not "= any(array)": an array of 100,000 ids would be searched once per unit.
    // The ids travel as JSON (JSON.stringify is native; array parameters are escaped in JavaScript).
    `select u.kind, u.nces_id, u.state_id, u.name from units u join json_array_elements_text($3::json) as n(id) on u.nces_id = n.id
      where not (u.path >= $1 and u.path < $2)
     union
     select u.kind, u.nces_id, u.state_id, u.name from units u join json_array_elements_text($4::json) as s(key) on u.state_id is not null and u.kind || ':' || u.state_id = s.key
      where not (u.path >= $1 and u.path < $2)`,
    [...range, JSON.stringify(ncesIds), JSON.stringify(stateIds.map((s) => `${s.kind}:${s.stateId}`))],
  );
  return rows.map((r) => ({ kind: r.kind, ncesId: r.nces_id, stateId: r.state_id, name: r.name }));
}

// ---- OneRoster and Ed-Fi (docs/decisions/0018) -----------------------------------------------------

/** Units outside the subtree at `path` that hold one of these source ids (OneRoster or Ed-Fi) or NCES ids. */
export async function findSourceUnitsElsewhere(q: Queryable, path: string, source: 'oneroster' | 'edfi', sourceIds: string[], ncesIds: string[]) {
  const { from, to } = subtreeRange(path);
  const column = source === 'oneroster' ? 'oneroster_id' : 'edfi_id';
  const rows = await q.query<{ kind: UnitKind; nces_id: string | null; source_id: string | null; name: string }>(
    `select u.kind, u.nces_id, u.${column} as source_id, u.name from units u join json_array_elements_text($3::json) as k(id) on u.${column} = k.id
      where not (u.path >= $1 and u.path < $2)
     union
     select u.kind, u.nces_id, null, u.name from units u join json_array_elements_text($4::json) as n(id) on u.nces_id = n.id
      where not (u.path >= $1 and u.path < $2)`,
    [from, to, JSON.stringify(sourceIds), JSON.stringify(ncesIds)],
  );
  return rows.map((r) => ({ kind: r.kind, ncesId: r.nces_id, sourceId: r.source_id, name: r.name }));
}

/** People with one of these OneRoster ids or emails (anywhere: the caller decides who is in reach), with their home unit's path and their grants within the subtree at `path`. */
export async function findPeopleForImport(q: Queryable, path: string, onerosterIds: string[], emails: string[]): Promise<(ExistingPerson & { homeUnitPath: string | null; isSystemAdmin: boolean })[]> {
  const { from, to } = subtreeRange(path);
  const rows = await q.query<{ id: string; name: string; email: string; oneroster_id: string | null; home_unit_id: string | null; home_path: string | null; is_system_admin: boolean; version: number; grants: { unitId: string; role: Role }[] | null }>(
    `select p.id, p.name, p.email, p.oneroster_id, p.home_unit_id, h.path as home_path, p.is_system_admin, p.version,
            (select json_agg(json_build_object('unitId', g.unit_id, 'role', g.role)) from grants g join units u on u.id = g.unit_id
              where g.person_id = p.id and u.path >= $1 and u.path < $2) as grants
       from people p left join units h on h.id = p.home_unit_id
      where p.oneroster_id in (select value from json_array_elements_text($3::json))
         or p.email in (select value from json_array_elements_text($4::json))`,
    [from, to, JSON.stringify(onerosterIds), JSON.stringify(emails)],
  );
  return rows.map((r) => ({ id: r.id, name: r.name, email: r.email, onerosterId: r.oneroster_id, homeUnitId: r.home_unit_id, homeUnitPath: r.home_path, isSystemAdmin: r.is_system_admin, version: r.version, grants: r.grants ?? [] }));
}

export async function insertImportPeople(q: Queryable, runId: string, items: PersonItem[]): Promise<void> {
  for (let i = 0; i < items.length; i += ITEM_BATCH) {
    const rows = items.slice(i, i + ITEM_BATCH).map((it, k) => ({
      seq: i + k,
      action: it.action,
      person_id: it.personId,
      expected_version: it.expectedVersion,
      name: it.name,
      email: it.email,
      oneroster_id: it.onerosterId,
      home_unit_id: it.homeUnitId,
      roles: it.roles,
      changes: it.changes,
      line: it.line,
    }));
    await q.query(
      `insert into import_run_people (run_id, seq, action, person_id, expected_version, name, email, oneroster_id, home_unit_id, roles, changes, line)
       select $1, t.* from json_to_recordset($2::json) as t(seq int, action text, person_id uuid, expected_version int, name text, email text, oneroster_id text,
         home_unit_id uuid, roles jsonb, changes text[], line int)`,
      [runId, JSON.stringify(rows)],
    );
  }
}

interface PersonItemRow {
  action: PersonItem['action'];
  person_id: string;
  expected_version: number | null;
  name: string;
  email: string;
  oneroster_id: string;
  home_unit_id: string | null;
  roles: PersonItem['roles'];
  changes: string[] | null;
  line: number | null;
}

/** The people items of a run (all of them, or a page). */
export async function listImportPeople(q: Queryable, runId: string, offset = 0, limit = 1_000_000): Promise<PersonItem[]> {
  const rows = await q.query<PersonItemRow>(
    `select action, person_id, expected_version, name, email, oneroster_id, home_unit_id, roles, changes, line from import_run_people where run_id = $1 order by seq offset $2 limit $3`,
    [runId, offset, limit],
  );
  return rows.map((r) => ({ action: r.action, personId: r.person_id, expectedVersion: r.expected_version, name: r.name, email: r.email, onerosterId: r.oneroster_id, homeUnitId: r.home_unit_id, roles: r.roles, changes: r.changes ?? [], line: r.line ?? 0 }));
}

/** People of a run that changed since the preview, or whose email or OneRoster id is now someone else's. */
export async function staleImportPeople(q: Queryable, runId: string): Promise<string[]> {
  const rows = await q.query<{ name: string }>(
    `select i.name from import_run_people i left join people p on p.id = i.person_id
      where i.run_id = $1 and i.action <> 'create' and (p.id is null or p.version <> i.expected_version)
     union all
     select i.name from import_run_people i join people p on (p.email = i.email or p.oneroster_id = i.oneroster_id) and p.id <> i.person_id
      where i.run_id = $1
     limit 5`,
    [runId],
  );
  return rows.map((r) => r.name);
}

/**
 * Writes the people of a run that the mapping keeps (given as their person ids) and the grants it
 * gives (an existing grant of the person at the unit is kept): set-based, in the caller's transaction.
 */
export async function applyImportPeople(q: Queryable, runId: string, keep: string[], grants: { personId: string; unitId: string; role: Role }[], createdBy: string | null): Promise<{ created: number; updated: number; expectedUpdates: number; granted: number }> {
  const ids = JSON.stringify(keep);
  const created = await q.query<{ id: string }>(
    `insert into people (id, name, email, home_unit_id, oneroster_id)
     select i.person_id, i.name, i.email, i.home_unit_id, i.oneroster_id from import_run_people i
      where i.run_id = $1 and i.action = 'create' and i.person_id in (select value::uuid from json_array_elements_text($2::json)) order by i.seq
     returning id`,
    [runId, ids],
  );
  const updated = await q.query<{ id: string }>(
    `update people p set name = i.name, email = i.email, home_unit_id = i.home_unit_id, oneroster_id = i.oneroster_id, version = p.version + 1, updated_at = now()
       from import_run_people i
      where i.run_id = $1 and i.action = 'update' and p.id = i.person_id and p.version = i.expected_version
        and i.person_id in (select value::uuid from json_array_elements_text($2::json))
     returning p.id`,
    [runId, ids],
  );
  const [expected] = await q.query<{ n: number }>(
    `select count(*)::int as n from import_run_people where run_id = $1 and action = 'update' and person_id in (select value::uuid from json_array_elements_text($2::json))`,
    [runId, ids],
  );
  let granted = 0;
  for (let i = 0; i < grants.length; i += ITEM_BATCH) {
    const rows = await q.query<{ id: string }>(
      `insert into grants (id, person_id, unit_id, role, created_by)
       select gen_random_uuid(), t.person_id, t.unit_id, t.role, $2::uuid from json_to_recordset($1::json) as t(person_id uuid, unit_id uuid, role text)
       on conflict (person_id, unit_id) do nothing
       returning id`,
      [JSON.stringify(grants.slice(i, i + ITEM_BATCH).map((g) => ({ person_id: g.personId, unit_id: g.unitId, role: g.role }))), createdBy],
    );
    granted += rows.length;
  }
  return { created: created.length, updated: updated.length, expectedUpdates: expected?.n ?? 0, granted };
}

export async function countImportPeople(q: Queryable, runId: string): Promise<number> {
  const [row] = await q.query<{ n: number }>('select count(*)::int as n from import_run_people where run_id = $1', [runId]);
  return row?.n ?? 0;
}
