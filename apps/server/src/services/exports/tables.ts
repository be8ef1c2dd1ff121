// Lists out of Trellis as spreadsheets: one table (a header and rows) written as CSV or XLSX. Every
// list export goes through here, so every download looks and behaves the same.
import { stringify } from 'csv-stringify/sync';
import writeXlsxFile from 'write-excel-file/node';
import { z } from 'zod';
import { invalid } from '@trellis/core';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** `?format=csv|xlsx` (CSV when absent), for the query schema of an export route. */
export const ExportFormatField = z.enum(EXPORT_FORMATS, { error: 'must be csv or xlsx' }).default('csv');

/** The most rows a download holds; narrower filters get the rest. */
export const EXPORT_LIMIT = 100_000;

/** A cell: text, a number (a number in the spreadsheet too), or empty. */
export type Cell = string | number | null;

export interface ExportTable {
  /** The file's name without extension, e.g. "lincoln-district-units". */
  fileBase: string;
  header: readonly string[];
  rows: Cell[][];
}

/** "Lincoln District (North)" → "lincoln-district-north", for file names. */
export const fileSlug = (...parts: string[]) =>
  parts
    .join(' ')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'export';

/**
 * A spreadsheet program runs a cell that starts with = + - @ as a formula, so text cells that do
 * (other than plain numbers) get a leading apostrophe, which spreadsheets show as text.
 */
export const guardFormula = (text: string) => (/^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text) ? `'${text}` : text);

const csvText = (v: Cell) => (v === null ? '' : typeof v === 'number' ? String(v) : guardFormula(v));

/** CSV with a byte-order mark, so spreadsheet programs read accents right. */
export function writeCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return '\ufeff' + stringify([header.map(csvText), ...rows.map((r) => r.map(csvText))]);
}

export async function writeXlsx(header: readonly string[], rows: readonly (readonly Cell[])[]): Promise<Buffer> {
  const cell = (v: Cell) => (v === null ? null : typeof v === 'number' ? { value: v, type: Number } : { value: v, type: String });
  const data = [header.map((h) => ({ value: h, type: String, fontWeight: 'bold' as const })), ...rows.map((r) => r.map(cell))];
  return writeXlsxFile(data as never).toBuffer();
}

export interface ExportFile {
  contentType: string;
  fileName: string;
  body: string | Buffer;
}

export async function renderTable(table: ExportTable, format: ExportFormat): Promise<ExportFile> {
  if (table.rows.length > EXPORT_LIMIT) {
    throw invalid(`This list has ${table.rows.length.toLocaleString('en-US')} rows, more than a download holds (${EXPORT_LIMIT.toLocaleString('en-US')}). Narrow the filters and download it in parts.`);
  }
  if (format === 'xlsx') return { contentType: XLSX_TYPE, fileName: `${table.fileBase}.xlsx`, body: await writeXlsx(table.header, table.rows) };
  return { contentType: 'text/csv; charset=utf-8', fileName: `${table.fileBase}.csv`, body: writeCsv(table.header, table.rows) };
}
