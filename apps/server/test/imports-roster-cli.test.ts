// `trellis import oneroster` and `trellis import edfi` against an embedded database in a temporary
// TRELLIS_DATA_DIR: the preview (with the proposed role mapping) writes nothing; --map changes the
// mapping; --apply writes units, people and grants; progress goes to stderr as for `import ccd`.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Db } from '@trellis/db';
import { createUnit } from './support/factories.js';
import { FIXTURES } from './support/imports-factories.js';

const BIN = fileURLToPath(new URL('../bin/trellis.mjs', import.meta.url));

describe('trellis import oneroster and edfi', () => {
  let dir: string;
  let dataDir: string;
  const trellis = (...args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const { DATABASE_URL: _ignored, ...rest } = process.env;
      execFile(process.execPath, [BIN, ...args], { env: { ...rest, TRELLIS_DATA_DIR: dataDir }, timeout: 120_000 }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      });
    });
  async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    const db = await connect({ dataDir });
    try {
      return await fn(db);
    } finally {
      await db.close();
    }
  }
  const count = (db: Db, sql: string) => db.query<{ n: number }>(sql).then((r) => r[0]!.n);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'trellis-roster-cli-'));
    dataDir = join(dir, 'data');
    const m = await trellis('migrate');
    expect(m.code, m.stderr).toBe(0);
    await withDb((db) => createUnit(db, 'state', null, { name: 'Lakeland' }));
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const orgs = ['--orgs', join(FIXTURES, 'oneroster-1.1-orgs.csv'), '--users', join(FIXTURES, 'oneroster-1.1-users.csv')];

  it('previews OneRoster orgs and users with the proposed role mapping, writing nothing', { timeout: 120_000 }, async () => {
    const r = await trellis('import', 'oneroster', '--state', 'Lakeland', ...orgs);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Districts\s+2\s+0\s+0\s+0/);
    expect(r.stdout).toMatch(/Schools\s+3\s+0\s+0\s+0/);
    expect(r.stdout).toMatch(/administrator\s+2 users\s+→ leader/);
    expect(r.stdout).toMatch(/student\s+1 user \s+→ skipped \(no account\)/);
    expect(r.stdout).toContain('People: 4 to create');
    expect(r.stdout).toContain('Nothing was written. Run again with --apply');
    expect(r.stderr).toContain('Reading oneroster-1.1-orgs.csv');
    expect(await withDb((db) => count(db, `select count(*)::int as n from units where oneroster_id is not null`))).toBe(0);
  });

  it('applies with a changed mapping, and imports Ed-Fi files', { timeout: 120_000 }, async () => {
    const r = await trellis('import', 'oneroster', '--state', 'Lakeland', ...orgs, '--map', 'aide=skip', 'teacher=viewer', '--apply');
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(r.stdout).toMatch(/aide\s+1 user \s+→ skipped/);
    expect(r.stdout).toMatch(/Imported in .*: 7 created, 1 updated, 0 archived; people: 3 created, 0 updated, 4 grants/);
    expect(await withDb((db) => count(db, `select count(*)::int as n from grants g join people p on p.id = g.person_id where p.oneroster_id is not null and g.role = 'viewer'`))).toBe(2);
    const bad = await trellis('import', 'oneroster', '--state', 'Lakeland', ...orgs, '--map', 'student=member');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/Some roles cannot be mapped that way: student must be skip: students and their families never become people/);

    const e = await trellis('import', 'edfi', '--state', 'Lakeland', join(FIXTURES, 'edfi-grand-bend.json'), '--apply');
    expect(e.code, e.stderr + e.stdout).toBe(0);
    expect(e.stdout).toMatch(/Regions\s+1\s+0\s+0\s+0/);
    expect(e.stdout).toMatch(/Schools\s+3\s+0\s+0\s+0/);
    expect(e.stdout).toContain('edfi: edfi-grand-bend.json, 5 resources, Ed-Fi API JSON');
    expect(await withDb((db) => count(db, `select count(*)::int as n from units where edfi_id is not null`))).toBe(5);
  });
});
