// Bad input on every write route of progress (listed in ./bad-input/progress.ts): the generic cases
// of ./support/bad-input.ts, plus the rules — a period that is not a quarter or month, an item the
// instrument does not have, submitting half an assessment, changing a submitted one, an answer off
// the 1–5 scale or with a name attached, a closed survey, resolving a barrier without saying how, a
// celebration in the future or of a milestone not proposed, a stale version. Each is a 4xx naming
// the field, and nothing is written.
import { describe, expect, it } from 'vitest';
import { BENCHMARK_DEFAULT_INSTRUMENT, type Unit } from '@trellis/core';
import { findAssessment } from '@trellis/db';
import { signIn, type Agent } from './support/agent.js';
import { useApi } from './support/api.js';
import { expectRefused, jsonCases, MISSING_ID, type BadCase } from './support/bad-input.js';
import { testDatabases } from './support/databases.js';
import { createMechanism, createPerson, createStateTree, createSystemAdmin, createUnit, PASSWORD, type TestPerson } from './support/factories.js';
import { BENCHMARK_REF, createAssessment, createBarrier, createCelebration, createSurvey, READINESS_REF, uniquePeriod } from './support/progress-factories.js';
import { progressBadInput } from './bad-input/progress.js';
import { createInstrument } from './support/instrument-factories.js';

interface F {
  system: Agent;
  admin: TestPerson;
  school: Unit;
  draft: { id: string; version: number };
  half: { id: string; version: number };
  submitted: { id: string; version: number };
  survey: { id: string; version: number; linkToken: string };
  closed: { linkToken: string };
  barrier: { id: string; version: number };
  celebration: { id: string; version: number };
  milestoneKey: string;
  instrument: { id: string; version: string };
  retired: { id: string; version: string };
}

interface Route {
  url: (f: F) => string;
  body: ((f: F) => Record<string, unknown>) | null;
  required?: string[];
  invalid?: [string, unknown, string | RegExp][];
  rules?: (f: F) => BadCase[];
}

const item = BENCHMARK_DEFAULT_INSTRUMENT.items[0]!.key;

