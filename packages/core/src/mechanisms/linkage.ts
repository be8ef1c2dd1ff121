// Linkage across levels, capacity building, and the unit's infrastructure as a diagram.
//
// "As the innovation is introduced, the district steering group and change team are formally linked
// to the comparable mechanisms at each participating school" (change-agent document, Exhibit 2); the
// same holds from the state to its districts (guide, Appendix A note). Trellis records the link on
// the lower mechanism: each mechanism has at most one "linked up to" mechanism at a unit above it,
// and any number linked down to it. The chain up and down follows those links.
import { z } from 'zod';
import type { SourceRef } from '../catalogs/sources.js';
import { conflict, invalid } from '../errors.js';
import { Id, Version } from '../organizations/schemas.js';
import { MECHANISM_KINDS, type MechanismKind, type MechanismStatus } from './catalog.js';

export const LINKAGE_SOURCE: SourceRef = {
  source: 'change-agent-mechanisms',
  section: 'Exhibit 2',
  quote: 'the district steering group and change team are formally linked to the comparable mechanisms at each participating school',
};

export const MechanismLinkChange = z.strictObject({
  version: Version,
  /** The comparable mechanism at a unit above; null removes the link. */
  upperMechanismId: Id.nullable(),
});
export type MechanismLinkChange = z.infer<typeof MechanismLinkChange>;

/**
 * Kinds Trellis treats as comparable across levels besides the same kind: a district's
 * implementation team works with a school's change team (Exhibit 2 speaks of a district "change
 * team" linked to the school's), and a school's change team is often drawn from its Learning
 * Supports Leadership Team.
 */
const COMPARABLE: readonly (readonly [MechanismKind, MechanismKind])[] = [
  ['implementation_team', 'change_team'],
  ['learning_supports_leadership_team', 'change_team'],
  ['implementation_team', 'learning_supports_leadership_team'],
];

export const areComparableKinds = (upper: MechanismKind, lower: MechanismKind) =>
  upper === lower || COMPARABLE.some(([a, b]) => (a === upper && b === lower) || (a === lower && b === upper));

export interface LinkEnd {
  id: string;
  kind: MechanismKind;
  status: MechanismStatus;
  unitPath: string;
  unitName: string;
}

const isStrictAncestorPath = (ancestor: string, path: string) => ancestor !== path && path.startsWith(ancestor);

/**
 * Throws unless `lower` may be linked up to `upper`: a different mechanism, at a unit strictly
 * above, neither retired. Different kinds are allowed (the documents do not fix which mechanisms
 * are comparable); `linkNote` says when they are not the usual pair.
 */
export function checkLink(lower: LinkEnd, upper: LinkEnd): void {
  if (lower.id === upper.id) throw invalid('A mechanism cannot be linked to itself.', [{ field: 'upperMechanismId', message: 'must be another mechanism' }]);
  if (!isStrictAncestorPath(upper.unitPath, lower.unitPath)) {
    throw invalid(`A mechanism links up to the comparable mechanism at a unit above its own; ${upper.unitName} is not above ${lower.unitName}.`, [
      { field: 'upperMechanismId', message: `must be a mechanism at a unit above ${lower.unitName}` },
    ]);
  }
  if (upper.status === 'retired') throw conflict('That mechanism is retired; link to one that is still in place.', [{ field: 'upperMechanismId', message: 'is retired' }]);
}

export function linkNote(upper: MechanismKind, lower: MechanismKind): string | null {
  return areComparableKinds(upper, lower) ? null : 'These are different kinds of mechanism; the documents link each mechanism to the comparable one at the level below.';
}

// ---- Capacity building ---------------------------------------------------------------------------

export const CAPACITY_STATES = ['not_started', 'developing', 'in_place'] as const;
export type CapacityState = (typeof CAPACITY_STATES)[number];

export const CAPACITY_LABELS: Record<CapacityState, string> = {
  not_started: 'Not started',
  developing: 'Developing',
  in_place: 'In place',
};

export const CAPACITY_SOURCE: SourceRef = {
  source: 'planning-coaching-guide',
  section: 'Developing and Implementing a Unified and Comprehensive System of Learning Supports: Examples of Fundamental Capacity Building Concerns',
};

export const FunctionCapacityChange = z.strictObject({
  version: Version,
  capacity: z.enum(CAPACITY_STATES, { error: `must be one of ${CAPACITY_STATES.join(', ')}` }),
  evidence: z.string({ error: 'must be text' }).trim().max(4000, 'must be at most 4,000 characters').nullable().optional(),
});
export type FunctionCapacityChange = z.infer<typeof FunctionCapacityChange>;

