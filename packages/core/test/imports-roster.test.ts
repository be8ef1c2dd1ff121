// OneRoster and Ed-Fi imports, the pure part: cycle detection (a property), org type and role
// mapping, parsing rows of both OneRoster layouts and Ed-Fi resources, and the tree plan (parents,
// NCES links, re-running changes nothing).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  blankValues,
  countPeople,
  feederAssignmentsFromEdfi,
  DEFAULT_ROLE_MAPPING,
  findParentCycles,
  grantsOf,
  isImportProblem,
  parseEdfiResource,
  parseOneRosterOrg,
  parseOneRosterUser,
  planOneRosterPeople,
  planOrgImport,
  proposeRoleMapping,
  readOneRosterHeader,
  roleMappingIssues,
  type ExistingUnit,
  type OneRosterHeader,
  type OrgRow,
} from '../src/index.js';

const ORG_HEADER = ['sourcedId', 'status', 'dateLastModified', 'name', 'type', 'identifier', 'parentSourcedId'];
const header = (file: 'orgs' | 'users' | 'roles', cols: string[]) => {
  const h = readOneRosterHeader(file, cols);
  if (isImportProblem(h)) throw new Error(h.message);
  return h as OneRosterHeader;
};

describe('findParentCycles', () => {
  it('finds each cycle once, with its members', () => {
    const links = new Map<string, string | null>([['a', 'b'], ['b', 'c'], ['c', 'a'], ['d', 'c'], ['e', null], ['f', 'f']]);
    const cycles = findParentCycles(links).map((c) => [...c].sort().join(''));
    expect(cycles.sort()).toEqual(['abc', 'f']);
  });

  it('finds a cycle exactly when following parents from some key comes back to it (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 12 }), fc.option(fc.integer({ min: 0, max: 12 }), { nil: null })), { maxLength: 13 }), (pairs) => {
        const links = new Map<string, string | null>();
        for (const [k, p] of pairs) links.set(`k${k}`, p === null ? null : `k${p}`);
        const inCycle = new Set(findParentCycles(links).flat());
        for (const start of links.keys()) {
          let at: string | null | undefined = links.get(start);
          let comesBack = false;
          for (let i = 0; i <= links.size && at != null; i++) {
            if (at === start) {
              comesBack = true;
              break;
            }
            at = links.get(at);
          }
          expect(inCycle.has(start)).toBe(comesBack);
        }
      }),
    );
  });
});

describe('OneRoster org rows', () => {
  const h = header('orgs', ORG_HEADER);
  const row = (type: string, extra: Partial<Record<'status' | 'identifier' | 'parent', string>> = {}) =>
    parseOneRosterOrg(h, ['s1', extra.status ?? 'active', '2026-01-01', 'Unit One', type, extra.identifier ?? '', extra.parent ?? 'p1'], 2);

  it('maps every org type, leaves national out and names an unknown type', () => {
    const kinds = Object.fromEntries(['state', 'local', 'aea', 'district', 'school', 'department'].map((t) => [t, (row(t) as { row: OrgRow }).row.kind]));
    expect(kinds).toEqual({ state: 'state', local: 'region', aea: 'region', district: 'district', school: 'school', department: 'department' });
    expect(row('national')).toEqual({ ok: true, row: null, national: 's1' });
    expect(row('School')).toMatchObject({ ok: true, row: { kind: 'school' } });
    const unknown = row('ministryOfEducation');
    expect(unknown.ok).toBe(false);
    expect(!unknown.ok && unknown.problem).toMatchObject({ line: 2, key: 's1', field: 'type', message: expect.stringContaining('"ministryOfEducation" is not an org type') });
  });

  it('reads tobedeleted as archived, an NCES identifier by its length, and names a bad status and its own parent', () => {
    expect(row('school', { status: 'tobedeleted' })).toMatchObject({ row: { archived: true } });
    expect(row('school', { identifier: '481071000535' })).toMatchObject({ row: { ncesId: '481071000535' } });
    expect(row('district', { identifier: '481071000535' })).toMatchObject({ row: { ncesId: null } });
    expect(row('district', { identifier: '4810710' })).toMatchObject({ row: { ncesId: '4810710' } });
    expect(row('school', { status: 'gone' })).toMatchObject({ ok: false, problem: { field: 'status' } });
    expect(row('school', { parent: 's1' })).toMatchObject({ ok: false, problem: { message: expect.stringContaining('is its own parent') } });
  });

  it('refuses a header without the required columns, and says which file it looks like', () => {
    const p = readOneRosterHeader('orgs', ['sourcedId', 'givenName', 'familyName']);
    expect(isImportProblem(p) && p.message).toMatch(/lacks the columns name, type.*It looks like users.csv/);
    expect((readOneRosterHeader('orgs', ['\ufeffSourcedId', 'Name', 'Type']) as OneRosterHeader).layout).toBe('partial');
    expect((readOneRosterHeader('orgs', ORG_HEADER) as OneRosterHeader).layout).toBe('1.1/1.2');
  });
});

