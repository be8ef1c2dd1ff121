// Mechanisms at work through the API: links across levels and the chain up and down, the unit's
// infrastructure diagram, meetings with action items as tasks, the cadence flag, capacity building,
// the audit trail, and who may do what (a member records; an editor shapes and links; another
// school's people see nothing).
import { describe, expect, it } from 'vitest';
import { addDays, type Infrastructure, type Mechanism, type MechanismDetail, type MechanismFunctionEntry, type Meeting, type Task } from '@trellis/core';
import { signIn, type Agent } from './support/agent.js';
import { useApi } from './support/api.js';
import { testDatabases } from './support/databases.js';
import { createPerson, createPersonWithRole, createStateTree, createSystemAdmin, PASSWORD, type StateTree, type TestPerson } from './support/factories.js';
import { countRows, expectProblem, fingerprint } from './support/problems.js';

const today = () => new Date().toISOString().slice(0, 10);

describe.each(testDatabases())('mechanisms at work on $name', (target) => {
  let tree: StateTree;
  let system: Agent;
  let districtEditor: Agent;
  let schoolMember: Agent; // member at school A only
  let otherSchoolEditor: Agent; // editor at school B only
  let districtPerson: TestPerson;
  let schoolPerson: TestPerson;
  const schoolA = () => tree.north.feederPatterns[0]!.schools[0]!;
  const schoolB = () => tree.north.feederPatterns[0]!.schools[1]!;
  const api = useApi(target, async ({ db, app }) => {
    tree = await createStateTree(db);
    system = await signIn(app, (await createSystemAdmin(db)).email, PASSWORD);
    districtEditor = await signIn(app, (await createPersonWithRole(db, tree.north.unit, 'editor')).email, PASSWORD);
    schoolMember = await signIn(app, (await createPersonWithRole(db, schoolA(), 'member')).email, PASSWORD);
    otherSchoolEditor = await signIn(app, (await createPersonWithRole(db, schoolB(), 'editor')).email, PASSWORD);
    districtPerson = await createPerson(db, { home: tree.north.unit, title: 'Organization Facilitator', password: null });
    schoolPerson = await createPerson(db, { home: schoolA(), title: 'Counselor', password: null });
  });

  const establish = async (agent: Agent, unitId: string, kind: string, extra: Record<string, unknown> = {}) => {
    const res = await agent.post('/api/mechanisms', { unitId, kind, ...extra });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as MechanismDetail;
  };
  const detail = async (agent: Agent, id: string) => {
    const res = await agent.get(`/api/mechanisms/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as MechanismDetail;
  };
  const link = (agent: Agent, lower: { id: string; version: number }, upperId: string | null) => agent.put(`/api/mechanisms/${lower.id}/upper`, { version: lower.version, upperMechanismId: upperId });

  describe('links across levels', () => {
    it('links the state’s, the district’s and a school’s steering bodies into a chain seen up and down, and unlinks', async () => {
      const state = await establish(system, tree.state.id, 'steering_body', { name: 'State Steering Body' });
      const district = await establish(districtEditor, tree.north.unit.id, 'steering_body', { name: 'North Steering Body' });
      const school = await establish(districtEditor, schoolA().id, 'steering_body', { name: 'School A Steering Body' });

      let res = await link(system, district, state.id);
      expect(res.statusCode, res.body).toBe(200);
      res = await link(districtEditor, school, district.id);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ upperMechanismId: district.id, version: 2, linkNote: null });

      // From the school: up through the district to the state, nearest first.
      const fromSchool = await detail(system, school.id);
      expect(fromSchool.chain.up.map((x) => [x.name, x.distance])).toEqual([
        ['North Steering Body', 1],
        ['State Steering Body', 2],
      ]);
      expect(fromSchool.chain.hiddenAbove).toBe(false);
      // From the state: down through the district to the school.
      const fromState = await detail(system, state.id);
      expect(fromState.chain.down.map((x) => [x.name, x.distance, x.unitName])).toEqual([
        ['North Steering Body', 1, tree.north.unit.name],
        ['School A Steering Body', 2, schoolA().name],
      ]);
      expect(fromState.lowerLinkCount).toBe(1);

      // A district editor cannot see the state: the chain stops at the district, marked as going on above.
      const asDistrict = await detail(districtEditor, school.id);
      expect(asDistrict.chain.up.map((x) => x.name)).toEqual(['North Steering Body']);
      expect(asDistrict.chain.hiddenAbove).toBe(true);

      res = await link(districtEditor, { id: school.id, version: 2 }, null);
      expect(res.statusCode, res.body).toBe(200);
      expect((res.json() as MechanismDetail).chain.up).toEqual([]);
      const audit = await api.db.query<{ action: string }>(`select action from audit_events where entity_id = $1 and action like 'mechanism.%link' order by id`, [school.id]);
      expect(audit.map((a) => a.action)).toEqual(['mechanism.link', 'mechanism.unlink']);
    });

    it('notes a link between different kinds, and offers candidates up and down', async () => {
      const upper = await establish(districtEditor, tree.north.unit.id, 'planning_team');
      const lower = await establish(districtEditor, schoolA().id, 'work_group');
      const linked = (await link(districtEditor, lower, upper.id)).json() as MechanismDetail;
      expect(linked.linkNote).toContain('different kinds');

      const school = await establish(districtEditor, schoolB().id, 'change_team');
      const candidates = (await districtEditor.get(`/api/mechanisms/${upper.id}/link-candidates`)).json() as { up: Mechanism[]; down: Mechanism[] };
      expect(candidates.down.map((m) => m.id)).toContain(school.id);
      expect(candidates.down.map((m) => m.id)).not.toContain(lower.id); // already linked
      const up = (await districtEditor.get(`/api/mechanisms/${school.id}/link-candidates`)).json() as { up: Mechanism[] };
      expect(up.up.map((m) => m.id)).toContain(upper.id);
      expect(up.up.every((m) => m.unitId === tree.north.unit.id || m.unitId === tree.north.feederPatterns[0]!.unit.id)).toBe(true);
    });

    it('keeps other schools out: an editor at school B cannot link or even see school A’s mechanism; one at school A cannot reach the district', async () => {
      const district = await establish(districtEditor, tree.north.unit.id, 'steering_body');
      const a = await establish(districtEditor, schoolA().id, 'steering_body');
      const b = await establish(otherSchoolEditor, schoolB().id, 'steering_body');
      const before = await fingerprint(api.db);
      expectProblem(await link(otherSchoolEditor, a, district.id), 404);
      expectProblem(await otherSchoolEditor.get(`/api/mechanisms/${a.id}`), 404);
      // School B's editor may manage B, but the district mechanism is out of their sight.
      expectProblem(await link(otherSchoolEditor, b, district.id), 404, { rule: 'mechanism to link to was not found' });
      // A member of school A may read but not link.
      expectProblem(await link(schoolMember, a, district.id), 403);
      expect(await fingerprint(api.db)).toEqual(before);
    });
  });

  describe('the infrastructure diagram', () => {
    it('draws the unit’s mechanisms by band, with the mechanism it links up to and those linked from below, and describes it in words', async () => {
      const sb = await establish(districtEditor, tree.north.unit.id, 'steering_body', { name: 'North Steering Body' });
      await establish(districtEditor, tree.north.unit.id, 'organization_facilitator', { name: 'North Organization Facilitators' });
      const schoolSb = await establish(districtEditor, schoolA().id, 'steering_body', { name: 'School A Steering Body' });
      await link(districtEditor, schoolSb, sb.id);
      const res = await districtEditor.get(`/api/units/${tree.north.unit.id}/infrastructure`);
      expect(res.statusCode, res.body).toBe(200);
      const infra = res.json() as Infrastructure;
      const byName = new Map(infra.nodes.map((n) => [n.name, n]));
      expect(byName.get('North Steering Body')).toMatchObject({ band: 'steers', level: 'this' });
      expect(byName.get('North Organization Facilitators')).toMatchObject({ band: 'supports', level: 'this' });
      expect(byName.get('School A Steering Body')).toMatchObject({ band: 'steers', level: 'below', unitName: schoolA().name });
      expect(infra.links).toContainEqual({ lowerId: schoolSb.id, upperId: sb.id });
      expect(infra.description).toContain(`School A Steering Body at ${schoolA().name} is linked up to North Steering Body at ${tree.north.unit.name}.`);
      // From the school, the district's steering body is drawn above.
      const fromSchool = (await schoolMember.get(`/api/units/${schoolA().id}/infrastructure`)).json() as Infrastructure;
      // …but a school member cannot read the district, so it is left out.
      expect(fromSchool.nodes.filter((n) => n.level !== 'this')).toEqual([]);
      expect(fromSchool.nodes.map((n) => n.name)).toContain('School A Steering Body');
      const fromSchoolAsEditor = (await districtEditor.get(`/api/units/${schoolA().id}/infrastructure`)).json() as Infrastructure;
      expect(fromSchoolAsEditor.nodes.find((n) => n.id === sb.id)).toMatchObject({ level: 'above' });
    });
  });

  describe('meetings, action items and cadence', () => {
    it('a school member records a meeting with attendees and an action item that becomes a task; the cadence turns on track', async () => {
      const m = await establish(districtEditor, schoolA().id, 'steering_body', { startedOn: addDays(today(), -30) });
      await districtEditor.post(`/api/mechanisms/${m.id}/members`, { personId: schoolPerson.id, role: 'lead', designated: true, trained: true });
      const before = await detail(schoolMember, m.id);
      expect(before.cadence).toMatchObject({ state: 'behind', formalMeetings: 0, cadence: 'weekly at first', daysOverdue: 23 });
      expect((await schoolMember.get(`/api/units/${schoolA().id}/mechanisms`)).json()).toContainEqual(expect.objectContaining({ id: m.id, cadence: expect.objectContaining({ state: 'behind' }) }));

      // The district's organization facilitator attended: a school member may name them though they cannot read the district.
      await districtEditor.post(`/api/mechanisms/${m.id}/members`, { personId: districtPerson.id, role: 'facilitator', designated: true, trained: true });
      let res = await schoolMember.post(`/api/mechanisms/${m.id}/meetings`, {
        heldOn: addDays(today(), -2),
        kind: 'formal',
        attendeeIds: [schoolPerson.id, districtPerson.id],
        agenda: 'Charter; who else should join',
        minutes: 'Agreed the charter.',
        decisions: 'Invite the union chapter chair.',
      });
      expect(res.statusCode, res.body).toBe(201);
      const meeting = res.json() as Meeting;
      expect(meeting.attendees.map((a) => a.personId).sort()).toEqual([schoolPerson.id, districtPerson.id].sort());

      res = await schoolMember.post(`/api/mechanisms/${m.id}/meetings/${meeting.id}/action-items`, { title: 'Invite the union chapter chair', ownerPersonId: schoolPerson.id, dueOn: addDays(today(), 7) });
      expect(res.statusCode, res.body).toBe(201);
      const task = res.json() as Task;
      expect(task).toMatchObject({ unitId: schoolA().id, mechanismId: m.id, meetingId: meeting.id, ownerName: schoolPerson.name, status: 'not_started', overdue: false });

      const meetings = (await schoolMember.get(`/api/mechanisms/${m.id}/meetings`)).json() as Meeting[];
      expect(meetings[0]!.actionItems.map((t) => t.id)).toEqual([task.id]);
      const after = await detail(schoolMember, m.id);
      expect(after.cadence).toMatchObject({ state: 'on_track', formalMeetings: 1, lastFormalOn: addDays(today(), -2), nextDueOn: addDays(today(), 5) });

      // An informal contact does not count toward the cadence.
      await schoolMember.post(`/api/mechanisms/${m.id}/meetings`, { heldOn: today(), kind: 'informal' });
      expect((await detail(schoolMember, m.id)).cadence.formalMeetings).toBe(1);

      const actions = await api.db.query<{ action: string }>(`select action from audit_events where unit_id = $1 and (action like 'mechanism_meeting.%' or action like 'task.%') order by id`, [schoolA().id]);
      expect(actions.map((a) => a.action)).toEqual(['mechanism_meeting.create', 'task.create', 'mechanism_meeting.create']);
    });

    it('moves a task along: done records the day, blocked needs a reason, a stale version is refused; a meeting removed keeps its action items', async () => {
      const m = await establish(districtEditor, schoolA().id, 'planning_team');
      const meeting = (await schoolMember.post(`/api/mechanisms/${m.id}/meetings`, { heldOn: '2026-10-05', kind: 'formal' })).json() as Meeting;
      const task = (await schoolMember.post(`/api/mechanisms/${m.id}/meetings/${meeting.id}/action-items`, { title: 'Draft section 2', dueOn: '2026-10-12' })).json() as Task;
      expect(task.overdue).toBe(today() > '2026-10-12');

      let res = await schoolMember.patch(`/api/tasks/${task.id}`, { version: 1, status: 'blocked', blockedReason: 'Waiting for the resource map' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ status: 'blocked', blockedReason: 'Waiting for the resource map', version: 2 });
      res = await schoolMember.patch(`/api/tasks/${task.id}`, { version: 2, status: 'done' });
      expect(res.json()).toMatchObject({ status: 'done', blockedReason: null, completedOn: today(), overdue: false, version: 3 });
      const before = await fingerprint(api.db);
      expectProblem(await schoolMember.patch(`/api/tasks/${task.id}`, { version: 2, status: 'under_way' }), 409, { field: 'version' });
      expectProblem(await otherSchoolEditor.patch(`/api/tasks/${task.id}`, { version: 3, status: 'under_way' }), 404);
      expect(await fingerprint(api.db)).toEqual(before);
      res = await schoolMember.patch(`/api/tasks/${task.id}`, { version: 3, status: 'under_way' });
      expect(res.json()).toMatchObject({ status: 'under_way', completedOn: null });

      res = await schoolMember.delete(`/api/mechanisms/${m.id}/meetings/${meeting.id}`);
      expect(res.statusCode, res.body).toBe(204);
      const tasks = (await schoolMember.get(`/api/mechanisms/${m.id}/tasks`)).json() as Task[];
      expect(tasks).toEqual([expect.objectContaining({ id: task.id, meetingId: null })]);
    });

    it('refuses a meeting as a viewer of the district, and any write on another school’s mechanism', async () => {
      const viewer = await signIn(api.app, (await createPersonWithRole(api.db, tree.north.unit, 'viewer')).email, PASSWORD);
      const m = await establish(districtEditor, schoolA().id, 'steering_body');
      const before = await fingerprint(api.db);
      expectProblem(await viewer.post(`/api/mechanisms/${m.id}/meetings`, { heldOn: '2026-11-02', kind: 'formal' }), 403);
      expectProblem(await otherSchoolEditor.post(`/api/mechanisms/${m.id}/meetings`, { heldOn: '2026-11-02', kind: 'formal' }), 404);
      expectProblem(await otherSchoolEditor.get(`/api/mechanisms/${m.id}/meetings`), 404);
      expect(await fingerprint(api.db)).toEqual(before);
    });

    it('refuses an attendee the recorder cannot see who is not a member', async () => {
      const m = await establish(districtEditor, schoolA().id, 'steering_body');
      const before = await countRows(api.db, 'mechanism_meetings');
      expectProblem(await schoolMember.post(`/api/mechanisms/${m.id}/meetings`, { heldOn: '2026-11-02', kind: 'formal', attendeeIds: [districtPerson.id] }), 400, { field: 'attendeeIds', rule: 'not a person you can see' });
      expect(await countRows(api.db, 'mechanism_meetings')).toBe(before);
    });
  });

  describe('capacity building', () => {
    it('records a function’s capacity with evidence, sums it up, and refuses it on a dropped function', async () => {
      const m = await establish(districtEditor, schoolA().id, 'change_team');
      const [first, second] = m.functions as [MechanismFunctionEntry, MechanismFunctionEntry];
      expect(m.capacity).toMatchObject({ total: m.functions.length, not_started: m.functions.length, in_place: 0 });
      const res = await schoolMember.put(`/api/mechanisms/${m.id}/functions/${first.id}/capacity`, { version: first.version, capacity: 'in_place', evidence: 'Weekly problem-solving minutes since September.' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ capacity: 'in_place', capacityEvidence: 'Weekly problem-solving minutes since September.', capacityUpdatedOn: today(), version: first.version + 1, departure: 'as-catalog' });
      await districtEditor.patch(`/api/mechanisms/${m.id}/functions/${second.id}`, { version: second.version, droppedReason: 'The leadership team does this.' });
      const after = await detail(schoolMember, m.id);
      expect(after.capacity).toMatchObject({ total: m.functions.length - 1, in_place: 1, not_started: m.functions.length - 2 });
      expectProblem(await schoolMember.put(`/api/mechanisms/${m.id}/functions/${second.id}/capacity`, { version: second.version + 1, capacity: 'developing' }), 409, { field: 'capacity', rule: 'dropped' });
      expectProblem(await schoolMember.put(`/api/mechanisms/${m.id}/functions/${first.id}/capacity`, { version: first.version, capacity: 'developing' }), 409, { field: 'version' });
    });
  });
});
