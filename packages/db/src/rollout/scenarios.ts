// Saved roll-out scenarios, and the schools a scenario is planned over.
import { randomUUID } from 'node:crypto';
import type { RolloutAdoptionStep, RolloutSchool, RolloutScenarioStatus, RolloutSettings } from '@trellis/core';
import type { Queryable } from '../client.js';
import { iso, withinSubtrees } from '../rows.js';

export interface RolloutScenarioRecord {
  id: string;
  unitId: string;
  unitName: string;
  unitKind: string;
  unitPath: string;
  name: string;
  settings: RolloutSettings;
  status: RolloutScenarioStatus;
  stage: string | null;
  error: string | null;
  computedAt: string | null;
  computation: number;
  adoptedAt: string | null;
  adoptedBy: string | null;
  adoption: RolloutAdoptionStep[] | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

interface ScenarioRow {
  id: string;
  unit_id: string;
  unit_name: string;
  unit_kind: string;
  unit_path: string;
  name: string;
  settings: RolloutSettings;
  status: RolloutScenarioStatus;
  stage: string | null;
  error: string | null;
  computed_at: Date | null;
  computation: number;
  adopted_at: Date | null;
  adopted_by: string | null;
  adoption: RolloutAdoptionStep[] | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = `r.id, r.unit_id, u.name as unit_name, u.kind as unit_kind, u.path as unit_path, r.name, r.settings, r.status, r.stage, r.error,
  r.computed_at, r.computation, r.adopted_at, r.adopted_by, r.adoption, r.version, r.created_at, r.updated_at`;
const FROM = 'from rollout_scenarios r join units u on u.id = r.unit_id';

const toScenario = (r: ScenarioRow): RolloutScenarioRecord => ({
  id: r.id,
  unitId: r.unit_id,
  unitName: r.unit_name,
  unitKind: r.unit_kind,
  unitPath: r.unit_path,
  name: r.name,
  settings: r.settings,
  status: r.status,
  stage: r.stage,
  error: r.error,
  computedAt: r.computed_at ? iso(r.computed_at) : null,
  computation: r.computation,
  adoptedAt: r.adopted_at ? iso(r.adopted_at) : null,
  adoptedBy: r.adopted_by,
  adoption: r.adoption,
  version: r.version,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

export async function findRolloutScenario(q: Queryable, id: string, opts: { lock?: boolean } = {}): Promise<RolloutScenarioRecord | null> {
  if (opts.lock) await q.query('select 1 from rollout_scenarios where id = $1 for update', [id]);
  const rows = await q.query<ScenarioRow>(`select ${COLUMNS} ${FROM} where r.id = $1`, [id]);
  return rows[0] ? toScenario(rows[0]) : null;
}

/** The stored result (large: kept out of lists). */
export async function rolloutScenarioResult(q: Queryable, id: string): Promise<unknown> {
  const rows = await q.query<{ result: unknown }>('select result from rollout_scenarios where id = $1', [id]);
  return rows[0]?.result ?? null;
}

export interface RolloutScenarioSummaryRecord extends RolloutScenarioRecord {
  /** A few figures of the result, for lists and comparisons. */
  summary: Record<string, unknown> | null;
}

export async function listRolloutScenarios(q: Queryable, unitId: string): Promise<RolloutScenarioSummaryRecord[]> {
  const rows = await q.query<ScenarioRow & { summary: Record<string, unknown> | null }>(
    `select ${COLUMNS}, r.result -> 'summary' as summary ${FROM} where r.unit_id = $1 order by r.created_at desc, r.id`,
    [unitId],
  );
  return rows.map((r) => ({ ...toScenario(r), summary: r.summary }));
}

export async function insertRolloutScenario(q: Queryable, s: { unitId: string; name: string; settings: RolloutSettings; createdBy: string | null }, id: string = randomUUID()): Promise<RolloutScenarioRecord> {
  await q.query(`insert into rollout_scenarios (id, unit_id, name, settings, created_by, stage) values ($1, $2, $3, $4, $5, 'Waiting to start')`, [id, s.unitId, s.name, JSON.stringify(s.settings), s.createdBy]);
  return (await findRolloutScenario(q, id))!;
}

/**
 * Changes name and/or settings if the row is still at `version`. New settings start a new
 * computation (the old result is dropped, so no one reads a schedule of settings that are gone).
 */
export async function updateRolloutScenario(q: Queryable, id: string, version: number, changes: { name?: string | undefined; settings?: RolloutSettings | undefined }): Promise<RolloutScenarioRecord | null> {
  const sets = ['version = version + 1', 'updated_at = now()'];
  const params: unknown[] = [id, version];
  if (changes.name !== undefined) {
    params.push(changes.name);
    sets.push(`name = $${params.length}`);
  }
  if (changes.settings !== undefined) {
    params.push(JSON.stringify(changes.settings));
    sets.push(`settings = $${params.length}`, `status = 'computing'`, `stage = 'Waiting to start'`, 'error = null', 'result = null', 'computed_at = null', 'computation = computation + 1');
  }
  const rows = await q.query(`update rollout_scenarios set ${sets.join(', ')} where id = $1 and version = $2 returning id`, params);
  return rows.length ? findRolloutScenario(q, id) : null;
}

/** Progress of computation `computation`; ignored when a newer one has started. */
export async function setRolloutStage(q: Queryable, id: string, computation: number, stage: string): Promise<void> {
  await q.query(`update rollout_scenarios set stage = $3 where id = $1 and computation = $2 and status = 'computing'`, [id, computation, stage]);
}

/** Stores the outcome of computation `computation`; false when a newer one has started (the outcome is stale). */
export async function finishRolloutComputation(q: Queryable, id: string, computation: number, outcome: { result: unknown } | { error: string }): Promise<boolean> {
  const rows =
    'result' in outcome
      ? await q.query(`update rollout_scenarios set status = 'ready', stage = null, error = null, result = $3, computed_at = now() where id = $1 and computation = $2 returning id`, [id, computation, JSON.stringify(outcome.result)])
      : await q.query(`update rollout_scenarios set status = 'failed', stage = null, error = $3, result = null, computed_at = now() where id = $1 and computation = $2 returning id`, [id, computation, outcome.error]);
  return rows.length > 0;
}

/** Scenarios left computing (e.g. by a server that stopped), to compute again. */
export async function listComputingRolloutScenarios(q: Queryable): Promise<{ id: string; computation: number }[]> {
  return q.query<{ id: string; computation: number }>(`select id, computation from rollout_scenarios where status = 'computing' order by updated_at`);
}

export async function markRolloutAdopted(q: Queryable, id: string, version: number, by: string, adoption: RolloutAdoptionStep[]): Promise<RolloutScenarioRecord | null> {
  const rows = await q.query(
    `update rollout_scenarios set adopted_at = now(), adopted_by = $3, adoption = $4, version = version + 1, updated_at = now() where id = $1 and version = $2 returning id`,
    [id, version, by, JSON.stringify(adoption)],
  );
  return rows.length ? findRolloutScenario(q, id) : null;
}

export async function deleteRolloutScenario(q: Queryable, id: string): Promise<void> {
  await q.query('delete from rollout_scenarios where id = $1', [id]);
}

/**
 * The schools (not archived) under the unit, each with the subset it belongs to: its feeder
 * pattern, or its district (`subsetKind`). A school with no unit of that kind above it is a subset
 * of its own. The region above it, when there is one, lets facilitators keep to their region.
 */
export async function listRolloutSchools(q: Queryable, unitPath: string, subsetKind: 'feeder_pattern' | 'district'): Promise<RolloutSchool[]> {
  const params: unknown[] = [subsetKind];
  const within = withinSubtrees('s.path', [unitPath], params);
  const rows = await q.query<{ id: string; name: string; enrollment: number | null; subset_id: string | null; subset_name: string | null; region_id: string | null }>(
    `select s.id, s.name, s.enrollment, g.id as subset_id, g.name as subset_name, r.id as region_id
     from units s
     left join lateral (select a.id, a.name from units a where a.id = any(string_to_array(trim(both '/' from s.path), '/')::uuid[]) and a.kind = $1 limit 1) g on true
     left join lateral (select a.id from units a where a.id = any(string_to_array(trim(both '/' from s.path), '/')::uuid[]) and a.kind = 'region' limit 1) r on true
     where s.kind = 'school' and s.archived_at is null and ${within}
     order by s.path`,
    params,
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    enrollment: r.enrollment,
    subsetId: r.subset_id ?? r.id,
    subsetName: r.subset_name ?? `${r.name} (on its own)`,
    region: r.region_id,
  }));
}
