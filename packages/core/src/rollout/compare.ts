// What-if: the same scenario with cadres of other sizes (the "cadre size against years to scale"
// chart), and two schedules side by side.
import { scheduleRollout, type RolloutSchedule } from './scheduler.js';
import { rolloutFacilitators, rolloutScenarioIssues, type RolloutCadre, type RolloutScenario } from './schemas.js';

export interface RolloutSweepPoint {
  cadreSize: number;
  /** Site-load units the cadre carries in a month. */
  totalCapacity: number;
  monthsToScale: number;
  yearsToScale: number;
  scaleMonth: string;
  lowerBoundMonths: number;
  lowerBoundYears: number;
  gapPercent: number;
  peakUtilizationPercent: number;
}

/** A cadre size the scenario cannot be planned with, and why (e.g. it drops a facilitator serving a site under way). */
export interface RolloutSweepRefusal {
  cadreSize: number;
  refused: string;
}

export type RolloutSweepRow = RolloutSweepPoint | RolloutSweepRefusal;

/**
 * The scenario with a cadre of each size. A counted cadre changes its count. A named cadre keeps its
 * first `size` facilitators, or adds facilitators named "Additional facilitator N" with the capacity
 * most of the named ones have (the larger on a tie) and no region.
 */
export function cadreSweep(scenario: RolloutScenario, sizes: readonly number[]): RolloutSweepRow[] {
  // Facilitators serving sites under way, who a smaller named cadre must not drop.
  const serving = new Map<string, number>();
  for (const site of scenario.sites) if (site.underWay) serving.set(site.underWay.facilitatorId, (serving.get(site.underWay.facilitatorId) ?? 0) + 1);
  return sizes.map((size) => {
    const cadre = resizeCadre(scenario.cadre, size);
    const kept = new Set(rolloutFacilitators(cadre).map((f) => f.id));
    const dropped = rolloutFacilitators(scenario.cadre).find((f) => serving.has(f.id) && !kept.has(f.id));
    if (dropped) {
      const n = serving.get(dropped.id)!;
      return { cadreSize: size, refused: `a cadre of ${size} would leave out ${dropped.name}, who serves ${n} ${n === 1 ? 'site' : 'sites'} under way` };
    }
    const variant: RolloutScenario = { ...scenario, cadre };
    const issues = rolloutScenarioIssues(variant);
    if (issues.length > 0) return { cadreSize: size, refused: `${issues[0]!.path.join('.')} ${issues[0]!.message}` };
    const s = scheduleRollout(variant);
    return {
      cadreSize: size,
      totalCapacity: s.totalCapacity,
      monthsToScale: s.monthsToScale,
      yearsToScale: s.yearsToScale,
      scaleMonth: s.scaleMonth,
      lowerBoundMonths: s.explanation.lowerBoundMonths,
      lowerBoundYears: Math.round((s.explanation.lowerBoundMonths / 12) * 10) / 10,
      gapPercent: s.explanation.gapPercent,
      peakUtilizationPercent: s.peakUtilizationPercent,
    };
  });
}

export function resizeCadre(cadre: RolloutCadre, size: number): RolloutCadre {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`a cadre size must be a whole number of at least 1, not ${size}`);
  if ('count' in cadre) return { count: size, capacity: cadre.capacity };
  const named = cadre.facilitators;
  if (size <= named.length) return { facilitators: named.slice(0, size) };
  const tally = new Map<number, number>();
  for (const f of named) tally.set(f.capacity, (tally.get(f.capacity) ?? 0) + 1);
  const capacity = [...tally].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]![0];
  const taken = new Set(named.map((f) => f.id));
  const added = [];
  for (let n = 1; added.length < size - named.length; n++) {
    const id = `additional-${n}`;
    if (!taken.has(id)) added.push({ id, name: `Additional facilitator ${n}`, capacity });
  }
  return { facilitators: [...named, ...added] };
}

export interface RolloutSideBySide<T> {
  a: T;
  b: T;
}

export interface RolloutComparison {
  monthsToScale: RolloutSideBySide<number> & { change: number };
  yearsToScale: RolloutSideBySide<number>;
  scaleMonth: RolloutSideBySide<string>;
  lowerBoundMonths: RolloutSideBySide<number>;
  gapPercent: RolloutSideBySide<number>;
  peakLoad: RolloutSideBySide<number>;
  peakUtilizationPercent: RolloutSideBySide<number>;
  /** The month the first and the last subset start (null when every site was under way). */
  firstSubsetStart: RolloutSideBySide<string | null>;
  lastSubsetStart: RolloutSideBySide<string | null>;
  /** One sentence on what changes from a to b. */
  summary: string;
}

/** Two schedules side by side (compute each with scheduleRollout first). */
export function compareScenarios(a: RolloutSchedule, b: RolloutSchedule): RolloutComparison {
  const both = <T>(f: (s: RolloutSchedule) => T): RolloutSideBySide<T> => ({ a: f(a), b: f(b) });
  const starts = (s: RolloutSchedule) => s.subsets.filter((x) => x.startIndex !== null);
  const change = b.monthsToScale - a.monthsToScale;
  const summary =
    change === 0
      ? `Both reach scale in ${a.scaleMonth}.`
      : `The second reaches scale ${Math.abs(change)} months ${change < 0 ? 'earlier' : 'later'} (${b.scaleMonth} instead of ${a.scaleMonth}).`;
  return {
    monthsToScale: { ...both((s) => s.monthsToScale), change },
    yearsToScale: both((s) => s.yearsToScale),
    scaleMonth: both((s) => s.scaleMonth),
    lowerBoundMonths: both((s) => s.explanation.lowerBoundMonths),
    gapPercent: both((s) => s.explanation.gapPercent),
    peakLoad: both((s) => s.peakLoad),
    peakUtilizationPercent: both((s) => s.peakUtilizationPercent),
    firstSubsetStart: both((s) => starts(s)[0]?.startMonth ?? null),
    lastSubsetStart: both((s) => starts(s).at(-1)?.startMonth ?? null),
    summary,
  };
}