const ROUTES: Record<string, Route> = {
  'POST /api/progress-instruments': {
    url: () => '/api/progress-instruments',
    body: (f) => ({ unitId: f.school.id, id: 'our-checklist', version: '2026.11.1', name: 'Our checklist', items: [{ key: 'our-item', title: 'Our item', area: 'readiness', evidence: 'Minutes.' }] }),
    required: ['unitId', 'id', 'version', 'name'],
    invalid: [
      ['version', 'v2', 'must be a version like 2026.11.1'],
      ['items', [], 'at least one item'],
      ['id', 'Our Checklist', 'lowercase words'],
      ['basedOn', 'trellis-benchmarks', 'expected object'],
    ],
    rules: (f) => [
      { name: 'basedOn without a version', body: { unitId: f.school.id, id: 'our-checklist', version: '2026.11.1', name: 'x', basedOn: { id: 'x' }, removeItems: [item] }, status: 400, field: 'basedOn.version', rule: 'is required' },
      { name: 'nothing added, left out or reworded', body: { unitId: f.school.id, id: 'our-checklist', version: '2026.11.1', name: 'x' }, status: 400, field: 'items', rule: /at least one item/ },
      { name: 'a blank instrument with no item', body: { unitId: f.school.id, id: 'our-checklist', version: '2026.11.1', name: 'x', basedOn: null, removeItems: [item] }, status: 400, field: 'removeItems.0', rule: /not an item/ },
      { name: 'leaving out an item the checklist does not have', body: { unitId: f.school.id, id: 'our-checklist', version: '2026.11.1', name: 'x', removeItems: ['no-such-item'] }, status: 400, field: 'removeItems.0', rule: /not an item/ },
      { name: 'leaving out the same item twice', body: { unitId: f.school.id, id: 'our-checklist', version: '2026.11.1', name: 'x', removeItems: [item, item] }, status: 400, field: 'removeItems', rule: /twice/ },
      { name: 'rewording an item to an empty title', body: { unitId: f.school.id, id: 'our-checklist', version: '2026.11.1', name: 'x', changeItems: [{ key: item, title: ' ' }] }, status: 400, field: 'changeItems.0.title' },
      { name: 'rewording an item into an area that does not exist', body: { unitId: f.school.id, id: 'our-checklist', version: '2026.11.1', name: 'x', changeItems: [{ key: item, area: 'nowhere' }] }, status: 400, field: 'changeItems.0.area' },
      { name: 'building on an instrument that is not there', body: { unitId: f.school.id, id: 'our-checklist', version: '2026.11.1', name: 'x', basedOn: { id: 'nope', version: '2026.11.0' }, removeItems: [item] }, status: 400, field: 'basedOn' },
      { name: 'the id of the shipped checklist', body: { unitId: f.school.id, id: BENCHMARK_DEFAULT_INSTRUMENT.id, version: '2026.11.1', name: 'x', removeItems: [item] }, status: 400, field: 'id', rule: /shipped/ },
      { name: 'a new version that does not come after the latest', body: { unitId: f.school.id, id: f.instrument.id, version: '2026.11.9', name: 'x', removeItems: [item] }, status: 400, field: 'version', rule: /after 2026\.12\.0/ },
      { name: 'a new version built from an older one', body: { unitId: f.school.id, id: f.instrument.id, version: '2027.1.0', name: 'x', basedOn: { id: f.instrument.id, version: '2026.11.0' }, removeItems: [item] }, status: 409, field: 'basedOn' },
      { name: 'a unit that does not exist', body: { unitId: MISSING_ID, id: 'our-checklist', version: '2026.11.1', name: 'x', removeItems: [item] }, status: 404 },
      { name: 'an item in an area the instrument does not have', body: { unitId: f.school.id, id: 'our-checklist', version: '2026.11.1', name: 'x', items: [{ key: 'our-item', title: 'x', area: 'nowhere', evidence: 'y' }] }, status: 400, rule: /area/ },
      { name: 'an item key the checklist already has', body: { unitId: f.school.id, id: 'our-checklist', version: '2026.11.1', name: 'x', items: [{ key: item, title: 'x', area: 'readiness', evidence: 'y' }] }, status: 400 },
    ],
  },
  'POST /api/progress-instruments/retirements': {
    url: () => '/api/progress-instruments/retirements',
    body: (f) => ({ instrument: { id: f.instrument.id, version: f.instrument.version } }),
    required: ['instrument'],
    invalid: [
      ['instrument', 'x', 'expected object'],
    ],
    rules: (f) => [
      { name: 'a version that is not one', body: { instrument: { id: 'x', version: 'v2' } }, status: 400, field: 'instrument.version', rule: 'must be a version like 2026.11.0' },
      { name: 'the shipped checklist', body: { instrument: BENCHMARK_REF }, status: 400, field: 'instrument.id', rule: /shipped/ },
      { name: 'an instrument that does not exist', body: { instrument: { id: 'nope', version: '2026.11.0' } }, status: 404 },
      { name: 'one retired already', body: { instrument: { id: f.retired.id, version: f.retired.version } }, status: 409, field: 'instrument', rule: /retired already/ },
    ],
  },
  'POST /api/benchmark-assessments': {
    url: () => '/api/benchmark-assessments',
    body: (f) => ({ unitId: f.school.id, period: uniquePeriod(), instrument: BENCHMARK_REF }),
    required: ['unitId', 'period', 'instrument'],
    invalid: [
      ['period', '2026-Q5', 'must be a quarter like 2026-Q3 or a month like 2026-09'],
      ['assessorIds', 'everyone', 'must be a list of person ids'],
    ],
    rules: (f) => [
      { name: 'an instrument that does not exist', body: { unitId: f.school.id, period: '2030-Q1', instrument: { id: 'nope', version: '2026.11.0' } }, status: 400, field: 'instrument' },
      { name: 'an item the instrument does not have', body: { unitId: f.school.id, period: '2030-Q1', instrument: BENCHMARK_REF, ratings: [{ itemKey: 'no-such-item', rating: 'planned' }] }, status: 400, field: 'ratings.0.itemKey' },
      { name: 'a rating off the scale', body: { unitId: f.school.id, period: '2030-Q1', instrument: BENCHMARK_REF, ratings: [{ itemKey: item, rating: 'great' }] }, status: 400, field: 'ratings.0.rating' },
      { name: 'a period already assessed', body: { unitId: f.school.id, period: '2100-Q1', instrument: BENCHMARK_REF }, status: 409, field: 'period' },
      { name: 'a retired instrument', body: { unitId: f.school.id, period: '2030-Q1', instrument: { id: f.retired.id, version: f.retired.version } }, status: 400, field: 'instrument', rule: /retired/ },
      { name: 'a unit that does not exist', body: { unitId: MISSING_ID, period: '2030-Q1', instrument: BENCHMARK_REF }, status: 404 },
    ],
  },
  'PATCH /api/benchmark-assessments/:id': {
    url: (f) => `/api/benchmark-assessments/${f.draft.id}`,
    body: (f) => ({ version: f.draft.version, ratings: [{ itemKey: item, rating: 'planned' }] }),
    required: ['version'],
    rules: (f) => [
      { name: 'a link that is not a web address', body: { version: f.draft.version, ratings: [{ itemKey: item, rating: 'planned', links: [{ url: 'file:///etc/passwd' }] }] }, status: 400, field: 'ratings.0.links.0.url' },
      { name: 'a submitted assessment', url: `/api/benchmark-assessments/${f.submitted.id}`, body: { version: f.submitted.version, note: 'x' }, status: 409, field: 'status' },
      { name: 'a stale version', body: { version: f.draft.version + 4, note: 'x' }, status: 409, field: 'version' },
    ],
  },
  'POST /api/benchmark-assessments/:id/submit': {
    url: (f) => `/api/benchmark-assessments/${f.draft.id}/submit`,
    body: (f) => ({ version: f.draft.version, to: 'submitted' }),
    required: ['version', 'to'],
    invalid: [['to', 'draft', 'must be "submitted"']],
    rules: (f) => [
      { name: 'half an assessment', url: `/api/benchmark-assessments/${f.half.id}/submit`, body: { version: f.half.version, to: 'submitted' }, status: 400, field: 'ratings', rule: /not rated/ },
      { name: 'one already submitted', url: `/api/benchmark-assessments/${f.submitted.id}/submit`, body: { version: f.submitted.version, to: 'submitted' }, status: 409 },
    ],
  },
  'POST /api/readiness-surveys': {
    url: () => '/api/readiness-surveys',
    body: (f) => ({ unitId: f.school.id, period: '2026-Q4', instrument: READINESS_REF }),
    required: ['unitId', 'period', 'instrument'],
    invalid: [['closesOn', 'next week', 'must be a date like 2026-09-01']],
    rules: (f) => [{ name: 'a closing date in the past', body: { unitId: f.school.id, period: '2026-Q4', instrument: READINESS_REF, closesOn: '2020-01-01' }, status: 400, field: 'closesOn' }],
  },
  'POST /api/readiness-surveys/:id/close': {
    url: (f) => `/api/readiness-surveys/${f.survey.id}/close`,
    body: (f) => ({ version: f.survey.version }),
    required: ['version'],
    rules: (f) => [{ name: 'a stale version', body: { version: f.survey.version + 2 }, status: 409 }],
  },
  'POST /api/surveys/:token/responses': {
    url: (f) => `/api/surveys/${f.survey.linkToken}/responses`,
    body: () => ({ answers: [{ itemKey: 'policy-commitment-stated', value: 4 }] }),
    required: ['answers'],
    invalid: [['answers', [], 'at least one statement']],
    rules: (f) => [
      { name: 'a value off the scale', body: { answers: [{ itemKey: 'policy-commitment-stated', value: 7 }] }, status: 400, field: 'answers.0.value' },
      { name: 'a statement the survey does not have', body: { answers: [{ itemKey: 'favourite-colour', value: 3 }] }, status: 400, field: 'answers.0.itemKey' },
      { name: 'a name attached', body: { answers: [{ itemKey: 'policy-commitment-stated', value: 3 }], name: 'Pat' }, status: 400, field: 'name' },
      { name: 'a closed survey', url: `/api/surveys/${f.closed.linkToken}/responses`, body: { answers: [{ itemKey: 'policy-commitment-stated', value: 3 }] }, status: 409 },
      { name: 'a link that does not exist', url: `/api/surveys/${'b'.repeat(24)}/responses`, body: { answers: [{ itemKey: 'policy-commitment-stated', value: 3 }] }, status: 404 },
    ],
  },
  'POST /api/barriers': {
    url: () => '/api/barriers',
    body: (f) => ({ unitId: f.school.id, category: 'resources', description: 'No time.', ownerId: f.admin.id, nextStep: 'Ask.' }),
    required: ['unitId', 'category', 'description', 'ownerId', 'nextStep'],
    invalid: [
      ['category', 'money', 'must be one of'],
      ['description', '', 'must not be empty'],
    ],
    rules: (f) => [
      { name: 'an owner who does not exist', body: { unitId: f.school.id, category: 'resources', description: 'x', ownerId: MISSING_ID, nextStep: 'y' }, status: 400, field: 'ownerId' },
      { name: 'a mechanism of another unit', body: { unitId: f.school.id, category: 'resources', description: 'x', ownerId: f.admin.id, nextStep: 'y', mechanismId: MISSING_ID }, status: 400, field: 'mechanismId' },
    ],
  },
  'PATCH /api/barriers/:id': {
    url: (f) => `/api/barriers/${f.barrier.id}`,
    body: (f) => ({ version: f.barrier.version, nextStep: 'Meet the principal.' }),
    required: ['version'],
    invalid: [['targetOn', '31/12/2026', 'must be a date like 2026-09-01']],
    rules: (f) => [{ name: 'a stale version', body: { version: f.barrier.version + 3, nextStep: 'x' }, status: 409 }],
  },
  'POST /api/barriers/:id/status': {
    url: (f) => `/api/barriers/${f.barrier.id}/status`,
    body: (f) => ({ version: f.barrier.version, to: 'in_progress' }),
    required: ['version', 'to'],
    invalid: [['to', 'solved', 'must be one of open, in_progress, resolved, dropped']],
    rules: (f) => [
      { name: 'resolved without saying how', body: { version: f.barrier.version, to: 'resolved' }, status: 400, field: 'resolution' },
      { name: 'dropped without a reason', body: { version: f.barrier.version, to: 'dropped' }, status: 400, field: 'reason' },
    ],
  },
  'POST /api/celebrations': {
    url: () => '/api/celebrations',
    body: (f) => ({ unitId: f.school.id, title: 'First team meeting', celebratedOn: '2026-11-01' }),
    required: ['unitId', 'title', 'celebratedOn'],
    invalid: [['milestoneKey', 'party:yes', 'must be a milestone key']],
    rules: (f) => [
      { name: 'a date in the future', body: { unitId: f.school.id, title: 'Later', celebratedOn: '2099-01-01' }, status: 400, field: 'celebratedOn' },
      { name: 'a milestone not proposed', body: { unitId: f.school.id, title: 'x', celebratedOn: '2026-11-01', milestoneKey: `plan_approved:${f.school.id}:${MISSING_ID}` }, status: 400, field: 'milestoneKey' },
    ],
  },
  'POST /api/celebrations/dismissals': {
    url: () => '/api/celebrations/dismissals',
    body: (f) => ({ unitId: f.school.id, milestoneKey: f.milestoneKey }),
    required: ['unitId', 'milestoneKey'],
    rules: (f) => [{ name: 'a milestone not proposed', body: { unitId: f.school.id, milestoneKey: `plan_approved:${f.school.id}:${MISSING_ID}` }, status: 400, field: 'milestoneKey' }],
  },
  'PATCH /api/celebrations/:id': {
    url: (f) => `/api/celebrations/${f.celebration.id}`,
    body: (f) => ({ version: f.celebration.version, title: 'Renamed' }),
    required: ['version'],
    rules: (f) => [
      { name: 'a date in the future', body: { version: f.celebration.version, celebratedOn: '2099-01-01' }, status: 400, field: 'celebratedOn' },
      { name: 'a stale version', body: { version: f.celebration.version + 2, title: 'x' }, status: 409 },
    ],
  },
};

