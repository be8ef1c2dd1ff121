// The audit trail: every change writes one event with before and after, in the same transaction
// as the change; administrators read the events of their subtree, newest first.
import { describe, expect, it } from 'vitest';
import type { AuditEvent, Grant } from '@trellis/core';
import { findUnit } from '@trellis/db';
import { signIn, type Agent } from './support/agent.js';
import { useApi } from './support/api.js';
import { testDatabases } from './support/databases.js';
import { createPerson, createPersonWithRole, createStateTree, createSystemAdmin, createUnit, PASSWORD, uniqueEmail, type StateTree, type TestPerson } from './support/factories.js';
import { expectProblem, fingerprint } from './support/problems.js';

interface AuditRow {
  id: string;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  unit_id: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  request_id: string | null;
}

describe.each(testDatabases())('audit trail on $name', (target) => {
  let tree: StateTree;
  let system: Agent;
  let northAdmin: Agent;
  let northAdminPerson: TestPerson;
  let southAdmin: Agent;
  let northLeader: Agent;
  let northViewer: Agent;
  const api = useApi(target, async ({ db, app }) => {
    tree = await createStateTree(db);
    const sys = await createSystemAdmin(db);
    northAdminPerson = await createPersonWithRole(db, tree.north.unit, 'admin');
    const south = await createPersonWithRole(db, tree.south.unit, 'admin');
    const leader = await createPersonWithRole(db, tree.north.unit, 'leader');
    const viewer = await createPersonWithRole(db, tree.north.unit, 'viewer');
    system = await signIn(app, sys.email, PASSWORD);
    northAdmin = await signIn(app, northAdminPerson.email, PASSWORD);
    southAdmin = await signIn(app, south.email, PASSWORD);
    northLeader = await signIn(app, leader.email, PASSWORD);
    northViewer = await signIn(app, viewer.email, PASSWORD);
  });

  const lastEventId = async () => (await api.db.query<{ id: string | null }>('select max(id)::text as id from audit_events'))[0]!.id ?? '0';
  /** Runs a change and returns the audit rows it wrote. */
  async function eventsOf(change: () => Promise<unknown>): Promise<AuditRow[]> {
    const since = await lastEventId();
    await change();
    return api.db.query<AuditRow>('select id::text as id, actor_id, action, entity_type, entity_id, unit_id, before, after, request_id from audit_events where id > $1 order by id', [since]);
  }
  const ok = async (res: Promise<{ statusCode: number; body: string }>, status: number) => {
    const r = await res;
    expect(r.statusCode, r.body).toBe(status);
    return r;
  };

  describe('writing', () => {
    it('records each change to units with the actor, the unit and its state before and after', async () => {
      const actor = northAdminPerson.id;
      const [created, ...more] = await eventsOf(() => ok(northAdmin.post('/api/units', { kind: 'feeder_pattern', name: 'Audited Pattern', parentId: tree.north.unit.id }), 201));
      const unit = (await findUnit(api.db, created!.entity_id))!;
      expect(more).toEqual([]);
      expect(created).toMatchObject({ actor_id: actor, action: 'unit.create', entity_type: 'unit', entity_id: unit.id, unit_id: unit.id, before: null });
      expect(created!.after).toMatchObject({ name: 'Audited Pattern', kind: 'feeder_pattern', parentId: tree.north.unit.id, version: 1 });
      expect(created!.request_id).toBeTruthy();

      const [updated] = await eventsOf(() => ok(northAdmin.patch(`/api/units/${unit.id}`, { version: 1, name: 'Renamed Pattern' }), 200));
      expect(updated).toMatchObject({ action: 'unit.update', entity_id: unit.id, actor_id: actor });
      expect(updated!.before).toMatchObject({ name: 'Audited Pattern', version: 1 });
      expect(updated!.after).toMatchObject({ name: 'Renamed Pattern', version: 2 });

      const [moved] = await eventsOf(() => ok(system.post(`/api/units/${unit.id}/move`, { version: 2, parentId: tree.south.unit.id }), 200));
      expect(moved).toMatchObject({ action: 'unit.move', entity_id: unit.id });
      expect(moved!.before).toMatchObject({ parentId: tree.north.unit.id, path: unit.path, version: 2 });
      expect(moved!.after).toMatchObject({ parentId: tree.south.unit.id, path: `${tree.south.unit.path}${unit.id}/`, version: 3 });

      const [archived] = await eventsOf(() => ok(system.post(`/api/units/${unit.id}/archive`, { version: 3, archived: true }), 200));
      expect(archived).toMatchObject({ action: 'unit.archive', entity_id: unit.id });
      expect(archived!.before).toMatchObject({ archived: false });
      expect(archived!.after).toMatchObject({ archived: true, version: 4 });
    });

    it('records changes to people and passwords, never the password itself', async () => {
      const email = uniqueEmail('audited person');
      const [created] = await eventsOf(() => ok(northAdmin.post('/api/people', { name: 'Audited Person', email, homeUnitId: tree.north.unit.id, password: 'secret passphrase one' }), 201));
      expect(created).toMatchObject({ action: 'person.create', entity_type: 'person', unit_id: tree.north.unit.id, before: null });
      expect(created!.after).toMatchObject({ name: 'Audited Person', email });
      const person = { id: created!.entity_id };

      const [updated] = await eventsOf(() => ok(northAdmin.patch(`/api/people/${person.id}`, { version: 1, title: 'Coordinator' }), 200));
      expect(updated).toMatchObject({ action: 'person.update', entity_id: person.id });
      expect(updated!.before).toMatchObject({ title: null, version: 1 });
      expect(updated!.after).toMatchObject({ title: 'Coordinator', version: 2 });

      const [reset] = await eventsOf(() => ok(northAdmin.post(`/api/people/${person.id}/password`, { password: 'secret passphrase two' }), 204));
      expect(reset).toMatchObject({ action: 'person.password_set', entity_id: person.id, actor_id: northAdminPerson.id });

      const theirs = await signIn(api.app, email, 'secret passphrase two');
      const [changed] = await eventsOf(() => ok(theirs.post('/api/auth/password', { currentPassword: 'secret passphrase two', newPassword: 'secret passphrase three' }), 204));
      expect(changed).toMatchObject({ action: 'person.password_change', entity_id: person.id, actor_id: person.id });

      const all = JSON.stringify(await api.db.query('select before, after from audit_events'));
      expect(all).not.toContain('secret passphrase');
      expect(all).not.toContain('$argon2');
    });

    it('records giving and taking away a role', async () => {
      const person = await createPerson(api.db, { home: tree.north.unit });
      const [given] = await eventsOf(() => ok(northAdmin.post('/api/grants', { personId: person.id, unitId: tree.north.unit.id, role: 'member' }), 201));
      const grant = { id: given!.entity_id };
      expect(given).toMatchObject({ action: 'grant.create', entity_type: 'grant', unit_id: tree.north.unit.id, before: null });
      expect(given!.after).toMatchObject({ personId: person.id, role: 'member' });
      const [taken] = await eventsOf(() => ok(northAdmin.delete(`/api/grants/${grant.id}`), 204));
      expect(taken).toMatchObject({ action: 'grant.delete', entity_id: grant.id, after: null });
      expect(taken!.before).toMatchObject({ personId: person.id, role: 'member' });
    });

    it('records signing in and signing out', async () => {
      const person = await createPersonWithRole(api.db, tree.north.unit, 'member');
      let agent!: Agent;
      const [signedIn] = await eventsOf(async () => {
        agent = await signIn(api.app, person.email, PASSWORD);
      });
      expect(signedIn).toMatchObject({ action: 'auth.sign_in', actor_id: person.id, entity_id: person.id });
      const [signedOut] = await eventsOf(() => ok(agent.post('/api/auth/logout'), 204));
      expect(signedOut).toMatchObject({ action: 'auth.sign_out', actor_id: person.id, entity_id: person.id });
    });

    it('writes nothing, not even an event, when a change is refused', async () => {
      const unit = await createUnit(api.db, 'school', tree.north.unit);
      const before = await fingerprint(api.db);
      expectProblem(await northAdmin.patch(`/api/units/${unit.id}`, { version: 7, name: 'Stale' }), 409);
      expectProblem(await northViewer.patch(`/api/units/${unit.id}`, { version: 1, name: 'Too Low' }), 403);
      expectProblem(await southAdmin.patch(`/api/units/${unit.id}`, { version: 1, name: 'Outside' }), 404);
      expect(await fingerprint(api.db)).toEqual(before);
    });

    // When the audit event cannot be written, the change must not be kept either: proof that both
    // happen in one transaction. A check constraint (added for the test, then dropped) refuses the
    // event of one action; the whole database must then be as it was before the request.
    type Prepared = () => Promise<{ statusCode: number; body: string }>;
    const changes: [string, () => Promise<Prepared>][] = [
      ['unit.create', async () => () => northAdmin.post('/api/units', { kind: 'school', name: 'Never Created', parentId: tree.north.unit.id })],
      ['unit.update', async () => { const u = await createUnit(api.db, 'school', tree.north.unit); return () => northAdmin.patch(`/api/units/${u.id}`, { version: 1, name: 'Never Renamed' }); }],
      ['unit.move', async () => { const u = await createUnit(api.db, 'school', tree.north.unit); return () => northAdmin.post(`/api/units/${u.id}/move`, { version: 1, parentId: tree.north.feederPatterns[0]!.unit.id }); }],
      ['unit.archive', async () => { const u = await createUnit(api.db, 'school', tree.north.unit); return () => northAdmin.post(`/api/units/${u.id}/archive`, { version: 1, archived: true }); }],
      ['person.create', async () => () => northAdmin.post('/api/people', { name: 'Never Added', email: uniqueEmail('never'), homeUnitId: tree.north.unit.id })],
      ['person.update', async () => { const p = await createPerson(api.db, { home: tree.north.unit }); return () => northAdmin.patch(`/api/people/${p.id}`, { version: 1, name: 'Never Renamed' }); }],
      ['person.password_set', async () => { const p = await createPerson(api.db, { home: tree.north.unit }); await signIn(api.app, p.email, PASSWORD); return () => northAdmin.post(`/api/people/${p.id}/password`, { password: 'never stored password' }); }],
      ['person.password_change', async () => { const p = await createPerson(api.db, { home: tree.north.unit }); const a = await signIn(api.app, p.email, PASSWORD); return () => a.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'never stored password' }); }],
      ['grant.create', async () => { const p = await createPerson(api.db, { home: tree.north.unit }); return () => northAdmin.post('/api/grants', { personId: p.id, unitId: tree.north.unit.id, role: 'viewer' }); }],
      ['grant.delete', async () => {
        const p = await createPerson(api.db, { home: tree.north.unit, grants: [[tree.north.unit, 'viewer']] });
        const [g] = (await northAdmin.get(`/api/people/${p.id}/grants`)).json() as Grant[];
        return () => northAdmin.delete(`/api/grants/${g!.id}`);
      }],
      ['auth.sign_in', async () => () => api.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: northAdminPerson.email, password: PASSWORD } })],
      ['auth.sign_out', async () => { const a = await signIn(api.app, northAdminPerson.email, PASSWORD); return () => a.post('/api/auth/logout'); }],
    ];
    it.each(changes)('keeps no %s when its audit event cannot be written', async (action, prepare) => {
      const request = await prepare();
      const constraint = `reject_${action.replace('.', '_')}`;
      await api.db.exec(`alter table audit_events add constraint ${constraint} check (action <> '${action}') not valid`);
      try {
        const before = await fingerprint(api.db);
        const res = await request();
        expect(res.statusCode, res.body).toBe(500);
        expect(await fingerprint(api.db)).toEqual(before);
      } finally {
        await api.db.exec(`alter table audit_events drop constraint ${constraint}`);
      }
      // Without the constraint the same change goes through, so the refusal above was the audit's.
      expect((await request()).statusCode).toBeLessThan(300);
    });
  });

  describe('reading', () => {
    const trail = async (agent: Agent, query = '') => {
      const res = await agent.get(`/api/audit${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as AuditEvent[];
    };
    const pathOfUnit = async (id: string | null) => (id ? ((await findUnit(api.db, id))?.path ?? null) : null);

    it('shows an administrator only the events of their subtree, newest first', async () => {
      await ok(northAdmin.post('/api/units', { kind: 'feeder_pattern', name: 'North Event Pattern', parentId: tree.north.unit.id }), 201);
      await ok(southAdmin.post('/api/units', { kind: 'feeder_pattern', name: 'South Event Pattern', parentId: tree.south.unit.id }), 201);
      const events = await trail(northAdmin, '?limit=200');
      expect(events.length).toBeGreaterThan(0);
      for (const e of events) expect((await pathOfUnit(e.unitId))?.startsWith(tree.north.unit.path), `${e.action} at ${e.unitId}`).toBe(true);
      expect(events.some((e) => e.action === 'unit.create' && (e.after as { name: string }).name === 'North Event Pattern')).toBe(true);
      expect(events.some((e) => (e.after as { name?: string } | null)?.name === 'South Event Pattern')).toBe(false);
      const ids = events.map((e) => Number(e.id));
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      expect(new Set(ids).size).toBe(ids.length);
      // A system administrator sees both districts' events.
      const all = await trail(system, '?limit=200');
      expect(all.some((e) => (e.after as { name?: string } | null)?.name === 'South Event Pattern')).toBe(true);
      expect(all.some((e) => (e.after as { name?: string } | null)?.name === 'North Event Pattern')).toBe(true);
    });

    it('names the actor of each event', async () => {
      const [latest] = await trail(northAdmin, `?actorId=${northAdminPerson.id}&limit=1`);
      expect(latest).toMatchObject({ actorId: northAdminPerson.id, actorName: northAdminPerson.name });
    });

    it('filters by person', async () => {
      const events = await trail(system, `?actorId=${northAdminPerson.id}&limit=200`);
      expect(events.length).toBeGreaterThan(0);
      for (const e of events) expect(e.actorId).toBe(northAdminPerson.id);
    });

    it('filters by entity', async () => {
      const unit = await createUnit(api.db, 'school', tree.north.unit);
      await ok(northAdmin.patch(`/api/units/${unit.id}`, { version: 1, name: 'First Name Change' }), 200);
      await ok(northAdmin.patch(`/api/units/${unit.id}`, { version: 2, name: 'Second Name Change' }), 200);
      const events = await trail(northAdmin, `?entityType=unit&entityId=${unit.id}`);
      expect(events.map((e) => [e.action, (e.after as { name: string }).name])).toEqual([
        ['unit.update', 'Second Name Change'],
        ['unit.update', 'First Name Change'],
      ]);
    });

    it('narrows to a unit inside the subtree, and hides a unit outside it (404)', async () => {
      const fp = tree.north.feederPatterns[1]!.unit;
      const school = await createUnit(api.db, 'school', fp);
      await ok(northAdmin.patch(`/api/units/${school.id}`, { version: 1, name: 'Inside The Pattern' }), 200);
      const events = await trail(northAdmin, `?unitId=${fp.id}`);
      expect(events.map((e) => e.entityId)).toContain(school.id);
      for (const e of events) expect((await pathOfUnit(e.unitId))?.startsWith(fp.path)).toBe(true);
      expectProblem(await northAdmin.get(`/api/audit?unitId=${tree.south.unit.id}`), 404);
    });

    it('pages backwards with before and limit', async () => {
      const firstPage = await trail(system, '?limit=3');
      expect(firstPage).toHaveLength(3);
      const secondPage = await trail(system, `?limit=3&before=${firstPage[2]!.id}`);
      expect(secondPage.length).toBeGreaterThan(0);
      expect(Number(secondPage[0]!.id)).toBeLessThan(Number(firstPage[2]!.id));
    });

    it('follows a unit that moved: its events belong to the subtree it is in now', async () => {
      const school = await createUnit(api.db, 'school', tree.north.unit);
      await ok(northAdmin.patch(`/api/units/${school.id}`, { version: 1, name: 'Moving School' }), 200);
      await ok(system.post(`/api/units/${school.id}/move`, { version: 2, parentId: tree.south.unit.id }), 200);
      expect((await trail(southAdmin, `?entityId=${school.id}`)).map((e) => e.action)).toEqual(['unit.move', 'unit.update']);
      expect(await trail(northAdmin, `?entityId=${school.id}`)).toEqual([]);
    });

    it('refuses anyone below administrator (403), with or without a unit', async () => {
      for (const agent of [northLeader, northViewer]) {
        expectProblem(await agent.get('/api/audit'), 403);
        expectProblem(await agent.get(`/api/audit?unitId=${tree.north.unit.id}`), 403);
      }
    });
  });
});
