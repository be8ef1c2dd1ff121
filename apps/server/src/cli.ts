#!/usr/bin/env node
// The `trellis` command: serve, start (serve with the demo on an empty database), migrate, seed, users,
// backup and restore.
import { randomBytes } from 'node:crypto';
import { Command, Option } from 'commander';
import { NewPassword, ROLES, type Role } from '@trellis/core';
import { BackupError, findPersonByEmail, findUnit, findUnitsByReference, insertGrant, insertPerson, migrate, recordAuditEvent, setPasswordHash, deleteSessionsOfPerson, type Db } from '@trellis/db';
import { loadConfig } from './config.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from './seed/demo.js';
import { openDatabase, startServer } from './server.js';
import { hashPassword } from './services/passwords.js';
import { backupToFile, restoreFromFile } from './services/backup/backup.js';

const program = new Command()
  .name('trellis')
  .description('Trellis: infrastructure for systemic change toward a unified and comprehensive system of learning supports.\nConfiguration comes from environment variables (see the README): PORT, HOST, DATABASE_URL, TRELLIS_DATA_DIR, …')
  .showHelpAfterError();

async function withDb<T>(fn: (db: Db) => Promise<T>, { migrateFirst = true } = {}): Promise<T> {
  const db = await openDatabase(loadConfig());
  try {
    if (migrateFirst) await migrate(db);
    return await fn(db);
  } finally {
    await db.close();
  }
}

function describeDatabase() {
  const config = loadConfig();
  return config.databaseUrl ? `PostgreSQL (${new URL(config.databaseUrl).host})` : `embedded PGlite in ${config.dataDir}`;
}

