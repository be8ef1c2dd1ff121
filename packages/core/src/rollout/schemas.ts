// The shape of a roll-out scenario: the sites (schools, or districts for a state) grouped into
// subsets (feeder patterns, or districts), the cadre of Organization Facilitators, the phases every
// site goes through, the calendar, the priorities and the constraints. "Districts with many schools
// usually must phase-in major systemic changes at subsets of schools over a period of years. Optimally,
// a subset consists of a high school feeder pattern" (change-agent-mechanisms.txt, Exhibit 2).
// Objects are strict: an unknown field is refused, not ignored.
import { z } from 'zod';
import { rolloutProfile, toRolloutUnits, ROLLOUT_LOAD_SCALE } from './profile.js';

export const ROLLOUT_PHASE_KINDS = ['readiness', 'intensive', 'cycling-back', 'institutionalization'] as const;
export type RolloutPhaseKind = (typeof ROLLOUT_PHASE_KINDS)[number];

/** Keys a priority order may sort by, each highest first. */
export const ROLLOUT_PRIORITY_KEYS = ['need', 'readiness', 'enrollment'] as const;
export type RolloutPriorityKey = (typeof ROLLOUT_PRIORITY_KEYS)[number];

export const ROLLOUT_LIMITS = {
  sites: 200_000,
  subsets: 200_000,
  facilitators: 1_000,
  phases: 12,
  phaseMonths: 120,
  /** Concurrent site-load units one facilitator can carry. */
  capacity: 1_000,
  /** Site-load units one site asks of its facilitator in a month. */
  load: 100,
  /** A scenario whose lower bound is longer than this is refused: the cadre is far too small for it. */
  years: 100,
} as const;

const fmt = (n: number) => n.toLocaleString('en-US');

const text = (max: number) => z.string({ error: 'must be text' }).trim().min(1, 'must not be empty').max(max, `must be at most ${fmt(max)} characters`);
const ref = text(200);
const score = z.number({ error: 'must be a number' }).min(0, 'must not be negative').max(1_000_000, 'must be at most 1,000,000');

/** A multiple of 0.01 (loads and capacities are kept in whole hundredths so that sums are exact). */
const hundredths = (what: string, max: number) =>
  z
    .number({ error: 'must be a number' })
    .gt(0, `must be more than 0`)
    .max(max, `must be at most ${fmt(max)} ${what}`)
    .refine((x) => Math.abs(x * ROLLOUT_LOAD_SCALE - Math.round(x * ROLLOUT_LOAD_SCALE)) < 1e-6, 'must be a multiple of 0.01');

/** A calendar month, YYYY-MM. */
export const RolloutMonth = z
  .string({ error: 'must be a month like 2027-09' })
  .regex(/^(19|20|21)\d{2}-(0[1-9]|1[0-2])$/, 'must be a month like 2027-09');

export const RolloutPhaseKindSchema = z.enum(ROLLOUT_PHASE_KINDS, { error: `must be one of ${ROLLOUT_PHASE_KINDS.join(', ')}` });

export const RolloutPhase = z.strictObject({
  name: text(100),
  kind: RolloutPhaseKindSchema,
  /** Working months: blackout months do not count (the phase pauses through them). */
  months: z.int({ error: 'must be a whole number of months' }).min(1, 'must be at least 1 month').max(ROLLOUT_LIMITS.phaseMonths, `must be at most ${ROLLOUT_LIMITS.phaseMonths} months`),
  /** What one site in this phase asks of its facilitator, in site-load units (1 = a site at full load). */
  load: hundredths('site-load units', ROLLOUT_LIMITS.load),
});
export type RolloutPhase = z.infer<typeof RolloutPhase>;

export const RolloutSubset = z.strictObject({
  id: ref,
  name: text(200),
  /** Region of its sites, unless a site says otherwise; used to prefer facilitators of the same region. */
  region: ref.optional(),
});
export type RolloutSubset = z.infer<typeof RolloutSubset>;

