// What a computed scenario stores and the API returns: a summary for lists, the schedule, the
// what-if sweep, and the names the schedule's ids stand for.
import type { RolloutSweepRow } from './compare.js';
import type { RolloutSchedule } from './scheduler.js';
import type { RolloutScenario } from './schemas.js';

export interface RolloutSummary {
  siteCount: number;
  subsetCount: number;
  cadreSize: number;
  totalCapacity: number;
  monthsToScale: number;
  yearsToScale: number;
  scaleMonth: string;
  lowerBoundMonths: number;
  gapPercent: number;
  peakUtilizationPercent: number;
  firstSubsetStart: string | null;
  lastSubsetStart: string | null;
}

export interface RolloutResult {
  summary: RolloutSummary;
  schedule: RolloutSchedule;
  sweep: RolloutSweepRow[];
  /** Names of the schools and groups as they were when computed (the schedule has their ids). */
  siteNames: Record<string, string>;
}

/** Cadre sizes for the what-if chart: a few below the scenario's, more above (up to 9 sizes). */
export function sweepSizes(size: number): number[] {
  const from = Math.max(1, size - 3);
  return Array.from({ length: 9 }, (_, i) => from + i);
}

export function rolloutSummary(s: RolloutSchedule, cadreSize: number, scenario: RolloutScenario): RolloutSummary {
  const starts = s.subsets.map((x) => x.startMonth).filter((m): m is string => m !== null).sort();
  return {
    siteCount: scenario.sites.length,
    subsetCount: scenario.subsets.length,
    cadreSize,
    totalCapacity: s.totalCapacity,
    monthsToScale: s.monthsToScale,
    yearsToScale: s.yearsToScale,
    scaleMonth: s.scaleMonth,
    lowerBoundMonths: s.explanation.lowerBoundMonths,
    gapPercent: s.explanation.gapPercent,
    peakUtilizationPercent: s.peakUtilizationPercent,
    firstSubsetStart: starts[0] ?? null,
    lastSubsetStart: starts.at(-1) ?? null,
  };
}
