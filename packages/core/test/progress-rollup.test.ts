import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BENCHMARK_DEFAULT_INSTRUMENT, BENCHMARK_RATINGS, extendInstrument, type BenchmarkInstrument, type BenchmarkRating } from '../src/progress/instruments.js';
import {
  aggregateBenchmarkRatings,
  benchmarkUnitTrend,
  rollUpFromCounts,
  rollUpFromRatings,
  type BenchmarkRatingRow,
  type BenchmarkRollUpScope,
} from '../src/progress/rules.js';

// ---- A small instrument and factories ------------------------------------------------------------

const instrument: BenchmarkInstrument = {
  kind: 'benchmark',
  id: 'test-benchmarks',
  version: '2026.1.0',
  publishedOn: '2026-01-01',
  name: 'Test benchmarks',
  summary: 'Three items in two areas.',
  scale: BENCHMARK_DEFAULT_INSTRUMENT.scale,
  areas: [
    { key: 'a', label: 'Area A', description: '' },
    { key: 'b', label: 'Area B', description: '' },
  ],
  items: [
    { key: 'a1', title: 'A one', area: 'a', phase: 'orientation', evidence: 'x' },
    { key: 'a2', title: 'A two', area: 'a', phase: 'orientation', evidence: 'x' },
    { key: 'b1', title: 'B one', area: 'b', phase: 'start_up_phase_in', evidence: 'x' },
  ],
};

/** Ratings of one unit for one period: `rate('u1', '2026-Q1', { a1: 'planned' })`. */
const rate = (unitId: string, period: string, ratings: Record<string, BenchmarkRating>): BenchmarkRatingRow[] =>
  Object.entries(ratings).map(([itemKey, rating]) => ({ unitId, period, itemKey, rating }));

const Q1 = '2026-Q1';
const Q2 = '2026-Q2';

const ratings: BenchmarkRatingRow[] = [
  ...rate('u1', Q1, { a1: 'planned', a2: 'not_yet', b1: 'planned' }),
  ...rate('u2', Q1, { a1: 'developing', a2: 'developing', b1: 'fully_in_place' }),
  ...rate('u4', Q1, { a1: 'fully_in_place', a2: 'fully_in_place', b1: 'fully_in_place' }),
  ...rate('u1', Q2, { a1: 'developing', a2: 'planned', b1: 'developing' }),
  ...rate('u2', Q2, { a1: 'fully_in_place', a2: 'developing', b1: 'fully_in_place' }),
  ...rate('u4', Q2, { a1: 'fully_in_place', a2: 'fully_in_place', b1: 'developing' }),
  // Ignored: a unit outside the scope, an item the instrument does not have, a period not rolled up.
  ...rate('u9', Q2, { a1: 'not_yet', a2: 'not_yet', b1: 'not_yet' }),
  ...rate('u2', Q2, { zz: 'not_yet' }),
  ...rate('u3', '2025-Q4', { a1: 'fully_in_place' }),
];

const scope: BenchmarkRollUpScope = { instrument, unitIds: ['u1', 'u2', 'u3', 'u4'], period: Q2 };

/** The roll-up both ways, checked equal, so each hand-computed case checks both paths. */
function bothWays(rows: readonly BenchmarkRatingRow[], s: BenchmarkRollUpScope) {
  const direct = rollUpFromRatings(rows, s);
  const viaCounts = rollUpFromCounts(aggregateBenchmarkRatings(rows, { instrument: s.instrument, unitIds: s.unitIds }), s);
  expect(viaCounts).toEqual(direct);
  return direct;
}

