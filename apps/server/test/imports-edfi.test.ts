// Ed-Fi education organization imports through the API, on the real Ed-Fi 5.2 sample (Grand Bend ISD:
// a service center, a district, three schools; shared/data/edfi/samples/EducationOrganization.xml)
// in the JSON shape the Ed-Fi API returns (fixtures/imports/edfi-grand-bend.json, checked against the
// sample here), and hand-made bad files. Preview counts and names every bad resource; apply writes
// the preview in one transaction; a second run changes nothing; a failure half-way leaves nothing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportRun, Unit } from '@trellis/core';
import { signIn, type Agent } from './support/agent.js';
import { useApi } from './support/api.js';
import { testDatabases } from './support/databases.js';
import { createPersonWithRole, createSystemAdmin, createUnit, PASSWORD } from './support/factories.js';
import { edfiXmlToApiJson } from './support/edfi-xml.js';
import { fixture, multipart } from './support/imports-factories.js';
import { countRows, expectProblem, fingerprint } from './support/problems.js';
import { rosterRun } from './matrix/imports.js';
import { rosterImportBadInput } from './bad-input/imports.js';

const SAMPLE = join(import.meta.dirname, '../../../../shared/data/edfi/samples/EducationOrganization.xml');
const GRAND_BEND = JSON.parse(fixture('edfi-grand-bend.json').toString('utf8')) as Record<string, unknown>[];

interface Problem {
  file: string;
  line: number | null;
  key: string | null;
  name: string | null;
  field: string | null;
  message: string;
}

/** The sample with ids of its own (Ed-Fi ids are unique across the database): 255901 + by, its schools 255901001 + 1000 by. */
const shifted = (resources: Record<string, unknown>[], by: number) =>
  JSON.parse(JSON.stringify(resources).replace(/"(schoolId|localEducationAgencyId|educationServiceCenterId|stateEducationAgencyId)":(\d+)/g, (_m, k: string, v: string) => `"${k}":${Number(v) + (k === 'schoolId' ? by * 1000 : by)}`)) as Record<string, unknown>[];

describe('the Grand Bend fixture', () => {
  it('is the education organizations of the real Ed-Fi sample, as the API returns them', () => {
    expect(edfiXmlToApiJson(readFileSync(SAMPLE, 'utf8'))).toEqual(GRAND_BEND);
    expect(GRAND_BEND.map((r) => r.nameOfInstitution)).toEqual(['Region 99 Education Service Center', 'Grand Bend ISD', 'Grand Bend High School', 'Grand Bend Middle School', 'Grand Bend Elementary School']);
  });
});