/** A site already in a phase when the scenario starts: it goes on from there with its facilitator. */
export const RolloutUnderWay = z.strictObject({
  facilitatorId: ref,
  /** Name of the phase it is in. */
  phase: text(100),
  /** Which month of that phase the start month is (1 = its first month). */
  monthInPhase: z.int({ error: 'must be a whole number' }).min(1, 'must be 1 or more').max(ROLLOUT_LIMITS.phaseMonths, `must be at most ${ROLLOUT_LIMITS.phaseMonths}`).default(1),
});
export type RolloutUnderWay = z.infer<typeof RolloutUnderWay>;

export const RolloutSite = z.strictObject({
  id: ref,
  name: text(200),
  subsetId: ref,
  region: ref.optional(),
  /** Higher means more in need: goes first when the priority order says `need`. */
  need: score.optional(),
  /** Higher means more ready. */
  readiness: score.optional(),
  enrollment: z.int({ error: 'must be a whole number' }).min(0, 'must not be negative').max(1_000_000, 'must be at most 1,000,000').optional(),
  underWay: RolloutUnderWay.optional(),
});
export type RolloutSite = z.infer<typeof RolloutSite>;

export const RolloutFacilitator = z.strictObject({
  id: ref,
  name: text(200),
  /** Concurrent site-load units: 4 means four sites at full load, or eight at half load. */
  capacity: hundredths('site-load units', ROLLOUT_LIMITS.capacity),
  /** Region the facilitator prefers to work in. */
  region: ref.optional(),
});
export type RolloutFacilitator = z.infer<typeof RolloutFacilitator>;

/** Named facilitators, or just a count of them with one capacity (they are then `facilitator-1` … `facilitator-N`). */
export const RolloutCadre = z.union(
  [
    z.strictObject({
      facilitators: z
        .array(RolloutFacilitator, { error: 'must be a list of facilitators' })
        .min(1, 'must name at least one facilitator')
        .max(ROLLOUT_LIMITS.facilitators, `must be at most ${fmt(ROLLOUT_LIMITS.facilitators)} facilitators`),
    }),
    z.strictObject({
      count: z.int({ error: 'must be a whole number' }).min(1, 'must be at least 1 facilitator').max(ROLLOUT_LIMITS.facilitators, `must be at most ${fmt(ROLLOUT_LIMITS.facilitators)} facilitators`),
      capacity: hundredths('site-load units', ROLLOUT_LIMITS.capacity),
    }),
  ],
  { error: 'must be either { facilitators: [...] } or { count, capacity }' },
);
export type RolloutCadre = z.infer<typeof RolloutCadre>;

/** Sort by keys (each highest first), or follow an explicit list of subset ids (unlisted subsets come after, in input order). */
export const RolloutPriority = z.union(
  [
    z.strictObject({ by: z.array(z.enum(ROLLOUT_PRIORITY_KEYS, { error: `must be one of ${ROLLOUT_PRIORITY_KEYS.join(', ')}` })).max(3, 'must list at most 3 keys') }),
    z.strictObject({ order: z.array(ref).max(ROLLOUT_LIMITS.subsets, `must list at most ${fmt(ROLLOUT_LIMITS.subsets)} subsets`) }),
  ],
  { error: 'must be either { by: [need, readiness, enrollment] } or { order: [subset ids] }' },
);
export type RolloutPriority = z.infer<typeof RolloutPriority>;

export const RolloutConstraints = z.strictObject({
  /** All sites of a subset (not already under way) start their first phase in the same month. */
  subsetStartsTogether: z.boolean({ error: 'must be true or false' }).default(true),
  /** A site under way keeps the facilitator it has. */
  keepFacilitatorOfSitesUnderWay: z.boolean({ error: 'must be true or false' }).default(true),
});
export type RolloutConstraints = z.infer<typeof RolloutConstraints>;

