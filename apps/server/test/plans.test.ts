// Plans through the API, as the issue tells it: a district leader starts an action plan from the
// Appendix C template, fills WHO/HOW/WHEN, submits; the state's steering body returns it for revision;
// it is revised, resubmitted, approved and frozen (progress still recorded); a new version supersedes
// it when approved. Also: dependency cycles refused by name, stale writes 409, the cascade's roll-up,
// my tasks and the overdue/incomplete lists, CSV and iCalendar, design documents adopted and adapted,
// recommendations decided by the authority.
import { describe, expect, it } from 'vitest';
import type { Unit } from '@trellis/core';
import { anonymous, signIn, type Agent } from './support/agent.js';
import { useApi } from './support/api.js';
import { testDatabases } from './support/databases.js';
import { createMechanism, createMembership, createPersonWithRole, createStateTree, createUnit, PASSWORD, type StateTree, type TestPerson } from './support/factories.js';
import { expectProblem, fingerprint } from './support/problems.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from '../src/seed/demo.js';

interface Task {
  id: string;
  title: string;
  number: string;
  depth: number;
  version: number;
  status: string;
  dueOn: string | null;
  people: { id: string }[];
  source: { section: string } | null;
  hasSubtasks: boolean;
}
interface PlanDetail {
  id: string;
  status: string;
  version: number;
  planVersion: number;
  tasks: Task[];
  progress: { overall: { done: number; total: number; share: number | null } };
  rollUp: { overall: { done: number; total: number; share: number | null } };
  permissions: Record<string, boolean | string>;
  history: { toStatus: string; comment: string | null }[];
  versions: { id: string; status: string }[];
  parentPlanId: string | null;
}

