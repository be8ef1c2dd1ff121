// Assertions on RFC 9457 problem documents and on the database staying unchanged.
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Queryable } from '@trellis/db';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: { field: string; message: string }[];
}

/**
 * Expects a problem+json response with this status. With `field`, the problem's `errors` must name
 * it; with `rule`, that field's message (or the detail) must say it.
 */
export function expectProblem(res: LightMyRequestResponse, status: number, opts: { field?: string; rule?: string | RegExp } = {}): ProblemBody {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json() as ProblemBody;
  expect(body).toMatchObject({ type: expect.any(String), title: expect.any(String), status, detail: expect.any(String) });
  expect(body.detail.length).toBeGreaterThan(0);
  if (opts.field !== undefined) {
    const named = (body.errors ?? []).filter((e) => e.field === opts.field);
    expect(named, `errors name ${opts.field}: ${res.body}`).not.toHaveLength(0);
    if (opts.rule !== undefined) {
      const matches = (m: string) => (typeof opts.rule === 'string' ? m.includes(opts.rule) : opts.rule!.test(m));
      expect(named.some((e) => matches(e.message)) || matches(body.detail), `a message of ${opts.field} says ${opts.rule}: ${res.body}`).toBe(true);
    }
  } else if (opts.rule !== undefined) {
    if (typeof opts.rule === 'string') expect(body.detail).toContain(opts.rule);
    else expect(body.detail).toMatch(opts.rule);
  }
  return body;
}

/** Tables whose rows change on a read or a refused write by design, and what of them must not. */
const SPECIAL: Record<string, string> = {
  // last_seen_at and expires_at slide on use; which sessions exist is what matters.
  sessions: 'select id, person_id, csrf_token from sessions',
  // A wrong password is recorded on purpose (it feeds the attempt limit); anything else is a write.
  login_attempts: 'select * from login_attempts where succeeded',
};

/**
 * Row count and a hash of the contents of every table (every table in the schema, so a table a
 * later migration adds is covered without a change here): equal fingerprints mean nothing was written.
 */
export async function fingerprint(db: Queryable): Promise<Record<string, string>> {
  const tables = await db.query<{ name: string }>(`select tablename as name from pg_tables where schemaname = current_schema() order by tablename`);
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const select = SPECIAL[name] ?? `select * from "${name}"`;
    const [row] = await db.query<{ n: number; h: string }>(`select count(*)::int as n, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as h from (${select}) t`);
    out[name] = `${row!.n} rows, ${row!.h}`;
  }
  return out;
}

export async function countRows(db: Queryable, table: string, where = 'true', params: unknown[] = []): Promise<number> {
  const [row] = await db.query<{ n: number }>(`select count(*)::int as n from ${table} where ${where}`, params);
  return row!.n;
}
