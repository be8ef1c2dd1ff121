// The roll-out scheduler: which subset (feeder pattern, district) starts when, which facilitator
// serves each site through its phases, and when the scenario reaches scale. "A relatively small cadre
// of Organization Facilitators … rotating among the first subset of schools and then moving on to the
// next as the implementation takes hold. They provide ongoing support by cycling back as needed, and
// they return to facilitate institutionalization" (change-agent-mechanisms.txt, Exhibit 2).
//
// A pure, deterministic function of the scenario. The choices, and why:
// - Blackout months pause phases: they do not count toward a phase's length and hold no load. So the
//   scheduler plans on working months only and maps them to calendar months at the end
//   (calendar.ts). A subset never starts in a blackout month.
// - Every site of a subset (not already under way) has the same phases, so it asks the same load
//   profile of its facilitator. Facilitator f can take k_f(t) = min over the path of
//   floor(free capacity / load) more sites starting in month t, and a subset of n sites can start in
//   month t exactly when the sum of k_f(t) is at least n. The rooms are kept month by month and a
//   start recomputes only the months its path touches, for the facilitators it uses.
// - A site keeps one facilitator for its whole path: it only starts with a facilitator who has room
//   for all of it. Capacity is never split across facilitators, so the case "impossible to keep one"
//   never arises; each phase in the output still names its facilitator so that a schedule changed by
//   hand can show a hand-over.
// - Facilitators: same region as the site first, then those without a region, then any; within a
//   tier the one with the most room.
// - Order: subsets by priority, each placed at the earliest month it fits around the subsets placed
//   before it (list scheduling with conservative backfilling). A lower-priority subset may start
//   earlier than a higher-priority one, in capacity that one could not use, but never delays it.
//   (Walking month by month and protecting only the first waiting subset packed about 1% better but
//   let large high-need feeder patterns be overtaken for years: priority comes first.)
// - Smoothing: each facilitator prefers to start about one path's worth of sites a month, so that
//   the cadre's load does not come in waves (see `perMonth` below). Scenarios of up to 20,000 sites
//   are also planned without it, and the schedule that reaches scale sooner is kept.
// - A subset larger than the whole cadre can carry at once cannot start together; it starts in as
//   few waves as the cadre allows, and a warning says so.
// - Sites under way stay on their path from month 0 with their facilitator (or, when the constraint
//   is off, with the facilitator who has room, theirs first).
import { invalid } from '../errors.js';
import { rolloutRampBound } from './bound.js';
import { parseRolloutMonth, RolloutWorkingCalendar } from './calendar.js';
import { fromRolloutUnits, rolloutProfile, toRolloutUnits } from './profile.js';
import { buildRolloutSchedule, type RolloutSchedule } from './schedule.js';
import { rolloutFacilitators, type RolloutScenario } from './schemas.js';

export type { RolloutExplanation, RolloutFacilitatorLoad, RolloutPhasePlan, RolloutSchedule, RolloutSitePlan, RolloutSubsetPlan } from './schedule.js';

const KEY_INDEX = { need: 0, readiness: 1, enrollment: 2 } as const;
/** How many facilitators with room are compared when choosing one (see `choose`). */
const TIE_CANDIDATES = 8;

/** Highest first; a missing value after every present one. */
function compareDesc(a: number | undefined, b: number | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return b - a;
}

/** Up to this many sites the scheduler plans twice, with and without smoothing, and keeps the faster. */
export const ROLLOUT_PLAN_TWICE_UP_TO = 20_000;

/**
 * The schedule of a parsed scenario (RolloutScenario.parse first: the scheduler trusts its input).
 * Smoothing (below) packs large cadres well but can cost a small cadre with large feeder patterns a
 * few percent, so scenarios of up to ROLLOUT_PLAN_TWICE_UP_TO sites are planned both ways and the
 * one that reaches scale sooner is kept (the smoothed one on a tie).
 */
