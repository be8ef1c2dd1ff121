// Bad-input cases every JSON write route gets (see ../bad-input.test.ts): malformed and non-JSON
// bodies, bodies over the limit, ids that are not UUIDs, unknown and missing fields, wrong values.
// Modules that test their write routes in a file of their own build their cases from these too.
import { expect } from 'vitest';
import type { Queryable } from '@trellis/db';
import { BODY_LIMIT } from '../../src/app.js';
import type { Agent } from './agent.js';
import { expectProblem, fingerprint } from './problems.js';

export const long = (n: number) => 'x'.repeat(n);
export const NOT_A_UUID = 'not-a-uuid';
export const MISSING_ID = '00000000-0000-4000-8000-000000000000';

export interface BadCase {
  name: string;
  url?: string;
  body?: unknown;
  /** A raw body sent as is, with this content type. */
  raw?: { body: string; contentType: string };
  status: number;
  field?: string;
  rule?: string | RegExp;
  /** For schema errors: the problem names no field but this one (the rest of the body is valid). */
  only?: boolean;
}

export interface JsonRoute {
  url: string;
  /** A valid body; the cases are variations of it. Null for a route that takes no body. */
  valid: Record<string, unknown> | null;
  hasId: boolean;
  required?: string[] | undefined;
  /** [field, bad value, the rule the answer must state]. */
  invalid?: [string, unknown, string | RegExp][] | undefined;
}

/** The generic cases of a JSON write route. */
export function jsonCases({ url, valid, hasId, required, invalid }: JsonRoute): BadCase[] {
  const cases: BadCase[] = [];
  cases.push({ name: 'malformed JSON', raw: { body: '{"name": "unfinished', contentType: 'application/json' }, status: 400, rule: 'not valid JSON' });
  cases.push({ name: 'a form instead of JSON', raw: { body: 'name=Form&kind=school', contentType: 'application/x-www-form-urlencoded' }, status: 415, rule: 'application/json' });
  cases.push({ name: 'plain text instead of JSON', raw: { body: 'name: Text', contentType: 'text/plain' }, status: 415, rule: 'application/json' });
  cases.push({ name: 'a body over the size limit', raw: { body: JSON.stringify({ ...valid, name: long(BODY_LIMIT + 1) }), contentType: 'application/json' }, status: 413, rule: 'larger than this server accepts' });
  if (hasId) cases.push({ name: 'an id in the address that is not a UUID', url: url.replace(/[0-9a-f-]{36}/, NOT_A_UUID), body: valid, status: 400, field: 'id', rule: 'must be an id (a UUID)', only: true });
  if (valid) {
    cases.push({ name: 'an empty JSON body', raw: { body: '', contentType: 'application/json' }, status: 400, rule: 'empty' });
    cases.push({ name: 'a JSON array instead of an object', raw: { body: '[]', contentType: 'application/json' }, status: 400, field: 'body', only: true });
    cases.push({ name: 'an unknown field', body: { ...valid, isSystemAdmin: true }, status: 400, field: 'isSystemAdmin', rule: 'is not a field this accepts', only: true });
    for (const field of required ?? []) {
      const { [field]: _dropped, ...rest } = valid;
      cases.push({ name: `no ${field}`, body: rest, status: 400, field, rule: 'is required', only: true });
    }
    for (const [field, value, rule] of invalid ?? []) {
      cases.push({ name: `${field} = ${JSON.stringify(value).slice(0, 30)}`, body: { ...valid, [field]: value }, status: 400, field, rule, only: true });
    }
  }
  return cases;
}

/** Sends each case; each must be the 4xx problem it names and leave the database as it was. */
export async function expectRefused(db: Queryable, agent: Agent, method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', defaultUrl: string, cases: BadCase[], key: string): Promise<void> {
  for (const c of cases) {
    const before = await fingerprint(db);
    const res = c.raw
      ? await agent.request({ method, url: c.url ?? defaultUrl, body: c.raw.body, headers: { 'content-type': c.raw.contentType } })
      : await agent.request({ method, url: c.url ?? defaultUrl, body: c.body });
    const where = `${key} with ${c.name}`;
    expect(res.statusCode, `${where}: ${res.body}`).toBeLessThan(500);
    try {
      const problem = expectProblem(res, c.status, { field: c.field, rule: c.rule });
      if (c.only) for (const e of problem.errors ?? []) expect(e.field, `${where}: only ${c.field} is wrong`).toBe(c.field);
    } catch (e) {
      (e as Error).message = `${where}: ${(e as Error).message}`;
      throw e;
    }
    expect(await fingerprint(db), `${where} changed the database`).toEqual(before);
  }
}
