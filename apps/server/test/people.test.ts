// People and their accounts: adding, editing with versions, unique emails, who sees whom
// (by home unit), and passwords set by an administrator.
import { describe, expect, it } from 'vitest';
import type { Person } from '@trellis/core';
import { findPerson } from '@trellis/db';
import { signIn, type Agent } from './support/agent.js';
import { useApi } from './support/api.js';
import { testDatabases } from './support/databases.js';
import { createPerson, createPersonWithRole, createStateTree, createSystemAdmin, PASSWORD, uniqueEmail, type StateTree, type TestPerson } from './support/factories.js';
import { countRows, expectProblem, fingerprint } from './support/problems.js';

describe.each(testDatabases())('people on $name', (target) => {
  let tree: StateTree;
  let system: Agent;
  let northAdmin: Agent;
  let northLeader: Agent;
  let northViewer: Agent;
  let northPerson: TestPerson; // at home in a north school
  let southPerson: TestPerson; // at home in a south school
  const api = useApi(target, async ({ db, app }) => {
    tree = await createStateTree(db);
    const sys = await createSystemAdmin(db);
    const admin = await createPersonWithRole(db, tree.north.unit, 'admin');
    const leader = await createPersonWithRole(db, tree.north.unit, 'leader');
    const viewer = await createPersonWithRole(db, tree.north.unit, 'viewer');
    northPerson = await createPerson(db, { home: tree.north.feederPatterns[0]!.schools[0]!, name: 'Nadia North', title: 'School Counselor' });
    southPerson = await createPerson(db, { home: tree.south.feederPatterns[0]!.schools[0]!, name: 'Samuel South', title: 'School Psychologist' });
    system = await signIn(app, sys.email, PASSWORD);
    northAdmin = await signIn(app, admin.email, PASSWORD);
    northLeader = await signIn(app, leader.email, PASSWORD);
    northViewer = await signIn(app, viewer.email, PASSWORD);
  });

  describe('adding', () => {
    it('adds a person at a unit in the leader’s district; without a password they cannot sign in yet', async () => {
      const email = uniqueEmail('Priya Patel');
      const res = await northLeader.post('/api/people', { name: 'Priya Patel', email: `  ${email.toUpperCase()}  `, title: 'School Psychologist', homeUnitId: tree.north.feederPatterns[1]!.schools[0]!.id });
      expect(res.statusCode, res.body).toBe(201);
      const person = res.json() as Person;
      expect(person).toMatchObject({ name: 'Priya Patel', email, title: 'School Psychologist', homeUnitId: tree.north.feederPatterns[1]!.schools[0]!.id, homeUnitName: tree.north.feederPatterns[1]!.schools[0]!.name, hasPassword: false, isSystemAdmin: false, version: 1 });
      expect(res.body).not.toContain('password_hash');
      expectProblem(await api.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: PASSWORD } }), 401);
    });

    it('adds a person with a password, who can then sign in', async () => {
      const email = uniqueEmail('Can Sign In');
      const res = await northLeader.post('/api/people', { name: 'Can Sign In', email, homeUnitId: tree.north.unit.id, password: 'a long enough password' });
      expect(res.json().hasPassword).toBe(true);
      await signIn(api.app, email, 'a long enough password');
    });

    it('refuses an email someone already has, in any case, with a 409 naming email', async () => {
      const before = await fingerprint(api.db);
      expectProblem(await northLeader.post('/api/people', { name: 'Copy Cat', email: northPerson.email.toUpperCase(), homeUnitId: tree.north.unit.id }), 409, { field: 'email', rule: 'already used' });
      // Even when the holder is outside the caller's reach.
      expectProblem(await northLeader.post('/api/people', { name: 'Copy Cat', email: southPerson.email, homeUnitId: tree.north.unit.id }), 409, { field: 'email' });
      expect(await fingerprint(api.db)).toEqual(before);
    });

    it('refuses a home unit outside the caller’s district as if it did not exist', async () => {
      expectProblem(await northLeader.post('/api/people', { name: 'Elsewhere', email: uniqueEmail('elsewhere'), homeUnitId: tree.south.unit.id }), 404, { rule: 'home unit' });
    });

    it('refuses a viewer (403)', async () => {
      expectProblem(await northViewer.post('/api/people', { name: 'Not Allowed', email: uniqueEmail('not allowed'), homeUnitId: tree.north.unit.id }), 403);
    });
  });

  describe('editing', () => {
    it('changes details with the current version and bumps it', async () => {
      const person = await createPerson(api.db, { home: tree.north.unit, name: 'Old Name' });
      const res = await northLeader.patch(`/api/people/${person.id}`, { version: 1, name: 'New Name', title: 'Coordinator' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ name: 'New Name', title: 'Coordinator', version: 2 });
      expect((await northViewer.get(`/api/people/${person.id}`)).json().name).toBe('New Name');
    });

    it('refuses a stale version with 409 and changes nothing', async () => {
      const person = await createPerson(api.db, { home: tree.north.unit, name: 'Versioned Person' });
      await northLeader.patch(`/api/people/${person.id}`, { version: 1, title: 'First' });
      const before = await fingerprint(api.db);
      expectProblem(await northLeader.patch(`/api/people/${person.id}`, { version: 1, title: 'Second' }), 409, { field: 'version' });
      expect(await fingerprint(api.db)).toEqual(before);
      expect((await findPerson(api.db, person.id))!.title).toBe('First');
    });

    it('refuses changing the email to one another person has (409 naming email)', async () => {
      const person = await createPerson(api.db, { home: tree.north.unit });
      expectProblem(await northLeader.patch(`/api/people/${person.id}`, { version: 1, email: northPerson.email }), 409, { field: 'email' });
      expect((await findPerson(api.db, person.id))!.email).toBe(person.email);
    });

    it('moves a person’s home within the district, but not to a unit outside it', async () => {
      const person = await createPerson(api.db, { home: tree.north.unit });
      const moved = await northLeader.patch(`/api/people/${person.id}`, { version: 1, homeUnitId: tree.north.feederPatterns[0]!.unit.id });
      expect(moved.json()).toMatchObject({ homeUnitId: tree.north.feederPatterns[0]!.unit.id, version: 2 });
      expectProblem(await northLeader.patch(`/api/people/${person.id}`, { version: 2, homeUnitId: tree.south.unit.id }), 404);
      expect((await findPerson(api.db, person.id))!.homeUnitId).toBe(tree.north.feederPatterns[0]!.unit.id);
    });

    it('does not let a leader edit someone at home outside their district (404)', async () => {
      expectProblem(await northLeader.patch(`/api/people/${southPerson.id}`, { version: southPerson.version, name: 'Hijacked' }), 404);
      expect((await findPerson(api.db, southPerson.id))!.name).toBe('Samuel South');
    });
  });

  describe('who sees whom', () => {
    it('lists only people at home in the caller’s subtree', async () => {
      const res = await northViewer.get('/api/people?limit=500');
      expect(res.statusCode).toBe(200);
      const { people, total } = res.json() as { people: Person[]; total: number };
      const ids = people.map((p) => p.id);
      expect(ids).toContain(northPerson.id);
      expect(ids).not.toContain(southPerson.id);
      expect(total).toBe(people.length);
      const northIds = new Set(((await system.get(`/api/units/${tree.north.unit.id}/subtree`)).json() as { id: string }[]).map((u) => u.id));
      for (const p of people) expect(northIds.has(p.homeUnitId!)).toBe(true);
      const everyone = (await system.get('/api/people?limit=500')).json() as { total: number };
      expect(everyone.total).toBe(await countRows(api.db, 'people'));
    });

    it('finds people by name, email or title, and under one unit', async () => {
      const byName = (await northViewer.get('/api/people?q=nadia')).json().people.map((p: Person) => p.id);
      expect(byName).toEqual([northPerson.id]);
      expect((await northViewer.get('/api/people?q=samuel')).json()).toEqual({ people: [], total: 0 });
      expect((await system.get('/api/people?q=school%20psychologist')).json().people.map((p: Person) => p.id)).toContain(southPerson.id);
      const underSchool = (await northViewer.get(`/api/people?unitId=${tree.north.feederPatterns[0]!.schools[0]!.id}`)).json();
      expect(underSchool.people.map((p: Person) => p.id)).toEqual([northPerson.id]);
      expectProblem(await northViewer.get(`/api/people?unitId=${tree.south.unit.id}`), 404);
    });

    it('pages with limit and offset over a stable order', async () => {
      const first = (await system.get('/api/people?limit=2&offset=0')).json();
      const second = (await system.get('/api/people?limit=2&offset=2')).json();
      expect(first.people).toHaveLength(2);
      expect(first.total).toBe(second.total);
      expect(first.people.map((p: Person) => p.id)).not.toContain(second.people[0].id);
    });

    it('shows a person at home inside the subtree and hides one outside it (404)', async () => {
      expect((await northViewer.get(`/api/people/${northPerson.id}`)).json().email).toBe(northPerson.email);
      expectProblem(await northViewer.get(`/api/people/${southPerson.id}`), 404);
      expect((await system.get(`/api/people/${southPerson.id}`)).statusCode).toBe(200);
    });

    it('lets anyone see their own record, even at home outside their grants', async () => {
      const roamer = await createPerson(api.db, { home: tree.south.unit, grants: [[tree.north.unit, 'viewer']] });
      const agent = await signIn(api.app, roamer.email, PASSWORD);
      expect((await agent.get(`/api/people/${roamer.id}`)).statusCode).toBe(200);
      expectProblem(await agent.get(`/api/people/${southPerson.id}`), 404);
    });

    it('shows a person with no home unit only to system administrators', async () => {
      const homeless = await createPerson(api.db, { home: null, name: 'No Home' });
      expectProblem(await northAdmin.get(`/api/people/${homeless.id}`), 404);
      expect((await system.get(`/api/people/${homeless.id}`)).statusCode).toBe(200);
    });
  });

  describe('passwords set by an administrator', () => {
    it('sets a new password, ends the person’s sessions, and only the new password signs in', async () => {
      const person = await createPerson(api.db, { home: tree.north.feederPatterns[0]!.unit });
      const theirSession = await signIn(api.app, person.email, PASSWORD);
      const res = await northAdmin.post(`/api/people/${person.id}/password`, { password: 'reset by the admin' });
      expect(res.statusCode, res.body).toBe(204);
      expectProblem(await theirSession.get('/api/auth/session'), 401);
      expect(await countRows(api.db, 'sessions', 'person_id = $1', [person.id])).toBe(0);
      expectProblem(await api.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: person.email, password: PASSWORD } }), 401);
      await signIn(api.app, person.email, 'reset by the admin');
    });

    it('refuses a leader (403) and someone outside the subtree (404)', async () => {
      const person = await createPerson(api.db, { home: tree.north.unit });
      expectProblem(await northLeader.post(`/api/people/${person.id}/password`, { password: 'reset by the leader' }), 403);
      expectProblem(await northAdmin.post(`/api/people/${southPerson.id}/password`, { password: 'reset across districts' }), 404);
      await signIn(api.app, person.email, PASSWORD);
    });

    it('lets only a system administrator reset a system administrator’s password', async () => {
      const sys2 = await createSystemAdmin(api.db, { home: tree.north.unit });
      expectProblem(await northAdmin.post(`/api/people/${sys2.id}/password`, { password: 'taking over the system' }), 403);
      expect((await system.post(`/api/people/${sys2.id}/password`, { password: 'reset by a peer system admin' })).statusCode).toBe(204);
    });

    it('refuses a password shorter than 12 characters, naming password', async () => {
      expectProblem(await northAdmin.post(`/api/people/${northPerson.id}/password`, { password: 'short' }), 400, { field: 'password', rule: 'at least 12 characters' });
    });
  });
});
