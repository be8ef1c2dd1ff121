// The access-control matrix, generated from the app's route table: every /api route, as every
// role (viewer … admin, granted at one district), as a system administrator and with no session,
// against a unit inside and a unit outside the caller's district. The expected answer comes from
// the route's declared access and core's `decide`, never from this file:
//   public → never 401 · no session → 401 · allowed → 2xx · outside the caller's reach → 404 ·
//   inside with too low a role → 403.
// A route added without an entry in ROUTES below fails the first test.
import { afterAll, describe, expect, it } from 'vitest';
import { ACTIONS, decide, defaultRolloutSettings, ROLES, type Action, type Caller, type Decision, type Role, type Unit } from '@trellis/core';
import { grantScopesOf } from '@trellis/db';
import { buildApp, type RouteEntry } from '../src/app.js';
import { anonymous, signIn, type Agent, type RequestOptions } from './support/agent.js';
import { testConfig, useApi, type Api } from './support/api.js';
import { pgliteTarget, testDatabases } from './support/databases.js';
import { createMechanism, createMeeting, createResource, createMembership, createPerson, createRolloutScenario, createTask, createPersonWithRole, createStateTree, createSystemAdmin, createUnit, firstFunctionId, PASSWORD, uniqueEmail, type StateTree, type TestPerson } from './support/factories.js';
import { fingerprint } from './support/problems.js';
import { CALLERS, ids, PLACES, unique, type CallerName, type MatrixEntries, type Place, type PlaceFixtures } from './support/matrix.js';
import { backupMatrix, decidedAtTheTop } from './matrix/backup.js';
import { coachingMatrix } from './matrix/coaching.js';
import { importMatrix } from './matrix/imports.js';
import { planMatrix } from './matrix/plans.js';
import { progressMatrix } from './matrix/progress.js';