describe.each(testDatabases())('bad input on progress on $name', (target) => {
  const f = {} as F;
  const api = useApi(target, async ({ db, app }) => {
    const tree = await createStateTree(db);
    f.admin = await createSystemAdmin(db);
    f.system = await signIn(app, f.admin.email, PASSWORD);
    f.school = await createUnit(db, 'school', tree.north.feederPatterns[0]!.unit);
    await createPerson(db, { home: f.school });
    f.draft = await createAssessment(db, f.school);
    f.half = await createAssessment(db, f.school, { rated: 3 });
    f.submitted = await createAssessment(db, f.school, { period: '2100-Q1', submittedBy: f.admin.id });
    f.survey = await createSurvey(db, f.school);
    const closed = await createSurvey(db, f.school);
    await db.query('update readiness_surveys set closed_at = now() where id = $1', [closed.id]);
    f.closed = closed;
    f.barrier = await createBarrier(db, f.school, f.admin.id);
    f.celebration = await createCelebration(db, f.school);
    const m = await createMechanism(db, f.school, 'change_team');
    f.milestoneKey = `mechanism_established:${f.school.id}:${m.id}`;
    f.instrument = await createInstrument(db, f.school);
    f.retired = await createInstrument(db, f.school, { retired: true });
  });

  it('lists exactly these routes as covered here', () => {
    const writes = api.app.routeTable.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.url}`);
    expect(Object.keys(ROUTES).filter((k) => !writes.includes(k))).toEqual([]);
    expect([...progressBadInput].sort()).toEqual(Object.keys(ROUTES).sort());
  });

  it.each(Object.entries(ROUTES))('%s refuses bad input with a 4xx naming the field and rule, and writes nothing', async (key, route) => {
    const method = key.split(' ')[0] as 'POST' | 'PATCH' | 'PUT' | 'DELETE';
    const cases = [...jsonCases({ url: route.url(f), valid: route.body?.(f) ?? null, hasId: key.includes(':id'), required: route.required, invalid: route.invalid }), ...(route.rules?.(f) ?? [])];
    expect(cases.length).toBeGreaterThan(3);
    await expectRefused(api.db, f.system, method, route.url(f), cases, key);
  });

  it('accepts the valid request each route’s cases were made from', async () => {
    for (const [key, route] of Object.entries(ROUTES)) {
      f.draft.version = (await findAssessment(api.db, f.draft.id))!.version;
      f.barrier.version = (await api.db.query<{ version: number }>('select version from barriers where id = $1', [f.barrier.id]))[0]!.version;
      if (key === 'POST /api/benchmark-assessments/:id/submit') f.draft = await createAssessment(api.db, f.school);
      if (key === 'POST /api/surveys/:token/responses') f.survey = await createSurvey(api.db, f.school); // the close before it closed the other
      const method = key.split(' ')[0] as 'POST' | 'PATCH' | 'PUT' | 'DELETE';
      const res = await f.system.request({ method, url: route.url(f), body: route.body?.(f) });
      expect(res.statusCode, `${key}: ${res.body}`).toBeLessThan(300);
    }
  });
});