describe.each(testDatabases())('plans on $name', (target) => {
  let tree: StateTree;
  let district: Unit;
  let school: Unit;
  let leader: TestPerson;
  let districtLeader: Agent;
  let stateSteering: Agent;
  let teamMember: Agent;
  let teamMemberPerson: TestPerson;
  let schoolViewer: Agent;
  let southLeader: Agent;
  const api = useApi(target, async ({ db, app }) => {
    tree = await createStateTree(db);
    district = tree.north.unit;
    school = await createUnit(db, 'school', tree.north.feederPatterns[0]!.unit, { name: 'Lincoln Elementary' });
    leader = await createPersonWithRole(db, district, 'leader');
    districtLeader = await signIn(app, leader.email, PASSWORD);
    // A member of the district's steering body holds only the member role: membership lets them approve.
    const steering = await createMechanism(db, district, 'steering_body');
    const approver = await createPersonWithRole(db, district, 'member');
    await createMembership(db, steering.id, approver.id);
    stateSteering = await signIn(app, approver.email, PASSWORD);
    teamMemberPerson = await createPersonWithRole(db, district, 'member');
    teamMember = await signIn(app, teamMemberPerson.email, PASSWORD);
    schoolViewer = await signIn(app, (await createPersonWithRole(db, school, 'viewer')).email, PASSWORD);
    southLeader = await signIn(app, (await createPersonWithRole(db, tree.south.unit, 'leader')).email, PASSWORD);
  });

  const detail = async (agent: Agent, id: string) => {
    const res = await agent.get(`/api/plans/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as PlanDetail;
  };

  it('carries an action plan from the Appendix C template through revision to approval, frozen but still reporting progress', async () => {
    const created = await districtLeader.post('/api/plans', { unitId: district.id, kind: 'start_up_phase_in', title: 'Start-up action plan', template: { key: 'appendix-c-district' } });
    expect(created.statusCode, created.body).toBe(201);
    const planId = created.json().id as string;
    let plan = await detail(districtLeader, planId);
    expect(plan.tasks.length).toBe(40);
    expect(plan.tasks[0]).toMatchObject({ number: '1', depth: 0 });
    expect(plan.tasks.every((t) => t.source !== null)).toBe(true);
    const leaves = plan.tasks.filter((t) => !t.hasSubtasks);

    // WHO, HOW and WHEN for three tasks.
    for (const [i, t] of leaves.slice(0, 3).entries()) {
      const res = await districtLeader.patch(`/api/plan-tasks/${t.id}`, { version: t.version, personIds: [teamMemberPerson.id], how: `Step ${i + 1} as the team agreed`, startOn: '2026-12-01', dueOn: `2027-0${i + 1}-15` });
      expect(res.statusCode, res.body).toBe(200);
    }
    const incomplete = (await districtLeader.get(`/api/units/${district.id}/plan-tasks?filter=incomplete`)).json() as { id: string; gaps: string[] }[];
    expect(incomplete.length).toBe(leaves.length - 3);
    expect(incomplete[0]!.gaps).toEqual(['who', 'when']);

    // A member (not on the planning team) may not submit; the leader may.
    await expectProblem(await teamMember.post(`/api/plans/${planId}/submit`, { version: plan.version }), 403);
    const submitted = await districtLeader.post(`/api/plans/${planId}/submit`, { version: plan.version });
    expect(submitted.statusCode, submitted.body).toBe(200);
    // Under review, the plan cannot be replanned.
    const t0 = (await detail(districtLeader, planId)).tasks.find((t) => t.id === leaves[0]!.id)!;
    await expectProblem(await districtLeader.patch(`/api/plan-tasks/${t0.id}`, { version: t0.version, dueOn: '2027-02-01' }), 409, { field: 'dueOn' });

    // The steering body returns it; a comment is required.
    await expectProblem(await stateSteering.post(`/api/plans/${planId}/request-revision`, { version: submitted.json().version }), 400, { field: 'comment' });
    const returned = await stateSteering.post(`/api/plans/${planId}/request-revision`, { version: submitted.json().version, comment: 'Name who leads step 4.' });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json().status).toBe('revision_requested');

    // Revised and resubmitted, then approved by the steering-body member.
    plan = await detail(districtLeader, planId);
    const t3 = plan.tasks.find((t) => t.id === leaves[3]!.id)!;
    expect((await districtLeader.patch(`/api/plan-tasks/${t3.id}`, { version: t3.version, personIds: [leader.id], dueOn: '2027-04-30' })).statusCode).toBe(200);
    const again = await districtLeader.post(`/api/plans/${planId}/submit`, { version: plan.version });
    expect(again.statusCode, again.body).toBe(200);
    expect((await detail(stateSteering, planId)).permissions.approve).toBe(true);
    const approved = await stateSteering.post(`/api/plans/${planId}/approve`, { version: again.json().version, comment: 'Approved at the March meeting.' });
    expect(approved.statusCode, approved.body).toBe(200);

    plan = await detail(districtLeader, planId);
    expect(plan.status).toBe('approved');
    expect(plan.history.map((h) => h.toStatus)).toEqual(['draft', 'submitted', 'revision_requested', 'submitted', 'approved']);
    expect(plan.history[2]!.comment).toBe('Name who leads step 4.');

    // Frozen: WHO/WHEN refused, progress recorded.
    const t1 = plan.tasks.find((t) => t.id === leaves[0]!.id)!;
    const before = await fingerprint(api.db);
    await expectProblem(await districtLeader.patch(`/api/plan-tasks/${t1.id}`, { version: t1.version, dueOn: '2027-03-01' }), 409, { field: 'dueOn', rule: /cannot change/ });
    await expectProblem(await districtLeader.post(`/api/plans/${planId}/tasks`, { title: 'One more' }), 409);
    expect(await fingerprint(api.db)).toEqual(before);
    const done = await districtLeader.patch(`/api/plan-tasks/${t1.id}`, { version: t1.version, status: 'done', evidence: 'Minutes of the 12 January meeting.' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().completedOn).not.toBeNull();
    expect((await detail(districtLeader, planId)).progress.overall.done).toBe(1);

    // The audit trail holds every step of the path.
    const audit = await api.db.query<{ action: string }>(`select action from audit_events where entity_id = $1 order by at, id`, [planId]);
    expect(audit.map((a) => a.action)).toEqual(['plan.create', 'plan.submit', 'plan.request_revision', 'plan.submit', 'plan.approve']);

    // A change starts version 2; approving it supersedes version 1.
    const v2 = await districtLeader.post(`/api/plans/${planId}/new-version`, { version: plan.version });
    expect(v2.statusCode, v2.body).toBe(201);
    expect(v2.json()).toMatchObject({ planVersion: 2, status: 'draft' });
    await expectProblem(await districtLeader.post(`/api/plans/${planId}/new-version`, { version: plan.version }), 409);
    const draft2 = await detail(districtLeader, v2.json().id);
    expect(draft2.tasks.length).toBe(40);
    expect(draft2.progress.overall.done).toBe(1);
    // While version 2 is drafted, version 1 is in force: my tasks and the unit's lists show its tasks once, not the draft's copies too.
    const mine = (await teamMember.get('/api/me/plan-tasks')).json() as { id: string; planId: string }[];
    expect(mine.filter((t) => t.planId === planId || t.planId === draft2.id).map((t) => t.planId)).toEqual([planId, planId]);
    const open = (await districtLeader.get(`/api/units/${district.id}/plan-tasks?filter=incomplete`)).json() as { planId: string }[];
    expect(open.some((t) => t.planId === draft2.id)).toBe(false);
    expect(open.some((t) => t.planId === planId)).toBe(true);
    const sub2 = await districtLeader.post(`/api/plans/${draft2.id}/submit`, { version: draft2.version });
    const app2 = await districtLeader.post(`/api/plans/${draft2.id}/approve`, { version: sub2.json().version });
    expect(app2.statusCode, app2.body).toBe(200);
    expect((await detail(districtLeader, planId)).status).toBe('superseded');
    await expectProblem(await districtLeader.patch(`/api/plan-tasks/${t1.id}`, { version: t1.version + 1, status: 'under_way' }), 409, { rule: /superseded/ });
  });

  it('refuses a dependency cycle by naming it, and a stale write with 409', async () => {
    const plan = (await districtLeader.post('/api/plans', { unitId: district.id, kind: 'strategic_system_change', title: 'Cycle check' })).json();
    const add = async (title: string, dependsOn: string[] = []) => {
      const res = await districtLeader.post(`/api/plans/${plan.id}/tasks`, { title, dependsOn });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as Task;
    };
    const a = await add('Map resources');
    const b = await add('Analyze the map', [a.id]);
    const c = await add('Recommend redeployment', [b.id]);
    const before = await fingerprint(api.db);
    const res = await districtLeader.patch(`/api/plan-tasks/${a.id}`, { version: a.version, dependsOn: [c.id] });
    const problem = await expectProblem(res, 409, { field: 'dependsOn' });
    expect(problem.detail).toMatch(/Map resources.*depends on.*Recommend redeployment|Recommend redeployment.*Map resources/);
    expect(await fingerprint(api.db)).toEqual(before);

    const first = await districtLeader.patch(`/api/plan-tasks/${c.id}`, { version: c.version, title: 'Recommend how to redeploy' });
    expect(first.statusCode).toBe(200);
    await expectProblem(await teamMember.patch(`/api/plan-tasks/${c.id}`, { version: c.version, title: 'Stale' }), 409);
    // Nesting a task under its own subtask is refused.
    const child = (await districtLeader.post(`/api/plans/${plan.id}/tasks`, { title: 'Sub', parentId: a.id })).json() as Task;
    const aNow = (await detail(districtLeader, plan.id)).tasks.find((t) => t.id === a.id)!;
    await expectProblem(await districtLeader.patch(`/api/plan-tasks/${a.id}`, { version: aNow.version, parentId: child.id }), 400, { field: 'parentId' });
  });

  it('cascades a district plan to a school plan and rolls progress up by task count; hides it from another district', async () => {
    const parent = (await districtLeader.post('/api/plans', { unitId: district.id, kind: 'start_up_phase_in', title: 'Roll-out to schools', template: { key: 'appendix-c-district' } })).json();
    const child = await districtLeader.post('/api/plans', { unitId: school.id, kind: 'start_up_phase_in', title: 'Lincoln start-up', parentPlanId: parent.id, template: { key: 'exhibit-district-to-school' } });
    expect(child.statusCode, child.body).toBe(201);
    // A plan cannot be spawned for a unit that is not below.
    await expectProblem(await districtLeader.post('/api/plans', { unitId: district.id, kind: 'start_up_phase_in', title: 'Sideways', parentPlanId: child.json().id }), 400, { field: 'parentPlanId' });
    const childPlan = await detail(districtLeader, child.json().id);
    const leaf = childPlan.tasks.find((t) => !t.hasSubtasks)!;
    await districtLeader.patch(`/api/plan-tasks/${leaf.id}`, { version: leaf.version, status: 'done' });
    const p = await detail(districtLeader, parent.id);
    const own = p.progress.overall;
    const childOwn = (await detail(districtLeader, child.json().id)).progress.overall;
    expect(p.rollUp.overall.total).toBe(own.total + childOwn.total);
    expect(p.rollUp.overall.done).toBe(own.done + childOwn.done);
    expect(p.rollUp.overall.share).toBeCloseTo((own.done + childOwn.done) / (own.total + childOwn.total));
    // The school's viewer reads the school plan, not the district's; the south district sees neither.
    expect((await schoolViewer.get(`/api/plans/${child.json().id}`)).statusCode).toBe(200);
    await expectProblem(await schoolViewer.get(`/api/plans/${parent.id}`), 404);
    await expectProblem(await southLeader.get(`/api/plans/${child.json().id}`), 404);
    await expectProblem(await southLeader.get(`/api/units/${district.id}/plans`), 404);
  });

  it('finds the incompletely planned and overdue tasks of a subtree among more than 5,000 planned open ones', async () => {
    const school = await createUnit(api.db, 'school', tree.north.feederPatterns[1]!.unit, { name: 'Many Tasks Elementary' });
    const plan = (await districtLeader.post('/api/plans', { unitId: school.id, kind: 'start_up_phase_in', title: 'A long plan' })).json() as { id: string };
    // 5,001 open tasks, each with a WHO and a due date next year: complete, not overdue.
    await api.db.query(
      `insert into tasks (id, unit_id, plan_id, position, title, due_on, status)
       select gen_random_uuid(), $1, $2, n, 'Planned task ' || n, current_date + 365, 'not_started' from generate_series(1, 5001) n`,
      [school.id, plan.id],
    );
    await api.db.query(`insert into task_people (task_id, person_id) select id, $2 from tasks where plan_id = $1`, [plan.id, teamMemberPerson.id]);
    // Sorted after all of them (no due date; or due long ago but named last): one of each kind.
    const undated = await districtLeader.post(`/api/plans/${plan.id}/tasks`, { title: 'Zz no date yet', personIds: [teamMemberPerson.id] });
    expect(undated.statusCode, undated.body).toBe(201);
    const late = await districtLeader.post(`/api/plans/${plan.id}/tasks`, { title: 'Zz late', personIds: [teamMemberPerson.id], dueOn: '2020-02-03' });
    expect(late.statusCode, late.body).toBe(201);
    const incomplete = (await districtLeader.get(`/api/units/${tree.north.unit.id}/plan-tasks?filter=incomplete&subtree=true`)).json() as { title: string }[];
    expect(incomplete.map((t) => t.title)).toContain('Zz no date yet');
    expect(incomplete.map((t) => t.title)).not.toContain('Planned task 1');
    const overdue = (await districtLeader.get(`/api/units/${school.id}/plan-tasks?filter=overdue`)).json() as { title: string }[];
    expect(overdue.map((t) => t.title)).toEqual(['Zz late']);
  });

  it('lists my tasks, exports the plan as CSV and my due dates as iCalendar, at a private feed address too', async () => {
    const plan = (await districtLeader.post('/api/plans', { unitId: district.id, kind: 'strategic_system_change', title: 'Feed check' })).json();
    const task = await districtLeader.post(`/api/plans/${plan.id}/tasks`, { title: 'Brief the board', personIds: [teamMemberPerson.id], dueOn: '2020-01-15' });
    expect(task.statusCode, task.body).toBe(201);
    const mine = (await teamMember.get('/api/me/plan-tasks')).json() as { title: string; overdue: boolean }[];
    expect(mine.find((t) => t.title === 'Brief the board')).toMatchObject({ overdue: true });
    const overdue = (await districtLeader.get(`/api/units/${tree.north.unit.id}/plan-tasks?filter=overdue&subtree=true`)).json() as { title: string }[];
    expect(overdue.map((t) => t.title)).toContain('Brief the board');

    const csv = await districtLeader.get(`/api/plans/${plan.id}/export.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body.split('\n')[0]).toContain('WHO (people)');
    expect(csv.body).toContain('Brief the board');

    const ics = await teamMember.get('/api/me/plan-tasks.ics');
    expect(ics.body).toContain('BEGIN:VCALENDAR');
    expect(ics.body).toContain('Due: Brief the board');
    expect(ics.body).toContain('DTSTART;VALUE=DATE:20200115');

    const feed = await teamMember.post('/api/me/calendar-feed');
    expect(feed.statusCode).toBe(201);
    const token = feed.json().token as string;
    const subscribed = await anonymous(api.app).get(`/api/calendar/${token}.ics`);
    expect(subscribed.statusCode).toBe(200);
    expect(subscribed.body).toContain('Due: Brief the board');
    await expectProblem(await anonymous(api.app).get(`/api/calendar/${'x'.repeat(32)}`), 404);
    await teamMember.post('/api/me/calendar-feed');
    await expectProblem(await anonymous(api.app).get(`/api/calendar/${token}`), 404);
  });

  it('adopts the state design as a prototype, shows each adaptation and flags a change to an essential feature', async () => {
    const admin = await signIn(api.app, (await createPersonWithRole(api.db, tree.state, 'leader')).email, PASSWORD);
    const content = {
      vision: 'Every student has the supports to learn.',
      aims: ['Unify student supports', 'Embed them in school improvement'],
      rationale: 'Fragmented supports fail students.',
      framework: { id: 'intervention-framework', version: '2026.11.0' },
      essentialFeatures: [{ key: 'six-arenas', text: 'Supports are organized in six content arenas.', essential: true }],
    };
    const proto = await admin.post('/api/design-documents', { unitId: tree.state.id, ...content });
    expect(proto.statusCode, proto.body).toBe(201);
    const offer = (await districtLeader.get(`/api/units/${district.id}/design-document`)).json();
    expect(offer.document).toBeNull();
    expect(offer.prototypes[0].id).toBe(proto.json().id);
    const adapted = await districtLeader.post('/api/design-documents', { unitId: district.id, adoptedFromId: proto.json().id, ...content, essentialFeatures: [{ key: 'six-arenas', text: 'Supports are organized in four arenas.', essential: true }] });
    expect(adapted.statusCode, adapted.body).toBe(201);
    expect(adapted.json().comparison.keepsEssentialFeatures).toBe(false);
    expect(adapted.json().comparison.essentialChanges[0].message).toMatch(/essential feature/);
    await expectProblem(await districtLeader.post('/api/design-documents', { unitId: district.id, ...content }), 409, { field: 'unitId' });
    const saved = await districtLeader.put(`/api/design-documents/${adapted.json().id}`, { version: 1, ...content });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().comparison.keepsEssentialFeatures).toBe(true);
    await expectProblem(await districtLeader.put(`/api/design-documents/${adapted.json().id}`, { version: 1, ...content }), 409);
    const diff = (await districtLeader.get(`/api/design-documents/${adapted.json().id}/compare?a=1&b=2`)).json();
    expect(diff.changes).toHaveLength(1);
    expect((await districtLeader.get(`/api/design-documents/${adapted.json().id}/versions`)).json()).toHaveLength(2);
    await expectProblem(await teamMember.put(`/api/design-documents/${adapted.json().id}`, { version: 2, ...content }), 403);
  });

  it('submits a recommendation to the superintendent, who accepts it and links the tasks that carry it out', async () => {
    const plan = (await districtLeader.post('/api/plans', { unitId: district.id, kind: 'strategic_system_change', title: 'Rec plan' })).json();
    const task = (await districtLeader.post(`/api/plans/${plan.id}/tasks`, { title: 'Redeploy two counselors' })).json();
    const workGroup = await createMechanism(api.db, district, 'work_group');
    const rec = await teamMember.post('/api/plan-recommendations', {
      unitId: district.id,
      planId: plan.id,
      fromMechanismId: workGroup.id,
      subject: 'resource_redeployment',
      title: 'Redeploy counselors to the feeder pattern',
      rationale: 'Two schools run the same program separately.',
      submittedTo: { authority: 'Superintendent', personId: leader.id },
      submittedOn: '2026-11-01',
    });
    expect(rec.statusCode, rec.body).toBe(201);
    await expectProblem(await teamMember.post(`/api/plan-recommendations/${rec.json().id}/decision`, { version: 1, decision: 'accepted', decidedOn: '2026-11-10' }), 403);
    // The unit's list says who may record the decision: the leader, not the team member.
    const mayDecide = async (agent: Agent) => ((await agent.get(`/api/units/${district.id}/plan-recommendations`)).json() as { id: string; mayDecide: boolean }[]).find((r) => r.id === rec.json().id)!.mayDecide;
    expect(await mayDecide(teamMember)).toBe(false);
    expect(await mayDecide(districtLeader)).toBe(true);
    await expectProblem(await districtLeader.post(`/api/plan-recommendations/${rec.json().id}/decision`, { version: 1, decision: 'accepted', decidedOn: '2026-10-10' }), 400, { field: 'decidedOn' });
    const decided = await districtLeader.post(`/api/plan-recommendations/${rec.json().id}/decision`, { version: 1, decision: 'accepted', decidedOn: '2026-11-10', taskIds: [task.id] });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({ decision: 'accepted', taskIds: [task.id] });
    await expectProblem(await districtLeader.post(`/api/plan-recommendations/${rec.json().id}/decision`, { version: decided.json().version, decision: 'declined', decidedOn: '2026-11-12' }), 409);
    const list = (await schoolViewer.get(`/api/units/${district.id}/plan-recommendations`));
    expect(list.statusCode).toBe(404);
  });
});

