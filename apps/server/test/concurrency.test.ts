// Writes that race on PostgreSQL, where requests really run at the same time (PGlite runs one
// transaction at a time). A side connection holds row locks to make the requests meet at the
// worst moment; whatever the timing, the tree must stay whole and no request may fail with a 500.
import type { LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Unit } from '@trellis/core';
import { connect, findUnit, type Db } from '@trellis/db';
import { buildApp, type TrellisApp } from '../src/app.js';
import { signIn, type Agent } from './support/agent.js';
import { testConfig } from './support/api.js';
import { freshPostgresUrl, hasPostgres } from './support/databases.js';
import { createStateTree, createSystemAdmin, createUnit, PASSWORD, type StateTree } from './support/factories.js';

const postgres = hasPostgres(); // throws when CI=true and there is no PostgreSQL
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Units whose path is not their parent's path plus their own id (or that sit in a cycle). */
async function brokenPaths(db: Db): Promise<string[]> {
  const rows = await db.query<{ name: string }>(
    `select u.name from units u left join units p on p.id = u.parent_id
     where (u.parent_id is null and u.path <> '/' || u.id || '/') or (u.parent_id is not null and u.path is distinct from p.path || u.id || '/')`,
  );
  return rows.map((r) => r.name);
}

describe.skipIf(!postgres)('concurrent writes on PostgreSQL', () => {
  let db: Db;
  let app: TrellisApp;
  let side: pg.Client;
  let tree: StateTree;
  let system: Agent;

  beforeAll(async () => {
    const url = await freshPostgresUrl();
    db = await connect({ databaseUrl: url });
    app = await buildApp({ db, config: testConfig() });
    side = new pg.Client({ connectionString: url });
    await side.connect();
    tree = await createStateTree(db);
    system = await signIn(app, (await createSystemAdmin(db)).email, PASSWORD);
  });
  afterAll(async () => {
    await side?.end();
    await app?.close();
    await db?.close();
  });

  /** Holds row locks on these units while `during` starts its requests, then lets them go. */
  async function whileLocked<T>(units: Unit[], during: () => Promise<T>[]): Promise<Awaited<T>[]> {
    await side.query('begin');
    await side.query('select 1 from units where id = any($1::uuid[]) for update', [units.map((u) => u.id)]);
    const pending = during();
    await pause(300); // let the requests reach the locked rows
    await side.query('commit');
    return Promise.all(pending);
  }

  it('keeps a unit added during a move of its district inside the moved subtree', async () => {
    const region = await createUnit(db, 'region', tree.state);
    const fp = tree.north.feederPatterns[0]!;
    // The move's path rewrite waits on a locked school while the new school is added to the feeder pattern.
    const [moved, created] = (await whileLocked([fp.schools[0]!], () => [
      system.post(`/api/units/${tree.north.unit.id}/move`, { version: 1, parentId: region.id }),
      pause(100).then(() => system.post('/api/units', { kind: 'school', name: 'Added During The Move', parentId: fp.unit.id })),
    ])) as [LightMyRequestResponse, LightMyRequestResponse];
    expect(moved.statusCode, moved.body).toBe(200);
    expect(created.statusCode, created.body).toBe(201);
    const school = (await findUnit(db, created.json().id))!;
    expect(school.path).toBe(`${region.path}${tree.north.unit.id}/${fp.unit.id}/${school.id}/`);
    const regionSubtree = ((await system.get(`/api/units/${region.id}/subtree`)).json() as Unit[]).map((u) => u.id);
    expect(regionSubtree).toContain(school.id);
    expect(await brokenPaths(db)).toEqual([]);
  });

  it('never leaves an active unit under an archived one when an archive and an add race', async () => {
    const district = (await findUnit(db, tree.north.unit.id))!; // its path as it is now (an earlier test moved it)
    for (let round = 0; round < 3; round++) {
      const fp = await createUnit(db, 'feeder_pattern', district, { name: `Racing Feeder Pattern ${round}` });
      // Both requests wait on the locked feeder pattern, then run in whichever order they wake.
      const [archived, created] = (await whileLocked([fp], () => [
        system.post(`/api/units/${fp.id}/archive`, { version: fp.version, archived: true }),
        system.post('/api/units', { kind: 'school', name: `Added While Archiving ${round}`, parentId: fp.id }),
      ])) as [LightMyRequestResponse, LightMyRequestResponse];
      expect([archived.statusCode, created.statusCode].sort(), `${archived.body} ${created.body}`).toEqual(archived.statusCode === 200 ? [200, 400] : [201, 409]);
      const orphans = await db.query(
        `select c.name from units c join units p on p.id = c.parent_id where p.archived_at is not null and c.archived_at is null`,
      );
      expect(orphans).toEqual([]);
    }
  });

  it('lets only one of two crossing moves through, so they cannot make a cycle', async () => {
    // Two departments, each with a sub-department; each is moved under the other's.
    const a = await createUnit(db, 'department', tree.state, { name: 'Department A' });
    const aChild = await createUnit(db, 'department', a, { name: 'Department A.1' });
    const b = await createUnit(db, 'department', tree.state, { name: 'Department B' });
    const bChild = await createUnit(db, 'department', b, { name: 'Department B.1' });
    const results = await whileLocked([a, b], () => [
      system.post(`/api/units/${a.id}/move`, { version: 1, parentId: bChild.id }),
      system.post(`/api/units/${b.id}/move`, { version: 1, parentId: aChild.id }),
    ]);
    expect(results.map((r) => r.statusCode).sort(), results.map((r) => r.body).join('\n')).toEqual([200, 409]);
    expect(results.find((r) => r.statusCode === 409)!.json().errors).toEqual([{ field: 'parentId', message: 'is the unit itself or inside it' }]);
    expect(await brokenPaths(db)).toEqual([]);
  });

  it('refuses (409) every one but one of several edits made from the same version', async () => {
    const unit = await createUnit(db, 'school', tree.south.unit);
    const results = await whileLocked([unit], () => [1, 2, 3, 4].map((n) => system.patch(`/api/units/${unit.id}`, { version: 1, name: `Edit ${n}` })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409, 409]);
    const winner = results.find((r) => r.statusCode === 200)!.json() as Unit;
    expect((await findUnit(db, unit.id))!).toMatchObject({ name: winner.name, version: 2 });
    const [events] = await db.query<{ n: number }>(`select count(*)::int as n from audit_events where entity_id = $1 and action = 'unit.update'`, [unit.id]);
    expect(events!.n).toBe(1);
  });
});
