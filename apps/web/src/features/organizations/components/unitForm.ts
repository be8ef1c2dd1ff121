// The add and edit forms' values, and how they become the API's UnitCreate / UnitUpdate bodies.
import { NCES_ID_DIGITS, type Unit, type UnitCreate, type UnitKind, type UnitUpdate } from '@trellis/core';
import { orNull } from '../../../lib/forms';

export interface UnitFormValues {
  kind: UnitKind;
  name: string;
  ncesId: string;
  stateId: string;
  gradeLow: string;
  gradeHigh: string;
  enrollment: string | number;
}

export const emptyUnitForm = (kind: UnitKind): UnitFormValues => ({ kind, name: '', ncesId: '', stateId: '', gradeLow: '', gradeHigh: '', enrollment: '' });

export const unitFormFrom = (u: Unit): UnitFormValues => ({
  kind: u.kind,
  name: u.name,
  ncesId: u.ncesId ?? '',
  stateId: u.stateId ?? '',
  gradeLow: u.gradeLow ?? '',
  gradeHigh: u.gradeHigh ?? '',
  enrollment: u.enrollment ?? '',
});

/** Kinds that carry an NCES id; the others must leave it empty. */
export const hasNcesId = (kind: UnitKind) => NCES_ID_DIGITS[kind] !== undefined;
/** Kinds that enrol students, and so have a grade span and an enrollment. */
export const hasStudents = (kind: UnitKind) => kind === 'school' || kind === 'district';

function details(v: UnitFormValues) {
  // A number input yields '' when empty; a non-number stays as text so the schema names the problem.
  const enrollment = v.enrollment === '' ? null : typeof v.enrollment === 'number' ? v.enrollment : Number.isNaN(Number(v.enrollment)) ? v.enrollment : Number(v.enrollment);
  return {
    name: v.name,
    ncesId: hasNcesId(v.kind) ? orNull(v.ncesId) : null,
    stateId: orNull(v.stateId),
    gradeLow: hasStudents(v.kind) ? ((v.gradeLow || null) as UnitCreate['gradeLow']) : null,
    gradeHigh: hasStudents(v.kind) ? ((v.gradeHigh || null) as UnitCreate['gradeHigh']) : null,
    enrollment: hasStudents(v.kind) ? (enrollment as number | null) : null,
  };
}

export const toUnitCreate = (v: UnitFormValues, parentId: string): UnitCreate => ({ kind: v.kind, parentId, ...details(v) });
export const toUnitUpdate = (v: UnitFormValues, version: number): UnitUpdate => ({ version, ...details(v) });
