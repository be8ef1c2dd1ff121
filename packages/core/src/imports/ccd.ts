// Reading NCES Common Core of Data (CCD) directory files: the school file (one row per school,
// keyed by NCESSCH) and the LEA file (one row per local education agency, keyed by LEAID), in both
// layouts NCES has published:
//   - 2013-14 and earlier ("2013"): SCHNAM, LEANM, STATUS, CHARTR, LATCOD/LONCOD, LEA name in NAME,
//     LEA status in BOUND (see the record layouts in shared/data/texas-directory/*.txt);
//   - 2014-15 on ("current"): SCH_NAME, LEA_NAME, SY_STATUS, CHARTER_TEXT, LEVEL, 65 columns in the
//     school file; coordinates come in NCES EDGE geocode files, so LAT/LON columns are optional.
// Reading the bytes (encoding, CSV) is the server's job; this takes a header and one record at a time
// and says what the row means or why it cannot be used. No I/O, no state: the caller streams.
import { GRADES, type Grade } from '../organizations/units.js';

export type CcdFile = 'schools' | 'leas';
export type CcdLayout = '2013' | 'current';
export type ImportFile = CcdFile | 'regions' | 'feeders' | 'orgs' | 'users' | 'roles' | 'edfi';

/** Why a row (or a whole file, line null) cannot be used, in words a principal can act on. */
export interface ImportProblem {
  file: ImportFile;
  /** The file's line: the header is line 1. Null for a problem of the whole file. */
  line: number | null;
  /** The row's NCES id (or other key) when it has one. */
  key: string | null;
  /** The row's name when it has one. */
  name: string | null;
  /** The column (or Trellis field) at fault, when one is. */
  field: string | null;
  message: string;
}

/** Operational status as NCES codes it (SY_STATUS, STATUS, BOUND): 1–8. */
export const OPERATIONAL_STATUSES = ['open', 'closed', 'new', 'added', 'changed', 'inactive', 'future', 'reopened'] as const;
export type OperationalStatus = (typeof OPERATIONAL_STATUSES)[number];
export const OPERATIONAL_STATUS_LABELS: Record<OperationalStatus, string> = {
  open: 'Open',
  closed: 'Closed',
  new: 'New',
  added: 'Added',
  changed: 'Changed agency',
  inactive: 'Temporarily closed',
  future: 'Opening later',
  reopened: 'Reopened',
};

export const SCHOOL_LEVELS = ['elementary', 'middle', 'high', 'other'] as const;
export type SchoolLevel = (typeof SCHOOL_LEVELS)[number];
export const SCHOOL_LEVEL_LABELS: Record<SchoolLevel, string> = { elementary: 'Elementary', middle: 'Middle', high: 'High', other: 'Other' };

/** The directory fields Trellis keeps for a district or a school. */
export interface DirectoryFields {
  name: string;
  ncesId: string;
  stateId: string | null;
  gradeLow: Grade | null;
  gradeHigh: Grade | null;
  address: string | null;
  city: string | null;
  zip: string | null;
  latitude: number | null;
  longitude: number | null;
  level: SchoolLevel | null;
  charter: boolean | null;
  status: OperationalStatus;
}

export interface CcdDistrict extends DirectoryFields {
  line: number;
  /** NCES agency type: 1 regular … 4 regional service agency … 7 independent charter agency. */
  leaType: number | null;
}

export interface CcdSchool extends DirectoryFields {
  line: number;
  leaId: string;
  /** NCES school type: 1 regular, 2 special education, 3 vocational, 4 alternative, 5 program. */
  schoolType: number | null;
}

// ---- Columns ------------------------------------------------------------------------------------

type Field = 'ncesId' | 'leaId' | 'stateId' | 'name' | 'address' | 'city' | 'zip' | 'status' | 'type' | 'charter' | 'gradeLow' | 'gradeHigh' | 'level' | 'latitude' | 'longitude';

