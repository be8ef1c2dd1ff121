// Role grants: (person, unit, role). A grant holds throughout the unit's subtree.
import { randomUUID } from 'node:crypto';
import { subtreeRange, type Grant, type GrantScope, type Role } from '@trellis/core';
import type { Queryable } from '../client.js';
import { iso } from '../rows.js';

interface GrantRow {
  id: string;
  person_id: string;
  person_name: string;
  person_email: string;
  unit_id: string;
  unit_name: string;
  unit_kind: string;
  unit_path: string;
  role: Role;
  created_at: Date;
}

const SELECT = `select g.id, g.person_id, p.name as person_name, p.email as person_email, g.unit_id, u.name as unit_name,
  u.kind as unit_kind, u.path as unit_path, g.role, g.created_at
  from grants g join people p on p.id = g.person_id join units u on u.id = g.unit_id`;

export interface GrantRecord extends Grant {
  unitPath: string;
}

const toGrant = (r: GrantRow): GrantRecord => ({
  id: r.id,
  personId: r.person_id,
  personName: r.person_name,
  personEmail: r.person_email,
  unitId: r.unit_id,
  unitName: r.unit_name,
  unitKind: r.unit_kind,
  unitPath: r.unit_path,
  role: r.role,
  createdAt: iso(r.created_at),
});

export function publicGrant({ unitPath: _p, ...grant }: GrantRecord): Grant {
  return grant;
}

/**
 * The scopes an access check needs: each grant's unit path and role, and the member scope a coach
 * holds at the unit of each engagement that has not ended (docs/decisions/0016). Read per request,
 * so ending an engagement (like deleting a grant) takes effect at once.
 */
export async function grantScopesOf(q: Queryable, personId: string): Promise<GrantScope[]> {
  // One round trip: the grants, then the coaching scopes (as coachingScopesOf in ../coaching/coaching.ts).
  return q.query<GrantScope>(
    `select u.path as "unitPath", g.role from grants g join units u on u.id = g.unit_id where g.person_id = $1
     union all
     select distinct u.path, 'member' from coaching_engagements e join units u on u.id = e.unit_id
     where e.coach_person_id = $1 and e.status <> 'ended' and u.archived_at is null`,
    [personId],
  );
}

export async function grantsOfPerson(q: Queryable, personId: string): Promise<GrantRecord[]> {
  return (await q.query<GrantRow>(`${SELECT} where g.person_id = $1 order by u.path`, [personId])).map(toGrant);
}

/** Grants given at this unit or at any unit above it (all of which hold here). */
export async function grantsAtUnit(q: Queryable, unitPath: string, opts: { inherited: boolean }): Promise<GrantRecord[]> {
  const ids = unitPath.split('/').filter(Boolean);
  const unitIds = opts.inherited ? ids : ids.slice(-1);
  return (await q.query<GrantRow>(`${SELECT} where g.unit_id = any($1::uuid[]) order by length(u.path), lower(p.name)`, [unitIds])).map(toGrant);
}

/** Grants given at units inside the subtree (for a unit page's "who has access below"). */
export async function grantsInSubtree(q: Queryable, unitPath: string, limit: number): Promise<GrantRecord[]> {
  const { from, to } = subtreeRange(unitPath);
  return (await q.query<GrantRow>(`${SELECT} where u.path >= $1 and u.path < $2 order by u.path, lower(p.name) limit $3`, [from, to, limit])).map(toGrant);
}

export async function findGrant(q: Queryable, id: string): Promise<GrantRecord | null> {
  const rows = await q.query<GrantRow>(`${SELECT} where g.id = $1`, [id]);
  return rows[0] ? toGrant(rows[0]) : null;
}

export async function insertGrant(q: Queryable, g: { personId: string; unitId: string; role: Role; createdBy: string | null }): Promise<GrantRecord> {
  const id = randomUUID();
  await q.query('insert into grants (id, person_id, unit_id, role, created_by) values ($1, $2, $3, $4, $5)', [id, g.personId, g.unitId, g.role, g.createdBy]);
  return (await findGrant(q, id))!;
}

export async function deleteGrant(q: Queryable, id: string): Promise<void> {
  await q.query('delete from grants where id = $1', [id]);
}
