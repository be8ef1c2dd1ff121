// Reading 1EdTech OneRoster CSV files — orgs.csv, users.csv and roles.csv — in the 1.1 and 1.2
// layouts (and the smaller School Data Sync files that leave optional columns out), one record at a
// time like ccd.ts. Headers match case-insensitively. No I/O.
//
// Org types (docs/decisions/0018-oneroster-and-edfi-imports.md): state → the state imported into;
// local and aea (an Area Education Agency, Iowa's regional unit) → region; district → district;
// school → school; department → department; national → left out (its children go under the state).
// Any other type (ext:…, college…) is a problem naming it.
//
// Roles become grants only as the reviewer maps them (DEFAULT_ROLE_MAPPING is the proposal):
// learners and their families (student, guardian, parent, relative) never become people.
import type { Role } from '../access/roles.js';
import type { UnitKind } from '../organizations/units.js';
import type { ImportProblem } from './ccd.js';
import type { OrgRow } from './orgs.js';

const norm = (h: string) => h.replace(/^\ufeff/, '').trim().toLowerCase();

export interface OneRosterHeader {
  file: 'orgs' | 'users' | 'roles';
  /** '1.1/1.2' when every column of the standard is there, else 'partial' (School Data Sync). */
  layout: string;
  columnCount: number;
  col: Record<string, number>;
}

const COLUMNS = {
  orgs: { required: ['sourcedId', 'name', 'type'], optional: ['status', 'dateLastModified', 'identifier', 'parentSourcedId'], standard: ['sourcedId', 'status', 'dateLastModified', 'name', 'type', 'identifier', 'parentSourcedId'] },
  users: {
    required: ['sourcedId', 'givenName', 'familyName'],
    optional: ['status', 'enabledUser', 'username', 'email', 'role', 'roles', 'orgSourcedIds', 'primaryOrgSourcedId', 'identifier'],
    // The columns 1.1 and 1.2 share (1.1 adds orgSourcedIds and role; 1.2 moves roles to roles.csv).
    standard: ['sourcedId', 'status', 'dateLastModified', 'enabledUser', 'username', 'givenName', 'familyName', 'email'],
  },
  roles: { required: ['userSourcedId', 'orgSourcedId', 'role'], optional: ['status', 'roleType', 'isPrimary', 'endDate', 'roleEndDate'], standard: ['sourcedId', 'status', 'dateLastModified', 'userSourcedId', 'roleType', 'role', 'orgSourcedId'] },
} as const;

const WHAT = { orgs: 'orgs.csv', users: 'users.csv', roles: 'roles.csv' } as const;

/** The header of a OneRoster file, or the problem that makes the file unusable. */
export function readOneRosterHeader(file: 'orgs' | 'users' | 'roles', header: readonly string[]): OneRosterHeader | ImportProblem {
  const names = header.map(norm);
  const spec = COLUMNS[file];
  const col: Record<string, number> = {};
  for (const c of [...spec.required, ...spec.optional]) {
    const i = names.indexOf(c.toLowerCase());
    if (i >= 0) col[c] = i;
  }
  const missing = spec.required.filter((c) => col[c] === undefined);
  if (missing.length > 0) {
    const looksLike = (Object.keys(COLUMNS) as (keyof typeof COLUMNS)[]).find((other) => other !== file && COLUMNS[other].required.every((c) => names.includes(c.toLowerCase())));
    const hint = looksLike ? ` It looks like ${WHAT[looksLike]}: send it as that file.` : '';
    return { file, line: 1, key: null, name: null, field: missing.join(', '), message: `This is not a OneRoster ${WHAT[file]}: it lacks the column${missing.length === 1 ? '' : 's'} ${missing.join(', ')}. Its header is: ${header.slice(0, 8).join(', ')}${header.length > 8 ? ', …' : ''}.${hint}` };
  }
  if (file === 'users' && col.role === undefined && col.roles === undefined) col.role = -1;
  const layout = spec.standard.every((c) => names.includes(c.toLowerCase())) ? '1.1/1.2' : 'partial';
  return { file, layout, columnCount: header.length, col };
}

const value = (h: OneRosterHeader, record: readonly string[], c: string) => {
  const i = h.col[c];
  return i === undefined || i < 0 ? '' : (record[i] ?? '').trim();
};

