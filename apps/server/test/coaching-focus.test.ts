// Focus areas adapted by a state or district (docs/decisions/0020): a district leader rewords a
// shipped area (it keeps its citation and the guide's words), adds one of their own (it says who
// added it) and retires one; the district's schools choose from that list and no other district's;
// engagements and hand-over plans that named a retired area keep it, readable; a state's
// adaptation flows down to a district that adapts on top of it; access, audit, 409 and bad input.
import { describe, expect, it } from 'vitest';
import { COACHING_FOCUS_AREA_CATALOG, type Unit } from '@trellis/core';
import { signIn, type Agent } from './support/agent.js';
import { useApi } from './support/api.js';
import { testDatabases } from './support/databases.js';
import { createPerson, createPersonWithRole, createStateTree, PASSWORD, type StateTree, type TestPerson } from './support/factories.js';
import { chicagoToday, createEngagement, dayFromToday } from './support/coaching-factories.js';
import { countRows, expectProblem, fingerprint } from './support/problems.js';

interface Stamp {
  personName: string;
  unitName: string;
  on: string;
}
interface Area {
  key: string;
  label: string;
  text: string;
  origin: 'catalog' | 'reworded' | 'added';
  source: { source: string; section: string; quote?: string } | null;
  shipped?: { label: string; text: string };
  addedBy?: Stamp;
  changedBy?: Stamp;
  retired?: Stamp & { reason: string | null };
}
interface FocusList {
  unitId: string;
  version: number;
  adaptable: boolean;
  adaptedBy: { unitId: string; unitName: string }[];
  areas: Area[];
}

