// Celebrations: confirmed (added by hand, or a proposed milestone confirmed) and dismissed proposals.
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../client.js';
import { iso, withinSubtrees } from '../rows.js';

export interface CelebrationRecord {
  id: string;
  unitId: string;
  unitName: string;
  unitPath: string;
  title: string;
  description: string | null;
  celebratedOn: string;
  milestoneKey: string | null;
  status: 'confirmed' | 'dismissed';
  createdBy: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

interface Row {
  id: string;
  unit_id: string;
  unit_name: string;
  unit_path: string;
  title: string;
  description: string | null;
  celebrated_on: string;
  milestone_key: string | null;
  status: 'confirmed' | 'dismissed';
  created_by: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const SELECT = `select c.id, c.unit_id, u.name as unit_name, u.path as unit_path, c.title, c.description, c.celebrated_on::text as celebrated_on, c.milestone_key, c.status,
  c.created_by, c.version, c.created_at, c.updated_at from celebrations c join units u on u.id = c.unit_id`;
const toCelebration = (r: Row): CelebrationRecord => ({
  id: r.id,
  unitId: r.unit_id,
  unitName: r.unit_name,
  unitPath: r.unit_path,
  title: r.title,
  description: r.description,
  celebratedOn: r.celebrated_on,
  milestoneKey: r.milestone_key,
  status: r.status,
  createdBy: r.created_by,
  version: r.version,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

export async function findCelebration(q: Queryable, id: string, opts: { lock?: boolean } = {}): Promise<CelebrationRecord | null> {
  if (opts.lock) await q.query('select 1 from celebrations where id = $1 for update', [id]);
  const rows = await q.query<Row>(`${SELECT} where c.id = $1`, [id]);
  return rows[0] ? toCelebration(rows[0]) : null;
}

/** Confirmed celebrations of a unit (with `subtree`, and of the units below), newest first, and the unit's decided milestone keys. */
export async function listCelebrations(q: Queryable, unit: { id: string; path: string }, opts: { subtree?: boolean; limit?: number } = {}): Promise<CelebrationRecord[]> {
  const params: unknown[] = [];
  const where = opts.subtree ? withinSubtrees('u.path', [unit.path], params) : `c.unit_id = $${params.push(unit.id)}`;
  return (await q.query<Row>(`${SELECT} where ${where} and c.status = 'confirmed' order by c.celebrated_on desc, c.created_at desc limit ${Math.min(opts.limit ?? 500, 2000)}`, params)).map(toCelebration);
}

/** Milestone keys already confirmed or dismissed (so they are not proposed again). */
export async function decidedMilestoneKeys(q: Queryable, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  return new Set((await q.query<{ milestone_key: string }>('select milestone_key from celebrations where milestone_key = any($1::text[])', [keys])).map((r) => r.milestone_key));
}

export async function insertCelebration(
  q: Queryable,
  c: { unitId: string; title: string; description: string | null; celebratedOn: string; milestoneKey: string | null; status: 'confirmed' | 'dismissed'; createdBy: string | null },
  id: string = randomUUID(),
): Promise<CelebrationRecord> {
  await q.query('insert into celebrations (id, unit_id, title, description, celebrated_on, milestone_key, status, created_by) values ($1, $2, $3, $4, $5, $6, $7, $8)', [
    id,
    c.unitId,
    c.title,
    c.description,
    c.celebratedOn,
    c.milestoneKey,
    c.status,
    c.createdBy,
  ]);
  return (await findCelebration(q, id))!;
}

export async function updateCelebration(q: Queryable, id: string, version: number, changes: { title?: string | undefined; description?: string | null | undefined; celebratedOn?: string | undefined }): Promise<boolean> {
  const sets = ['version = version + 1', 'updated_at = now()'];
  const params: unknown[] = [id, version];
  if (changes.title !== undefined) sets.push(`title = $${params.push(changes.title)}`);
  if (changes.description !== undefined) sets.push(`description = $${params.push(changes.description)}`);
  if (changes.celebratedOn !== undefined) sets.push(`celebrated_on = $${params.push(changes.celebratedOn)}`);
  return (await q.query(`update celebrations set ${sets.join(', ')} where id = $1 and version = $2 returning id`, params)).length > 0;
}
