// Backups in memory for the tests: write one to a buffer, read its lines, edit it (fixing or not
// the checksums), and open never-migrated databases to restore into.
import { createHash } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import { gunzipSync, gzipSync } from 'node:zlib';
import { connect, restoreBackup, writeBackup, type BackupManifest, type Db } from '@trellis/db';
import { freshPostgresUrl, type DatabaseTarget } from './databases.js';

export async function backupBuffer(db: Db): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await writeBackup(db, out);
  return Buffer.concat(chunks);
}

export const restoreBuffer = (db: Db, file: Buffer) => restoreBackup(db, Readable.from([file]));

export const linesOf = (file: Buffer) => gunzipSync(file).toString('utf8').replace(/\n$/, '').split('\n');
export const manifestOf = (file: Buffer) => JSON.parse(linesOf(file)[0]!) as BackupManifest;

/** The backup's content: every line, with the manifest's when-and-from-what left out. */
export function contentOf(file: Buffer): string[] {
  const [first, ...rest] = linesOf(file);
  const { createdAt: _at, source: _source, ...manifest } = JSON.parse(first!) as BackupManifest;
  return [JSON.stringify(manifest), ...rest];
}

/** Recomputes each table's checksum and count, as a careful forger would. */
export function withChecksums(lines: string[]): string[] {
  let hash = createHash('sha256');
  let rows = 0;
  return lines.map((line, i) => {
    if (i === 0) return line;
    if (line.startsWith('[')) {
      hash.update(line + '\n');
      rows++;
      return line;
    }
    const parsed = JSON.parse(line) as { tableEnd?: string };
    if (parsed.tableEnd === undefined) return line;
    const fixed = JSON.stringify({ ...parsed, rows, sha256: hash.digest('hex') });
    hash = createHash('sha256');
    rows = 0;
    return fixed;
  });
}

export const gzipLines = (lines: string[]) => gzipSync(lines.join('\n') + '\n');

/** The row lines of one table, with their line numbers. */
export function rowsOf(lines: string[], table: string): { at: number; values: (string | null)[] }[] {
  const manifest = JSON.parse(lines[0]!) as BackupManifest;
  let at = 1;
  for (const t of manifest.tables) {
    if (t.name === table) return Array.from({ length: t.rows }, (_, i) => ({ at: at + i, values: JSON.parse(lines[at + i]!) as (string | null)[] }));
    at += t.rows + 1;
  }
  throw new Error(`no table ${table} in the backup`);
}

/** A database of the target's kind that has never been migrated (no tables at all). */
export async function openNeverMigrated(target: DatabaseTarget): Promise<Db> {
  return target.name === 'PGlite' ? connect({}) : connect({ databaseUrl: await freshPostgresUrl({ empty: true }), maxConnections: 2 });
}

/** The tables of the current schema: none, for a database a failed restore left as it was. */
export async function tableNames(db: Db): Promise<string[]> {
  return (await db.query<{ name: string }>(`select tablename as name from pg_tables where schemaname = current_schema() order by tablename`)).map((r) => r.name);
}
