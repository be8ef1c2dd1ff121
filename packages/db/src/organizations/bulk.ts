// Bulk loading for seeds, benchmarks and imports: many rows per statement through unnest(),
// the same SQL on PGlite and PostgreSQL. Callers run these inside one transaction.
import type { Queryable } from '../client.js';

export interface UnitSeed {
  id: string;
  kind: string;
  name: string;
  parentId: string | null;
  path: string;
  ncesId: string | null;
  stateId: string | null;
  gradeLow: string | null;
  gradeHigh: string | null;
  enrollment: number | null;
}

export interface PersonSeed {
  id: string;
  name: string;
  email: string;
  title: string | null;
  homeUnitId: string | null;
  passwordHash: string | null;
  isSystemAdmin: boolean;
}

export interface GrantSeed {
  id: string;
  personId: string;
  unitId: string;
  role: string;
}

const BATCH = 1000;

async function inBatches<T>(rows: T[], write: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += BATCH) await write(rows.slice(i, i + BATCH));
}

const col = <T, K extends keyof T>(rows: T[], key: K) => rows.map((r) => r[key]);

export async function bulkInsertUnits(q: Queryable, units: UnitSeed[]): Promise<void> {
  await inBatches(units, (b) =>
    q.query(
      `insert into units (id, kind, name, parent_id, path, nces_id, state_id, grade_low, grade_high, enrollment)
       select * from unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::int[])`,
      [col(b, 'id'), col(b, 'kind'), col(b, 'name'), col(b, 'parentId'), col(b, 'path'), col(b, 'ncesId'), col(b, 'stateId'), col(b, 'gradeLow'), col(b, 'gradeHigh'), col(b, 'enrollment')],
    ),
  );
}

export async function bulkInsertPeople(q: Queryable, people: PersonSeed[]): Promise<void> {
  await inBatches(people, (b) =>
    q.query(
      `insert into people (id, name, email, title, home_unit_id, password_hash, is_system_admin)
       select * from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::text[], $7::boolean[])`,
      [col(b, 'id'), col(b, 'name'), col(b, 'email'), col(b, 'title'), col(b, 'homeUnitId'), col(b, 'passwordHash'), col(b, 'isSystemAdmin')],
    ),
  );
}

export async function bulkInsertGrants(q: Queryable, grants: GrantSeed[]): Promise<void> {
  await inBatches(grants, (b) =>
    q.query(`insert into grants (id, person_id, unit_id, role) select * from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[])`, [
      col(b, 'id'),
      col(b, 'personId'),
      col(b, 'unitId'),
      col(b, 'role'),
    ]),
  );
}

export async function countUnits(q: Queryable): Promise<number> {
  const [row] = await q.query<{ n: number }>('select count(*)::int as n from units');
  return row?.n ?? 0;
}