/** How to build a valid request against a place, for every route. Keyed "METHOD url" as the route table has it. */
const ROUTES: MatrixEntries = {
  ...planMatrix,
  ...importMatrix,
  ...backupMatrix,
  ...coachingMatrix,
  ...progressMatrix,
  'GET /api/health': async () => ({ method: 'GET', url: '/api/health' }),
  'GET /api/openapi.json': async () => ({ method: 'GET', url: '/api/openapi.json' }),
  'POST /api/auth/login': async ({ signInTarget }) => ({ method: 'POST', url: '/api/auth/login', body: { email: signInTarget.email, password: PASSWORD } }),
  'POST /api/auth/logout': async ({ api, caller }) => ({
    method: 'POST',
    url: '/api/auth/logout',
    // Sign out a second session of the same person, so the caller's own session lives on.
    agent: caller.person ? await signIn(api.app, caller.person.email, PASSWORD) : undefined,
  }),
  'GET /api/auth/session': async ({ caller }) => ({
    method: 'GET',
    url: '/api/auth/session',
    check: (body) => expect((body as { person: { id: string } }).person.id).toBe(caller.person!.id),
  }),
  // Changing one's password to the same password: allowed, and the next case still signs in.
  'POST /api/auth/password': async () => ({ method: 'POST', url: '/api/auth/password', body: { currentPassword: PASSWORD, newPassword: PASSWORD } }),

  'GET /api/units': async ({ at }) => ({
    method: 'GET',
    url: `/api/units?q=${encodeURIComponent(at.school.name)}`,
    decidedAt: at.school.path,
    check: (body, visible) => expect(ids(body)).toEqual(visible ? [at.school.id] : []),
  }),
  'GET /api/units/roots': async ({ at }) => ({
    method: 'GET',
    url: '/api/units/roots',
    // The district, or a unit above it, is among the roots exactly when the caller may see the district.
    check: (body, visible) => expect(ids(body).some((id) => at.district.path.includes(`/${id}/`))).toBe(visible),
  }),
  'GET /api/units/:id': async ({ at }) => ({ method: 'GET', url: `/api/units/${at.school.id}`, decidedAt: at.school.path }),
  'GET /api/units/:id/children': async ({ at }) => ({ method: 'GET', url: `/api/units/${at.feederPattern.id}/children`, decidedAt: at.feederPattern.path }),
  'GET /api/units/:id/subtree': async ({ at }) => ({ method: 'GET', url: `/api/units/${at.district.id}/subtree?depth=1` }),
  'POST /api/units': async ({ at }) => ({ method: 'POST', url: '/api/units', body: { kind: 'school', name: unique('Matrix School'), parentId: at.feederPattern.id }, decidedAt: at.feederPattern.path }),
  'PATCH /api/units/:id': async ({ api, at }) => {
    const unit = await createUnit(api.db, 'school', at.feederPattern);
    return { method: 'PATCH', url: `/api/units/${unit.id}`, body: { version: unit.version, name: unique('Renamed School') }, decidedAt: unit.path };
  },
  'POST /api/units/:id/move': async ({ api, at }) => {
    const unit = await createUnit(api.db, 'school', at.feederPattern);
    return { method: 'POST', url: `/api/units/${unit.id}/move`, body: { version: unit.version, parentId: at.otherFeederPattern.id }, decidedAt: unit.path };
  },
  'POST /api/units/:id/archive': async ({ api, at }) => {
    const unit = await createUnit(api.db, 'school', at.feederPattern);
    return { method: 'POST', url: `/api/units/${unit.id}/archive`, body: { version: unit.version, archived: true }, decidedAt: unit.path };
  },

  'GET /api/people': async ({ at }) => ({
    method: 'GET',
    url: `/api/people?q=${encodeURIComponent(at.person.name)}`,
    decidedAt: at.school.path,
    check: (body, visible) => expect((body as { people: { id: string }[] }).people.map((p) => p.id)).toEqual(visible ? [at.person.id] : []),
  }),
  'GET /api/people/:id': async ({ at }) => ({ method: 'GET', url: `/api/people/${at.person.id}`, decidedAt: at.school.path }),
  'POST /api/people': async ({ at }) => ({ method: 'POST', url: '/api/people', body: { name: 'Matrix Person', email: uniqueEmail('matrix'), homeUnitId: at.school.id }, decidedAt: at.school.path }),
  'PATCH /api/people/:id': async ({ api, at }) => {
    const person = await createPerson(api.db, { home: at.school });
    return { method: 'PATCH', url: `/api/people/${person.id}`, body: { version: person.version, title: unique('Title') }, decidedAt: at.school.path };
  },
  'POST /api/people/:id/password': async ({ api, at }) => {
    const person = await createPerson(api.db, { home: at.school });
    return { method: 'POST', url: `/api/people/${person.id}/password`, body: { password: 'set by the matrix test' }, decidedAt: at.school.path };
  },

  'GET /api/units/:id/grants': async ({ at }) => ({ method: 'GET', url: `/api/units/${at.school.id}/grants`, decidedAt: at.school.path }),
  'GET /api/people/:id/grants': async ({ at }) => ({ method: 'GET', url: `/api/people/${at.person.id}/grants`, decidedAt: at.school.path }),
  'POST /api/grants': async ({ api, at }) => {
    const person = await createPerson(api.db, { home: at.school });
    return { method: 'POST', url: '/api/grants', body: { personId: person.id, unitId: at.school.id, role: 'viewer' }, decidedAt: at.school.path };
  },
  'DELETE /api/grants/:id': async ({ api, at }) => {
    const person = await createPerson(api.db, { home: at.school, grants: [[at.school, 'viewer']] });
    const [grant] = await api.db.query<{ id: string }>('select id from grants where person_id = $1', [person.id]);
    return { method: 'DELETE', url: `/api/grants/${grant!.id}`, decidedAt: at.school.path };
  },

  'GET /api/audit': async ({ at }) => ({ method: 'GET', url: `/api/audit?unitId=${at.district.id}` }),

  'GET /api/catalogs/mechanisms': async () => ({ method: 'GET', url: '/api/catalogs/mechanisms' }),
  'GET /api/units/:id/mechanisms': async ({ at }) => ({ method: 'GET', url: `/api/units/${at.school.id}/mechanisms`, decidedAt: at.school.path }),
  'GET /api/people/:id/mechanisms': async ({ api, at }) => {
    const m = await createMechanism(api.db, at.school);
    await createMembership(api.db, m.id, at.person.id);
    return {
      method: 'GET',
      url: `/api/people/${at.person.id}/mechanisms`,
      decidedAt: at.school.path,
      check: (body) => expect((body as { mechanismId: string }[]).map((s) => s.mechanismId)).toContain(m.id),
    };
  },
  'POST /api/mechanisms': async ({ at }) => ({ method: 'POST', url: '/api/mechanisms', body: { unitId: at.school.id, kind: 'work_group', name: unique('Matrix Work Group') }, decidedAt: at.school.path }),
  'GET /api/mechanisms/:id': async ({ api, at }) => {
    const m = await createMechanism(api.db, at.school);
    return { method: 'GET', url: `/api/mechanisms/${m.id}`, decidedAt: at.school.path };
  },
  'PATCH /api/mechanisms/:id': async ({ api, at }) => {
    const m = await createMechanism(api.db, at.school);
    return { method: 'PATCH', url: `/api/mechanisms/${m.id}`, body: { version: m.version, name: unique('Renamed Mechanism') }, decidedAt: at.school.path };
  },
  'POST /api/mechanisms/:id/status': async ({ api, at }) => {
    const m = await createMechanism(api.db, at.school);
    return { method: 'POST', url: `/api/mechanisms/${m.id}/status`, body: { version: m.version, status: 'active' }, decidedAt: at.school.path };
  },
  'POST /api/mechanisms/:id/functions': async ({ api, at }) => {
    const m = await createMechanism(api.db, at.school);
    return { method: 'POST', url: `/api/mechanisms/${m.id}/functions`, body: { text: unique('A function of our own') }, decidedAt: at.school.path };
  },
  'PATCH /api/mechanisms/:id/functions/:functionId': async ({ api, at }) => {
    const m = await createMechanism(api.db, at.school);
    return { method: 'PATCH', url: `/api/mechanisms/${m.id}/functions/${await firstFunctionId(api.db, m.id)}`, body: { version: 1, droppedReason: 'Another team does this.' }, decidedAt: at.school.path };
  },
  'POST /api/mechanisms/:id/members': async ({ api, at }) => {
    const m = await createMechanism(api.db, at.school);
    return { method: 'POST', url: `/api/mechanisms/${m.id}/members`, body: { personId: at.person.id, role: 'member', designated: true, trained: false }, decidedAt: at.school.path };
  },
  'PATCH /api/mechanisms/:id/members/:memberId': async ({ api, at }) => {
    const m = await createMechanism(api.db, at.school);
    const member = await createMembership(api.db, m.id, at.person.id);
    return { method: 'PATCH', url: `/api/mechanisms/${m.id}/members/${member.id}`, body: { version: member.version, trained: true }, decidedAt: at.school.path };
  },
  'DELETE /api/mechanisms/:id/members/:memberId': async ({ api, at }) => {
    const m = await createMechanism(api.db, at.school);
    const member = await createMembership(api.db, m.id, at.person.id);
    return { method: 'DELETE', url: `/api/mechanisms/${m.id}/members/${member.id}`, decidedAt: at.school.path };
  },
  'PUT /api/mechanisms/:id/functions/:functionId/capacity': async ({ api, at }) => {
    const m = await createMechanism(api.db, at.school, 'change_team');
    return { method: 'PUT', url: `/api/mechanisms/${m.id}/functions/${await firstFunctionId(api.db, m.id)}/capacity`, body: { version: 1, capacity: 'developing', evidence: 'Discussed at the last meeting.' }, decidedAt: at.school.path };
  },
  // Linking needs manage at the lower mechanism and read at the upper one; both sit in the same district.
  'PUT /api/mechanisms/:id/upper': async ({ api, at }) => {
    const upper = await createMechanism(api.db, at.district, 'steering_body');
    const lower = await createMechanism(api.db, at.school, 'steering_body');
    return {
      method: 'PUT',
      url: `/api/mechanisms/${lower.id}/upper`,
      body: { version: lower.version, upperMechanismId: upper.id },
      decidedAt: at.school.path,
      check: (body) => expect((body as { chain: { up: { id: string }[] } }).chain.up.map((x) => x.id)).toEqual([upper.id]),
    };
  },
  'GET /api/mechanisms/:id/link-candidates': async ({ api, at }) => {
    const m = await createMechanism(api.db, at.school, 'steering_body');
    return { method: 'GET', url: `/api/mechanisms/${m.id}/link-candidates`, decidedAt: at.school.path };
  },
  'GET /api/units/:id/infrastructure': async ({ api, at }) => {
    const m = await createMechanism(api.db, at.school, 'change_team');
    return {
      method: 'GET',
      url: `/api/units/${at.school.id}/infrastructure`,
      decidedAt: at.school.path,
      check: (body) => expect((body as { nodes: { id: string }[] }).nodes.map((n) => n.id)).toContain(m.id),
    };
  },
  'GET /api/mechanisms/:id/meetings': async ({ api, at }) => {
    const m = await createMechanism(api.db, at.school, 'steering_body');
    const meeting = await createMeeting(api.db, m.id);
    return { method: 'GET', url: `/api/mechanisms/${m.id}/meetings`, decidedAt: at.school.path, check: (body) => expect(ids(body)).toEqual([meeting.id]) };
  },
  'POST /api/mechanisms/:id/meetings': async ({ api, at }) => {
    const m = await createMechanism(api.db, at.school, 'steering_body');
    return { method: 'POST', url: `/api/mechanisms/${m.id}/meetings`, body: { heldOn: '2026-11-16', kind: 'formal', attendeeIds: [at.person.id], agenda: 'Roll-out' }, decidedAt: at.school.path };
  },
  'PATCH /api/mechanisms/:id/meetings/:meetingId': async ({ api, at }) => {
    const m = await createMechanism(api.db, at.school, 'steering_body');
    const meeting = await createMeeting(api.db, m.id);
    return { method: 'PATCH', url: `/api/mechanisms/${m.id}/meetings/${meeting.id}`, body: { version: meeting.version, minutes: unique('Minutes') }, decidedAt: at.school.path };
  },
  'DELETE /api/mechanisms/:id/meetings/:meetingId': async ({ api, at }) => {
    const m = await createMechanism(api.db, at.school, 'steering_body');
    const meeting = await createMeeting(api.db, m.id);
    return { method: 'DELETE', url: `/api/mechanisms/${m.id}/meetings/${meeting.id}`, decidedAt: at.school.path };
  },
  'POST /api/mechanisms/:id/meetings/:meetingId/action-items': async ({ api, at }) => {
    const m = await createMechanism(api.db, at.school, 'steering_body');
    const meeting = await createMeeting(api.db, m.id);
    return { method: 'POST', url: `/api/mechanisms/${m.id}/meetings/${meeting.id}/action-items`, body: { title: unique('Draft the charter'), ownerPersonId: at.person.id, dueOn: '2026-12-01' }, decidedAt: at.school.path };
  },
  'GET /api/mechanisms/:id/tasks': async ({ api, at }) => {
    const m = await createMechanism(api.db, at.school, 'steering_body');
    const task = await createTask(api.db, at.school, { mechanismId: m.id });
    return { method: 'GET', url: `/api/mechanisms/${m.id}/tasks`, decidedAt: at.school.path, check: (body) => expect(ids(body)).toEqual([task.id]) };
  },
  'GET /api/rollout/defaults': async () => ({ method: 'GET', url: '/api/rollout/defaults' }),
  'GET /api/units/:id/rollout-scenarios': async ({ api, at }) => {
    const s = await createRolloutScenario(api.db, at.district);
    return { method: 'GET', url: `/api/units/${at.district.id}/rollout-scenarios`, check: (body) => expect(ids(body)).toContain(s.id) };
  },
  'POST /api/rollout-scenarios': async ({ api, at }) => ({
    method: 'POST',
    url: '/api/rollout-scenarios',
    body: { unitId: at.district.id, name: unique('Matrix roll-out'), settings: defaultRolloutSettings('2026-11-23') },
    // The schedule is computed in a worker thread after the answer: wait until it is stored.
    settle: async (body) => {
      for (let i = 0; i < 400; i++) {
        const [row] = await api.db.query<{ status: string }>('select status from rollout_scenarios where id = $1', [(body as { id: string }).id]);
        if (row?.status !== 'computing') return;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error('the matrix scenario did not finish computing in 10 s');
    },
  }),
  'GET /api/rollout-scenarios/:id': async ({ api, at }) => ({ method: 'GET', url: `/api/rollout-scenarios/${(await createRolloutScenario(api.db, at.district)).id}` }),
  'PATCH /api/rollout-scenarios/:id': async ({ api, at }) => {
    const s = await createRolloutScenario(api.db, at.district);
    return { method: 'PATCH', url: `/api/rollout-scenarios/${s.id}`, body: { version: s.version, name: unique('Renamed roll-out') } };
  },
  'DELETE /api/rollout-scenarios/:id': async ({ api, at }) => ({ method: 'DELETE', url: `/api/rollout-scenarios/${(await createRolloutScenario(api.db, at.district)).id}` }),
  'POST /api/rollout-scenarios/:id/adopt': async ({ api, at }) => {
    const s = await createRolloutScenario(api.db, at.district);
    return { method: 'POST', url: `/api/rollout-scenarios/${s.id}/adopt`, body: { version: s.version } };
  },
  'GET /api/rollout-scenarios/:id/schedule.csv': async ({ api, at }) => ({ method: 'GET', url: `/api/rollout-scenarios/${(await createRolloutScenario(api.db, at.district)).id}/schedule.csv` }),
  'GET /api/rollout-scenarios/:id/facilitators/:facilitatorId/visits.ics': async ({ api, at }) => ({
    method: 'GET',
    url: `/api/rollout-scenarios/${(await createRolloutScenario(api.db, at.district)).id}/facilitators/facilitator-1/visits.ics`,
  }),
  'GET /api/catalogs/intervention-framework': async () => ({ method: 'GET', url: '/api/catalogs/intervention-framework' }),
  'GET /api/units/:id/intervention-framework': async ({ at }) => ({ method: 'GET', url: `/api/units/${at.school.id}/intervention-framework`, decidedAt: at.school.path }),
  'GET /api/units/:id/resources': async ({ api, at }) => {
    const r = await createResource(api.db, at.school);
    return { method: 'GET', url: `/api/units/${at.school.id}/resources`, decidedAt: at.school.path, check: (body) => expect(ids(body)).toContain(r.id) };
  },
  'POST /api/resources': async ({ at }) => ({
    method: 'POST',
    url: '/api/resources',
    body: { unitId: at.school.id, name: unique('Matrix program'), kind: 'program', providerType: 'school', cells: ['transitions:prevention'], coordinated: false },
    decidedAt: at.school.path,
  }),
  'GET /api/resources/:id': async ({ api, at }) => ({ method: 'GET', url: `/api/resources/${(await createResource(api.db, at.school)).id}`, decidedAt: at.school.path }),
  'PATCH /api/resources/:id': async ({ api, at }) => {
    const r = await createResource(api.db, at.school);
    return { method: 'PATCH', url: `/api/resources/${r.id}`, body: { version: r.version, coordinated: true }, decidedAt: at.school.path };
  },
  'DELETE /api/resources/:id': async ({ api, at }) => ({ method: 'DELETE', url: `/api/resources/${(await createResource(api.db, at.school)).id}`, decidedAt: at.school.path }),
  'GET /api/units/:id/resources/export': async ({ at }) => ({ method: 'GET', url: `/api/units/${at.school.id}/resources/export?format=csv`, decidedAt: at.school.path }),
  'GET /api/units/:id/resource-map': async ({ at }) => ({ method: 'GET', url: `/api/units/${at.district.id}/resource-map` }),
  'POST /api/units/:id/resources/import/preview': async ({ at }) => ({
    method: 'POST',
    url: `/api/units/${at.school.id}/resources/import/preview`,
    body: 'Name,Kind,Provider type,Cells\nPreviewed program,program,school,transitions:prevention\n',
    headers: { 'content-type': 'text/csv' },
    decidedAt: at.school.path,
  }),
  'POST /api/units/:id/resources/import': async ({ at }) => ({
    method: 'POST',
    url: `/api/units/${at.school.id}/resources/import`,
    body: `Name,Kind,Provider type,Cells\n${unique('Imported program')},program,school,transitions:prevention\n`,
    headers: { 'content-type': 'text/csv' },
    decidedAt: at.school.path,
  }),
  'POST /api/resource-snapshots': async ({ at }) => ({ method: 'POST', url: '/api/resource-snapshots', body: { unitId: at.school.id, asOf: '2026-11-23' }, decidedAt: at.school.path }),
  'GET /api/units/:id/resource-snapshots': async ({ at }) => ({ method: 'GET', url: `/api/units/${at.school.id}/resource-snapshots`, decidedAt: at.school.path }),
  'GET /api/resource-snapshots/:id/compare': async ({ api, at }) => {
    const [s] = await api.db.query<{ id: string }>(
      `insert into resource_snapshots (id, unit_id, title, as_of, framework_id, framework_version, entries, resource_count) values (gen_random_uuid(), $1, 'Matrix', '2026-11-01', 'x', '1', '[]', 0) returning id`,
      [at.school.id],
    );
    return { method: 'GET', url: `/api/resource-snapshots/${s!.id}/compare`, decidedAt: at.school.path };
  },
  'GET /api/units/:id/resource-recommendations': async ({ at }) => ({ method: 'GET', url: `/api/units/${at.school.id}/resource-recommendations`, decidedAt: at.school.path }),
  'POST /api/resource-recommendations': async ({ at }) => ({ method: 'POST', url: '/api/resource-recommendations', body: { unitId: at.school.id, type: 'unify', title: unique('Unify'), rationale: 'Two programs overlap.' }, decidedAt: at.school.path }),
  'PATCH /api/resource-recommendations/:id': async ({ api, at }) => {
    const [r] = await api.db.query<{ id: string }>(`insert into resource_recommendations (id, unit_id, type, title, rationale) values (gen_random_uuid(), $1, 'unify', 'Matrix', 'Why') returning id`, [at.school.id]);
    return { method: 'PATCH', url: `/api/resource-recommendations/${r!.id}`, body: { version: 1, title: unique('Renamed') }, decidedAt: at.school.path };
  },
  'GET /api/units/:id/resource-priority-needs': async ({ at }) => ({ method: 'GET', url: `/api/units/${at.school.id}/resource-priority-needs`, decidedAt: at.school.path }),
  'POST /api/resource-priority-needs': async ({ at }) => ({
    method: 'POST',
    url: '/api/resource-priority-needs',
    body: { unitId: at.school.id, rank: 1, title: unique('Attendance'), rationale: 'Chronic absence is rising.', cells: ['student-family-assistance:early-intervention'] },
    decidedAt: at.school.path,
  }),
  'PATCH /api/resource-priority-needs/:id': async ({ api, at }) => {
    const [n] = await api.db.query<{ id: string }>(`insert into resource_priority_needs (id, unit_id, rank, title, rationale) values (gen_random_uuid(), $1, 2, 'Matrix need', 'Why') returning id`, [at.school.id]);
    return { method: 'PATCH', url: `/api/resource-priority-needs/${n!.id}`, body: { version: 1, rank: 1 }, decidedAt: at.school.path };
  },
  'DELETE /api/resource-priority-needs/:id': async ({ api, at }) => {
    const [n] = await api.db.query<{ id: string }>(`insert into resource_priority_needs (id, unit_id, rank, title, rationale) values (gen_random_uuid(), $1, 3, 'Matrix need', 'Why') returning id`, [at.school.id]);
    return { method: 'DELETE', url: `/api/resource-priority-needs/${n!.id}`, decidedAt: at.school.path };
  },
  'PATCH /api/tasks/:id': async ({ api, at }) => {
    const task = await createTask(api.db, at.school);
    return { method: 'PATCH', url: `/api/tasks/${task.id}`, body: { version: task.version, status: 'under_way' }, decidedAt: at.school.path };
  },
};

// The route table, read at collection time from an app on this file's PGlite database (the
// PGlite run of the matrix then uses the same database).
const pglite = await pgliteTarget.open();
afterAll(() => pglite.close());
const routeTable: RouteEntry[] = await (async () => {
  const app = await buildApp({ db: pglite, config: testConfig() });
  try {
    return [...app.routeTable];
  } finally {
    await app.close();
  }
})();
const targets = testDatabases().map((t) => (t.name === 'PGlite' ? { ...t, open: async () => pglite } : t));
const keyOf = (r: RouteEntry) => `${r.method} ${r.url}`;

type Expected = { status: '2xx' } | { status: 401 | 403 | 404 };
/** What the answer must be, from the route's declared access and core's decide(). */
function expectedOutcome(access: string, caller: Caller | null, decidedAt: string): Expected & { why: string } {
  if (access === 'public') return { status: '2xx', why: 'public' };
  if (caller === null) return { status: 401, why: 'no session' };
  if (access === 'signed-in') return { status: '2xx', why: 'any session' };
  if (!(access in ACTIONS)) throw new Error(`route access "${access}" is neither public, signed-in nor an action of core's ACTIONS`);
  const decision: Decision = decide(caller, access as Action, decidedAt);
  return decision === 'allow' ? { status: '2xx', why: 'allowed' } : decision === 'hidden' ? { status: 404, why: 'hidden' } : { status: 403, why: 'role too low' };
}

// Test names state the outcome from the same rule over a model of the fixtures (the caller's grant
// at the north district; "inside" is a unit in it, "outside" one in the south district). A route
// about the whole organization (a backup) is decided at the state, above both.
function titleOutcome(access: string, caller: CallerName, place: Place, key = ''): string {
  const model: Caller | null =
    caller === 'no session' ? null : { personId: 'model', isSystemAdmin: caller === 'system admin', grants: caller === 'system admin' ? [] : [{ unitPath: '/state/north/', role: caller }] };
  const at = decidedAtTheTop.includes(key) ? '/state/' : place === 'inside' ? '/state/north/unit/' : '/state/south/unit/';
  return String(expectedOutcome(access, model, at).status);
}

describe('the access-control matrix', () => {
  it('has an entry for every route in the route table, and no entry for a route that is gone', () => {
    const routes = routeTable.map(keyOf);
    expect(routes.filter((k) => !(k in ROUTES)), 'routes without an entry in ROUTES').toEqual([]);
    expect(Object.keys(ROUTES).filter((k) => !routes.includes(k)), 'entries in ROUTES for no route').toEqual([]);
  });

  it('declares for every route an access that is public, signed-in or an action of core', () => {
    for (const r of routeTable) expect(['public', 'signed-in', ...Object.keys(ACTIONS)], keyOf(r)).toContain(r.access);
  });
});

describe.each(targets)('access-control matrix on $name', (target) => {
  const places = {} as Record<Place, PlaceFixtures>;
  const callers = {} as Record<CallerName, { agent: Agent; person: TestPerson | null; model: Caller | null }>;
  let signInTarget: TestPerson;
  const api = useApi(target, async ({ db, app }) => {
    const tree = await createStateTree(db);
    const fixtures = async (d: StateTree['north']): Promise<PlaceFixtures> => ({
      district: d.unit,
      feederPattern: d.feederPatterns[0]!.unit,
      otherFeederPattern: d.feederPatterns[1]!.unit,
      school: d.feederPatterns[0]!.schools[0]!,
      person: await createPerson(db, { home: d.feederPatterns[0]!.schools[0]!, name: unique('Matrix Resident'), password: null }),
    });
    places.inside = await fixtures(tree.north);
    places.outside = await fixtures(tree.south);
    signInTarget = await createPerson(db, { home: tree.north.unit });
    callers['no session'] = { agent: anonymous(app), person: null, model: null };
    const withSession = async (name: CallerName, person: TestPerson) => {
      const model: Caller = { personId: person.id, isSystemAdmin: person.isSystemAdmin, grants: await grantScopesOf(db, person.id) };
      callers[name] = { agent: await signIn(app, person.email, PASSWORD), person, model };
    };
    for (const role of ROLES) await withSession(role, await createPersonWithRole(db, tree.north.unit, role));
    await withSession('system admin', await createSystemAdmin(db));
  });

  const cases = routeTable.flatMap((route) =>
    CALLERS.flatMap((caller) => PLACES.map((place) => [`${keyOf(route)} as ${caller}, ${place} → ${titleOutcome(route.access, caller, place, keyOf(route))}`, { route, caller, place }] as const)),
  );

  it.each(cases)('%s', async (_title, { route, caller, place }) => {
    const build = ROUTES[keyOf(route)];
    if (!build) return expect.fail(`no entry in ROUTES for ${keyOf(route)}`);
    const who = callers[caller];
    const { decidedAt = places[place].district.path, agent = who.agent, check, settle, ...request } = await build({ api, at: places[place], caller: { name: caller, ...who }, signInTarget });
    const expected = expectedOutcome(route.access, who.model, decidedAt);
    expect(String(expected.status), 'the fixtures agree with the model the test names use').toBe(titleOutcome(route.access, caller, place, keyOf(route)));
    const write = request.method !== 'GET';
    const before = write && expected.status !== '2xx' ? await fingerprint(api.db) : null;

    const res = await agent.request(request);

    const label = `${keyOf(route)} (${route.access}) as ${caller}, ${place}: expected ${expected.status} (${expected.why}), got ${res.statusCode} ${res.body.slice(0, 300)}`;
    if (expected.status === '2xx') {
      expect(res.statusCode >= 200 && res.statusCode < 300, label).toBe(true);
      const visible = who.model === null || decide(who.model, 'unit.read', decidedAt) === 'allow';
      if (check) check(res.statusCode === 204 || res.body === '' ? null : res.json(), visible);
      if (settle) await settle(res.json());
    } else {
      expect(res.statusCode, label).toBe(expected.status);
      expect(res.headers['content-type'], label).toMatch(/^application\/problem\+json/);
    }
    if (route.access === 'public') expect(res.statusCode, label).not.toBe(401);
    if (before) expect(await fingerprint(api.db), `${label}: a refused write changed the database`).toEqual(before);
  });
});
