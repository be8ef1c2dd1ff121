import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  BarrierCreate,
  BarrierTransition,
  BarrierUpdate,
  BenchmarkAssessmentCreate,
  BenchmarkAssessmentSubmit,
  BenchmarkAssessmentUpdate,
  CelebrationCreate,
  CelebrationDecision,
  ProgressPeriodSchema,
  ReadinessResponseSchema,
  ReadinessSurveyCreate,
} from '../src/progress/schemas.js';

const UNIT = '11111111-1111-4111-8111-111111111111';
const PERSON = '22222222-2222-4222-8222-222222222222';
const MECHANISM = '33333333-3333-4333-8333-333333333333';

/** The issues a schema reports, as "path: message". */
const issuesOf = (schema: z.ZodType, value: unknown): string[] => {
  const r = schema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

const assessment = (over: Record<string, unknown> = {}) => ({
  unitId: UNIT,
  period: '2026-Q4',
  instrument: { id: 'trellis-benchmarks', version: '2026.11.0' },
  ratings: [{ itemKey: 'celebrate-progress', rating: 'developing', evidence: 'Two celebrations this term.', links: [{ url: 'https://example.org/minutes' }] }],
  ...over,
});

describe('benchmark assessment schemas', () => {
  it('accept an assessment of a unit for a quarter or month, ratings partial', () => {
    const parsed = BenchmarkAssessmentCreate.parse(assessment());
    expect(parsed.assessorIds).toEqual([]);
    expect(parsed.ratings[0]).toMatchObject({ itemKey: 'celebrate-progress', rating: 'developing' });
    expect(BenchmarkAssessmentCreate.parse(assessment({ period: '2026-09', ratings: undefined })).ratings).toEqual([]);
  });

  it('refuse a bad period, rating, duplicate item, unknown field or non-web link, saying why', () => {
    expect(issuesOf(ProgressPeriodSchema, '2026-Q5')).toEqual([': must be a quarter like 2026-Q3 or a month like 2026-09']);
    expect(issuesOf(BenchmarkAssessmentCreate, assessment({ ratings: [{ itemKey: 'a', rating: 'done' }] }))).toEqual([
      'ratings.0.rating: must be one of not_yet, planned, developing, fully_in_place',
    ]);
    expect(
      issuesOf(
        BenchmarkAssessmentCreate,
        assessment({
          ratings: [
            { itemKey: 'a', rating: 'planned' },
            { itemKey: 'a', rating: 'developing' },
          ],
        }),
      ),
    ).toEqual(['ratings.1: Item "a" appears twice; list it once']);
    expect(issuesOf(BenchmarkAssessmentCreate, assessment({ status: 'submitted' }))[0]).toMatch(/status|Unrecognized/i);
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,hi', 'ftp://example.org/x']) {
      expect(issuesOf(BenchmarkAssessmentCreate, assessment({ ratings: [{ itemKey: 'a', rating: 'planned', links: [{ url }] }] })), url).toEqual([
        'ratings.0.links.0.url: must be a web address starting with http:// or https://',
      ]);
    }
  });

  it('save ratings with the version read, and submit only by moving to submitted', () => {
    expect(BenchmarkAssessmentUpdate.parse({ version: 3, ratings: [{ itemKey: 'a', rating: 'fully_in_place' }] }).version).toBe(3);
    expect(issuesOf(BenchmarkAssessmentUpdate, { ratings: [] })).toEqual(['version: must be a whole number: the version you loaded']);
    expect(BenchmarkAssessmentSubmit.parse({ version: 1, to: 'submitted' }).to).toBe('submitted');
    expect(issuesOf(BenchmarkAssessmentSubmit, { version: 1, to: 'draft' })).toEqual(['to: must be "submitted": an assessment moves only from draft to submitted']);
  });
});

