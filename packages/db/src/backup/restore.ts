// Restoring a backup into an empty database, in ONE transaction: build the schema from the backup's
// migrations, load every table's rows in batches while checking counts and checksums, put back the
// foreign keys (checked over all rows), set the sequences, then apply the migrations this version
// of Trellis has and the backup had not. Any failure — a damaged or truncated file, a row the
// schema refuses — rolls everything back: the database is left as it was.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type { Db, Queryable } from '../client.js';
import { migrationFiles, MIGRATIONS_DIR, splitStatements } from '../migrate.js';
import { ident, listForeignKeys, listTables, MIGRATIONS_TABLE, tableExists, type CatalogTable } from './catalog.js';
import { BACKUP_FORMAT, BackupError, parseManifest, splitLines, TEXT_FORM_SETTINGS, type BackupManifest, type BackupProgress, type BackupSummary, type BackupTable } from './format.js';

// The same advisory lock as migrate(): a server starting on this database waits for the restore.
const MIGRATION_LOCK = 7_337_001;
/** Rows per insert at most, and the JSON text an insert carries at most. */
const BATCH_ROWS = 1000;
const BATCH_BYTES = 4 * 1024 * 1024;

async function applyMigration(tx: Queryable, file: string) {
  for (const statement of splitStatements(readFileSync(MIGRATIONS_DIR + file, 'utf8'))) await tx.query(statement);
  await tx.query(`insert into ${MIGRATIONS_TABLE} (name) values ($1)`, [file]);
}

/** Why the database cannot take a restore, or null when it is empty. */
export async function nonEmptyReason(q: Queryable): Promise<string | null> {
  if (!(await tableExists(q, MIGRATIONS_TABLE))) return null;
  const filled: string[] = [];
  for (const t of await listTables(q)) {
    const [row] = await q.query<{ some: boolean }>(`select exists (select 1 from ${ident(t.name)}) as some`);
    if (row?.some) filled.push(t.name);
  }
  return filled.length ? `The database is not empty (it has rows in ${filled.join(', ')}). Restore only into a new, empty database, so nothing there is overwritten or mixed with the backup.` : null;
}

/** Checks the backup's migrations against this version's and the database's. Returns those to apply before and after loading. */
function planMigrations(manifest: BackupManifest, applied: string[]): { before: string[]; after: string[] } {
  const code = migrationFiles();
  const unknown = manifest.migrations.filter((m) => !code.includes(m));
  if (unknown.length) {
    throw new BackupError(`The backup was made by a newer version of Trellis (its schema has ${unknown.join(', ')}, which this version does not know). Update Trellis, then restore.`);
  }
  const beyond = applied.filter((m) => !manifest.migrations.includes(m));
  if (beyond.length) {
    throw new BackupError(
      `The database was already migrated past the backup (it has ${beyond.join(', ')}, the backup does not). Restore into a new database that has not been migrated: restore builds the backup's schema itself, then brings it up to date.`,
    );
  }
  return { before: code.filter((m) => manifest.migrations.includes(m) && !applied.includes(m)), after: code.filter((m) => !manifest.migrations.includes(m)) };
}

/** The table as the backup describes it must be the table as the migrated database has it. */
function checkTable(expected: BackupTable, actual: CatalogTable | undefined) {
  if (!actual) throw new BackupError(`The backup has a table "${expected.name}" that its migrations do not create: the file does not match its manifest.`);
  for (const c of expected.columns) {
    const col = actual.columns.find((x) => x.name === c.name);
    if (!col || col.generated || col.type !== c.type) {
      throw new BackupError(`The backup's column ${expected.name}.${c.name} (${c.type}) does not match the schema its migrations build (${col ? (col.generated ? 'generated' : col.type) : 'missing'}).`);
    }
  }
}

function insertSql(t: BackupTable): string {
  const names = t.columns.map((c) => ident(c.name)).join(', ');
  // Each value goes through its type's input function: the exact inverse of the backup's ::text.
  const values = t.columns.map((c, i) => `(r->>${i})::${c.type}`).join(', ');
  return `insert into ${ident(t.name)} (${names}) overriding system value select ${values} from json_array_elements($1::text::json) as r`;
}

