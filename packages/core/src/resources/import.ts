// Validation of a resource inventory imported from a spreadsheet, and the row layout of its export.
// Reading the file (CSV, XLSX) is the server's job; this takes the header row and the data rows as
// strings and says, row by row, what would be written or what is wrong, before anything is written.
//
// - Headers match case-, spacing- and punctuation-insensitively, by a column's header or one of its
//   aliases; text in parentheses is ignored ("Annual cost ($)" is "Annual cost"). Columns Trellis
//   does not know are ignored with a warning, never silently.
// - Row numbers are the file's: the header is row 1, the first data row is row 2. Blank rows are skipped.
// - Each resource gets a natural key (see `resourceNaturalKey`) so that importing the same file
//   twice updates instead of duplicating: the caller upserts by it, in one transaction.
// - The export writes the same columns, in the same order and formats, so an exported file imports
//   back to the same resources.
import type { InterventionFramework } from './framework.js';
import { resolveInterventionCell } from './framework.js';
import { resourceInputFor, type ResourceInput } from './schemas.js';

export interface ResourceImportColumn {
  field: keyof ResourceInput;
  /** The header the export writes. */
  header: string;
  /** Other headers accepted on import. */
  aliases: readonly string[];
  /** A file without this column is refused. */
  required: boolean;
  /** What to write in it, for the import page and the template. */
  help: string;
}

export const RESOURCE_IMPORT_COLUMNS: readonly ResourceImportColumn[] = [
  { field: 'name', header: 'Name', aliases: ['Resource', 'Resource name', 'Program', 'Program name', 'Service', 'Title'], required: true, help: 'The program, service, initiative or staff role.' },
  { field: 'description', header: 'Description', aliases: ['Details', 'Summary'], required: false, help: 'What it does.' },
  { field: 'kind', header: 'Kind', aliases: ['Type', 'Resource type', 'Category'], required: true, help: 'program, service, initiative or staff role.' },
  { field: 'providerType', header: 'Provider type', aliases: ['Provider', 'Provided by'], required: true, help: 'school, district or community agency.' },
  {
    field: 'partnerName',
    header: 'Partner name',
    aliases: ['Partner', 'Agency', 'Community partner', 'Community agency', 'Provider name'],
    required: false,
    help: 'The community agency that provides it (required when the provider is a community agency).',
  },
  {
    field: 'cells',
    header: 'Cells',
    aliases: ['Cell', 'Framework cells', 'Framework cell', 'Arena and level', 'Placement'],
    required: true,
    help: 'One or more cells of the framework, separated by ";": a key (crisis-assistance:early-intervention) or arena / level names (Crisis / Early intervention).',
  },
  {
    field: 'populationServed',
    header: 'Population served',
    aliases: ['Students served', 'Number served', 'Served', 'Population', 'Enrollment served'],
    required: false,
    help: 'Students (or families) served in a year; blank when unknown.',
  },
  { field: 'capacity', header: 'Capacity', aliases: ['Max served', 'Slots'], required: false, help: 'How many it could serve.' },
  { field: 'staffFte', header: 'Staff FTE', aliases: ['FTE', 'Staff', 'Staffing', 'Full time equivalent'], required: false, help: 'Staff full-time equivalents, e.g. 1.5.' },
  { field: 'annualCost', header: 'Annual cost', aliases: ['Cost', 'Budget', 'Annual budget', 'Yearly cost'], required: false, help: 'Dollars a year, e.g. 12500 or $12,500.' },
  { field: 'fundingSource', header: 'Funding source', aliases: ['Funding', 'Fund', 'Funded by', 'Source of funds'], required: false, help: 'Where the money comes from.' },
  {
    field: 'fundingEndsOn',
    header: 'Funding ends on',
    aliases: ['Funding end date', 'Funding end', 'Grant end date', 'Grant ends', 'End date'],
    required: false,
    help: 'For grants: the last day of funding, as 2027-06-30 or 6/30/2027.',
  },
  { field: 'responsibleMechanismId', header: 'Responsible mechanism id', aliases: ['Mechanism id'], required: false, help: 'The id of the mechanism responsible for it.' },
  { field: 'responsiblePersonId', header: 'Responsible person id', aliases: ['Person id', 'Contact id'], required: false, help: 'The id of the person responsible for it.' },
  { field: 'coordinated', header: 'Coordinated', aliases: ['Coordinated with others', 'Is coordinated', 'Integrated'], required: false, help: 'yes or no; blank means no.' },
  { field: 'purposeTags', header: 'Purpose tags', aliases: ['Tags', 'Purpose', 'Purposes'], required: false, help: 'What it is for, separated by ";", e.g. attendance; mentoring.' },
  {
    field: 'targetPopulation',
    header: 'Target population',
    aliases: ['Target group', 'Serves', 'Who it serves', 'Eligibility'],
    required: false,
    help: 'Who it serves, e.g. grade 9 students with chronic absence.',
  },
];

