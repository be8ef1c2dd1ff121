// Plans (each version a row, versions sharing a lineage), the approval path's events, and the plan
// tasks stored in the one task table with WHO (people, mechanisms), HOW, WHEN, phase, dependencies.
import { randomUUID } from 'node:crypto';
import { isTaskOverdue, type PlanKind, type PlanPhase, type PlanStatus, type PlanTaskLink, type TaskStatus } from '@trellis/core';
import type { Queryable } from '../client.js';
import { iso, jsonValue as json, withinSubtrees } from '../rows.js';

// ---- Plans -----------------------------------------------------------------------------------------

export interface PlanRecord {
  id: string;
  lineageId: string;
  planVersion: number;
  unitId: string;
  unitName: string;
  unitKind: string;
  unitPath: string;
  kind: PlanKind;
  title: string;
  status: PlanStatus;
  templateKey: string | null;
  templateVersion: string | null;
  parentPlanId: string | null;
  createdBy: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

interface PlanRow {
  id: string;
  lineage_id: string;
  plan_version: number;
  unit_id: string;
  unit_name: string;
  unit_kind: string;
  unit_path: string;
  kind: PlanKind;
  title: string;
  status: PlanStatus;
  template_key: string | null;
  template_version: string | null;
  parent_plan_id: string | null;
  created_by: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const PLAN_SELECT = `select p.id, p.lineage_id, p.plan_version, p.unit_id, u.name as unit_name, u.kind as unit_kind, u.path as unit_path, p.kind, p.title, p.status,
  p.template_key, p.template_version, p.parent_plan_id, p.created_by, p.version, p.created_at, p.updated_at
  from plans p join units u on u.id = p.unit_id`;

const toPlan = (r: PlanRow): PlanRecord => ({
  id: r.id,
  lineageId: r.lineage_id,
  planVersion: r.plan_version,
  unitId: r.unit_id,
  unitName: r.unit_name,
  unitKind: r.unit_kind,
  unitPath: r.unit_path,
  kind: r.kind,
  title: r.title,
  status: r.status,
  templateKey: r.template_key,
  templateVersion: r.template_version,
  parentPlanId: r.parent_plan_id,
  createdBy: r.created_by,
  version: r.version,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

export async function findPlan(q: Queryable, id: string, opts: { lock?: boolean } = {}): Promise<PlanRecord | null> {
  if (opts.lock) await q.query('select 1 from plans where id = $1 for update', [id]);
  const rows = await q.query<PlanRow>(`${PLAN_SELECT} where p.id = $1`, [id]);
  return rows[0] ? toPlan(rows[0]) : null;
}

/** Every version of one plan, oldest first. */
export async function listPlanVersions(q: Queryable, lineageId: string): Promise<PlanRecord[]> {
  return (await q.query<PlanRow>(`${PLAN_SELECT} where p.lineage_id = $1 order by p.plan_version`, [lineageId])).map(toPlan);
}

/**
 * The plans of a unit: of each plan, its newest version and, when that is not yet approved, the
 * approved version still in force as well. With `allVersions`, every version.
 */
export async function listUnitPlans(q: Queryable, unitId: string, opts: { allVersions?: boolean } = {}): Promise<PlanRecord[]> {
  const filter = opts.allVersions
    ? ''
    : `and (p.plan_version = (select max(o.plan_version) from plans o where o.lineage_id = p.lineage_id) or p.status = 'approved')`;
  return (await q.query<PlanRow>(`${PLAN_SELECT} where p.unit_id = $1 ${filter} order by p.kind, p.title, p.plan_version`, [unitId])).map(toPlan);
}

/** The plans spawned from these plans (one level down), not superseded. */
export async function listChildPlans(q: Queryable, parentIds: string[]): Promise<PlanRecord[]> {
  if (parentIds.length === 0) return [];
  return (await q.query<PlanRow>(`${PLAN_SELECT} where p.parent_plan_id = any($1::uuid[]) and p.status <> 'superseded' order by u.name, p.title`, [parentIds])).map(toPlan);
}

/** Every plan below this one in the cascade (children, their children…), superseded versions left out. */
export async function listDescendantPlans(q: Queryable, planId: string): Promise<PlanRecord[]> {
  const rows = await q.query<PlanRow & { parent_plan_id: string }>(
    `with recursive below (id) as (
       select id from plans where parent_plan_id = $1 and status <> 'superseded'
       union
       select c.id from plans c join below b on c.parent_plan_id = b.id where c.status <> 'superseded'
     )
     ${PLAN_SELECT} where p.id in (select id from below) order by u.path, p.title`,
    [planId],
  );
  return rows.map(toPlan);
}

export interface NewPlan {
  lineageId?: string;
  planVersion?: number;
  unitId: string;
  kind: PlanKind;
  title: string;
  status?: PlanStatus;
  templateKey?: string | null;
  templateVersion?: string | null;
  parentPlanId?: string | null;
  createdBy: string | null;
}

export async function insertPlan(q: Queryable, p: NewPlan, id: string = randomUUID()): Promise<PlanRecord> {
  await q.query(
    `insert into plans (id, lineage_id, plan_version, unit_id, kind, title, status, template_key, template_version, parent_plan_id, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [id, p.lineageId ?? id, p.planVersion ?? 1, p.unitId, p.kind, p.title, p.status ?? 'draft', p.templateKey ?? null, p.templateVersion ?? null, p.parentPlanId ?? null, p.createdBy],
  );
  return (await findPlan(q, id))!;
}

/** Applies changes if the plan is still at `version`; null when it is not (stale write). */
export async function updatePlan(q: Queryable, id: string, version: number, changes: { title?: string | undefined; status?: PlanStatus | undefined }): Promise<PlanRecord | null> {
  const sets = ['version = version + 1', 'updated_at = now()'];
  const params: unknown[] = [id, version];
  if (changes.title !== undefined) sets.push(`title = $${params.push(changes.title)}`);
  if (changes.status !== undefined) sets.push(`status = $${params.push(changes.status)}`);
  const rows = await q.query(`update plans set ${sets.join(', ')} where id = $1 and version = $2 returning id`, params);
  return rows.length ? findPlan(q, id) : null;
}

/** The system's move: an earlier approved version is superseded when a newer one is approved. */
export async function supersedeEarlierVersions(q: Queryable, lineageId: string, planVersion: number): Promise<string[]> {
  const rows = await q.query<{ id: string }>(
    `update plans set status = 'superseded', version = version + 1, updated_at = now() where lineage_id = $1 and plan_version < $2 and status = 'approved' returning id`,
    [lineageId, planVersion],
  );
  return rows.map((r) => r.id);
}

export async function deletePlan(q: Queryable, id: string): Promise<void> {
  await q.query('delete from plans where id = $1', [id]);
}

/** Plans spawned from this one (any version status): a plan with children is not deleted. */
export async function countChildPlans(q: Queryable, planId: string): Promise<number> {
  const rows = await q.query<{ n: number }>('select count(*)::int as n from plans where parent_plan_id = $1', [planId]);
  return rows[0]!.n;
}

// ---- The approval path's events ------------------------------------------------------------------------

export interface PlanStatusEventRecord {
  id: string;
  planId: string;
  fromStatus: PlanStatus;
  toStatus: PlanStatus;
  comment: string | null;
  actorId: string | null;
  actorName: string | null;
  at: string;
}

export async function insertPlanStatusEvent(q: Queryable, e: { planId: string; fromStatus: PlanStatus; toStatus: PlanStatus; comment: string | null; actorId: string | null }): Promise<void> {
  await q.query('insert into plan_status_events (id, plan_id, from_status, to_status, comment, actor_id) values ($1, $2, $3, $4, $5, $6)', [
    randomUUID(),
    e.planId,
    e.fromStatus,
    e.toStatus,
    e.comment,
    e.actorId,
  ]);
}

export async function listPlanStatusEvents(q: Queryable, planId: string): Promise<PlanStatusEventRecord[]> {
  const rows = await q.query<{ id: string; plan_id: string; from_status: PlanStatus; to_status: PlanStatus; comment: string | null; actor_id: string | null; actor_name: string | null; at: Date }>(
    `select e.id, e.plan_id, e.from_status, e.to_status, e.comment, e.actor_id, p.name as actor_name, e.at
     from plan_status_events e left join people p on p.id = e.actor_id where e.plan_id = $1 order by e.at, e.id`,
    [planId],
  );
  return rows.map((r) => ({ id: r.id, planId: r.plan_id, fromStatus: r.from_status, toStatus: r.to_status, comment: r.comment, actorId: r.actor_id, actorName: r.actor_name, at: iso(r.at) }));
}

// ---- Plan tasks ------------------------------------------------------------------------------------

export interface Named {
  id: string;
  name: string;
}

export interface PlanTaskRecord {
  id: string;
  planId: string;
  unitId: string;
  unitPath: string;
  parentId: string | null;
  position: number;
  title: string;
  how: string | null;
  people: Named[];
  mechanisms: Named[];
  startOn: string | null;
  dueOn: string | null;
  phase: PlanPhase | null;
  status: TaskStatus;
  blockedReason: string | null;
  completedOn: string | null;
  dependsOn: string[];
  evidence: string | null;
  links: PlanTaskLink[];
  templateNodeKey: string | null;
  overdue: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

interface PlanTaskRow {
  id: string;
  plan_id: string;
  unit_id: string;
  unit_path: string;
  parent_task_id: string | null;
  position: number;
  title: string;
  how: string | null;
  people: Named[] | string;
  mechanisms: Named[] | string;
  start_on: string | null;
  due_on: string | null;
  phase: PlanPhase | null;
  status: TaskStatus;
  blocked_reason: string | null;
  completed_on: string | null;
  depends_on: string[];
  evidence: string | null;
  links: PlanTaskLink[] | string;
  template_node_key: string | null;
  today: string;
  version: number;
  created_at: Date;
  updated_at: Date;
}


const TASK_SELECT = `select t.id, t.plan_id, t.unit_id, u.path as unit_path, t.parent_task_id, t.position, t.title, t.how,
  coalesce((select json_agg(json_build_object('id', pe.id, 'name', pe.name) order by pe.name) from task_people tp join people pe on pe.id = tp.person_id where tp.task_id = t.id), '[]'::json) as people,
  coalesce((select json_agg(json_build_object('id', m.id, 'name', m.name) order by m.name) from task_mechanisms tm join mechanisms m on m.id = tm.mechanism_id where tm.task_id = t.id), '[]'::json) as mechanisms,
  t.start_on::text as start_on, t.due_on::text as due_on, t.phase, t.status, t.blocked_reason, t.completed_on::text as completed_on,
  coalesce((select array_agg(d.depends_on_id order by d.depends_on_id) from task_dependencies d where d.task_id = t.id), '{}'::uuid[]) as depends_on,
  t.evidence, t.links, t.template_node_key, current_date::text as today, t.version, t.created_at, t.updated_at
  from tasks t join units u on u.id = t.unit_id`;

const toPlanTask = (r: PlanTaskRow): PlanTaskRecord => ({
  id: r.id,
  planId: r.plan_id,
  unitId: r.unit_id,
  unitPath: r.unit_path,
  parentId: r.parent_task_id,
  position: r.position,
  title: r.title,
  how: r.how,
  people: json(r.people),
  mechanisms: json(r.mechanisms),
  startOn: r.start_on,
  dueOn: r.due_on,
  phase: r.phase,
  status: r.status,
  blockedReason: r.blocked_reason,
  completedOn: r.completed_on,
  dependsOn: r.depends_on,
  evidence: r.evidence,
  links: json(r.links),
  templateNodeKey: r.template_node_key,
  overdue: isTaskOverdue({ status: r.status, dueOn: r.due_on }, r.today),
  version: r.version,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

export async function findPlanTask(q: Queryable, id: string, opts: { lock?: boolean } = {}): Promise<PlanTaskRecord | null> {
  if (opts.lock) await q.query('select 1 from tasks where id = $1 for update', [id]);
  const rows = await q.query<PlanTaskRow>(`${TASK_SELECT} where t.id = $1 and t.plan_id is not null`, [id]);
  return rows[0] ? toPlanTask(rows[0]) : null;
}

/** A plan's tasks in outline order is the caller's to build; here by parent and position. */
export async function listPlanTasks(q: Queryable, planId: string): Promise<PlanTaskRecord[]> {
  return (await q.query<PlanTaskRow>(`${TASK_SELECT} where t.plan_id = $1 order by t.parent_task_id nulls first, t.position, t.created_at`, [planId])).map(toPlanTask);
}

/** Just what progress needs, for many plans at once. */
export async function listProgressTasks(q: Queryable, planIds: string[]): Promise<{ id: string; planId: string; parentId: string | null; phase: PlanPhase | null; status: TaskStatus }[]> {
  if (planIds.length === 0) return [];
  const rows = await q.query<{ id: string; plan_id: string; parent_task_id: string | null; phase: PlanPhase | null; status: TaskStatus }>(
    'select id, plan_id, parent_task_id, phase, status from tasks where plan_id = any($1::uuid[])',
    [planIds],
  );
  return rows.map((r) => ({ id: r.id, planId: r.plan_id, parentId: r.parent_task_id, phase: r.phase, status: r.status }));
}

export interface PlanTaskFilter {
  /** Tasks whose WHO includes this person (or whose owner they are). */
  personId?: string;
  /** Tasks of plans at units in these subtrees. */
  subtreePaths?: string[];
  unitId?: string;
  /** Leave out tasks of superseded plan versions (default true). */
  current?: boolean;
  openOnly?: boolean;
  /**
   * Narrows in SQL to the tasks that can be overdue (a due date before today) or incompletely planned
   * (no due date, or no person and no mechanism), leaves only; the caller applies the exact rule.
   */
  candidates?: 'overdue' | 'incomplete';
  limit?: number;
}

export interface PlanTaskListing extends PlanTaskRecord {
  planTitle: string;
  planStatus: PlanStatus;
  planVersion: number;
  unitName: string;
  hasSubtasks: boolean;
}

/** Plan tasks across plans: "my tasks", or a unit's (and its subtree's) tasks for the overdue and incomplete lists. */
export async function listPlanTasksWhere(q: Queryable, f: PlanTaskFilter): Promise<PlanTaskListing[]> {
  const params: unknown[] = [];
  const where = ['t.plan_id is not null'];
  if (f.current !== false) where.push(`pl.status <> 'superseded'`);
  if (f.openOnly) where.push(`t.status <> 'done'`);
  if (f.personId) {
    params.push(f.personId);
    where.push(`(t.owner_person_id = $${params.length} or exists (select 1 from task_people tp where tp.task_id = t.id and tp.person_id = $${params.length}))`);
  }
  if (f.unitId) where.push(`t.unit_id = $${params.push(f.unitId)}`);
  if (f.subtreePaths) where.push(f.subtreePaths.length ? withinSubtrees('u.path', f.subtreePaths, params) : 'false');
  if (f.candidates) where.push('not exists (select 1 from tasks c where c.parent_task_id = t.id)');
  if (f.candidates === 'overdue') where.push('t.due_on < current_date');
  if (f.candidates === 'incomplete') {
    where.push(`(t.due_on is null or (not exists (select 1 from task_people tp where tp.task_id = t.id) and not exists (select 1 from task_mechanisms tm where tm.task_id = t.id)))`);
  }
  const rows = await q.query<PlanTaskRow & { plan_title: string; plan_status: PlanStatus; plan_version: number; unit_name: string; has_subtasks: boolean }>(
    `${TASK_SELECT.replace(
      'from tasks t join units u on u.id = t.unit_id',
      `, pl.title as plan_title, pl.status as plan_status, pl.plan_version, u.name as unit_name,
       exists (select 1 from tasks c where c.parent_task_id = t.id) as has_subtasks
       from tasks t join units u on u.id = t.unit_id join plans pl on pl.id = t.plan_id`,
    )}
     where ${where.join(' and ')}
     order by t.due_on nulls last, u.name, pl.title, t.position limit ${Math.max(1, Math.min(f.limit ?? 2000, 5000))}`,
    params,
  );
  return rows.map((r) => ({ ...toPlanTask(r), planTitle: r.plan_title, planStatus: r.plan_status, planVersion: r.plan_version, unitName: r.unit_name, hasSubtasks: r.has_subtasks }));
}

export interface NewPlanTask {
  planId: string;
  unitId: string;
  parentId: string | null;
  position: number;
  title: string;
  how?: string | null;
  startOn?: string | null;
  dueOn?: string | null;
  phase?: PlanPhase | null;
  status?: TaskStatus;
  blockedReason?: string | null;
  completedOn?: string | null;
  evidence?: string | null;
  links?: PlanTaskLink[];
  templateNodeKey?: string | null;
  personIds?: string[];
  mechanismIds?: string[];
}

/** Makes room at `position` among the siblings under `parentId` (positions at or after it move down one). */
export async function openSiblingPosition(q: Queryable, planId: string, parentId: string | null, position: number): Promise<void> {
  await q.query('update tasks set position = position + 1 where plan_id = $1 and parent_task_id is not distinct from $2 and position >= $3', [planId, parentId, position]);
}

/** Closes the gap a task leaves at `position` among its siblings. */
export async function closeSiblingPosition(q: Queryable, planId: string, parentId: string | null, position: number): Promise<void> {
  await q.query('update tasks set position = position - 1 where plan_id = $1 and parent_task_id is not distinct from $2 and position > $3', [planId, parentId, position]);
}

/** The next free position under `parentId`. */
export async function nextSiblingPosition(q: Queryable, planId: string, parentId: string | null): Promise<number> {
  const rows = await q.query<{ n: number }>('select coalesce(max(position) + 1, 0)::int as n from tasks where plan_id = $1 and parent_task_id is not distinct from $2', [planId, parentId]);
  return rows[0]!.n;
}

export async function insertPlanTask(q: Queryable, t: NewPlanTask, id: string = randomUUID()): Promise<string> {
  await q.query(
    `insert into tasks (id, unit_id, plan_id, parent_task_id, position, title, how, start_on, due_on, phase, status, blocked_reason, completed_on, evidence, links, template_node_key)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
    [
      id,
      t.unitId,
      t.planId,
      t.parentId,
      t.position,
      t.title,
      t.how ?? null,
      t.startOn ?? null,
      t.dueOn ?? null,
      t.phase ?? null,
      t.status ?? 'not_started',
      t.blockedReason ?? null,
      t.completedOn ?? null,
      t.evidence ?? null,
      JSON.stringify(t.links ?? []),
      t.templateNodeKey ?? null,
    ],
  );
  if (t.personIds?.length) await setTaskPeople(q, id, t.personIds);
  if (t.mechanismIds?.length) await setTaskMechanisms(q, id, t.mechanismIds);
  return id;
}

export async function setTaskPeople(q: Queryable, taskId: string, personIds: string[]): Promise<void> {
  await q.query('delete from task_people where task_id = $1', [taskId]);
  if (personIds.length) await q.query('insert into task_people (task_id, person_id) select $1, unnest($2::uuid[])', [taskId, personIds]);
}

export async function setTaskMechanisms(q: Queryable, taskId: string, mechanismIds: string[]): Promise<void> {
  await q.query('delete from task_mechanisms where task_id = $1', [taskId]);
  if (mechanismIds.length) await q.query('insert into task_mechanisms (task_id, mechanism_id) select $1, unnest($2::uuid[])', [taskId, mechanismIds]);
}

export async function setTaskDependencies(q: Queryable, taskId: string, dependsOnIds: string[]): Promise<void> {
  await q.query('delete from task_dependencies where task_id = $1', [taskId]);
  if (dependsOnIds.length) await q.query('insert into task_dependencies (task_id, depends_on_id) select $1, unnest($2::uuid[])', [taskId, dependsOnIds]);
}

/** Every dependency edge among a plan's tasks. */
export async function listPlanDependencies(q: Queryable, planId: string): Promise<{ taskId: string; dependsOnId: string }[]> {
  const rows = await q.query<{ task_id: string; depends_on_id: string }>(
    'select d.task_id, d.depends_on_id from task_dependencies d join tasks t on t.id = d.task_id where t.plan_id = $1',
    [planId],
  );
  return rows.map((r) => ({ taskId: r.task_id, dependsOnId: r.depends_on_id }));
}

export interface PlanTaskChanges {
  parentId?: string | null;
  position?: number;
  title?: string;
  how?: string | null;
  startOn?: string | null;
  dueOn?: string | null;
  phase?: PlanPhase | null;
  status?: TaskStatus;
  blockedReason?: string | null;
  completedOn?: string | null;
  evidence?: string | null;
  links?: PlanTaskLink[];
}

const TASK_COLUMNS: Record<keyof PlanTaskChanges, string> = {
  parentId: 'parent_task_id',
  position: 'position',
  title: 'title',
  how: 'how',
  startOn: 'start_on',
  dueOn: 'due_on',
  phase: 'phase',
  status: 'status',
  blockedReason: 'blocked_reason',
  completedOn: 'completed_on',
  evidence: 'evidence',
  links: 'links',
};

/** Applies the changes if the task is still at `version`; false when it is not (stale write). */
export async function updatePlanTask(q: Queryable, id: string, version: number, changes: PlanTaskChanges): Promise<boolean> {
  const sets = ['version = version + 1', 'updated_at = now()'];
  const params: unknown[] = [id, version];
  for (const [key, column] of Object.entries(TASK_COLUMNS)) {
    const value = changes[key as keyof PlanTaskChanges];
    if (value !== undefined) sets.push(`${column} = $${params.push(key === 'links' ? JSON.stringify(value) : value)}`);
  }
  const rows = await q.query(`update tasks set ${sets.join(', ')} where id = $1 and version = $2 returning id`, params);
  return rows.length > 0;
}

/** The ids of a task and everything nested under it. */
export async function taskSubtreeIds(q: Queryable, taskId: string): Promise<string[]> {
  const rows = await q.query<{ id: string }>(
    `with recursive below (id) as (select $1::uuid union select t.id from tasks t join below b on t.parent_task_id = b.id) select id from below`,
    [taskId],
  );
  return rows.map((r) => r.id);
}

export async function deletePlanTask(q: Queryable, id: string): Promise<void> {
  await q.query('delete from tasks where id = $1', [id]);
}

/**
 * Copies every task of one plan version into another (a new version's draft), keeping the outline,
 * WHO, dependencies and progress; returns the map from old task ids to new.
 */
export async function copyPlanTasks(q: Queryable, fromPlanId: string, toPlanId: string): Promise<Map<string, string>> {
  const tasks = await q.query<{ id: string }>('select id from tasks where plan_id = $1', [fromPlanId]);
  const ids = new Map(tasks.map((t) => [t.id, randomUUID()]));
  if (ids.size === 0) return ids;
  const from = [...ids.keys()];
  const to = [...ids.values()];
  await q.query(
    `with m (old_id, new_id) as (select * from unnest($1::uuid[], $2::uuid[]))
     insert into tasks (id, unit_id, plan_id, parent_task_id, position, title, notes, how, start_on, due_on, phase, status, blocked_reason, completed_on, evidence, links, template_node_key, owner_person_id, mechanism_id)
     select m.new_id, t.unit_id, $3, null, t.position, t.title, t.notes, t.how, t.start_on, t.due_on, t.phase, t.status, t.blocked_reason, t.completed_on, t.evidence, t.links, t.template_node_key, t.owner_person_id, t.mechanism_id
     from tasks t join m on m.old_id = t.id`,
    [from, to, toPlanId],
  );
  await q.query(
    `with m (old_id, new_id) as (select * from unnest($1::uuid[], $2::uuid[]))
     update tasks n set parent_task_id = mp.new_id
     from m, tasks o, m mp where n.id = m.new_id and o.id = m.old_id and mp.old_id = o.parent_task_id`,
    [from, to],
  );
  const mapped = `with m (old_id, new_id) as (select * from unnest($1::uuid[], $2::uuid[]))`;
  await q.query(`${mapped} insert into task_people (task_id, person_id) select m.new_id, tp.person_id from task_people tp join m on m.old_id = tp.task_id`, [from, to]);
  await q.query(`${mapped} insert into task_mechanisms (task_id, mechanism_id) select m.new_id, tm.mechanism_id from task_mechanisms tm join m on m.old_id = tm.task_id`, [from, to]);
  await q.query(
    `${mapped} insert into task_dependencies (task_id, depends_on_id) select a.new_id, b.new_id from task_dependencies d join m a on a.old_id = d.task_id join m b on b.old_id = d.depends_on_id`,
    [from, to],
  );
  return ids;
}

/** People and mechanisms that exist (and, for mechanisms, at which unit), for checking WHO. */
export async function findPeopleIds(q: Queryable, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  return new Set((await q.query<{ id: string }>('select id from people where id = any($1::uuid[])', [ids])).map((r) => r.id));
}

export async function findMechanismUnits(q: Queryable, ids: string[]): Promise<Map<string, { name: string; unitPath: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await q.query<{ id: string; name: string; path: string }>('select m.id, m.name, u.path from mechanisms m join units u on u.id = m.unit_id where m.id = any($1::uuid[])', [ids]);
  return new Map(rows.map((r) => [r.id, { name: r.name, unitPath: r.path }]));
}

/** The caller's memberships in mechanisms at a unit, as plan decisions see them. */
export async function membershipsAtUnit(q: Queryable, personId: string, unitId: string): Promise<{ mechanismKind: string; membershipRole: string; mechanismStatus: string }[]> {
  const rows = await q.query<{ kind: string; role: string; status: string }>(
    `select m.kind, mm.role, m.status from mechanism_members mm join mechanisms m on m.id = mm.mechanism_id
     where mm.person_id = $1 and m.unit_id = $2 and (mm.end_on is null or mm.end_on >= current_date) and (mm.start_on is null or mm.start_on <= current_date)`,
    [personId, unitId],
  );
  return rows.map((r) => ({ mechanismKind: r.kind, membershipRole: r.role, mechanismStatus: r.status }));
}

/** Sets (or clears, with null) the hash of a person's calendar-feed secret. */
export async function setCalendarTokenHash(q: Queryable, personId: string, hash: string | null): Promise<void> {
  await q.query('update people set calendar_token_hash = $2 where id = $1', [personId, hash]);
}

export async function findPersonByCalendarTokenHash(q: Queryable, hash: string): Promise<{ id: string; name: string; isSystemAdmin: boolean } | null> {
  const rows = await q.query<{ id: string; name: string; isSystemAdmin: boolean }>('select id, name, is_system_admin as "isSystemAdmin" from people where calendar_token_hash = $1', [hash]);
  return rows[0] ?? null;
}