describe('benchmark roll-up of a set of units, by hand', () => {
  const r = bothWays(ratings, scope);

  it('compares the period with the one before', () => {
    expect(r.period).toBe(Q2);
    expect(r.previousPeriod).toBe(Q1);
    expect(r.current.unitsInScope).toBe(4);
    expect(r.current.unitsAssessed).toBe(3);
    expect(r.previous.unitsAssessed).toBe(3);
    expect(r.change.unitsAssessed).toBe(0);
  });

  it('distributes each item’s ratings across the units, with the mean and the share fully in place', () => {
    expect(r.current.items.a1).toEqual({ counts: { not_yet: 0, planned: 0, developing: 1, fully_in_place: 2 }, rated: 3, mean: 8 / 3, fullyInPlaceShare: 2 / 3 });
    expect(r.current.items.a2).toEqual({ counts: { not_yet: 0, planned: 1, developing: 1, fully_in_place: 1 }, rated: 3, mean: 2, fullyInPlaceShare: 1 / 3 });
    expect(r.current.items.b1).toEqual({ counts: { not_yet: 0, planned: 0, developing: 2, fully_in_place: 1 }, rated: 3, mean: 7 / 3, fullyInPlaceShare: 1 / 3 });
  });

  it('pools an area’s ratings (not a mean of item means)', () => {
    expect(r.current.areas.a).toMatchObject({ rated: 6, mean: 14 / 6, fullyInPlaceShare: 3 / 6 });
    expect(r.current.areas.b).toMatchObject({ rated: 3, mean: 7 / 3, fullyInPlaceShare: 1 / 3 });
    expect(Object.keys(r.current.areas)).toEqual(['a', 'b']);
    expect(r.current.overall).toEqual({ counts: { not_yet: 0, planned: 1, developing: 4, fully_in_place: 4 }, rated: 9, mean: 21 / 9, fullyInPlaceShare: 4 / 9 });
  });

  it('reports the change since the previous period', () => {
    expect(r.previous.overall).toMatchObject({ rated: 9, mean: 2, fullyInPlaceShare: 4 / 9 });
    expect(r.change.overall.mean).toBeCloseTo(1 / 3, 12);
    expect(r.change.overall.fullyInPlaceShare).toBe(0);
    expect(r.change.items.a1?.mean).toBeCloseTo(8 / 3 - 2, 12);
    expect(r.change.items.a2?.mean).toBeCloseTo(2 - 5 / 3, 12);
    expect(r.change.items.b1?.mean).toBeCloseTo(0, 12);
    expect(r.change.items.b1?.fullyInPlaceShare).toBeCloseTo(1 / 3 - 2 / 3, 12);
  });

  it('lists the units behind: not assessed first, then below the threshold', () => {
    expect(r.behindBelow).toBe(2);
    expect(r.unitsBehind).toEqual([
      { unitId: 'u3', reason: 'not_assessed', mean: null, rated: 0, previousMean: null },
      { unitId: 'u1', reason: 'below_threshold', mean: 5 / 3, rated: 3, previousMean: 2 / 3 },
    ]);
  });

  it('takes its own threshold', () => {
    const strict = bothWays(ratings, { ...scope, behindBelow: 2.7 });
    expect(strict.unitsBehind.map((u) => u.unitId)).toEqual(['u3', 'u1', 'u2', 'u4']);
    const lenient = bothWays(ratings, { ...scope, behindBelow: 1 });
    expect(lenient.unitsBehind.map((u) => u.unitId)).toEqual(['u3']);
  });

  it('compares with any earlier period asked for', () => {
    const yearOnYear = bothWays(ratings, { ...scope, previousPeriod: '2025-Q4' });
    expect(yearOnYear.previous.unitsAssessed).toBe(1);
    expect(yearOnYear.previous.items.a1).toMatchObject({ rated: 1, mean: 3 });
    expect(yearOnYear.previous.items.a2).toMatchObject({ rated: 0, mean: null, fullyInPlaceShare: null });
    expect(yearOnYear.change.items.a2).toEqual({ mean: null, fullyInPlaceShare: null, rated: 3 });
  });
});

describe('benchmark roll-up edge cases', () => {
  it('handles an item added mid-year: nothing to compare it with before it existed', () => {
    const v2 = extendInstrument(instrument, {
      version: '2026.4.0',
      publishedOn: '2026-04-01',
      items: [{ key: 'c1', title: 'C one', area: 'b', phase: null, evidence: 'x' }],
    });
    const r = bothWays([...ratings, ...rate('u2', Q2, { c1: 'fully_in_place' })], { ...scope, instrument: v2 });
    expect(r.current.items.c1).toMatchObject({ rated: 1, mean: 3, fullyInPlaceShare: 1 });
    expect(r.previous.items.c1).toEqual({ counts: { not_yet: 0, planned: 0, developing: 0, fully_in_place: 0 }, rated: 0, mean: null, fullyInPlaceShare: null });
    expect(r.change.items.c1).toEqual({ mean: null, fullyInPlaceShare: null, rated: 1 });
    // Area b pools b1 and the new c1: 2 + 3 + 2 + 3 over four ratings.
    expect(r.current.areas.b).toMatchObject({ rated: 4, mean: 10 / 4, fullyInPlaceShare: 2 / 4 });
    // Units that have not rated the new item are judged on what they rated.
    expect(r.unitsBehind.map((u) => u.unitId)).toEqual(['u3', 'u1']);
  });

  it('rolls up an empty set of units to nothing, without dividing by zero', () => {
    const r = bothWays([], { instrument, unitIds: [], period: Q2 });
    expect(r.current).toMatchObject({ unitsInScope: 0, unitsAssessed: 0, overall: { rated: 0, mean: null, fullyInPlaceShare: null } });
    expect(r.current.items.a1?.rated).toBe(0);
    expect(r.unitsBehind).toEqual([]);
    expect(r.change.overall).toEqual({ mean: null, fullyInPlaceShare: null, rated: 0 });
  });

  it('lists every unit as not assessed when none has rated the period', () => {
    const r = bothWays(ratings, { ...scope, period: '2026-Q3' });
    expect(r.current.unitsAssessed).toBe(0);
    expect(r.unitsBehind.map((u) => [u.unitId, u.reason, u.previousMean])).toEqual([
      ['u1', 'not_assessed', 5 / 3],
      ['u2', 'not_assessed', 8 / 3],
      ['u3', 'not_assessed', null],
      ['u4', 'not_assessed', 8 / 3],
    ]);
  });

  it('counts a unit listed twice in the scope once', () => {
    const r = bothWays(ratings, { ...scope, unitIds: [...scope.unitIds, 'u3', 'u1'] });
    expect(r.current.unitsInScope).toBe(4);
    expect(r.unitsBehind.map((u) => u.unitId)).toEqual(['u3', 'u1']);
  });

  it('rolls up months as well as quarters', () => {
    const monthly = [...rate('u1', '2026-01', { a1: 'planned' }), ...rate('u1', '2025-12', { a1: 'not_yet' })];
    const r = bothWays(monthly, { instrument, unitIds: ['u1'], period: '2026-01' });
    expect(r.previousPeriod).toBe('2025-12');
    expect(r.change.overall.mean).toBe(1);
  });

  it('refuses a period that is not one', () => {
    expect(() => rollUpFromRatings([], { ...scope, period: '2026-Q5' })).toThrow(/not a period/);
    expect(() => rollUpFromCounts({ byItem: [], byUnit: [] }, { ...scope, previousPeriod: Q2 })).toThrow(/must differ/);
  });
});

