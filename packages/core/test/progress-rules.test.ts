import { describe, expect, it } from 'vitest';
import { DomainError } from '../src/errors.js';
import { BENCHMARK_DEFAULT_INSTRUMENT, PROGRESS_SOURCES, READINESS_DEFAULT_SURVEY, READINESS_FACTORS } from '../src/progress/instruments.js';
import {
  BARRIER_STATUSES,
  BARRIER_TRANSITIONS,
  barrierPeriodSummary,
  barrierStaleness,
  barrierTimeToResolutionDays,
  BENCHMARK_ASSESSMENT_STATUSES,
  benchmarkAssessmentCompleteness,
  CELEBRATION_STATUSES,
  checkAssessmentEditable,
  checkAssessmentTransition,
  checkBarrierTransition,
  checkBenchmarkRatings,
  checkCelebrationTransition,
  compareProgressPeriods,
  dedupeCelebrations,
  detectProgressMilestones,
  isBarrierStale,
  nextProgressPeriod,
  parseProgressPeriod,
  previousProgressPeriod,
  progressPeriodContaining,
  readinessResults,
  readinessTrend,
  type BarrierStatus,
  type BarrierTiming,
  type ProgressMilestoneState,
  type ReadinessResponse,
} from '../src/progress/rules.js';

const refusal = (f: () => unknown): DomainError => {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
};

// ---- Periods -------------------------------------------------------------------------------------

describe('progress periods', () => {
  it('are quarters or months with their first and last days', () => {
    expect(parseProgressPeriod('2026-Q1')).toEqual({ kind: 'quarter', year: 2026, index: 1, start: '2026-01-01', end: '2026-03-31' });
    expect(parseProgressPeriod('2024-02')).toEqual({ kind: 'month', year: 2024, index: 2, start: '2024-02-01', end: '2024-02-29' });
    expect(parseProgressPeriod('2026-Q4').end).toBe('2026-12-31');
    for (const bad of ['2026-Q0', '2026-Q5', '2026-13', '2026-1', '26-Q1', '2026Q1', '']) expect(() => parseProgressPeriod(bad), bad).toThrow(DomainError);
  });

  it('step back and forward across years', () => {
    expect(previousProgressPeriod('2026-Q1')).toBe('2025-Q4');
    expect(previousProgressPeriod('2026-Q3')).toBe('2026-Q2');
    expect(previousProgressPeriod('2026-01')).toBe('2025-12');
    expect(nextProgressPeriod('2025-Q4')).toBe('2026-Q1');
    expect(nextProgressPeriod('2025-12')).toBe('2026-01');
    expect(nextProgressPeriod('2026-09')).toBe('2026-10');
  });

  it('sort chronologically, a month before its quarter', () => {
    expect(['2026-Q2', '2025-Q4', '2026-04', '2026-01'].sort(compareProgressPeriods)).toEqual(['2025-Q4', '2026-01', '2026-04', '2026-Q2']);
  });

  it('contain a date', () => {
    expect(progressPeriodContaining('2026-11-23')).toBe('2026-Q4');
    expect(progressPeriodContaining('2026-03-31T23:00:00Z', 'month')).toBe('2026-03');
  });
});

// ---- Assessments ----------------------------------------------------------------------------------

