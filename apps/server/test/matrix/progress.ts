// Access-control matrix entries for the progress routes (spread into ROUTES in ../access-matrix.test.ts).
// Everything lives at the school of each place; a request is decided at the school's path.
import { expect } from 'vitest';
import { createMechanism } from '../support/factories.js';
import type { MatrixEntries } from '../support/matrix.js';
import { ids, unique } from '../support/matrix.js';
import { createInstrument } from '../support/instrument-factories.js';
import { BENCHMARK_REF, createAssessment, createBarrier, createCelebration, createSurvey, READINESS_REF, uniquePeriod } from '../support/progress-factories.js';

export const progressMatrix: MatrixEntries = {
  'GET /api/units/:id/progress-instruments': async ({ at }) => ({ method: 'GET', url: `/api/units/${at.school.id}/progress-instruments`, decidedAt: at.school.path }),
  'POST /api/progress-instruments': async ({ at }) => ({
    method: 'POST',
    url: '/api/progress-instruments',
    body: { unitId: at.school.id, id: `matrix-${Math.random().toString(36).slice(2, 8)}`, version: '2026.11.1', name: unique('Matrix checklist'), items: [{ key: 'our-item', title: 'Our item', area: 'readiness', evidence: 'Minutes.' }] },
    decidedAt: at.school.path,
  }),
  'POST /api/progress-instruments/retirements': async ({ api, at }) => {
    const i = await createInstrument(api.db, at.school);
    return { method: 'POST', url: '/api/progress-instruments/retirements', body: { instrument: { id: i.id, version: i.version } }, decidedAt: at.school.path };
  },
  'GET /api/units/:id/benchmark-assessments': async ({ api, at }) => {
    const a = await createAssessment(api.db, at.school, { rated: 1 });
    return { method: 'GET', url: `/api/units/${at.school.id}/benchmark-assessments`, decidedAt: at.school.path, check: (body) => expect(ids(body)).toContain(a.id) };
  },
  'POST /api/benchmark-assessments': async ({ at }) => ({ method: 'POST', url: '/api/benchmark-assessments', body: { unitId: at.school.id, period: uniquePeriod(), instrument: BENCHMARK_REF }, decidedAt: at.school.path }),
  'GET /api/benchmark-assessments/:id': async ({ api, at }) => ({ method: 'GET', url: `/api/benchmark-assessments/${(await createAssessment(api.db, at.school, { rated: 1 })).id}`, decidedAt: at.school.path }),
  'PATCH /api/benchmark-assessments/:id': async ({ api, at }) => {
    const a = await createAssessment(api.db, at.school, { rated: 1 });
    return { method: 'PATCH', url: `/api/benchmark-assessments/${a.id}`, body: { version: a.version, note: 'Saved.' }, decidedAt: at.school.path };
  },
  'POST /api/benchmark-assessments/:id/submit': async ({ api, at }) => {
    const a = await createAssessment(api.db, at.school);
    return { method: 'POST', url: `/api/benchmark-assessments/${a.id}/submit`, body: { version: a.version, to: 'submitted' }, decidedAt: at.school.path };
  },
  'GET /api/units/:id/benchmark-rollup': async ({ at }) => ({ method: 'GET', url: `/api/units/${at.school.id}/benchmark-rollup?period=2026-Q4`, decidedAt: at.school.path }),
  'GET /api/units/:id/benchmark-trend': async ({ at }) => ({ method: 'GET', url: `/api/units/${at.school.id}/benchmark-trend`, decidedAt: at.school.path }),
  'GET /api/units/:id/readiness-surveys': async ({ api, at }) => {
    const s = await createSurvey(api.db, at.school);
    return { method: 'GET', url: `/api/units/${at.school.id}/readiness-surveys`, decidedAt: at.school.path, check: (body) => expect(ids(body)).toContain(s.id) };
  },
  'POST /api/readiness-surveys': async ({ at }) => ({ method: 'POST', url: '/api/readiness-surveys', body: { unitId: at.school.id, period: uniquePeriod(), instrument: READINESS_REF }, decidedAt: at.school.path }),
  'POST /api/readiness-surveys/:id/close': async ({ api, at }) => {
    const s = await createSurvey(api.db, at.school);
    return { method: 'POST', url: `/api/readiness-surveys/${s.id}/close`, body: { version: s.version }, decidedAt: at.school.path };
  },
  'GET /api/units/:id/readiness-results': async ({ at }) => ({ method: 'GET', url: `/api/units/${at.school.id}/readiness-results`, decidedAt: at.school.path }),
  'GET /api/surveys/:token': async ({ api, at }) => ({ method: 'GET', url: `/api/surveys/${(await createSurvey(api.db, at.school)).linkToken}` }),
  'POST /api/surveys/:token/responses': async ({ api, at }) => ({
    method: 'POST',
    url: `/api/surveys/${(await createSurvey(api.db, at.school)).linkToken}/responses`,
    body: { answers: [{ itemKey: 'policy-commitment-stated', value: 4 }] },
  }),
  'GET /api/units/:id/barriers': async ({ api, at }) => {
    const b = await createBarrier(api.db, at.school, at.person.id);
    return { method: 'GET', url: `/api/units/${at.school.id}/barriers`, decidedAt: at.school.path, check: (body) => expect(ids(body)).toContain(b.id) };
  },
  'POST /api/barriers': async ({ at }) => ({
    method: 'POST',
    url: '/api/barriers',
    body: { unitId: at.school.id, category: 'apathy_low_valuing', description: unique('Low interest'), ownerId: at.person.id, nextStep: 'Share early wins.' },
    decidedAt: at.school.path,
  }),
  'PATCH /api/barriers/:id': async ({ api, at }) => {
    const b = await createBarrier(api.db, at.school, at.person.id);
    return { method: 'PATCH', url: `/api/barriers/${b.id}`, body: { version: b.version, nextStep: 'Meet the principal.' }, decidedAt: at.school.path };
  },
  'POST /api/barriers/:id/status': async ({ api, at }) => {
    const b = await createBarrier(api.db, at.school, at.person.id);
    return { method: 'POST', url: `/api/barriers/${b.id}/status`, body: { version: b.version, to: 'in_progress' }, decidedAt: at.school.path };
  },
  'GET /api/units/:id/celebrations': async ({ api, at }) => {
    const c = await createCelebration(api.db, at.school);
    return { method: 'GET', url: `/api/units/${at.school.id}/celebrations`, decidedAt: at.school.path, check: (body) => expect(ids((body as { confirmed: unknown }).confirmed)).toContain(c.id) };
  },
  'POST /api/celebrations': async ({ at }) => ({ method: 'POST', url: '/api/celebrations', body: { unitId: at.school.id, title: unique('First team meeting'), celebratedOn: '2026-11-01' }, decidedAt: at.school.path }),
  'POST /api/celebrations/dismissals': async ({ api, at }) => {
    const m = await createMechanism(api.db, at.school, 'change_team');
    return { method: 'POST', url: '/api/celebrations/dismissals', body: { unitId: at.school.id, milestoneKey: `mechanism_established:${at.school.id}:${m.id}` }, decidedAt: at.school.path };
  },
  'PATCH /api/celebrations/:id': async ({ api, at }) => {
    const c = await createCelebration(api.db, at.school);
    return { method: 'PATCH', url: `/api/celebrations/${c.id}`, body: { version: c.version, title: unique('Renamed') }, decidedAt: at.school.path };
  },
  'GET /api/units/:id/progress-report': async ({ at }) => ({ method: 'GET', url: `/api/units/${at.school.id}/progress-report?period=2026-Q4`, decidedAt: at.school.path }),
  'GET /api/units/:id/progress-report.pdf': async ({ at }) => ({ method: 'GET', url: `/api/units/${at.school.id}/progress-report.pdf?period=2026-Q4`, decidedAt: at.school.path }),
};