describe('rollUpFromCounts agrees with rollUpFromRatings', () => {
  const unitIds = ['u0', 'u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7'];
  const periods = ['2025-Q4', '2026-Q1', '2026-Q2'];
  const itemKeys = [...instrument.items.map((i) => i.key), 'zz'];
  const row = fc.record({
    unitId: fc.constantFrom(...unitIds),
    period: fc.constantFrom(...periods),
    itemKey: fc.constantFrom(...itemKeys),
    rating: fc.constantFrom(...BENCHMARK_RATINGS),
  });
  // A submitted assessment rates each item once: one row per unit, period and item.
  const rows = fc.uniqueArray(row, { selector: (r) => `${r.unitId}|${r.period}|${r.itemKey}`, maxLength: 80 });

  it('on any ratings, scope, period pair and threshold (property)', () => {
    fc.assert(
      fc.property(
        rows,
        fc.subarray(unitIds),
        fc.constantFrom('2026-Q1', '2026-Q2'),
        fc.option(fc.constantFrom(0, 0.5, 1, 1.5, 2, 2.5, 3), { nil: undefined }),
        fc.boolean(),
        (rs, scopeUnits, period, behindBelow, filterPeriods) => {
          const s: BenchmarkRollUpScope = { instrument, unitIds: scopeUnits, period, ...(behindBelow === undefined ? {} : { behindBelow }) };
          const counts = aggregateBenchmarkRatings(rs, {
            instrument,
            unitIds: scopeUnits,
            // The server may count only the two periods, or all of them: the roll-up takes what it needs.
            ...(filterPeriods ? { periods: [period, period === '2026-Q1' ? '2025-Q4' : '2026-Q1'] } : {}),
          });
          expect(rollUpFromCounts(counts, s)).toEqual(rollUpFromRatings(rs, s));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('when the counts arrive in any order and split across rows (property)', () => {
    fc.assert(
      fc.property(rows, fc.integer({ min: 0, max: 1_000_000 }), (rs, seed) => {
        const s: BenchmarkRollUpScope = { instrument, unitIds, period: '2026-Q2' };
        const counts = aggregateBenchmarkRatings(rs, { instrument, unitIds });
        // Split every count of 2 or more in two, and reverse the rows: a sum is a sum.
        const byItem = counts.byItem.flatMap((c) => (c.units >= 2 ? [{ ...c, units: 1 }, { ...c, units: c.units - 1 }] : [c])).reverse();
        const byUnit = seed % 2 === 0 ? [...counts.byUnit].reverse() : counts.byUnit;
        expect(rollUpFromCounts({ byItem, byUnit }, s)).toEqual(rollUpFromRatings(rs, s));
      }),
      { numRuns: 200 },
    );
  });
});

describe('a unit’s benchmark trend', () => {
  it('lists its periods oldest first with the change of its mean', () => {
    const trend = benchmarkUnitTrend(ratings, 'u1', instrument);
    expect(trend.map((p) => p.period)).toEqual([Q1, Q2]);
    expect(trend[0]).toMatchObject({ overall: { rated: 3, mean: 2 / 3 }, meanChange: null, items: { a1: 'planned', a2: 'not_yet', b1: 'planned' } });
    expect(trend[1]?.overall.mean).toBe(5 / 3);
    expect(trend[1]?.meanChange).toBeCloseTo(1, 12);
    expect(trend[1]?.areas.a).toMatchObject({ rated: 2, mean: 1.5 });
  });

  it('shows an item not yet rated (e.g. added later) as null and ignores unknown items', () => {
    const trend = benchmarkUnitTrend([...rate('u2', Q2, { a1: 'fully_in_place' })], 'u2', instrument);
    expect(trend).toHaveLength(1);
    expect(trend[0]?.items).toEqual({ a1: 'fully_in_place', a2: null, b1: null });
    expect(benchmarkUnitTrend(ratings, 'u9-unknown', instrument)).toEqual([]);
  });
});
