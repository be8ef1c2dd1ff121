// Reading Ed-Fi education organizations as the Ed-Fi API returns them (JSON resources of
// /ed-fi/stateEducationAgencies, educationServiceCenters, localEducationAgencies, schools), one
// resource at a time; the server streams the arrays. No I/O.
//
// Mapping (docs/decisions/0018-oneroster-and-edfi-imports.md): StateEducationAgency → the state
// imported into; EducationServiceCenter → region; LocalEducationAgency → district (under its
// service center, else the state); School → school (under its local education agency). Each is keyed
// by its educationOrganizationId (stateEducationAgencyId, educationServiceCenterId,
// localEducationAgencyId, schoolId: one id space in Ed-Fi). An NCES identification code links the
// unit a CCD import made. Other resources (community organizations, post-secondary institutions…)
// are counted and left out.
import { GRADES, type Grade } from '../organizations/units.js';
import { levelOfGrades, type ImportProblem, type OperationalStatus } from './ccd.js';
import type { OrgRow } from './orgs.js';

export type EdfiResourceType = 'StateEducationAgency' | 'EducationServiceCenter' | 'LocalEducationAgency' | 'School' | 'FeederSchoolAssociation';

/** A FeederSchoolAssociation: `feederSchool` sends its students on to `school`. */
export interface EdfiFeederLink {
  line: number;
  school: string;
  feederSchool: string;
  ended: boolean;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const idText = (v: unknown): string | null => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? String(v) : typeof v === 'string' && /^\d{1,20}$/.test(v.trim()) ? v.trim() : null);
const refId = (r: Json, ref: string, field: string) => (isObject(r[ref]) ? idText((r[ref] as Json)[field]) : null);

/** The text after '#' of a descriptor URI ("uri://ed-fi.org/GradeLevelDescriptor#Ninth grade" → "Ninth grade"). */
export const descriptorValue = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.slice(v.lastIndexOf('#') + 1).trim() : null);

const GRADE_WORDS: Record<string, Grade> = {
  'infant/toddler': 'PK', 'preschool/prekindergarten': 'PK', prekindergarten: 'PK', 'early education': 'PK', kindergarten: 'KG', 'transitional kindergarten': 'KG',
  'first grade': '01', 'second grade': '02', 'third grade': '03', 'fourth grade': '04', 'fifth grade': '05', 'sixth grade': '06',
  'seventh grade': '07', 'eighth grade': '08', 'ninth grade': '09', 'tenth grade': '10', 'eleventh grade': '11', 'twelfth grade': '12',
};

const STATUS_WORDS: Record<string, OperationalStatus> = {
  active: 'open', added: 'added', 'changed agency': 'changed', closed: 'closed', continuing: 'open', future: 'future', inactive: 'inactive', new: 'new', reopened: 'reopened',
};

/** Which Ed-Fi resource a JSON object is, by its identifying property. */
export function edfiTypeOf(r: Json): EdfiResourceType | null {
  if ('feederSchoolReference' in r && 'schoolReference' in r) return 'FeederSchoolAssociation';
  if ('schoolId' in r) return 'School';
  if ('localEducationAgencyId' in r) return 'LocalEducationAgency';
  if ('educationServiceCenterId' in r) return 'EducationServiceCenter';
  if ('stateEducationAgencyId' in r) return 'StateEducationAgency';
  return null;
}

export type EdfiResult = { ok: true; row: OrgRow } | { ok: true; row: null; other: true } | { ok: true; row: null; feeder: EdfiFeederLink } | { ok: false; problem: ImportProblem };

