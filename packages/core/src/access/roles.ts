// Who may do what. A grant gives a person a role at a unit, and the role holds throughout that
// unit's subtree. Every route names one action; `decide` is the one function that answers.
import { forbidden, notFound } from '../errors.js';
import { isWithin } from '../organizations/units.js';

/** Roles from least to most. Each includes everything the roles before it may do. */
export const ROLES = ['viewer', 'member', 'editor', 'leader', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  viewer: 'Viewer',
  member: 'Member',
  editor: 'Editor',
  leader: 'Leader',
  admin: 'Administrator',
};

export const roleRank = (role: Role) => ROLES.indexOf(role);
export const atLeast = (role: Role, minimum: Role) => roleRank(role) >= roleRank(minimum);

/**
 * Actions and the least role each needs at the unit it touches. Later modules add their own
 * actions here, so the access-control matrix test picks them up.
 */
export const ACTIONS = {
  'unit.read': 'viewer',
  'unit.create': 'leader', // checked at the parent
  'unit.update': 'leader',
  'unit.move': 'leader', // checked at the unit and at the new parent
  'unit.archive': 'leader',
  'person.read': 'viewer',
  'person.create': 'leader', // checked at the home unit
  'person.update': 'leader',
  'grant.read': 'viewer',
  'grant.manage': 'admin',
  'account.manage': 'admin', // set or reset another person's password
  'audit.read': 'admin',
  'mechanism.read': 'viewer',
  'mechanism.manage': 'editor', // establish, edit, change status, customize functions, staff, link across levels
  'mechanism.record': 'member', // record meetings and action items, keep capacity building up to date
  'task.update': 'member', // move a task along, change its owner or due date
  'resource.read': 'viewer',
  'resource.manage': 'member', // map resources (one by one or by import), snapshots, priority needs and recommendations
  'rollout.read': 'viewer',
  'rollout.manage': 'leader', // plan, compare and adopt a roll-out scenario for the unit
  'import.manage': 'admin', // load a directory (NCES CCD), regions and feeder patterns into the unit: preview, edit, apply
  'plan.read': 'viewer', // design documents, plans, their tasks and recommendations
  'plan.edit': 'member', // draft plans and their tasks, record progress, write recommendations
  'plan.submit': 'editor', // submit or withdraw a plan (also any member of the unit's planning team)
  'plan.approve': 'leader', // approve a plan or return it for revision (also the unit's steering body)
  'plan.decide': 'leader', // decide a recommendation (also the unit's superintendent and governing body)
  'design.manage': 'leader', // write the unit's design document, adopt and adapt a prototype
  'progress.read': 'viewer', // benchmarks and roll-ups, barriers, readiness results, celebrations, reports
  'progress.record': 'member', // complete benchmark assessments, log and work barriers
  'progress.manage': 'leader', // send readiness surveys, confirm celebrations, build instruments
  'coaching.read': 'viewer', // engagements, cadence, coverage, checklists, hand-over plans, reports (contact notes: see the coaching service)
  'coaching.record': 'member', // log contacts (as the engagement's coach, or a leader), facilitator checks, next steps into tasks
  'coaching.manage': 'leader', // set up, change, pause and end engagements (which gives a coach access), the hand-over plan, unit settings
  'database.backup': 'admin', // download a backup of the whole database: decided at EVERY top-level unit (administrator of the whole organization, or a system administrator)
} as const satisfies Record<string, Role>;
export type Action = keyof typeof ACTIONS;

export interface GrantScope {
  unitPath: string;
  role: Role;
}

/** The signed-in person as access checks see them. */
export interface Caller {
  personId: string;
  isSystemAdmin: boolean;
  grants: GrantScope[];
}

/** The strongest role the caller holds at a unit (through grants at it or above it), or null. */
export function effectiveRole(caller: Caller, unitPath: string): Role | null {
  let best: Role | null = null;
  for (const g of caller.grants) {
    if (isWithin(unitPath, g.unitPath) && (best === null || roleRank(g.role) > roleRank(best))) best = g.role;
  }
  return best;
}

export type Decision = 'allow' | 'hidden' | 'forbidden';

/**
 * May the caller do `action` at the unit with this path? `hidden` means the caller may not even
 * see the unit (answered as 404, so other districts' units stay invisible); `forbidden` means they
 * see it but their role is too low (403).
 */
export function decide(caller: Caller, action: Action, unitPath: string): Decision {
  if (caller.isSystemAdmin) return 'allow';
  const role = effectiveRole(caller, unitPath);
  if (role === null) return 'hidden';
  return atLeast(role, ACTIONS[action]) ? 'allow' : 'forbidden';
}

/** Throws the matching domain error unless `decide` allows. `what` names the thing for a 404. */
export function authorize(caller: Caller, action: Action, unitPath: string, what = 'The unit'): void {
  const d = decide(caller, action, unitPath);
  if (d === 'hidden') throw notFound(what);
  if (d === 'forbidden') {
    throw forbidden(`Your role here does not allow this (it needs ${ROLE_LABELS[ACTIONS[action]].toLowerCase()} or above). Ask an administrator of this unit for access.`);
  }
}

/**
 * The subtree roots in which the caller may do `action`: a list filter for queries
 * (`path LIKE root || '%'` for any root). `null` means everywhere (system administrator).
 */
export function scopeRoots(caller: Caller, action: Action): string[] | null {
  if (caller.isSystemAdmin) return null;
  const roots = caller.grants.filter((g) => atLeast(g.role, ACTIONS[action])).map((g) => g.unitPath);
  // Drop roots inside other roots: fewer, disjoint ranges for the database.
  return roots.filter((p, i) => !roots.some((q, j) => j !== i && isWithin(p, q) && (p !== q || j < i)));
}

/** A caller may give a role at a unit only up to the role they hold there themselves. */
export function checkMayGrant(caller: Caller, unitPath: string, role: Role): void {
  authorize(caller, 'grant.manage', unitPath);
  if (caller.isSystemAdmin) return;
  const own = effectiveRole(caller, unitPath);
  if (own === null || roleRank(role) > roleRank(own)) throw forbidden(`You cannot give a role above your own (${own ?? 'none'}).`);
}