/** The header row of an export, and of the import template. */
export const RESOURCE_EXPORT_HEADER: readonly string[] = RESOURCE_IMPORT_COLUMNS.map((c) => c.header);

export interface ResourceImportProblem {
  /** 1-based, as in the file: the header is row 1. */
  row: number;
  /** The column's header as the file has it (Trellis's header when the file lacks the column). */
  column: string;
  message: string;
}

export interface ResourceImportRow {
  row: number;
  naturalKey: string;
  resource: ResourceInput;
}

export interface ResourceImportResult {
  /** True when there is no problem: the rows may be written, all of them. */
  ok: boolean;
  /** The rows that are valid (all of them when `ok`). */
  resources: ResourceImportRow[];
  /** Every problem that stops the import, in row order. */
  problems: ResourceImportProblem[];
  /** What is ignored: unknown columns. */
  warnings: ResourceImportProblem[];
  /** Which field each column of the file fills (null: ignored). */
  columns: { header: string; field: keyof ResourceInput | null }[];
  /** Rows skipped because every cell was blank. */
  blankRows: number[];
}

export interface ResourceImportOptions {
  framework: InterventionFramework;
  /** More data rows than this are refused. Default 10,000. */
  maxRows?: number;
}

// ---- Normalizing ---------------------------------------------------------------------------------

const fold = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ');

