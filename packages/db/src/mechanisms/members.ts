// Who sits on a mechanism, in what role, from when to when. One person may sit on several.
import { randomUUID } from 'node:crypto';
import type { MechanismKind, MechanismStatus, Membership, MembershipRole, PersonMechanism } from '@trellis/core';
import type { Queryable } from '../client.js';
import { iso } from '../rows.js';
import { mechanismScopeFilter } from './mechanisms.js';

interface MemberRow {
  id: string;
  mechanism_id: string;
  person_id: string;
  person_name: string;
  person_title: string | null;
  role: MembershipRole;
  start_on: string | null;
  end_on: string | null;
  active: boolean;
  designated: boolean;
  trained: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const SELECT = `select mm.id, mm.mechanism_id, mm.person_id, p.name as person_name, p.title as person_title, mm.role,
  mm.start_on::text as start_on, mm.end_on::text as end_on,
  ((mm.start_on is null or mm.start_on <= current_date) and (mm.end_on is null or mm.end_on >= current_date)) as active,
  mm.designated, mm.trained, mm.version, mm.created_at, mm.updated_at
  from mechanism_members mm join people p on p.id = mm.person_id`;

const toMembership = (r: MemberRow): Membership => ({
  id: r.id,
  mechanismId: r.mechanism_id,
  personId: r.person_id,
  personName: r.person_name,
  personTitle: r.person_title,
  role: r.role,
  startOn: r.start_on,
  endOn: r.end_on,
  active: r.active,
  designated: r.designated,
  trained: r.trained,
  version: r.version,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

/** Current members first (by role, then name), then past ones. */
export async function listMembers(q: Queryable, mechanismId: string): Promise<Membership[]> {
  const rows = await q.query<MemberRow>(
    `${SELECT} where mm.mechanism_id = $1
     order by (mm.end_on is not null and mm.end_on < current_date), array_position(array['lead','champion','facilitator','member','external'], mm.role), lower(p.name), mm.id`,
    [mechanismId],
  );
  return rows.map(toMembership);
}

export async function findMember(q: Queryable, mechanismId: string, id: string): Promise<Membership | null> {
  const rows = await q.query<MemberRow>(`${SELECT} where mm.mechanism_id = $1 and mm.id = $2`, [mechanismId, id]);
  return rows[0] ? toMembership(rows[0]) : null;
}

/** Memberships of the person in the mechanism whose dates overlap [startOn, endOn] (null: open), other than `exceptId`. */
export async function overlappingMemberships(
  q: Queryable,
  m: { mechanismId: string; personId: string; startOn: string | null; endOn: string | null; exceptId?: string },
): Promise<Membership[]> {
  const rows = await q.query<MemberRow>(
    `${SELECT} where mm.mechanism_id = $1 and mm.person_id = $2 and mm.id <> coalesce($5::uuid, '00000000-0000-0000-0000-000000000000'::uuid)
       and (mm.end_on is null or $3::date is null or mm.end_on >= $3::date)
       and (mm.start_on is null or $4::date is null or mm.start_on <= $4::date)`,
    [m.mechanismId, m.personId, m.startOn, m.endOn, m.exceptId ?? null],
  );
  return rows.map(toMembership);
}

export interface NewMember {
  mechanismId: string;
  personId: string;
  role: MembershipRole;
  startOn?: string | null | undefined;
  endOn?: string | null | undefined;
  designated: boolean;
  trained: boolean;
}

export async function insertMember(q: Queryable, m: NewMember, id: string = randomUUID()): Promise<Membership> {
  await q.query(
    `insert into mechanism_members (id, mechanism_id, person_id, role, start_on, end_on, designated, trained) values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [id, m.mechanismId, m.personId, m.role, m.startOn ?? null, m.endOn ?? null, m.designated, m.trained],
  );
  return (await findMember(q, m.mechanismId, id))!;
}

export interface MemberChanges {
  role?: MembershipRole | undefined;
  startOn?: string | null | undefined;
  endOn?: string | null | undefined;
  designated?: boolean | undefined;
  trained?: boolean | undefined;
}

const CHANGE_COLUMNS: Record<keyof MemberChanges, string> = { role: 'role', startOn: 'start_on', endOn: 'end_on', designated: 'designated', trained: 'trained' };

/** Applies changes if the row is still at `version`; returns null when it is not (stale write). */
export async function updateMember(q: Queryable, mechanismId: string, id: string, version: number, changes: MemberChanges): Promise<Membership | null> {
  const sets = ['version = version + 1', 'updated_at = now()'];
  const params: unknown[] = [id, version];
  for (const [key, column] of Object.entries(CHANGE_COLUMNS)) {
    const value = changes[key as keyof MemberChanges];
    if (value !== undefined) {
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    }
  }
  const rows = await q.query(`update mechanism_members set ${sets.join(', ')} where id = $1 and version = $2 returning id`, params);
  return rows.length ? findMember(q, mechanismId, id) : null;
}

export async function deleteMember(q: Queryable, id: string): Promise<void> {
  await q.query('delete from mechanism_members where id = $1', [id]);
}

interface PersonMechanismRow extends MemberRow {
  mechanism_name: string;
  mechanism_kind: MechanismKind;
  mechanism_status: MechanismStatus;
  unit_id: string;
  unit_name: string;
}

/** Every seat the person holds (past ones too), on mechanisms whose unit lies in the subtree roots (all when null). */
export async function listPersonMechanisms(q: Queryable, personId: string, roots: string[] | null): Promise<PersonMechanism[]> {
  const params: unknown[] = [personId];
  const scope = mechanismScopeFilter(roots, params);
  if (scope === null) return [];
  const rows = await q.query<PersonMechanismRow>(
    `${SELECT.replace(' from mechanism_members mm', ', m.name as mechanism_name, m.kind as mechanism_kind, m.status as mechanism_status, u.id as unit_id, u.name as unit_name from mechanism_members mm')}
     join mechanisms m on m.id = mm.mechanism_id join units u on u.id = m.unit_id
     where mm.person_id = $1 and ${scope}
     order by (mm.end_on is not null and mm.end_on < current_date), u.path, lower(m.name), mm.id`,
    params,
  );
  return rows.map((r) => ({
    ...toMembership(r),
    mechanismName: r.mechanism_name,
    mechanismKind: r.mechanism_kind,
    mechanismStatus: r.mechanism_status,
    unitId: r.unit_id,
    unitName: r.unit_name,
  }));
}
