// Helpers for the import tests: a multipart/form-data body as a browser sends it, and the fixtures.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { emptyCounts, type DistrictFeeders, type Unit } from '@trellis/core';
import { insertImportRun, type Queryable } from '@trellis/db';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'imports');
export const fixture = (name: string) => readFileSync(join(FIXTURES, name));

/** A multipart body with one file per field; returns the body and its content-type header. */
export function multipart(files: Record<string, { name?: string; content: string | Buffer }>): { body: Buffer; headers: Record<string, string> } {
  const boundary = `----trellis${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [field, file] of Object.entries(files)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${file.name ?? `${field}.csv`}"\r\nContent-Type: text/csv\r\n\r\n`));
    parts.push(Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content, 'utf8'));
    parts.push(Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}


/** A previewed import run of `unit` with nothing to write (a feeder run when `feeders` is given). */
export async function createImportRun(db: Queryable, unit: Unit, feeders?: DistrictFeeders[]): Promise<{ id: string; version: number }> {
  const id = randomUUID();
  await insertImportRun(db, { id, kind: feeders ? 'feeders' : 'ccd', unitId: unit.id, unitPath: unit.path, counts: emptyCounts(), problemCount: 0, files: [], feeders, createdBy: null });
  return { id, version: 1 };
}

/** A CCD school file (current layout) with one school of the district with this LEAID. */
export function oneSchoolFile(leaId: string, schoolNo: string, name = 'Matrix Elementary'): string {
  return `NCESSCH,LEAID,SCH_NAME,SY_STATUS,GSLO,GSHI\n${leaId}${schoolNo.padStart(5, '0')},${leaId},${name},1,KG,05\n`;
}