/** Per file and layout, each field's column names (the first present wins); required fields first. */
const COLUMNS: Record<CcdFile, Record<CcdLayout, { required: Partial<Record<Field, string[]>>; optional: Partial<Record<Field, string[]>> }>> = {
  schools: {
    '2013': {
      required: { ncesId: ['NCESSCH'], leaId: ['LEAID'], name: ['SCHNAM'], status: ['STATUS'] },
      optional: {
        stateId: ['SEASCH'], address: ['LSTREE', 'MSTREE'], city: ['LCITY', 'MCITY'], zip: ['LZIP', 'MZIP'], type: ['TYPE'], charter: ['CHARTR'],
        gradeLow: ['GSLO'], gradeHigh: ['GSHI'], latitude: ['LATCOD', 'LAT', 'LATITUDE'], longitude: ['LONCOD', 'LON', 'LONGITUDE'],
      },
    },
    current: {
      required: { ncesId: ['NCESSCH'], leaId: ['LEAID'], name: ['SCH_NAME'], status: ['SY_STATUS'] },
      optional: {
        stateId: ['ST_SCHID'], address: ['LSTREET1', 'MSTREET1'], city: ['LCITY', 'MCITY'], zip: ['LZIP', 'MZIP'], type: ['SCH_TYPE'], charter: ['CHARTER_TEXT'],
        gradeLow: ['GSLO'], gradeHigh: ['GSHI'], level: ['LEVEL'], latitude: ['LAT', 'LATCOD', 'LATITUDE'], longitude: ['LON', 'LONCOD', 'LONGITUDE'],
      },
    },
  },
  leas: {
    '2013': {
      required: { ncesId: ['LEAID'], name: ['NAME'] },
      optional: {
        stateId: ['STID'], address: ['LSTREE', 'MSTREE'], city: ['LCITY', 'MCITY'], zip: ['LZIP', 'MZIP'], type: ['TYPE'], status: ['BOUND'],
        gradeLow: ['GSLO'], gradeHigh: ['GSHI'], latitude: ['LATCOD', 'LAT'], longitude: ['LONCOD', 'LON'],
      },
    },
    current: {
      required: { ncesId: ['LEAID'], name: ['LEA_NAME'], status: ['SY_STATUS'] },
      optional: {
        stateId: ['ST_LEAID'], address: ['LSTREET1', 'MSTREET1'], city: ['LCITY', 'MCITY'], zip: ['LZIP', 'MZIP'], type: ['LEA_TYPE'], charter: ['CHARTER_LEA'],
        gradeLow: ['GSLO'], gradeHigh: ['GSHI'], latitude: ['LAT', 'LATCOD'], longitude: ['LON', 'LONCOD'],
      },
    },
  },
};

/** A file's header, understood: which file and layout it is and where each field's column is. */
export interface CcdHeader {
  file: CcdFile;
  layout: CcdLayout;
  columnCount: number;
  index: Partial<Record<Field, number>>;
}

const FILE_LABEL: Record<CcdFile, string> = { schools: 'CCD school file', leas: 'CCD LEA (district) file' };

const normal = (h: string) => h.replace(/^\ufeff/, '').trim().toUpperCase();

/**
 * Works out the layout from the header, or returns the problem with the file. A school file has
 * NCESSCH; an LEA file has LEAID and no NCESSCH. `expected` is the slot the user uploaded it in.
 */
