// Backup and restore (packages/db/src/backup, services/backup): backup → restore → backup gives
// the same content, on PGlite and PostgreSQL and from one to the other; a restore refuses a
// database with data, a truncated, corrupted or forged file, a newer schema — writing nothing; the
// web download is for administrators of the whole organization and restores as it is.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { BackupError, restoreBackup, listRoots, migrationFiles, MIGRATIONS_DIR, splitStatements, type Db } from '@trellis/db';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from '../src/seed/demo.js';
import { anonymous, signIn } from './support/agent.js';
import { useApi } from './support/api.js';
import { backupBuffer, contentOf, gzipLines, linesOf, manifestOf, openNeverMigrated, restoreBuffer, rowsOf, tableNames, withChecksums } from './support/backup-files.js';
import { hasPostgres, pgliteTarget, postgresTarget, testDatabases, type DatabaseTarget } from './support/databases.js';
import { createPerson, createRolloutScenario, createStateTree, createSystemAdmin, createUnit, PASSWORD } from './support/factories.js';
import { expectProblem, fingerprint } from './support/problems.js';

// A table a later migration could add, with the types the schema does not use yet: the restore
// reads the catalog, so it needs no change for them. Created in the source and in the target (the
// target's migrations would create it there).
const PROBE_TABLE = `create table backup_probe (
  id        bigint generated always as identity primary key,
  data      bytea,
  amount    numeric(14, 4),
  ratio     double precision,
  span      interval,
  born      date,
  at        timestamptz,
  local_at  timestamp,
  tags      text[],
  grid      integer[],
  doc       json,
  body      jsonb,
  flag      boolean,
  label     text,
  doubled   bigint generated always as (id * 2) stored
)`;
// A trigger that would change rows as they are inserted: restore loads the backup's rows as they are.
const PROBE_TRIGGER = [
  `create function backup_probe_stamp() returns trigger language plpgsql as 'begin new.label := ''changed by a trigger''; return new; end'`,
  `create trigger backup_probe_stamp before insert on backup_probe for each row execute function backup_probe_stamp()`,
];
const PROBE_ROWS = `insert into backup_probe (data, amount, ratio, span, born, at, local_at, tags, grid, doc, body, flag, label) values
  ('\\x00ff10'::bytea, 1234567890.1234, 1.0 / 3, '1 year 2 mons 3 days 04:05:06.789', '2026-02-28', '2026-11-23 18:36:44.123456+02', '2026-11-23 18:36:44.5', array['a,b', null, 'c"d', 'e\\f', ''], '{{1,2},{3,4}}', '{"b": 1,   "a": [true, null]}', '{"z": "ñ ü 日本", "a": {"n": 1.50}}', true, E'line one\\nline "two" \\\\ ✓'),
  (null, -0.0001, 'NaN', '-2 hours', '0001-01-01', '-infinity', '2000-01-01 00:00:00', '{}', null, 'null', '[]', false, ''),
  (''::bytea, 0, '-Infinity', '0', '9999-12-31', 'infinity', null, null, '{}', '"text"', 'null', null, null)`;

/** Demo data, a roll-out scenario (jsonb results), a session and a sign-in attempt, and a unit with an awkward name. */
async function fillSource(db: Db, { probe = true } = {}) {
  await seedDemo(db);
  const tree = await createStateTree(db);
  await createRolloutScenario(db, tree.north.unit);
  await createUnit(db, 'school', tree.north.feederPatterns[0]!.unit, { name: 'Escuela "Niños" del Norte, \\ campus\t2 — ✓' });
  await db.query(`insert into login_attempts (email, ip, succeeded) values ('someone@example.org', '127.0.0.1', false)`);
  await db.query(`insert into sessions (id, person_id, csrf_token, expires_at) select 'probe-session', id, 'csrf', now() + interval '1 day' from people order by email limit 1`);
  if (probe) await addProbe(db);
}

async function addProbe(db: Db) {
  await db.query(PROBE_TABLE);
  await db.query(PROBE_ROWS);
  for (const statement of PROBE_TRIGGER) await db.query(statement);
}

