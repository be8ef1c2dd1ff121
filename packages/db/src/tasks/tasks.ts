// Tasks: what, who owns it, by when, how far along. Meetings raise them as action items; plans will too.
import { randomUUID } from 'node:crypto';
import { isTaskOverdue, type Task, type TaskStatus } from '@trellis/core';
import type { Queryable } from '../client.js';
import { iso } from '../rows.js';

interface TaskRow {
  id: string;
  unit_id: string;
  unit_path: string;
  title: string;
  notes: string | null;
  owner_person_id: string | null;
  owner_name: string | null;
  due_on: string | null;
  status: TaskStatus;
  blocked_reason: string | null;
  completed_on: string | null;
  mechanism_id: string | null;
  meeting_id: string | null;
  today: string;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export interface TaskRecord extends Task {
  /** Path of the task's unit, for access checks. */
  unitPath: string;
}

const SELECT = `select t.id, t.unit_id, u.path as unit_path, t.title, t.notes, t.owner_person_id, p.name as owner_name, t.due_on::text as due_on,
  t.status, t.blocked_reason, t.completed_on::text as completed_on, t.mechanism_id, t.meeting_id, current_date::text as today,
  t.version, t.created_at, t.updated_at
  from tasks t join units u on u.id = t.unit_id left join people p on p.id = t.owner_person_id`;

const toTask = (r: TaskRow): TaskRecord => ({
  id: r.id,
  unitId: r.unit_id,
  unitPath: r.unit_path,
  title: r.title,
  notes: r.notes,
  ownerPersonId: r.owner_person_id,
  ownerName: r.owner_name,
  dueOn: r.due_on,
  status: r.status,
  blockedReason: r.blocked_reason,
  completedOn: r.completed_on,
  mechanismId: r.mechanism_id,
  meetingId: r.meeting_id,
  overdue: isTaskOverdue({ status: r.status, dueOn: r.due_on }, r.today),
  version: r.version,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

export const publicTask = ({ unitPath: _p, ...task }: TaskRecord): Task => task;

export async function findTask(q: Queryable, id: string, opts: { lock?: boolean } = {}): Promise<TaskRecord | null> {
  if (opts.lock) await q.query('select 1 from tasks where id = $1 for update', [id]);
  const rows = await q.query<TaskRow>(`${SELECT} where t.id = $1`, [id]);
  return rows[0] ? toTask(rows[0]) : null;
}

/** Open tasks first by due date (undated last), then done ones. */
const ORDER = `order by (t.status = 'done'), t.due_on nulls last, t.created_at, t.id`;

export async function listMeetingTasks(q: Queryable, meetingIds: string[]): Promise<TaskRecord[]> {
  if (meetingIds.length === 0) return [];
  const rows = await q.query<TaskRow>(`${SELECT} where t.meeting_id = any($1::uuid[]) ${ORDER}`, [meetingIds]);
  return rows.map(toTask);
}

export async function listMechanismTasks(q: Queryable, mechanismId: string): Promise<TaskRecord[]> {
  const rows = await q.query<TaskRow>(`${SELECT} where t.mechanism_id = $1 ${ORDER}`, [mechanismId]);
  return rows.map(toTask);
}

export interface NewTask {
  unitId: string;
  title: string;
  notes?: string | null | undefined;
  ownerPersonId?: string | null | undefined;
  dueOn?: string | null | undefined;
  mechanismId?: string | null | undefined;
  meetingId?: string | null | undefined;
}

export async function insertTask(q: Queryable, t: NewTask, id: string = randomUUID()): Promise<TaskRecord> {
  await q.query(
    `insert into tasks (id, unit_id, title, notes, owner_person_id, due_on, mechanism_id, meeting_id) values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [id, t.unitId, t.title, t.notes ?? null, t.ownerPersonId ?? null, t.dueOn ?? null, t.mechanismId ?? null, t.meetingId ?? null],
  );
  return (await findTask(q, id))!;
}

export interface TaskChanges {
  title?: string | undefined;
  notes?: string | null | undefined;
  ownerPersonId?: string | null | undefined;
  dueOn?: string | null | undefined;
  status?: TaskStatus | undefined;
  blockedReason?: string | null | undefined;
  completedOn?: string | null | undefined;
}

const CHANGE_COLUMNS: Record<keyof TaskChanges, string> = {
  title: 'title',
  notes: 'notes',
  ownerPersonId: 'owner_person_id',
  dueOn: 'due_on',
  status: 'status',
  blockedReason: 'blocked_reason',
  completedOn: 'completed_on',
};

/** Applies changes if the row is still at `version`; returns null when it is not (stale write). */
export async function updateTask(q: Queryable, id: string, version: number, changes: TaskChanges): Promise<TaskRecord | null> {
  const sets = ['version = version + 1', 'updated_at = now()'];
  const params: unknown[] = [id, version];
  for (const [key, column] of Object.entries(CHANGE_COLUMNS)) {
    const value = changes[key as keyof TaskChanges];
    if (value !== undefined) {
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    }
  }
  const rows = await q.query(`update tasks set ${sets.join(', ')} where id = $1 and version = $2 returning id`, params);
  return rows.length ? findTask(q, id) : null;
}

export async function deleteTask(q: Queryable, id: string): Promise<void> {
  await q.query('delete from tasks where id = $1', [id]);
}
