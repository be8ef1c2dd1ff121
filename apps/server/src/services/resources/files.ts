// Reading an uploaded spreadsheet (CSV in UTF-8 or Windows-1252, with or without a byte-order mark;
// or XLSX) into a header and rows of text, and writing rows back out as CSV or XLSX.
import { parse } from 'csv-parse/sync';
import { readSheet } from 'read-excel-file/node';
import { invalid } from '@trellis/core';
import { XLSX_TYPE } from '../exports/tables.js';

export const CSV_TYPES = ['text/csv', 'application/csv', 'text/comma-separated-values'];
/** The largest file an import accepts. */
export const IMPORT_LIMIT = 10 * 1024 * 1024;

export interface Table {
  header: string[];
  rows: string[][];
  /** How the file was read, for the preview. */
  format: 'csv' | 'xlsx';
  encoding: 'utf-8' | 'windows-1252' | null;
}

/** UTF-8 when the bytes are valid UTF-8; otherwise Windows-1252 (what spreadsheet programs save as "CSV" on Windows). */
function decode(bytes: Buffer): { text: string; encoding: 'utf-8' | 'windows-1252' } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

const cellText = (v: unknown): string => (v === null || v === undefined ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v));

export async function readTable(body: Buffer, contentType: string): Promise<Table> {
  if (body.length === 0) throw invalid('The file is empty.', [{ field: 'file', message: 'is empty' }]);
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (type === XLSX_TYPE) {
    let data: unknown[][];
    try {
      data = (await readSheet(body)) as unknown[][];
    } catch (e) {
      throw invalid(`The file could not be read as an Excel workbook: ${e instanceof Error ? e.message : String(e)}`, [{ field: 'file', message: 'is not a readable .xlsx workbook' }]);
    }
    const [header = [], ...rows] = data.map((r) => r.map(cellText));
    return { header, rows, format: 'xlsx', encoding: null };
  }
  const { text, encoding } = decode(body);
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false, trim: false });
  } catch (e) {
    const err = e as { message?: string; lines?: number };
    throw invalid(`The file could not be read as CSV${err.lines ? ` (line ${err.lines})` : ''}: ${err.message ?? String(e)}`, [{ field: 'file', message: 'is not valid CSV' }]);
  }
  const [header = [], ...rows] = records;
  return { header: header.map((h) => h.replace(/^\ufeff/, '')), rows, format: 'csv', encoding };
}

// Writing: the shared export helper (every list downloads the same way).
export { writeCsv, writeXlsx, XLSX_TYPE } from '../exports/tables.js';