export function readCcdHeader(expected: CcdFile, header: readonly string[]): CcdHeader | ImportProblem {
  const names = header.map(normal);
  const has = (c: string) => names.includes(c);
  const problem = (message: string): ImportProblem => ({ file: expected, line: 1, key: null, name: null, field: null, message });
  if (expected === 'schools' && !has('NCESSCH') && has('LEAID')) return problem('This looks like an LEA (district) file, not a school file: it has no NCESSCH column. Upload it as the LEA file.');
  if (expected === 'leas' && has('NCESSCH')) return problem('This looks like a school file, not an LEA (district) file: it has an NCESSCH column. Upload it as the school file.');
  const layout: CcdLayout = expected === 'schools' ? (has('SCH_NAME') || has('SY_STATUS') ? 'current' : '2013') : has('LEA_NAME') || has('SY_STATUS') ? 'current' : '2013';
  const spec = COLUMNS[expected][layout];
  const index: Partial<Record<Field, number>> = {};
  const missing: string[] = [];
  for (const [field, options] of Object.entries(spec.required) as [Field, string[]][]) {
    const at = options.map((o) => names.indexOf(o)).find((i) => i >= 0);
    if (at === undefined) missing.push(options[0]!);
    else index[field] = at;
  }
  if (missing.length > 0) {
    const other = layout === 'current' ? 'the 2013 layout (SCHNAM, LEANM…)' : 'the current layout (SCH_NAME, LEA_NAME…)';
    return problem(`This is not a ${FILE_LABEL[expected]} as NCES publishes it: the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing (checked against ${layout === 'current' ? 'the current layout' : 'the 2013 layout'} and ${other}).`);
  }
  for (const [field, options] of Object.entries(spec.optional) as [Field, string[]][]) {
    const at = options.map((o) => names.indexOf(o)).find((i) => i >= 0);
    if (at !== undefined) index[field] = at;
  }
  return { file: expected, layout, columnCount: header.length, index };
}

export const isImportProblem = (x: unknown): x is ImportProblem => typeof x === 'object' && x !== null && 'message' in x && 'file' in x;

// ---- Values -------------------------------------------------------------------------------------

/** CCD's markers for "missing", "not applicable" and "did not meet standards". */
const MISSING = new Set(['', 'M', 'N', '-1', '-2', '-9', '†', 'NOT APPLICABLE', 'NOT REPORTED', 'MISSING']);
const text = (v: string | undefined): string | null => {
  const t = (v ?? '').trim();
  return MISSING.has(t.toUpperCase()) ? null : t.replace(/\s+/g, ' ');
};

