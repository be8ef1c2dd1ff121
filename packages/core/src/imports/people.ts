// What importing OneRoster users would do: the staff users of users.csv (and roles.csv) as people to
// create, update or leave, each with the (role, unit) pairs that the reviewed mapping turns into
// grants when the run is applied. Pure.
//
// Rules (docs/decisions/0018-oneroster-and-edfi-imports.md):
// - A person is keyed by the user's sourcedId (people.oneroster_id), else found by email.
// - Learners and their families (a user with a student, guardian, parent or relative role) never
//   become people, whatever the mapping; a user with no role left (ended, or orgs not found) neither.
// - A user becomes a person only when at least one of their roles maps to a Trellis role; the grant
//   is at the org's unit. An existing grant of the person at that unit is kept as it is.
// - Passwords in the file are never read: imported people set theirs through a reset.
import { ROLES, roleRank, type Role } from '../access/roles.js';
import type { ImportProblem } from './ccd.js';
import { isNeverPeopleRole, proposedChoice, type OneRosterRole, type OneRosterUser, type RoleChoice } from './oneroster.js';

export interface ExistingPerson {
  id: string;
  name: string;
  email: string;
  onerosterId: string | null;
  homeUnitId: string | null;
  version: number;
  /** Grants at units of the state. */
  grants: { unitId: string; role: Role }[];
  /**
   * The person is homed outside the unit imported into (another district, the state above it, no
   * home unit) or is a system administrator the importer is not: the import leaves them as they are
   * and does not name them.
   */
  outOfReach?: boolean;
}

export interface PersonRole {
  /** The OneRoster role as the file writes it, lower case. */
  role: string;
  unitId: string;
  /** The person's grant at that unit before the import, kept as it is. */
  existingRole: Role | null;
}

export interface PersonItem {
  action: 'create' | 'update' | 'unchanged';
  personId: string;
  expectedVersion: number | null;
  name: string;
  email: string;
  onerosterId: string;
  homeUnitId: string | null;
  roles: PersonRole[];
  changes: string[];
  line: number;
}

export type RoleMapping = Record<string, RoleChoice>;

export interface PeoplePlanInput {
  scopeName: string;
  users: readonly OneRosterUser[];
  /** roles.csv rows, when the file came (1.2, School Data Sync). */
  roles: readonly OneRosterRole[] | null;
  /** OneRoster org sourcedId → unit id, for the orgs of the file and those already imported. */
  unitIdByOrg: ReadonlyMap<string, string>;
  /** Orgs of the file that cannot be imported, with why. */
  refusedOrgs: ReadonlyMap<string, string>;
  existingBySourcedId: ReadonlyMap<string, ExistingPerson>;
  existingByEmail: ReadonlyMap<string, ExistingPerson>;
  newId: () => string;
}

export interface PeoplePlan {
  items: PersonItem[];
  problems: ImportProblem[];
  /** Users holding each role (lower case), learners included: what the review shows. */
  usersByRole: Record<string, number>;
  /** Users left out before any mapping: learners and families, ended or tobedeleted users, users without a role. */
  learners: number;
  withoutRole: number;
  inactive: number;
}

export interface PeopleCounts {
  creates: number;
  updates: number;
  unchanged: number;
  /** Staff users none of whose roles the mapping grants: not imported. */
  skipped: number;
  /** Grants the apply adds (existing grants at the same unit are kept). */
  grants: number;
  learners: number;
  withoutRole: number;
  inactive: number;
}

/** The default mapping for the roles a file uses. */
export function proposeRoleMapping(roles: Iterable<string>): RoleMapping {
  const out: RoleMapping = {};
  for (const r of roles) out[r.toLowerCase()] = proposedChoice(r);
  return out;
}

/** Why a mapping cannot be used, per role: learners' roles must stay skipped; choices must be roles. */
export function roleMappingIssues(mapping: Record<string, string>, known: Iterable<string>): { field: string; message: string }[] {
  const roles = new Set([...known].map((r) => r.toLowerCase()));
  const issues: { field: string; message: string }[] = [];
  for (const [role, choice] of Object.entries(mapping)) {
    if (!roles.has(role.toLowerCase())) issues.push({ field: `mapping.${role}`, message: 'is not a role of this file' });
    else if (choice !== 'skip' && !(ROLES as readonly string[]).includes(choice)) issues.push({ field: `mapping.${role}`, message: `must be skip or one of ${ROLES.join(', ')}` });
    else if (choice !== 'skip' && isNeverPeopleRole(role)) issues.push({ field: `mapping.${role}`, message: 'must be skip: students and their families never become people in Trellis' });
  }
  return issues;
}

