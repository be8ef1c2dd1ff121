// Access-control matrix entries for the plans routes (spread into ROUTES in ../access-matrix.test.ts).
// Plans live at the school of each place; a request is decided at the school's path.
import { expect } from 'vitest';
import { createUnit } from '../support/factories.js';
import type { MatrixEntries } from '../support/matrix.js';
import { ids, unique } from '../support/matrix.js';
import { createCalendarToken, createDesignDocument, createPlan, createPlanRecommendation, DESIGN_CONTENT } from '../support/plan-factories.js';

export const planMatrix: MatrixEntries = {
  'GET /api/catalogs/plan-templates': async () => ({ method: 'GET', url: '/api/catalogs/plan-templates' }),
  'GET /api/units/:id/plans': async ({ api, at }) => {
    const plan = await createPlan(api.db, at.school);
    return { method: 'GET', url: `/api/units/${at.school.id}/plans`, decidedAt: at.school.path, check: (body) => expect(ids(body)).toContain(plan.id) };
  },
  'POST /api/plans': async ({ at }) => ({ method: 'POST', url: '/api/plans', body: { unitId: at.school.id, kind: 'start_up_phase_in', title: unique('Matrix plan') }, decidedAt: at.school.path }),
  'GET /api/plans/:id': async ({ api, at }) => ({ method: 'GET', url: `/api/plans/${(await createPlan(api.db, at.school)).id}`, decidedAt: at.school.path }),
  'PATCH /api/plans/:id': async ({ api, at }) => {
    const plan = await createPlan(api.db, at.school);
    return { method: 'PATCH', url: `/api/plans/${plan.id}`, body: { version: plan.version, title: unique('Renamed plan') }, decidedAt: at.school.path };
  },
  'DELETE /api/plans/:id': async ({ api, at }) => {
    const plan = await createPlan(api.db, at.school);
    return { method: 'DELETE', url: `/api/plans/${plan.id}?version=${plan.version}`, decidedAt: at.school.path };
  },
  'POST /api/plans/:id/submit': async ({ api, at }) => {
    const plan = await createPlan(api.db, at.school);
    return { method: 'POST', url: `/api/plans/${plan.id}/submit`, body: { version: plan.version }, decidedAt: at.school.path };
  },
  'POST /api/plans/:id/withdraw': async ({ api, at }) => {
    const plan = await createPlan(api.db, at.school, { status: 'submitted' });
    return { method: 'POST', url: `/api/plans/${plan.id}/withdraw`, body: { version: plan.version }, decidedAt: at.school.path };
  },
  'POST /api/plans/:id/request-revision': async ({ api, at }) => {
    const plan = await createPlan(api.db, at.school, { status: 'submitted' });
    return { method: 'POST', url: `/api/plans/${plan.id}/request-revision`, body: { version: plan.version, comment: 'Name an owner for task 1.' }, decidedAt: at.school.path };
  },
  'POST /api/plans/:id/approve': async ({ api, at }) => {
    const plan = await createPlan(api.db, at.school, { status: 'submitted' });
    return { method: 'POST', url: `/api/plans/${plan.id}/approve`, body: { version: plan.version }, decidedAt: at.school.path };
  },
  'POST /api/plans/:id/new-version': async ({ api, at }) => {
    const plan = await createPlan(api.db, at.school, { status: 'approved' });
    return { method: 'POST', url: `/api/plans/${plan.id}/new-version`, body: { version: plan.version }, decidedAt: at.school.path };
  },
  'GET /api/plans/:id/export.csv': async ({ api, at }) => ({ method: 'GET', url: `/api/plans/${(await createPlan(api.db, at.school)).id}/export.csv`, decidedAt: at.school.path }),
  'POST /api/plans/:id/tasks': async ({ api, at }) => {
    const plan = await createPlan(api.db, at.school);
    return { method: 'POST', url: `/api/plans/${plan.id}/tasks`, body: { title: unique('Matrix task') }, decidedAt: at.school.path };
  },
  'PATCH /api/plan-tasks/:id': async ({ api, at }) => {
    const plan = await createPlan(api.db, at.school);
    return { method: 'PATCH', url: `/api/plan-tasks/${plan.taskIds[0]}`, body: { version: 1, status: 'under_way' }, decidedAt: at.school.path };
  },
  'DELETE /api/plan-tasks/:id': async ({ api, at }) => {
    const plan = await createPlan(api.db, at.school, { tasks: 2 });
    return { method: 'DELETE', url: `/api/plan-tasks/${plan.taskIds[1]}?version=1`, decidedAt: at.school.path };
  },
  'GET /api/me/plan-tasks': async () => ({ method: 'GET', url: '/api/me/plan-tasks' }),
  'GET /api/me/plan-tasks.ics': async () => ({ method: 'GET', url: '/api/me/plan-tasks.ics' }),
  'POST /api/me/calendar-feed': async () => ({ method: 'POST', url: '/api/me/calendar-feed' }),
  'GET /api/calendar/:token': async ({ api, at }) => ({ method: 'GET', url: `/api/calendar/${await createCalendarToken(api.db, at.person.id)}.ics` }),
  'GET /api/units/:id/plan-tasks': async ({ at }) => ({ method: 'GET', url: `/api/units/${at.school.id}/plan-tasks?filter=incomplete&subtree=true`, decidedAt: at.school.path }),
  'GET /api/units/:id/design-document': async ({ at }) => ({ method: 'GET', url: `/api/units/${at.school.id}/design-document`, decidedAt: at.school.path }),
  'POST /api/design-documents': async ({ api, at }) => {
    const school = await createUnit(api.db, 'school', at.feederPattern);
    return { method: 'POST', url: '/api/design-documents', body: { unitId: school.id, ...DESIGN_CONTENT }, decidedAt: school.path };
  },
  'PUT /api/design-documents/:id': async ({ api, at }) => {
    const school = await createUnit(api.db, 'school', at.feederPattern);
    const d = await createDesignDocument(api.db, school);
    return { method: 'PUT', url: `/api/design-documents/${d.id}`, body: { version: d.version, ...DESIGN_CONTENT, vision: 'A changed vision.' }, decidedAt: school.path };
  },
  'GET /api/design-documents/:id/versions': async ({ api, at }) => {
    const school = await createUnit(api.db, 'school', at.feederPattern);
    return { method: 'GET', url: `/api/design-documents/${(await createDesignDocument(api.db, school)).id}/versions`, decidedAt: school.path };
  },
  'GET /api/design-documents/:id/compare': async ({ api, at }) => {
    const school = await createUnit(api.db, 'school', at.feederPattern);
    return { method: 'GET', url: `/api/design-documents/${(await createDesignDocument(api.db, school)).id}/compare?a=1&b=1`, decidedAt: school.path };
  },
  'GET /api/units/:id/plan-recommendations': async ({ api, at }) => {
    const r = await createPlanRecommendation(api.db, at.school);
    return { method: 'GET', url: `/api/units/${at.school.id}/plan-recommendations`, decidedAt: at.school.path, check: (body) => expect(ids(body)).toContain(r.id) };
  },
  'POST /api/plan-recommendations': async ({ at }) => ({
    method: 'POST',
    url: '/api/plan-recommendations',
    body: { unitId: at.school.id, subject: 'policy', title: unique('Matrix recommendation'), rationale: 'Because.', submittedTo: { authority: 'Principal' } },
    decidedAt: at.school.path,
  }),
  'POST /api/plan-recommendations/:id/decision': async ({ api, at }) => {
    const r = await createPlanRecommendation(api.db, at.school);
    return { method: 'POST', url: `/api/plan-recommendations/${r.id}/decision`, body: { version: r.version, decision: 'deferred', decidedOn: '2026-11-20' }, decidedAt: at.school.path };
  },
  'PUT /api/plan-recommendations/:id/tasks': async ({ api, at }) => {
    const r = await createPlanRecommendation(api.db, at.school);
    return { method: 'PUT', url: `/api/plan-recommendations/${r.id}/tasks`, body: { version: r.version, taskIds: [] }, decidedAt: at.school.path };
  },
};
