// A unit's inventory of student and learning supports, snapshots of it, priority needs and recommendations.
import { randomUUID } from 'node:crypto';
import type { ResourceInput, ResourceKind, ResourceProviderType, ResourceRecommendationStatus, ResourceRecommendationType } from '@trellis/core';
import type { Queryable } from '../client.js';
import { iso, withinSubtrees } from '../rows.js';

export interface ResourceRecord extends Required<Omit<ResourceInput, 'description' | 'partnerName' | 'fundingSource' | 'targetPopulation'>> {
  id: string;
  unitId: string;
  unitName: string;
  unitPath: string;
  naturalKey: string;
  frameworkId: string;
  frameworkVersion: string;
  description: string | null;
  partnerName: string | null;
  fundingSource: string | null;
  targetPopulation: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

interface ResourceRow {
  id: string;
  unit_id: string;
  unit_name: string;
  unit_path: string;
  natural_key: string;
  framework_id: string;
  framework_version: string;
  name: string;
  description: string | null;
  kind: ResourceKind;
  provider_type: ResourceProviderType;
  partner_name: string | null;
  cells: string[];
  population_served: number | null;
  capacity: number | null;
  staff_fte: number | null;
  annual_cost: number | null;
  funding_source: string | null;
  funding_ends_on: string | null;
  responsible_mechanism_id: string | null;
  responsible_person_id: string | null;
  coordinated: boolean;
  purpose_tags: string[];
  target_population: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const SELECT = `select r.id, r.unit_id, u.name as unit_name, u.path as unit_path, r.natural_key, r.framework_id, r.framework_version, r.name, r.description,
  r.kind, r.provider_type, r.partner_name, r.cells, r.population_served, r.capacity, r.staff_fte::float8 as staff_fte, r.annual_cost::float8 as annual_cost,
  r.funding_source, r.funding_ends_on::text as funding_ends_on, r.responsible_mechanism_id, r.responsible_person_id, r.coordinated, r.purpose_tags,
  r.target_population, r.version, r.created_at, r.updated_at
  from resources r join units u on u.id = r.unit_id`;

const toResource = (r: ResourceRow): ResourceRecord => ({
  id: r.id,
  unitId: r.unit_id,
  unitName: r.unit_name,
  unitPath: r.unit_path,
  naturalKey: r.natural_key,
  frameworkId: r.framework_id,
  frameworkVersion: r.framework_version,
  name: r.name,
  description: r.description,
  kind: r.kind,
  providerType: r.provider_type,
  partnerName: r.partner_name,
  cells: r.cells,
  populationServed: r.population_served,
  capacity: r.capacity,
  staffFte: r.staff_fte,
  annualCost: r.annual_cost,
  fundingSource: r.funding_source,
  fundingEndsOn: r.funding_ends_on,
  responsibleMechanismId: r.responsible_mechanism_id,
  responsiblePersonId: r.responsible_person_id,
  coordinated: r.coordinated,
  purposeTags: r.purpose_tags,
  targetPopulation: r.target_population,
  version: r.version,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

export async function findResource(q: Queryable, id: string, opts: { lock?: boolean } = {}): Promise<ResourceRecord | null> {
  if (opts.lock) await q.query('select 1 from resources where id = $1 for update', [id]);
  const rows = await q.query<ResourceRow>(`${SELECT} where r.id = $1`, [id]);
  return rows[0] ? toResource(rows[0]) : null;
}

/** The unit's own resources, by name. */
export async function listUnitResources(q: Queryable, unitId: string): Promise<ResourceRecord[]> {
  const rows = await q.query<ResourceRow>(`${SELECT} where r.unit_id = $1 order by lower(r.name), r.id`, [unitId]);
  return rows.map(toResource);
}

/** Every resource of the unit and the units below it. */
export async function listSubtreeResources(q: Queryable, path: string): Promise<ResourceRecord[]> {
  const params: unknown[] = [];
  const rows = await q.query<ResourceRow>(`${SELECT} where ${withinSubtrees('u.path', [path], params)} order by u.path, lower(r.name), r.id`, params);
  return rows.map(toResource);
}

/** The unit's resources by natural key, for an import to match against. */
export async function resourceKeysOf(q: Queryable, unitId: string): Promise<Map<string, ResourceRecord>> {
  return new Map((await listUnitResources(q, unitId)).map((r) => [r.naturalKey, r]));
}

const FIELDS: Record<keyof ResourceInput, string> = {
  name: 'name',
  description: 'description',
  kind: 'kind',
  providerType: 'provider_type',
  partnerName: 'partner_name',
  cells: 'cells',
  populationServed: 'population_served',
  capacity: 'capacity',
  staffFte: 'staff_fte',
  annualCost: 'annual_cost',
  fundingSource: 'funding_source',
  fundingEndsOn: 'funding_ends_on',
  responsibleMechanismId: 'responsible_mechanism_id',
  responsiblePersonId: 'responsible_person_id',
  coordinated: 'coordinated',
  purposeTags: 'purpose_tags',
  targetPopulation: 'target_population',
};

export interface NewResource {
  unitId: string;
  naturalKey: string;
  framework: { id: string; version: string };
  input: ResourceInput;
}

export async function insertResource(q: Queryable, r: NewResource, id: string = randomUUID()): Promise<ResourceRecord> {
  const columns = ['id', 'unit_id', 'natural_key', 'framework_id', 'framework_version'];
  const values: unknown[] = [id, r.unitId, r.naturalKey, r.framework.id, r.framework.version];
  for (const [key, column] of Object.entries(FIELDS)) {
    const value = r.input[key as keyof ResourceInput];
    if (value === undefined) continue;
    columns.push(column);
    values.push(value);
  }
  await q.query(`insert into resources (${columns.join(', ')}) values (${values.map((_, i) => `$${i + 1}`).join(', ')})`, values);
  return (await findResource(q, id))!;
}

/** Applies changes if the row is still at `version` (any version when null, as an import does); null when stale. */
export async function updateResource(
  q: Queryable,
  id: string,
  version: number | null,
  changes: Partial<ResourceInput> & { naturalKey?: string; framework?: { id: string; version: string } },
): Promise<ResourceRecord | null> {
  const sets = ['version = version + 1', 'updated_at = now()'];
  const params: unknown[] = [id];
  if (version !== null) params.push(version);
  // The framework the resource is now placed on (a unit's adapted framework may have moved on).
  if (changes.framework) sets.push(`framework_id = $${params.push(changes.framework.id)}`, `framework_version = $${params.push(changes.framework.version)}`);
  for (const [key, column] of Object.entries({ ...FIELDS, naturalKey: 'natural_key' })) {
    const value = changes[key as keyof typeof changes];
    if (value === undefined) continue;
    params.push(value);
    sets.push(`${column} = $${params.length}`);
  }
  const rows = await q.query(`update resources set ${sets.join(', ')} where id = $1 ${version !== null ? 'and version = $2' : ''} returning id`, params);
  return rows.length ? findResource(q, id) : null;
}

export async function deleteResource(q: Queryable, id: string): Promise<void> {
  await q.query('delete from resources where id = $1', [id]);
}

/** Schools (not archived) under the path, with their enrollment and feeder pattern: the units a map sums over. */
export async function listMapSchools(q: Queryable, path: string): Promise<{ id: string; name: string; population: number | null; feederPatternId: string | null; feederPatternName: string | null; districtId: string | null }[]> {
  const params: unknown[] = [];
  const within = withinSubtrees('s.path', [path], params);
  return q.query(
    `select s.id, s.name, s.enrollment as population, fp.id as "feederPatternId", fp.name as "feederPatternName", d.id as "districtId"
     from units s
     left join units fp on fp.id = s.parent_id and fp.kind = 'feeder_pattern'
     left join lateral (select a.id from units a where a.id = any(string_to_array(trim(both '/' from s.path), '/')::uuid[]) and a.kind = 'district' limit 1) d on true
     where s.kind = 'school' and s.archived_at is null and ${within}
     order by s.path`,
    params,
  );
}

// ---- Snapshots -----------------------------------------------------------------------------------

export interface ResourceSnapshotRecord {
  id: string;
  unitId: string;
  title: string;
  asOf: string;
  frameworkId: string;
  frameworkVersion: string;
  resourceCount: number;
  createdBy: string | null;
  createdAt: string;
}

const SNAPSHOT_COLUMNS = `id, unit_id as "unitId", title, as_of::text as "asOf", framework_id as "frameworkId", framework_version as "frameworkVersion",
  resource_count as "resourceCount", created_by as "createdBy", created_at as "createdAt"`;

const toSnapshot = (r: ResourceSnapshotRecord & { createdAt: string | Date }): ResourceSnapshotRecord => ({ ...r, createdAt: iso(r.createdAt as Date) });

export async function insertResourceSnapshot(
  q: Queryable,
  s: { unitId: string; title: string; asOf: string; framework: { id: string; version: string }; entries: unknown[]; createdBy: string | null },
  id: string = randomUUID(),
): Promise<ResourceSnapshotRecord> {
  await q.query(
    `insert into resource_snapshots (id, unit_id, title, as_of, framework_id, framework_version, entries, resource_count, created_by) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [id, s.unitId, s.title, s.asOf, s.framework.id, s.framework.version, JSON.stringify(s.entries), s.entries.length, s.createdBy],
  );
  return (await findResourceSnapshot(q, id))!;
}

export async function findResourceSnapshot(q: Queryable, id: string): Promise<ResourceSnapshotRecord | null> {
  const rows = await q.query<ResourceSnapshotRecord>(`select ${SNAPSHOT_COLUMNS} from resource_snapshots where id = $1`, [id]);
  return rows[0] ? toSnapshot(rows[0]) : null;
}

export async function resourceSnapshotEntries<T>(q: Queryable, id: string): Promise<T[]> {
  const rows = await q.query<{ entries: T[] }>('select entries from resource_snapshots where id = $1', [id]);
  return rows[0]?.entries ?? [];
}

export async function listResourceSnapshots(q: Queryable, unitId: string): Promise<ResourceSnapshotRecord[]> {
  const rows = await q.query<ResourceSnapshotRecord>(`select ${SNAPSHOT_COLUMNS} from resource_snapshots where unit_id = $1 order by as_of desc, created_at desc`, [unitId]);
  return rows.map(toSnapshot);
}

// ---- Recommendations -----------------------------------------------------------------------------

export interface ResourceRecommendationRecord {
  id: string;
  unitId: string;
  type: ResourceRecommendationType;
  title: string;
  rationale: string;
  findings: { key: string; code: string; explanation: string; snapshotId?: string | null }[];
  priorityNeedIds: string[];
  status: ResourceRecommendationStatus;
  planTaskIds: string[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

const RECOMMENDATION_COLUMNS = `id, unit_id as "unitId", type, title, rationale, findings, priority_need_ids as "priorityNeedIds", status,
  plan_task_ids as "planTaskIds", version, created_at as "createdAt", updated_at as "updatedAt"`;
const toRecommendation = (r: ResourceRecommendationRecord): ResourceRecommendationRecord => ({ ...r, createdAt: iso(r.createdAt as unknown as Date), updatedAt: iso(r.updatedAt as unknown as Date) });

export async function findResourceRecommendation(q: Queryable, id: string): Promise<ResourceRecommendationRecord | null> {
  const rows = await q.query<ResourceRecommendationRecord>(`select ${RECOMMENDATION_COLUMNS} from resource_recommendations where id = $1`, [id]);
  return rows[0] ? toRecommendation(rows[0]) : null;
}

export async function listResourceRecommendations(q: Queryable, unitId: string): Promise<ResourceRecommendationRecord[]> {
  const rows = await q.query<ResourceRecommendationRecord>(`select ${RECOMMENDATION_COLUMNS} from resource_recommendations where unit_id = $1 order by created_at desc, id`, [unitId]);
  return rows.map(toRecommendation);
}

export async function insertResourceRecommendation(
  q: Queryable,
  r: Omit<ResourceRecommendationRecord, 'id' | 'version' | 'createdAt' | 'updatedAt'>,
  id: string = randomUUID(),
): Promise<ResourceRecommendationRecord> {
  await q.query(
    `insert into resource_recommendations (id, unit_id, type, title, rationale, findings, priority_need_ids, status, plan_task_ids) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [id, r.unitId, r.type, r.title, r.rationale, JSON.stringify(r.findings), r.priorityNeedIds, r.status, r.planTaskIds],
  );
  return (await findResourceRecommendation(q, id))!;
}

export async function updateResourceRecommendation(
  q: Queryable,
  id: string,
  version: number,
  changes: Partial<Pick<ResourceRecommendationRecord, 'type' | 'title' | 'rationale' | 'findings' | 'priorityNeedIds' | 'status' | 'planTaskIds'>>,
): Promise<ResourceRecommendationRecord | null> {
  const columns = { type: 'type', title: 'title', rationale: 'rationale', findings: 'findings', priorityNeedIds: 'priority_need_ids', status: 'status', planTaskIds: 'plan_task_ids' } as const;
  const sets = ['version = version + 1', 'updated_at = now()'];
  const params: unknown[] = [id, version];
  for (const [key, column] of Object.entries(columns)) {
    const value = changes[key as keyof typeof columns];
    if (value === undefined) continue;
    params.push(key === 'findings' ? JSON.stringify(value) : value);
    sets.push(`${column} = $${params.length}`);
  }
  const rows = await q.query(`update resource_recommendations set ${sets.join(', ')} where id = $1 and version = $2 returning id`, params);
  return rows.length ? findResourceRecommendation(q, id) : null;
}

// ---- Priority needs ------------------------------------------------------------------------------

export interface ResourcePriorityNeedRecord {
  id: string;
  unitId: string;
  rank: number;
  title: string;
  rationale: string;
  cells: string[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

const NEED_COLUMNS = `id, unit_id as "unitId", rank, title, rationale, cells, version, created_at as "createdAt", updated_at as "updatedAt"`;
const toNeed = (r: ResourcePriorityNeedRecord): ResourcePriorityNeedRecord => ({ ...r, createdAt: iso(r.createdAt as unknown as Date), updatedAt: iso(r.updatedAt as unknown as Date) });

export async function findResourcePriorityNeed(q: Queryable, id: string): Promise<ResourcePriorityNeedRecord | null> {
  const rows = await q.query<ResourcePriorityNeedRecord>(`select ${NEED_COLUMNS} from resource_priority_needs where id = $1`, [id]);
  return rows[0] ? toNeed(rows[0]) : null;
}

/** Highest priority (rank 1) first. */
export async function listResourcePriorityNeeds(q: Queryable, unitId: string): Promise<ResourcePriorityNeedRecord[]> {
  const rows = await q.query<ResourcePriorityNeedRecord>(`select ${NEED_COLUMNS} from resource_priority_needs where unit_id = $1 order by rank, created_at, id`, [unitId]);
  return rows.map(toNeed);
}

export async function insertResourcePriorityNeed(q: Queryable, n: { unitId: string; rank: number; title: string; rationale: string; cells: string[] }, id: string = randomUUID()): Promise<ResourcePriorityNeedRecord> {
  await q.query('insert into resource_priority_needs (id, unit_id, rank, title, rationale, cells) values ($1, $2, $3, $4, $5, $6)', [id, n.unitId, n.rank, n.title, n.rationale, n.cells]);
  return (await findResourcePriorityNeed(q, id))!;
}

export async function updateResourcePriorityNeed(q: Queryable, id: string, version: number, changes: Partial<Pick<ResourcePriorityNeedRecord, 'rank' | 'title' | 'rationale' | 'cells'>>): Promise<ResourcePriorityNeedRecord | null> {
  const sets = ['version = version + 1', 'updated_at = now()'];
  const params: unknown[] = [id, version];
  for (const key of ['rank', 'title', 'rationale', 'cells'] as const) {
    if (changes[key] === undefined) continue;
    params.push(changes[key]);
    sets.push(`${key} = $${params.length}`);
  }
  const rows = await q.query(`update resource_priority_needs set ${sets.join(', ')} where id = $1 and version = $2 returning id`, params);
  return rows.length ? findResourcePriorityNeed(q, id) : null;
}

export async function deleteResourcePriorityNeed(q: Queryable, id: string): Promise<void> {
  await q.query('delete from resource_priority_needs where id = $1', [id]);
}

/** Resources of the unit and those below it placed in `cell` (all cells when null), by unit then name; at most `limit`. */
export async function listSubtreeResourcesInCell(q: Queryable, path: string, cell: string | null, limit: number): Promise<ResourceRecord[]> {
  const params: unknown[] = [];
  const within = withinSubtrees('u.path', [path], params);
  params.push(cell, limit);
  const rows = await q.query<ResourceRow>(
    `${SELECT} where ${within} and ($${params.length - 1}::text is null or $${params.length - 1}::text = any(r.cells)) order by u.path, lower(r.name), r.id limit $${params.length}`,
    params,
  );
  return rows.map(toResource);
}
