// Backup and restore as the CLI and the web app use them: to and from files, with the access rule
// for downloading one. The format and the database work are in @trellis/db (packages/db/src/backup).
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { decide, DomainError, forbidden, type Unit } from '@trellis/core';
import { BackupError, listRoots, recordAuditEvent, restoreBackup, writeBackup, type BackupProgress, type BackupSummary, type Db } from '@trellis/db';
import type { ServiceContext } from '../../context.js';

export interface FileSummary extends BackupSummary {
  bytes: number;
}

/** Writes a backup of the whole database to `file`; a failure leaves no file (it is written beside it and renamed). */
export async function backupToFile(db: Db, file: string, progress: BackupProgress = {}): Promise<FileSummary> {
  if (!existsSync(dirname(file) || '.')) throw new Error(`The folder ${dirname(file)} does not exist.`);
  const partial = `${file}.${randomBytes(4).toString('hex')}.partial`;
  try {
    const summary = await writeBackup(db, createWriteStream(partial), progress);
    renameSync(partial, file);
    return { ...summary, bytes: statSync(file).size };
  } catch (e) {
    rmSync(partial, { force: true });
    throw e;
  }
}

/** Restores `file` into `db`, which must be empty; a BackupError says why not (and nothing was written). */
export async function restoreFromFile(db: Db, file: string, progress: BackupProgress = {}): Promise<BackupSummary> {
  if (!existsSync(file)) throw new BackupError(`There is no file ${file}.`);
  return restoreBackup(db, createReadStream(file), progress);
}

/**
 * A backup holds every unit and every account, so downloading one is for whoever administers the
 * whole organization: a system administrator, or an administrator at every top-level unit (the
 * state). Someone who cannot see a top-level unit gets 404, a too-low role there 403, as for any
 * action (core's decide at each top-level unit).
 */
export async function authorizeBackup(ctx: ServiceContext): Promise<Unit[]> {
  const roots = await listRoots(ctx.db);
  if (ctx.caller.isSystemAdmin) return roots;
  if (roots.length === 0) throw forbidden('Only a system administrator can download a backup of a database without units.');
  const decisions = roots.map((r) => decide(ctx.caller, 'database.backup', r.path));
  if (decisions.includes('hidden')) {
    throw new DomainError('not_found', 'There is no backup you can download: a backup holds every unit, so only an administrator of the whole organization can download one.');
  }
  if (decisions.includes('forbidden')) {
    throw forbidden('Downloading a backup needs the administrator role at the top of the organization (the state). Ask a state administrator for a backup.');
  }
  return roots;
}

export interface BackupDownload {
  fileName: string;
  bytes: number;
  stream: Readable;
}

/** The name a downloaded backup gets, e.g. trellis-backup-2026-11-23-1840.jsonl.gz. */
export const backupFileName = (at = new Date()) => `trellis-backup-${at.toISOString().slice(0, 16).replace('T', '-').replace(':', '')}.jsonl.gz`;

/**
 * Writes a backup to a temporary file and hands back a stream of it that deletes the file when
 * done. Spooling first keeps the database transaction short (on PGlite it holds the whole
 * database) whatever the speed of the browser downloading it.
 */
export async function prepareBackupDownload(ctx: ServiceContext): Promise<BackupDownload> {
  const roots = await authorizeBackup(ctx);
  // Recorded first, so the backup itself shows who took it; at the (first) state, so its
  // administrators see it in their audit trail.
  await ctx.db.transaction((tx) =>
    recordAuditEvent(tx, { actorId: ctx.caller.personId, action: 'database.backup', entityType: 'database', entityId: 'backup', unitId: roots[0]?.id ?? null, before: null, after: { name: 'The whole database', via: 'web' }, requestId: ctx.requestId }),
  );
  const dir = mkdtempSync(join(tmpdir(), 'trellis-backup-'));
  const fileName = backupFileName();
  const file = join(dir, fileName);
  try {
    const { bytes } = await backupToFile(ctx.db, file);
    const stream = createReadStream(file);
    stream.on('close', () => rmSync(dir, { recursive: true, force: true }));
    return { fileName, bytes, stream };
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}
