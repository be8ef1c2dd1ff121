// Rules of benchmarks and progress, as plain functions over plain data: periods, assessments, the
// roll-ups and trends of benchmark ratings, the readiness survey's privacy floor, the barrier log and
// the milestones proposed as celebrations. No I/O.
//
// Roll-ups run on raw ratings (`rollUpFromRatings`) or on pre-aggregated counts (`rollUpFromCounts`),
// so that the server can GROUP BY in SQL and hand over a few thousand rows instead of every rating at
// state scale. The two agree exactly (packages/core/test/progress-rollup.test.ts proves it), because
// every figure is a ratio of whole-number sums computed the same way in both.
import type { SourceRef } from '../catalogs/sources.js';
import { conflict, invalid } from '../errors.js';
import type { MechanismKind, MechanismStatus } from '../mechanisms/catalog.js';
import type { PlanStatus } from '../plans/rules.js';
import { PLAN_PHASE_CATALOG, type PlanPhase } from '../plans/templates.js';
import {
  BENCHMARK_DEFAULT_INSTRUMENT,
  BENCHMARK_RATING_VALUES,
  BENCHMARK_RATINGS,
  PROGRESS_SOURCES,
  READINESS_DEFAULT_SURVEY,
  READINESS_MAX_VALUE,
  READINESS_MIN_VALUE,
  type BenchmarkInstrument,
  type BenchmarkRating,
  type ReadinessFactor,
  type ReadinessSurveyInstrument,
} from './instruments.js';