const RolloutScenarioFields = z.strictObject({
  name: text(200).optional(),
  startMonth: RolloutMonth,
  /** Month numbers (1 = January) in which no phase work happens; phases pause through them. */
  blackoutMonths: z
    .array(z.int({ error: 'must be a month number' }).min(1, 'must be a month number from 1 to 12').max(12, 'must be a month number from 1 to 12'))
    .max(11, 'must leave at least one working month in the year')
    .default([]),
  phases: z.array(RolloutPhase, { error: 'must be a list of phases' }).min(1, 'must have at least one phase').max(ROLLOUT_LIMITS.phases, `must have at most ${ROLLOUT_LIMITS.phases} phases`),
  subsets: z.array(RolloutSubset, { error: 'must be a list of subsets' }).min(1, 'must have at least one subset').max(ROLLOUT_LIMITS.subsets, `must have at most ${fmt(ROLLOUT_LIMITS.subsets)} subsets`),
  sites: z.array(RolloutSite, { error: 'must be a list of sites' }).min(1, 'must have at least one site').max(ROLLOUT_LIMITS.sites, `must have at most ${fmt(ROLLOUT_LIMITS.sites)} sites`),
  cadre: RolloutCadre,
  priority: RolloutPriority.default({ by: ['need', 'readiness', 'enrollment'] }),
  constraints: RolloutConstraints.default({ subsetStartsTogether: true, keepFacilitatorOfSitesUnderWay: true }),
});

export interface RolloutIssue {
  /** Path of the offending field, e.g. ['sites', 3, 'subsetId']. */
  path: (string | number)[];
  message: string;
}

/** The facilitators of a cadre, named or counted. */
export function rolloutFacilitators(cadre: RolloutCadre): { id: string; name: string; capacity: number; region: string | null }[] {
  if ('facilitators' in cadre) return cadre.facilitators.map((f) => ({ id: f.id, name: f.name, capacity: f.capacity, region: f.region ?? null }));
  return Array.from({ length: cadre.count }, (_, i) => ({ id: `facilitator-${i + 1}`, name: `Facilitator ${i + 1}`, capacity: cadre.capacity, region: null }));
}

type ScenarioFields = z.output<typeof RolloutScenarioFields>;

/**
 * Rules that span fields: ids unique and known, sites under way in a real phase with a real
 * facilitator who is not over capacity, a cadre able to carry a site at all and to reach scale
 * within ROLLOUT_LIMITS.years. Exported so that a what-if (another cadre) can be checked without
 * parsing the sites again.
 */
