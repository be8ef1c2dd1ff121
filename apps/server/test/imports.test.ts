// Directory imports through the API, on excerpts of the real Texas CCD files (2013 layout) and a
// hand-made file in the current layout: preview counts and names every bad row, apply writes
// exactly the preview in one transaction, a second run changes nothing, closed schools are archived,
// regions come from the AskTED directory, feeder patterns are suggested, edited and applied, and a
// failure half-way leaves nothing.
import { describe, expect, it } from 'vitest';
import type { ImportRun, Unit } from '@trellis/core';
import { signIn, type Agent } from './support/agent.js';
import { useApi } from './support/api.js';
import { testDatabases } from './support/databases.js';
import { createPersonWithRole, createSystemAdmin, createUnit, PASSWORD } from './support/factories.js';
import { fixture, multipart } from './support/imports-factories.js';
import { countRows, expectProblem, fingerprint } from './support/problems.js';

const SCHOOLS = fixture('tx-schools-2013.csv');
const LEAS = fixture('tx-leas-2013.csv');
const REGIONS = fixture('tx-askted-regions.csv');

interface Problem {
  file: string;
  line: number | null;
  key: string | null;
  field: string | null;
  message: string;
}

describe.each(testDatabases())('CCD directory import on $name', (target) => {
  let admin: Agent;
  let state: Unit;
  const api = useApi(target, async ({ db, app }) => {
    state = await createUnit(db, 'state', null, { name: `Texas ${Math.random().toString(36).slice(2, 6)}` });
    admin = await signIn(app, (await createPersonWithRole(db, state, 'admin')).email, PASSWORD);
  });

  const preview = async (files: Record<string, string | Buffer>, unit: Unit = state, agent: Agent = admin) => {
    const { body, headers } = multipart(Object.fromEntries(Object.entries(files).map(([k, content]) => [k, { content }])));
    return agent.request({ method: 'POST', url: `/api/imports/ccd/preview?unitId=${unit.id}`, body, headers });
  };
  const previewed = async (files: Record<string, string | Buffer>, unit: Unit = state) => {
    const res = await preview(files, unit);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as ImportRun;
  };
  const problemsOf = async (run: ImportRun) => ((await admin.get(`/api/imports/ccd/runs/${run.id}/problems?pageSize=500`)).json() as { problems: Problem[] }).problems;
  const apply = (run: ImportRun, skipProblems = false) => admin.post(`/api/imports/ccd/runs/${run.id}/apply`, { version: run.version, skipProblems });
  const unitByNces = async (ncesId: string) =>
    (await api.db.query<{ id: string; name: string; kind: string; parent_id: string; path: string; archived: boolean; level: string | null; latitude: number | null; city: string | null; zip: string | null; grade_low: string | null; grade_high: string | null; charter: boolean | null; operational_status: string | null }>(
      'select id, name, kind, parent_id, path, archived_at is not null as archived, level, latitude, city, zip, grade_low, grade_high, charter, operational_status from units where nces_id = $1',
      [ncesId],
    ))[0];

  it('previews the Texas excerpt without writing a unit, then applies exactly that, and a second run changes nothing', async () => {
    const before = await countRows(api.db, 'units');
    const run = await previewed({ schools: SCHOOLS, leas: LEAS, regions: REGIONS });
    // 3 districts; 21 schools of which 1 closed (never in Trellis: not created); 1 region (Bangs is
    // in region 15, Crosbyton 17, Boerne 20: three regions).
    expect(run.counts.byKind.district.creates).toBe(3);
    expect(run.counts.byKind.school.creates).toBe(20);
    expect(run.counts.closedNotCreated).toBe(1);
    expect(run.counts.byKind.region.creates).toBe(3);
    expect(run.problemCount).toBe(0);
    expect(run.files.map((f) => [f.slot, f.layout, f.rows])).toEqual([
      ['schools', '2013', 21],
      ['leas', '2013', 3],
      ['regions', null, 18],
    ]);
    expect(await countRows(api.db, 'units')).toBe(before);

    const applied = await apply(run);
    expect(applied.statusCode, applied.body).toBe(200);
    expect((applied.json() as ImportRun).status).toBe('applied');
    expect(await countRows(api.db, 'units')).toBe(before + 26);

    const boerneHigh = (await unitByNces('481071000535'))!;
    expect(boerneHigh).toMatchObject({ name: 'BOERNE H S', kind: 'school', level: 'high', city: 'BOERNE', zip: '78006', grade_low: '09', grade_high: '12', charter: false, operational_status: 'open', archived: false });
    expect(boerneHigh.latitude).toBeCloseTo(29.798429, 5);
    const boerne = (await unitByNces('4810710'))!;
    expect(boerne.parent_id).not.toBe(state.id); // under Region 20
    const region = (await api.db.query<{ name: string; parent_id: string }>('select name, parent_id from units where id = $1', [boerne.parent_id]))[0]!;
    expect(region).toEqual({ name: 'Region 20', parent_id: state.id });
    expect(boerneHigh.path.startsWith(boerne.path)).toBe(true);
    // One audit event for the whole apply, with its counts.
    const events = await api.db.query<{ after: { created: number } }>(`select after from audit_events where action = 'import.apply' and entity_id = $1`, [run.id]);
    expect(events).toHaveLength(1);
    expect(events[0]!.after.created).toBe(26);

    // The same files again: nothing to change.
    const again = await previewed({ schools: SCHOOLS, leas: LEAS, regions: REGIONS });
    expect(again.counts).toMatchObject({ creates: 0, updates: 0, archives: 0, unchanged: 26 });
    const print = await fingerprint(api.db);
    expect((await apply(again)).statusCode).toBe(200);
    const after = await fingerprint(api.db);
    expect(after.units).toBe(print.units);

    // The organization tree shows the schools under their district.
    const children = (await admin.get(`/api/units/${boerne.id}/children`)).json() as { name: string }[];
    expect(children.map((c) => c.name)).toContain('BOERNE - SAMUEL V CHAMPION H S');
  });

  it('archives a school the file says is closed, and brings it back when it reopens; a school not in the file is left alone', async () => {
    const closed = SCHOOLS.toString('utf8').replace(/(480000101147,[^\n]*?,1,)1(,000,)/, '$12$2'); // Crosbyton Middle: STATUS 2
    expect(closed).not.toBe(SCHOOLS.toString('utf8'));
    const run = await previewed({ schools: closed });
    expect(run.counts.archives).toBe(1);
    expect((await apply(run)).statusCode).toBe(200);
    expect(await unitByNces('480000101147')).toMatchObject({ archived: true, operational_status: 'closed' });

    const onlyOne = SCHOOLS.toString('utf8').split('\n').slice(0, 2).join('\n') + '\n';
    const reopen = await previewed({ schools: onlyOne + closed.split('\n').find((l) => l.includes(',480000101147,'))!.replace(/,2(,000,)/, ',8$1') + '\n' });
    expect(reopen.counts).toMatchObject({ updates: 1, archives: 0, unchanged: 1 });
    expect((await apply(reopen)).statusCode).toBe(200);
    expect(await unitByNces('480000101147')).toMatchObject({ archived: false, operational_status: 'reopened' });
    expect(await unitByNces('481071000535')).toMatchObject({ archived: false }); // not in that file: untouched
  });

  it('reads the current layout (65 columns) with a new district, a charter school, a closed school and a non-ASCII name', async () => {
    const run = await previewed({ schools: fixture('lk-schools-current.csv'), leas: fixture('lk-leas-current.csv') });
    expect(run.files.map((f) => [f.slot, f.layout, f.encoding])).toEqual([
      ['schools', 'current', 'utf-8'],
      ['leas', 'current', 'utf-8'],
    ]);
    expect(run.counts.byKind.district.creates).toBe(1);
    expect(run.counts.byKind.school.creates).toBe(5);
    expect(run.counts.closedNotCreated).toBe(1);
    expect((await apply(run)).statusCode).toBe(200);
    expect(await unitByNces('991234500004')).toMatchObject({ name: 'Río Azul Academy', charter: true, level: 'elementary', operational_status: 'new', city: 'Río Azul' });
    expect(await unitByNces('9912345')).toMatchObject({ kind: 'district', charter: false, city: 'Cedar Falls', parent_id: state.id });
  });

  it('suggests feeder patterns in a district with two high schools, takes an edit, applies, and suggesting again changes nothing', async () => {
    const res = await admin.post('/api/imports/ccd/feeders/suggest', { unitId: state.id });
    expect(res.statusCode, res.body).toBe(201);
    const run = res.json() as ImportRun;
    const review = (await admin.get(`/api/imports/ccd/runs/${run.id}/feeders`)).json() as {
      districts: { districtName: string; highSchools: { id: string; name: string }[]; assignments: { schoolId: string; schoolName: string; highSchoolId: string | null; reason: string }[] }[];
    };
    const boerne = review.districts.find((d) => d.districtName === 'BOERNE ISD')!;
    expect(boerne.highSchools.map((h) => h.name).sort()).toEqual(['BOERNE - SAMUEL V CHAMPION H S', 'BOERNE H S']);
    const champion = boerne.highSchools.find((h) => h.name.includes('CHAMPION'))!;
    const main = boerne.highSchools.find((h) => h.name === 'BOERNE H S')!;
    // Kendall El (29.7603, -98.7076) is nearest Champion (29.7886, -98.7054); Curington El nearest Boerne H S.
    expect(boerne.assignments.find((a) => a.schoolName === 'KENDALL EL')).toMatchObject({ highSchoolId: champion.id, reason: 'nearest' });
    expect(boerne.assignments.find((a) => a.schoolName === 'CURINGTON EL')).toMatchObject({ highSchoolId: main.id, reason: 'nearest' });
    // Crosbyton and Bangs have one high school each: no suggestion.
    expect(review.districts.map((d) => d.districtName)).toEqual(['BOERNE ISD', 'Cedar Valley Unified School District']);

    const fabra = boerne.assignments.find((a) => a.schoolName === 'FABRA EL')!;
    const edited = await admin.put(`/api/imports/ccd/runs/${run.id}/feeders`, { version: run.version, assignments: [{ schoolId: fabra.schoolId, highSchoolId: champion.id }] });
    expect(edited.statusCode, edited.body).toBe(200);
    const editedRun = edited.json() as ImportRun;
    expect(editedRun.counts.byKind.feeder_pattern.creates).toBe(4); // Boerne ISD and Cedar Valley: two each
    // A stale version is refused.
    expectProblem(await admin.put(`/api/imports/ccd/runs/${run.id}/feeders`, { version: run.version, assignments: [{ schoolId: fabra.schoolId, highSchoolId: null }] }), 409, { field: 'version' });

    expect((await apply(editedRun)).statusCode).toBe(200);
    const fabraUnit = (await unitByNces('481071006367'))!;
    const pattern = (await api.db.query<{ name: string; kind: string }>('select name, kind from units where id = $1', [fabraUnit.parent_id]))[0];
    expect(pattern).toEqual({ name: 'BOERNE - SAMUEL V CHAMPION H S feeder pattern', kind: 'feeder_pattern' });

    // The directory import again keeps schools in their feeder patterns.
    const again = await previewed({ schools: SCHOOLS, leas: LEAS, regions: REGIONS });
    const changes = ((await admin.get(`/api/imports/ccd/runs/${again.id}/changes`)).json() as { changes: { name: string; changes: string[] }[] }).changes;
    // Only Crosbyton Middle, reopened (status 8) by the test before, goes back to open (1).
    expect(changes).toEqual([expect.objectContaining({ name: 'CROSBYTON MIDDLE', changes: ['status'] })]);
  });

  it('names every bad row, refuses to apply them unless told to skip them, and then writes everything else', async () => {
    const text = SCHOOLS.toString('utf8').trimEnd().split('\n');
    const bad = [
      text[0],
      text[1]!.replace('480000101145', '480000109999').replace('CROSBYTON EL', 'NEW CROSBYTON EL'), // fine: a new school
      text[2]!.replace('4800001,01146', '4899999,01146').replace('480000101146', '489999901146'), // district missing
      text[3]!.replace(',06,08,', ',06,XX,'), // bad grade
      text[3]!.replace('480000101147', '480000109999'), // duplicate of line 2's id
      text[4]!.split(',').slice(0, 10).join(','), // truncated line
    ].join('\n');
    const run = await previewed({ schools: bad });
    const problems = await problemsOf(run);
    expect(problems.map((p) => [p.line, p.field])).toEqual(
      expect.arrayContaining([
        [3, 'LEAID'],
        [4, 'GSHI'],
        [2, 'NCESSCH'],
        [5, 'NCESSCH'],
        [6, null],
      ]),
    );
    expect(problems.find((p) => p.line === 3)!.message).toContain('4899999');
    expect(problems.find((p) => p.line === 6)!.message).toMatch(/cut short/);
    const print = await fingerprint(api.db);
    expectProblem(await apply(run, false), 400, { field: 'skipProblems' });
    expect(await fingerprint(api.db)).toEqual(print);
    expect((await apply(run, true)).statusCode).toBe(200);
  });

  it('reads Latin-1 and a byte-order mark, refuses wrong columns and UTF-16 by name, and reports a truncated file', async () => {
    const latin = Buffer.from(fixture('lk-schools-current.csv').toString('utf8').replace(/Río/g, 'Ría'), 'latin1');
    const latinRun = await previewed({ schools: latin, leas: fixture('lk-leas-current.csv') });
    expect(latinRun.files[0]!.encoding).toBe('windows-1252');
    const changes = (await admin.get(`/api/imports/ccd/runs/${latinRun.id}/changes?pageSize=100`)).json() as { changes: { name: string }[] };
    expect(changes.changes.map((c) => c.name)).toContain('Ría Azul Academy');

    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), LEAS]);
    const bomRun = await previewed({ leas: bom });
    expect(bomRun.problemCount).toBe(0);
    expect(bomRun.files[0]!.rows).toBe(3);

    expectProblem(await preview({ schools: 'SCHOOL,DISTRICT\nA,B\n' }), 400, { field: 'schools', rule: 'NCESSCH' });
    expectProblem(await preview({ schools: LEAS }), 400, { field: 'schools', rule: 'LEA' });
    expectProblem(await preview({ leas: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('L\0E\0A\0')]) }), 400, { field: 'leas', rule: 'UTF-16' });

    const cut = SCHOOLS.subarray(0, SCHOOLS.indexOf('BOERNE MIDDLE NORTH') + 5);
    const cutRun = await previewed({ schools: Buffer.concat([cut, Buffer.from(',"unfinished')]) });
    const problems = await problemsOf(cutRun);
    expect(problems.some((p) => /cut short|truncated/.test(p.message))).toBe(true);
  });

  it('refuses an apply when a unit changed since the preview, and a failure half-way leaves nothing', async () => {
    const file = fixture('lk-schools-current.csv').toString('utf8').replace(/Cedar Valley High School/, 'Cedar Valley High School (renamed)');
    const run = await previewed({ schools: file });
    expect(run.counts.updates).toBe(1);
    const high = (await unitByNces('991234500001'))!;
    await api.db.query('update units set version = version + 1 where id = $1', [high.id]);
    const print = await fingerprint(api.db);
    expectProblem(await apply(run), 409, { field: 'version' });
    expect(await fingerprint(api.db)).toEqual(print);

    // Half-way: the creates succeed, then an update fails (a trigger stands in for a crash).
    const twoNew = fixture('lk-schools-current.csv')
      .toString('utf8')
      .replace(/991234500003/g, '991234500013')
      .replace('Birch Street Elementary', 'Birch Annex')
      .replace('Cedar Valley Middle School', 'Cedar Valley Middle School (renamed)');
    const run2 = await previewed({ schools: twoNew });
    expect(run2.counts.creates).toBe(1);
    expect(run2.counts.updates).toBeGreaterThan(0);
    await api.db.exec(`create function trellis_test_fail() returns trigger language plpgsql as $$ begin raise exception 'disk full (test)'; end $$;
      create trigger trellis_test_fail before update on units for each row when (new.name like '%(renamed)%') execute function trellis_test_fail();`);
    const before = await fingerprint(api.db);
    try {
      const res = await apply(run2);
      expect(res.statusCode).toBe(500);
    } finally {
      await api.db.exec('drop trigger trellis_test_fail on units; drop function trellis_test_fail();');
    }
    expect(await fingerprint(api.db)).toEqual(before);
    expect(await unitByNces('991234500013')).toBeUndefined();
  });

  it('reads a feeder file (school → high school NCES ids) into a review, names the rows it cannot use, and applies the rest', async () => {
    const file = ['NCESSCH,High school', '480939000397,480939000398', '480939005402,480939000398', '489999912345,480939000398', '480939000397,480000101146', ''].join('\n');
    const { body, headers } = multipart({ feeders: { name: 'feeders.csv', content: file } });
    const res = await admin.request({ method: 'POST', url: `/api/imports/ccd/feeders/preview?unitId=${state.id}`, body, headers });
    expect(res.statusCode, res.body).toBe(201);
    const run = res.json() as ImportRun;
    const problems = await problemsOf(run);
    // Line 4: no such school; line 5: a high school of another district (Crosbyton's, for a Bangs school).
    expect(problems.map((p) => [p.line, p.field])).toEqual([
      [4, 'school'],
      [5, 'highSchoolId'],
    ]);
    expect(problems[1]!.message).toMatch(/another district/);
    expect(run.counts.byKind.feeder_pattern.creates).toBe(1);
    expectProblem(await apply(run, false), 400, { field: 'skipProblems' });
    expect((await apply(run, true)).statusCode).toBe(200);
    const el = (await unitByNces('480939000397'))!;
    const high = (await unitByNces('480939000398'))!;
    expect(el.parent_id).toBe(high.parent_id);
    const pattern = (await api.db.query<{ name: string; kind: string }>('select name, kind from units where id = $1', [el.parent_id]))[0];
    expect(pattern).toEqual({ name: 'BANGS H S feeder pattern', kind: 'feeder_pattern' });
  });

  it('takes regions from a plain CSV (LEAID, region name) and moves a district with its schools', async () => {
    const run = await previewed({ leas: LEAS, regions: 'leaid,region\n4800001,South Plains\n' });
    const changes = ((await admin.get(`/api/imports/ccd/runs/${run.id}/changes?pageSize=100`)).json() as { changes: { name: string; kind: string; changes: string[] }[] }).changes;
    expect(changes.find((c) => c.kind === 'region')).toMatchObject({ name: 'South Plains' });
    expect(changes.find((c) => c.name === 'CROSBYTON CISD')!.changes).toEqual(['parent']);
    expect(changes.filter((c) => c.changes.join() === 'path').length).toBeGreaterThan(0); // its schools' paths
    expect((await apply(run)).statusCode).toBe(200);
    const district = (await unitByNces('4800001'))!;
    const school = (await unitByNces('480000101145'))!;
    expect(school.path.startsWith(district.path)).toBe(true);
    const region = (await api.db.query<{ name: string }>('select name from units where id = $1', [district.parent_id]))[0];
    expect(region).toEqual({ name: 'South Plains' });
  });

  it('keeps imports to administrators of the unit', async () => {
    const leader = await signIn(api.app, (await createPersonWithRole(api.db, state, 'leader')).email, PASSWORD);
    expectProblem(await preview({ leas: LEAS }, state, leader), 403);
    const other = await createUnit(api.db, 'state', null);
    expectProblem(await preview({ leas: LEAS }, other), 404);
    const sys = await signIn(api.app, (await createSystemAdmin(api.db)).email, PASSWORD);
    const elsewhere = await preview({ leas: LEAS }, other, sys);
    expect(elsewhere.statusCode).toBe(201);
    // The three districts are already in the first state: each row is refused, naming where.
    const run = elsewhere.json() as ImportRun;
    expect(run.problemCount).toBe(3);
    const problems = ((await sys.get(`/api/imports/ccd/runs/${run.id}/problems`)).json() as { problems: Problem[] }).problems;
    expect(problems[0]!.message).toMatch(/^4800001 is already the NCES id of CROSBYTON CISD, outside /);
  });
});