const joinOr = (items: string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`);

// ---- Periods ----------------------------------------------------------------------------------------

/** A quarter (`2026-Q3`) or a month (`2026-09`). Quarters are calendar quarters. */
export type ProgressPeriod = string;
export const PROGRESS_PERIOD_PATTERN = /^(\d{4})-(?:Q([1-4])|(0[1-9]|1[0-2]))$/;

export interface ProgressPeriodParts {
  kind: 'quarter' | 'month';
  year: number;
  /** 1–4 for a quarter, 1–12 for a month. */
  index: number;
  /** First and last day, inclusive, as YYYY-MM-DD. */
  start: string;
  end: string;
}

export const isProgressPeriod = (value: unknown): value is ProgressPeriod => typeof value === 'string' && PROGRESS_PERIOD_PATTERN.test(value);

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const lastDayOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The parts of a period; `invalid` when it is neither YYYY-Qn nor YYYY-MM. */
export function parseProgressPeriod(period: string): ProgressPeriodParts {
  const m = PROGRESS_PERIOD_PATTERN.exec(period);
  if (!m) {
    throw invalid(`"${period}" is not a period. Write a quarter like 2026-Q3 or a month like 2026-09.`, [
      { field: 'period', message: 'must be a quarter like 2026-Q3 or a month like 2026-09' },
    ]);
  }
  const year = Number(m[1]);
  if (m[2] !== undefined) {
    const q = Number(m[2]);
    const firstMonth = (q - 1) * 3 + 1;
    return { kind: 'quarter', year, index: q, start: `${year}-${pad(firstMonth)}-01`, end: `${year}-${pad(firstMonth + 2)}-${pad(lastDayOfMonth(year, firstMonth + 2))}` };
  }
  const month = Number(m[3]);
  return { kind: 'month', year, index: month, start: `${year}-${pad(month)}-01`, end: `${year}-${pad(month)}-${pad(lastDayOfMonth(year, month))}` };
}

const formatPeriod = (kind: 'quarter' | 'month', year: number, index: number) => (kind === 'quarter' ? `${year}-Q${index}` : `${year}-${pad(index)}`);

/** The period before, of the same kind: 2026-Q1 → 2025-Q4, 2026-01 → 2025-12. */
export function previousProgressPeriod(period: string): ProgressPeriod {
  const p = parseProgressPeriod(period);
  return p.index > 1 ? formatPeriod(p.kind, p.year, p.index - 1) : formatPeriod(p.kind, p.year - 1, p.kind === 'quarter' ? 4 : 12);
}

/** The period after, of the same kind. */
export function nextProgressPeriod(period: string): ProgressPeriod {
  const p = parseProgressPeriod(period);
  const last = p.kind === 'quarter' ? 4 : 12;
  return p.index < last ? formatPeriod(p.kind, p.year, p.index + 1) : formatPeriod(p.kind, p.year + 1, 1);
}

/** Chronological order: by first day, then the shorter (a month) before the longer (its quarter). */
export function compareProgressPeriods(a: string, b: string): number {
  const pa = parseProgressPeriod(a);
  const pb = parseProgressPeriod(b);
  if (pa.start !== pb.start) return pa.start < pb.start ? -1 : 1;
  if (pa.end !== pb.end) return pa.end < pb.end ? -1 : 1;
  return 0;
}

/** The quarter or month a date (YYYY-MM-DD, or an ISO timestamp: its calendar day as written) falls in. */
export function progressPeriodContaining(date: string, kind: 'quarter' | 'month' = 'quarter'): ProgressPeriod {
  const m = /^(\d{4})-(\d{2})-\d{2}/.exec(date);
  if (!m) throw invalid(`"${date}" is not a date like 2026-09-01.`, [{ field: 'date', message: 'must be a date like 2026-09-01' }]);
  const year = Number(m[1]);
  const month = Number(m[2]);
  return kind === 'quarter' ? formatPeriod('quarter', year, Math.ceil(month / 3)) : formatPeriod('month', year, month);
}

// ---- Days -------------------------------------------------------------------------------------------

const DAY_MS = 86_400_000;

/** Whole days since 1970-01-01 of a date or timestamp's calendar day as written (its first ten characters). */
function dayNumber(value: string, field: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : Number.NaN;
  if (!Number.isFinite(ms)) throw invalid(`"${value}" is not a date like 2026-09-01.`, [{ field, message: 'must be a date like 2026-09-01' }]);
  return Math.round(ms / DAY_MS);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export const progressDaysBetween = (from: string, to: string): number => dayNumber(to, 'to') - dayNumber(from, 'from');

// ---- Assessments ------------------------------------------------------------------------------------

export const BENCHMARK_ASSESSMENT_STATUSES = ['draft', 'submitted'] as const;
export type BenchmarkAssessmentStatus = (typeof BENCHMARK_ASSESSMENT_STATUSES)[number];

export const BENCHMARK_ASSESSMENT_STATUS_LABELS: Readonly<Record<BenchmarkAssessmentStatus, string>> = {
  draft: 'In progress',
  submitted: 'Submitted',
};

export const isBenchmarkAssessmentStatus = (value: unknown): value is BenchmarkAssessmentStatus =>
  typeof value === 'string' && (BENCHMARK_ASSESSMENT_STATUSES as readonly string[]).includes(value);

/** One item's rating in an assessment, as the rules see it. */
export interface BenchmarkAssessmentRating {
  itemKey: string;
  rating: BenchmarkRating;
}

export interface BenchmarkAssessmentCompleteness {
  /** Items of the instrument. */
  total: number;
  /** Items of the instrument that are rated. */
  rated: number;
  /** Item keys not yet rated, in the instrument's order. */
  missing: string[];
  /** Rated keys the instrument does not have. */
  unknown: string[];
  complete: boolean;
}

/** How far an assessment has got: complete when every item of its instrument is rated (and nothing else is). */
export function benchmarkAssessmentCompleteness(
  instrument: Pick<BenchmarkInstrument, 'items'>,
  ratings: readonly Pick<BenchmarkAssessmentRating, 'itemKey'>[],
): BenchmarkAssessmentCompleteness {
  const rated = new Set(ratings.map((r) => r.itemKey));
  const keys = new Set(instrument.items.map((i) => i.key));
  const missing = instrument.items.filter((i) => !rated.has(i.key)).map((i) => i.key);
  const unknown = [...rated].filter((k) => !keys.has(k));
  return { total: keys.size, rated: keys.size - missing.length, missing, unknown, complete: missing.length === 0 && unknown.length === 0 };
}

/**
 * Throws `invalid` unless every rating names an item of the instrument, once, with a rating on its
 * scale. A team saves ratings as it goes; a draft may be partial.
 */
export function checkBenchmarkRatings(instrument: Pick<BenchmarkInstrument, 'items' | 'name' | 'version'>, ratings: readonly BenchmarkAssessmentRating[]): void {
  const keys = new Set(instrument.items.map((i) => i.key));
  const seen = new Set<string>();
  const issues: { field: string; message: string }[] = [];
  ratings.forEach((r, i) => {
    if (!keys.has(r.itemKey)) issues.push({ field: `ratings.${i}.itemKey`, message: `"${r.itemKey}" is not an item of ${instrument.name} ${instrument.version}` });
    else if (seen.has(r.itemKey)) issues.push({ field: `ratings.${i}.itemKey`, message: `rates "${r.itemKey}" a second time` });
    if (!(BENCHMARK_RATINGS as readonly string[]).includes(r.rating)) issues.push({ field: `ratings.${i}.rating`, message: `must be one of ${BENCHMARK_RATINGS.join(', ')}` });
    seen.add(r.itemKey);
  });
  if (issues.length > 0) throw invalid(`Some ratings cannot be saved: ${issues.map((x) => `${x.field} ${x.message}`).join('; ')}.`, issues);
}

/** Throws `conflict` when the assessment may no longer change: a submitted assessment is frozen. */
export function checkAssessmentEditable(status: BenchmarkAssessmentStatus): void {
  if (status === 'submitted') {
    throw conflict(
      'This assessment was submitted and is frozen: roll-ups and reports rest on it. Start the next period’s assessment to record changes.',
      [{ field: 'status', message: 'is submitted' }],
    );
  }
}

/**
 * Throws unless an assessment may move from `from` to `to`. The one move is draft → submitted, and
 * only when every item of the instrument is rated (`invalid` names the items left). Nothing leaves
 * submitted: it is frozen (`conflict`).
 */
export function checkAssessmentTransition(
  from: BenchmarkAssessmentStatus,
  to: BenchmarkAssessmentStatus,
  context: { instrument: Pick<BenchmarkInstrument, 'items'>; ratings: readonly Pick<BenchmarkAssessmentRating, 'itemKey'>[] },
): void {
  for (const [field, value] of [
    ['currentStatus', from],
    ['to', to],
  ] as const) {
    if (!isBenchmarkAssessmentStatus(value)) {
      throw invalid(`"${String(value)}" is not an assessment status; use one of ${BENCHMARK_ASSESSMENT_STATUSES.join(', ')}.`, [
        { field, message: `must be one of ${BENCHMARK_ASSESSMENT_STATUSES.join(', ')}` },
      ]);
    }
  }
  const issue = [{ field: 'to', message: `cannot change from ${from} to ${to}` }];
  if (from === 'submitted') {
    throw conflict(
      to === 'submitted'
        ? 'This assessment is already submitted.'
        : 'A submitted assessment is frozen and cannot go back to draft. Start the next period’s assessment to record changes.',
      issue,
    );
  }
  if (to === 'draft') throw conflict('This assessment is already in progress.', issue);
  const done = benchmarkAssessmentCompleteness(context.instrument, context.ratings);
  if (!done.complete) {
    const left = done.missing.length;
    throw invalid(
      left > 0
        ? `Rate every item before submitting: ${left} of ${done.total} ${left === 1 ? 'is' : 'are'} not rated yet (${done.missing.slice(0, 5).join(', ')}${left > 5 ? ', …' : ''}).`
        : `Remove ratings of items the instrument does not have before submitting: ${done.unknown.join(', ')}.`,
      [{ field: 'ratings', message: left > 0 ? `${left} item${left === 1 ? '' : 's'} not rated` : 'rates items the instrument does not have' }],
    );
  }
}

// ---- Roll-ups of benchmark ratings ----------------------------------------------------------------

/** One rating from a submitted assessment: one unit, one period, one item. */
export interface BenchmarkRatingRow {
  unitId: string;
  period: ProgressPeriod;
  itemKey: string;
  rating: BenchmarkRating;
}

/** `SELECT period, item_key, rating, count(*) AS units … GROUP BY period, item_key, rating`. */
export interface BenchmarkItemRatingCount {
  period: ProgressPeriod;
  itemKey: string;
  rating: BenchmarkRating;
  units: number;
}

/** `SELECT period, unit_id, count(*) AS rated, sum(value) AS value_sum … GROUP BY period, unit_id` (value 0–3). */
export interface BenchmarkUnitRatingSummary {
  period: ProgressPeriod;
  unitId: string;
  rated: number;
  valueSum: number;
}

/**
 * Ratings pre-aggregated by the two groupings a roll-up needs. Both cover the scope's units, the
 * roll-up's two periods and the instrument's items only (the server filters on those in SQL).
 */
export interface BenchmarkRatingCounts {
  byItem: readonly BenchmarkItemRatingCount[];
  byUnit: readonly BenchmarkUnitRatingSummary[];
}

export interface BenchmarkRollUpScope {
  instrument: Pick<BenchmarkInstrument, 'items' | 'areas'>;
  /** The units whose ratings roll up (e.g. a district's schools); those without ratings are "not assessed". */
  unitIds: readonly string[];
  period: ProgressPeriod;
  /** Defaults to the period before `period`. */
  previousPeriod?: ProgressPeriod;
  /** A unit whose mean rating is below this is behind. Default 2 ("developing"). */
  behindBelow?: number;
}

/** Product default: a unit whose items are on average less than "developing" is behind. */
export const BENCHMARK_BEHIND_BELOW_DEFAULT = 2;

export interface BenchmarkDistribution {
  counts: Record<BenchmarkRating, number>;
  rated: number;
  /** Mean value 0–3 over the ratings; null when nothing is rated. */
  mean: number | null;
  /** Share (0–1) of the ratings that are "fully in place"; null when nothing is rated. */
  fullyInPlaceShare: number | null;
}

export interface BenchmarkPeriodSummary {
  period: ProgressPeriod;
  unitsInScope: number;
  /** Units with at least one rating in the period. */
  unitsAssessed: number;
  overall: BenchmarkDistribution;
  /** By area key, in the instrument's area order: every rating of the area's items (not a mean of item means). */
  areas: Record<string, BenchmarkDistribution>;
  /** By item key, in the instrument's order. */
  items: Record<string, BenchmarkDistribution>;
}

export interface BenchmarkChange {
  /** This period's mean minus the previous; null when either has no ratings. */
  mean: number | null;
  fullyInPlaceShare: number | null;
  rated: number;
}

export type BenchmarkBehindReason = 'not_assessed' | 'below_threshold';

export interface BenchmarkUnitBehind {
  unitId: string;
  reason: BenchmarkBehindReason;
  /** The unit's mean this period; null when not assessed. */
  mean: number | null;
  rated: number;
  previousMean: number | null;
}

export interface BenchmarkRollUp {
  period: ProgressPeriod;
  previousPeriod: ProgressPeriod;
  behindBelow: number;
  current: BenchmarkPeriodSummary;
  previous: BenchmarkPeriodSummary;
  change: {
    overall: BenchmarkChange;
    areas: Record<string, BenchmarkChange>;
    items: Record<string, BenchmarkChange>;
    unitsAssessed: number;
  };
  /** Not assessed first, then by mean (lowest first), then by unit id. */
  unitsBehind: BenchmarkUnitBehind[];
}

const emptyCounts = (): Record<BenchmarkRating, number> => ({ not_yet: 0, planned: 0, developing: 0, fully_in_place: 0 });

/** Rated count, value sum and fully-in-place count of a counts record. */
function distributionOf(counts: Record<BenchmarkRating, number>): BenchmarkDistribution {
  let rated = 0;
  let sum = 0;
  for (const r of BENCHMARK_RATINGS) {
    rated += counts[r];
    sum += counts[r] * BENCHMARK_RATING_VALUES[r];
  }
  return {
    counts,
    rated,
    mean: rated === 0 ? null : sum / rated,
    fullyInPlaceShare: rated === 0 ? null : counts.fully_in_place / rated,
  };
}

const delta = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);
const changeOf = (now: BenchmarkDistribution, before: BenchmarkDistribution): BenchmarkChange => ({
  mean: delta(now.mean, before.mean),
  fullyInPlaceShare: delta(now.fullyInPlaceShare, before.fullyInPlaceShare),
  rated: now.rated - before.rated,
});

function resolveScope(scope: BenchmarkRollUpScope) {
  parseProgressPeriod(scope.period);
  const previousPeriod = scope.previousPeriod ?? previousProgressPeriod(scope.period);
  parseProgressPeriod(previousPeriod);
  if (previousPeriod === scope.period) throw invalid('The previous period must differ from the period rolled up.', [{ field: 'previousPeriod', message: 'must differ from period' }]);
  const areaOf = new Map(scope.instrument.items.map((i) => [i.key, i.area] as const));
  return { previousPeriod, areaOf, units: new Set(scope.unitIds), behindBelow: scope.behindBelow ?? BENCHMARK_BEHIND_BELOW_DEFAULT };
}

interface UnitFigures {
  rated: number;
  valueSum: number;
}

/** The shared last step: per-item counts and per-unit sums of each period → the roll-up. */
function assemble(
  scope: BenchmarkRollUpScope,
  previousPeriod: ProgressPeriod,
  behindBelow: number,
  itemCounts: Record<'current' | 'previous', Map<string, Record<BenchmarkRating, number>>>,
  unitFigures: Record<'current' | 'previous', Map<string, UnitFigures>>,
): BenchmarkRollUp {
  const summarize = (which: 'current' | 'previous', period: ProgressPeriod): BenchmarkPeriodSummary => {
    const items: Record<string, BenchmarkDistribution> = {};
    const areaCounts = new Map<string, Record<BenchmarkRating, number>>(scope.instrument.areas.map((a) => [a.key, emptyCounts()]));
    const overall = emptyCounts();
    for (const item of scope.instrument.items) {
      const counts = itemCounts[which].get(item.key) ?? emptyCounts();
      items[item.key] = distributionOf({ ...counts });
      let area = areaCounts.get(item.area);
      if (!area) areaCounts.set(item.area, (area = emptyCounts()));
      for (const r of BENCHMARK_RATINGS) {
        area[r] += counts[r];
        overall[r] += counts[r];
      }
    }
    const areas: Record<string, BenchmarkDistribution> = {};
    for (const [key, counts] of areaCounts) areas[key] = distributionOf(counts);
    let assessed = 0;
    for (const [, f] of unitFigures[which]) if (f.rated > 0) assessed++;
    return { period, unitsInScope: new Set(scope.unitIds).size, unitsAssessed: assessed, overall: distributionOf(overall), areas, items };
  };
  const current = summarize('current', scope.period);
  const previous = summarize('previous', previousPeriod);

  const unitsBehind: BenchmarkUnitBehind[] = [];
  for (const unitId of new Set(scope.unitIds)) {
    const now = unitFigures.current.get(unitId);
    const before = unitFigures.previous.get(unitId);
    const previousMean = before && before.rated > 0 ? before.valueSum / before.rated : null;
    if (!now || now.rated === 0) {
      unitsBehind.push({ unitId, reason: 'not_assessed', mean: null, rated: 0, previousMean });
      continue;
    }
    const mean = now.valueSum / now.rated;
    if (mean < behindBelow) unitsBehind.push({ unitId, reason: 'below_threshold', mean, rated: now.rated, previousMean });
  }
  unitsBehind.sort((a, b) => {
    if (a.reason !== b.reason) return a.reason === 'not_assessed' ? -1 : 1;
    if (a.mean !== b.mean) return (a.mean ?? 0) - (b.mean ?? 0);
    return a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0;
  });

  const areas: Record<string, BenchmarkChange> = {};
  for (const key of Object.keys(current.areas)) areas[key] = changeOf(current.areas[key]!, previous.areas[key]!);
  const items: Record<string, BenchmarkChange> = {};
  for (const key of Object.keys(current.items)) items[key] = changeOf(current.items[key]!, previous.items[key]!);

  return {
    period: scope.period,
    previousPeriod,
    behindBelow,
    current,
    previous,
    change: { overall: changeOf(current.overall, previous.overall), areas, items, unitsAssessed: current.unitsAssessed - previous.unitsAssessed },
    unitsBehind,
  };
}

/**
 * The roll-up of a set of units from pre-aggregated counts (see BenchmarkRatingCounts). Rows of other
 * periods, of items the instrument does not have, and per-unit rows of units outside the scope are
 * ignored; per-item rows cannot name their units, so the caller counts only the scope's units.
 */
export function rollUpFromCounts(counts: BenchmarkRatingCounts, scope: BenchmarkRollUpScope): BenchmarkRollUp {
  const { previousPeriod, areaOf, units, behindBelow } = resolveScope(scope);
  const which = (period: string) => (period === scope.period ? 'current' : period === previousPeriod ? 'previous' : null);
  const itemCounts = { current: new Map<string, Record<BenchmarkRating, number>>(), previous: new Map<string, Record<BenchmarkRating, number>>() };
  for (const row of counts.byItem) {
    const w = which(row.period);
    if (w === null || !areaOf.has(row.itemKey) || row.units <= 0) continue;
    let c = itemCounts[w].get(row.itemKey);
    if (!c) itemCounts[w].set(row.itemKey, (c = emptyCounts()));
    c[row.rating] += row.units;
  }
  const unitFigures = { current: new Map<string, UnitFigures>(), previous: new Map<string, UnitFigures>() };
  for (const row of counts.byUnit) {
    const w = which(row.period);
    if (w === null || !units.has(row.unitId)) continue;
    const f = unitFigures[w].get(row.unitId) ?? { rated: 0, valueSum: 0 };
    unitFigures[w].set(row.unitId, { rated: f.rated + row.rated, valueSum: f.valueSum + row.valueSum });
  }
  return assemble(scope, previousPeriod, behindBelow, itemCounts, unitFigures);
}

/**
 * The roll-up of a set of units from their ratings, one row per unit, period and item (a submitted
 * assessment rates each item once). Ratings of units outside the scope, of other periods and of items
 * the instrument does not have are ignored. Computed directly from the rows, independently of the
 * counts path, so that each checks the other.
 */
export function rollUpFromRatings(ratings: readonly BenchmarkRatingRow[], scope: BenchmarkRollUpScope): BenchmarkRollUp {
  const { previousPeriod, areaOf, units, behindBelow } = resolveScope(scope);
  // unit → period → item → rating
  const byUnit = new Map<string, Map<string, Map<string, BenchmarkRating>>>();
  for (const r of ratings) {
    if (!units.has(r.unitId) || !areaOf.has(r.itemKey) || (r.period !== scope.period && r.period !== previousPeriod)) continue;
    let periods = byUnit.get(r.unitId);
    if (!periods) byUnit.set(r.unitId, (periods = new Map()));
    let items = periods.get(r.period);
    if (!items) periods.set(r.period, (items = new Map()));
    items.set(r.itemKey, r.rating);
  }
  const itemCounts = { current: new Map<string, Record<BenchmarkRating, number>>(), previous: new Map<string, Record<BenchmarkRating, number>>() };
  const unitFigures = { current: new Map<string, UnitFigures>(), previous: new Map<string, UnitFigures>() };
  for (const [unitId, periods] of byUnit) {
    for (const [w, period] of [
      ['current', scope.period],
      ['previous', previousPeriod],
    ] as const) {
      const items = periods.get(period);
      if (!items) continue;
      let valueSum = 0;
      for (const [itemKey, rating] of items) {
        valueSum += BENCHMARK_RATING_VALUES[rating];
        let c = itemCounts[w].get(itemKey);
        if (!c) itemCounts[w].set(itemKey, (c = emptyCounts()));
        c[rating] += 1;
      }
      unitFigures[w].set(unitId, { rated: items.size, valueSum });
    }
  }
  return assemble(scope, previousPeriod, behindBelow, itemCounts, unitFigures);
}

/**
 * What the server's two GROUP BY queries return, computed in memory: for tests, for the benchmark's
 * naive baseline, and for small scopes. Filters as the queries do (the scope's units, the instrument's
 * items, the given periods; all periods when none are given).
 */
export function aggregateBenchmarkRatings(
  ratings: readonly BenchmarkRatingRow[],
  filter: { instrument: Pick<BenchmarkInstrument, 'items'>; unitIds?: readonly string[]; periods?: readonly ProgressPeriod[] },
): BenchmarkRatingCounts {
  const items = new Set(filter.instrument.items.map((i) => i.key));
  const units = filter.unitIds ? new Set(filter.unitIds) : null;
  const periods = filter.periods ? new Set(filter.periods) : null;
  const byItem = new Map<string, BenchmarkItemRatingCount>();
  const byUnit = new Map<string, BenchmarkUnitRatingSummary>();
  for (const r of ratings) {
    if (!items.has(r.itemKey) || (units && !units.has(r.unitId)) || (periods && !periods.has(r.period))) continue;
    const ik = `${r.period}\u0000${r.itemKey}\u0000${r.rating}`;
    const ic = byItem.get(ik);
    if (ic) ic.units += 1;
    else byItem.set(ik, { period: r.period, itemKey: r.itemKey, rating: r.rating, units: 1 });
    const uk = `${r.period}\u0000${r.unitId}`;
    const value = BENCHMARK_RATING_VALUES[r.rating];
    const uc = byUnit.get(uk);
    if (uc) {
      uc.rated += 1;
      uc.valueSum += value;
    } else {
      byUnit.set(uk, { period: r.period, unitId: r.unitId, rated: 1, valueSum: value });
    }
  }
  return { byItem: [...byItem.values()], byUnit: [...byUnit.values()] };
}

export interface BenchmarkUnitTrendPoint {
  period: ProgressPeriod;
  overall: BenchmarkDistribution;
  areas: Record<string, BenchmarkDistribution>;
  /** Each item's rating, null when not rated that period (e.g. an item added later). */
  items: Record<string, BenchmarkRating | null>;
  /** Change of the overall mean since the point before; null for the first or when either is unrated. */
  meanChange: number | null;
}

/** One unit's ratings over periods, oldest first. Ratings of other units and unknown items are ignored. */
export function benchmarkUnitTrend(
  ratings: readonly BenchmarkRatingRow[],
  unitId: string,
  instrument: Pick<BenchmarkInstrument, 'items' | 'areas'> = BENCHMARK_DEFAULT_INSTRUMENT,
): BenchmarkUnitTrendPoint[] {
  const areaOf = new Map(instrument.items.map((i) => [i.key, i.area] as const));
  const byPeriod = new Map<string, Map<string, BenchmarkRating>>();
  for (const r of ratings) {
    if (r.unitId !== unitId || !areaOf.has(r.itemKey)) continue;
    let m = byPeriod.get(r.period);
    if (!m) byPeriod.set(r.period, (m = new Map()));
    m.set(r.itemKey, r.rating);
  }
  const points: BenchmarkUnitTrendPoint[] = [];
  for (const period of [...byPeriod.keys()].sort(compareProgressPeriods)) {
    const rated = byPeriod.get(period)!;
    const overall = emptyCounts();
    const areaCounts = new Map<string, Record<BenchmarkRating, number>>(instrument.areas.map((a) => [a.key, emptyCounts()]));
    const items: Record<string, BenchmarkRating | null> = {};
    for (const item of instrument.items) {
      const rating = rated.get(item.key) ?? null;
      items[item.key] = rating;
      if (rating === null) continue;
      overall[rating] += 1;
      let area = areaCounts.get(item.area);
      if (!area) areaCounts.set(item.area, (area = emptyCounts()));
      area[rating] += 1;
    }
    const areas: Record<string, BenchmarkDistribution> = {};
    for (const [key, counts] of areaCounts) areas[key] = distributionOf(counts);
    const dist = distributionOf(overall);
    const before = points.at(-1);
    points.push({ period, overall: dist, areas, items, meanChange: before ? delta(dist.mean, before.overall.mean) : null });
  }
  return points;
}

// ---- Readiness and commitment: the privacy floor -------------------------------------------------

/** Results are shown only when at least this many have answered. */
export const READINESS_PRIVACY_FLOOR = 5;

/** One anonymous response: answers only, no identity. */
export interface ReadinessResponse {
  answers: readonly { itemKey: string; value: number }[];
}

export interface ReadinessFactorResult {
  factor: ReadinessFactor;
  /** Respondents who answered at least one of the factor's items. */
  respondents: number;
  /** Mean of every answer to the factor's items (1–5); null when fewer than the floor answered the factor. */
  mean: number | null;
}

export type ReadinessResults =
  /** Fewer than the floor answered: nothing but the count. */
  | { status: 'withheld'; respondents: number; floor: number }
  | { status: 'shown'; respondents: number; floor: number; mean: number | null; factors: ReadinessFactorResult[] };

const isAnswerValue = (v: number) => Number.isInteger(v) && v >= READINESS_MIN_VALUE && v <= READINESS_MAX_VALUE;

/**
 * A survey's results for one unit and period. With fewer than `floor` respondents (default 5) it
 * returns nothing but their count, so that no one's answers can be singled out. Otherwise the mean
 * per factor, over every answer to the factor's items, and withheld (null) for a factor fewer than
 * `floor` respondents answered. Answers to unknown items and values off the 1–5 scale are ignored; a
 * response with no usable answer does not count as a respondent.
 */
export function readinessResults(
  responses: readonly ReadinessResponse[],
  floor: number = READINESS_PRIVACY_FLOOR,
  instrument: Pick<ReadinessSurveyInstrument, 'items' | 'factors'> = READINESS_DEFAULT_SURVEY,
): ReadinessResults {
  if (!Number.isInteger(floor) || floor < 1) throw invalid('The privacy floor must be a whole number of respondents, 1 or more.', [{ field: 'floor', message: 'must be 1 or more' }]);
  const factorOf = new Map(instrument.items.map((i) => [i.key, i.factor] as const));
  const sums = new Map<ReadinessFactor, { sum: number; answers: number; respondents: number }>();
  let respondents = 0;
  let sum = 0;
  let answers = 0;
  for (const response of responses) {
    const touched = new Set<ReadinessFactor>();
    let usable = false;
    for (const a of response.answers) {
      const f = factorOf.get(a.itemKey);
      if (f === undefined || !isAnswerValue(a.value)) continue;
      usable = true;
      const s = sums.get(f) ?? { sum: 0, answers: 0, respondents: 0 };
      s.sum += a.value;
      s.answers += 1;
      if (!touched.has(f)) {
        s.respondents += 1;
        touched.add(f);
      }
      sums.set(f, s);
      sum += a.value;
      answers += 1;
    }
    if (usable) respondents += 1;
  }
  if (respondents < floor) return { status: 'withheld', respondents, floor };
  const factors = instrument.factors.map(({ key }) => {
    const s = sums.get(key);
    const n = s?.respondents ?? 0;
    return { factor: key, respondents: n, mean: s && n >= floor ? s.sum / s.answers : null };
  });
  return { status: 'shown', respondents, floor, mean: answers === 0 ? null : sum / answers, factors };
}

export type ReadinessTrendPoint = ReadinessResults & {
  period: ProgressPeriod;
  /** Change of the overall mean since the latest earlier period whose results are shown. */
  meanChange: number | null;
};

/** Results per period, oldest first, each under the same privacy floor. */
export function readinessTrend(
  periods: readonly { period: ProgressPeriod; responses: readonly ReadinessResponse[] }[],
  floor: number = READINESS_PRIVACY_FLOOR,
  instrument: Pick<ReadinessSurveyInstrument, 'items' | 'factors'> = READINESS_DEFAULT_SURVEY,
): ReadinessTrendPoint[] {
  const sorted = [...periods].sort((a, b) => compareProgressPeriods(a.period, b.period));
  let lastShownMean: number | null = null;
  return sorted.map(({ period, responses }) => {
    const results = readinessResults(responses, floor, instrument);
    if (results.status === 'withheld') return { ...results, period, meanChange: null };
    const meanChange = delta(results.mean, lastShownMean);
    if (results.mean !== null) lastShownMean = results.mean;
    return { ...results, period, meanChange };
  });
}

// ---- Barriers: rapid problem solving ---------------------------------------------------------------

export const BARRIER_STATUSES = ['open', 'in_progress', 'resolved', 'dropped'] as const;
export type BarrierStatus = (typeof BARRIER_STATUSES)[number];

export const BARRIER_STATUS_LABELS: Readonly<Record<BarrierStatus, string>> = {
  open: 'Open',
  in_progress: 'In progress',
  resolved: 'Resolved',
  dropped: 'Dropped',
};

/** Each status and the statuses it may move to. Resolved and dropped are final: a barrier that returns is logged anew. */
export const BARRIER_TRANSITIONS: Readonly<Record<BarrierStatus, readonly BarrierStatus[]>> = {
  open: ['in_progress', 'dropped'],
  in_progress: ['resolved', 'dropped'],
  resolved: [],
  dropped: [],
};

export const isBarrierStatus = (value: unknown): value is BarrierStatus => typeof value === 'string' && (BARRIER_STATUSES as readonly string[]).includes(value);
export const allowedBarrierTransitions = (from: BarrierStatus): BarrierStatus[] => [...BARRIER_TRANSITIONS[from]];
export const isBarrierClosed = (status: BarrierStatus) => status === 'resolved' || status === 'dropped';

/**
 * Throws unless a barrier may move from `from` to `to`: open → in progress → resolved, or open / in
 * progress → dropped. Resolving needs the resolution and dropping a reason (`invalid` when blank);
 * any other move is a `conflict` that says what may happen instead.
 */
export function checkBarrierTransition(from: BarrierStatus, to: BarrierStatus, context: { resolution?: string | null; reason?: string | null } = {}): void {
  for (const [field, value] of [
    ['currentStatus', from],
    ['to', to],
  ] as const) {
    if (!isBarrierStatus(value)) {
      throw invalid(`"${String(value)}" is not a barrier status; use one of ${BARRIER_STATUSES.join(', ')}.`, [{ field, message: `must be one of ${BARRIER_STATUSES.join(', ')}` }]);
    }
  }
  if (!BARRIER_TRANSITIONS[from].includes(to)) {
    const label = (s: BarrierStatus) => BARRIER_STATUS_LABELS[s].toLowerCase();
    let message: string;
    if (from === to) message = `This barrier is already ${label(from)}.`;
    else if (isBarrierClosed(from)) message = `This barrier is ${label(from)}, and that is final. If it has come back, log it as a new barrier.`;
    else if (from === 'open' && to === 'resolved') message = 'Start work on the barrier (in progress, with an owner and next step) before resolving it.';
    else message = `A barrier that is ${label(from)} cannot become ${label(to)}. From ${label(from)} it can become ${joinOr(BARRIER_TRANSITIONS[from].map(label))}.`;
    throw conflict(message, [{ field: 'to', message: `cannot change from ${from} to ${to}` }]);
  }
  if (to === 'resolved' && !context.resolution?.trim()) {
    throw invalid('Say how the barrier was resolved.', [{ field: 'resolution', message: 'is required to resolve a barrier' }]);
  }
  if (to === 'dropped' && !context.reason?.trim()) {
    throw invalid('Say why the barrier is dropped.', [{ field: 'reason', message: 'is required to drop a barrier' }]);
  }
}

/** A barrier as the timing rules see it. Dates are YYYY-MM-DD or ISO timestamps (their calendar day). */
export interface BarrierTiming {
  status: BarrierStatus;
  raisedOn: string;
  /** When anything about it last changed (a next step, a note, a status). */
  updatedAt: string;
  targetOn: string | null;
  resolvedOn: string | null;
}

/** Calendar days from raised to resolved; null unless resolved. */
export function barrierTimeToResolutionDays(barrier: Pick<BarrierTiming, 'status' | 'raisedOn' | 'resolvedOn'>): number | null {
  if (barrier.status !== 'resolved' || barrier.resolvedOn === null) return null;
  return Math.max(0, progressDaysBetween(barrier.raisedOn, barrier.resolvedOn));
}

/** Product default: a barrier without an update for two weeks is stale. */
export const BARRIER_STALE_AFTER_DAYS_DEFAULT = 14;

export type BarrierStaleReason = 'no_update' | 'past_target';

export interface BarrierStaleness {
  stale: boolean;
  reasons: BarrierStaleReason[];
  daysSinceUpdate: number;
  /** Days since the target date passed; null without a target or before it passes. */
  daysPastTarget: number | null;
}

/**
 * Whether an open or in-progress barrier needs attention on `today`: no update for `staleAfterDays`
 * days or more (default 14), or its target date has passed. Resolved and dropped barriers are never stale.
 */
export function barrierStaleness(barrier: BarrierTiming, today: string, staleAfterDays: number = BARRIER_STALE_AFTER_DAYS_DEFAULT): BarrierStaleness {
  const daysSinceUpdate = progressDaysBetween(barrier.updatedAt, today);
  const past = barrier.targetOn === null ? null : progressDaysBetween(barrier.targetOn, today);
  const daysPastTarget = past !== null && past > 0 ? past : null;
  if (isBarrierClosed(barrier.status)) return { stale: false, reasons: [], daysSinceUpdate, daysPastTarget: null };
  const reasons: BarrierStaleReason[] = [];
  if (daysSinceUpdate >= staleAfterDays) reasons.push('no_update');
  if (daysPastTarget !== null) reasons.push('past_target');
  return { stale: reasons.length > 0, reasons, daysSinceUpdate, daysPastTarget };
}

export const isBarrierStale = (barrier: BarrierTiming, today: string, staleAfterDays?: number) => barrierStaleness(barrier, today, staleAfterDays).stale;

export interface BarrierPeriodSummary {
  period: ProgressPeriod;
  opened: number;
  resolved: number;
  dropped: number;
  /** Open or in progress at the period's last day (raised by then, not closed by then). */
  openAtEnd: number;
  /** Of the barriers resolved in the period. */
  medianDaysToResolution: number | null;
  meanDaysToResolution: number | null;
}

/**
 * Barriers opened and solved in a period, for the progress report. A dropped barrier's `resolvedOn`
 * is the day it was dropped.
 */
export function barrierPeriodSummary(barriers: readonly BarrierTiming[], period: ProgressPeriod): BarrierPeriodSummary {
  const { start, end } = parseProgressPeriod(period);
  const s = dayNumber(start, 'period');
  const e = dayNumber(end, 'period');
  const within = (d: string | null) => d !== null && dayNumber(d, 'date') >= s && dayNumber(d, 'date') <= e;
  let opened = 0;
  let resolved = 0;
  let dropped = 0;
  let openAtEnd = 0;
  const days: number[] = [];
  for (const b of barriers) {
    if (within(b.raisedOn)) opened++;
    if (b.status === 'resolved' && within(b.resolvedOn)) {
      resolved++;
      days.push(barrierTimeToResolutionDays(b)!);
    }
    if (b.status === 'dropped' && within(b.resolvedOn)) dropped++;
    const raisedBy = dayNumber(b.raisedOn, 'raisedOn') <= e;
    const closedBy = isBarrierClosed(b.status) && b.resolvedOn !== null && dayNumber(b.resolvedOn, 'resolvedOn') <= e;
    if (raisedBy && !closedBy) openAtEnd++;
  }
  days.sort((a, b) => a - b);
  const mid = days.length >> 1;
  const median = days.length === 0 ? null : days.length % 2 === 1 ? days[mid]! : (days[mid - 1]! + days[mid]!) / 2;
  const mean = days.length === 0 ? null : days.reduce((a, b) => a + b, 0) / days.length;
  return { period, opened, resolved, dropped, openAtEnd, medianDaysToResolution: median, meanDaysToResolution: mean };
}

// ---- Celebrations: milestones proposed automatically ----------------------------------------------

export const CELEBRATION_STATUSES = ['proposed', 'confirmed', 'dismissed'] as const;
export type CelebrationStatus = (typeof CELEBRATION_STATUSES)[number];

export const CELEBRATION_TRANSITIONS: Readonly<Record<CelebrationStatus, readonly CelebrationStatus[]>> = {
  proposed: ['confirmed', 'dismissed'],
  confirmed: [],
  dismissed: [],
};

/** Throws `conflict` unless a leader may move a celebration: a proposal is confirmed or dismissed, once. */
export function checkCelebrationTransition(from: CelebrationStatus, to: CelebrationStatus): void {
  if (!CELEBRATION_TRANSITIONS[from]?.includes(to)) {
    throw conflict(
      from === 'proposed'
        ? `A proposed celebration is confirmed or dismissed, not ${to}.`
        : `This celebration is already ${from}. Add a new celebration instead.`,
      [{ field: 'to', message: `cannot change from ${from} to ${to}` }],
    );
  }
}

export const PROGRESS_MILESTONE_KINDS = ['benchmark_fully_in_place', 'plan_approved', 'mechanism_established', 'mechanism_active', 'phase_entered'] as const;
export type ProgressMilestoneKind = (typeof PROGRESS_MILESTONE_KINDS)[number];

/** What milestone detection looks at for one unit, before and after a change. */
export interface ProgressMilestoneState {
  /** The latest submitted rating of each benchmark item. */
  benchmarkRatings?: Readonly<Record<string, BenchmarkRating>>;
  plans?: readonly { id: string; title: string; status: PlanStatus }[];
  mechanisms?: readonly { id: string; name: string; kind: MechanismKind; status: MechanismStatus }[];
  phase?: PlanPhase | null;
}

export interface ProposedCelebration {
  /** Stable: the same milestone always has the same key, so it is proposed once. */
  key: string;
  kind: ProgressMilestoneKind;
  unitId: string;
  title: string;
  description: string;
  /** What the milestone is about: the item key, plan id, mechanism id or phase. */
  subject: string;
  source: SourceRef;
}

/** The stable key of a milestone. */
export const progressMilestoneKey = (kind: ProgressMilestoneKind, unitId: string, subject: string) => `${kind}:${unitId}:${subject}`;

const CELEBRATE = PROGRESS_SOURCES.celebrations[0];

/**
 * Celebrations to propose for a unit from what changed: a benchmark item newly rated fully in place,
 * a plan newly approved, a mechanism newly established (it appears) or becoming active for the first
 * time (from forming), a phase entered going forward (work spirals back; going back is no milestone).
 * Each carries a stable key; pass the result through `dedupeCelebrations` with the keys already
 * proposed so that nothing is proposed twice.
 */
export function detectProgressMilestones(
  unit: { id: string; name?: string },
  before: ProgressMilestoneState,
  after: ProgressMilestoneState,
  instrument: Pick<BenchmarkInstrument, 'items'> = BENCHMARK_DEFAULT_INSTRUMENT,
): ProposedCelebration[] {
  const out: ProposedCelebration[] = [];
  const at = unit.name ? ` at ${unit.name}` : '';
  const propose = (kind: ProgressMilestoneKind, subject: string, title: string, description: string, source: SourceRef) =>
    out.push({ key: progressMilestoneKey(kind, unit.id, subject), kind, unitId: unit.id, title, description, subject, source });

  const titles = new Map(instrument.items.map((i) => [i.key, i.title] as const));
  for (const [itemKey, rating] of Object.entries(after.benchmarkRatings ?? {})) {
    if (rating !== 'fully_in_place' || before.benchmarkRatings?.[itemKey] === 'fully_in_place') continue;
    const title = titles.get(itemKey) ?? itemKey;
    propose('benchmark_fully_in_place', itemKey, `Fully in place: ${title}`, `The benchmark “${title}” was rated fully in place${at}.`, PROGRESS_SOURCES.benchmarkReached);
  }

  const plansBefore = new Map((before.plans ?? []).map((p) => [p.id, p] as const));
  for (const plan of after.plans ?? []) {
    if (plan.status !== 'approved' || plansBefore.get(plan.id)?.status === 'approved') continue;
    propose('plan_approved', plan.id, `Plan approved: ${plan.title}`, `The plan “${plan.title}” was approved${at}.`, PROGRESS_SOURCES.planApproved);
  }

  const mechanismsBefore = new Map((before.mechanisms ?? []).map((m) => [m.id, m] as const));
  for (const m of after.mechanisms ?? []) {
    const was = mechanismsBefore.get(m.id);
    if (!was && m.status !== 'retired') {
      propose('mechanism_established', m.id, `${m.name} established`, `${m.name} was established${at}.`, PROGRESS_SOURCES.mechanismEstablished);
    } else if (was && was.status === 'forming' && m.status === 'active') {
      propose('mechanism_active', m.id, `${m.name} is active`, `${m.name} became active${at}: it is carrying out its functions.`, PROGRESS_SOURCES.mechanismEstablished);
    }
  }

  const from = before.phase ?? null;
  const to = after.phase ?? null;
  if (to !== null && to !== from && (from === null || PLAN_PHASE_CATALOG[to].number > PLAN_PHASE_CATALOG[from].number)) {
    const entry = PLAN_PHASE_CATALOG[to];
    propose('phase_entered', to, `Entered ${entry.label.charAt(0).toLowerCase()}${entry.label.slice(1)}`, `${unit.name ?? 'The unit'} entered phase ${entry.number}: ${entry.label}.`, entry.source);
  }
  return out;
}

/** The proposals whose keys are not among `existingKeys`, each key once (the first wins). */
export function dedupeCelebrations<T extends { key: string }>(proposals: readonly T[], existingKeys: Iterable<string> = []): T[] {
  const seen = new Set(existingKeys);
  const out: T[] = [];
  for (const p of proposals) {
    if (seen.has(p.key)) continue;
    seen.add(p.key);
    out.push(p);
  }
  return out;
}

/** Where the documents ask to celebrate; a manual celebration cites this. */
export const CELEBRATION_SOURCE: SourceRef = CELEBRATE;