export function scheduleRollout(scenario: RolloutScenario): RolloutSchedule {
  const smoothed = scheduleWith(scenario, true);
  if (scenario.sites.length > ROLLOUT_PLAN_TWICE_UP_TO) return smoothed;
  const plain = scheduleWith(scenario, false);
  return plain.monthsToScale < smoothed.monthsToScale ? plain : smoothed;
}

function scheduleWith(scenario: RolloutScenario, smoothing: boolean): RolloutSchedule {
  const profile = rolloutProfile(scenario.phases);
  const P = profile.length;
  const u = profile.units;
  const start = parseRolloutMonth(scenario.startMonth);
  const cal = new RolloutWorkingCalendar(start.month, scenario.blackoutMonths);
  const facilitators = rolloutFacilitators(scenario.cadre);
  const F = facilitators.length;
  const cap = Int32Array.from(facilitators, (f) => toRolloutUnits(f.capacity));
  const warnings: string[] = [];
  const sites = scenario.sites;
  const N = sites.length;

  // Regions as small integers; -1 for none.
  const regionIds = new Map<string, number>();
  const regionOf = (r: string | null | undefined) => {
    if (r == null) return -1;
    let id = regionIds.get(r);
    if (id === undefined) regionIds.set(r, (id = regionIds.size));
    return id;
  };
  const subsetIndex = new Map(scenario.subsets.map((s, i) => [s.id, i]));
  const siteSubset = Int32Array.from(sites, (s) => subsetIndex.get(s.subsetId)!);
  const siteRegion = Int32Array.from(sites, (s, i) => regionOf(s.region ?? scenario.subsets[siteSubset[i]!]!.region));
  const facRegion = Int32Array.from(facilitators, (f) => regionOf(f.region));
  const facByRegion = new Map<number, number[]>();
  const facNoRegion: number[] = [];
  const facAll: number[] = [];
  for (let f = 0; f < F; f++) {
    if (cap[f]! < profile.peakUnits) {
      warnings.push(`${facilitators[f]!.name} (capacity ${facilitators[f]!.capacity}) cannot carry a site at its peak load of ${fromRolloutUnits(profile.peakUnits)} and starts no site.`);
      continue;
    }
    facAll.push(f);
    if (facRegion[f]! < 0) facNoRegion.push(f);
    else {
      const list = facByRegion.get(facRegion[f]!) ?? [];
      list.push(f);
      facByRegion.set(facRegion[f]!, list);
    }
  }

  // The work left and the plain bounds.
  const phaseIndex = new Map(scenario.phases.map((p, i) => [p.name, i]));
  let workUnits = 0;
  let longestPath = 0;
  const underWayOffset = new Int32Array(N).fill(-1);
  for (let i = 0; i < N; i++) {
    const uw = sites[i]!.underWay;
    if (uw) {
      const o = profile.phaseOffsets[phaseIndex.get(uw.phase)!]! + uw.monthInPhase - 1;
      underWayOffset[i] = o;
      workUnits += profile.suffixUnits[o]!;
      longestPath = Math.max(longestPath, P - o);
    } else {
      workUnits += profile.totalUnits;
      longestPath = Math.max(longestPath, P);
    }
  }
  const totalCap = cap.reduce((a, b) => a + b, 0);
  const capacityBound = Math.ceil(workUnits / totalCap);

  // Facilitator load grid: row f, working month w → units. Grows as the schedule runs on.
  let H = Math.max(16, Math.ceil(Math.max(capacityBound, longestPath) * 1.25) + 2 * P);
  let L = new Int32Array(F * H);
  const ensureHorizon = (need: number) => {
    if (need <= H) return;
    const newH = Math.max(need, Math.ceil(H * 1.5));
    const next = new Int32Array(F * newH);
    for (let f = 0; f < F; f++) next.set(L.subarray(f * H, f * H + H), f * newH);
    L = next;
    H = newH;
  };

  // Where each site starts (working month; negative for a site under way) and who serves it.
  const siteStart = new Int32Array(N);
  const siteFac = new Int32Array(N).fill(-1);
  const fitsPath = (f: number, o: number) => {
    const base = f * H - o;
    for (let r = o; r < P; r++) if (L[base + r]! + u[r]! > cap[f]!) return false;
    return true;
  };
  const addPath = (f: number, t: number, o: number, count: number) => {
    // Sites starting at working month t (or under way at offset o from month 0) add their profile.
    const base = f * H + t - o;
    for (let r = o; r < P; r++) L[base + r]! += count * u[r]!;
  };

  // Site and subset priorities.
  const keys = 'by' in scenario.priority ? scenario.priority.by.map((k) => KEY_INDEX[k]) : [];
  // Each key's values in a column (NaN when a site has none), so that sorting allocates nothing.
  const columns = [
    Float64Array.from(sites, (x) => x.need ?? NaN),
    Float64Array.from(sites, (x) => x.readiness ?? NaN),
    Float64Array.from(sites, (x) => x.enrollment ?? NaN),
  ];
  const siteRank = (a: number, b: number) => {
    for (const k of keys) {
      const va = columns[k]![a]!;
      const vb = columns[k]![b]!;
      if (va === vb) continue;
      if (Number.isNaN(va)) {
        if (!Number.isNaN(vb)) return 1;
        continue;
      }
      if (Number.isNaN(vb)) return -1;
      return vb - va;
    }
    return a - b;
  };
  const S = scenario.subsets.length;
  const subsetOrder = subsetPriorityOrder(scenario, siteSubset, keys);
  const subsetRank = new Int32Array(S);
  subsetOrder.forEach((s, rank) => (subsetRank[s] = rank));

  // Facilitators to try for a site, best first: its region's, those without a region, any.
  const tiersByRegion = new Map<number, number[][]>();
  const tiersFor = (region: number): number[][] => {
    let tiers = tiersByRegion.get(region);
    if (!tiers) tiersByRegion.set(region, (tiers = [region >= 0 ? (facByRegion.get(region) ?? []) : [], facNoRegion, facAll]));
    return tiers;
  };

  // Sites under way go first, from month 0.
  const underWaySites: number[] = [];
  for (let i = 0; i < N; i++) if (underWayOffset[i]! >= 0) underWaySites.push(i);
  underWaySites.sort(siteRank);
  ensureHorizon(P + 1);
  const facilitatorIndex = new Map(facilitators.map((f, i) => [f.id, i]));
  for (const i of underWaySites) {
    const o = underWayOffset[i]!;
    const own = facilitatorIndex.get(sites[i]!.underWay!.facilitatorId)!;
    let f = own;
    if (!scenario.constraints.keepFacilitatorOfSitesUnderWay && !fitsPath(own, o)) {
      f = -1;
      for (const tier of tiersFor(siteRegion[i]!)) {
        f = tier.find((g) => fitsPath(g, o)) ?? -1;
        if (f >= 0) break;
      }
      if (f < 0) throw invalid(`The sites under way need more than the cadre can carry: no facilitator has room for ${sites[i]!.name} from the start month.`);
      warnings.push(`${sites[i]!.name} moves from ${facilitators[own]!.name} to ${facilitators[f]!.name}, who has room for the rest of its path.`);
    }
    addPath(f, 0, o, 1);
    siteStart[i] = -o;
    siteFac[i] = f;
  }
  // The ramp bound needs the load of the sites under way, month by month.
  const underWayLoad = new Float64Array(P);
  let underWayEnd = 0;
  for (const i of underWaySites) underWayEnd = Math.max(underWayEnd, P - underWayOffset[i]!);
  for (let f = 0; f < F; f++) for (let t = 0; t < P; t++) underWayLoad[t]! += L[f * H + t]!;
  const plainBound = Math.max(capacityBound, longestPath);
  const ramp = rolloutRampBound({ units: u, capacity: totalCap, underWay: underWayLoad, underWayEnd, work: workUnits, plainBound });
  const lowerBoundW = Math.max(plainBound, ramp?.workingMonths ?? 0);

  // Groups: the sites of a subset that start together (or one site each), split into waves when a
  // subset is larger than the empty cadre can take at once.
  const emptyK = facAll.reduce((s, f) => s + Math.floor(cap[f]! / profile.peakUnits), 0);
  const groups: { subset: number; sites: number[] }[] = [];
  const bySubset: number[][] = Array.from({ length: S }, () => []);
  for (let i = 0; i < N; i++) if (underWayOffset[i]! < 0) bySubset[siteSubset[i]!]!.push(i);
  if (scenario.constraints.subsetStartsTogether) {
    for (const s of subsetOrder) {
      const members = bySubset[s]!.sort(siteRank);
      if (members.length === 0) continue;
      const waves = Math.ceil(members.length / emptyK);
      if (waves > 1) {
        warnings.push(
          `${scenario.subsets[s]!.name} has ${members.length} sites but the cadre can start at most ${emptyK} at once: it starts in ${waves} waves.`,
        );
      }
      // Waves as even as possible, the larger ones first.
      const base = Math.floor(members.length / waves);
      const extra = members.length % waves;
      for (let w = 0, from = 0; w < waves; w++) {
        const size = base + (w < extra ? 1 : 0);
        groups.push({ subset: s, sites: members.slice(from, from + size) });
        from += size;
      }
    }
  } else {
    const order: number[] = [];
    for (let i = 0; i < N; i++) if (underWayOffset[i]! < 0) order.push(i);
    if (keys.length > 0) order.sort(siteRank);
    else order.sort((a, b) => subsetRank[siteSubset[a]!]! - subsetRank[siteSubset[b]!]! || a - b);
    for (const i of order) groups.push({ subset: siteSubset[i]!, sites: [i] });
  }
  const G = groups.length;
  const groupStart = new Int32Array(G).fill(-1);

  // k_f(t): how many more sites facilitator f can start in working month t (its "hard" room),
  // straight from the load grid.
  const kAt = (f: number, t: number): number => {
    const base = f * H + t;
    const c = cap[f]!;
    let k = 0x7fffffff;
    for (let r = 0; r < P; r++) {
      const q = Math.floor((c - L[base + r]!) / u[r]!);
      if (q < k) {
        k = q;
        if (k <= 0) return 0;
      }
    }
    return k;
  };

  // Smoothing. A facilitator who starts many sites in one month carries them through their intensive
  // phase together and then has room only at reduced loads: the cadre's load comes in waves and
  // capacity goes unused (about 5% on the benchmark). So each facilitator prefers to start at most
  // ceil(capacity ÷ site-load-months of a path) sites a month, the rate that keeps them busy in the long
  // run: its "soft" room is min(k_f, that − already started that month). A subset that fits in the
  // cadre's soft room starts; one larger than the whole cadre's soft room in an empty month uses the
  // hard room, so smoothing never splits a subset nor holds it back for good.
  const perMonth = Int32Array.from(cap, (c) => (smoothing ? Math.max(1, Math.ceil(c / profile.totalUnits)) : 0x3fffffff));
  const softEmpty = facAll.reduce((s, f) => s + Math.min(Math.floor(cap[f]! / profile.peakUnits), perMonth[f]!), 0);
  // Except at the very start: through the first phase of the first sites there are no earlier starts
  // to stagger against, and every site started then keeps capacity busy sooner.
  const rampUp = scenario.phases[0]!.months;
  const usesHard = (n: number, t: number) => n > softEmpty || t < rampUp;

  // Rooms kept month by month, per facilitator and in total: hard k_f(t), starts so far in month t,
  // and the sums K(t) (hard) and Ks(t) (soft). A start in month t0 changes k_f only for months
  // t0-P+1 … t0+P-1 of the facilitators it uses, so only those are recomputed.
  let kGrid = new Int32Array(F * H);
  let started = new Int32Array(F * H);
  let K = new Int32Array(H);
  let Ks = new Int32Array(H);
  let known = 0; // months below this have rooms computed; above, the cadre is empty
  const softOf = (f: number, t: number) => Math.max(0, Math.min(kGrid[f * H + t]!, perMonth[f]! - started[f * H + t]!));
  let kStride = H; // the row length of kGrid and started
  const grow = (need: number) => {
    ensureHorizon(need);
    if (kStride === H) return;
    const kg = new Int32Array(F * H);
    const st = new Int32Array(F * H);
    for (let f = 0; f < F; f++) {
      kg.set(kGrid.subarray(f * kStride, (f + 1) * kStride), f * H);
      st.set(started.subarray(f * kStride, (f + 1) * kStride), f * H);
    }
    const k2 = new Int32Array(H);
    const ks2 = new Int32Array(H);
    k2.set(K);
    ks2.set(Ks);
    kGrid = kg;
    started = st;
    K = k2;
    Ks = ks2;
    kStride = H;
  };
  // Make months up to `t` known (rooms of an empty cadre beyond the last load).
  const know = (t: number) => {
    grow(t + P + 1);
    for (; known <= t; known++) {
      let sum = 0;
      let soft = 0;
      for (const f of facAll) {
        const k = kAt(f, known);
        kGrid[f * H + known] = k;
        sum += k;
        soft += Math.min(k, perMonth[f]!);
      }
      K[known] = sum;
      Ks[known] = soft;
    }
  };
  const refresh = (f: number, t: number) => {
    if (t < 0 || t >= known) return;
    const i = f * H + t;
    const softBefore = softOf(f, t);
    const k = kAt(f, t);
    K[t]! += k - kGrid[i]!;
    kGrid[i] = k;
    Ks[t]! += softOf(f, t) - softBefore;
  };

  // Choosing facilitators for a group in month t: counts per facilitator in `taken`, one per site in `out`.
  const taken = new Int32Array(F);
  // Within one choice rooms only shrink, so a cursor per tier remembers where those with room begin.
  const cursorSoft = new Map<number[], number>();
  const cursorHard = new Map<number[], number>();
  const current = new Map<number, number>();
  const SOFT_ONLY = [false];
  const SOFT_THEN_HARD = [false, true];
  const choose = (g: number, t: number, hard: boolean, out: Int32Array): number[] => {
    const touched: number[] = [];
    cursorSoft.clear();
    cursorHard.clear();
    const members = groups[g]!.sites;
    // The facilitator last chosen for a region keeps taking its sites while they have room: rooms
    // only shrink, so no better tier can have gained room meanwhile.
    current.clear();
    const room = (h: number, useHard: boolean) => (useHard ? kGrid[h * H + t]! : softOf(h, t)) - taken[h]!;
    let j = 0;
    for (const i of members) {
      const region = siteRegion[i]!;
      let f = current.get(region) ?? -1;
      if (f < 0 || room(f, hard) <= 0) {
        f = -1;
        // Soft room first (also for a group that may use hard room), then hard room.
        for (const useHard of hard ? SOFT_THEN_HARD : SOFT_ONLY) {
          const cursor = useHard ? cursorHard : cursorSoft;
          for (const tier of tiersFor(region)) {
            let from = cursor.get(tier) ?? 0;
            while (from < tier.length && room(tier[from]!, useHard) <= 0) from++;
            cursor.set(tier, from);
            let best = -1;
            let bestRoom = 0;
            // The most room; on a tie in soft room, the most hard room: the facilitator whose coming
            // months are emptiest (spreading the load this way packed the benchmark about 1% better).
            // Only the first few with room are compared, so that a cadre of hundreds costs no more.
            let bestHard = 0;
            let seen = 0;
            for (let x = from; x < tier.length && seen < TIE_CANDIDATES; x++) {
              const h = tier[x]!;
              const r = room(h, useHard);
              if (r <= 0) continue;
              seen++;
              const k = kGrid[h * H + t]!;
              if (r > bestRoom || (r === bestRoom && k > bestHard)) {
                best = h;
                bestRoom = r;
                bestHard = k;
              }
            }
            if (best >= 0) {
              f = best;
              break;
            }
          }
          if (f >= 0) break;
        }
        current.set(region, f);
      }
      if (taken[f]! === 0) touched.push(f);
      taken[f]!++;
      out[j++] = f;
    }
    return touched;
  };
  let scratch = new Int32Array(16);

  // Subsets in priority order, each at the earliest month it fits around those placed before it
  // (conservative backfilling: a later subset may take an earlier month that an earlier one could
  // not use, but can never delay it, because the earlier one is already placed). A month where a
  // subset of n sites does not fit stays so for every later subset of n or more, since placements
  // only add load: `frontier` remembers it per size and criterion.
  const frontier = new Map<number, number>();
  for (let g = 0; g < G; g++) {
    const n = groups[g]!.sites.length;
    const key = n * 2 + (n > softEmpty ? 1 : 0);
    let t = frontier.get(key) ?? 0;
    for (; ; t++) {
      know(t);
      if ((usesHard(n, t) ? K[t]! : Ks[t]!) >= n) break;
    }
    frontier.set(key, t);
    const hard = usesHard(n, t);
    if (scratch.length < n) scratch = new Int32Array(n * 2);
    const touched = choose(g, t, hard, scratch);
    const members = groups[g]!.sites;
    for (let j = 0; j < n; j++) {
      siteFac[members[j]!] = scratch[j]!;
      siteStart[members[j]!] = t;
    }
    know(t + P);
    for (const f of touched) {
      const a = taken[f]!;
      taken[f] = 0;
      addPath(f, t, 0, a);
      const softBefore = softOf(f, t);
      started[f * H + t]! += a;
      Ks[t]! += softOf(f, t) - softBefore;
      for (let t2 = Math.max(0, t - P + 1); t2 < t + P; t2++) refresh(f, t2);
    }
    groupStart[g] = t;
  }

  return buildRolloutSchedule({
    scenario,
    smoothing,
    profile,
    cal,
    start,
    facilitators,
    capacityUnits: cap,
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
  });

}


