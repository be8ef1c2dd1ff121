// Systemic-change mechanisms through the API: establish from the catalog, edit with versions, the
// life cycle, customized functions and their departures, membership, composition warnings, the
// audit trail, and who may do what.
import { describe, expect, it } from 'vitest';
import { MECHANISM_CATALOG, mechanismKindEntry, type MechanismDetail, type MechanismFunctionEntry, type Membership, type PersonMechanism } from '@trellis/core';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { SESSION_COOKIE, signIn, type Agent } from './support/agent.js';
import { useApi } from './support/api.js';
import { testDatabases } from './support/databases.js';
import { createPerson, createPersonWithRole, createStateTree, createSystemAdmin, PASSWORD, type StateTree, type TestPerson } from './support/factories.js';
import { countRows, expectProblem, fingerprint } from './support/problems.js';

describe.each(testDatabases())('mechanisms on $name', (target) => {
  let tree: StateTree;
  let system: Agent;
  let districtEditor: Agent;
  let districtViewer: Agent;
  let schoolEditor: Agent; // editor at one north school only
  let people: TestPerson[];
  let southPerson: TestPerson;
  const api = useApi(target, async ({ db, app }) => {
    tree = await createStateTree(db);
    const district = tree.north.unit;
    const school = tree.north.feederPatterns[0]!.schools[0]!;
    system = await signIn(app, (await createSystemAdmin(db)).email, PASSWORD);
    districtEditor = await signIn(app, (await createPersonWithRole(db, district, 'editor')).email, PASSWORD);
    districtViewer = await signIn(app, (await createPersonWithRole(db, district, 'viewer')).email, PASSWORD);
    schoolEditor = await signIn(app, (await createPersonWithRole(db, school, 'editor')).email, PASSWORD);
    const titles = ['Director of Curriculum and Instruction', 'Assessment and Accountability Director', 'Director of Student Supports', 'School Psychologist'];
    people = [];
    for (const title of titles) people.push(await createPerson(db, { home: district, title, password: null }));
    southPerson = await createPerson(db, { home: tree.south.unit, title: 'Counselor', password: null });
  });

  const establish = async (agent: Agent, unitId: string, kind: string, extra: Record<string, unknown> = {}) => {
    const res = await agent.post('/api/mechanisms', { unitId, kind, ...extra });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as MechanismDetail;
  };
  const join = async (agent: Agent, mechanismId: string, personId: string, role = 'member', extra: Record<string, unknown> = {}) => {
    const res = await agent.post(`/api/mechanisms/${mechanismId}/members`, { personId, role, designated: true, trained: true, ...extra });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Membership;
  };
  const detail = async (agent: Agent, id: string) => (await agent.get(`/api/mechanisms/${id}`)).json() as MechanismDetail;

  it('establishes a mechanism from the catalog: the functions are copied, cited, and in the catalog’s order', async () => {
    const m = await establish(districtEditor, tree.north.unit.id, 'steering_body', { charter: 'Steer the district’s transformation.' });
    const kind = mechanismKindEntry('steering_body');
    expect(m).toMatchObject({ kind: 'steering_body', kindName: kind.name, name: kind.name, status: 'forming', catalogVersion: MECHANISM_CATALOG.version, unitId: tree.north.unit.id, version: 1, memberCount: 0 });
    expect(m.functions.map((f) => f.catalogKey)).toEqual(kind.functions.map((f) => f.key));
    expect(m.functions.map((f) => f.text)).toEqual(kind.functions.map((f) => f.text));
    for (const f of m.functions) {
      expect(f.departure).toBe('as-catalog');
      expect(f.source?.section).toBeTruthy();
    }
    expect(m.departures).toMatchObject({ departs: false, reworded: 0, dropped: 0, added: 0, missing: [] });
    expect(await countRows(api.db, 'mechanism_functions', 'mechanism_id = $1', [m.id])).toBe(kind.functions.length);
    const list = (await districtViewer.get(`/api/units/${tree.north.unit.id}/mechanisms`)).json() as { id: string }[];
    expect(list.map((x) => x.id)).toContain(m.id);
  });

  it('renames with the version loaded; a stale version is refused with 409 and changes nothing', async () => {
    const m = await establish(districtEditor, tree.north.unit.id, 'design_team');
    const renamed = await districtEditor.patch(`/api/mechanisms/${m.id}`, { version: 1, name: 'North Design Team' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'North Design Team', version: 2 });
    const before = await fingerprint(api.db);
    expectProblem(await districtEditor.patch(`/api/mechanisms/${m.id}`, { version: 1, name: 'Lost Update' }), 409, { field: 'version' });
    expect(await fingerprint(api.db)).toEqual(before);
  });

  it('moves through its life cycle to retired, with the regular structure that takes on its functions; retired → active is refused', async () => {
    const m = await establish(districtEditor, tree.north.unit.id, 'change_team');
    let res = await districtEditor.post(`/api/mechanisms/${m.id}/status`, { version: 1, status: 'active', on: '2026-09-01' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'active', startedOn: '2026-09-01', statusChangedOn: '2026-09-01', version: 2 });
    expectProblem(await districtEditor.post(`/api/mechanisms/${m.id}/status`, { version: 2, status: 'retired' }), 409, { field: 'status', rule: 'sunsetting' });
    res = await districtEditor.post(`/api/mechanisms/${m.id}/status`, { version: 2, status: 'sunsetting' });
    expect(res.json()).toMatchObject({ status: 'sunsetting', version: 3 });
    expectProblem(await districtEditor.post(`/api/mechanisms/${m.id}/status`, { version: 3, status: 'retired' }), 400, { field: 'assimilatedInto', rule: 'required' });
    res = await districtEditor.post(`/api/mechanisms/${m.id}/status`, { version: 3, status: 'retired', assimilatedInto: 'Learning Supports Department' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'retired', assimilatedInto: 'Learning Supports Department', version: 4 });
    const before = await fingerprint(api.db);
    expectProblem(await districtEditor.post(`/api/mechanisms/${m.id}/status`, { version: 4, status: 'active' }), 409, { field: 'status', rule: 'retired' });
    expectProblem(await districtEditor.patch(`/api/mechanisms/${m.id}`, { version: 4, name: 'Revived' }), 409, { field: 'status' });
    expect(await fingerprint(api.db)).toEqual(before);
  });

  it('customizes functions (reword, drop with a reason, restore, add) and shows where the list departs from the catalog', async () => {
    const m = await establish(districtEditor, tree.north.unit.id, 'planning_team');
    const [first, second, third] = m.functions as [MechanismFunctionEntry, MechanismFunctionEntry, MechanismFunctionEntry];
    let res = await districtEditor.patch(`/api/mechanisms/${m.id}/functions/${first.id}`, { version: 1, text: 'Our own words for this function.' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ departure: 'reworded', catalogText: first.text, text: 'Our own words for this function.', version: 2 });
    res = await districtEditor.patch(`/api/mechanisms/${m.id}/functions/${second.id}`, { version: 1, droppedReason: 'The district’s design team does this.' });
    expect(res.json()).toMatchObject({ departure: 'dropped', droppedReason: 'The district’s design team does this.' });
    res = await districtEditor.patch(`/api/mechanisms/${m.id}/functions/${third.id}`, { version: 1, droppedReason: 'Not needed.' });
    res = await districtEditor.patch(`/api/mechanisms/${m.id}/functions/${third.id}`, { version: 2, droppedReason: null });
    expect(res.json()).toMatchObject({ departure: 'as-catalog', droppedReason: null, version: 3 });
    res = await districtEditor.post(`/api/mechanisms/${m.id}/functions`, { text: 'Coordinate with the county’s mental health partners.' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ catalogKey: null, departure: 'added', catalogText: null, source: null, position: m.functions.length + 1 });
    expectProblem(await districtEditor.patch(`/api/mechanisms/${m.id}/functions/${first.id}`, { version: 1, text: 'Stale' }), 409, { field: 'version' });

    const d = await detail(districtViewer, m.id);
    expect(d.departures).toMatchObject({ departs: true, reworded: 1, dropped: 1, added: 1, asCatalog: m.functions.length - 2 });
    expect(d.functions.at(-1)!.departure).toBe('added');
    const trail = await api.db.query<{ action: string }>(`select action from audit_events where entity_type = 'mechanism_function' and entity_id = any($1::text[]) order by id`, [[first.id, second.id, third.id]]);
    expect(trail.map((r) => r.action)).toEqual(['mechanism_function.reword', 'mechanism_function.drop', 'mechanism_function.drop', 'mechanism_function.restore']);
  });

  it('staffs mechanisms: one person sits on two; their person page lists both; a second open seat on one is refused', async () => {
    const steering = await establish(districtEditor, tree.north.unit.id, 'steering_body', { name: 'Staffing Steering Body' });
    const work = await establish(districtEditor, tree.north.unit.id, 'work_group', { name: 'Mapping Work Group' });
    const a = await join(districtEditor, steering.id, people[2]!.id, 'lead', { startOn: '2026-09-01' });
    expect(a).toMatchObject({ role: 'lead', personName: people[2]!.name, personTitle: 'Director of Student Supports', designated: true, trained: true, startOn: '2026-09-01', endOn: null, active: true, version: 1 });
    await join(districtEditor, work.id, people[2]!.id, 'member');
    expectProblem(await districtEditor.post(`/api/mechanisms/${steering.id}/members`, { personId: people[2]!.id, role: 'member', designated: false, trained: false }), 409, { field: 'personId' });

    const seats = (await districtViewer.get(`/api/people/${people[2]!.id}/mechanisms`)).json() as PersonMechanism[];
    expect(seats.map((s) => s.mechanismName).sort()).toEqual(['Mapping Work Group', 'Staffing Steering Body']);
    expect(seats.find((s) => s.mechanismId === steering.id)).toMatchObject({ role: 'lead', mechanismKind: 'steering_body', unitId: tree.north.unit.id });

    // End-dating records a departure; the membership stays in the record as past.
    const ended = await districtEditor.patch(`/api/mechanisms/${work.id}/members/${(await detail(districtEditor, work.id)).members[0]!.id}`, { version: 1, endOn: '2026-10-01' });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json()).toMatchObject({ endOn: '2026-10-01', active: false, version: 2 });
    expectProblem(await districtEditor.patch(`/api/mechanisms/${work.id}/members/${ended.json().id}`, { version: 1, trained: false }), 409, { field: 'version' });
    expectProblem(await districtEditor.patch(`/api/mechanisms/${work.id}/members/${ended.json().id}`, { version: 2, startOn: '2026-11-01' }), 400, { field: 'endOn' });

    // The person's list holds only mechanisms the caller may read: a seat at a south school stays hidden from the north.
    const south = await establish(system, tree.south.feederPatterns[0]!.schools[0]!.id, 'design_team', { name: 'South Design Team' });
    await join(system, south.id, people[2]!.id);
    expect(((await system.get(`/api/people/${people[2]!.id}/mechanisms`)).json() as PersonMechanism[]).map((s) => s.mechanismName)).toContain('South Design Team');
    expect(((await districtViewer.get(`/api/people/${people[2]!.id}/mechanisms`)).json() as PersonMechanism[]).map((s) => s.mechanismName)).not.toContain('South Design Team');
    expectProblem(await districtViewer.get(`/api/people/${southPerson.id}/mechanisms`), 404);

    // A person outside the caller's reach cannot be added (404, as if they did not exist).
    expectProblem(await districtEditor.post(`/api/mechanisms/${steering.id}/members`, { personId: southPerson.id, role: 'member', designated: false, trained: false }), 404);
    // Removing a seat entered by mistake.
    const mistake = await join(districtEditor, work.id, people[3]!.id);
    expect((await districtEditor.delete(`/api/mechanisms/${work.id}/members/${mistake.id}`)).statusCode).toBe(204);
    expectProblem(await districtEditor.delete(`/api/mechanisms/${work.id}/members/${mistake.id}`), 404);
  });

  it('seats a person once when two requests add them at the same time', async () => {
    const m = await establish(districtEditor, tree.north.unit.id, 'work_group', { name: 'Racing Work Group' });
    const body = { personId: people[3]!.id, role: 'member', designated: false, trained: false };
    const results = await Promise.all([districtEditor.post(`/api/mechanisms/${m.id}/members`, body), districtEditor.post(`/api/mechanisms/${m.id}/members`, body)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(await countRows(api.db, 'mechanism_members', 'mechanism_id = $1', [m.id])).toBe(1);
  });

  it('shows composition warnings, each cited, and clears them as the composition follows the guidance', async () => {
    const school = tree.north.feederPatterns[1]!.schools[0]!;
    const planning = await establish(system, school.id, 'planning_team');
    const codes = (d: MechanismDetail) => d.warnings.map((w) => w.code).sort();
    expect(codes(planning)).toEqual(['no_data_leader', 'no_instruction_leader', 'no_lead', 'no_steering_body_member']);
    for (const w of planning.warnings) {
      expect(w.message.length).toBeGreaterThan(20);
      expect(w.source.section).toBeTruthy();
    }
    const steering = await establish(system, school.id, 'steering_body');
    await join(system, steering.id, people[0]!.id, 'lead');
    await join(system, planning.id, people[0]!.id, 'lead');
    await join(system, planning.id, people[1]!.id);
    expect(codes(await detail(system, planning.id))).toEqual([]);

    // Too large a steering body (over the catalog's threshold).
    const max = mechanismKindEntry('steering_body').guidance.maxMembers!.value;
    for (let i = 0; i < max; i++) await join(system, steering.id, (await createPerson(api.db, { home: school, title: 'Teacher', password: null })).id);
    expect(codes(await detail(system, steering.id))).toContain('too_many_members');

    // An implementation team wants 2–3 members who are designated AND trained.
    const impl = await establish(system, school.id, 'implementation_team');
    await join(system, impl.id, people[2]!.id, 'member', { trained: false });
    expect((await detail(system, impl.id)).warnings).toEqual([expect.objectContaining({ code: 'designated_trained_count', message: expect.stringContaining('this one has 0') })]);
    await join(system, impl.id, people[3]!.id);
    await join(system, impl.id, people[1]!.id);
    expect(codes(await detail(system, impl.id))).toEqual([]);
  });

  it('warns of a large steering body at the threshold the agency configured', async () => {
    const unit = tree.north.feederPatterns[1]!.schools[1]!;
    const steering = await establish(system, unit.id, 'steering_body');
    await join(system, steering.id, people[0]!.id, 'lead');
    await join(system, steering.id, people[1]!.id);
    await join(system, steering.id, people[2]!.id);
    expect((await detail(system, steering.id)).warnings.map((w) => w.code)).not.toContain('too_many_members');
    const strict = await buildApp({ db: api.db, config: loadConfig({ TRELLIS_WEB_DIST: '/nonexistent/trellis-web-dist', TRELLIS_STEERING_BODY_MAX_MEMBERS: '2' }) });
    try {
      const res = await strict.inject({ method: 'GET', url: `/api/mechanisms/${steering.id}`, headers: { cookie: `${SESSION_COOKIE}=${system.cookie}` } });
      expect(res.statusCode, res.body).toBe(200);
      const warning = (res.json() as MechanismDetail).warnings.find((w) => w.code === 'too_many_members');
      expect(warning).toMatchObject({ basis: 'product-default', message: expect.stringContaining('at most 2') });
    } finally {
      await strict.close();
    }
    expect(() => loadConfig({ TRELLIS_STEERING_BODY_MAX_MEMBERS: 'many' })).toThrow(/TRELLIS_STEERING_BODY_MAX_MEMBERS/);
  });

  it('writes the audit trail for every change, in the mechanism’s unit', async () => {
    const m = await establish(districtEditor, tree.north.unit.id, 'work_group', { name: 'Audited Work Group' });
    await districtEditor.patch(`/api/mechanisms/${m.id}`, { version: 1, charter: 'Map learning supports.' });
    await districtEditor.post(`/api/mechanisms/${m.id}/status`, { version: 2, status: 'active' });
    const member = await join(districtEditor, m.id, people[1]!.id);
    const rows = await api.db.query<{ action: string; entity_type: string; unit_id: string; after: { name?: string } | null }>(
      `select action, entity_type, unit_id, after from audit_events where entity_id = any($1::text[]) order by id`,
      [[m.id, member.id]],
    );
    expect(rows.map((r) => `${r.entity_type} ${r.action}`)).toEqual(['mechanism mechanism.create', 'mechanism mechanism.update', 'mechanism mechanism.status', 'mechanism_member mechanism_member.create']);
    expect(new Set(rows.map((r) => r.unit_id))).toEqual(new Set([tree.north.unit.id]));
    expect(rows[0]!.after).toMatchObject({ name: 'Audited Work Group' });
  });

  it('keeps a school’s editor to their own school (another school’s mechanism is 404) and a viewer from editing (403)', async () => {
    const ownSchool = tree.north.feederPatterns[0]!.schools[0]!;
    const otherSchool = tree.north.feederPatterns[0]!.schools[1]!;
    const own = await establish(schoolEditor, ownSchool.id, 'steering_body');
    const other = await establish(districtEditor, otherSchool.id, 'steering_body');
    const before = await fingerprint(api.db);
    expectProblem(await schoolEditor.patch(`/api/mechanisms/${other.id}`, { version: 1, name: 'Taken Over' }), 404);
    expectProblem(await schoolEditor.get(`/api/mechanisms/${other.id}`), 404);
    expectProblem(await schoolEditor.post('/api/mechanisms', { unitId: otherSchool.id, kind: 'design_team' }), 404);
    expectProblem(await districtViewer.patch(`/api/mechanisms/${own.id}`, { version: 1, name: 'Viewer Rename' }), 403);
    expectProblem(await districtViewer.post(`/api/mechanisms/${own.id}/members`, { personId: people[0]!.id, role: 'member', designated: false, trained: false }), 403);
    expect(await fingerprint(api.db)).toEqual(before);
    expect((await districtViewer.get(`/api/mechanisms/${own.id}`)).statusCode).toBe(200);
  });

  it('serves the catalog to anyone signed in', async () => {
    const res = await districtViewer.get('/api/catalogs/mechanisms');
    expect(res.statusCode).toBe(200);
    const catalog = res.json() as typeof MECHANISM_CATALOG;
    expect(catalog.version).toBe(MECHANISM_CATALOG.version);
    expect(catalog.kinds.map((k) => k.key)).toEqual(MECHANISM_CATALOG.kinds.map((k) => k.key));
    expect(catalog.kinds[0]!.functions[0]!.source).toEqual(MECHANISM_CATALOG.kinds[0]!.functions[0]!.source);
  });
});
