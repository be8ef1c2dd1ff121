// An agency's own benchmark instruments through the API: a district leader builds one from the
// shipped checklist (an item left out, one reworded, one of its own added), a school below assesses
// with it as a team and the district's roll-up of it counts the school; a new version built from the
// latest (and refused from an older one); another district neither sees it nor takes its id; a
// blank instrument; retiring stops new assessments while those started carry on. Audited.
import { describe, expect, it } from 'vitest';
import { BENCHMARK_DEFAULT_INSTRUMENT as checklist, type Unit } from '@trellis/core';
import { signIn, type Agent } from './support/agent.js';
import { useApi } from './support/api.js';
import { testDatabases } from './support/databases.js';
import { createPersonWithRole, createStateTree, createUnit, PASSWORD, type StateTree, type TestPerson } from './support/factories.js';
import { expectProblem } from './support/problems.js';

const [first, second] = [checklist.items[0]!, checklist.items[1]!];
const ownItem = { key: 'family-nights', title: 'Family nights are held each term', area: 'communication', phase: null, evidence: 'Sign-in sheets and the flyer.' };

interface Listed {
  id: string;
  version: string;
  name: string;
  items: { key: string; title: string; source?: unknown; addedBy?: string; changedBy?: string; departures?: Record<string, unknown> }[];
  removed?: { key: string; title: string }[];
  basedOn?: { id: string; version: string };
  owner: { unitId: string; unitName: string } | null;
  createdByName: string | null;
  retiredAt: string | null;
  retiredByName: string | null;
}

