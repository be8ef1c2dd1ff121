// Bad input on every write route of plans (listed in ./bad-input/plans.ts): the generic cases of
// ./support/bad-input.ts, plus the rules of plans — an empty plan submitted, a revision without a
// comment, a template that does not suit the unit, a due date before the start, a dependency on a
// task of another plan, a blocked task without a reason, a non-web link, a decision before the
// submission, a stale version. Each is a 4xx naming the field, and nothing is written.
import { describe, expect, it } from 'vitest';
import type { Unit } from '@trellis/core';
import { signIn, type Agent } from './support/agent.js';
import { useApi } from './support/api.js';
import { expectRefused, jsonCases, MISSING_ID, type BadCase } from './support/bad-input.js';
import { testDatabases } from './support/databases.js';
import { createStateTree, createSystemAdmin, createUnit, PASSWORD } from './support/factories.js';
import { createDesignDocument, createPlan, createPlanRecommendation, DESIGN_CONTENT } from './support/plan-factories.js';
import { planBadInput } from './bad-input/plans.js';

interface F {
  system: Agent;
  school: Unit;
  otherSchool: Unit;
  draft: { id: string; version: number; taskIds: string[] };
  empty: { id: string; version: number };
  submitted: { id: string; version: number };
  approved: { id: string; version: number; taskIds: string[] };
  other: { id: string; taskIds: string[] };
  design: { id: string; version: number };
  rec: { id: string; version: number };
}

interface Route {
  url: (f: F) => string;
  body: ((f: F) => Record<string, unknown>) | null;
  required?: string[];
  invalid?: [string, unknown, string | RegExp][];
  rules?: (f: F) => BadCase[];
  /** DELETE routes take the version in the query string. */
  query?: boolean;
}