/** The probe table as a migration would have made it in another database: table and trigger, no rows. */
async function addProbeSchema(db: Db) {
  await db.query(PROBE_TABLE);
  for (const statement of PROBE_TRIGGER) await db.query(statement);
}

const probeRows = (db: Db) => db.query<Record<string, string | null>>(`select id::text, data::text, amount::text, ratio::text, span::text, born::text, at::text, local_at::text, tags::text, grid::text, doc::text, body::text, flag::text, label, doubled::text from backup_probe order by id`);

async function expectRefused(promise: Promise<unknown>, message: RegExp) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'the restore was refused').toBeInstanceOf(BackupError);
  expect((error as Error).message).toMatch(message);
}

/** A never-migrated database still has no tables at all: the failed restore left nothing. */
async function expectUntouched(db: Db) {
  expect(await tableNames(db)).toEqual([]);
}

describe.each(testDatabases())('backup and restore on $name', (target) => {
  let source: Db;
  /** A backup of the schema the migrations build (for never-migrated targets). */
  let plain: Buffer;
  /** The same with the probe table (for targets that have it). */
  let file: Buffer;
  const opened: Db[] = [];
  /** A database of this kind that was never migrated, closed after the tests. */
  const neverMigrated = async () => {
    const db = await openNeverMigrated(target);
    opened.push(db);
    return db;
  };
  /** A migrated, empty database of this kind, with the probe table its "migrations" would have made. */
  const migratedEmpty = async () => {
    const db = await target.open();
    opened.push(db);
    await addProbeSchema(db);
    return db;
  };

  beforeAll(async () => {
    source = await target.open();
    await fillSource(source, { probe: false });
    plain = await backupBuffer(source);
    await addProbe(source);
    file = await backupBuffer(source);
  });
  afterAll(async () => {
    await Promise.all([source, ...opened].map((db) => db?.close()));
  });

  it('writes a manifest first: format, migrations, every table with its columns and row count, sequences', async () => {
    const manifest = manifestOf(file);
    expect(manifest).toMatchObject({ format: 'trellis-backup', formatVersion: 1, migrations: migrationFiles(), source: { driver: target.name === 'PGlite' ? 'pglite' : 'postgres' } });
    const tables = Object.fromEntries(manifest.tables.map((t) => [t.name, t]));
    // Every table of the schema but the migrations' own, read from the catalog.
    expect(Object.keys(tables).sort()).toEqual((await tableNames(source)).filter((t) => t !== 'schema_migrations').sort());
    const [units] = await source.query<{ n: number }>('select count(*)::int as n from units');
    expect(tables.units!.rows).toBe(units!.n);
    expect(tables.units!.columns.map((c) => c.name)).not.toContain('depth'); // generated: recomputed on load
    expect(tables.backup_probe!.columns.map((c) => c.name)).not.toContain('doubled');
    // Referenced tables come before the tables that refer to them.
    const order = manifest.tables.map((t) => t.name);
    expect(order.indexOf('units')).toBeLessThan(order.indexOf('people'));
    expect(order.indexOf('people')).toBeLessThan(order.indexOf('grants'));
    expect(order.indexOf('mechanisms')).toBeLessThan(order.indexOf('mechanism_members'));
    expect(manifest.sequences.map((s) => s.name)).toEqual(expect.arrayContaining(['audit_events_id_seq', 'login_attempts_id_seq', 'backup_probe_id_seq']));
  });

  it('restores into a never-migrated database, and a backup of that has the same content', async () => {
    const target2 = await neverMigrated();
    const loaded: [string, number][] = [];
    const summary = await restoreBackup(target2, Readable.from([plain]), { onTable: (t, n) => loaded.push([t, n]) });
    // Progress: each table once, in the file's order, with its rows.
    expect(loaded).toEqual(manifestOf(plain).tables.map((t) => [t.name, t.rows]));
    expect(summary.rows).toBe(manifestOf(plain).tables.reduce((n, t) => n + t.rows, 0));
    expect(summary.migrations).toEqual(migrationFiles());
    expect(contentOf(await backupBuffer(target2))).toEqual(contentOf(plain));
    // The probe table is in no migration: a database built from them cannot take it, and says so.
    await expectRefused(restoreBuffer(await neverMigrated(), file), /table "backup_probe" that its migrations do not create/);
  }, 120_000);

  it('restores into a migrated empty database: the same content, values of every type exact, generated columns recomputed, sequences continued', async () => {
    const target2 = await migratedEmpty();
    await restoreBuffer(target2, file);
    const again = await backupBuffer(target2);
    expect(contentOf(again)).toEqual(contentOf(file));
    expect(await probeRows(target2)).toEqual(await probeRows(source));
    expect((await probeRows(target2))[0]).toMatchObject({ data: '\\x00ff10', amount: '1234567890.1234', label: 'line one\nline "two" \\ ✓', tags: '{"a,b",NULL,"c\\"d","e\\\\f",""}' });
    // depth is GENERATED from the path: the restored units have it.
    const [depths] = await target2.query<{ bad: number }>(`select count(*)::int as bad from units where depth <> length(path) - length(replace(path, '/', '')) - 2`);
    expect(depths!.bad).toBe(0);
    expect(await fingerprint(target2)).toEqual(await fingerprint(source));
    // The next ids follow the restored ones (bigserial and identity sequences were set).
    const [{ max }] = (await target2.query<{ max: string }>('select max(id)::text as max from audit_events')) as [{ max: string }];
    await target2.query(`insert into audit_events (action, entity_type, entity_id) values ('probe', 'probe', 'probe')`);
    const [{ id }] = (await target2.query<{ id: string }>(`select id::text from audit_events where action = 'probe'`)) as [{ id: string }];
    expect(BigInt(id)).toBeGreaterThan(BigInt(max));
    // The trigger was off while loading (the labels above are the backup's) and is on again after.
    const [probe] = await target2.query<{ id: string; doubled: string; label: string }>(`insert into backup_probe (label) values ('after') returning id::text, doubled::text, label`);
    expect(probe).toEqual({ id: '4', doubled: '8', label: 'changed by a trigger' });
  });

  it('restores a backup made before the latest migration, then applies that migration in the same transaction', async () => {
    // A database built by an older version: every migration but the last.
    const older = await neverMigrated();
    const files = migrationFiles();
    await older.transaction(async (tx) => {
      await tx.query('create table schema_migrations (name text primary key, applied_at timestamptz not null default now())');
      for (const file of files.slice(0, -1)) {
        for (const statement of splitStatements(readFileSync(MIGRATIONS_DIR + file, 'utf8'))) await tx.query(statement);
        await tx.query('insert into schema_migrations (name) values ($1)', [file]);
      }
    });
    const tree = await createStateTree(older);
    const file = await backupBuffer(older);
    expect(manifestOf(file).migrations).toEqual(files.slice(0, -1));

    const target2 = await neverMigrated();
    const summary = await restoreBuffer(target2, file);
    expect(summary.migrations).toEqual(files);
    expect((await target2.query<{ name: string }>('select name from schema_migrations order by name')).map((r) => r.name)).toEqual(files);
    const [units] = await target2.query<{ n: number }>('select count(*)::int as n from units where path like $1', [`${tree.state.path}%`]);
    expect(units!.n).toBe(15);
  });

  it('refuses a database that has data, and writes nothing', async () => {
    const target2 = await migratedEmpty();
    await createUnit(target2, 'state', null, { name: 'Already here' });
    const before = await fingerprint(target2);
    await expectRefused(restoreBuffer(target2, file), /not empty \(it has rows in units\)/);
    expect(await fingerprint(target2)).toEqual(before);
  });

  it('refuses a truncated file, leaving the database as it was (not even migrated)', async () => {
    const target2 = await neverMigrated();
    await expectRefused(restoreBuffer(target2, plain.subarray(0, Math.floor(plain.length * 0.6))), /damaged or incomplete/);
    await expectUntouched(target2);
  });

  it('refuses a file cut at a line end (a whole gzip of fewer lines): the closing line is missing', async () => {
    const target2 = await neverMigrated();
    const lines = linesOf(plain);
    await expectRefused(restoreBuffer(target2, gzipLines(lines.slice(0, lines.length - 1))), /incomplete: its closing line is missing/);
    await expectUntouched(target2);
    const cut = lines.findIndex((l) => l.startsWith('{"tableEnd":"people"'));
    await expectRefused(restoreBuffer(target2, gzipLines(lines.slice(0, cut))), /ends inside table people/);
    await expectUntouched(target2);
  });

  it('refuses a corrupted file (a byte changed) and one that is not a backup at all', async () => {
    const target2 = await neverMigrated();
    const corrupted = Buffer.from(plain);
    corrupted[Math.floor(corrupted.length / 2)]! ^= 0xff;
    await expectRefused(restoreBuffer(target2, corrupted), /damaged/);
    await expectUntouched(target2);
    await expectRefused(restoreBuffer(target2, Buffer.from('name,kind\nA,school\n')), /damaged or incomplete/);
    await expectRefused(restoreBuffer(target2, gzipLines(['{"hello":"world"}'])), /not a Trellis backup/);
    await expectUntouched(target2);
  });

  it('refuses rows changed after the backup was written (checksum), and rows whose references point nowhere (foreign keys checked at the end)', async () => {
    const target2 = await neverMigrated();
    const lines = linesOf(plain);
    const unit = rowsOf(lines, 'units')[0]!;
    const edited = [...lines];
    edited[unit.at] = JSON.stringify(unit.values.map((v, i) => (i === 2 ? 'Renamed by hand' : v)));
    await expectRefused(restoreBuffer(target2, gzipLines(edited)), /rows of units do not match their checksum/);
    await expectUntouched(target2);

    // A forger who fixes the checksums still cannot load a grant to a unit that does not exist.
    const grant = rowsOf(lines, 'grants')[0]!;
    const dangling = [...lines];
    dangling[grant.at] = JSON.stringify(grant.values.map((v, i) => (i === 2 ? '00000000-0000-4000-8000-000000000000' : v)));
    await expectRefused(restoreBuffer(target2, gzipLines(withChecksums(dangling))), /do not hang together \(grants refers to units/);
    await expectUntouched(target2);
  });

  it('refuses a backup made by a newer version (a migration this code does not have), and a database migrated past the backup', async () => {
    const target2 = await neverMigrated();
    const lines = linesOf(plain);
    const newer = [JSON.stringify({ ...JSON.parse(lines[0]!), migrations: [...migrationFiles(), '9999_from_the_future.sql'] }), ...lines.slice(1)];
    await expectRefused(restoreBuffer(target2, gzipLines(newer)), /newer version of Trellis \(its schema has 9999_from_the_future\.sql/);
    await expectUntouched(target2);

    const migrated = await migratedEmpty();
    const before = await fingerprint(migrated);
    const older = [JSON.stringify({ ...JSON.parse(lines[0]!), migrations: migrationFiles().slice(0, -1) }), ...lines.slice(1)];
    await expectRefused(restoreBuffer(migrated, gzipLines(older)), new RegExp(`migrated past the backup \\(it has ${migrationFiles().at(-1)!.replace('.', '\\.')}`));
    expect(await fingerprint(migrated)).toEqual(before);
  });
});

describe.runIf(hasPostgres())('a PGlite backup restores into PostgreSQL and back', () => {
  const opened: Db[] = [];
  afterAll(() => Promise.all(opened.map((db) => db.close())));
  const open = async (t: DatabaseTarget, how: 'migrated' | 'never') => {
    const db = how === 'migrated' ? await t.open() : await openNeverMigrated(t);
    opened.push(db);
    return db;
  };

  it('PGlite → PostgreSQL → PGlite gives the same content at each step', async () => {
    const lite = await open(pgliteTarget, 'migrated');
    await fillSource(lite);
    const fromLite = await backupBuffer(lite);

    const pg = await open(postgresTarget, 'migrated');
    await addProbeSchema(pg);
    await restoreBuffer(pg, fromLite);
    const fromPg = await backupBuffer(pg);
    expect(manifestOf(fromPg).source.driver).toBe('postgres');
    expect(contentOf(fromPg)).toEqual(contentOf(fromLite));
    expect(await probeRows(pg)).toEqual(await probeRows(lite));

    const lite2 = await open(pgliteTarget, 'migrated');
    await addProbeSchema(lite2);
    await restoreBuffer(lite2, fromPg);
    expect(contentOf(await backupBuffer(lite2))).toEqual(contentOf(fromLite));
    expect(await fingerprint(lite2)).toEqual(await fingerprint(lite));
  }, 120_000);

  it('a PostgreSQL backup restores into a never-migrated PGlite', async () => {
    const pg = await open(postgresTarget, 'migrated');
    await seedDemo(pg);
    const fromPg = await backupBuffer(pg);
    const lite = await open(pgliteTarget, 'never');
    await restoreBuffer(lite, fromPg);
    expect(contentOf(await backupBuffer(lite))).toEqual(contentOf(fromPg));
  }, 120_000);
});

describe('downloading a backup from the web app', () => {
  const api = useApi(pgliteTarget, async ({ db }) => {
    await seedDemo(db);
  });

  it('gives the state administrator the whole database as a backup file that restores as it is', async () => {
    const admin = await signIn(api.app, DEMO_ACCOUNTS[0].email, DEMO_PASSWORD);
    const res = await admin.get('/api/admin/backup');
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toBe('application/gzip');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="trellis-backup-\d{4}-\d{2}-\d{2}-\d{4}\.jsonl\.gz"$/);
    const file = res.rawPayload;
    expect(Number(res.headers['content-length'])).toBe(file.length);
    const manifest = manifestOf(file);
    expect(manifest.migrations).toEqual(migrationFiles());
    expect(manifest.tables.find((t) => t.name === 'units')!.rows).toBe(190);
    // Who took it is in the audit trail (and in the backup itself).
    const [event] = await api.db.query<{ actor_id: string; unit_kind: string }>(`select e.actor_id, u.kind as unit_kind from audit_events e join units u on u.id = e.unit_id where e.action = 'database.backup'`);
    expect(event).toEqual({ actor_id: admin.session!.person.id, unit_kind: 'state' });
    expect(rowsOf(linesOf(file), 'audit_events').some((r) => r.values.includes('database.backup'))).toBe(true);

    const restored = await openNeverMigrated(pgliteTarget);
    try {
      await restoreBuffer(restored, file);
      // All but when the migrations were applied, which is now for the restored database.
      const { schema_migrations: _a, ...restoredData } = await fingerprint(restored);
      const { schema_migrations: _b, ...data } = await fingerprint(api.db);
      expect(restoredData).toEqual(data);
    } finally {
      await restored.close();
    }
  });

  it('refuses a district leader (404: a backup holds units they cannot see), a viewer of the whole state (403), and no session (401)', async () => {
    const leader = await signIn(api.app, DEMO_ACCOUNTS[1].email, DEMO_PASSWORD);
    expectProblem(await leader.get('/api/admin/backup'), 404);
    const [state] = await listRoots(api.db);
    const viewer = await createPerson(api.db, { home: null, grants: [[state!, 'viewer']] });
    const agent = await signIn(api.app, viewer.email, PASSWORD);
    expectProblem(await agent.get('/api/admin/backup'), 403, { rule: /administrator role at the top/ });
    expectProblem(await anonymous(api.app).get('/api/admin/backup'), 401);
  });

  it('lets a system administrator download one, and then only they may when there is a second state nobody administers', async () => {
    const sysadmin = await createSystemAdmin(api.db);
    const agent = await signIn(api.app, sysadmin.email, PASSWORD);
    expect((await agent.get('/api/admin/backup')).statusCode).toBe(200);
    await createUnit(api.db, 'state', null, { name: 'A second state' });
    const stateAdmin = await signIn(api.app, DEMO_ACCOUNTS[0].email, DEMO_PASSWORD);
    expectProblem(await stateAdmin.get('/api/admin/backup'), 404);
    expect((await agent.get('/api/admin/backup')).statusCode).toBe(200);
  });
});