export function rolloutScenarioIssues(s: ScenarioFields): RolloutIssue[] {
  const issues: RolloutIssue[] = [];
  const dup = (list: { id: string }[], where: string) => {
    const seen = new Set<string>();
    list.forEach((x, i) => {
      if (seen.has(x.id)) issues.push({ path: [where, i, 'id'], message: `repeats the id ${x.id}` });
      seen.add(x.id);
    });
    return seen;
  };
  const subsetIds = dup(s.subsets, 'subsets');
  dup(s.sites, 'sites');
  const facilitators = rolloutFacilitators(s.cadre);
  if ('facilitators' in s.cadre) {
    const seen = new Set<string>();
    s.cadre.facilitators.forEach((f, i) => {
      if (seen.has(f.id)) issues.push({ path: ['cadre', 'facilitators', i, 'id'], message: `repeats the id ${f.id}` });
      seen.add(f.id);
    });
  }
  const facilitatorIndex = new Map(facilitators.map((f, i) => [f.id, i]));
  const phaseIndex = new Map<string, number>();
  s.phases.forEach((p, i) => {
    if (phaseIndex.has(p.name)) issues.push({ path: ['phases', i, 'name'], message: `repeats the phase name ${p.name}` });
    else phaseIndex.set(p.name, i);
  });
  const blackout = new Set<number>();
  s.blackoutMonths.forEach((m, i) => {
    if (blackout.has(m)) issues.push({ path: ['blackoutMonths', i], message: `repeats month ${m}` });
    blackout.add(m);
  });
  if ('order' in s.priority) {
    const seen = new Set<string>();
    s.priority.order.forEach((id, i) => {
      if (!subsetIds.has(id)) issues.push({ path: ['priority', 'order', i], message: `is not one of the subsets: ${id}` });
      else if (seen.has(id)) issues.push({ path: ['priority', 'order', i], message: `repeats the subset ${id}` });
      seen.add(id);
    });
  }
  if (issues.length > 0) return issues;

  const profile = rolloutProfile(s.phases);
  const capacities = facilitators.map((f) => toRolloutUnits(f.capacity));
  const largest = Math.max(...capacities);
  if (largest < profile.peakUnits) {
    const phase = s.phases.find((p) => toRolloutUnits(p.load) === profile.peakUnits)!;
    issues.push({
      path: ['cadre'],
      message: `no facilitator can carry a site in the phase ${phase.name} (load ${phase.load}): the largest capacity is ${largest / ROLLOUT_LOAD_SCALE}`,
    });
    return issues;
  }

  // Sites under way: a known subset, phase and facilitator; their facilitators' load at no month above capacity.
  const underWayLoad = new Map<number, Int32Array>();
  let workUnits = 0;
  let longestPath = 0;
  s.sites.forEach((site, i) => {
    if (!subsetIds.has(site.subsetId)) issues.push({ path: ['sites', i, 'subsetId'], message: `is not one of the subsets: ${site.subsetId}` });
    const u = site.underWay;
    if (!u) {
      workUnits += profile.totalUnits;
      longestPath = Math.max(longestPath, profile.length);
      return;
    }
    const f = facilitatorIndex.get(u.facilitatorId);
    const p = phaseIndex.get(u.phase);
    if (f === undefined) issues.push({ path: ['sites', i, 'underWay', 'facilitatorId'], message: `is not one of the cadre: ${u.facilitatorId}` });
    if (p === undefined) {
      issues.push({ path: ['sites', i, 'underWay', 'phase'], message: `is not one of the phases: ${u.phase}` });
      return;
    }
    if (u.monthInPhase > s.phases[p]!.months) {
      issues.push({ path: ['sites', i, 'underWay', 'monthInPhase'], message: `must be at most ${s.phases[p]!.months}: the phase ${u.phase} lasts ${s.phases[p]!.months} months` });
      return;
    }
    const offset = profile.phaseOffsets[p]! + u.monthInPhase - 1;
    workUnits += profile.suffixUnits[offset]!;
    longestPath = Math.max(longestPath, profile.length - offset);
    if (f === undefined || !s.constraints.keepFacilitatorOfSitesUnderWay) return;
    let load = underWayLoad.get(f);
    if (!load) underWayLoad.set(f, (load = new Int32Array(profile.length)));
    for (let o = offset; o < profile.length; o++) load[o - offset]! += profile.units[o]!;
  });
  for (const [f, load] of underWayLoad) {
    const peak = load.reduce((m, x) => Math.max(m, x), 0);
    if (peak > capacities[f]!) {
      issues.push({
        path: ['sites'],
        message: `the sites under way with ${facilitators[f]!.name} ask up to ${peak / ROLLOUT_LOAD_SCALE} site-load units in a month, above their capacity of ${facilitators[f]!.capacity}`,
      });
    }
  }
  if (issues.length > 0) return issues;

  const totalCapacity = capacities.reduce((a, b) => a + b, 0);
  const workingPerYear = 12 - blackout.size;
  const boundYears = Math.max(Math.ceil(workUnits / totalCapacity), longestPath) / workingPerYear;
  if (boundYears > ROLLOUT_LIMITS.years) {
    issues.push({
      path: ['cadre'],
      message: `is far too small for ${fmt(s.sites.length)} sites: reaching scale would take at least ${fmt(Math.floor(boundYears))} years (the planner stops at ${ROLLOUT_LIMITS.years})`,
    });
  }
  return issues;
}

/** A roll-out scenario, checked field by field and across fields. */
export const RolloutScenario = RolloutScenarioFields.superRefine((s, ctx) => {
  for (const issue of rolloutScenarioIssues(s)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
});
/** A scenario as given (defaults not yet applied). */
export type RolloutScenarioInput = z.input<typeof RolloutScenario>;
/** A scenario after parsing: what the scheduler takes. */
export type RolloutScenario = z.output<typeof RolloutScenario>;