describe('benchmark assessments', () => {
  const instrument = BENCHMARK_DEFAULT_INSTRUMENT;
  const all = instrument.items.map((i) => ({ itemKey: i.key, rating: 'developing' as const }));

  it('are complete when every item is rated', () => {
    expect(benchmarkAssessmentCompleteness(instrument, all)).toMatchObject({ complete: true, rated: instrument.items.length, missing: [] });
    const partial = benchmarkAssessmentCompleteness(instrument, all.slice(1));
    expect(partial).toMatchObject({ complete: false, missing: [instrument.items[0]!.key], rated: instrument.items.length - 1 });
    const withUnknown = [...all, { itemKey: 'zz', rating: 'planned' as const }];
    expect(benchmarkAssessmentCompleteness(instrument, withUnknown)).toMatchObject({ complete: false, unknown: ['zz'] });
  });

  it('may be submitted only when complete', () => {
    expect(() => checkAssessmentTransition('draft', 'submitted', { instrument, ratings: all })).not.toThrow();
    const e = refusal(() => checkAssessmentTransition('draft', 'submitted', { instrument, ratings: all.slice(2) }));
    expect(e.kind).toBe('invalid');
    expect(e.message).toMatch(/2 of 39 are not rated yet/);
  });

  it('refuses every other move: a submitted assessment is frozen', () => {
    const moves: [string, string][] = [];
    for (const from of BENCHMARK_ASSESSMENT_STATUSES) {
      for (const to of BENCHMARK_ASSESSMENT_STATUSES) {
        if (from === 'draft' && to === 'submitted') continue;
        const e = refusal(() => checkAssessmentTransition(from, to, { instrument, ratings: all }));
        expect(e.kind, `${from} → ${to}`).toBe('conflict');
        moves.push([from, to]);
      }
    }
    expect(moves).toHaveLength(3);
    expect(refusal(() => checkAssessmentEditable('submitted')).kind).toBe('conflict');
    expect(() => checkAssessmentEditable('draft')).not.toThrow();
    expect(refusal(() => checkAssessmentTransition('draft', 'approved' as never, { instrument, ratings: all })).kind).toBe('invalid');
  });

  it('refuses ratings of unknown items or of one item twice', () => {
    const e = refusal(() =>
      checkBenchmarkRatings(instrument, [
        { itemKey: 'zz', rating: 'planned' },
        { itemKey: 'celebrate-progress', rating: 'planned' },
        { itemKey: 'celebrate-progress', rating: 'developing' },
      ]),
    );
    expect(e.issues.map((i) => i.field)).toEqual(['ratings.0.itemKey', 'ratings.2.itemKey']);
    expect(() => checkBenchmarkRatings(instrument, all.slice(0, 3))).not.toThrow();
  });
});

// ---- Readiness: the five-answer floor ----------------------------------------------------------------

/** A response answering every statement of the default survey with `value`. */
const respond = (value: number): ReadinessResponse => ({ answers: READINESS_DEFAULT_SURVEY.items.map((i) => ({ itemKey: i.key, value })) });
/** A response to one factor only. */
const respondTo = (factor: string, value: number): ReadinessResponse => ({
  answers: READINESS_DEFAULT_SURVEY.items.filter((i) => i.factor === factor).map((i) => ({ itemKey: i.key, value })),
});

describe('readiness results and the privacy floor', () => {
  it('with four answers, show nothing but the count', () => {
    const r = readinessResults([respond(1), respond(2), respond(4), respond(5)]);
    expect(r).toEqual({ status: 'withheld', respondents: 4, floor: 5 });
    expect(Object.keys(r).sort()).toEqual(['floor', 'respondents', 'status']);
  });

  it('with five answers, show the mean of each factor', () => {
    const r = readinessResults([respond(1), respond(2), respond(3), respond(4), respond(5)]);
    expect(r.status).toBe('shown');
    if (r.status !== 'shown') return;
    expect(r.respondents).toBe(5);
    expect(r.mean).toBe(3);
    expect(r.factors.map((f) => f.factor)).toEqual([...READINESS_FACTORS]);
    for (const f of r.factors) expect(f).toEqual({ factor: f.factor, respondents: 5, mean: 3 });
  });

  it('withhold a factor fewer than five answered, even when the survey is shown', () => {
    const r = readinessResults([respond(4), respond(4), respond(4), respond(4), respondTo('incentives', 2)]);
    if (r.status !== 'shown') throw new Error('expected results');
    expect(r.factors.find((f) => f.factor === 'incentives')).toEqual({ factor: 'incentives', respondents: 5, mean: (4 * 8 + 2 * 2) / 10 });
    expect(r.factors.find((f) => f.factor === 'policy_commitment')).toEqual({ factor: 'policy_commitment', respondents: 4, mean: null });
  });

  it('do not count a response with no usable answer, and ignore values off the scale', () => {
    const junk: ReadinessResponse = { answers: [{ itemKey: 'no-such-item', value: 3 }, { itemKey: 'feedback-used', value: 9 }] };
    expect(readinessResults([respond(3), respond(3), respond(3), respond(3), junk])).toEqual({ status: 'withheld', respondents: 4, floor: 5 });
    expect(readinessResults([])).toEqual({ status: 'withheld', respondents: 0, floor: 5 });
  });

  it('take another floor, but never below one', () => {
    expect(readinessResults([respond(5)], 1).status).toBe('shown');
    expect(() => readinessResults([respond(5)], 0)).toThrow(DomainError);
  });

  it('trend over periods, comparing with the latest period shown', () => {
    const five = (v: number) => [respond(v), respond(v), respond(v), respond(v), respond(v)];
    const trend = readinessTrend([
      { period: '2026-Q3', responses: [respond(5)] },
      { period: '2026-Q1', responses: five(2) },
      { period: '2026-Q4', responses: five(4) },
      { period: '2026-Q2', responses: five(3) },
    ]);
    expect(trend.map((t) => [t.period, t.status, t.meanChange])).toEqual([
      ['2026-Q1', 'shown', null],
      ['2026-Q2', 'shown', 1],
      ['2026-Q3', 'withheld', null],
      ['2026-Q4', 'shown', 1],
    ]);
    expect(trend[2]).toEqual({ status: 'withheld', respondents: 1, floor: 5, period: '2026-Q3', meanChange: null });
  });
});