const ROUTES: Record<string, Route> = {
  'POST /api/plans': {
    url: () => '/api/plans',
    body: (f) => ({ unitId: f.school.id, kind: 'start_up_phase_in', title: 'Valid plan' }),
    required: ['unitId', 'kind', 'title'],
    invalid: [
      ['kind', 'action', 'must be one of strategic_system_change, start_up_phase_in, sustainability'],
      ['title', '  ', 'must not be empty'],
    ],
    rules: (f) => [
      { name: 'a template Trellis does not ship', body: { unitId: f.school.id, kind: 'start_up_phase_in', title: 'x', template: { key: 'appendix-z' } }, status: 400, field: 'template.key', rule: 'must be one of' },
      { name: 'a template written for the state, at a school', body: { unitId: f.school.id, kind: 'start_up_phase_in', title: 'Wrong template', template: { key: 'appendix-c-state' } }, status: 400, field: 'template.key' },
      { name: 'a parent plan of a unit not above', body: { unitId: f.school.id, kind: 'start_up_phase_in', title: 'Sideways', parentPlanId: f.other.id }, status: 400, field: 'parentPlanId' },
      { name: 'a unit that does not exist', body: { unitId: MISSING_ID, kind: 'start_up_phase_in', title: 'Ghost' }, status: 404 },
    ],
  },
  'PATCH /api/plans/:id': {
    url: (f) => `/api/plans/${f.draft.id}`,
    body: (f) => ({ version: f.draft.version, title: 'Renamed' }),
    required: ['version'],
    invalid: [['title', 7, 'must be text']],
    rules: (f) => [
      { name: 'a stale version', body: { version: f.draft.version + 5, title: 'Stale' }, status: 409 },
      { name: 'an approved plan', url: `/api/plans/${f.approved.id}`, body: { version: f.approved.version, title: 'Frozen' }, status: 409 },
    ],
  },
  'DELETE /api/plans/:id': {
    url: (f) => `/api/plans/${f.draft.id}?version=${f.draft.version}`,
    body: null,
    query: true,
    rules: (f) => [
      { name: 'no version', url: `/api/plans/${f.draft.id}`, status: 400, field: 'version' },
      { name: 'a stale version', url: `/api/plans/${f.draft.id}?version=99`, status: 409 },
      { name: 'an approved plan', url: `/api/plans/${f.approved.id}?version=${f.approved.version}`, status: 409, field: 'status' },
    ],
  },
  'POST /api/plans/:id/submit': {
    url: (f) => `/api/plans/${f.draft.id}/submit`,
    body: (f) => ({ version: f.draft.version }),
    required: ['version'],
    invalid: [['comment', 5, 'must be text']],
    rules: (f) => [
      { name: 'a plan with no tasks', url: `/api/plans/${f.empty.id}/submit`, body: { version: f.empty.version }, status: 409, rule: /no tasks/ },
      { name: 'a plan already submitted', url: `/api/plans/${f.submitted.id}/submit`, body: { version: f.submitted.version }, status: 409, field: 'to' },
      { name: 'a stale version', body: { version: 42 }, status: 409 },
    ],
  },
  'POST /api/plans/:id/withdraw': {
    url: (f) => `/api/plans/${f.submitted.id}/withdraw`,
    body: (f) => ({ version: f.submitted.version }),
    required: ['version'],
    rules: (f) => [{ name: 'an approved plan', url: `/api/plans/${f.approved.id}/withdraw`, body: { version: f.approved.version }, status: 409, rule: /approved and frozen/ }],
  },
  'POST /api/plans/:id/request-revision': {
    url: (f) => `/api/plans/${f.submitted.id}/request-revision`,
    body: (f) => ({ version: f.submitted.version, comment: 'Say who leads.' }),
    required: ['version'],
    rules: (f) => [
      { name: 'no comment', body: { version: f.submitted.version }, status: 400, field: 'comment' },
      { name: 'a blank comment', body: { version: f.submitted.version, comment: '   ' }, status: 400, field: 'comment' },
      { name: 'a draft', url: `/api/plans/${f.draft.id}/request-revision`, body: { version: f.draft.version, comment: 'x' }, status: 409, rule: /Submit it for approval first/ },
    ],
  },
  'POST /api/plans/:id/approve': {
    url: (f) => `/api/plans/${f.submitted.id}/approve`,
    body: (f) => ({ version: f.submitted.version }),
    required: ['version'],
    rules: (f) => [
      { name: 'a draft', url: `/api/plans/${f.draft.id}/approve`, body: { version: f.draft.version }, status: 409 },
      { name: 'a stale version', body: { version: 77 }, status: 409 },
    ],
  },
  'POST /api/plans/:id/new-version': {
    url: (f) => `/api/plans/${f.approved.id}/new-version`,
    body: (f) => ({ version: f.approved.version }),
    required: ['version'],
    rules: (f) => [{ name: 'a draft', url: `/api/plans/${f.draft.id}/new-version`, body: { version: f.draft.version }, status: 409 }],
  },
  'POST /api/plans/:id/tasks': {
    url: (f) => `/api/plans/${f.draft.id}/tasks`,
    body: () => ({ title: 'Valid task' }),
    required: ['title'],
    invalid: [
      ['dueOn', '15/01/2027', 'must be a date like 2026-09-01'],
      ['status', 'finished', 'must be one of not_started, under_way, done, blocked'],
      ['phase', 'phase-5', 'must be one of'],
      ['personIds', 'Ms. Rivera', 'must be a list of person ids'],
      ['position', -1, 'must be 0 or more'],
    ],
    rules: (f) => [
      { name: 'a javascript: link', body: { title: 'Link', links: [{ url: 'javascript:alert(1)' }] }, status: 400, field: 'links.0.url', rule: 'http' },
      { name: 'a due date before the start', body: { title: 'Backwards', startOn: '2027-02-01', dueOn: '2027-01-01' }, status: 400, field: 'dueOn' },
      { name: 'blocked without a reason', body: { title: 'Blocked', status: 'blocked' }, status: 400, field: 'blockedReason' },
      { name: 'a dependency on another plan’s task', body: { title: 'Cross', dependsOn: [f.other.taskIds[0]] }, status: 400, field: 'dependsOn.0' },
      { name: 'a person who does not exist', body: { title: 'Ghost owner', personIds: [MISSING_ID] }, status: 400, field: 'personIds.0' },
      { name: 'a parent of another plan', body: { title: 'Adopted', parentId: f.other.taskIds[0] }, status: 400, field: 'parentId' },
      { name: 'an approved plan', url: `/api/plans/${f.approved.id}/tasks`, body: { title: 'Late addition' }, status: 409 },
    ],
  },
  'PATCH /api/plan-tasks/:id': {
    url: (f) => `/api/plan-tasks/${f.draft.taskIds[0]}`,
    body: () => ({ version: 1, how: 'In the March meeting.' }),
    required: ['version'],
    invalid: [['evidence', ['list'], 'must be text']],
    rules: (f) => [
      { name: 'a reason for a task that is not blocked', body: { version: 1, blockedReason: 'Waiting' }, status: 400, field: 'blockedReason' },
      { name: 'depending on itself', body: { version: 1, dependsOn: [f.draft.taskIds[0]] }, status: 400, field: 'dependsOn.0' },
      { name: 'a due date in an approved plan', url: `/api/plan-tasks/${f.approved.taskIds[0]}`, body: { version: 1, dueOn: '2027-01-01' }, status: 409, field: 'dueOn' },
      { name: 'a stale version', body: { version: 9, how: 'Stale' }, status: 409 },
    ],
  },
  'DELETE /api/plan-tasks/:id': {
    url: (f) => `/api/plan-tasks/${f.draft.taskIds[1]}?version=1`,
    body: null,
    query: true,
    rules: (f) => [
      { name: 'no version', url: `/api/plan-tasks/${f.draft.taskIds[1]}`, status: 400, field: 'version' },
      { name: 'a task of an approved plan', url: `/api/plan-tasks/${f.approved.taskIds[0]}?version=1`, status: 409 },
      { name: 'a task that does not exist', url: `/api/plan-tasks/${MISSING_ID}?version=1`, status: 404 },
    ],
  },
  'POST /api/me/calendar-feed': { url: () => '/api/me/calendar-feed', body: null },
  'POST /api/design-documents': {
    url: () => '/api/design-documents',
    body: (f) => ({ unitId: f.otherSchool.id, ...DESIGN_CONTENT }),
    required: ['unitId', 'vision', 'aims', 'rationale', 'framework', 'essentialFeatures'],
    invalid: [
      ['vision', '', 'must not be empty'],
      ['aims', ['Same', 'same'], 'must not list the same aim twice'],
    ],
    rules: (f) => [
      { name: 'a feature key with spaces', body: { unitId: f.otherSchool.id, ...DESIGN_CONTENT, essentialFeatures: [{ key: 'Bad Key', text: 'x' }] }, status: 400, field: 'essentialFeatures.0.key', rule: 'lowercase words' },
      { name: 'a unit that has one', body: { unitId: f.school.id, ...DESIGN_CONTENT }, status: 409, field: 'unitId' },
      { name: 'a prototype of a unit not above', body: { unitId: f.otherSchool.id, adoptedFromId: f.design.id, ...DESIGN_CONTENT }, status: 400, field: 'adoptedFromId' },
    ],
  },
  'PUT /api/design-documents/:id': {
    url: (f) => `/api/design-documents/${f.design.id}`,
    body: (f) => ({ version: f.design.version, ...DESIGN_CONTENT }),
    required: ['version', 'vision'],
    rules: (f) => [
      { name: 'a framework without its version', body: { version: f.design.version, ...DESIGN_CONTENT, framework: { id: 'x' } }, status: 400, field: 'framework.version', rule: 'is required' },{ name: 'a stale version', body: { version: f.design.version + 3, ...DESIGN_CONTENT }, status: 409 }],
  },
  'POST /api/plan-recommendations': {
    url: () => '/api/plan-recommendations',
    body: (f) => ({ unitId: f.school.id, subject: 'policy', title: 'Valid', rationale: 'Because.', submittedTo: { authority: 'Principal' } }),
    required: ['unitId', 'subject', 'title', 'rationale', 'submittedTo'],
    invalid: [['subject', 'money', 'must be one of policy, operational_infrastructure, programs_initiatives, resource_redeployment']],
    rules: (f) => [
      { name: 'a plan of another unit', body: { unitId: f.school.id, planId: f.other.id, subject: 'policy', title: 'x', rationale: 'y', submittedTo: { authority: 'Principal' } }, status: 400, field: 'planId' },
      { name: 'no authority', body: { unitId: f.school.id, subject: 'policy', title: 'x', rationale: 'y', submittedTo: { authority: '' } }, status: 400, field: 'submittedTo.authority' },
    ],
  },
  'POST /api/plan-recommendations/:id/decision': {
    url: (f) => `/api/plan-recommendations/${f.rec.id}/decision`,
    body: (f) => ({ version: f.rec.version, decision: 'deferred', decidedOn: '2026-11-20' }),
    required: ['version', 'decision', 'decidedOn'],
    invalid: [['decision', 'maybe', 'must be one of accepted, declined, deferred']],
    rules: (f) => [
      { name: 'a date before the submission', body: { version: f.rec.version, decision: 'deferred', decidedOn: '2026-10-01' }, status: 400, field: 'decidedOn' },
      { name: 'tasks for a declined one', body: { version: f.rec.version, decision: 'declined', decidedOn: '2026-11-20', taskIds: [f.draft.taskIds[0]] }, status: 400, field: 'taskIds' },
    ],
  },
  'PUT /api/plan-recommendations/:id/tasks': {
    url: (f) => `/api/plan-recommendations/${f.rec.id}/tasks`,
    body: (f) => ({ version: f.rec.version, taskIds: [] }),
    required: ['version', 'taskIds'],
    rules: (f) => [{ name: 'tasks for an undecided one', body: { version: f.rec.version, taskIds: [f.draft.taskIds[0]] }, status: 409, field: 'taskIds' }],
  },
};