async function serve(seedIfEmpty: boolean) {
  const config = loadConfig();
  const db = await openDatabase(config);
  await migrate(db);
  if (seedIfEmpty) {
    const seeded = await seedDemo(db);
    if (seeded.seeded) console.log(`Loaded the demo state: ${seeded.units} units, ${seeded.people} people.`);
  }
  // `serve` (production) logs requests; `start` (the demo) stays quiet unless TRELLIS_LOG_LEVEL is set.
  const server = await startServer(config, { db, logger: !seedIfEmpty || process.env.TRELLIS_LOG_LEVEL !== undefined });
  console.log(`\nTrellis is running at ${server.url}  (database: ${describeDatabase()})`);
  if (seedIfEmpty) {
    console.log(`Sign in with any of these demo accounts, password "${DEMO_PASSWORD}":`);
    for (const a of DEMO_ACCOUNTS) console.log(`  ${a.email.padEnd(36)} ${a.what}`);
  }
  console.log('API docs: ' + server.url + '/api/docs    Stop with Ctrl+C.\n');
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

program.command('serve').description('Apply migrations and run the server').action(() => serve(false));
program.command('start').description('Like serve, and load the demo state first when the database is empty').action(() => serve(true));

program
  .command('migrate')
  .description('Apply database migrations')
  .action(() =>
    withDb(async (db) => {
      const applied = await migrate(db);
      console.log(applied.length ? `Applied ${applied.join(', ')}.` : 'The database is up to date.');
    }, { migrateFirst: false }),
  );

program
  .command('seed')
  .description('Load data')
  .command('demo')
  .description('Load the demo state (only into an empty database)')
  .action(() =>
    withDb(async (db) => {
      const r = await seedDemo(db);
      console.log(r.seeded ? `Loaded the demo state: ${r.units} units, ${r.people} people. Demo password: ${DEMO_PASSWORD}` : 'The database already has units; the demo was not loaded.');
    }),
  );

async function resolveUnit(db: Db, ref: string) {
  const byId = /^[0-9a-f-]{36}$/i.test(ref) ? await findUnit(db, ref) : null;
  if (byId) return byId;
  // Exact matches only: a search would also find the schools whose NCES ids start with a district's.
  const exact = await findUnitsByReference(db, ref);
  if (exact.length === 1) return exact[0]!;
  throw new Error(`No single unit matches "${ref}". Give its id, NCES id, state id or exact name.`);
}

function checkPassword(password: string) {
  const parsed = NewPassword.safeParse(password);
  if (!parsed.success) throw new Error(`The password ${parsed.error.issues[0]?.message}.`);
}

const user = program.command('user').description('Manage accounts');
user
  .command('add')
  .description('Add a person who can sign in; prints a generated password unless --password is given')
  .requiredOption('--email <email>', 'their email (their sign-in name)')
  .requiredOption('--name <name>', 'their full name')
  .option('--title <title>', 'their job title')
  .option('--unit <unit>', 'home unit and where the role applies: id, NCES id, state id or exact name')
  .addOption(new Option('--role <role>', 'role at the unit').choices(ROLES as unknown as string[]))
  .option('--system-admin', 'make them a system administrator (above every unit)')
  .option('--password <password>', 'their password (at least 12 characters)')
  .action((opts: { email: string; name: string; title?: string; unit?: string; role?: Role; systemAdmin?: boolean; password?: string }) =>
    withDb(async (db) => {
      if (!opts.systemAdmin && !(opts.unit && opts.role)) throw new Error('Give --unit and --role, or --system-admin.');
      const password = opts.password ?? randomBytes(12).toString('base64url');
      checkPassword(password);
      const unit = opts.unit ? await resolveUnit(db, opts.unit) : null;
      const hash = await hashPassword(password);
      await db.transaction(async (tx) => {
        const person = await insertPerson(tx, { name: opts.name, email: opts.email, title: opts.title ?? null, homeUnitId: unit?.id ?? null, passwordHash: hash, isSystemAdmin: !!opts.systemAdmin });
        if (unit && opts.role) await insertGrant(tx, { personId: person.id, unitId: unit.id, role: opts.role, createdBy: null });
        await recordAuditEvent(tx, { actorId: null, action: 'person.create', entityType: 'person', entityId: person.id, unitId: unit?.id ?? null, before: null, after: { name: person.name, email: person.email, role: opts.role ?? null, isSystemAdmin: !!opts.systemAdmin, via: 'cli' } });
      });
      console.log(`Added ${opts.email}${unit ? ` as ${opts.role} of ${unit.name}` : ''}${opts.systemAdmin ? ' as system administrator' : ''}.`);
      if (!opts.password) console.log(`Password: ${password}`);
    }),
  );
user
  .command('reset-password')
  .description('Set a new password for an account (ends its sessions); prints a generated one unless --password is given')
  .requiredOption('--email <email>', 'the account’s email')
  .option('--password <password>', 'the new password (at least 12 characters)')
  .action((opts: { email: string; password?: string }) =>
    withDb(async (db) => {
      const person = await findPersonByEmail(db, opts.email);
      if (!person) throw new Error(`No one has the email ${opts.email}.`);
      const password = opts.password ?? randomBytes(12).toString('base64url');
      checkPassword(password);
      const hash = await hashPassword(password);
      await db.transaction(async (tx) => {
        await setPasswordHash(tx, person.id, hash);
        await deleteSessionsOfPerson(tx, person.id);
        await recordAuditEvent(tx, { actorId: null, action: 'person.password_set', entityType: 'person', entityId: person.id, unitId: person.homeUnitId, before: null, after: { via: 'cli' } });
      });
      console.log(`The password of ${opts.email} is reset.${opts.password ? '' : ` New password: ${password}`}`);
    }),
  );

/** Each table as it is done, on an interactive terminal (scripts and logs get the summary line only). */
const tableProgress = (verb: string) => ({
  onTable: process.stderr.isTTY ? (table: string, rows: number) => process.stderr.write(`  ${verb} ${table}: ${rows.toLocaleString('en-US')} rows\n`) : undefined,
});

program
  .command('backup')
  .description('Write the whole database to one portable file (gzip’d JSON lines) that `trellis restore` loads, on PGlite or PostgreSQL')
  .argument('<file>', 'the file to write, e.g. trellis-backup.jsonl.gz (replaced if it exists)')
  .action((file: string) =>
    withDb(async (db) => {
      const r = await backupToFile(db, file, tableProgress('wrote'));
      console.log(`Backed up ${r.tables} tables, ${r.rows.toLocaleString('en-US')} rows (schema ${r.migrations.at(-1) ?? 'none'}) to ${file}, ${(r.bytes / 1024).toFixed(0)} KB.`);
    }, { migrateFirst: false }),
  );

program
  .command('restore')
  .description('Load a backup into an EMPTY database (it builds the schema itself); refuses a database that has data, and a damaged file, writing nothing')
  .argument('<file>', 'a file written by `trellis backup` or downloaded from the web app')
  .action((file: string) =>
    withDb(async (db) => {
      try {
        const r = await restoreFromFile(db, file, tableProgress('loaded'));
        console.log(`Restored ${r.tables} tables, ${r.rows.toLocaleString('en-US')} rows from ${file} into ${describeDatabase()}.`);
      } catch (e) {
        throw e instanceof BackupError ? new Error(`${e.message} Nothing was restored.`) : e;
      }
    }, { migrateFirst: false }),
  );

const importCommand = program.command('import').description('Import a directory: NCES CCD, OneRoster or Ed-Fi (each previewed; --apply writes it in one transaction)');

importCommand
  .command('ccd')
  .description('Import NCES CCD school and LEA (district) files into a state (or one district): prints the preview; --apply writes it in one transaction')
  .requiredOption('--state <unit>', 'the state (or district) to import into: id, NCES id, state id or exact name')
  .option('--schools <file>', 'CCD school directory file (CSV or tab-separated; 2013 or current layout)')
  .option('--leas <file>', 'CCD LEA directory file')
  .option('--regions <file>', 'district → region CSV (e.g. the Texas AskTED directory)')
  .option('--feeders <suggest|file>', 'suggest feeder patterns for districts with several high schools, or read them from a CSV (school → high school NCES ids)')
  .option('--apply', 'write the changes (without it, only the preview is shown)')
  .option('--skip-problems', 'import every row without a problem (without it, any problem stops the import)')
  .option('--create-state', 'create a state of that name when no unit matches --state (a new installation)')
  .action((opts: { state: string; schools?: string; leas?: string; regions?: string; feeders?: string; apply?: boolean; skipProblems?: boolean; createState?: boolean }) =>
    withDb(async (db) => {
      if (!opts.schools && !opts.leas && !opts.feeders) throw new Error('Give --schools and/or --leas, or --feeders.');
      const { runCcdImportCli, createStateFor } = await import('./services/imports/cli.js');
      const unit = opts.createState && (await findUnitsByReference(db, opts.state)).length === 0 ? await createStateFor(db, opts.state) : await resolveUnit(db, opts.state);
      process.exitCode = await runCcdImportCli(db, { unitId: unit.id, schools: opts.schools, leas: opts.leas, regions: opts.regions, feeders: opts.feeders, apply: !!opts.apply, skipProblems: !!opts.skipProblems });
    }),
  );

importCommand
  .command('oneroster')
  .description('Import OneRoster 1.1/1.2 CSV files into a state (or one district): orgs become units, staff users people with grants by the role mapping (students never); prints the preview and the proposed mapping; --apply writes it in one transaction')
  .requiredOption('--state <unit>', 'the state (or district) to import into: id, NCES id, state id or exact name')
  .option('--orgs <file>', 'orgs.csv')
  .option('--users <file>', 'users.csv (staff become people; students, guardians and parents never do)')
  .option('--roles <file>', 'roles.csv (OneRoster 1.2, School Data Sync), with --users')
  .option('--map <role=choice...>', 'change the proposed role mapping, e.g. --map teacher=viewer aide=skip (choices: skip, viewer, member, editor, leader, admin)')
  .option('--apply', 'write the changes (without it, only the preview is shown)')
  .option('--skip-problems', 'import every row without a problem (without it, any problem stops the import)')
  .action((opts: { state: string; orgs?: string; users?: string; roles?: string; map?: string[]; apply?: boolean; skipProblems?: boolean }) =>
    withDb(async (db) => {
      if (!opts.orgs && !opts.users) throw new Error('Give --orgs and/or --users.');
      const { runOneRosterImportCli } = await import('./services/imports/cli.js');
      const unit = await resolveUnit(db, opts.state);
      process.exitCode = await runOneRosterImportCli(db, { unitId: unit.id, orgs: opts.orgs, users: opts.users, roles: opts.roles, map: opts.map ?? [], apply: !!opts.apply, skipProblems: !!opts.skipProblems });
    }),
  );

importCommand
  .command('edfi')
  .description('Import Ed-Fi education organizations (JSON arrays as the Ed-Fi API returns them: state education agencies, education service centers → regions, local education agencies → districts, schools; FeederSchoolAssociations alone become feeder patterns) into a state; prints the preview; --apply writes it in one transaction')
  .argument('<files...>', 'one or more JSON files')
  .requiredOption('--state <unit>', 'the state (or district) to import into: id, NCES id, state id or exact name')
  .option('--apply', 'write the changes (without it, only the preview is shown)')
  .option('--skip-problems', 'import every resource without a problem (without it, any problem stops the import)')
  .action((files: string[], opts: { state: string; apply?: boolean; skipProblems?: boolean }) =>
    withDb(async (db) => {
      const { runEdfiImportCli } = await import('./services/imports/cli.js');
      const unit = await resolveUnit(db, opts.state);
      process.exitCode = await runEdfiImportCli(db, { unitId: unit.id, files, apply: !!opts.apply, skipProblems: !!opts.skipProblems });
    }),
  );

program
  .command('bench')
  .description('Run the benchmarks (generates a state of 10,000 schools; prints figures)')
  .allowUnknownOption()
  .allowExcessArguments()
  .action(async () => {
    await import('../../../bench/src/run.js');
  });

program.parseAsync().catch((e: unknown) => {
  console.error(`trellis: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
