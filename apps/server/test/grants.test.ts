// Role grants: giving and revoking, the limits on who may give what, and who sees which grants.
import { describe, expect, it } from 'vitest';
import type { Grant } from '@trellis/core';
import { signIn, type Agent } from './support/agent.js';
import { useApi } from './support/api.js';
import { testDatabases } from './support/databases.js';
import { createPerson, createPersonWithRole, createStateTree, createSystemAdmin, PASSWORD, type StateTree, type TestPerson } from './support/factories.js';
import { countRows, expectProblem, fingerprint } from './support/problems.js';

describe.each(testDatabases())('grants on $name', (target) => {
  let tree: StateTree;
  let system: Agent;
  let northAdmin: Agent;
  let northAdminPerson: TestPerson;
  let northLeader: Agent;
  let stateAdminPerson: TestPerson;
  const api = useApi(target, async ({ db, app }) => {
    tree = await createStateTree(db);
    const sys = await createSystemAdmin(db);
    stateAdminPerson = await createPersonWithRole(db, tree.state, 'admin');
    northAdminPerson = await createPersonWithRole(db, tree.north.unit, 'admin');
    const leader = await createPersonWithRole(db, tree.north.unit, 'leader');
    system = await signIn(app, sys.email, PASSWORD);
    northAdmin = await signIn(app, northAdminPerson.email, PASSWORD);
    northLeader = await signIn(app, leader.email, PASSWORD);
  });
  const school = () => tree.north.feederPatterns[0]!.schools[0]!;

  it('gives a role that holds in the whole subtree, and takes it away again', async () => {
    const person = await createPerson(api.db, { home: school() });
    const fp = tree.north.feederPatterns[0]!;
    const theirs = await signIn(api.app, person.email, PASSWORD);
    expectProblem(await theirs.get(`/api/units/${fp.schools[1]!.id}`), 404);

    const res = await northAdmin.post('/api/grants', { personId: person.id, unitId: fp.unit.id, role: 'editor' });
    expect(res.statusCode, res.body).toBe(201);
    const grant = res.json() as Grant;
    expect(grant).toMatchObject({ personId: person.id, personEmail: person.email, unitId: fp.unit.id, unitName: fp.unit.name, unitKind: 'feeder_pattern', role: 'editor' });
    // The same session now sees the feeder pattern and the schools in it.
    expect((await theirs.get(`/api/units/${fp.schools[1]!.id}`)).statusCode).toBe(200);
    expect((await theirs.get('/api/auth/session')).json().grants).toEqual([{ unitId: fp.unit.id, unitName: fp.unit.name, unitKind: 'feeder_pattern', role: 'editor' }]);

    expect((await northAdmin.delete(`/api/grants/${grant.id}`)).statusCode).toBe(204);
    expect(await countRows(api.db, 'grants', 'id = $1', [grant.id])).toBe(0);
    expectProblem(await theirs.get(`/api/units/${fp.schools[1]!.id}`), 404);
    expectProblem(await northAdmin.delete(`/api/grants/${grant.id}`), 404);
  });

  it('lets an administrator give any role up to their own', async () => {
    const person = await createPerson(api.db, { home: school() });
    expect((await northAdmin.post('/api/grants', { personId: person.id, unitId: school().id, role: 'admin' })).statusCode).toBe(201);
  });

  it('refuses a role from someone below administrator, even a role below their own', async () => {
    const person = await createPerson(api.db, { home: school() });
    const before = await fingerprint(api.db);
    for (const role of ['viewer', 'leader', 'admin']) {
      expectProblem(await northLeader.post('/api/grants', { personId: person.id, unitId: school().id, role }), 403, { rule: 'administrator' });
    }
    expect(await fingerprint(api.db)).toEqual(before);
  });

  it('refuses a role at a unit above the giver’s own grant (404: they cannot see it)', async () => {
    const person = await createPerson(api.db, { home: tree.north.unit });
    expectProblem(await northAdmin.post('/api/grants', { personId: person.id, unitId: tree.state.id, role: 'viewer' }), 404);
    expectProblem(await northAdmin.post('/api/grants', { personId: person.id, unitId: tree.south.unit.id, role: 'viewer' }), 404);
    expect(await countRows(api.db, 'grants', 'person_id = $1', [person.id])).toBe(0);
  });

  it('refuses to give a role to someone the giver cannot see (404 naming the person)', async () => {
    const southPerson = await createPerson(api.db, { home: tree.south.unit });
    expectProblem(await northAdmin.post('/api/grants', { personId: southPerson.id, unitId: school().id, role: 'viewer' }), 404, { rule: 'person' });
  });

  it('refuses a second role for the same person at the same unit (409 naming unitId)', async () => {
    const person = await createPerson(api.db, { home: school(), grants: [[school(), 'viewer']] });
    expectProblem(await northAdmin.post('/api/grants', { personId: person.id, unitId: school().id, role: 'member' }), 409, { field: 'unitId' });
  });

  it('does not let a district administrator take away a role given above them', async () => {
    const [stateGrant] = (await system.get(`/api/people/${stateAdminPerson.id}/grants`)).json() as Grant[];
    expectProblem(await northAdmin.delete(`/api/grants/${stateGrant!.id}`), 404);
    expect(await countRows(api.db, 'grants', 'id = $1', [stateGrant!.id])).toBe(1);
  });

  describe('seeing grants', () => {
    it('lists the roles that hold at a unit, including those given above it', async () => {
      const holder = await createPerson(api.db, { home: school(), grants: [[school(), 'member']] });
      const res = await northLeader.get(`/api/units/${school().id}/grants`);
      expect(res.statusCode).toBe(200);
      const grants = res.json() as Grant[];
      const pairs = grants.map((g) => [g.personId, g.unitId, g.role]);
      expect(pairs).toContainEqual([holder.id, school().id, 'member']);
      expect(pairs).toContainEqual([northAdminPerson.id, tree.north.unit.id, 'admin']);
      expect(pairs).toContainEqual([stateAdminPerson.id, tree.state.id, 'admin']);
      // Given above first.
      expect(grants[0]!.unitId).toBe(tree.state.id);
    });

    it('hides the grants of units outside the caller’s subtree', async () => {
      expectProblem(await northLeader.get(`/api/units/${tree.south.unit.id}/grants`), 404);
    });

    it('shows a person’s roles only at units the caller can see', async () => {
      const both = await createPerson(api.db, { home: tree.north.unit, grants: [[tree.north.unit, 'viewer'], [tree.south.unit, 'editor']] });
      const fromNorth = ((await northLeader.get(`/api/people/${both.id}/grants`)).json() as Grant[]).map((g) => g.unitId);
      expect(fromNorth).toEqual([tree.north.unit.id]);
      const fromSystem = ((await system.get(`/api/people/${both.id}/grants`)).json() as Grant[]).map((g) => g.unitId).sort();
      expect(fromSystem).toEqual([tree.north.unit.id, tree.south.unit.id].sort());
      // They see all their own.
      const self = await signIn(api.app, both.email, PASSWORD);
      expect(((await self.get(`/api/people/${both.id}/grants`)).json() as Grant[]).length).toBe(2);
    });

    it('hides the grants of a person at home outside the caller’s subtree', async () => {
      const southPerson = await createPerson(api.db, { home: tree.south.unit, grants: [[tree.south.unit, 'viewer']] });
      expectProblem(await northLeader.get(`/api/people/${southPerson.id}/grants`), 404);
    });
  });
});
