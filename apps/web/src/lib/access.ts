// What the signed-in person may do where, for showing or hiding actions. The server decides for
// real; this only spares people buttons that would be refused.
import { atLeast, ROLES, type Role, type SessionInfo } from '@trellis/core';

/** The strongest role the person holds at a unit, given the ids from the root down to the unit. */
export function roleAt(session: SessionInfo, pathIds: readonly string[]): Role | null {
  if (session.person.isSystemAdmin) return 'admin';
  let best: Role | null = null;
  for (const g of session.grants) {
    if (pathIds.includes(g.unitId) && (best === null || ROLES.indexOf(g.role) > ROLES.indexOf(best))) best = g.role;
  }
  return best;
}

export const mayAt = (session: SessionInfo, pathIds: readonly string[], minimum: Role) => {
  const role = roleAt(session, pathIds);
  return role !== null && atLeast(role, minimum);
};

/** Administrators of any unit may read the audit trail (of the units they administer). */
export const isAdministrator = (session: SessionInfo) => session.person.isSystemAdmin || session.grants.some((g) => g.role === 'admin');

/** Leaders may add people; whether at a given home unit is for the server to say. */
export const isLeaderSomewhere = (session: SessionInfo) => session.person.isSystemAdmin || session.grants.some((g) => atLeast(g.role, 'leader'));
