// The organization hierarchy: which kind of unit may sit under which, the materialized path that
// makes a subtree one index range, and the rules for official identifiers and grade spans.
import { conflict, invalid, type FieldIssue } from '../errors.js';

export const UNIT_KINDS = ['state', 'region', 'district', 'feeder_pattern', 'school', 'department'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  state: 'State',
  region: 'Region',
  district: 'District',
  feeder_pattern: 'Feeder pattern',
  school: 'School',
  department: 'Department',
};

/**
 * Kinds each kind may sit under; `null` means it may be a root. A feeder pattern is a family of
 * schools around a high school (change-agent-mechanisms.txt, Exhibit 2), so it lives in a district.
 * Departments belong to an agency: the state, a regional unit or a district (sub-departments too).
 */
export const ALLOWED_PARENTS: Record<UnitKind, readonly (UnitKind | null)[]> = {
  state: [null],
  region: ['state'],
  district: ['state', 'region'],
  feeder_pattern: ['district'],
  school: ['feeder_pattern', 'district'],
  department: ['state', 'region', 'district', 'department'],
};

export function allowedChildKinds(parent: UnitKind): UnitKind[] {
  return UNIT_KINDS.filter((k) => ALLOWED_PARENTS[k].includes(parent));
}

const describeParents = (kind: UnitKind) =>
  ALLOWED_PARENTS[kind].map((p) => (p === null ? 'nothing (it is a top-level unit)' : `a ${UNIT_KIND_LABELS[p].toLowerCase()}`)).join(' or ');

/** Throws `invalid` unless a unit of `kind` may sit under a parent of `parentKind` (null: no parent). */
export function checkParentKind(kind: UnitKind, parentKind: UnitKind | null): void {
  if (!ALLOWED_PARENTS[kind].includes(parentKind)) {
    const where = parentKind === null ? 'at the top level' : `under a ${UNIT_KIND_LABELS[parentKind].toLowerCase()}`;
    throw invalid(`A ${UNIT_KIND_LABELS[kind].toLowerCase()} cannot sit ${where}; it must sit under ${describeParents(kind)}.`, [
      { field: 'parentId', message: `must be ${describeParents(kind)}` },
    ]);
  }
}

// ---- Materialized path -------------------------------------------------------------------------
// A unit's path is the ids from the root down to itself, each followed by a slash: "/a/b/c/".
// A subtree is then every path that starts with the unit's path (one range scan on a btree index).

export function pathOf(parentPath: string | null, id: string): string {
  return `${parentPath ?? '/'}${id}/`;
}

export function isWithin(path: string, ancestorPath: string): boolean {
  return path.startsWith(ancestorPath);
}

/** 0 for a root unit, 1 for its children, and so on. */
export function depthOf(path: string): number {
  return path.split('/').length - 3;
}

/** The id of the unit a path ends at. */
export function idOfPath(path: string): string {
  return path.split('/').filter(Boolean).at(-1) ?? '';
}

export function ancestorIds(path: string): string[] {
  return path.split('/').filter(Boolean).slice(0, -1);
}

/** Throws `conflict` when moving the unit at `unitPath` under `newParentPath` would make a cycle. */
export function checkMoveMakesNoCycle(unitPath: string, newParentPath: string): void {
  if (isWithin(newParentPath, unitPath)) {
    throw conflict('A unit cannot be moved under itself or under one of the units inside it: that would make a cycle.', [
      { field: 'parentId', message: 'is the unit itself or inside it' },
    ]);
  }
}

/** The new path of every unit in a moved subtree: the old prefix swapped for the new one. */
export function rebasePath(path: string, oldPrefix: string, newPrefix: string): string {
  if (!path.startsWith(oldPrefix)) throw new Error(`path ${path} is not under ${oldPrefix}`);
  return newPrefix + path.slice(oldPrefix.length);
}

// ---- Official identifiers ----------------------------------------------------------------------

/** NCES ids by kind: a state's 2-digit FIPS code, a 7-digit LEAID (districts and, as NCES lists
 * them, regional service agencies), a 12-digit NCESSCH for schools. */
export const NCES_ID_DIGITS: Partial<Record<UnitKind, number>> = { state: 2, region: 7, district: 7, school: 12 };

export function ncesIdIssue(kind: UnitKind, ncesId: string | null | undefined): FieldIssue | null {
  if (ncesId == null || ncesId === '') return null;
  const digits = NCES_ID_DIGITS[kind];
  if (digits === undefined) return { field: 'ncesId', message: `a ${UNIT_KIND_LABELS[kind].toLowerCase()} has no NCES id` };
  if (!new RegExp(`^\\d{${digits}}$`).test(ncesId)) {
    return { field: 'ncesId', message: `must be ${digits} digits for a ${UNIT_KIND_LABELS[kind].toLowerCase()}` };
  }
  return null;
}

// ---- Grade span --------------------------------------------------------------------------------

/** Grade codes as NCES CCD writes them (GSLO/GSHI), in order. */
export const GRADES = ['PK', 'KG', '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'] as const;
export type Grade = (typeof GRADES)[number];

export function gradeSpanIssue(low: Grade | null | undefined, high: Grade | null | undefined): FieldIssue | null {
  if ((low == null) !== (high == null)) return { field: low == null ? 'gradeLow' : 'gradeHigh', message: 'give both the lowest and the highest grade, or neither' };
  if (low != null && high != null && GRADES.indexOf(low) > GRADES.indexOf(high)) {
    return { field: 'gradeHigh', message: `must not be below the lowest grade (${low})` };
  }
  return null;
}

/** Checks the fields of a unit that depend on its kind; throws `invalid` listing every problem. */
export function checkUnitFields(kind: UnitKind, fields: { ncesId?: string | null; gradeLow?: Grade | null; gradeHigh?: Grade | null }): void {
  const issues = [ncesIdIssue(kind, fields.ncesId), gradeSpanIssue(fields.gradeLow, fields.gradeHigh)].filter((i): i is FieldIssue => i !== null);
  if (issues.length > 0) throw invalid(issues.map((i) => `${i.field} ${i.message}`).join('; '), issues);
}

/**
 * The half-open range [from, to) of paths in the subtree at `path`, for an index range scan that
 * does not depend on LIKE or collation: '/' is followed by '0' in byte order.
 */
export function subtreeRange(path: string): { from: string; to: string } {
  return { from: path, to: `${path.slice(0, -1)}0` };
}