/**
 * Subsets in priority order: by the keys (a subset's need and readiness are its sites' means, its
 * enrollment their sum; a subset with no value sorts after those with one), or by the explicit list
 * then the rest; ties keep the scenario's order.
 */
function subsetPriorityOrder(scenario: RolloutScenario, siteSubset: Int32Array, keys: number[]): number[] {
  const S = scenario.subsets.length;
  const order = Array.from({ length: S }, (_, s) => s);
  if ('order' in scenario.priority) {
    const index = new Map(scenario.subsets.map((s, i) => [s.id, i]));
    const rank = new Int32Array(S).fill(0x7fffffff);
    scenario.priority.order.forEach((id, r) => (rank[index.get(id)!] = r));
    return order.sort((a, b) => rank[a]! - rank[b]! || a - b);
  }
  if (keys.length === 0) return order;
  const sum = new Float64Array(S * 3);
  const count = new Int32Array(S * 3);
  scenario.sites.forEach((site, i) => {
    const s = siteSubset[i]!;
    const v = [site.need, site.readiness, site.enrollment];
    for (let k = 0; k < 3; k++) {
      if (v[k] === undefined) continue;
      sum[s * 3 + k]! += v[k]!;
      count[s * 3 + k]!++;
    }
  });
  const value = (s: number, k: number): number | undefined => {
    const n = count[s * 3 + k]!;
    if (n === 0) return undefined;
    return k === 2 ? sum[s * 3 + k]! : sum[s * 3 + k]! / n;
  };
  return order.sort((a, b) => {
    for (const k of keys) {
      const c = compareDesc(value(a, k), value(b, k));
      if (c !== 0) return c;
    }
    return a - b;
  });
}
