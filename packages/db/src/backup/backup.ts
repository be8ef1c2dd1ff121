// Writing a backup: one read-only, repeatable-read transaction (one consistent snapshot), each table
// read through a cursor a batch at a time and written as gzip'd JSON lines with backpressure, so
// the database is never held in memory. Format: ./format.ts.
import { createHash } from 'node:crypto';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { Db, Queryable } from '../client.js';
import { ident, listForeignKeys, listSequences, listTables, MIGRATIONS_TABLE, orderByForeignKeys, tableExists, type CatalogTable } from './catalog.js';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, BackupError, TEXT_FORM_SETTINGS, type BackupEnd, type BackupManifest, type BackupProgress, type BackupSummary, type TableEnd } from './format.js';

const CURSOR = 'trellis_backup_rows';
/** Rows per fetch at most, and the bytes a fetch aims at (large jsonb rows make the batches smaller). */
const MAX_FETCH = 2000;
const FETCH_BYTES = 4 * 1024 * 1024;

/** The columns a backup carries: every column but generated ones. */
export const storedColumns = (t: CatalogTable) => t.columns.filter((c) => !c.generated);

/** Deterministic row order: the primary key (text in "C" order), else every column's text. */
function orderBy(t: CatalogTable): string {
  const byColumn = (name: string) => {
    const c = t.columns.find((x) => x.name === name)!;
    return c.collatable ? `${ident(name)} collate "C"` : ident(name);
  };
  if (t.primaryKey.length > 0) return t.primaryKey.map(byColumn).join(', ');
  return storedColumns(t)
    .map((c) => `${ident(c.name)}::text collate "C"`)
    .join(', ');
}

async function* backupLines(tx: Queryable, driver: Db['driver']): AsyncGenerator<string> {
  // The snapshot is taken at the first query after these settings: counts and rows agree.
  await tx.query('set transaction isolation level repeatable read, read only');
  for (const s of TEXT_FORM_SETTINGS) await tx.query(s);
  if (!(await tableExists(tx, MIGRATIONS_TABLE))) throw new BackupError('The database has no Trellis schema yet (run `trellis migrate` first): there is nothing to back up.');
  const migrations = (await tx.query<{ name: string }>(`select name from ${MIGRATIONS_TABLE} order by name collate "C"`)).map((r) => r.name);
  const catalog = await listTables(tx);
  const byName = new Map(catalog.map((t) => [t.name, t]));
  const order = orderByForeignKeys([...byName.keys()], await listForeignKeys(tx));
  const tables = [];
  for (const name of order) {
    const [count] = await tx.query<{ n: string }>(`select count(*)::text as n from ${ident(name)}`);
    tables.push({ name, columns: storedColumns(byName.get(name)!).map(({ name: n, type }) => ({ name: n, type })), rows: Number(count!.n) });
  }
  const sequences = [];
  for (const name of await listSequences(tx)) {
    const [s] = await tx.query<{ last_value: string; is_called: boolean }>(`select last_value::text as last_value, is_called from ${ident(name)}`);
    sequences.push({ name, lastValue: s!.last_value, isCalled: s!.is_called });
  }
  const [version] = await tx.query<{ v: string }>('select version() as v');
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    createdAt: new Date().toISOString(),
    source: { driver, server: version!.v.split(' on ')[0]! },
    migrations,
    tables,
    sequences,
  };
  yield JSON.stringify(manifest) + '\n';

  let total = 0;
  for (const table of tables) {
    const t = byName.get(table.name)!;
    const columns = storedColumns(t);
    const select = columns.map((c, i) => `${ident(c.name)}::text as c${i}`).join(', ');
    await tx.query(`declare ${CURSOR} no scroll cursor for select ${select} from ${ident(t.name)} order by ${orderBy(t)}`);
    const hash = createHash('sha256');
    let rows = 0;
    let fetch = 200;
    for (;;) {
      const batch = await tx.query<Record<string, string | null>>(`fetch forward ${fetch} from ${CURSOR}`);
      let bytes = 0;
      let chunk = '';
      for (const r of batch) {
        const line = JSON.stringify(columns.map((_, i) => r[`c${i}`] ?? null)) + '\n';
        hash.update(line);
        bytes += line.length;
        chunk += line;
      }
      rows += batch.length;
      if (chunk) yield chunk;
      if (batch.length < fetch) break;
      fetch = Math.max(1, Math.min(MAX_FETCH, Math.floor(FETCH_BYTES / Math.max(1, bytes / batch.length))));
    }
    await tx.query(`close ${CURSOR}`);
    if (rows !== table.rows) throw new Error(`${t.name}: counted ${table.rows} rows but read ${rows} (the snapshot moved?)`);
    total += rows;
    const end: TableEnd = { tableEnd: t.name, rows, sha256: hash.digest('hex') };
    yield JSON.stringify(end) + '\n';
  }
  const end: BackupEnd = { end: BACKUP_FORMAT, tables: tables.length, rows: total };
  yield JSON.stringify(end) + '\n';
}

/**
 * Writes the whole database to `output` as a gzip'd backup and ends it. On PGlite the transaction
 * holds the database for the duration, so write to a local file (not a slow network client).
 */
export async function writeBackup(db: Db, output: Writable, progress: BackupProgress = {}): Promise<BackupSummary> {
  return db.transaction(async (tx) => {
    let tables = 0;
    let rows = 0;
    let migrations: string[] = [];
    async function* counted() {
      for await (const chunk of backupLines(tx, db.driver)) {
        if (chunk.startsWith('{"format"')) migrations = (JSON.parse(chunk) as BackupManifest).migrations;
        else if (chunk.startsWith('{"tableEnd"')) {
          tables++;
          const end = JSON.parse(chunk) as TableEnd;
          progress.onTable?.(end.tableEnd, end.rows);
        }
        else if (chunk.startsWith('{"end"')) rows = (JSON.parse(chunk) as BackupEnd).rows;
        yield chunk;
      }
    }
    await pipeline(Readable.from(counted()), createGzip(), output);
    return { tables, rows, migrations };
  });
}
