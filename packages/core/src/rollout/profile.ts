// What one site asks of its facilitator, month by month: the phases laid end to end as a load
// profile in whole hundredths of a site-load unit. Integers keep capacity sums exact (0.1 + 0.2 is
// not 0.3 in floating point; 10 + 20 is 30).

/** Loads and capacities are whole hundredths internally. */
export const ROLLOUT_LOAD_SCALE = 100;

export const toRolloutUnits = (load: number): number => Math.round(load * ROLLOUT_LOAD_SCALE);
export const fromRolloutUnits = (units: number): number => units / ROLLOUT_LOAD_SCALE;

export interface RolloutPhaseShape {
  name: string;
  months: number;
  load: number;
}

export interface RolloutProfile {
  /** Working months of the whole path. */
  length: number;
  /** Load in hundredths for each working month of the path (index 0 = the first month of the first phase). */
  units: Int32Array;
  /** Offset of each phase's first month in the path. */
  phaseOffsets: number[];
  /** Units of the whole path (site-load-months × 100). */
  totalUnits: number;
  /** Largest monthly load in hundredths. */
  peakUnits: number;
  /** Work left from each path offset to the end: suffixUnits[o] = sum of units[o..]. */
  suffixUnits: Float64Array;
}

export function rolloutProfile(phases: readonly RolloutPhaseShape[]): RolloutProfile {
  const length = phases.reduce((s, p) => s + p.months, 0);
  const units = new Int32Array(length);
  const phaseOffsets: number[] = [];
  let at = 0;
  for (const p of phases) {
    phaseOffsets.push(at);
    units.fill(toRolloutUnits(p.load), at, at + p.months);
    at += p.months;
  }
  const suffixUnits = new Float64Array(length + 1);
  for (let o = length - 1; o >= 0; o--) suffixUnits[o] = suffixUnits[o + 1]! + units[o]!;
  let peakUnits = 0;
  for (const u of units) peakUnits = Math.max(peakUnits, u);
  return { length, units, phaseOffsets, totalUnits: suffixUnits[0]!, peakUnits, suffixUnits };
}

/** Where a site under way stands on the path at month 0: the offset of its current month. */
export function rolloutUnderWayOffset(profile: RolloutProfile, phaseIndex: number, monthInPhase: number): number {
  return profile.phaseOffsets[phaseIndex]! + monthInPhase - 1;
}