const wrongCount = (h: OneRosterHeader, record: readonly string[], line: number, key: string | null): ImportProblem | null =>
  record.length === h.columnCount
    ? null
    : { file: h.file, line, key, name: null, field: null, message: `has ${record.length} value${record.length === 1 ? '' : 's'} where the header has ${h.columnCount} columns (a line cut short or a stray comma)` };

/** OneRoster org types and the unit kind each becomes; null: left out on purpose. */
export const ONEROSTER_ORG_TYPES: Record<string, UnitKind | null> = {
  national: null,
  state: 'state',
  local: 'region',
  aea: 'region',
  district: 'district',
  school: 'school',
  department: 'department',
};

/** OneRoster statuses: active (or empty), tobedeleted; inactive (1.0) reads as tobedeleted. */
const archivedOf = (status: string): boolean | null => {
  const s = status.toLowerCase();
  if (s === '' || s === 'active') return false;
  if (s === 'tobedeleted' || s === 'inactive') return true;
  return null;
};

/** An NCES id written as a OneRoster identifier: 7 digits (LEAID) or 12 (NCESSCH), else null. */
export function ncesIdOfIdentifier(kind: UnitKind, identifier: string): string | null {
  const t = identifier.trim();
  if (kind === 'district' || kind === 'region') return /^\d{7}$/.test(t) ? t : null;
  if (kind === 'school') return /^\d{12}$/.test(t) ? t : null;
  return null;
}

export type OrgRowResult = { ok: true; row: OrgRow } | { ok: true; row: null; national: string } | { ok: false; problem: ImportProblem };

/** A row of orgs.csv as an OrgRow, a national org (left out), or its problem. */
export function parseOneRosterOrg(h: OneRosterHeader, record: readonly string[], line: number): OrgRowResult {
  const key = value(h, record, 'sourcedId');
  const name = value(h, record, 'name').replace(/\s+/g, ' ');
  const fail = (field: string | null, message: string): OrgRowResult => ({ ok: false, problem: { file: 'orgs', line, key: key || null, name: name || null, field, message } });
  const count = wrongCount(h, record, line, key || null);
  if (count) return { ok: false, problem: { ...count, name: name || null } };
  if (key === '') return fail('sourcedId', 'has no sourcedId');
  if (key.length > 255) return fail('sourcedId', 'the sourcedId is longer than 255 characters');
  if (name === '') return fail('name', 'has no name');
  if (name.length > 200) return fail('name', 'the name is longer than 200 characters');
  const type = value(h, record, 'type');
  const kind = ONEROSTER_ORG_TYPES[type.toLowerCase()];
  if (kind === undefined) return fail('type', `"${type}" is not an org type Trellis imports (state, local, aea, district, school, department; national is left out)`);
  const archived = archivedOf(value(h, record, 'status'));
  if (archived === null) return fail('status', `"${value(h, record, 'status')}" is not a OneRoster status (active or tobedeleted)`);
  if (kind === null) return { ok: true, row: null, national: key };
  const parent = value(h, record, 'parentSourcedId');
  if (parent === key) return fail('parentSourcedId', `is its own parent (a cycle: ${key} (${name}) → ${key} (${name}))`);
  return { ok: true, row: { file: 'orgs', line, key, name, kind, sourceType: type, parentKey: parent === '' ? null : parent, ncesId: ncesIdOfIdentifier(kind, value(h, record, 'identifier')), archived } };
}

// ---- Users and roles ----------------------------------------------------------------------------

/** What a OneRoster role becomes: a Trellis role granted at the org, or nothing. */
export type RoleChoice = Role | 'skip';

/** Roles of learners and their families: never people, whatever the mapping says. */
export const NEVER_PEOPLE_ROLES = ['student', 'guardian', 'parent', 'relative'] as const;

/** The proposal shown for review (OneRoster 1.1 and 1.2 role names). */
export const DEFAULT_ROLE_MAPPING: Record<string, RoleChoice> = {
  administrator: 'leader',
  districtadministrator: 'leader',
  siteadministrator: 'leader',
  principal: 'leader',
  systemadministrator: 'leader',
  teacher: 'member',
  aide: 'member',
  counselor: 'member',
  proctor: 'skip',
  student: 'skip',
  guardian: 'skip',
  parent: 'skip',
  relative: 'skip',
};