describe('role mapping', () => {
  it('proposes leaders for administrators, members for teachers and aides, and skips students and families', () => {
    expect(proposeRoleMapping(['Administrator', 'teacher', 'aide', 'student', 'guardian', 'parent', 'professor'])).toEqual({
      administrator: 'leader', teacher: 'member', aide: 'member', student: 'skip', guardian: 'skip', parent: 'skip', professor: 'skip',
    });
    expect(DEFAULT_ROLE_MAPPING.districtadministrator).toBe('leader');
  });

  it('refuses to map a student, an unknown choice or a role the file does not use', () => {
    expect(roleMappingIssues({ student: 'member', teacher: 'boss', janitor: 'member', aide: 'skip' }, ['student', 'teacher', 'aide'])).toEqual([
      { field: 'mapping.student', message: 'must be skip: students and their families never become people in Trellis' },
      { field: 'mapping.teacher', message: 'must be skip or one of viewer, member, editor, leader, admin' },
      { field: 'mapping.janitor', message: 'is not a role of this file' },
    ]);
  });

  it('grants the highest mapped role per unit, keeps existing grants, and never makes a student a person', () => {
    const users = ['teacher', 'administrator', 'student'].map((role, i) => ({ line: i + 2, sourcedId: `u${i}`, name: `User ${i}`, email: `u${i}@x.org`, archived: false, roles: [{ role, org: 'o1' }, ...(i === 0 ? [{ role: 'aide', org: 'o1' }, { role: 'teacher', org: 'o2' }] : [])], primaryOrg: 'o1' }));
    const plan = planOneRosterPeople({
      scopeName: 'State', users, roles: null, unitIdByOrg: new Map([['o1', 'unit-1'], ['o2', 'unit-2']]), refusedOrgs: new Map(),
      existingBySourcedId: new Map(), existingByEmail: new Map([['u1@x.org', { id: 'p1', name: 'User 1', email: 'u1@x.org', onerosterId: null, homeUnitId: null, version: 3, grants: [{ unitId: 'unit-1', role: 'viewer' }] }]]),
      newId: () => 'new',
    });
    expect(plan.learners).toBe(1);
    expect(plan.items.map((i) => [i.onerosterId, i.action, i.changes.join()])).toEqual([['u0', 'create', ''], ['u1', 'update', 'home unit,oneroster id']]);
    const mapping = proposeRoleMapping(Object.keys(plan.usersByRole));
    expect(grantsOf(plan.items[0]!, { ...mapping, aide: 'editor' })).toEqual([{ unitId: 'unit-1', role: 'editor' }, { unitId: 'unit-2', role: 'member' }]);
    expect(grantsOf(plan.items[1]!, mapping)).toEqual([]); // a viewer grant at unit-1 is kept as it is
    expect(countPeople(plan, mapping)).toMatchObject({ creates: 1, updates: 1, grants: 2, learners: 1 });
    expect(countPeople(plan, { ...mapping, teacher: 'skip', aide: 'skip' })).toMatchObject({ creates: 0, skipped: 1 });
    expect(countPeople(plan, { ...mapping, student: 'leader' })).toMatchObject({ learners: 1, grants: 2 });
  });

  it('takes the username as the email when it is an address, and never the password', () => {
    const h = header('users', ['sourcedId', 'username', 'givenName', 'familyName', 'password', 'email']);
    const r = parseOneRosterUser(h, ['114001', 'JCraig@classrmtest31.org', 'Jack', 'Craig', 'P@ssword123', ''], 2);
    expect(r).toEqual({ ok: true, row: { line: 2, sourcedId: '114001', name: 'Jack Craig', email: 'jcraig@classrmtest31.org', archived: false, roles: [], primaryOrg: null } });
  });
});