/** An Ed-Fi resource (the `at`-th of its file) as an OrgRow, another resource (left out), or its problem. */
export function parseEdfiResource(value: unknown, at: number, today = new Date().toISOString().slice(0, 10)): EdfiResult {
  const fail = (key: string | null, name: string | null, field: string | null, message: string): EdfiResult => ({ ok: false, problem: { file: 'edfi', line: at, key, name, field, message } });
  if (!isObject(value)) return fail(null, null, null, 'is not a JSON object (an Ed-Fi resource)');
  const type = edfiTypeOf(value);
  if (type === null) return { ok: true, row: null, other: true };
  if (type === 'FeederSchoolAssociation') {
    const school = refId(value, 'schoolReference', 'schoolId');
    const feederSchool = refId(value, 'feederSchoolReference', 'schoolId');
    if (school === null) return fail(null, null, 'schoolReference', 'the FeederSchoolAssociation has no schoolReference.schoolId');
    if (feederSchool === null) return fail(school, null, 'feederSchoolReference', 'the FeederSchoolAssociation has no feederSchoolReference.schoolId');
    const end = typeof value.endDate === 'string' ? value.endDate.slice(0, 10) : '';
    return { ok: true, row: null, feeder: { line: at, school, feederSchool, ended: /^\d{4}-\d{2}-\d{2}$/.test(end) && end < today } };
  }
  const idField = { School: 'schoolId', LocalEducationAgency: 'localEducationAgencyId', EducationServiceCenter: 'educationServiceCenterId', StateEducationAgency: 'stateEducationAgencyId' }[type];
  const key = idText(value[idField]);
  const rawName = typeof value.nameOfInstitution === 'string' ? value.nameOfInstitution.replace(/\s+/g, ' ').trim() : '';
  if (key === null) return fail(null, rawName || null, idField, `${idField} must be a whole number (the educationOrganizationId); it is ${JSON.stringify(value[idField])}`);
  if (rawName === '') return fail(key, null, 'nameOfInstitution', `the ${type} has no nameOfInstitution`);
  if (rawName.length > 200) return fail(key, rawName.slice(0, 60), 'nameOfInstitution', 'the name is longer than 200 characters');

  const kind = ({ School: 'school', LocalEducationAgency: 'district', EducationServiceCenter: 'region', StateEducationAgency: 'state' } as const)[type];
  let parentKey: string | null = null;
  if (type === 'School') {
    parentKey = refId(value, 'localEducationAgencyReference', 'localEducationAgencyId');
    if (parentKey === null) return fail(key, rawName, 'localEducationAgencyReference', 'the school has no localEducationAgencyReference: Trellis places a school in its district');
  } else if (type === 'LocalEducationAgency') {
    // A state education agency reference is the state imported into: no parent to look up.
    parentKey = refId(value, 'educationServiceCenterReference', 'educationServiceCenterId');
  }

  // NCES identification code of the right length for the kind.
  let ncesId: string | null = null;
  const codes = Array.isArray(value.identificationCodes) ? value.identificationCodes : Array.isArray(value.educationOrganizationIdentificationCodes) ? value.educationOrganizationIdentificationCodes : [];
  for (const c of codes) {
    if (!isObject(c) || descriptorValue(c.educationOrganizationIdentificationSystemDescriptor)?.toUpperCase() !== 'NCES') continue;
    const code = typeof c.identificationCode === 'string' ? c.identificationCode.trim() : '';
    if ((kind === 'school' && /^\d{12}$/.test(code)) || ((kind === 'district' || kind === 'region') && /^\d{7}$/.test(code))) ncesId = code;
  }

  const directory: OrgRow['directory'] = {};
  const addresses = (Array.isArray(value.addresses) ? value.addresses : []).filter(isObject);
  const address = addresses.find((a) => descriptorValue(a.addressTypeDescriptor)?.toLowerCase() === 'physical') ?? addresses[0];
  if (address) {
    if (typeof address.streetNumberName === 'string' && address.streetNumberName.trim()) directory.address = address.streetNumberName.trim().slice(0, 200);
    if (typeof address.city === 'string' && address.city.trim()) directory.city = address.city.trim().slice(0, 100);
    const zip = typeof address.postalCode === 'string' ? address.postalCode.trim().slice(0, 5) : '';
    if (/^\d{5}$/.test(zip)) directory.zip = zip;
  }
  let archived = false;
  const status = descriptorValue(value.operationalStatusDescriptor);
  if (status !== null) {
    const s = STATUS_WORDS[status.toLowerCase()];
    if (s) {
      directory.status = s;
      archived = s === 'closed';
    }
  }
  if (type === 'School') {
    const grades = (Array.isArray(value.gradeLevels) ? value.gradeLevels : [])
      .map((g) => (isObject(g) ? GRADE_WORDS[descriptorValue(g.gradeLevelDescriptor)?.toLowerCase() ?? ''] : undefined))
      .filter((g): g is Grade => g !== undefined)
      .sort((a, b) => GRADES.indexOf(a) - GRADES.indexOf(b));
    if (grades.length > 0) {
      directory.gradeLow = grades[0]!;
      directory.gradeHigh = grades[grades.length - 1]!;
      directory.level = levelOfGrades(directory.gradeLow, directory.gradeHigh);
    }
    const charter = descriptorValue(value.charterStatusDescriptor);
    if (charter !== null) directory.charter = !/^not a charter/i.test(charter);
  }
  return { ok: true, row: { file: 'edfi', line: at, key, name: rawName, kind, sourceType: type, parentKey, ncesId, archived, directory } };
}