/** Loads the lines after the manifest, checking each table's rows, count and checksum as it goes. */
async function loadRows(tx: Queryable, manifest: BackupManifest, lines: AsyncGenerator<string>, progress: BackupProgress): Promise<number> {
  let total = 0;
  for (const table of manifest.tables) {
    const sql = insertSql(table);
    const hash = createHash('sha256');
    let rows = 0;
    let batch: string[] = [];
    let bytes = 0;
    const flush = async () => {
      if (batch.length === 0) return;
      try {
        await tx.query(sql, [`[${batch.join(',')}]`]);
      } catch (e) {
        throw new BackupError(`A row of ${table.name} could not be loaded: ${e instanceof Error ? e.message : String(e)}`);
      }
      batch = [];
      bytes = 0;
    };
    for (;;) {
      const { value: line, done } = await lines.next();
      if (done) throw new BackupError(`The backup file is incomplete: it ends inside table ${table.name}.`);
      if (line.startsWith('[')) {
        let values: unknown;
        try {
          values = JSON.parse(line);
        } catch {
          throw new BackupError(`The backup file is damaged: row ${rows + 1} of ${table.name} cannot be read.`);
        }
        if (!Array.isArray(values) || values.length !== table.columns.length || !values.every((v) => v === null || typeof v === 'string')) {
          throw new BackupError(`The backup file is damaged: row ${rows + 1} of ${table.name} does not have its ${table.columns.length} columns.`);
        }
        hash.update(line + '\n');
        rows++;
        batch.push(line);
        bytes += line.length;
        if (batch.length >= BATCH_ROWS || bytes >= BATCH_BYTES) await flush();
        continue;
      }
      let end: { tableEnd?: unknown; rows?: unknown; sha256?: unknown };
      try {
        end = JSON.parse(line);
      } catch {
        throw new BackupError(`The backup file is damaged after row ${rows} of ${table.name}.`);
      }
      if (end.tableEnd !== table.name) throw new BackupError(`The backup file is damaged: the rows of ${table.name} are not followed by its end.`);
      if (end.rows !== rows || rows !== table.rows) throw new BackupError(`The backup file is damaged: ${table.name} should have ${table.rows} rows and has ${rows}.`);
      if (end.sha256 !== hash.digest('hex')) throw new BackupError(`The backup file is damaged: the rows of ${table.name} do not match their checksum.`);
      await flush();
      total += rows;
      progress.onTable?.(table.name, rows);
      break;
    }
  }
  const { value: last, done } = await lines.next();
  let end: { end?: unknown; rows?: unknown; tables?: unknown } = {};
  try {
    end = done ? {} : JSON.parse(last);
  } catch {
    // falls through to the message below
  }
  if (end.end !== BACKUP_FORMAT || end.rows !== total || end.tables !== manifest.tables.length) throw new BackupError('The backup file is incomplete: its closing line is missing or does not match.');
  for (;;) {
    const extra = await lines.next();
    if (extra.done) break;
    if (extra.value.trim() !== '') throw new BackupError('The backup file is damaged: there is data after its closing line.');
  }
  return total;
}

/**
 * Restores a gzip'd backup from `input` into `db`, which must be empty (never migrated, or migrated
 * with no rows). Throws a BackupError (nothing written) when it cannot.
 */
export async function restoreBackup(db: Db, input: Readable, progress: BackupProgress = {}): Promise<BackupSummary> {
  return db.transaction(async (tx) => {
    for (const s of TEXT_FORM_SETTINGS) await tx.query(s);
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    const reason = await nonEmptyReason(tx);
    if (reason) throw new BackupError(reason);
    let summary: BackupSummary | null = null;
    try {
      await pipeline(input, createGunzip(), async (source: AsyncIterable<Buffer>) => {
        const lines = splitLines(source);
        const first = await lines.next();
        const manifest = parseManifest(first.done ? undefined : first.value);
        await tx.query(`create table if not exists ${MIGRATIONS_TABLE} (name text primary key, applied_at timestamptz not null default now())`);
        const applied = (await tx.query<{ name: string }>(`select name from ${MIGRATIONS_TABLE}`)).map((r) => r.name);
        const plan = planMigrations(manifest, applied);
        for (const file of plan.before) await applyMigration(tx, file);

        const catalog = new Map((await listTables(tx)).map((t) => [t.name, t]));
        for (const t of manifest.tables) checkTable(t, catalog.get(t.name));
        // Rows go in as they come; foreign keys are lifted meanwhile (a unit's parent may follow it
        // in key order) and put back — checked against every row — before commit. Triggers stay off
        // while loading, so the rows are the backup's and nothing else.
        const foreignKeys = await listForeignKeys(tx);
        for (const fk of foreignKeys) await tx.query(`alter table ${ident(fk.table)} drop constraint ${ident(fk.name)}`);
        for (const t of catalog.keys()) await tx.query(`alter table ${ident(t)} disable trigger user`);
        const rows = await loadRows(tx, manifest, lines, progress);
        for (const t of catalog.keys()) await tx.query(`alter table ${ident(t)} enable trigger user`);
        for (const fk of foreignKeys) {
          try {
            await tx.query(`alter table ${ident(fk.table)} add constraint ${ident(fk.name)} ${fk.definition}`);
          } catch (e) {
            throw new BackupError(`The backup's rows do not hang together (${fk.table} refers to ${fk.references} rows that are not there): ${e instanceof Error ? e.message : String(e)}`);
          }
        }
        for (const s of manifest.sequences) {
          const [exists] = await tx.query<{ found: boolean }>(`select exists (select 1 from pg_class where relname = $1 and relkind = 'S' and relnamespace = current_schema()::regnamespace) as found`, [s.name]);
          if (exists?.found) await tx.query(`select setval($1::regclass, $2::bigint, $3)`, [ident(s.name), s.lastValue, s.isCalled]);
        }
        for (const file of plan.after) await applyMigration(tx, file);
        summary = { tables: manifest.tables.length, rows, migrations: [...manifest.migrations, ...plan.after] };
      });
    } catch (e) {
      if (e instanceof BackupError) throw e;
      const code = (e as { code?: string }).code;
      // zlib's: a damaged deflate stream or checksum (Z_DATA_ERROR), a file cut short (Z_BUF_ERROR).
      if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR') {
        throw new BackupError(`The backup file is damaged or incomplete (${(e as Error).message}).`);
      }
      throw e;
    }
    return summary!;
  });
}
