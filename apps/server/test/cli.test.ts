// The `trellis` command against an embedded database in a temporary TRELLIS_DATA_DIR: help,
// migrate, seed demo, user add and user reset-password — then the result, read through the API.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Db } from '@trellis/db';
import { buildApp, type TrellisApp } from '../src/app.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../src/seed/demo.js';
import { signIn } from './support/agent.js';
import { testConfig } from './support/api.js';
import { expectProblem } from './support/problems.js';

const BIN = fileURLToPath(new URL('../bin/trellis.mjs', import.meta.url));

describe('the trellis command', () => {
  let dataDir: string;
  const env = () => {
    const { DATABASE_URL: _ignored, ...rest } = process.env;
    return { ...rest, TRELLIS_DATA_DIR: dataDir };
  };
  /** Runs `trellis …` and returns its exit code and output (it never throws). */
  const trellis = (...args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, [BIN, ...args], { env: env(), timeout: 60_000 }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      });
    });
  /** Opens the data dir the commands wrote (only while no command runs: PGlite has one owner). */
  async function withApp<T>(fn: (app: TrellisApp, db: Db) => Promise<T>): Promise<T> {
    const db = await connect({ dataDir });
    const app = await buildApp({ db, config: testConfig() });
    try {
      return await fn(app, db);
    } finally {
      await app.close();
      await db.close();
    }
  }

  beforeAll(() => {
    dataDir = join(mkdtempSync(join(tmpdir(), 'trellis-cli-')), 'data');
  });
  afterAll(() => {
    rmSync(join(dataDir, '..'), { recursive: true, force: true });
  });

  it('lists serve, migrate, seed and user in --help', async () => {
    const { code, stdout } = await trellis('--help');
    expect(code).toBe(0);
    for (const command of ['serve', 'start', 'migrate', 'seed', 'user']) expect(stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
  });

  it('migrates an empty data dir, then finds it up to date', async () => {
    const first = await trellis('migrate');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/Applied 0001_foundation\.sql/);
    const again = await trellis('migrate');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('The database is up to date.');
  });

  it('seeds the demo state once: 190 units, and the three demo accounts sign in with trellis-demo', async () => {
    const seeded = await trellis('seed', 'demo');
    expect(seeded.code, seeded.stderr).toBe(0);
    expect(seeded.stdout).toMatch(/Loaded the demo state: 190 units, \d+ people/);
    const again = await trellis('seed', 'demo');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('already has units; the demo was not loaded');

    await withApp(async (app, db) => {
      const byKind = Object.fromEntries((await db.query<{ kind: string; n: number }>('select kind, count(*)::int as n from units group by kind')).map((r) => [r.kind, r.n]));
      expect(byKind).toEqual({ state: 1, region: 3, district: 12, feeder_pattern: 24, school: 150 });
      // The tree hangs together: every unit but the state has a parent, and its path extends the parent's.
      const [broken] = await db.query<{ n: number }>(`select count(*)::int as n from units u left join units p on p.id = u.parent_id where (u.parent_id is null and u.kind <> 'state') or (p.id is not null and u.path <> p.path || u.id || '/')`);
      expect(broken!.n).toBe(0);
      // Districts and schools carry a directory entry; a school's level agrees with its grade span.
      const levels = await db.query<{ level: string | null; grade_low: string; n: number }>(
        `select level, grade_low, count(*)::int as n from units where kind = 'school' and address is not null and zip ~ '^[0-9]{5}$' group by 1, 2 order by 1, 2`,
      );
      expect(levels.map((r) => [r.level, r.grade_low])).toEqual([['elementary', 'PK'], ['high', '09'], ['middle', '06']]);
      expect(levels.reduce((n, r) => n + r.n, 0)).toBe(150);
      const expectations = [
        { role: 'admin', unitKind: 'state' },
        { role: 'leader', unitKind: 'district' },
        { role: 'member', unitKind: 'school' },
      ];
      for (const [i, account] of DEMO_ACCOUNTS.entries()) {
        const agent = await signIn(app, account.email, DEMO_PASSWORD);
        expect(agent.session!.grants).toEqual([expect.objectContaining(expectations[i])]);
      }
    });
  });

  it('adds a user with a role at a unit given by NCES id, and prints a generated password that signs in', async () => {
    const district = await withApp(async (_app, db) => (await db.query<{ id: string; nces_id: string; name: string }>(`select id, nces_id, name from units where kind = 'district' order by nces_id limit 1`))[0]!);
    const added = await trellis('user', 'add', '--email', 'Added.Leader@Example.org', '--name', 'Added Leader', '--unit', district.nces_id, '--role', 'leader');
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain(`as leader of ${district.name}`);
    const password = /Password: (\S+)/.exec(added.stdout)?.[1];
    expect(password).toBeDefined();
    expect(password!.length).toBeGreaterThanOrEqual(12);

    const withPassword = await trellis('user', 'add', '--email', 'sysadmin@example.org', '--name', 'System Admin', '--system-admin', '--password', 'chosen system password');
    expect(withPassword.code, withPassword.stderr).toBe(0);
    expect(withPassword.stdout).not.toContain('Password:');

    await withApp(async (app) => {
      const leader = await signIn(app, 'added.leader@example.org', password!);
      expect(leader.session!.grants).toEqual([{ unitId: district.id, unitName: district.name, unitKind: 'district', role: 'leader' }]);
      const sys = await signIn(app, 'sysadmin@example.org', 'chosen system password');
      expect(sys.session!.person.isSystemAdmin).toBe(true);
      // The CLI's change is in the audit trail.
      const events = (await sys.get('/api/audit?entityType=person&limit=5')).json() as { action: string; after: { via?: string } }[];
      expect(events.filter((e) => e.action === 'person.create' && e.after.via === 'cli')).toHaveLength(2);
    });
  });

  it('refuses to add a user without a role or with a short password, and adds no one', async () => {
    const noRole = await trellis('user', 'add', '--email', 'norole@example.org', '--name', 'No Role');
    expect(noRole.code).not.toBe(0);
    expect(noRole.stderr).toContain('Give --unit and --role, or --system-admin');
    const short = await trellis('user', 'add', '--email', 'short@example.org', '--name', 'Short', '--system-admin', '--password', 'short');
    expect(short.code).not.toBe(0);
    expect(short.stderr).toContain('at least 12 characters');
    await withApp(async (_app, db) => {
      expect((await db.query('select 1 from people where email in ($1, $2)', ['norole@example.org', 'short@example.org'])).length).toBe(0);
    });
  });

  it('resets a password: the old one stops working, the new one signs in, and old sessions end', async () => {
    const account = DEMO_ACCOUNTS[1].email;
    await withApp(async (app) => {
      await signIn(app, account, DEMO_PASSWORD);
    });
    const reset = await trellis('user', 'reset-password', '--email', account, '--password', 'reset from the command line');
    expect(reset.code, reset.stderr).toBe(0);
    expect(reset.stdout).toContain(`The password of ${account} is reset.`);
    await withApp(async (app, db) => {
      expect((await db.query('select 1 from sessions s join people p on p.id = s.person_id where p.email = $1', [account])).length).toBe(0);
      expectProblem(await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: account, password: DEMO_PASSWORD } }), 401);
      await signIn(app, account, 'reset from the command line');
    });
    const unknown = await trellis('user', 'reset-password', '--email', 'nobody@example.org', '--password', 'does not matter at all');
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('No one has the email nobody@example.org');
  });
});
