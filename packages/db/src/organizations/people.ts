// People and their accounts. A person belongs to a home unit; who may see them follows from it.
import { randomUUID } from 'node:crypto';
import type { Person } from '@trellis/core';
import type { Queryable } from '../client.js';
import { escapeLike, iso, withinSubtrees } from '../rows.js';

interface PersonRow {
  id: string;
  name: string;
  email: string;
  title: string | null;
  home_unit_id: string | null;
  home_unit_name: string | null;
  home_unit_path: string | null;
  is_system_admin: boolean;
  has_password: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const SELECT = `select p.id, p.name, p.email, p.title, p.home_unit_id, u.name as home_unit_name, u.path as home_unit_path,
  p.is_system_admin, p.password_hash is not null as has_password, p.version, p.created_at, p.updated_at
  from people p left join units u on u.id = p.home_unit_id`;

export interface PersonRecord extends Person {
  /** Path of the home unit, for access checks; null for a person with no home unit. */
  homeUnitPath: string | null;
}

function toPerson(r: PersonRow): PersonRecord {
  return {
    id: r.id,
    name: r.name,
    email: r.email,
    title: r.title,
    homeUnitId: r.home_unit_id,
    homeUnitName: r.home_unit_name,
    homeUnitPath: r.home_unit_path,
    isSystemAdmin: r.is_system_admin,
    hasPassword: r.has_password,
    version: r.version,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

/** The public shape: drops the path used for access checks. */
export function publicPerson({ homeUnitPath: _path, ...person }: PersonRecord): Person {
  return person;
}

export async function findPerson(q: Queryable, id: string): Promise<PersonRecord | null> {
  const rows = await q.query<PersonRow>(`${SELECT} where p.id = $1`, [id]);
  return rows[0] ? toPerson(rows[0]) : null;
}

export async function findPersonByEmail(q: Queryable, email: string): Promise<(PersonRecord & { passwordHash: string | null }) | null> {
  const rows = await q.query<PersonRow & { password_hash: string | null }>(
    `${SELECT.replace('p.is_system_admin,', 'p.is_system_admin, p.password_hash,')} where p.email = $1`,
    [email.toLowerCase()],
  );
  return rows[0] ? { ...toPerson(rows[0]), passwordHash: rows[0].password_hash } : null;
}

export interface NewPerson {
  name: string;
  email: string;
  title?: string | null | undefined;
  homeUnitId: string | null;
  passwordHash?: string | null;
  isSystemAdmin?: boolean;
}

export async function insertPerson(q: Queryable, p: NewPerson, id: string = randomUUID()): Promise<PersonRecord> {
  await q.query(
    `insert into people (id, name, email, title, home_unit_id, password_hash, is_system_admin) values ($1, $2, $3, $4, $5, $6, $7)`,
    [id, p.name, p.email.toLowerCase(), p.title ?? null, p.homeUnitId, p.passwordHash ?? null, p.isSystemAdmin ?? false],
  );
  return (await findPerson(q, id))!;
}

export interface PersonChanges {
  name?: string | undefined;
  email?: string | undefined;
  title?: string | null | undefined;
  homeUnitId?: string | undefined;
}

const CHANGE_COLUMNS: Record<keyof PersonChanges, string> = { name: 'name', email: 'email', title: 'title', homeUnitId: 'home_unit_id' };

/** Applies changes if the row is still at `version`; returns null when it is not (stale write). */
export async function updatePerson(q: Queryable, id: string, version: number, changes: PersonChanges): Promise<PersonRecord | null> {
  const sets = ['version = version + 1', 'updated_at = now()'];
  const params: unknown[] = [id, version];
  for (const [key, column] of Object.entries(CHANGE_COLUMNS)) {
    const value = changes[key as keyof PersonChanges];
    if (value !== undefined) {
      params.push(key === 'email' ? String(value).toLowerCase() : value);
      sets.push(`${column} = $${params.length}`);
    }
  }
  const rows = await q.query(`update people set ${sets.join(', ')} where id = $1 and version = $2 returning id`, params);
  return rows.length ? findPerson(q, id) : null;
}

export async function setPasswordHash(q: Queryable, id: string, hash: string): Promise<void> {
  await q.query('update people set password_hash = $2, version = version + 1, updated_at = now() where id = $1', [id, hash]);
}

/** People whose home unit is inside one of the subtree roots (all people when roots is null). */
export async function listPeople(
  q: Queryable,
  opts: { roots: string[] | null; q?: string | undefined; unitPath?: string | undefined; limit: number; offset: number },
): Promise<{ people: PersonRecord[]; total: number }> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (opts.roots !== null) {
    if (opts.roots.length === 0) return { people: [], total: 0 };
    where.push(withinSubtrees('u.path', opts.roots, params));
  }
  if (opts.unitPath) where.push(withinSubtrees('u.path', [opts.unitPath], params));
  if (opts.q) {
    params.push(`%${escapeLike(opts.q.toLowerCase())}%`);
    where.push(`(lower(p.name) like $${params.length} or p.email like $${params.length} or lower(coalesce(p.title, '')) like $${params.length})`);
  }
  const filter = where.length ? `where ${where.join(' and ')}` : '';
  const [count] = await q.query<{ n: number }>(`select count(*)::int as n from people p left join units u on u.id = p.home_unit_id ${filter}`, params);
  params.push(opts.limit, opts.offset);
  const rows = await q.query<PersonRow>(`${SELECT} ${filter} order by lower(p.name), p.id limit $${params.length - 1} offset $${params.length}`, params);
  return { people: rows.map(toPerson), total: count?.n ?? 0 };
}
