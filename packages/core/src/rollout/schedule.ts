// What the scheduler hands back: for each site its phases month by month and its facilitator, for
// each subset when it starts, the cadre's load per month, and the explanation of time to scale
// against the lower bound. Built from the scheduler's placement (scheduler.ts); the shapes are
// re-exported from there.
import type { RolloutRampBound } from './bound.js';
import { rolloutMonthLabel, type RolloutWorkingCalendar, type RolloutYearMonth } from './calendar.js';
import { fromRolloutUnits, type RolloutProfile } from './profile.js';
import type { RolloutPhaseKind, RolloutScenario } from './schemas.js';

export interface RolloutPhasePlan {
  phase: string;
  kind: RolloutPhaseKind;
  /** First month of the phase; null when it began before the scenario's start month. */
  start: string | null;
  /** Last month of the phase; null when it ended before the start month. */
  end: string | null;
  facilitatorId: string;
  /** Site-load units a month. */
  load: number;
}

export interface RolloutSitePlan {
  siteId: string;
  subsetId: string;
  facilitatorId: string;
  underWay: boolean;
  /** First month of its first phase; null for a site under way. */
  startMonth: string | null;
  /** Calendar month index (0 = the start month) of its start; 0 for a site under way. */
  startIndex: number;
  /** Last month of its last phase: from the next month on, the work is institutionalized. */
  institutionalizedMonth: string;
  institutionalizedIndex: number;
  phases: RolloutPhasePlan[];
}

export interface RolloutSubsetPlan {
  subsetId: string;
  name: string;
  /** 1 = first in the priority order. */
  priorityRank: number;
  /** The month its sites (those not under way) start; null when all were under way. */
  startMonth: string | null;
  startIndex: number | null;
  /** More than one only when the subset is larger than the cadre can start at once. */
  waves: { startMonth: string; startIndex: number; siteCount: number }[];
  siteCount: number;
  underWaySiteCount: number;
  facilitatorIds: string[];
  /** The month its last site finishes its last phase; null for a subset without sites. */
  institutionalizedMonth: string | null;
  institutionalizedIndex: number | null;
}

export interface RolloutFacilitatorLoad {
  facilitatorId: string;
  name: string;
  region: string | null;
  capacity: number;
  siteCount: number;
  peakLoad: number;
  /** Site-load units carried in each calendar month (index as in `months`). */
  load: number[];
}

export interface RolloutExplanation {
  /** Work left in the scenario, in site-load-months. */
  totalSiteLoadMonths: number;
  /** Site-load units the whole cadre carries in a working month. */
  cadreCapacity: number;
  workingMonthsPerYear: number;
  /** ceil(work ÷ capacity): no schedule can do the work in fewer working months. */
  capacityBoundWorkingMonths: number;
  /** The longest path one site has left: it cannot be shortened. */
  longestPathWorkingMonths: number;
  /**
   * The capacity bound plus the capacity any schedule must leave idle while the first sites are in
   * their first months and the last ones finish (bound.ts); null when paths are too long to compute it.
   */
  rampBoundWorkingMonths: number | null;
  /** Site-load-months of capacity that must stay idle at the start and at the end (the ramp bound's reasoning). */
  idleAtStart: number | null;
  idleAtEnd: number | null;
  /** The largest of the three bounds. */
  lowerBoundWorkingMonths: number;
  /** Which bound binds. */
  binding: 'capacity' | 'path' | 'ramp';
  /** The lower bound in calendar months from the start month (blackout months included). */
  lowerBoundMonths: number;
  lowerBoundMonth: string;
  monthsToScale: number;
  gapMonths: number;
  /** gapMonths ÷ lowerBoundMonths × 100, one decimal. */
  gapPercent: number;
  /** The capacity bound alone in calendar months, and the gap to it: the figure to compare with a back-of-the-envelope estimate. */
  capacityBoundMonths: number;
  gapToCapacityBoundPercent: number;
  /** Whether facilitators' starts were smoothed (see scheduleRollout). */
  smoothed: boolean;
  /** The explanation in sentences. */
  summary: string;
}