// ---- Barriers -------------------------------------------------------------------------------------

const barrier = (over: Partial<BarrierTiming> = {}): BarrierTiming => ({
  status: 'open',
  raisedOn: '2026-10-01',
  updatedAt: '2026-10-01T09:00:00Z',
  targetOn: null,
  resolvedOn: null,
  ...over,
});

describe('barrier status', () => {
  it('moves open → in progress → resolved, or to dropped with a reason', () => {
    expect(() => checkBarrierTransition('open', 'in_progress')).not.toThrow();
    expect(() => checkBarrierTransition('in_progress', 'resolved', { resolution: 'The board adopted the policy.' })).not.toThrow();
    expect(() => checkBarrierTransition('open', 'dropped', { reason: 'Raised twice.' })).not.toThrow();
    expect(() => checkBarrierTransition('in_progress', 'dropped', { reason: 'No longer relevant.' })).not.toThrow();
  });

  it('refuses every illegal transition', () => {
    const legal = new Set(Object.entries(BARRIER_TRANSITIONS).flatMap(([from, tos]) => tos.map((to) => `${from}>${to}`)));
    expect(legal.size).toBe(4);
    let refused = 0;
    for (const from of BARRIER_STATUSES) {
      for (const to of BARRIER_STATUSES) {
        if (legal.has(`${from}>${to}`)) continue;
        const e = refusal(() => checkBarrierTransition(from, to, { resolution: 'done', reason: 'why' }));
        expect(e.kind, `${from} → ${to}`).toBe('conflict');
        expect(e.issues).toEqual([{ field: 'to', message: `cannot change from ${from} to ${to}` }]);
        refused++;
      }
    }
    expect(refused).toBe(16 - 4);
    expect(refusal(() => checkBarrierTransition('open', 'resolved', { resolution: 'x' })).message).toMatch(/in progress/);
    expect(refusal(() => checkBarrierTransition('resolved', 'in_progress')).message).toMatch(/log it as a new barrier/);
    expect(refusal(() => checkBarrierTransition('open', 'closed' as BarrierStatus)).kind).toBe('invalid');
  });

  it('asks for the resolution and the reason', () => {
    expect(refusal(() => checkBarrierTransition('in_progress', 'resolved', { resolution: '  ' })).issues[0]?.field).toBe('resolution');
    expect(refusal(() => checkBarrierTransition('open', 'dropped')).issues[0]?.field).toBe('reason');
  });
});