describe.each(testDatabases().filter((t) => t.name === 'PGlite'))('the demo’s plans on $name', (target) => {
  const api = useApi(target, async ({ db }) => {
    await seedDemo(db);
  });

  it('has an approved state plan, a district plan under way spawned from it, a school plan in draft, and the district’s adapted design', async () => {
    const leader = await signIn(api.app, DEMO_ACCOUNTS[1].email, DEMO_PASSWORD);
    const districtId = leader.session!.grants[0]!.unitId;
    const plans = (await leader.get(`/api/units/${districtId}/plans`)).json() as { id: string; status: string; parentPlanId: string | null; progress: { overall: { done: number; total: number } } }[];
    expect(plans).toHaveLength(1);
    expect(plans[0]).toMatchObject({ status: 'approved' });
    expect(plans[0]!.progress.overall.done).toBe(5);
    const plan = (await leader.get(`/api/plans/${plans[0]!.id}`)).json() as PlanDetail & { children: { status: string }[]; parent: { title: string } | null };
    expect(plan.parent).toBeNull(); // the state's plan is above the leader's reach
    expect(plan.children.map((c) => c.status)).toEqual(['draft']);
    expect(plan.rollUp.overall.total).toBeGreaterThan(plan.progress.overall.total);
    const overdue = (await leader.get(`/api/units/${districtId}/plan-tasks?filter=overdue&subtree=true`)).json() as unknown[];
    expect(overdue.length).toBeGreaterThanOrEqual(1);
    const design = (await leader.get(`/api/units/${districtId}/design-document`)).json();
    expect(design.document.comparison.adaptations.length).toBe(2);
    expect(design.document.comparison.keepsEssentialFeatures).toBe(true);
    const admin = await signIn(api.app, DEMO_ACCOUNTS[0].email, DEMO_PASSWORD);
    const state = (await admin.get(`/api/plans/${plan.parentPlanId}`)).json() as PlanDetail & { title: string };
    expect(state).toMatchObject({ title: 'Lakeland learning supports: strategic plan', status: 'approved' });
    expect(state.rollUp.overall.total).toBeGreaterThan(plan.rollUp.overall.total);
  });
});
