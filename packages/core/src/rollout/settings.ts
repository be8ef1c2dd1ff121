// A saved roll-out scenario as a person edits it: everything but the sites, which Trellis reads
// from the unit's organization when it computes (schools grouped by feeder pattern for a district;
// by district for a state or region). Per-site scores and sites already under way are overrides.
import { z } from 'zod';
import { Id, Version } from '../organizations/schemas.js';
import type { UnitKind } from '../organizations/units.js';
import { RolloutCadre, RolloutConstraints, RolloutMonth, RolloutPhase, RolloutPriority, RolloutUnderWay, type RolloutScenarioInput } from './schemas.js';

/** The unit kinds a scenario is planned for, and what groups their schools into subsets. */
export const ROLLOUT_UNIT_KINDS = ['state', 'region', 'district'] as const satisfies readonly UnitKind[];
export const ROLLOUT_SUBSET_OF: Record<(typeof ROLLOUT_UNIT_KINDS)[number], 'feeder_pattern' | 'district'> = {
  state: 'district',
  region: 'district',
  district: 'feeder_pattern',
};

const score = z.number({ error: 'must be a number' }).min(0, 'must not be negative').max(1_000_000, 'must be at most 1,000,000');

export const RolloutSiteOverride = z.strictObject({
  need: score.optional(),
  readiness: score.optional(),
  underWay: RolloutUnderWay.optional(),
});

export const RolloutSettings = z.strictObject({
  startMonth: RolloutMonth,
  blackoutMonths: z
    .array(z.int({ error: 'must be a month number' }).min(1, 'must be a month number from 1 to 12').max(12, 'must be a month number from 1 to 12'))
    .max(11, 'must leave at least one working month in the year'),
  phases: z.array(RolloutPhase, { error: 'must be a list of phases' }).min(1, 'must have at least one phase').max(12, 'must have at most 12 phases'),
  cadre: RolloutCadre,
  priority: RolloutPriority,
  constraints: RolloutConstraints,
  /** Per school (by unit id): need and readiness scores, and a phase already under way. */
  siteOverrides: z.record(Id, RolloutSiteOverride).refine((o) => Object.keys(o).length <= 200_000, 'must have at most 200,000 entries').optional(),
});
export type RolloutSettings = z.infer<typeof RolloutSettings>;

const name = z.string({ error: 'must be text' }).trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

export const RolloutScenarioCreate = z.strictObject({ unitId: Id, name, settings: RolloutSettings });
export type RolloutScenarioCreate = z.infer<typeof RolloutScenarioCreate>;

export const RolloutScenarioUpdate = z.strictObject({ version: Version, name: name.optional(), settings: RolloutSettings.optional() });
export type RolloutScenarioUpdate = z.infer<typeof RolloutScenarioUpdate>;

/**
 * Phases of a site's path as Exhibit 2 describes them: getting ready, intensive initial
 * implementation at full load, cycling back as needed at reduced load, returning to facilitate
 * institutionalization. The lengths and loads are Trellis defaults (the document gives none).
 */
export const DEFAULT_ROLLOUT_PHASES: RolloutPhase[] = [
  { name: 'Readiness', kind: 'readiness', months: 2, load: 0.25 },
  { name: 'Intensive initial implementation', kind: 'intensive', months: 8, load: 1 },
  { name: 'Cycling back as needed', kind: 'cycling-back', months: 6, load: 0.5 },
  { name: 'Return for institutionalization', kind: 'institutionalization', months: 3, load: 0.25 },
];

/** The next September on or after `today` (YYYY-MM-DD): the usual start of a school year. */
export function nextSchoolYearStart(today: string): string {
  const [y, m] = today.split('-').map(Number) as [number, number];
  return `${m <= 9 ? y : y + 1}-09`;
}

export function defaultRolloutSettings(today: string): RolloutSettings {
  return {
    startMonth: nextSchoolYearStart(today),
    blackoutMonths: [7],
    phases: DEFAULT_ROLLOUT_PHASES,
    cadre: { count: 2, capacity: 3 },
    priority: { by: ['need', 'readiness', 'enrollment'] },
    constraints: { subsetStartsTogether: true, keepFacilitatorOfSitesUnderWay: true },
  };
}

/** A school as the scenario needs it, read from the organization. */
export interface RolloutSchool {
  id: string;
  name: string;
  enrollment: number | null;
  subsetId: string;
  subsetName: string;
  region: string | null;
}

/** The scheduler's input: the settings plus the unit's schools grouped into subsets. */
export function rolloutScenarioInput(settings: RolloutSettings, schools: readonly RolloutSchool[], name?: string): RolloutScenarioInput {
  const subsets = new Map<string, { id: string; name: string; region?: string }>();
  for (const s of schools) if (!subsets.has(s.subsetId)) subsets.set(s.subsetId, { id: s.subsetId, name: s.subsetName, ...(s.region ? { region: s.region } : {}) });
  const { siteOverrides = {}, ...rest } = settings;
  return {
    ...(name ? { name } : {}),
    ...rest,
    subsets: [...subsets.values()],
    sites: schools.map((s) => {
      const o = siteOverrides[s.id] ?? {};
      return {
        id: s.id,
        name: s.name,
        subsetId: s.subsetId,
        ...(s.region ? { region: s.region } : {}),
        ...(s.enrollment !== null ? { enrollment: s.enrollment } : {}),
        ...(o.need !== undefined ? { need: o.need } : {}),
        ...(o.readiness !== undefined ? { readiness: o.readiness } : {}),
        ...(o.underWay ? { underWay: o.underWay } : {}),
      };
    }),
  };
}

export const ROLLOUT_SCENARIO_STATUSES = ['computing', 'ready', 'failed'] as const;
export type RolloutScenarioStatus = (typeof ROLLOUT_SCENARIO_STATUSES)[number];

/**
 * What adopting a scenario starts, module by module. Coaching (issue 7) creates the facilitators'
 * engagements with the first subset's schools and plans (issue 4) the school plans from the
 * district's template; until those modules exist each step is recorded as pending with what it will do.
 */
export interface RolloutAdoptionStep {
  module: 'coaching' | 'plans';
  status: 'done' | 'pending';
  /** What the step does or will do, in words. */
  description: string;
  /** Ids of what it created (empty while pending). */
  created: string[];
}