export function planOneRosterPeople(input: PeoplePlanInput): PeoplePlan {
  const problems: ImportProblem[] = [];
  const usersByRole: Record<string, number> = {};
  let learners = 0;
  let withoutRole = 0;
  let inactive = 0;

  // Users appearing twice, and emails used by two users: every occurrence refused.
  const lines = new Map<string, number[]>();
  for (const u of input.users) lines.set(u.sourcedId, [...(lines.get(u.sourcedId) ?? []), u.line]);
  const users = input.users.filter((u) => {
    const at = lines.get(u.sourcedId)!;
    if (at.length === 1) return true;
    problems.push({ file: 'users', line: u.line, key: u.sourcedId, name: u.name, field: 'sourcedId', message: `${u.sourcedId} appears more than once in the file (also on line ${at.filter((l) => l !== u.line).join(', ')})` });
    return false;
  });
  const known = new Set(users.map((u) => u.sourcedId));
  const roleRows = new Map<string, OneRosterRole[]>();
  for (const r of input.roles ?? []) {
    if (!known.has(r.user)) {
      if (!lines.has(r.user)) problems.push({ file: 'roles', line: r.line, key: r.user, name: null, field: 'userSourcedId', message: `user ${r.user} is not in users.csv` });
      continue;
    }
    roleRows.set(r.user, [...(roleRows.get(r.user) ?? []), r]);
  }

  const items: PersonItem[] = [];
  const emailLines = new Map<string, number[]>();
  const candidates: { u: OneRosterUser; roles: { role: string; unitId: string; primary: boolean }[] }[] = [];
  for (const u of users) {
    const all = [...u.roles.map((r) => ({ role: r.role, org: r.org, primary: r.org === u.primaryOrg, ended: false, line: u.line, file: 'users' as const })), ...(roleRows.get(u.sourcedId) ?? []).map((r) => ({ ...r, file: 'roles' as const }))];
    for (const role of new Set(all.map((r) => r.role.toLowerCase()))) usersByRole[role] = (usersByRole[role] ?? 0) + 1;
    if (all.some((r) => isNeverPeopleRole(r.role))) {
      learners++;
      continue;
    }
    if (u.archived) {
      inactive++;
      continue;
    }
    const live = all.filter((r) => !r.ended);
    const resolved: { role: string; unitId: string; primary: boolean }[] = [];
    for (const r of live) {
      const unitId = input.unitIdByOrg.get(r.org);
      if (unitId === undefined) {
        const why = input.refusedOrgs.get(r.org);
        problems.push({ file: r.file, line: r.line, key: u.sourcedId, name: u.name, field: r.file === 'roles' ? 'orgSourcedId' : 'orgSourcedIds', message: why ? `its org ${r.org} cannot be imported (${why}), so the ${r.role} role there is left out` : `its org ${r.org} is neither in orgs.csv nor in ${input.scopeName}, so the ${r.role} role there is left out` });
        continue;
      }
      resolved.push({ role: r.role.toLowerCase(), unitId, primary: r.primary });
    }
    if (resolved.length === 0) {
      withoutRole++;
      continue;
    }
    if (u.email === null) {
      problems.push({ file: 'users', line: u.line, key: u.sourcedId, name: u.name, field: 'email', message: 'has no email address (email, or a username that is one): people sign in to Trellis with their email' });
      continue;
    }
    emailLines.set(u.email, [...(emailLines.get(u.email) ?? []), u.line]);
    candidates.push({ u, roles: resolved });
  }

  for (const { u, roles } of candidates) {
    const email = u.email!;
    const at = emailLines.get(email)!;
    if (at.length > 1) {
      problems.push({ file: 'users', line: u.line, key: u.sourcedId, name: u.name, field: 'email', message: `${email} is the email of more than one user (also on line ${at.filter((l) => l !== u.line).join(', ')})` });
      continue;
    }
    const bySourced = input.existingBySourcedId.get(u.sourcedId) ?? null;
    const byEmail = input.existingByEmail.get(email) ?? null;
    if (bySourced?.outOfReach || byEmail?.outOfReach) {
      const field = bySourced?.outOfReach ? 'sourcedId' : 'email';
      problems.push({ file: 'users', line: u.line, key: u.sourcedId, name: u.name, field, message: `${field === 'email' ? email : `OneRoster ${u.sourcedId}`} belongs to a person outside ${input.scopeName}: the import leaves them as they are (an administrator where they are can change them)` });
      continue;
    }
    if (bySourced && byEmail && bySourced.id !== byEmail.id) {
      problems.push({ file: 'users', line: u.line, key: u.sourcedId, name: u.name, field: 'email', message: `${email} is already the email of ${byEmail.name}, another person than ${bySourced.name} (OneRoster ${u.sourcedId})` });
      continue;
    }
    if (!bySourced && byEmail && byEmail.onerosterId !== null) {
      problems.push({ file: 'users', line: u.line, key: u.sourcedId, name: u.name, field: 'email', message: `${email} is already the email of ${byEmail.name}, who is OneRoster user ${byEmail.onerosterId}` });
      continue;
    }
    const existing = bySourced ?? byEmail;
    const home = (roles.find((r) => r.primary) ?? roles[0])!.unitId;
    const grantAt = new Map((existing?.grants ?? []).map((g) => [g.unitId, g.role]));
    const seen = new Set<string>();
    const personRoles: PersonRole[] = [];
    for (const r of roles) {
      const k = `${r.role}:${r.unitId}`;
      if (seen.has(k)) continue;
      seen.add(k);
      personRoles.push({ role: r.role, unitId: r.unitId, existingRole: grantAt.get(r.unitId) ?? null });
    }
    if (!existing) {
      items.push({ action: 'create', personId: input.newId(), expectedVersion: null, name: u.name, email, onerosterId: u.sourcedId, homeUnitId: home, roles: personRoles, changes: [], line: u.line });
      continue;
    }
    const changes: string[] = [];
    if (existing.name !== u.name) changes.push('name');
    if (existing.email !== email) changes.push('email');
    if (existing.homeUnitId !== home) changes.push('home unit');
    if (existing.onerosterId !== u.sourcedId) changes.push('oneroster id');
    items.push({ action: changes.length > 0 ? 'update' : 'unchanged', personId: existing.id, expectedVersion: existing.version, name: u.name, email, onerosterId: u.sourcedId, homeUnitId: home, roles: personRoles, changes, line: u.line });
  }
  return { items, problems, usersByRole, learners, withoutRole, inactive };
}