describe.each(testDatabases())('coaching focus areas on $name', (target) => {
  let tree: StateTree;
  let school: Unit;
  let southSchool: Unit;
  let leaderPerson: TestPerson;
  let leader: Agent;
  let stateLeader: Agent;
  let southLeader: Agent;
  let viewer: Agent;
  let coachPerson: TestPerson;
  let coach: Agent;
  const api = useApi(target, async ({ db, app }) => {
    tree = await createStateTree(db);
    school = tree.north.feederPatterns[0]!.schools[0]!;
    southSchool = tree.south.feederPatterns[0]!.schools[0]!;
    leaderPerson = await createPersonWithRole(db, tree.north.unit, 'leader', { name: 'Dana District' });
    leader = await signIn(app, leaderPerson.email, PASSWORD);
    stateLeader = await signIn(app, (await createPersonWithRole(db, tree.state, 'leader', { name: 'Sam State' })).email, PASSWORD);
    southLeader = await signIn(app, (await createPersonWithRole(db, tree.south.unit, 'leader')).email, PASSWORD);
    viewer = await signIn(app, (await createPersonWithRole(db, tree.north.unit, 'viewer')).email, PASSWORD);
    coachPerson = await createPerson(db, { home: null, name: 'Casey Focus Coach' });
    coach = await signIn(app, coachPerson.email, PASSWORD);
  });

  const list = async (agent: Agent, unit: Unit) => {
    const res = await agent.get(`/api/units/${unit.id}/coaching/focus-areas`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as FocusList;
  };
  const area = (l: FocusList, key: string) => l.areas.find((a) => a.key === key);
  const engagementBody = (unit: Unit, focusAreaKeys: string[]) => ({
    unitId: unit.id,
    coachPersonId: coachPerson.id,
    kind: 'coaching',
    coachAffiliation: 'external',
    target: { unitId: unit.id },
    focusAreaKeys,
    startOn: dayFromToday(-10),
  });

  it('lets a district leader reword, add and retire focus areas; its schools choose from that list, other districts do not', async () => {
    const shipped = await list(leader, tree.north.unit);
    expect(shipped).toMatchObject({ version: 0, adaptable: true, adaptedBy: [] });
    expect(shipped.areas.map((a) => a.key)).toEqual(COACHING_FOCUS_AREA_CATALOG.areas.map((a) => a.key));
    expect(shipped.areas.every((a) => a.origin === 'catalog' && a.source?.source === 'planning-coaching-guide')).toBe(true);
    expect((await list(leader, school)).adaptable).toBe(false);

    // An engagement set up before the change names the area about to be retired.
    const old = await createEngagement(api.db, school, coachPerson.id, { focusAreaKeys: ['connect-resources', 'celebrate-progress'] });

    const res = await leader.patch(`/api/units/${tree.north.unit.id}/coaching/focus-areas`, {
      version: 0,
      changes: [
        { op: 'add', label: 'Family learning nights', text: 'Plan and hold family learning nights with each feeder pattern.' },
        { op: 'reword', key: 'celebrate-progress', label: 'Celebrating wins', text: 'Celebrate progress with staff, students and families' },
        { op: 'retire', key: 'connect-resources', reason: 'The region leads this work.' },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const adapted = res.json() as FocusList;
    expect(adapted.version).toBe(1);
    expect(adapted.adaptedBy.map((u) => u.unitId)).toEqual([tree.north.unit.id]);
    const added = area(adapted, 'family-learning-nights')!;
    expect(added).toMatchObject({ origin: 'added', source: null, label: 'Family learning nights', addedBy: { personName: 'Dana District', unitName: tree.north.unit.name } });
    const reworded = area(adapted, 'celebrate-progress')!;
    expect(reworded).toMatchObject({ origin: 'reworded', label: 'Celebrating wins', shipped: { label: 'Celebrating progress', text: 'Celebrate progress' }, changedBy: { personName: 'Dana District' } });
    expect(reworded.source).toEqual(COACHING_FOCUS_AREA_CATALOG.areas.find((a) => a.key === 'celebrate-progress')!.source);
    expect(area(adapted, 'connect-resources')!.retired).toMatchObject({ personName: 'Dana District', reason: 'The region leads this work.' });
    const audit = await api.db.query<{ action: string; after: { changes: unknown[] } }>(`select action, after from audit_events where entity_id = $1 and entity_type = 'coaching_focus_areas'`, [tree.north.unit.id]);
    expect(audit.map((a) => a.action)).toEqual(['coaching_focus_areas.update']);
    expect(audit[0]!.after.changes).toHaveLength(3);

    // The school (and the coach with an engagement there) read the district's list; the south district keeps the catalog.
    const atSchool = await list(coach, school);
    expect(atSchool.areas.map((a) => [a.key, a.label])).toEqual(adapted.areas.map((a) => [a.key, a.label]));
    expect(area(await list(southLeader, tree.south.unit), 'family-learning-nights')).toBeUndefined();
    expect(area(await list(southLeader, tree.south.unit), 'celebrate-progress')!.label).toBe('Celebrating progress');

    // A school engagement chooses the new area; a retired one is refused; the south district cannot use the north's area.
    const made = await leader.post('/api/coaching/engagements', engagementBody(school, ['family-learning-nights', 'celebrate-progress']));
    expect(made.statusCode, made.body).toBe(201);
    const retiredPick = await leader.post('/api/coaching/engagements', engagementBody(school, ['connect-resources']));
    expectProblem(retiredPick, 400, { field: 'focusAreaKeys.0', rule: 'was retired by' });
    const south = await southLeader.post('/api/coaching/engagements', engagementBody(southSchool, ['family-learning-nights']));
    expectProblem(south, 400, { field: 'focusAreaKeys.0', rule: 'must be a focus area from Appendix B or one added for' });

    // The old engagement keeps the retired area: readable, and it can still be changed without dropping it.
    const kept = await leader.patch(`/api/coaching/engagements/${old.id}`, { version: old.version, focusAreaKeys: ['connect-resources', 'celebrate-progress', 'family-learning-nights'] });
    expect(kept.statusCode, kept.body).toBe(200);
    const contact = await leader.post(`/api/coaching/engagements/${old.id}/contacts`, { date: chicagoToday(), mode: 'call', durationMinutes: 20, topics: ['connect-resources', 'family-learning-nights'] });
    expect(contact.statusCode, contact.body).toBe(201);
    // …but a retired area cannot be put back on an engagement that had dropped it.
    const e2 = (made.json() as { engagement: { id: string; version: number } }).engagement;
    expectProblem(await leader.patch(`/api/coaching/engagements/${e2.id}`, { version: e2.version, focusAreaKeys: ['family-learning-nights', 'connect-resources'] }), 400, { field: 'focusAreaKeys.1', rule: 'was retired' });

    // Hand-over plans choose from the same list; reports label topics in the district's words.
    const transfer = await leader.post(`/api/units/${school.id}/coaching/capacity-transfers`, { internalLeaderPersonId: leaderPerson.id, capacities: ['family-learning-nights'], plannedHandOverOn: dayFromToday(30) });
    expect(transfer.statusCode, transfer.body).toBe(201);
    expectProblem(await leader.post(`/api/units/${school.id}/coaching/capacity-transfers`, { internalLeaderPersonId: coachPerson.id, capacities: ['connect-resources'], plannedHandOverOn: dayFromToday(30) }), 400, { field: 'capacities.0' });
    const report = (await leader.get(`/api/units/${tree.north.unit.id}/coaching/reports`)).json() as { topics: { key: string; label: string; contacts: number }[] };
    expect(report.topics.find((t) => t.key === 'family-learning-nights')).toEqual({ key: 'family-learning-nights', label: 'Family learning nights', contacts: 1 });

    // Restoring the retired area offers it again.
    const restored = await leader.patch(`/api/units/${tree.north.unit.id}/coaching/focus-areas`, { version: 1, changes: [{ op: 'restore', key: 'connect-resources' }] });
    expect(restored.statusCode, restored.body).toBe(200);
    expect(area(restored.json() as FocusList, 'connect-resources')!.retired).toBeUndefined();
  });

  it('refuses a stale version, another district’s leader, a viewer and a school, writing nothing', async () => {
    const current = await list(leader, tree.north.unit);
    const before = await fingerprint(api.db);
    const change = { changes: [{ op: 'retire', key: 'update-resource-mapping' }] };
    expectProblem(await leader.patch(`/api/units/${tree.north.unit.id}/coaching/focus-areas`, { version: current.version + 1, ...change }), 409, { field: 'version' });
    expectProblem(await southLeader.patch(`/api/units/${tree.north.unit.id}/coaching/focus-areas`, { version: current.version, ...change }), 404);
    expect([403, 404]).toContain((await viewer.patch(`/api/units/${tree.north.unit.id}/coaching/focus-areas`, { version: current.version, ...change })).statusCode);
    expect((await viewer.get(`/api/units/${tree.north.unit.id}/coaching/focus-areas`)).statusCode).toBe(200);
    expectProblem(await leader.patch(`/api/units/${school.id}/coaching/focus-areas`, { version: 0, ...change }), 400, { field: 'id', rule: 'state or a district' });
    expectProblem(await southLeader.get(`/api/units/${school.id}/coaching/focus-areas`), 404);
    // Retiring every area but one is allowed; the last one is not.
    const all = current.areas.filter((a) => !a.retired).map((a) => a.key);
    const tooMany = await leader.patch(`/api/units/${tree.north.unit.id}/coaching/focus-areas`, { version: current.version, changes: all.map((key) => ({ op: 'retire', key })) });
    expectProblem(tooMany, 400, { field: `changes.${all.length - 1}.key`, rule: 'last focus area in use' });
    // Two areas may not share a label; an added key is never one that exists.
    expectProblem(await leader.patch(`/api/units/${tree.north.unit.id}/coaching/focus-areas`, { version: current.version, changes: [{ op: 'add', label: 'Celebrating wins', text: 'Again' }] }), 400, { field: 'changes.0.label', rule: 'already the label' });
    expectProblem(await leader.patch(`/api/units/${tree.north.unit.id}/coaching/focus-areas`, { version: current.version, changes: [{ op: 'add', key: 'family-learning-nights', label: 'Other nights', text: 'Again' }] }), 400, { field: 'changes.0.key', rule: 'never reused' });
    expect(await fingerprint(api.db)).toEqual(before);
  });

  it('passes a state’s adaptation down: a district adapts on top of it, and only the unit that retired an area restores it', async () => {
    const res = await stateLeader.patch(`/api/units/${tree.state.id}/coaching/focus-areas`, {
      version: 0,
      changes: [
        { op: 'add', label: 'Attendance supports', text: 'Build attendance supports into the learning supports component.' },
        { op: 'retire', key: 'community-outreach', reason: null },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    // The south district (no adaptation of its own) takes the state's list.
    const south = await list(southLeader, southSchool);
    expect(south.adaptedBy.map((u) => u.unitId)).toEqual([tree.state.id]);
    expect(area(south, 'attendance-supports')).toMatchObject({ origin: 'added', addedBy: { personName: 'Sam State', unitName: tree.state.name } });
    expect(area(south, 'community-outreach')!.retired).toBeDefined();
    // The north district keeps its own changes on top of the state's.
    const north = await list(leader, school);
    expect(north.adaptedBy.map((u) => u.unitId)).toEqual([tree.state.id, tree.north.unit.id]);
    expect(area(north, 'attendance-supports')).toBeDefined();
    expect(area(north, 'family-learning-nights')).toBeDefined();
    expect(area(north, 'celebrate-progress')!.label).toBe('Celebrating wins');

    // A district rewords the state's area and retires it for itself; it cannot restore what the state retired.
    const version = (await list(leader, tree.north.unit)).version;
    const own = await leader.patch(`/api/units/${tree.north.unit.id}/coaching/focus-areas`, { version, changes: [{ op: 'reword', key: 'attendance-supports', label: 'Attendance and engagement' }] });
    expect(own.statusCode, own.body).toBe(200);
    expect(area(own.json() as FocusList, 'attendance-supports')).toMatchObject({ origin: 'added', label: 'Attendance and engagement', addedBy: { unitName: tree.state.name }, changedBy: { unitName: tree.north.unit.name } });
    expect(area(await list(southLeader, tree.south.unit), 'attendance-supports')!.label).toBe('Attendance supports');
    expectProblem(await leader.patch(`/api/units/${tree.north.unit.id}/coaching/focus-areas`, { version: version + 1, changes: [{ op: 'restore', key: 'community-outreach' }] }), 400, { field: 'changes.0.key', rule: `only ${tree.state.name} can restore it` });
    // An added key is new in the whole state: the south district cannot add "family-learning-nights" by that key, and one derived from the label gets a suffix.
    const southAdd = await southLeader.patch(`/api/units/${tree.south.unit.id}/coaching/focus-areas`, { version: 0, changes: [{ op: 'add', label: 'Family learning nights', text: 'Our own nights.' }] });
    expect(southAdd.statusCode, southAdd.body).toBe(200);
    expect((southAdd.json() as FocusList).areas.filter((a) => a.label === 'Family learning nights').map((a) => a.key)).toEqual(['family-learning-nights-2']);
    expect(await countRows(api.db, 'coaching_focus_adaptations')).toBe(3);
  });

  it('finds an external coach (no home unit, no role anywhere) by name or email, and nobody of another district', async () => {
    const external = await createPerson(api.db, { home: null, name: 'Jordan Outside Coach', email: `jordan.outside.${process.pid}@coaches.test` });
    const southPerson = await createPerson(api.db, { home: southSchool, name: 'Jordan South Teacher', password: null });
    const homelessLeader = await createPersonWithRole(api.db, tree.south.unit, 'leader', { home: null, name: 'Jordan Roaming Leader' });
    const northPerson = await createPerson(api.db, { home: school, name: 'Jordan North Principal', password: null });
    const find = async (agent: Agent, q: string, unit: Unit = school) => {
      const res = await agent.get(`/api/units/${unit.id}/coaching/coach-candidates?q=${encodeURIComponent(q)}`);
      expect(res.statusCode, res.body).toBe(200);
      return (res.json() as { people: { id: string; external: boolean; homeUnitName: string | null }[] }).people;
    };
    const found = await find(leader, 'jordan');
    expect(found.map((p) => p.id).sort()).toEqual([external.id, northPerson.id].sort());
    expect(found.find((p) => p.id === external.id)).toMatchObject({ external: true, homeUnitName: null });
    expect(found.map((p) => p.id)).not.toContain(southPerson.id);
    expect(found.map((p) => p.id)).not.toContain(homelessLeader.id);
    // By email; fewer than three letters find only the people the leader may see anyway.
    expect((await find(leader, 'outside.')).map((p) => p.id)).toEqual([external.id]);
    expect((await find(leader, 'jo')).map((p) => p.id)).not.toContain(external.id);
    // The people search itself still does not reach them.
    expect(((await leader.get('/api/people?q=jordan')).json() as { people: { id: string }[] }).people.map((p) => p.id)).toEqual([northPerson.id]);
    // Choosing them: the engagement is set up and the coach gains the school.
    const made = await leader.post('/api/coaching/engagements', { ...engagementBody(school, ['celebrate-progress']), coachPersonId: external.id });
    expect(made.statusCode, made.body).toBe(201);
    // A viewer may not search for coaches; a leader of another district not at this school.
    expect([403, 404]).toContain((await viewer.get(`/api/units/${school.id}/coaching/coach-candidates?q=jordan`)).statusCode);
    expectProblem(await southLeader.get(`/api/units/${school.id}/coaching/coach-candidates?q=jordan`), 404);
    expectProblem(await leader.get(`/api/units/${school.id}/coaching/coach-candidates?q=`), 400, { field: 'q' });
  });

  it('keeps an engagement to the picker’s people when an id is sent directly: another district’s person is refused as coach or leader, naming nobody and writing nothing; facilitator checks and hand-over plans too', async () => {
    const southTeacher = await createPerson(api.db, { home: southSchool, name: 'Riley South Secret', email: `riley.south.${process.pid}@south.test`, password: null });
    const roaming = await createPersonWithRole(api.db, tree.south.unit, 'leader', { home: null, name: 'Riley Roaming Leader' });
    const northTeacher = await createPerson(api.db, { home: school, name: 'Riley North Teacher', password: null });
    const before = await fingerprint(api.db);
    for (const [field, body] of [
      ['coachPersonId', { ...engagementBody(school, ['celebrate-progress']), coachPersonId: southTeacher.id }],
      ['coachPersonId', { ...engagementBody(school, ['celebrate-progress']), coachPersonId: roaming.id }],
      ['target.leaderPersonId', { ...engagementBody(school, ['celebrate-progress']), target: { leaderPersonId: southTeacher.id } }],
    ] as const) {
      const res = await leader.post('/api/coaching/engagements', body);
      expectProblem(res, 400, { field, rule: /must be someone you may see/ });
      expect(res.body).not.toMatch(/Riley|south\.test/);
    }
    expect(await fingerprint(api.db)).toEqual(before);
    // The picker's people still can be chosen; a change to another district's person is refused too.
    const made = await leader.post('/api/coaching/engagements', { ...engagementBody(school, ['celebrate-progress']), target: { leaderPersonId: northTeacher.id } });
    expect(made.statusCode, made.body).toBe(201);
    const e = made.json() as { engagement: { id: string; version: number } };
    const changed = await leader.patch(`/api/coaching/engagements/${e.engagement.id}`, { version: e.engagement.version, coachPersonId: southTeacher.id });
    expectProblem(changed, 400, { field: 'coachPersonId', rule: /must be someone you may see/ });
    // Facilitator checks and hand-over plans answer with the person's name too: the same rule.
    const check = await leader.post('/api/coaching/facilitator-checks', { facilitatorPersonId: southTeacher.id, unitId: school.id, checkedOn: chicagoToday(), answers: [{ itemKey: 'identify-administrative-lead', answer: 'yes' }] });
    expectProblem(check, 400, { field: 'facilitatorPersonId', rule: /must be someone you may see/ });
    expect(check.body).not.toMatch(/Riley/);
    const handOver = await leader.post(`/api/units/${school.id}/coaching/capacity-transfers`, { internalLeaderPersonId: southTeacher.id, capacities: ['celebrate-progress'], plannedHandOverOn: dayFromToday(60) });
    expectProblem(handOver, 400, { field: 'internalLeaderPersonId', rule: /must be someone you may see/ });
    expect(handOver.body).not.toMatch(/Riley/);
    const ownCheck = await leader.post('/api/coaching/facilitator-checks', { facilitatorPersonId: northTeacher.id, unitId: school.id, checkedOn: chicagoToday(), answers: [{ itemKey: 'identify-administrative-lead', answer: 'yes' }] });
    expect(ownCheck.statusCode, ownCheck.body).toBe(201);
    // The state leader sees the south teacher: they may name them.
    const byState = await stateLeader.post('/api/coaching/engagements', { ...engagementBody(school, ['celebrate-progress']), coachPersonId: southTeacher.id });
    expect(byState.statusCode, byState.body).toBe(201);
  });
});
