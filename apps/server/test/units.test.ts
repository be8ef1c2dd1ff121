// The organization hierarchy through the API: create under the right parents, rename, move
// subtrees, archive, identifiers, and reading children, subtrees and search results in scope.
import { describe, expect, it } from 'vitest';
import type { Unit } from '@trellis/core';
import { findUnit } from '@trellis/db';
import { signIn, type Agent } from './support/agent.js';
import { useApi } from './support/api.js';
import { testDatabases } from './support/databases.js';
import { createPersonWithRole, createStateTree, createSystemAdmin, createUnit, ncesIdFor, PASSWORD, type StateTree } from './support/factories.js';
import { multipart } from './support/imports-factories.js';
import { expectProblem, fingerprint } from './support/problems.js';

describe.each(testDatabases())('units on $name', (target) => {
  let tree: StateTree;
  let system: Agent; // a system administrator
  let northLeader: Agent; // leader of the north district
  const api = useApi(target, async ({ db, app }) => {
    tree = await createStateTree(db);
    const sys = await createSystemAdmin(db);
    const leader = await createPersonWithRole(db, tree.north.unit, 'leader');
    system = await signIn(app, sys.email, PASSWORD);
    northLeader = await signIn(app, leader.email, PASSWORD);
  });
  const unitInDb = async (id: string) => (await findUnit(api.db, id))!;
  const create = async (agent: Agent, body: Record<string, unknown>) => {
    const res = await agent.post('/api/units', body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Unit;
  };

  describe('creating', () => {
    it('adds a district under the state, a feeder pattern under it and schools under both', async () => {
      const district = await create(system, { kind: 'district', name: 'Cedar Valley Unified', parentId: tree.state.id, ncesId: ncesIdFor('district') });
      expect(district).toMatchObject({ kind: 'district', name: 'Cedar Valley Unified', parentId: tree.state.id, path: `${tree.state.path}${district.id}/`, version: 1, archived: false, childCount: 0 });
      const fp = await create(system, { kind: 'feeder_pattern', name: 'Cedar High feeder pattern', parentId: district.id });
      expect(fp.path).toBe(`${district.path}${fp.id}/`);
      const school = await create(system, { kind: 'school', name: 'Cedar High', parentId: fp.id, gradeLow: '09', gradeHigh: '12', enrollment: 1200 });
      expect(school).toMatchObject({ path: `${fp.path}${school.id}/`, gradeLow: '09', gradeHigh: '12', enrollment: 1200 });
      const direct = await create(system, { kind: 'school', name: 'Cedar Alternative', parentId: district.id });
      expect(direct.parentId).toBe(district.id);
      expect((await system.get(`/api/units/${district.id}`)).json().childCount).toBe(2);
    });

    it('lets a leader add units inside their district', async () => {
      const fp = await create(northLeader, { kind: 'feeder_pattern', name: 'Leader-made feeder pattern', parentId: tree.north.unit.id });
      expect(fp.path.startsWith(tree.north.unit.path)).toBe(true);
    });

    it.each([
      ['a school under the state', 'school', () => tree.state, 'must be a feeder pattern or a district'],
      ['a feeder pattern under a school', 'feeder_pattern', () => tree.north.feederPatterns[0]!.schools[0]!, 'must be a district'],
      ['a region under a district', 'region', () => tree.north.unit, 'must be a state'],
      ['a district under a feeder pattern', 'district', () => tree.north.feederPatterns[0]!.unit, 'must be a state or a region'],
      ['a state under a district', 'state', () => tree.north.unit, 'nothing (it is a top-level unit)'],
    ] as const)('refuses %s with a 400 naming parentId', async (_what, kind, parent, rule) => {
      const before = await fingerprint(api.db);
      expectProblem(await system.post('/api/units', { kind, name: 'Misplaced', parentId: parent().id }), 400, { field: 'parentId', rule });
      expect(await fingerprint(api.db)).toEqual(before);
    });

    it('refuses a district at the top level, naming parentId', async () => {
      expectProblem(await system.post('/api/units', { kind: 'district', name: 'Floating District', parentId: null }), 400, { field: 'parentId', rule: 'must be a state or a region' });
    });

    it('lets only a system administrator add a state', async () => {
      const state = await create(system, { kind: 'state', name: 'Second State', parentId: null, ncesId: '98' });
      expect(state.path).toBe(`/${state.id}/`);
      expectProblem(await northLeader.post('/api/units', { kind: 'state', name: 'Rogue State', parentId: null }), 403);
    });

    it('refuses an NCES id of the wrong length for the kind, naming ncesId', async () => {
      expectProblem(await system.post('/api/units', { kind: 'district', name: 'Short Id District', parentId: tree.state.id, ncesId: '123' }), 400, { field: 'ncesId', rule: 'must be 7 digits for a district' });
      expectProblem(await system.post('/api/units', { kind: 'feeder_pattern', name: 'Fp with id', parentId: tree.north.unit.id, ncesId: '1234567' }), 400, { field: 'ncesId', rule: 'has no NCES id' });
    });

    it('refuses a grade span that runs backwards, naming gradeHigh', async () => {
      expectProblem(await system.post('/api/units', { kind: 'school', name: 'Backwards School', parentId: tree.north.unit.id, gradeLow: '08', gradeHigh: '06' }), 400, { field: 'gradeHigh', rule: 'must not be below the lowest grade' });
    });

    it('refuses a duplicate NCES id with a 409 naming ncesId, and writes nothing', async () => {
      const nces = ncesIdFor('school');
      await create(system, { kind: 'school', name: 'First Holder', parentId: tree.north.unit.id, ncesId: nces });
      const before = await fingerprint(api.db);
      expectProblem(await system.post('/api/units', { kind: 'school', name: 'Second Holder', parentId: tree.south.unit.id, ncesId: nces }), 409, { field: 'ncesId', rule: 'already used' });
      expect(await fingerprint(api.db)).toEqual(before);
    });

    it('refuses a duplicate state id among units of one kind with a 409 naming stateId', async () => {
      await create(system, { kind: 'school', name: 'State Id Holder', parentId: tree.north.unit.id, stateId: 'LK-0042' });
      expectProblem(await system.post('/api/units', { kind: 'school', name: 'State Id Copycat', parentId: tree.south.unit.id, stateId: 'LK-0042' }), 409, { field: 'stateId' });
      // Another kind may use the same state id.
      await create(system, { kind: 'district', name: 'District With Same State Id', parentId: tree.state.id, stateId: 'LK-0042' });
    });
  });

  describe('renaming and editing', () => {
    it('renames with the current version and bumps it', async () => {
      const unit = await createUnit(api.db, 'school', tree.north.unit);
      const res = await northLeader.patch(`/api/units/${unit.id}`, { version: unit.version, name: '  Renamed Academy  ' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ id: unit.id, name: 'Renamed Academy', version: unit.version + 1 });
      expect((await northLeader.get(`/api/units/${unit.id}`)).json().name).toBe('Renamed Academy');
    });

    it('refuses a stale version with 409 and leaves the unit as it was', async () => {
      const unit = await createUnit(api.db, 'school', tree.north.unit, { name: 'Original Name' });
      expect((await northLeader.patch(`/api/units/${unit.id}`, { version: 1, name: 'First Edit' })).statusCode).toBe(200);
      const before = await fingerprint(api.db);
      expectProblem(await northLeader.patch(`/api/units/${unit.id}`, { version: 1, name: 'Lost Update' }), 409, { field: 'version', rule: 'not the current version' });
      expect(await fingerprint(api.db)).toEqual(before);
      expect(await unitInDb(unit.id)).toMatchObject({ name: 'First Edit', version: 2 });
    });

    it('refuses an NCES id another unit has, naming ncesId, and leaves the unit unchanged', async () => {
      const nces = ncesIdFor('school');
      await createUnit(api.db, 'school', tree.south.unit, { ncesId: nces });
      const unit = await createUnit(api.db, 'school', tree.north.unit);
      expectProblem(await system.patch(`/api/units/${unit.id}`, { version: 1, ncesId: nces }), 409, { field: 'ncesId' });
      expect(await unitInDb(unit.id)).toMatchObject({ ncesId: null, version: 1 });
    });

    it('checks a changed grade against the grade already stored', async () => {
      const unit = await createUnit(api.db, 'school', tree.north.unit, { gradeLow: '06', gradeHigh: '08' });
      expectProblem(await system.patch(`/api/units/${unit.id}`, { version: 1, gradeHigh: '05' }), 400, { field: 'gradeHigh' });
      expect((await system.patch(`/api/units/${unit.id}`, { version: 1, gradeHigh: '09' })).json()).toMatchObject({ gradeLow: '06', gradeHigh: '09' });
    });
  });

  describe('moving', () => {
    it('moves a feeder pattern with its schools to another district and rewrites every path below it', async () => {
      const fp = await createUnit(api.db, 'feeder_pattern', tree.north.unit);
      const high = await createUnit(api.db, 'school', fp);
      const middle = await createUnit(api.db, 'school', fp);
      const res = await system.post(`/api/units/${fp.id}/move`, { version: fp.version, parentId: tree.south.unit.id });
      expect(res.statusCode, res.body).toBe(200);
      const moved = res.json() as Unit;
      const newPath = `${tree.south.unit.path}${fp.id}/`;
      expect(moved).toMatchObject({ parentId: tree.south.unit.id, path: newPath, version: fp.version + 1, childCount: 2 });
      expect((await unitInDb(high.id)).path).toBe(`${newPath}${high.id}/`);
      expect((await unitInDb(middle.id)).path).toBe(`${newPath}${middle.id}/`);
      const southSubtree = ((await system.get(`/api/units/${tree.south.unit.id}/subtree`)).json() as Unit[]).map((u) => u.id);
      expect(southSubtree).toEqual(expect.arrayContaining([fp.id, high.id, middle.id]));
      const northSubtree = ((await system.get(`/api/units/${tree.north.unit.id}/subtree`)).json() as Unit[]).map((u) => u.id);
      expect(northSubtree).not.toContain(fp.id);
      expect(northSubtree).not.toContain(high.id);
      // The units still have their own ids and versions: only the moved unit's version changes.
      expect((await unitInDb(high.id)).version).toBe(1);
    });

    it('moves a district, with four levels below it, from the state into a region', async () => {
      const region = await createUnit(api.db, 'region', tree.state);
      const district = await createUnit(api.db, 'district', tree.state);
      const fp = await createUnit(api.db, 'feeder_pattern', district);
      const school = await createUnit(api.db, 'school', fp);
      expect((await system.post(`/api/units/${district.id}/move`, { version: 1, parentId: region.id })).statusCode).toBe(200);
      expect((await unitInDb(school.id)).path).toBe(`${region.path}${district.id}/${fp.id}/${school.id}/`);
      const ancestors = (await system.get(`/api/units/${school.id}`)).json().ancestors.map((a: { id: string }) => a.id);
      expect(ancestors).toEqual([tree.state.id, region.id, district.id, fp.id]);
    });

    it('refuses a move that would make a cycle, and changes no path', async () => {
      const district = await createUnit(api.db, 'district', tree.state);
      const fp = await createUnit(api.db, 'feeder_pattern', district);
      const school = await createUnit(api.db, 'school', fp);
      const before = await fingerprint(api.db);
      expectProblem(await system.post(`/api/units/${district.id}/move`, { version: 1, parentId: district.id }), 409, { field: 'parentId', rule: 'the unit itself or inside it' });
      expectProblem(await system.post(`/api/units/${fp.id}/move`, { version: 1, parentId: school.id }), 409, { field: 'parentId', rule: 'the unit itself or inside it' });
      expect(await fingerprint(api.db)).toEqual(before);
    });

    it('refuses a move under a parent of the wrong kind, naming parentId', async () => {
      const school = await createUnit(api.db, 'school', tree.north.unit);
      expectProblem(await system.post(`/api/units/${school.id}/move`, { version: 1, parentId: tree.state.id }), 400, { field: 'parentId' });
      expect((await unitInDb(school.id)).parentId).toBe(tree.north.unit.id);
    });

    it('refuses a move with a stale version', async () => {
      const school = await createUnit(api.db, 'school', tree.north.unit);
      await system.patch(`/api/units/${school.id}`, { version: 1, name: 'Edited Meanwhile' });
      expectProblem(await system.post(`/api/units/${school.id}/move`, { version: 1, parentId: tree.south.unit.id }), 409, { field: 'version' });
      expect((await unitInDb(school.id)).parentId).toBe(tree.north.unit.id);
    });

    it('refuses a move under an archived parent, naming parentId', async () => {
      const archivedFp = await createUnit(api.db, 'feeder_pattern', tree.north.unit);
      expect((await system.post(`/api/units/${archivedFp.id}/archive`, { version: 1, archived: true })).statusCode).toBe(200);
      const school = await createUnit(api.db, 'school', tree.north.unit);
      expectProblem(await system.post(`/api/units/${school.id}/move`, { version: 1, parentId: archivedFp.id }), 400, { field: 'parentId', rule: 'archived' });
      expect((await unitInDb(school.id)).parentId).toBe(tree.north.unit.id);
    });

    it('does not let a leader move a unit out of their district', async () => {
      const school = await createUnit(api.db, 'school', tree.north.unit);
      expectProblem(await northLeader.post(`/api/units/${school.id}/move`, { version: 1, parentId: tree.south.unit.id }), 404);
      expect((await unitInDb(school.id)).parentId).toBe(tree.north.unit.id);
    });
  });

  describe('archiving', () => {
    it('refuses to archive a unit that has active units under it, naming archived', async () => {
      const fp = await createUnit(api.db, 'feeder_pattern', tree.north.unit);
      await createUnit(api.db, 'school', fp);
      const before = await fingerprint(api.db);
      expectProblem(await northLeader.post(`/api/units/${fp.id}/archive`, { version: 1, archived: true }), 409, { field: 'archived', rule: 'active units under it' });
      expect(await fingerprint(api.db)).toEqual(before);
    });

    it('archives a leaf, hides it from children unless asked, refuses new units under it, and restores it', async () => {
      const fp = await createUnit(api.db, 'feeder_pattern', tree.north.unit);
      const school = await createUnit(api.db, 'school', fp);
      const archived = await northLeader.post(`/api/units/${school.id}/archive`, { version: 1, archived: true });
      expect(archived.statusCode, archived.body).toBe(200);
      expect(archived.json()).toMatchObject({ archived: true, version: 2 });
      expect((await northLeader.get(`/api/units/${fp.id}/children`)).json()).toEqual([]);
      expect(((await northLeader.get(`/api/units/${fp.id}/children?includeArchived=true`)).json() as Unit[]).map((u) => u.id)).toEqual([school.id]);
      expect((await northLeader.get(`/api/units/${fp.id}`)).json().childCount).toBe(0);
      // With its only school archived, the feeder pattern may be archived too.
      expect((await northLeader.post(`/api/units/${fp.id}/archive`, { version: 1, archived: true })).statusCode).toBe(200);
      expectProblem(await northLeader.post('/api/units', { kind: 'school', name: 'Under Archived', parentId: fp.id }), 400, { field: 'parentId', rule: 'archived' });
      const restored = await northLeader.post(`/api/units/${fp.id}/archive`, { version: 2, archived: false });
      expect(restored.json()).toMatchObject({ archived: false, version: 3 });
    });
  });

  describe('reading', () => {
    it('lists the children of a unit by name, each with its own child count', async () => {
      const res = await northLeader.get(`/api/units/${tree.north.unit.id}/children`);
      expect(res.statusCode).toBe(200);
      const children = res.json() as Unit[];
      const expected = tree.north.feederPatterns.map((f) => f.unit.name);
      expect(children.filter((c) => expected.includes(c.name)).map((c) => c.name)).toEqual([...expected].sort());
      for (const c of children) expect(c.parentId).toBe(tree.north.unit.id);
      expect(children.find((c) => c.id === tree.north.feederPatterns[0]!.unit.id)!.childCount).toBe(2);
    });

    it('returns a subtree in tree order, to the depth asked', async () => {
      const fp = tree.south.feederPatterns[1]!;
      const ids = async (q: string) => ((await system.get(`/api/units/${tree.south.unit.id}/subtree${q}`)).json() as Unit[]).map((u) => u.id);
      expect(await ids('?depth=0')).toEqual([tree.south.unit.id]);
      const depth1 = await ids('?depth=1');
      expect(depth1[0]).toBe(tree.south.unit.id);
      expect(depth1).toEqual(expect.arrayContaining(tree.south.feederPatterns.map((f) => f.unit.id)));
      expect(depth1).not.toContain(fp.schools[0]!.id);
      const all = await ids('');
      expect(all).toEqual(expect.arrayContaining([...tree.south.feederPatterns.flatMap((f) => [f.unit.id, ...f.schools.map((s) => s.id)])]));
      // Tree order: every unit comes after its parent.
      const units = (await system.get(`/api/units/${tree.south.unit.id}/subtree`)).json() as Unit[];
      units.forEach((u, i) => {
        if (i > 0) expect(units.slice(0, i).map((x) => x.id)).toContain(u.parentId);
      });
      expect(units.map((u) => u.path)).toEqual([...units.map((u) => u.path)].sort());
    });

    it('shows a unit with its ancestors, root first', async () => {
      const school = tree.north.feederPatterns[0]!.schools[1]!;
      const res = await northLeader.get(`/api/units/${school.id}`);
      expect(res.statusCode).toBe(200);
      expect(res.json().ancestors).toEqual([
        { id: tree.state.id, name: tree.state.name, kind: 'state' },
        { id: tree.north.unit.id, name: tree.north.unit.name, kind: 'district' },
        { id: tree.north.feederPatterns[0]!.unit.id, name: tree.north.feederPatterns[0]!.unit.name, kind: 'feeder_pattern' },
      ]);
    });

    it('shows what a directory import recorded of a school: address, location, level, type, charter and NCES status', async () => {
      const leaId = ncesIdFor('district');
      await api.db.query('update units set nces_id = $1 where id = $2', [leaId, tree.north.unit.id]);
      const ncesId = `${leaId}00042`;
      const file =
        'NCESSCH,LEAID,SCH_NAME,SY_STATUS,GSLO,GSHI,LSTREET1,LCITY,LZIP,LEVEL,SCH_TYPE,CHARTER_TEXT,LAT,LON\n' +
        `${ncesId},${leaId},Juniper Middle,1,06,08,400 Juniper Way,Austin,78701,Middle,4,Yes,30.2672,-97.7431\n`;
      const { body, headers } = multipart({ schools: { content: file } });
      const preview = await system.request({ method: 'POST', url: `/api/imports/ccd/preview?unitId=${tree.state.id}`, body, headers });
      expect(preview.statusCode, preview.body).toBe(201);
      const run = preview.json() as { id: string; version: number };
      expect((await system.get(`/api/imports/ccd/runs/${run.id}/problems`)).json().problems).toEqual([]);
      const applied = await system.post(`/api/imports/ccd/runs/${run.id}/apply`, { version: run.version, skipProblems: false });
      expect(applied.statusCode, applied.body).toBe(200);
      const [row] = await api.db.query<{ id: string }>('select id from units where nces_id = $1', [ncesId]);
      const res = await northLeader.get(`/api/units/${row!.id}`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        name: 'Juniper Middle',
        gradeLow: '06',
        gradeHigh: '08',
        directory: { address: '400 Juniper Way', city: 'Austin', zip: '78701', latitude: 30.2672, longitude: -97.7431, level: 'middle', schoolType: 4, charter: true, operationalStatus: 'open' },
      });
      // A unit no directory described has every directory field empty.
      const fp = (await northLeader.get(`/api/units/${tree.north.feederPatterns[0]!.unit.id}`)).json();
      expect(Object.values(fp.directory).every((v) => v === null)).toBe(true);
    });

    it('starts the tree at the caller’s grants: the states for a system administrator, the district for its leader', async () => {
      expect(((await system.get('/api/units/roots')).json() as Unit[]).map((u) => u.id)).toContain(tree.state.id);
      expect(((await northLeader.get('/api/units/roots')).json() as Unit[]).map((u) => u.id)).toEqual([tree.north.unit.id]);
    });

    it('hides units outside the caller’s subtree (404, as if they did not exist)', async () => {
      expectProblem(await northLeader.get(`/api/units/${tree.south.unit.id}`), 404);
      expectProblem(await northLeader.get(`/api/units/${tree.state.id}/children`), 404);
      expectProblem(await northLeader.get(`/api/units/${tree.south.feederPatterns[0]!.unit.id}/subtree`), 404);
    });
  });

  describe('searching', () => {
    let northSchool: Unit;
    let southSchool: Unit;
    const search = async (agent: Agent, q: string) => ((await agent.get(`/api/units?q=${encodeURIComponent(q)}`)).json() as Unit[]).map((u) => u.id);

    it('finds units by part of the name, in any case, only within the caller’s subtree', async () => {
      northSchool = await createUnit(api.db, 'school', tree.north.feederPatterns[0]!.unit, { name: 'Quillfeather Elementary', ncesId: '424242000001' });
      southSchool = await createUnit(api.db, 'school', tree.south.feederPatterns[0]!.unit, { name: 'Quillfeather Middle', ncesId: '424242000002' });
      expect(await search(system, 'quillFEATHER')).toEqual([northSchool.id, southSchool.id]);
      expect(await search(northLeader, 'quillfeather')).toEqual([northSchool.id]);
    });

    it('finds units by the start of their NCES id, only within the caller’s subtree', async () => {
      expect(await search(system, '424242')).toEqual([northSchool.id, southSchool.id]);
      expect(await search(northLeader, '424242')).toEqual([northSchool.id]);
      expect(await search(northLeader, '424242000002')).toEqual([]);
      expect(await search(system, '424242000002')).toEqual([southSchool.id]);
    });

    it('treats % and _ in a search as plain characters', async () => {
      expect(await search(system, '%')).toEqual([]);
      expect(await search(system, 'Quill_eather')).toEqual([]);
    });

    it('filters by kind and leaves archived units out unless asked', async () => {
      const res = await system.get(`/api/units?q=quillfeather&kind=school`);
      expect((res.json() as Unit[]).length).toBe(2);
      expect((await system.get(`/api/units?q=quillfeather&kind=district`)).json()).toEqual([]);
      await system.post(`/api/units/${southSchool.id}/archive`, { version: 1, archived: true });
      expect(await search(system, 'quillfeather')).toEqual([northSchool.id]);
      expect(((await system.get('/api/units?q=quillfeather&includeArchived=true')).json() as Unit[]).map((u) => u.id)).toEqual([northSchool.id, southSchool.id]);
    });
  });
});