describe.each(testDatabases())('Ed-Fi import on $name', (target) => {
  let sys: Agent;
  const api = useApi(target, async ({ db, app }) => {
    sys = await signIn(app, (await createSystemAdmin(db)).email, PASSWORD);
  });
  const newState = () => createUnit(api.db, 'state', null, { name: `Texas ${Math.random().toString(36).slice(2, 6)}` });

  const preview = async (state: Unit, files: (string | Buffer)[], agent: Agent = sys) => {
    // Several files under the one field "edfi", as a form with a multiple file input sends them.
    const boundary = `----trellisedfi${Math.random().toString(16).slice(2)}`;
    const body = Buffer.concat([
      ...files.flatMap((content, i) => [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="edfi"; filename="part${i}.json"\r\nContent-Type: application/json\r\n\r\n`), Buffer.isBuffer(content) ? content : Buffer.from(content), Buffer.from('\r\n')]),
      Buffer.from(`--${boundary}--\r\n`),
    ]);
    return agent.request({ method: 'POST', url: `/api/imports/edfi/preview?unitId=${state.id}`, body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
  };
  const previewed = async (state: Unit, files: (string | Buffer)[]) => {
    const res = await preview(state, files);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as ImportRun;
  };
  const problemsOf = async (run: ImportRun) => ((await sys.get(`/api/imports/ccd/runs/${run.id}/problems?pageSize=500`)).json() as { problems: Problem[] }).problems;
  const apply = (run: ImportRun, skipProblems = false) => sys.post(`/api/imports/edfi/runs/${run.id}/apply`, { version: run.version, skipProblems });
  const unitBy = async (edfiId: number | string) =>
    (await api.db.query<{ id: string; name: string; kind: string; parent_id: string; archived: boolean; grade_low: string | null; grade_high: string | null; level: string | null; city: string | null; zip: string | null; address: string | null; operational_status: string | null; charter: boolean | null }>(
      `select id, name, kind, parent_id, archived_at is not null as archived, grade_low, grade_high, level, city, zip, address, operational_status, charter from units where edfi_id = $1`,
      [String(edfiId)],
    ))[0];

  it('imports the Grand Bend sample: the service center becomes a region, the district sits in it, the schools in the district; a second run changes nothing', async () => {
    const state = await newState();
    const before = await countRows(api.db, 'units');
    const run = await previewed(state, [JSON.stringify(GRAND_BEND)]);
    expect(run.kind).toBe('edfi');
    expect(run.files.map((f) => [f.slot, f.layout, f.rows])).toEqual([['edfi', 'Ed-Fi API JSON', 5]]);
    expect(run.counts.byKind.region.creates).toBe(1);
    expect(run.counts.byKind.district.creates).toBe(1);
    expect(run.counts.byKind.school.creates).toBe(3);
    expect(run.problemCount).toBe(0);
    expect(await countRows(api.db, 'units')).toBe(before);
    const applied = await apply(run);
    expect(applied.statusCode, applied.body).toBe(200);
    expect(await countRows(api.db, 'units')).toBe(before + 5);
    const esc = (await unitBy(255950))!;
    const lea = (await unitBy(255901))!;
    expect(esc).toMatchObject({ kind: 'region', parent_id: state.id, name: 'Region 99 Education Service Center', city: 'Dallas' });
    expect(lea).toMatchObject({ kind: 'district', parent_id: esc.id, name: 'Grand Bend ISD', zip: '73334' });
    expect(await unitBy(255901001)).toMatchObject({ kind: 'school', parent_id: lea.id, grade_low: '09', grade_high: '12', level: 'high', address: '456 Elm Street', operational_status: 'open', charter: false });
    expect(await unitBy(255901107)).toMatchObject({ grade_low: '01', grade_high: '05', level: 'elementary' });
    const audit = await api.db.query<{ action: string }>(`select action from audit_events where entity_id = $1 order by id`, [run.id]);
    expect(audit.map((a) => a.action)).toEqual(['import.preview', 'import.apply']);

    const again = await previewed(state, [JSON.stringify(GRAND_BEND)]);
    expect([again.counts.creates, again.counts.updates, again.counts.archives, again.counts.unchanged, again.problemCount]).toEqual([0, 0, 0, 5, 0]);
    const print = await fingerprint(api.db);
    expect((await apply(again)).statusCode).toBe(200);
    expect((await fingerprint(api.db)).units).toEqual(print.units);

    // Closed later: archived, never deleted.
    const closed = GRAND_BEND.map((r) => (r.schoolId === 255901044 ? { ...r, operationalStatusDescriptor: 'uri://ed-fi.org/OperationalStatusDescriptor#Closed' } : r));
    const third = await previewed(state, [JSON.stringify(closed)]);
    expect(third.counts.archives).toBe(1);
    expect((await apply(third)).statusCode).toBe(200);
    expect((await unitBy(255901044))!.archived).toBe(true);
  });

  it('reads one file per resource type, as the API pages them, with the state education agency as the state; links a CCD district by its NCES code', async () => {
    const state = await newState();
    const ccdDistrict = await createUnit(api.db, 'district', state, { name: 'GRAND BEND ISD (CCD)', ncesId: '4899001' });
    const own = shifted(GRAND_BEND, 1000);
    const lea = own.find((r) => 'localEducationAgencyId' in r)!;
    (lea.identificationCodes as unknown[]).push({ educationOrganizationIdentificationSystemDescriptor: 'uri://ed-fi.org/EducationOrganizationIdentificationSystemDescriptor#NCES', identificationCode: '4899001' });
    lea.stateEducationAgencyReference = { stateEducationAgencyId: 48 };
    const files = [
      JSON.stringify([{ stateEducationAgencyId: 48, nameOfInstitution: 'Texas Education Agency' }]),
      JSON.stringify(own.filter((r) => 'schoolId' in r)),
      JSON.stringify([lea]),
      JSON.stringify(own.filter((r) => 'educationServiceCenterId' in r)),
    ];
    const run = await previewed(state, files);
    expect(run.files.map((f) => f.rows)).toEqual([1, 3, 1, 1]);
    expect(run.counts.byKind.district).toMatchObject({ creates: 0, updates: 1 });
    expect(run.counts.byKind.school.creates).toBe(3);
    expect(run.problemCount).toBe(0);
    expect((await apply(run)).statusCode).toBe(200);
    // Linked, not duplicated; its name and place stay the directory's; its schools go in it.
    const linked = (await unitBy(256901))!;
    expect(linked).toMatchObject({ id: ccdDistrict.id, name: 'GRAND BEND ISD (CCD)', parent_id: state.id });
    expect((await unitBy(256901001))!.parent_id).toBe(ccdDistrict.id);
    expect((await api.db.query<{ edfi_id: string }>('select edfi_id from units where id = $1', [state.id]))[0]!.edfi_id).toBe('48');
  });

  it('names every bad resource — missing district, duplicate id, no name, an id that is not a number — and a truncated file, and applies the rest only when told to', async () => {
    const state = await newState();
    const own = shifted(GRAND_BEND, 2000);
    const bad = [
      ...own,
      { schoolId: 257901999, nameOfInstitution: 'Orphan School', localEducationAgencyReference: { localEducationAgencyId: 999 } },
      { schoolId: 257901001, nameOfInstitution: 'Grand Bend High School (again)', localEducationAgencyReference: { localEducationAgencyId: 257901 } },
      { schoolId: 257901998, nameOfInstitution: '', localEducationAgencyReference: { localEducationAgencyId: 257901 } },
      { schoolId: 'GB-7', nameOfInstitution: 'Lettered School', localEducationAgencyReference: { localEducationAgencyId: 257901 } },
      { schoolId: 257901997, nameOfInstitution: 'Floating School' },
      { communityOrganizationId: 77, nameOfInstitution: 'Communities in Schools' },
    ];
    const truncated = '\ufeff' + JSON.stringify([{ schoolId: 257901996, nameOfInstitution: 'Kept School', localEducationAgencyReference: { localEducationAgencyId: 257901 } }, { schoolId: 257901995, nameOfInstitution: 'Cut Sch' }]).slice(0, -25);
    const run = await previewed(state, [JSON.stringify(bad), truncated]);
    const problems = await problemsOf(run);
    const of = (key: string | null) => problems.filter((p) => p.key === key).map((p) => `${p.line}: ${p.message}`);
    expect(of('257901999')).toEqual(['6: its parent 999 is neither in the file nor in ' + state.name]);
    expect(of('257901001')).toHaveLength(2);
    expect(of('257901001')[0]).toMatch(/^3: 257901001 appears more than once in the file \(also at 7\)/);
    expect(of('257901998')).toEqual(['8: the School has no nameOfInstitution']);
    expect(problems.find((p) => p.field === 'schoolId')!.message).toMatch(/schoolId must be a whole number .* it is "GB-7"/);
    expect(of('257901997')).toEqual(['10: the school has no localEducationAgencyReference: Trellis places a school in its district']);
    expect(problems.find((p) => p.name === 'part1.json')!.message).toMatch(/cut short \(truncated\)\. The 1 resource before that were read/);
    expect(run.files[1]!.encoding).toBe('utf-8');
    // The rest: the region, the district, its two other schools and the school before the cut.
    expect(run.counts.creates).toBe(5);
    const print = await fingerprint(api.db);
    expectProblem(await apply(run), 400, { field: 'skipProblems' });
    expect(await fingerprint(api.db)).toEqual(print);
    expect((await apply(run, true)).statusCode).toBe(200);
    expect(await unitBy(257901996)).toBeDefined();
    expect(await unitBy(257901001)).toBeUndefined();
  });

  it('leaves out a resource holding a NUL character by name instead of failing with a 500', async () => {
    const state = await newState();
    const run = await previewed(state, [JSON.stringify([...shifted(GRAND_BEND, 3000), { schoolId: 257901994, nameOfInstitution: 'Nul\u0000 School', localEducationAgencyReference: { localEducationAgencyId: 257901 } }])]);
    const nul = (await problemsOf(run)).filter((p) => /NUL character/.test(p.message));
    expect(nul.map((p) => p.line)).toEqual([shifted(GRAND_BEND, 3000).length + 1]);
    expect(run.counts.creates).toBe(shifted(GRAND_BEND, 3000).length);
  });

  it('reads FeederSchoolAssociations (elementary → middle → high) into feeder patterns to review, and applies them', async () => {
    const state = await newState();
    const run = await previewed(state, [JSON.stringify(shifted(GRAND_BEND, 4000))]);
    expect((await apply(run)).statusCode).toBe(200);
    const [hs, ms, es] = [259901001, 259901044, 259901107];
    const link = (school: number, feeder: number, extra: Record<string, unknown> = {}) => ({ schoolReference: { schoolId: school }, feederSchoolReference: { schoolId: feeder }, beginDate: '2021-08-23', ...extra });
    const feeders = await previewed(state, [JSON.stringify([link(ms, es), link(hs, ms), link(hs, 999), link(ms, hs, { endDate: '2020-06-01' })])]);
    expect(feeders.kind).toBe('feeders');
    const problems = await problemsOf(feeders);
    expect(problems.map((p) => [p.line, p.key, p.field])).toEqual([[3, '999', 'feederSchoolReference']]);
    const review = (await sys.get(`/api/imports/ccd/runs/${feeders.id}/feeders`)).json() as { districts: { districtName: string; highSchools: { name: string }[]; assignments: { schoolName: string; highSchoolId: string | null; reason: string }[] }[] };
    expect(review.districts).toHaveLength(1);
    expect(review.districts[0]!.highSchools.map((h) => h.name)).toEqual(['Grand Bend High School']);
    expect(review.districts[0]!.assignments.map((a) => [a.schoolName, a.reason])).toEqual([
      ['Grand Bend Elementary School', 'file'],
      ['Grand Bend Middle School', 'file'],
    ]);
    expect(feeders.counts.byKind.feeder_pattern.creates).toBe(1);
    expect((await apply(feeders, true)).statusCode).toBe(200);
    const [e, m, h] = [(await unitBy(es))!, (await unitBy(ms))!, (await unitBy(hs))!];
    expect(e.parent_id).toBe(h.parent_id);
    expect(m.parent_id).toBe(h.parent_id);
    const pattern = (await api.db.query<{ name: string; kind: string }>('select name, kind from units where id = $1', [h.parent_id]))[0];
    expect(pattern).toEqual({ name: 'Grand Bend High School feeder pattern', kind: 'feeder_pattern' });
  });

  it('leaves nothing when the apply fails half-way', async () => {
    const state = await newState();
    const run = await previewed(state, [JSON.stringify(shifted(GRAND_BEND, 3000))]);
    await api.db.exec(`create function trellis_test_fail() returns trigger language plpgsql as $$ begin raise exception 'disk full (test)'; end $$;
      create trigger trellis_test_fail before update on units for each row when (new.edfi_id is not null and old.edfi_id is null) execute function trellis_test_fail();`);
    const state2 = await previewed(state, [JSON.stringify([{ stateEducationAgencyId: 3048, nameOfInstitution: 'State' }, ...shifted(GRAND_BEND, 3000)])]);
    void run;
    const before = await fingerprint(api.db);
    try {
      // The creates go in first, then the state's update fails.
      expect((await apply(state2)).statusCode).toBe(500);
    } finally {
      await api.db.exec('drop trigger trellis_test_fail on units; drop function trellis_test_fail();');
    }
    expect(await fingerprint(api.db)).toEqual(before);
    expect(await unitBy(258901)).toBeUndefined();
  });

  it('refuses bad input to the Ed-Fi routes by name, writing nothing, and keeps imports to administrators', async () => {
    expect(rosterImportBadInput.filter((r) => r.includes('edfi')).sort()).toEqual(['POST /api/imports/edfi/preview', 'POST /api/imports/edfi/runs/:id/apply']);
    const state = await newState();
    const leader = await signIn(api.app, (await createPersonWithRole(api.db, state, 'leader')).email, PASSWORD);
    const orRun = await rosterRun(api.db, state, 'oneroster');
    const print = await fingerprint(api.db);
    const url = `/api/imports/edfi/preview?unitId=${state.id}`;
    expectProblem(await sys.request({ method: 'POST', url, body: '[]', headers: { 'content-type': 'application/json' } }), 415);
    expectProblem(await preview(state, ['{"schoolId": 1, "nameOfInstitution": "One"}']), 400, { field: 'edfi', rule: /one JSON object/ });
    expectProblem(await preview(state, ['schoolId,name\n1,One\n']), 400, { field: 'edfi', rule: /not JSON/ });
    expectProblem(await preview(state, ['']), 400, { field: 'edfi', rule: /empty/ });
    expectProblem(await preview(state, [Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('[]', 'utf16le')])]), 400, { field: 'edfi', rule: /UTF-16/ });
    const wrong = multipart({ orgs: { content: '[]' } });
    expectProblem(await sys.request({ method: 'POST', url, body: wrong.body, headers: wrong.headers }), 400, { field: 'orgs' });
    expectProblem(await preview(state, [JSON.stringify(GRAND_BEND)], leader), 403);
    expectProblem(await sys.post(`/api/imports/edfi/runs/${orRun.id}/apply`, { version: 1, skipProblems: false }), 400, { field: 'id' });
    expectProblem(await sys.post(`/api/imports/edfi/runs/${orRun.id}/apply`, { version: 'one', skipProblems: false }), 400, { field: 'version' });
    expect(await fingerprint(api.db)).toEqual(print);
    const empty = await previewed(state, ['[]']);
    expect(empty.counts.creates).toBe(0);
    expectProblem(await sys.post(`/api/imports/edfi/runs/${empty.id}/apply`, { version: empty.version + 1, skipProblems: false }), 409);
  });
});