describe('barrier timing', () => {
  it('measures time to resolution in calendar days', () => {
    expect(barrierTimeToResolutionDays(barrier({ status: 'resolved', resolvedOn: '2026-10-15' }))).toBe(14);
    expect(barrierTimeToResolutionDays(barrier({ status: 'resolved', resolvedOn: '2026-10-01T17:00:00Z' }))).toBe(0);
    expect(barrierTimeToResolutionDays(barrier({ status: 'resolved', raisedOn: '2026-12-30', resolvedOn: '2027-01-02' }))).toBe(3);
    expect(barrierTimeToResolutionDays(barrier({ status: 'dropped', resolvedOn: '2026-10-15' }))).toBeNull();
    expect(barrierTimeToResolutionDays(barrier({ status: 'in_progress' }))).toBeNull();
  });

  it('flags a barrier with no update for 14 days', () => {
    expect(barrierStaleness(barrier(), '2026-10-14')).toEqual({ stale: false, reasons: [], daysSinceUpdate: 13, daysPastTarget: null });
    expect(barrierStaleness(barrier(), '2026-10-15')).toEqual({ stale: true, reasons: ['no_update'], daysSinceUpdate: 14, daysPastTarget: null });
    expect(isBarrierStale(barrier({ status: 'in_progress' }), '2026-10-08', 7)).toBe(true);
    expect(isBarrierStale(barrier({ status: 'in_progress' }), '2026-10-07', 7)).toBe(false);
  });

  it('flags a barrier past its target date, from the day after', () => {
    const b = barrier({ status: 'in_progress', targetOn: '2026-10-05' });
    expect(barrierStaleness(b, '2026-10-05').stale).toBe(false);
    expect(barrierStaleness(b, '2026-10-06')).toEqual({ stale: true, reasons: ['past_target'], daysSinceUpdate: 5, daysPastTarget: 1 });
    expect(barrierStaleness(b, '2026-10-20').reasons).toEqual(['no_update', 'past_target']);
  });

  it('never flags a resolved or dropped barrier', () => {
    for (const status of ['resolved', 'dropped'] as const) {
      expect(isBarrierStale(barrier({ status, targetOn: '2026-10-02', resolvedOn: '2026-10-03' }), '2027-01-01')).toBe(false);
    }
  });

  it('sums up a period: opened, resolved, dropped, still open, time to resolution', () => {
    const barriers = [
      barrier({ raisedOn: '2026-09-20', status: 'resolved', resolvedOn: '2026-10-10' }), // 20 days
      barrier({ raisedOn: '2026-10-01', status: 'resolved', resolvedOn: '2026-10-05' }), // 4 days
      barrier({ raisedOn: '2026-10-02', status: 'resolved', resolvedOn: '2026-10-08' }), // 6 days
      barrier({ raisedOn: '2026-11-01', status: 'dropped', resolvedOn: '2026-11-02' }),
      barrier({ raisedOn: '2026-12-31', status: 'open' }),
      barrier({ raisedOn: '2026-12-01', status: 'resolved', resolvedOn: '2027-01-03' }), // resolved next quarter: open at end
      barrier({ raisedOn: '2027-01-02', status: 'open' }), // raised after the quarter
    ];
    expect(barrierPeriodSummary(barriers, '2026-Q4')).toEqual({
      period: '2026-Q4',
      opened: 5,
      resolved: 3,
      dropped: 1,
      openAtEnd: 2,
      medianDaysToResolution: 6,
      meanDaysToResolution: 10,
    });
    expect(barrierPeriodSummary([], '2026-Q4')).toMatchObject({ opened: 0, medianDaysToResolution: null, meanDaysToResolution: null });
  });
});

// ---- Celebrations ---------------------------------------------------------------------------------