describe('Ed-Fi resources', () => {
  it('tells the resource types apart by their ids and maps them to units', () => {
    expect(parseEdfiResource({ educationServiceCenterId: 255950, nameOfInstitution: 'Region 99' }, 1)).toMatchObject({ row: { kind: 'region', key: '255950', parentKey: null } });
    expect(parseEdfiResource({ localEducationAgencyId: 255901, nameOfInstitution: 'GBISD', educationServiceCenterReference: { educationServiceCenterId: 255950 } }, 2)).toMatchObject({ row: { kind: 'district', parentKey: '255950' } });
    expect(parseEdfiResource({ stateEducationAgencyId: 48, nameOfInstitution: 'TEA' }, 3)).toMatchObject({ row: { kind: 'state' } });
    expect(parseEdfiResource({ communityOrganizationId: 1, nameOfInstitution: 'CIS' }, 4)).toEqual({ ok: true, row: null, other: true });
    const school = parseEdfiResource(
      {
        schoolId: 255901107, nameOfInstitution: 'Grand Bend Elementary School', localEducationAgencyReference: { localEducationAgencyId: 255901 },
        gradeLevels: [{ gradeLevelDescriptor: 'uri://ed-fi.org/GradeLevelDescriptor#Fifth grade' }, { gradeLevelDescriptor: 'uri://ed-fi.org/GradeLevelDescriptor#Kindergarten' }],
        addresses: [{ addressTypeDescriptor: 'uri://ed-fi.org/AddressTypeDescriptor#Mailing', city: 'Box' }, { addressTypeDescriptor: 'uri://ed-fi.org/AddressTypeDescriptor#Physical', streetNumberName: '1 Oak', city: 'Grand Bend', postalCode: '73334-1234' }],
        identificationCodes: [{ educationOrganizationIdentificationSystemDescriptor: 'uri://ed-fi.org/EducationOrganizationIdentificationSystemDescriptor#NCES', identificationCode: '482557002010' }],
        operationalStatusDescriptor: 'uri://ed-fi.org/OperationalStatusDescriptor#Closed',
        charterStatusDescriptor: 'uri://ed-fi.org/CharterStatusDescriptor#Open Enrollment Charter',
      },
      5,
    );
    expect(school).toMatchObject({ row: { kind: 'school', parentKey: '255901', ncesId: '482557002010', archived: true, directory: { gradeLow: 'KG', gradeHigh: '05', level: 'elementary', city: 'Grand Bend', zip: '73334', address: '1 Oak', status: 'closed', charter: true } } });
    expect(parseEdfiResource({ schoolId: 1, nameOfInstitution: 'No LEA' }, 6)).toMatchObject({ ok: false, problem: { field: 'localEducationAgencyReference' } });
    expect(parseEdfiResource([1, 2], 7)).toMatchObject({ ok: false, problem: { line: 7 } });
  });
});