export const isNeverPeopleRole = (role: string) => (NEVER_PEOPLE_ROLES as readonly string[]).includes(role.toLowerCase());

/** The proposed choice for a role the file uses: the default, else skip (an unknown role grants nothing). */
export const proposedChoice = (role: string): RoleChoice => DEFAULT_ROLE_MAPPING[role.toLowerCase()] ?? 'skip';

export interface OneRosterUser {
  line: number;
  sourcedId: string;
  name: string;
  /** The email, else the username when it is an address; lower case. Null: none. */
  email: string | null;
  archived: boolean;
  /** From users.csv (1.1): its role and orgs. */
  roles: { role: string; org: string }[];
  /** primaryOrgSourcedId (1.2), else the first org. */
  primaryOrg: string | null;
}

export interface OneRosterRole {
  line: number;
  user: string;
  org: string;
  role: string;
  primary: boolean;
  ended: boolean;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function parseOneRosterUser(h: OneRosterHeader, record: readonly string[], line: number): { ok: true; row: OneRosterUser } | { ok: false; problem: ImportProblem } {
  const key = value(h, record, 'sourcedId');
  const name = `${value(h, record, 'givenName')} ${value(h, record, 'familyName')}`.replace(/\s+/g, ' ').trim();
  const fail = (field: string | null, message: string) => ({ ok: false as const, problem: { file: 'users' as const, line, key: key || null, name: name || null, field, message } });
  const count = wrongCount(h, record, line, key || null);
  if (count) return { ok: false, problem: { ...count, name: name || null } };
  if (key === '') return fail('sourcedId', 'has no sourcedId');
  if (key.length > 255) return fail('sourcedId', 'the sourcedId is longer than 255 characters');
  if (name === '') return fail('givenName', 'has no name (givenName and familyName are empty)');
  const archived = archivedOf(value(h, record, 'status'));
  if (archived === null) return fail('status', `"${value(h, record, 'status')}" is not a OneRoster status (active or tobedeleted)`);
  const email = value(h, record, 'email').toLowerCase();
  const username = value(h, record, 'username').toLowerCase();
  const address = EMAIL.test(email) ? email : EMAIL.test(username) ? username : null;
  const roleText = value(h, record, 'role') || value(h, record, 'roles');
  const orgs = value(h, record, 'orgSourcedIds').split(',').map((s) => s.trim()).filter((s) => s !== '');
  const roles = roleText === '' ? [] : roleText.split(',').map((r) => r.trim()).filter((r) => r !== '').flatMap((role) => orgs.map((org) => ({ role, org })));
  const primary = value(h, record, 'primaryOrgSourcedId') || orgs[0] || null;
  return { ok: true, row: { line, sourcedId: key, name: name.slice(0, 200), email: address, archived, roles, primaryOrg: primary } };
}

export function parseOneRosterRole(h: OneRosterHeader, record: readonly string[], line: number, today: string): { ok: true; row: OneRosterRole } | { ok: false; problem: ImportProblem } {
  const user = value(h, record, 'userSourcedId');
  const fail = (field: string | null, message: string) => ({ ok: false as const, problem: { file: 'roles' as const, line, key: user || null, name: null, field, message } });
  const count = wrongCount(h, record, line, user || null);
  if (count) return { ok: false, problem: count };
  if (user === '') return fail('userSourcedId', 'has no userSourcedId');
  const org = value(h, record, 'orgSourcedId');
  if (org === '') return fail('orgSourcedId', 'has no orgSourcedId');
  const role = value(h, record, 'role');
  if (role === '') return fail('role', 'has no role');
  const archived = archivedOf(value(h, record, 'status'));
  const end = value(h, record, 'endDate') || value(h, record, 'roleEndDate');
  const primary = value(h, record, 'roleType').toLowerCase() === 'primary' || value(h, record, 'isPrimary').toLowerCase() === 'true';
  return { ok: true, row: { line, user, org, role, primary, ended: archived === true || (/^\d{4}-\d{2}-\d{2}/.test(end) && end.slice(0, 10) < today) } };
}
