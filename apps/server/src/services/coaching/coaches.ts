// Finding a coach for an engagement at a unit (docs/decisions/0020): the people the leader may
// already see (as GET /api/people finds them), and external coaches — people with no home unit and
// no role anywhere — by at least three letters of their name or email. People of other districts
// stay out of reach.
import { authorize, notFound, scopeRoots } from '@trellis/core';
import { findUnattachedPeople, findUnit, listPeople } from '@trellis/db';
import type { ServiceContext } from '../../context.js';

export const EXTERNAL_SEARCH_MIN = 3;

export interface CoachCandidate {
  id: string;
  name: string;
  email: string;
  title: string | null;
  /** The home unit's name; null for an external coach (no home unit). */
  homeUnitName: string | null;
  external: boolean;
}

export async function coachCandidates(ctx: ServiceContext, unitId: string, query: { q: string; limit?: number | undefined }): Promise<{ people: CoachCandidate[] }> {
  const unit = await findUnit(ctx.db, unitId);
  if (!unit) throw notFound('The unit');
  authorize(ctx.caller, 'coaching.manage', unit.path);
  const limit = query.limit ?? 20;
  const text = query.q.trim();
  const { people } = await listPeople(ctx.db, { roots: scopeRoots(ctx.caller, 'person.read'), q: text, limit, offset: 0 });
  const inside: CoachCandidate[] = people.map((p) => ({ id: p.id, name: p.name, email: p.email, title: p.title, homeUnitName: p.homeUnitName, external: p.homeUnitId === null }));
  const outside = text.length >= EXTERNAL_SEARCH_MIN ? await findUnattachedPeople(ctx.db, text, limit) : [];
  const seen = new Set(inside.map((p) => p.id));
  const external = outside.filter((p) => !seen.has(p.id)).map((p) => ({ ...p, homeUnitName: null, external: true }));
  return { people: [...inside, ...external].sort((a, b) => a.name.localeCompare(b.name)).slice(0, limit) };
}