/** NCES ids lose their leading zero when a spreadsheet program saved the file: put it back. */
function ncesDigits(v: string | undefined, digits: number): string | null {
  const t = (v ?? '').trim().replace(/^'/, '');
  if (!/^\d+$/.test(t) || t.length > digits || t.length < digits - 1) return null;
  return t.padStart(digits, '0');
}

const STATUS_CODES: Record<string, OperationalStatus> = {
  '1': 'open', '2': 'closed', '3': 'new', '4': 'added', '5': 'changed', '6': 'inactive', '7': 'future', '8': 'reopened',
};
const STATUS_TEXTS: Record<string, OperationalStatus> = {
  OPEN: 'open', CLOSED: 'closed', NEW: 'new', ADDED: 'added', CHANGED: 'changed', INACTIVE: 'inactive', FUTURE: 'future', REOPENED: 'reopened',
};

function status(v: string | undefined): OperationalStatus | null | 'bad' {
  const t = (v ?? '').trim();
  if (t === '' || t.toUpperCase() === 'M') return null;
  return STATUS_CODES[t.replace(/^0+(?=\d)/, '')] ?? STATUS_TEXTS[t.toUpperCase()] ?? 'bad';
}

/** A grade code as CCD writes it, or null for ungraded / none / adult education; 'bad' otherwise. */
function grade(v: string | undefined, end: 'low' | 'high'): Grade | null | 'bad' {
  const t = (v ?? '').trim().toUpperCase();
  if (t === '' || ['UG', 'N', 'M', 'AE', '-1', '-2', '-9', 'NO GRADES OFFERED', 'NOT APPLICABLE', 'NOT REPORTED'].includes(t)) return null;
  const code = t === 'K' || t === 'KG' ? 'KG' : /^\d{1,2}$/.test(t) ? t.padStart(2, '0') : t;
  if (code === '13') return end === 'high' ? '12' : 'bad';
  return (GRADES as readonly string[]).includes(code) ? (code as Grade) : 'bad';
}

function coordinate(v: string | undefined, limit: number): number | null | 'bad' {
  const t = (v ?? '').trim();
  if (t === '' || MISSING.has(t.toUpperCase())) return null;
  const n = Number(t);
  if (!Number.isFinite(n)) return 'bad';
  if (n === 0) return null; // "A zero indicates that no value was derived."
  return Math.abs(n) > limit ? 'bad' : n;
}

function charter(v: string | undefined): boolean | null {
  const t = (v ?? '').trim().toUpperCase();
  if (t === '1' || t === 'YES' || t === 'Y') return true;
  if (t === '2' || t === 'NO') return false;
  // Current LEA files: CHARTER_LEA codes (NOTCHR, CHRTIND, CHRTNOTLEA, ALLCHRT…).
  if (t.startsWith('NOT')) return false;
  if (t.startsWith('CHRT') || t.startsWith('ALLCHR')) return true;
  return null;
}

const LEVEL_TEXTS: Record<string, SchoolLevel> = { ELEMENTARY: 'elementary', PRIMARY: 'elementary', MIDDLE: 'middle', HIGH: 'high', OTHER: 'other', SECONDARY: 'other', '1': 'elementary', '2': 'middle', '3': 'high', '4': 'other' };

/**
 * The school level NCES derives from the grade span (its LEVEL variable, which the 2013 file does
 * not carry): primary when the lowest grade is PK–3 and the highest at most 8; middle when the
 * lowest is 4–7 and the highest 4–9; high when the lowest is 7–12 and the highest 12; otherwise other.
 */
export function levelOfGrades(low: Grade | null, high: Grade | null): SchoolLevel | null {
  if (low === null || high === null) return null;
  const lo = GRADES.indexOf(low) - 1; // PK -1, KG 0, 01 1 …
  const hi = GRADES.indexOf(high) - 1;
  if (lo <= 3 && hi <= 8) return 'elementary';
  if (lo >= 4 && lo <= 7 && hi >= 4 && hi <= 9) return 'middle';
  if (lo >= 7 && hi === 12) return 'high';
  return 'other';
}

const zip = (v: string | undefined) => {
  const t = (v ?? '').trim();
  return /^\d{5}(-?\d{4})?$/.test(t) ? t.slice(0, 5) : /^\d{4}$/.test(t) ? t.padStart(5, '0') : null;
};

// ---- Rows ---------------------------------------------------------------------------------------

export type CcdRowResult<T> = { ok: true; row: T } | { ok: false; problems: ImportProblem[] };

/** One record of a school file (`line` is the file's line number) → a school, or its problems. */
export function parseCcdSchool(header: CcdHeader, record: readonly string[], line: number): CcdRowResult<CcdSchool> {
  const r = parseCommon(header, record, line);
  if (!r.ok) return r;
  const { fields, get, problems, problem } = r;
  const leaId = ncesDigits(get('leaId'), 7);
  if (leaId === null) problem('LEAID', `"${get('leaId') ?? ''}" is not an NCES district id (7 digits)`);
  else if (fields.ncesId !== '' && !fields.ncesId.startsWith(leaId)) problem('NCESSCH', `${fields.ncesId} does not begin with its district's LEAID ${leaId}`);
  const typeText = (get('type') ?? '').trim();
  const schoolType = /^[1-5]$/.test(typeText) ? Number(typeText) : null;
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, row: { ...fields, line, leaId: leaId!, schoolType } };
}

/** One record of an LEA file → a district, or its problems. */
export function parseCcdDistrict(header: CcdHeader, record: readonly string[], line: number): CcdRowResult<CcdDistrict> {
  const r = parseCommon(header, record, line);
  if (!r.ok) return r;
  if (r.problems.length > 0) return { ok: false, problems: r.problems };
  const typeText = (r.get('type') ?? '').trim();
  const leaType = /^[1-9]$/.test(typeText) ? Number(typeText) : null;
  // A district has no school level; its grade span still says what it serves. Type 7 is a charter agency.
  return { ok: true, row: { ...r.fields, level: null, charter: r.fields.charter ?? (leaType === 7 ? true : null), line, leaType } };
}