export interface RolloutSchedule {
  startMonth: string;
  /** Labels (YYYY-MM) of the calendar months from the start month to the month of scale. */
  months: string[];
  /** Whether each of those months is a blackout month. */
  blackout: boolean[];
  /** Calendar months from the start month to the month of scale, both included. */
  monthsToScale: number;
  yearsToScale: number;
  /** The month the last site finishes its last phase. */
  scaleMonth: string;
  /** In order of start (then priority). */
  subsets: RolloutSubsetPlan[];
  /** In the scenario's order. */
  sites: RolloutSitePlan[];
  cadre: RolloutFacilitatorLoad[];
  /** Site-load units the whole cadre carries in each month. */
  totalLoad: number[];
  totalCapacity: number;
  peakLoad: number;
  /** peakLoad ÷ totalCapacity × 100, one decimal. */
  peakUtilizationPercent: number;
  explanation: RolloutExplanation;
  warnings: string[];
}


/** Where the scheduler put every site, in working months, with what the explanation needs. */
export interface RolloutPlacement {
  scenario: RolloutScenario;
  smoothing: boolean;
  profile: RolloutProfile;
  cal: RolloutWorkingCalendar;
  start: RolloutYearMonth;
  facilitators: { id: string; name: string; capacity: number; region: string | null }[];
  capacityUnits: Int32Array;
  /** Facilitator f's load in working month w, in hundredths: load[f * stride + w]. */
  load: Int32Array;
  stride: number;
  /** Working month each site starts its path (negative for a site under way) and its facilitator. */
  siteStart: Int32Array;
  siteFac: Int32Array;
  /** Offset on the path of a site under way at month 0; -1 for the others. */
  underWayOffset: Int32Array;
  siteSubset: Int32Array;
  subsetRank: Int32Array;
  /** The groups that started together (a subset, or a wave of one), and their working month. */
  groups: { subset: number; sites: number[] }[];
  groupStart: Int32Array;
  warnings: string[];
  workUnits: number;
  totalCapacityUnits: number;
  capacityBound: number;
  longestPath: number;
  ramp: RolloutRampBound | null;
  lowerBoundWorkingMonths: number;
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const fmt = (n: number) => n.toLocaleString('en-US');

export function buildRolloutSchedule(placement: RolloutPlacement): RolloutSchedule {
  const {
    scenario,
    smoothing,
    profile,
    cal,
    start,
    facilitators,
    load: L,
    stride: H,
    siteStart,
    siteFac,
    underWayOffset,
    siteSubset,
    subsetRank,
    groups,
    groupStart,
    warnings,
    workUnits,
    totalCapacityUnits: totalCap,
    capacityBound,
    longestPath,
    ramp,
    lowerBoundWorkingMonths: lowerBoundW,
  } = placement;
  const P = profile.length;
  const F = facilitators.length;
  const N = scenario.sites.length;
  const G = groups.length;
  const sites = scenario.sites;
    let endW = 0;
    for (let i = 0; i < N; i++) endW = Math.max(endW, siteStart[i]! + P);
    const monthsToScale = cal.calendarLength(endW);
    const labels = Array.from({ length: monthsToScale }, (_, c) => rolloutMonthLabel(start, c));
    const labelAt = (w: number) => labels[cal.calendarIndex(w)]!;
    const blackout = labels.map((_, c) => !cal.isWorking(c));

    const phases = scenario.phases;
    const sitePlans: RolloutSitePlan[] = new Array(N);
    const siteCount = new Int32Array(F);
    for (let i = 0; i < N; i++) {
      const s = siteStart[i]!;
      const fid = facilitators[siteFac[i]!]!.id;
      siteCount[siteFac[i]!]!++;
      const plans: RolloutPhasePlan[] = new Array(phases.length);
      for (let p = 0; p < phases.length; p++) {
        const first = s + profile.phaseOffsets[p]!;
        const last = first + phases[p]!.months - 1;
        plans[p] = {
          phase: phases[p]!.name,
          kind: phases[p]!.kind,
          start: first >= 0 ? labelAt(first) : null,
          end: last >= 0 ? labelAt(last) : null,
          facilitatorId: fid,
          load: phases[p]!.load,
        };
      }
      const finish = cal.calendarIndex(s + P - 1);
      sitePlans[i] = {
        siteId: sites[i]!.id,
        subsetId: sites[i]!.subsetId,
        facilitatorId: fid,
        underWay: underWayOffset[i]! >= 0,
        startMonth: underWayOffset[i]! < 0 ? labelAt(s) : null,
        startIndex: underWayOffset[i]! < 0 ? cal.calendarIndex(s) : 0,
        institutionalizedMonth: labels[finish]!,
        institutionalizedIndex: finish,
        phases: plans,
      };
    }

    const subsetPlans: RolloutSubsetPlan[] = scenario.subsets.map((sub, s) => ({
      subsetId: sub.id,
      name: sub.name,
      priorityRank: subsetRank[s]! + 1,
      startMonth: null,
      startIndex: null,
      waves: [],
      siteCount: 0,
      underWaySiteCount: 0,
      facilitatorIds: [],
      institutionalizedMonth: null as string | null,
      institutionalizedIndex: null as number | null,
    }));
    const facSeen = scenario.subsets.map(() => new Set<number>());
    for (let i = 0; i < N; i++) {
      const plan = subsetPlans[siteSubset[i]!]!;
      plan.siteCount++;
      if (sitePlans[i]!.underWay) plan.underWaySiteCount++;
      facSeen[siteSubset[i]!]!.add(siteFac[i]!);
      if (sitePlans[i]!.institutionalizedIndex > (plan.institutionalizedIndex ?? -1)) {
        plan.institutionalizedIndex = sitePlans[i]!.institutionalizedIndex;
        plan.institutionalizedMonth = sitePlans[i]!.institutionalizedMonth;
      }
    }
    // Groups start in order of their waves, so waves come out in order.
    const groupOrder = Array.from({ length: G }, (_, g) => g).sort((a, b) => groupStart[a]! - groupStart[b]! || a - b);
    for (const g of groupOrder) {
      const plan = subsetPlans[groups[g]!.subset]!;
      const c = cal.calendarIndex(groupStart[g]!);
      const last = plan.waves.at(-1);
      if (last && last.startIndex === c) last.siteCount += groups[g]!.sites.length;
      else plan.waves.push({ startMonth: labels[c]!, startIndex: c, siteCount: groups[g]!.sites.length });
    }
    subsetPlans.forEach((plan, s) => {
      plan.facilitatorIds = [...facSeen[s]!].sort((a, b) => a - b).map((f) => facilitators[f]!.id);
      if (plan.waves.length > 0) {
        plan.startMonth = plan.waves[0]!.startMonth;
        plan.startIndex = plan.waves[0]!.startIndex;
      }
      // Without the constraint, sites start on their own: the subset's start is its first site's.
      if (!scenario.constraints.subsetStartsTogether) plan.waves = [];
    });
    subsetPlans.sort((a, b) => (a.startIndex ?? -1) - (b.startIndex ?? -1) || a.priorityRank - b.priorityRank);

    const totalLoad = new Array<number>(monthsToScale).fill(0);
    const cadre: RolloutFacilitatorLoad[] = facilitators.map((fac, f) => {
      const load = new Array<number>(monthsToScale).fill(0);
      let peak = 0;
      for (let w = 0; w < endW; w++) {
        const units = L[f * H + w]!;
        if (units === 0) continue;
        const c = cal.calendarIndex(w);
        load[c] = fromRolloutUnits(units);
        totalLoad[c]! += units;
        peak = Math.max(peak, units);
      }
      return { facilitatorId: fac.id, name: fac.name, region: fac.region, capacity: fac.capacity, siteCount: siteCount[f]!, peakLoad: fromRolloutUnits(peak), load };
    });
    let peakUnits = 0;
    for (let c = 0; c < monthsToScale; c++) {
      peakUnits = Math.max(peakUnits, totalLoad[c]!);
      totalLoad[c] = fromRolloutUnits(totalLoad[c]!);
    }

    const lowerBoundMonths = cal.calendarLength(lowerBoundW);
    const gapMonths = monthsToScale - lowerBoundMonths;
    const gapPercent = round1((gapMonths / lowerBoundMonths) * 100);
    const rampW = ramp?.workingMonths ?? 0;
    const binding = rampW > Math.max(capacityBound, longestPath) ? 'ramp' : capacityBound > longestPath ? 'capacity' : 'path';
    const capacityBoundMonths = cal.calendarLength(Math.max(capacityBound, 1));
    const blackoutNote = cal.perYear < 12 ? ` (${cal.perYear} working months a year)` : '';
    const byLabel = (m: number) => rolloutMonthLabel(start, m - 1);
    const capacityText = `The cadre of ${F} facilitators carries ${fmt(fromRolloutUnits(totalCap))} site-load units a month and the ${fmt(N)} sites need ${fmt(fromRolloutUnits(workUnits))} site-load-months: no schedule does that work in fewer than ${capacityBound} working months. `;
    const boundText =
      binding === 'path'
        ? `The longest path of a single site is ${longestPath} working months and no cadre can shorten it. `
        : binding === 'ramp'
          ? `Capacity must also stay partly idle while the first sites are in their first months and while the last ones finish at reduced load (at least ${fmt(round1(fromRolloutUnits(ramp!.idleAtStart + ramp!.idleAtEnd)))} site-load-months), so no schedule takes fewer than ${rampW} working months. `
          : '';
    const summary =
      capacityText +
      boundText +
      `The lower bound is ${lowerBoundMonths} months from ${scenario.startMonth}${blackoutNote}, by ${byLabel(lowerBoundMonths)}. ` +
      `This schedule reaches scale in ${labels[monthsToScale - 1]}, after ${monthsToScale} months: ` +
      (gapMonths === 0 ? 'the lower bound itself.' : `${gapMonths} months (${gapPercent}%) more than the lower bound.`);

    return {
      startMonth: scenario.startMonth,
      months: labels,
      blackout,
      monthsToScale,
      yearsToScale: round1(monthsToScale / 12),
      scaleMonth: labels[monthsToScale - 1]!,
      subsets: subsetPlans,
      sites: sitePlans,
      cadre,
      totalLoad,
      totalCapacity: fromRolloutUnits(totalCap),
      peakLoad: fromRolloutUnits(peakUnits),
      peakUtilizationPercent: round1((peakUnits / totalCap) * 100),
      explanation: {
        totalSiteLoadMonths: fromRolloutUnits(workUnits),
        cadreCapacity: fromRolloutUnits(totalCap),
        workingMonthsPerYear: cal.perYear,
        capacityBoundWorkingMonths: capacityBound,
        longestPathWorkingMonths: longestPath,
        rampBoundWorkingMonths: ramp ? rampW : null,
        idleAtStart: ramp ? round1(fromRolloutUnits(ramp.idleAtStart)) : null,
        idleAtEnd: ramp ? round1(fromRolloutUnits(ramp.idleAtEnd)) : null,
        lowerBoundWorkingMonths: lowerBoundW,
        binding,
        lowerBoundMonths,
        lowerBoundMonth: rolloutMonthLabel(start, lowerBoundMonths - 1),
        monthsToScale,
        gapMonths,
        gapPercent,
        capacityBoundMonths,
        gapToCapacityBoundPercent: round1(((monthsToScale - capacityBoundMonths) / capacityBoundMonths) * 100),
        smoothed: smoothing,
        summary,
      },
      warnings,
    };
}
