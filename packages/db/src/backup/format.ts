// The backup file: gzip'd JSON lines, one portable file for PGlite and PostgreSQL alike.
//
//   line 1   the manifest: format and version, when and from what, the migrations the schema was
//            built from, every table with its columns, types and row count, and the sequences
//   then     for each table, in foreign-key order: one line per row, a JSON array of the columns'
//            values in PostgreSQL's text form (or null), in primary-key order; then
//            {"tableEnd": name, "rows": n, "sha256": hex of the row lines (each with its "\n")}
//   last     {"end": "trellis-backup", "tables": n, "rows": total}
//
// Values travel as PostgreSQL's own text output (with the session set to UTC, ISO dates, hex
// bytea), which its input functions read back exactly: jsonb, arrays, timestamps, numerics and
// bytea need no special cases, and the same bytes come out of PGlite and PostgreSQL.
import { StringDecoder } from 'node:string_decoder';

export const BACKUP_FORMAT = 'trellis-backup';
export const BACKUP_FORMAT_VERSION = 1;

export interface BackupColumn {
  name: string;
  type: string;
}

export interface BackupTable {
  name: string;
  columns: BackupColumn[];
  rows: number;
}

export interface BackupSequence {
  name: string;
  /** A bigint, as text. */
  lastValue: string;
  isCalled: boolean;
}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  createdAt: string;
  source: { driver: 'pglite' | 'postgres'; server: string };
  migrations: string[];
  tables: BackupTable[];
  sequences: BackupSequence[];
}

export interface TableEnd {
  tableEnd: string;
  rows: number;
  sha256: string;
}

export interface BackupEnd {
  end: typeof BACKUP_FORMAT;
  tables: number;
  rows: number;
}

export interface BackupProgress {
  /** Called after each table is written or loaded (and checked), for a progress display. */
  onTable?: (table: string, rows: number) => void;
}

export interface BackupSummary {
  tables: number;
  rows: number;
  migrations: string[];
}

/** A file that is not a Trellis backup, or not a whole one, or one this version cannot load. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

/** Session settings that make PostgreSQL's text output one fixed form (set inside the transaction). */
export const TEXT_FORM_SETTINGS = [
  `set local timezone to 'UTC'`,
  `set local datestyle to 'ISO, YMD'`,
  `set local intervalstyle to 'postgres'`,
  `set local bytea_output to 'hex'`,
  `set local extra_float_digits to 1`,
];

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks the first line's shape; says what is wrong in words. */
export function parseManifest(line: string | undefined): BackupManifest {
  if (line === undefined) throw new BackupError('The file is empty.');
  let m: unknown;
  try {
    m = JSON.parse(line);
  } catch {
    throw new BackupError('The file is not a Trellis backup (its first line is not a backup manifest).');
  }
  if (!isObject(m) || m.format !== BACKUP_FORMAT) throw new BackupError('The file is not a Trellis backup (its first line is not a backup manifest).');
  if (m.formatVersion !== BACKUP_FORMAT_VERSION) {
    throw new BackupError(`The backup is in format version ${String(m.formatVersion)}; this version of Trellis reads version ${BACKUP_FORMAT_VERSION}.`);
  }
  const tablesOk =
    Array.isArray(m.tables) &&
    m.tables.every(
      (t) =>
        isObject(t) &&
        typeof t.name === 'string' &&
        Number.isInteger(t.rows) &&
        Array.isArray(t.columns) &&
        t.columns.length > 0 &&
        t.columns.every((c) => isObject(c) && typeof c.name === 'string' && typeof c.type === 'string'),
    );
  const sequencesOk = Array.isArray(m.sequences) && m.sequences.every((s) => isObject(s) && typeof s.name === 'string' && typeof s.lastValue === 'string' && /^-?\d+$/.test(s.lastValue) && typeof s.isCalled === 'boolean');
  if (!isStringArray(m.migrations) || !tablesOk || !sequencesOk || typeof m.createdAt !== 'string' || !isObject(m.source)) {
    throw new BackupError('The backup manifest is damaged (its migrations, tables or sequences are missing or malformed).');
  }
  return m as unknown as BackupManifest;
}

/** The longest line restore accepts: a row is one line, and a damaged file must not fill memory. */
export const MAX_LINE = 256 * 1024 * 1024;

/** Splits a byte stream into UTF-8 lines without holding more than one line and one chunk. */
export async function* splitLines(source: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of source) {
    rest += typeof chunk === 'string' ? chunk : decoder.write(chunk);
    let start = 0;
    let nl: number;
    while ((nl = rest.indexOf('\n', start)) >= 0) {
      yield rest.slice(start, nl);
      start = nl + 1;
    }
    rest = start > 0 ? rest.slice(start) : rest;
    if (rest.length > MAX_LINE) throw new BackupError('The backup file is damaged (a line is longer than any row can be).');
  }
  rest += decoder.end();
  if (rest.length > 0) yield rest;
}