function parseCommon(header: CcdHeader, record: readonly string[], line: number) {
  const file = header.file;
  const get = (f: Field) => (header.index[f] === undefined ? undefined : record[header.index[f]!]);
  const idDigits = file === 'schools' ? 12 : 7;
  const rawId = (get('ncesId') ?? '').trim();
  const rawName = text(get('name'));
  const base = { file, line, key: rawId || null, name: rawName };
  if (record.length !== header.columnCount) {
    const short = record.length < header.columnCount;
    return {
      ok: false as const,
      problems: [{ ...base, field: null, message: `The line has ${record.length} values where the header has ${header.columnCount}${short ? ': it is cut short (a truncated file, or a line break inside a value?)' : ': a value holds an unquoted comma, or the line is two lines run together'}.` }],
    };
  }
  const problems: ImportProblem[] = [];
  const problem = (field: string, message: string) => problems.push({ ...base, field, message });
  const ncesId = ncesDigits(rawId, idDigits);
  if (ncesId === null) problem(file === 'schools' ? 'NCESSCH' : 'LEAID', `"${rawId}" is not an NCES ${file === 'schools' ? 'school id (12 digits)' : 'district id (7 digits)'}`);
  if (rawName === null) problem(file === 'schools' ? (header.layout === 'current' ? 'SCH_NAME' : 'SCHNAM') : header.layout === 'current' ? 'LEA_NAME' : 'NAME', 'is empty: every school and district needs a name');
  else if (rawName.length > 200) problem('name', 'is longer than 200 characters');
  const st = status(get('status'));
  if (st === 'bad') problem(file === 'schools' ? (header.layout === 'current' ? 'SY_STATUS' : 'STATUS') : header.layout === 'current' ? 'SY_STATUS' : 'BOUND', `"${get('status')}" is not an NCES status code (1 to 8)`);
  const lo = grade(get('gradeLow'), 'low');
  const hi = grade(get('gradeHigh'), 'high');
  if (lo === 'bad') problem('GSLO', `"${get('gradeLow')}" is not a grade (PK, KG, 01 to 12, UG or N)`);
  if (hi === 'bad') problem('GSHI', `"${get('gradeHigh')}" is not a grade (PK, KG, 01 to 12, UG or N)`);
  let gradeLow = lo === 'bad' ? null : lo;
  let gradeHigh = hi === 'bad' ? null : hi;
  if (gradeLow !== null && gradeHigh !== null && GRADES.indexOf(gradeLow) > GRADES.indexOf(gradeHigh)) problem('GSHI', `the highest grade ${gradeHigh} is below the lowest ${gradeLow}`);
  if ((gradeLow === null) !== (gradeHigh === null)) gradeLow = gradeHigh = null; // ungraded at one end: no span
  const lat = coordinate(get('latitude'), 90);
  const lon = coordinate(get('longitude'), 180);
  if (lat === 'bad') problem('latitude', `"${get('latitude')}" is not a latitude`);
  if (lon === 'bad') problem('longitude', `"${get('longitude')}" is not a longitude`);
  const latitude = lat === 'bad' || lon === 'bad' || lat === null || lon === null ? null : lat;
  const longitude = latitude === null ? null : (lon as number);
  const levelText = (get('level') ?? '').trim().toUpperCase();
  const level: SchoolLevel | null = LEVEL_TEXTS[levelText] ?? levelOfGrades(gradeLow, gradeHigh);
  const stateIdText = text(get('stateId'));
  const fields: DirectoryFields = {
    name: rawName ?? '',
    ncesId: ncesId ?? '',
    stateId: stateIdText && stateIdText.length <= 40 ? stateIdText.replace(/^'/, '') : null,
    gradeLow,
    gradeHigh,
    address: text(get('address'))?.slice(0, 200) ?? null,
    city: text(get('city'))?.slice(0, 100) ?? null,
    zip: zip(get('zip')),
    latitude,
    longitude,
    level,
    charter: charter(get('charter')),
    status: st === 'bad' || st === null ? 'open' : st,
  };
  return { ok: true as const, fields, get, problems, problem };
}

/** Closed schools and districts are archived, never deleted; every other status stays active. */
export const isClosed = (s: OperationalStatus) => s === 'closed';

/** CCD LEA type 4: a regional education service agency (Texas's 20 service centers are LEAs of this type). */
export const SERVICE_AGENCY_TYPE = 4;