// "staffFte" reads as "staff fte", like "Staff FTE" and "staff_fte".
const headerKey = (header: string) =>
  fold(header.replace(/\([^)]*\)/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2'))
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

const HEADER_LOOKUP = new Map<string, ResourceImportColumn>();
for (const column of RESOURCE_IMPORT_COLUMNS) {
  for (const h of [column.header, column.field, ...column.aliases]) HEADER_LOOKUP.set(headerKey(h), column);
}

/** The column a header names, or undefined. */
export const resourceImportColumnFor = (header: string): ResourceImportColumn | undefined => HEADER_LOOKUP.get(headerKey(header));

/**
 * The key under which an import upserts a resource: its name, provider type and partner, each
 * lowercased with accents, punctuation and extra spaces removed ("Check & Connect" = "check and
 * connect"). Cells are not part of it on purpose: re-importing a file where a resource moved to
 * another cell updates it, and one resource in several cells is one row, not several.
 */
export function resourceNaturalKey(resource: { name: string; providerType: string; partnerName?: string | null | undefined }): string {
  const norm = (s: string) =>
    fold(s)
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  return `${norm(resource.name)}|${resource.providerType}|${norm(resource.partnerName ?? '')}`;
}

// ---- Cell values ---------------------------------------------------------------------------------

const LIST_SEPARATOR = /[;|,\n]/;
const splitList = (value: string) =>
  value
    .split(LIST_SEPARATOR)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

const KIND_WORDS: Record<string, ResourceInput['kind']> = {
  program: 'program',
  programme: 'program',
  service: 'service',
  initiative: 'initiative',
  'staff role': 'staff_role',
  staff: 'staff_role',
  role: 'staff_role',
  position: 'staff_role',
};
const PROVIDER_WORDS: Record<string, ResourceInput['providerType']> = {
  school: 'school',
  district: 'district',
  lea: 'district',
  'community agency': 'community_agency',
  community: 'community_agency',
  agency: 'community_agency',
  'community partner': 'community_agency',
  partner: 'community_agency',
};
const word = (value: string) =>
  fold(value)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

const YES = new Set(['yes', 'y', 'true', '1', 'x']);
const NO = new Set(['no', 'n', 'false', '0', '']);

/** A spreadsheet's way of keeping "=SUM(...)" from running: the export prefixes "'" and the import removes it. */
const FORMULA_START = /^[=+\-@\t\r]/;
const unguard = (value: string) => (/^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value);
const guard = (value: string) => (FORMULA_START.test(value) ? `'${value}` : value);

type Parsed = { ok: true; value: unknown } | { ok: false; message: string };

function parseNumber(raw: string, whole: boolean): Parsed {
  const cleaned = raw.replace(/[$\s,]/g, '');
  if (cleaned === '') return { ok: true, value: null };
  if (!/^-?\d+(?:\.\d+)?$|^-?\.\d+$/.test(cleaned)) return { ok: false, message: `"${raw}" is not a number${whole ? ' (write a whole number, e.g. 120)' : ' (e.g. 1.5 or 12500)'}` };
  const n = Number(cleaned);
  return { ok: true, value: n };
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function parseDate(raw: string): Parsed {
  const v = raw.trim();
  if (v === '') return { ok: true, value: null };
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v))) [m, d, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else return { ok: false, message: `"${raw}" is not a date: write 2027-06-30 (or 6/30/2027)` };
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  if (m < 1 || m > 12 || d < 1 || d > (m === 2 && !leap ? 28 : (DAYS_IN_MONTH[m - 1] ?? 31))) return { ok: false, message: `"${raw}" is not a day of the calendar` };
  return { ok: true, value: `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
}

function parseValue(field: keyof ResourceInput, raw: string, framework: InterventionFramework): Parsed {
  const value = unguard(raw.trim());
  switch (field) {
    case 'kind':
      return { ok: true, value: KIND_WORDS[word(value)] ?? value };
    case 'providerType':
      return { ok: true, value: PROVIDER_WORDS[word(value)] ?? value };
    case 'cells':
      // A cell that names nothing is passed on as typed, lowercased, for the schema to name it.
      return { ok: true, value: splitList(value).map((c) => resolveInterventionCell(framework, c) ?? c.toLowerCase()) };
    case 'purposeTags':
      return { ok: true, value: splitList(value) };
    case 'populationServed':
    case 'capacity':
      return parseNumber(value, true);
    case 'staffFte':
    case 'annualCost':
      return parseNumber(value, false);
    case 'fundingEndsOn':
      return parseDate(value);
    case 'coordinated': {
      const w = word(value);
      if (YES.has(w)) return { ok: true, value: true };
      if (NO.has(w)) return { ok: true, value: false };
      return { ok: false, message: `"${raw}" is not yes or no` };
    }
    case 'responsibleMechanismId':
    case 'responsiblePersonId':
      return { ok: true, value: value === '' ? null : value };
    case 'name':
      return { ok: true, value };
    default:
      return { ok: true, value: value === '' ? null : value };
  }
}

// ---- The import ----------------------------------------------------------------------------------

/** Which field each header fills, and what is wrong with the header row. */
export function mapResourceImportHeader(header: readonly string[]): {
  columns: { header: string; field: keyof ResourceInput | null }[];
  problems: ResourceImportProblem[];
  warnings: ResourceImportProblem[];
} {
  const problems: ResourceImportProblem[] = [];
  const warnings: ResourceImportProblem[] = [];
  const taken = new Map<keyof ResourceInput, string>();
  const columns = header.map((h) => {
    const text = h.trim();
    if (text === '') return { header: text, field: null };
    const column = resourceImportColumnFor(text);
    if (!column) {
      warnings.push({ row: 1, column: text, message: 'is not a column Trellis knows; its values are ignored' });
      return { header: text, field: null };
    }
    const earlier = taken.get(column.field);
    if (earlier !== undefined) {
      problems.push({ row: 1, column: text, message: `names the same thing as the column "${earlier}" (${column.header}): keep one of them` });
      return { header: text, field: null };
    }
    taken.set(column.field, text);
    return { header: text, field: column.field };
  });
  for (const column of RESOURCE_IMPORT_COLUMNS) {
    if (column.required && !taken.has(column.field)) {
      problems.push({ row: 1, column: column.header, message: `is missing: the file needs a "${column.header}" column (${column.help})` });
    }
  }
  return { columns, problems, warnings };
}

/**
 * What importing these rows would do. All-or-nothing: the caller writes `resources` only when `ok`,
 * upserting by `naturalKey` in one transaction. Two rows with the same natural key are a problem
 * (the second names the first), so one file never holds one resource twice.
 */
export function validateResourceImport(header: readonly string[], rows: readonly (readonly string[])[], options: ResourceImportOptions): ResourceImportResult {
  const { framework, maxRows = 10_000 } = options;
  const mapped = mapResourceImportHeader(header);
  const result: ResourceImportResult = { ok: false, resources: [], problems: [...mapped.problems], warnings: mapped.warnings, columns: mapped.columns, blankRows: [] };
  if (rows.length > maxRows) {
    result.problems.push({ row: maxRows + 2, column: mapped.columns[0]?.header ?? '', message: `the file has ${rows.length.toLocaleString('en-US')} data rows; import at most ${maxRows.toLocaleString('en-US')} at a time` });
    return result;
  }
  if (mapped.problems.length > 0) return result;

  const schema = resourceInputFor(framework);
  const columnOf = new Map<string, string>();
  for (const c of mapped.columns) if (c.field) columnOf.set(c.field, c.header);
  const headerFor = (field: string) => columnOf.get(field) ?? RESOURCE_IMPORT_COLUMNS.find((c) => c.field === field)?.header ?? field;
  const firstRowOfKey = new Map<string, number>();

  rows.forEach((cells, i) => {
    const row = i + 2;
    if (cells.every((c) => c.trim() === '')) {
      result.blankRows.push(row);
      return;
    }
    const candidate: Record<string, unknown> = { coordinated: false };
    const rowProblems: ResourceImportProblem[] = [];
    mapped.columns.forEach((column, j) => {
      if (!column.field) return;
      const parsed = parseValue(column.field, cells[j] ?? '', framework);
      if (parsed.ok) candidate[column.field] = parsed.value;
      else rowProblems.push({ row, column: column.header, message: parsed.message });
    });
    const checked = schema.safeParse(candidate);
    if (!checked.success) {
      for (const issue of checked.error.issues) {
        const field = String(issue.path[0] ?? 'name');
        // A problem already reported for the raw value is not repeated by the schema.
        if (rowProblems.some((p) => p.column === headerFor(field))) continue;
        const item = typeof issue.path[1] === 'number' && Array.isArray(candidate[field]) ? (candidate[field] as unknown[])[issue.path[1]] : undefined;
        const which = item !== undefined && !issue.message.startsWith('"') ? `"${String(item)}" ` : '';
        rowProblems.push({ row, column: headerFor(field), message: `${which}${issue.message}` });
      }
    }
    if (rowProblems.length > 0 || !checked.success) {
      result.problems.push(...rowProblems);
      return;
    }
    const naturalKey = resourceNaturalKey(checked.data);
    const first = firstRowOfKey.get(naturalKey);
    if (first !== undefined) {
      result.problems.push({
        row,
        column: headerFor('name'),
        message: `repeats row ${first} (same name, provider and partner): list all of a resource's cells in one row`,
      });
      return;
    }
    firstRowOfKey.set(naturalKey, row);
    result.resources.push({ row, naturalKey, resource: checked.data });
  });
  result.ok = result.problems.length === 0;
  return result;
}

// ---- The export ----------------------------------------------------------------------------------

const formatNumber = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));

/** One resource as a row under `RESOURCE_EXPORT_HEADER`; it imports back to the same resource. */
export function resourceExportRow(resource: ResourceInput): string[] {
  return RESOURCE_IMPORT_COLUMNS.map(({ field }) => {
    const value = resource[field];
    switch (field) {
      case 'cells':
      case 'purposeTags':
        return ((value as string[] | undefined) ?? []).join('; ');
      case 'coordinated':
        return value ? 'yes' : 'no';
      case 'populationServed':
      case 'capacity':
      case 'staffFte':
      case 'annualCost':
        return formatNumber(value as number | null | undefined);
      default:
        return value === null || value === undefined ? '' : guard(String(value));
    }
  });
}