/** The grants an item gets under a mapping: at each unit the highest mapped role, where the person has none. */
export function grantsOf(item: PersonItem, mapping: RoleMapping): { unitId: string; role: Role }[] {
  const best = new Map<string, Role>();
  const had = new Set(item.roles.filter((r) => r.existingRole !== null).map((r) => r.unitId));
  for (const r of item.roles) {
    const choice = isNeverPeopleRole(r.role) ? 'skip' : (mapping[r.role] ?? proposedChoice(r.role));
    if (choice === 'skip' || had.has(r.unitId)) continue;
    const prev = best.get(r.unitId);
    if (!prev || roleRank(choice) > roleRank(prev)) best.set(r.unitId, choice);
  }
  return [...best].map(([unitId, role]) => ({ unitId, role }));
}

/** Whether a mapping keeps the user as a person: at least one role maps to a Trellis role. */
export const keptBy = (item: PersonItem, mapping: RoleMapping) => item.roles.some((r) => !isNeverPeopleRole(r.role) && (mapping[r.role] ?? proposedChoice(r.role)) !== 'skip');

export function countPeople(plan: Pick<PeoplePlan, 'items' | 'learners' | 'withoutRole' | 'inactive'>, mapping: RoleMapping): PeopleCounts {
  const c: PeopleCounts = { creates: 0, updates: 0, unchanged: 0, skipped: 0, grants: 0, learners: plan.learners, withoutRole: plan.withoutRole, inactive: plan.inactive };
  for (const item of plan.items) {
    if (!keptBy(item, mapping)) {
      c.skipped++;
      continue;
    }
    const grants = grantsOf(item, mapping).length;
    c.grants += grants;
    if (item.action === 'create') c.creates++;
    else if (item.action === 'update') c.updates++;
    else c.unchanged++;
  }
  return c;
}