describe('readiness survey schemas', () => {
  it('accept anonymous answers on the 1–5 scale', () => {
    expect(ReadinessResponseSchema.parse({ answers: [{ itemKey: 'feedback-used', value: 4 }] }).answers).toHaveLength(1);
  });

  it('refuse anything that could identify a respondent', () => {
    for (const field of ['personId', 'respondentId', 'email', 'name', 'comment', 'unitId']) {
      const issues = issuesOf(ReadinessResponseSchema, { answers: [{ itemKey: 'feedback-used', value: 4 }], [field]: 'x' });
      expect(issues.length, field).toBe(1);
    }
    expect(issuesOf(ReadinessResponseSchema, { answers: [{ itemKey: 'feedback-used', value: 4, personId: PERSON }] }).length).toBe(1);
  });

  it('refuse values off the scale, no answers, and a statement answered twice', () => {
    expect(issuesOf(ReadinessResponseSchema, { answers: [{ itemKey: 'a', value: 6 }] })).toEqual(['answers.0.value: must be at most 5 (strongly agree)']);
    expect(issuesOf(ReadinessResponseSchema, { answers: [{ itemKey: 'a', value: 2.5 }] })[0]).toMatch(/whole number from 1/);
    expect(issuesOf(ReadinessResponseSchema, { answers: [] })).toEqual(['answers: must answer at least one statement']);
    expect(
      issuesOf(ReadinessResponseSchema, {
        answers: [
          { itemKey: 'a', value: 2 },
          { itemKey: 'a', value: 3 },
        ],
      }),
    ).toEqual(['answers.1: Statement "a" appears twice; list it once']);
  });

  it('send a survey to a unit for a period', () => {
    expect(ReadinessSurveyCreate.parse({ unitId: UNIT, period: '2026-Q4', instrument: { id: 'trellis-readiness', version: '2026.11.0' } }).closesOn).toBeNull();
  });
});

describe('barrier schemas', () => {
  const raised = { unitId: UNIT, category: 'reactance', description: 'Staff see the team as extra work.', ownerId: PERSON, nextStep: 'Meet the grade leads.' };

  it('raise a barrier against a unit, or one of its mechanisms, with an owner and next step', () => {
    expect(BarrierCreate.parse(raised)).toMatchObject({ mechanismId: null, targetOn: null });
    expect(BarrierCreate.parse({ ...raised, mechanismId: MECHANISM, targetOn: '2026-12-15' })).toMatchObject({ mechanismId: MECHANISM, targetOn: '2026-12-15' });
  });

  it('refuse an unknown category, a missing owner or next step, and a status set by hand', () => {
    expect(issuesOf(BarrierCreate, { ...raised, category: 'morale' })[0]).toMatch(/^category: must be one of reactance, /);
    expect(issuesOf(BarrierCreate, { ...raised, ownerId: undefined })).toEqual(['ownerId: must be an id (a UUID)']);
    expect(issuesOf(BarrierCreate, { ...raised, nextStep: ' ' })).toEqual(['nextStep: must not be empty: say what happens next']);
    expect(issuesOf(BarrierCreate, { ...raised, status: 'resolved' }).length).toBe(1);
    expect(issuesOf(BarrierUpdate, { version: 1, unitId: UNIT }).length).toBe(1);
  });

  it('resolve with the resolution and drop with a reason', () => {
    expect(BarrierTransition.parse({ version: 2, to: 'resolved', resolution: 'Policy adopted.' }).resolution).toBe('Policy adopted.');
    expect(issuesOf(BarrierTransition, { version: 2, to: 'resolved', resolution: '' })).toEqual(['resolution: must say how the barrier was resolved']);
    expect(issuesOf(BarrierTransition, { version: 2, to: 'dropped' })).toEqual(['reason: must say why the barrier is dropped']);
    expect(issuesOf(BarrierTransition, { version: 2, to: 'in_progress' })).toEqual([]);
  });
});

describe('celebration schemas', () => {
  it('record a celebration from a milestone or by hand', () => {
    expect(CelebrationCreate.parse({ unitId: UNIT, title: 'Plan approved', celebratedOn: '2026-11-23', milestoneKey: `plan_approved:${UNIT}:plan-1` }).milestoneKey).toBe(
      `plan_approved:${UNIT}:plan-1`,
    );
    expect(CelebrationCreate.parse({ unitId: UNIT, title: 'First family night', celebratedOn: '2026-11-23' })).toMatchObject({ milestoneKey: null, description: null });
  });

  it('refuse a milestone key of no known kind and decisions other than confirm or dismiss', () => {
    expect(issuesOf(CelebrationCreate, { unitId: UNIT, title: 'x', celebratedOn: '2026-11-23', milestoneKey: 'birthday:x:y' })[0]).toMatch(/^milestoneKey: must be a milestone key/);
    expect(issuesOf(CelebrationCreate, { unitId: UNIT, title: 'x', celebratedOn: '23/11/2026' })).toEqual(['celebratedOn: must be a date like 2026-09-01']);
    expect(issuesOf(CelebrationDecision, { version: 1, to: 'proposed' })).toEqual(['to: must be confirmed or dismissed']);
  });
});