describe('planOrgImport', () => {
  const scope = { id: 'state', kind: 'state' as const, path: '/state/', name: 'Lakeland', ncesId: null };
  const stateUnit: ExistingUnit = { ...blankValues('Lakeland'), id: 'state', kind: 'state', parentId: null, path: '/state/', version: 1, onerosterId: null };
  let n = 0;
  const newId = () => `n${++n}`;
  const org = (key: string, kind: OrgRow['kind'], parentKey: string | null, extra: Partial<OrgRow> = {}): OrgRow => ({ file: 'orgs', line: 2, key, name: key.toUpperCase(), kind, sourceType: kind, parentKey, ncesId: null, archived: false, ...extra });

  it('places children under parents in any order, links a unit by NCES id, and finds nothing to do the second time', () => {
    const ccdSchool: ExistingUnit = { ...blankValues('CCD HIGH'), ncesId: '991234500001', id: 'ccd-hs', kind: 'school', parentId: 'ccd-d', path: '/state/ccd-d/ccd-hs/', version: 2, onerosterId: null };
    const ccdDistrict: ExistingUnit = { ...blankValues('CCD DISTRICT'), ncesId: '9912345', id: 'ccd-d', kind: 'district', parentId: 'state', path: '/state/ccd-d/', version: 1, onerosterId: null };
    const rows = [org('s1', 'school', 'd1'), org('hs', 'school', 'd1', { ncesId: '991234500001' }), org('d1', 'district', 'r1'), org('r1', 'region', 'st'), org('st', 'state', null)];
    const plan = planOrgImport({ source: 'oneroster', scope, existing: [stateUnit, ccdDistrict, ccdSchool], elsewhere: [], rows, newId });
    expect(plan.problems).toEqual([]);
    expect(plan.items.map((i) => [i.action, i.kind, i.values.name, i.changes.join()])).toEqual([
      ['update', 'state', 'Lakeland', 'oneroster id'],
      ['create', 'region', 'R1', ''],
      ['create', 'district', 'D1', ''],
      ['update', 'school', 'CCD HIGH', 'oneroster id'],
      ['create', 'school', 'S1', ''],
    ]);
    // Apply it in memory: the same rows again change nothing.
    const after: ExistingUnit[] = [ccdDistrict, ...plan.items.map((i) => ({ ...i.values, id: i.unitId, kind: i.kind, parentId: i.parentId, path: i.path, version: 2, onerosterId: i.onerosterId ?? null }))];
    const again = planOrgImport({ source: 'oneroster', scope, existing: after, elsewhere: [], rows, newId });
    expect([again.items.length, again.counts.unchanged, again.problems.length]).toEqual([0, 5, 0]);
  });

  it('names a cycle, its descendants, a missing parent and a kind that cannot sit under its parent', () => {
    const rows = [org('a', 'department', 'b'), org('b', 'department', 'a'), org('c', 'department', 'a'), org('x', 'school', 'nowhere'), org('d', 'district', null), org('e', 'department', 'f'), org('f', 'school', 'd')];
    const plan = planOrgImport({ source: 'oneroster', scope, existing: [stateUnit], elsewhere: [], rows, newId });
    const why = Object.fromEntries(plan.problems.map((p) => [p.key, p.message]));
    expect(why.a).toMatch(/go round in a cycle/);
    expect(why.a).toContain('a (A)');
    expect(why.a).toContain('b (B)');
    expect(why.c).toMatch(/its parent a \(A\) cannot be imported/);
    expect(why.x).toMatch(/its parent nowhere is neither in the file nor in Lakeland/);
    expect(why.e).toMatch(/a department \(department\) cannot sit under a school/);
    expect(plan.items.map((i) => i.values.name).sort()).toEqual(['D', 'F']);
  });
});

describe('feederAssignmentsFromEdfi', () => {
  const school = (id: string, low: string, high: string, level: string | null = null) => ({ id, kind: 'school', name: `School ${id}`, edfiId: id, level, gradeLow: low, gradeHigh: high });
  const units = [school('e1', 'KG', '05'), school('m1', '06', '08'), school('h1', '09', '12'), school('h2', '09', '12', 'high'), school('e2', 'PK', '05')];
  const link = (feederSchool: string, s: string, line: number, ended = false) => ({ line, school: s, feederSchool, ended });

  it('follows elementary → middle → high, names a school reaching two high schools, and skips ended links and unknown schools', () => {
    const { assignments, problems } = feederAssignmentsFromEdfi([link('e1', 'm1', 2), link('m1', 'h1', 3), link('e2', 'h1', 4), link('e2', 'h2', 5), link('e1', 'h2', 6, true), link('x9', 'h1', 7)], units, 'Texas');
    expect(assignments.map((a) => [a.schoolId, a.highSchoolId])).toEqual([
      ['e1', 'h1'],
      ['m1', 'h1'],
      ['e2', 'h1'],
    ]);
    expect(problems.map((p) => [p.line, p.key, p.message])).toEqual([
      [7, 'x9', 'no school of Texas has the Ed-Fi id x9 (import the schools first)'],
      [4, 'e2', 'feeds into 2 high schools (School h1, School h2); it goes with the first: change it in the review'],
    ]);
  });
});