describe.each(testDatabases())('agency benchmark instruments on $name', (target) => {
  let tree: StateTree;
  let school: Unit;
  let southSchool: Unit;
  let leader: Agent;
  let leaderPerson: TestPerson;
  let member: Agent;
  let memberPerson: TestPerson;
  let colleague: TestPerson;
  let southLeader: Agent;
  const api = useApi(target, async ({ db, app }) => {
    tree = await createStateTree(db);
    school = await createUnit(db, 'school', tree.north.feederPatterns[0]!.unit, { name: 'Lincoln Elementary' });
    southSchool = await createUnit(db, 'school', tree.south.feederPatterns[0]!.unit, { name: 'Adams Elementary' });
    leaderPerson = await createPersonWithRole(db, tree.north.unit, 'leader');
    leader = await signIn(app, leaderPerson.email, PASSWORD);
    memberPerson = await createPersonWithRole(db, school, 'member');
    member = await signIn(app, memberPerson.email, PASSWORD);
    colleague = await createPersonWithRole(db, school, 'member');
    southLeader = await signIn(app, (await createPersonWithRole(db, tree.south.unit, 'leader')).email, PASSWORD);
  });
  const listAt = async (agent: Agent, unitId: string) => {
    const res = await agent.get(`/api/units/${unitId}/progress-instruments`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().benchmark as Listed[];
  };
  const auditOf = (entityId: string) => api.db.query<{ action: string; after: unknown }>('select action, after from audit_events where entity_id = $1 order by id', [entityId]);

  it('builds one from the checklist, and a school below assesses with it as a team', async () => {
    const built = await leader.post('/api/progress-instruments', {
      unitId: tree.north.unit.id,
      id: 'north-checklist',
      version: '2026.12.0',
      name: 'North district checklist',
      basedOn: { id: checklist.id, version: checklist.version },
      removeItems: [second.key],
      changeItems: [{ key: first.key, title: 'Our words for the first item', evidence: 'The board minutes.' }],
      items: [ownItem],
    });
    expect(built.statusCode, built.body).toBe(201);
    expect(built.json()).toMatchObject({ id: 'north-checklist', version: '2026.12.0', builtBy: tree.north.unit.name, owner: { unitId: tree.north.unit.id }, createdByName: leaderPerson.name, retiredAt: null });
    expect(await auditOf('north-checklist@2026.12.0')).toEqual([
      { action: 'progress_instrument.create', after: expect.objectContaining({ added: [ownItem.key], removed: [second.key], reworded: [first.key], items: checklist.items.length }) },
    ]);

    // The school sees the shipped checklist (each item citing its source) and the district's own.
    const listed = await listAt(member, school.id);
    expect(listed.map((i) => `${i.id} ${i.version}`)).toEqual([`${checklist.id} ${checklist.version}`, 'north-checklist 2026.12.0']);
    expect(listed[0]!.owner).toBeNull();
    expect(listed[0]!.items.every((i) => i.source)).toBe(true);
    const ours = listed[1]!;
    expect(ours.items.map((i) => i.key)).not.toContain(second.key);
    expect(ours.removed).toEqual([{ key: second.key, title: second.title }]);
    expect(ours.items.find((i) => i.key === first.key)).toMatchObject({ title: 'Our words for the first item', changedBy: tree.north.unit.name, departures: { title: first.title, evidence: first.evidence }, source: first.source });
    const own = ours.items.find((i) => i.key === ownItem.key)!;
    expect(own).toMatchObject({ title: ownItem.title, addedBy: tree.north.unit.name });
    expect(own.source).toBeUndefined();
    // Another district sees only the shipped one.
    expect((await listAt(southLeader, southSchool.id)).map((i) => i.id)).toEqual([checklist.id]);

    // A school member may not build one.
    await expectProblem(await member.post('/api/progress-instruments', { unitId: school.id, id: 'lincoln-own', version: '2026.12.0', name: 'x', items: [ownItem] }), 403);

    // The school's team assesses with it: a left-out item cannot be rated, the district's own can.
    const ref = { id: 'north-checklist', version: '2026.12.0' };
    const started = await member.post('/api/benchmark-assessments', { unitId: school.id, period: '2026-Q4', instrument: ref });
    expect(started.statusCode, started.body).toBe(201);
    const a = started.json();
    expect(a.instrument).toMatchObject({ ...ref, name: 'North district checklist' });
    expect(a.completeness.total).toBe(ours.items.length);
    await expectProblem(await member.patch(`/api/benchmark-assessments/${a.id}`, { version: a.version, ratings: [{ itemKey: second.key, rating: 'planned' }] }), 400, { field: 'ratings.0.itemKey' });
    const team = await member.patch(`/api/benchmark-assessments/${a.id}`, {
      version: a.version,
      assessorIds: [memberPerson.id, colleague.id],
      note: 'Completed together at the October team meeting.',
      ratings: ours.items.map((i) => ({ itemKey: i.key, rating: i.key === ownItem.key ? 'fully_in_place' : 'developing' })),
    });
    expect(team.statusCode, team.body).toBe(200);
    expect(team.json()).toMatchObject({ note: 'Completed together at the October team meeting.', completeness: { complete: true } });
    expect(team.json().assessors.map((p: { id: string }) => p.id).sort()).toEqual([memberPerson.id, colleague.id].sort());
    const submitted = await member.post(`/api/benchmark-assessments/${a.id}/submit`, { version: team.json().version, to: 'submitted' });
    expect(submitted.statusCode, submitted.body).toBe(200);

    // The district's roll-up of its own instrument counts the school; the checklist's does not.
    const rollUp = async (query: string) => (await leader.get(`/api/units/${tree.north.unit.id}/benchmark-rollup?period=2026-Q4${query}`)).json();
    const theirs = await rollUp('&instrumentId=north-checklist&instrumentVersion=2026.12.0');
    expect(theirs.current.unitsAssessed).toBe(1);
    expect(theirs.current.items[ownItem.key].counts.fully_in_place).toBe(1);
    expect((await rollUp('')).current.unitsAssessed).toBe(0);
  });

  it('publishes a new version built from the latest, refuses one built from an older version, and keeps ids to their unit', async () => {
    const v1 = await leader.post('/api/progress-instruments', { unitId: tree.north.unit.id, id: 'north-versions', version: '2026.12.0', name: 'Versions', items: [ownItem] });
    expect(v1.statusCode, v1.body).toBe(201);
    const v2 = await leader.post('/api/progress-instruments', {
      unitId: tree.north.unit.id,
      id: 'north-versions',
      version: '2026.12.1',
      name: 'Versions',
      basedOn: { id: 'north-versions', version: '2026.12.0' },
      changeItems: [{ key: ownItem.key, title: 'Family nights are held each month' }],
    });
    expect(v2.statusCode, v2.body).toBe(201);
    const item = (v2.json() as Listed).items.find((i) => i.key === ownItem.key)!;
    // Still the district's own item; what it said in 2026.12.0 is kept beside it.
    expect(item).toMatchObject({ title: 'Family nights are held each month', addedBy: tree.north.unit.name, departures: { title: ownItem.title } });
    expect(v2.json().basedOn).toEqual({ id: 'north-versions', version: '2026.12.0' });
    // Someone who started from 2026.12.0 before 2026.12.1 was published is told to start again.
    await expectProblem(
      await leader.post('/api/progress-instruments', { unitId: tree.north.unit.id, id: 'north-versions', version: '2026.12.2', name: 'Versions', basedOn: { id: 'north-versions', version: '2026.12.0' }, removeItems: [first.key] }),
      409,
      { field: 'basedOn', rule: 'is not the latest version' },
    );
    await expectProblem(await leader.post('/api/progress-instruments', { unitId: tree.north.unit.id, id: 'north-versions', version: '2026.12.1', name: 'Versions', removeItems: [first.key] }), 400, { field: 'version', rule: 'must come after 2026.12.1' });
    await expectProblem(await southLeader.post('/api/progress-instruments', { unitId: tree.south.unit.id, id: 'north-versions', version: '2027.1.0', name: 'Mine', items: [ownItem] }), 409, { field: 'id' });
    // Building on another district's instrument is refused as if it did not exist.
    await expectProblem(
      await southLeader.post('/api/progress-instruments', { unitId: tree.south.unit.id, id: 'south-copy', version: '2027.1.0', name: 'Copy', basedOn: { id: 'north-versions', version: '2026.12.1' }, removeItems: [first.key] }),
      400,
      { field: 'basedOn' },
    );
  });

  it('builds a blank instrument from its own areas and items', async () => {
    const res = await leader.post('/api/progress-instruments', {
      unitId: tree.north.unit.id,
      id: 'north-blank',
      version: '2026.12.0',
      name: 'Family partnership',
      basedOn: null,
      areas: [{ key: 'families', label: 'Families', description: 'Partnership with families.' }],
      items: [{ ...ownItem, area: 'families' }],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().areas.map((a: { key: string }) => a.key)).toEqual(['families']);
    expect(res.json().items).toHaveLength(1);
    expect(res.json().basedOn).toBeUndefined();
  });

  it('retires an instrument: no new assessment with it, while one already started carries on', async () => {
    const ref = { id: 'north-retiring', version: '2026.12.0' };
    expect((await leader.post('/api/progress-instruments', { unitId: tree.north.unit.id, ...ref, name: 'Retiring', items: [ownItem] })).statusCode).toBe(201);
    const started = (await member.post('/api/benchmark-assessments', { unitId: school.id, period: '2026-Q3', instrument: ref })).json();
    const districtMember = await signIn(api.app, (await createPersonWithRole(api.db, tree.north.unit, 'member')).email, PASSWORD);
    await expectProblem(await districtMember.post('/api/progress-instruments/retirements', { instrument: ref }), 403);
    await expectProblem(await southLeader.post('/api/progress-instruments/retirements', { instrument: ref }), 404);

    const retired = await leader.post('/api/progress-instruments/retirements', { instrument: ref });
    expect(retired.statusCode, retired.body).toBe(200);
    expect(retired.json()).toMatchObject({ ...ref, retiredByName: leaderPerson.name, retiredAt: expect.any(String) });
    expect((await listAt(member, school.id)).find((i) => i.id === ref.id)!.retiredAt).toEqual(expect.any(String));
    expect((await auditOf('north-retiring@2026.12.0')).map((e) => e.action)).toEqual(['progress_instrument.create', 'progress_instrument.retire']);

    await expectProblem(await leader.post('/api/progress-instruments/retirements', { instrument: ref }), 409, { field: 'instrument', rule: 'is retired already' });
    await expectProblem(await member.post('/api/benchmark-assessments', { unitId: school.id, period: '2026-Q2', instrument: ref }), 400, { field: 'instrument', rule: 'is retired' });
    // Nobody learns of another district's retired instrument: outside reach, or at no unit, it is a 404.
    await expectProblem(await southLeader.post('/api/benchmark-assessments', { unitId: school.id, period: '2026-Q2', instrument: ref }), 404);
    const nowhere = await southLeader.post('/api/benchmark-assessments', { unitId: '00000000-0000-4000-8000-000000000000', period: '2026-Q2', instrument: ref });
    expectProblem(nowhere, 404);
    expect(nowhere.body).not.toMatch(/retired/);
    const saved = await member.patch(`/api/benchmark-assessments/${started.id}`, { version: started.version, ratings: [{ itemKey: ownItem.key, rating: 'planned' }] });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await member.get(`/api/benchmark-assessments/${started.id}`)).json().instrument.id).toBe(ref.id);
  });
});