/** Whether a unit is a high school, for feeder patterns: NCES level high, else a span that ends in grade 12 and starts at 9 or later. */
const isHigh = (u: { level: string | null; gradeLow: string | null; gradeHigh: string | null }) =>
  u.level === 'high' || (u.gradeHigh === '12' && u.gradeLow !== null && GRADES.indexOf(u.gradeLow as Grade) >= GRADES.indexOf('09'));

/**
 * Ed-Fi feeder links (school A feeds school B) as feeder-pattern assignments: each school that is not
 * a high school goes with the high school its chain of links reaches (elementary → middle → high).
 * A school whose chain reaches several high schools goes with the first and the problem names them all.
 */
export function feederAssignmentsFromEdfi(
  links: readonly EdfiFeederLink[],
  units: readonly { id: string; kind: string; name: string; edfiId?: string | null; level: string | null; gradeLow: string | null; gradeHigh: string | null }[],
  scopeName: string,
): { assignments: { schoolId: string; highSchoolId: string | null; reason: 'file'; distanceKm: null; line: number }[]; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const byEdfi = new Map(units.filter((u) => u.kind === 'school' && u.edfiId).map((u) => [u.edfiId!, u]));
  const next = new Map<string, string[]>();
  const lineOf = new Map<string, number>();
  for (const l of links) {
    if (l.ended) continue;
    const from = byEdfi.get(l.feederSchool);
    const to = byEdfi.get(l.school);
    if (!from || !to) {
      const missing = !from ? l.feederSchool : l.school;
      problems.push({ file: 'edfi', line: l.line, key: missing, name: null, field: !from ? 'feederSchoolReference' : 'schoolReference', message: `no school of ${scopeName} has the Ed-Fi id ${missing} (import the schools first)` });
      continue;
    }
    next.set(from.id, [...(next.get(from.id) ?? []), to.id]);
    if (!lineOf.has(from.id)) lineOf.set(from.id, l.line);
  }
  const byId = new Map(units.map((u) => [u.id, u]));
  const assignments: { schoolId: string; highSchoolId: string | null; reason: 'file'; distanceKm: null; line: number }[] = [];
  for (const [schoolId, targets] of next) {
    const school = byId.get(schoolId)!;
    if (isHigh(school)) continue;
    const seen = new Set<string>([schoolId]);
    const highs: string[] = [];
    const queue = [...targets];
    while (queue.length > 0) {
      const id = queue.shift()!;
      if (seen.has(id)) continue;
      seen.add(id);
      const u = byId.get(id)!;
      if (isHigh(u)) highs.push(id);
      else queue.push(...(next.get(id) ?? []));
    }
    if (highs.length > 1) problems.push({ file: 'edfi', line: lineOf.get(schoolId)!, key: school.edfiId ?? null, name: school.name, field: 'schoolReference', message: `feeds into ${highs.length} high schools (${highs.map((h) => byId.get(h)!.name).join(', ')}); it goes with the first: change it in the review` });
    assignments.push({ schoolId, highSchoolId: highs[0] ?? null, reason: 'file', distanceKm: null, line: lineOf.get(schoolId)! });
  }
  return { assignments, problems };
}