export interface CapacitySummary {
  /** Functions the unit keeps (dropped ones do not count). */
  total: number;
  not_started: number;
  developing: number;
  in_place: number;
  /** Share in place, 0–1 (0 when there are none). */
  inPlaceShare: number;
}

export function capacitySummary(functions: readonly { capacity: CapacityState; droppedReason: string | null }[]): CapacitySummary {
  const kept = functions.filter((f) => f.droppedReason === null);
  const count = (s: CapacityState) => kept.filter((f) => f.capacity === s).length;
  const inPlace = count('in_place');
  return { total: kept.length, not_started: count('not_started'), developing: count('developing'), in_place: inPlace, inPlaceShare: kept.length ? inPlace / kept.length : 0 };
}

// ---- The infrastructure diagram -----------------------------------------------------------------

/**
 * Each kind's part in the infrastructure, as Appendix A and Exhibit 2 draw it: who governs and
 * leads, who steers, who designs and plans, who implements, who supports (facilitates, coaches,
 * collaborates). The diagram draws one band per part, top to bottom.
 */
export const INFRASTRUCTURE_BANDS = ['leads', 'steers', 'plans', 'implements', 'supports'] as const;
export type InfrastructureBand = (typeof INFRASTRUCTURE_BANDS)[number];

export const INFRASTRUCTURE_BAND_LABELS: Record<InfrastructureBand, string> = {
  leads: 'Who leads',
  steers: 'Who steers',
  plans: 'Who designs and plans',
  implements: 'Who implements',
  supports: 'Who facilitates, coaches and collaborates',
};

export const INFRASTRUCTURE_BAND_OF: Readonly<Record<MechanismKind, InfrastructureBand>> = {
  superintendent_governing_body: 'leads',
  transformation_leader: 'leads',
  steering_body: 'steers',
  design_team: 'plans',
  planning_team: 'plans',
  implementation_team: 'implements',
  work_group: 'implements',
  learning_supports_leadership_team: 'implements',
  change_team: 'implements',
  organization_facilitator: 'supports',
  coaches_mentors: 'supports',
  external_change_agents: 'supports',
  external_collaborators: 'supports',
};

export const InfrastructureNode = z.object({
  id: Id,
  name: z.string(),
  kind: z.enum(MECHANISM_KINDS),
  kindName: z.string(),
  status: z.enum(['forming', 'active', 'sunsetting', 'retired']),
  band: z.enum(INFRASTRUCTURE_BANDS),
  /** Where the node sits relative to the unit drawn. */
  level: z.enum(['above', 'this', 'below']),
  unitId: Id,
  unitName: z.string(),
  memberCount: z.number(),
  upperMechanismId: Id.nullable(),
});
export type InfrastructureNode = z.infer<typeof InfrastructureNode>;

export const Infrastructure = z.object({
  unitId: Id,
  unitName: z.string(),
  nodes: z.array(InfrastructureNode),
  /** Links across levels: from the lower mechanism up to the one it is linked to. */
  links: z.array(z.object({ lowerId: Id, upperId: Id })),
  /** A text alternative to the drawing, one line per band and link. */
  description: z.array(z.string()),
});
export type Infrastructure = z.infer<typeof Infrastructure>;

/** The diagram's text alternative: who is in each band at the unit, and the links up and down. */
export function describeInfrastructure(unitName: string, nodes: readonly InfrastructureNode[], links: readonly { lowerId: string; upperId: string }[]): string[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const lines: string[] = [];
  const here = nodes.filter((n) => n.level === 'this' && n.status !== 'retired');
  if (here.length === 0) lines.push(`${unitName} has no mechanisms in place yet.`);
  for (const band of INFRASTRUCTURE_BANDS) {
    const inBand = here.filter((n) => n.band === band);
    if (inBand.length) lines.push(`${INFRASTRUCTURE_BAND_LABELS[band]} at ${unitName}: ${inBand.map((n) => `${n.name} (${n.kindName}, ${n.status}, ${n.memberCount} ${n.memberCount === 1 ? 'member' : 'members'})`).join('; ')}.`);
  }
  for (const link of links) {
    const lower = byId.get(link.lowerId);
    const upper = byId.get(link.upperId);
    if (lower && upper) lines.push(`${lower.name} at ${lower.unitName} is linked up to ${upper.name} at ${upper.unitName}.`);
  }
  return lines;
}