describe.each(testDatabases())('bad input on plans on $name', (target) => {
  const f = {} as F;
  const api = useApi(target, async ({ db, app }) => {
    const tree = await createStateTree(db);
    f.system = await signIn(app, (await createSystemAdmin(db)).email, PASSWORD);
    f.school = await createUnit(db, 'school', tree.north.feederPatterns[0]!.unit);
    f.otherSchool = await createUnit(db, 'school', tree.north.feederPatterns[0]!.unit);
    f.draft = await createPlan(db, f.school, { tasks: 2 });
    f.empty = await createPlan(db, f.school, { tasks: 0 });
    f.submitted = await createPlan(db, f.school, { status: 'submitted' });
    f.approved = await createPlan(db, f.school, { status: 'approved' });
    f.other = await createPlan(db, f.otherSchool);
    f.design = await createDesignDocument(db, f.school);
    f.rec = await createPlanRecommendation(db, f.school);
  });

  it('lists exactly these routes as covered here', () => {
    const writes = api.app.routeTable.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.url}`);
    expect(Object.keys(ROUTES).filter((k) => !writes.includes(k))).toEqual([]);
    expect([...planBadInput].sort()).toEqual(Object.keys(ROUTES).sort());
  });

  it.each(Object.entries(ROUTES))('%s refuses bad input with a 4xx naming the field and rule, and writes nothing', async (key, route) => {
    const method = key.split(' ')[0] as 'POST' | 'PATCH' | 'PUT' | 'DELETE';
    const generic = route.query
      ? [{ name: 'an id that is not a UUID', url: route.url(f).replace(/[0-9a-f-]{36}/, 'not-a-uuid'), status: 400, field: 'id' }]
      : jsonCases({ url: route.url(f), valid: route.body?.(f) ?? null, hasId: key.includes(':id'), required: route.required, invalid: route.invalid });
    const cases = [...generic, ...(route.rules?.(f) ?? [])];
    expect(cases.length).toBeGreaterThan(route.query ? 2 : 3);
    await expectRefused(api.db, f.system, method, route.url(f), cases, key);
  });

  it('accepts the valid request each route’s cases were made from', async () => {
    for (const [key, route] of Object.entries(ROUTES)) {
      // Run in an order where each valid request still applies: re-read versions first.
      const read = async (id: string) => (await f.system.get(`/api/plans/${id}`)).json() as { version: number; status: string };
      f.draft.version = (await read(f.draft.id)).version;
      f.submitted.version = (await read(f.submitted.id)).version;
      f.approved.version = (await read(f.approved.id)).version;
      f.rec.version = ((await f.system.get(`/api/units/${f.school.id}/plan-recommendations`)).json() as { id: string; version: number }[]).find((r) => r.id === f.rec.id)!.version;
      const method = key.split(' ')[0] as 'POST' | 'PATCH' | 'PUT' | 'DELETE';
      if (key === 'POST /api/plans/:id/withdraw' || key === 'POST /api/plans/:id/request-revision' || key === 'POST /api/plans/:id/approve') {
        // Each of these moves the submitted plan on: give each a fresh submitted plan.
        f.submitted = await createPlan(api.db, f.school, { status: 'submitted' });
      }
      const res = await f.system.request({ method, url: route.url(f), body: route.body?.(f) });
      expect(res.statusCode, `${key}: ${res.body}`).toBeLessThan(300);
      if (key === 'DELETE /api/plans/:id' || key === 'POST /api/plans/:id/submit') f.draft = await createPlan(api.db, f.school, { tasks: 2 });
    }
  });
});