describe('milestones proposed as celebrations', () => {
  const unit = { id: 'school-1', name: 'Lincoln Elementary' };
  const before: ProgressMilestoneState = {
    benchmarkRatings: { 'celebrate-progress': 'developing', 'steering-body-in-place': 'fully_in_place' },
    plans: [{ id: 'plan-1', title: 'Start-up plan', status: 'submitted' }],
    mechanisms: [{ id: 'm-1', name: 'Steering body', kind: 'steering_body', status: 'forming' }],
    phase: 'orientation',
  };

  it('proposes nothing when nothing changed', () => {
    expect(detectProgressMilestones(unit, before, before)).toEqual([]);
  });

  it('proposes a benchmark newly fully in place, a plan approved, a mechanism established or active, a phase entered', () => {
    const after: ProgressMilestoneState = {
      benchmarkRatings: { 'celebrate-progress': 'fully_in_place', 'steering-body-in-place': 'fully_in_place', 'strategic-plan': 'fully_in_place' },
      plans: [
        { id: 'plan-1', title: 'Start-up plan', status: 'approved' },
        { id: 'plan-2', title: 'Sustainability plan', status: 'draft' },
      ],
      mechanisms: [
        { id: 'm-1', name: 'Steering body', kind: 'steering_body', status: 'active' },
        { id: 'm-2', name: 'Change team', kind: 'change_team', status: 'forming' },
      ],
      phase: 'start_up_phase_in',
    };
    const proposed = detectProgressMilestones(unit, before, after);
    expect(proposed.map((p) => p.key)).toEqual([
      'benchmark_fully_in_place:school-1:celebrate-progress',
      'benchmark_fully_in_place:school-1:strategic-plan',
      'plan_approved:school-1:plan-1',
      'mechanism_active:school-1:m-1',
      'mechanism_established:school-1:m-2',
      'phase_entered:school-1:start_up_phase_in',
    ]);
    expect(proposed[0]).toMatchObject({ title: 'Fully in place: Progress is celebrated', unitId: 'school-1', source: PROGRESS_SOURCES.benchmarkReached });
    expect(proposed[2]).toMatchObject({ title: 'Plan approved: Start-up plan', source: PROGRESS_SOURCES.planApproved });
    expect(proposed[5]?.title).toBe('Entered start-up and phase-in');
    expect(proposed[5]?.description).toBe('Lincoln Elementary entered phase 2: Start-up and phase-in.');
    for (const p of proposed) expect(p.source.quote, p.key).toBeTruthy();
  });

  it('does not celebrate going back a phase, re-activation, or retirement', () => {
    const after: ProgressMilestoneState = { ...before, phase: null, mechanisms: [{ id: 'm-1', name: 'Steering body', kind: 'steering_body', status: 'retired' }] };
    expect(detectProgressMilestones(unit, { ...before, phase: 'institutionalization' }, { ...after, phase: 'start_up_phase_in' })).toEqual([]);
    const sunsetting: ProgressMilestoneState = { mechanisms: [{ id: 'm-1', name: 'Steering body', kind: 'steering_body', status: 'sunsetting' }] };
    const reactivated: ProgressMilestoneState = { mechanisms: [{ id: 'm-1', name: 'Steering body', kind: 'steering_body', status: 'active' }] };
    expect(detectProgressMilestones(unit, sunsetting, reactivated)).toEqual([]);
    expect(detectProgressMilestones(unit, {}, { mechanisms: [{ id: 'm-9', name: 'Old team', kind: 'work_group', status: 'retired' }] })).toEqual([]);
  });

  it('gives the same milestone the same key, so dedup proposes it once', () => {
    const up: ProgressMilestoneState = { benchmarkRatings: { 'celebrate-progress': 'fully_in_place' } };
    const down: ProgressMilestoneState = { benchmarkRatings: { 'celebrate-progress': 'developing' } };
    const first = detectProgressMilestones(unit, down, up);
    const again = detectProgressMilestones(unit, down, up); // rated down and up again later
    expect(again.map((p) => p.key)).toEqual(first.map((p) => p.key));
    expect(dedupeCelebrations([...first, ...again])).toHaveLength(1);
    expect(dedupeCelebrations(again, first.map((p) => p.key))).toEqual([]);
    expect(dedupeCelebrations(again, ['something-else'])).toEqual(again);
  });

  it('are confirmed or dismissed once', () => {
    expect(() => checkCelebrationTransition('proposed', 'confirmed')).not.toThrow();
    expect(() => checkCelebrationTransition('proposed', 'dismissed')).not.toThrow();
    for (const from of CELEBRATION_STATUSES) {
      for (const to of CELEBRATION_STATUSES) {
        if (from === 'proposed' && to !== 'proposed') continue;
        expect(refusal(() => checkCelebrationTransition(from, to)).kind, `${from} → ${to}`).toBe('conflict');
      }
    }
  });
});
