// OneRoster imports through the API: orgs.csv (1.1/1.2 and School Data Sync's smaller file, the
// real sample in shared/data/school-data-sync-samples), users.csv with roles.csv, the role mapping
// reviewed before apply. Preview counts and names every bad row; apply writes the preview in one
// transaction; a second run changes nothing; a failure half-way leaves nothing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportRun, Unit } from '@trellis/core';
import { signIn, type Agent } from './support/agent.js';
import { useApi } from './support/api.js';
import { testDatabases } from './support/databases.js';
import { createPersonWithRole, createSystemAdmin, createUnit, PASSWORD } from './support/factories.js';
import { fixture, multipart } from './support/imports-factories.js';
import { countRows, expectProblem, fingerprint } from './support/problems.js';

const SDS = join(import.meta.dirname, '../../../../shared/data/school-data-sync-samples');
const ORGS = fixture('oneroster-1.1-orgs.csv');
const USERS = fixture('oneroster-1.1-users.csv');

interface Problem {
  file: string;
  line: number | null;
  key: string | null;
  name: string | null;
  field: string | null;
  message: string;
}

describe.each(testDatabases())('OneRoster import on $name', (target) => {
  let sys: Agent;
  const api = useApi(target, async ({ db, app }) => {
    sys = await signIn(app, (await createSystemAdmin(db)).email, PASSWORD);
  });
  const newState = (name = `Lakeland ${Math.random().toString(36).slice(2, 6)}`) => createUnit(api.db, 'state', null, { name });

  const preview = async (state: Unit, files: Record<string, string | Buffer>, agent: Agent = sys) => {
    const { body, headers } = multipart(Object.fromEntries(Object.entries(files).map(([k, content]) => [k, { content, name: `${k}.csv` }])));
    return agent.request({ method: 'POST', url: `/api/imports/oneroster/preview?unitId=${state.id}`, body, headers });
  };
  const previewed = async (state: Unit, files: Record<string, string | Buffer>) => {
    const res = await preview(state, files);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as ImportRun;
  };
  const problemsOf = async (run: ImportRun) => ((await sys.get(`/api/imports/ccd/runs/${run.id}/problems?pageSize=500`)).json() as { problems: Problem[] }).problems;
  const apply = (run: ImportRun, skipProblems = false) => sys.post(`/api/imports/oneroster/runs/${run.id}/apply`, { version: run.version, skipProblems });
  const unitBy = async (onerosterId: string) =>
    (await api.db.query<{ id: string; name: string; kind: string; parent_id: string; path: string; archived: boolean; nces_id: string | null }>(
      'select id, name, kind, parent_id, path, archived_at is not null as archived, nces_id from units where oneroster_id = $1',
      [onerosterId],
    ))[0];

  it('imports a 1.1 orgs.csv into a state: types become units with parents, the state row is the state, national is left out; a second run changes nothing', async () => {
    const state = await newState();
    const before = await countRows(api.db, 'units');
    const run = await previewed(state, { orgs: ORGS });
    expect(run.kind).toBe('oneroster');
    expect(run.files.map((f) => [f.slot, f.layout, f.rows])).toEqual([['orgs', 'OneRoster 1.1/1.2', 10]]);
    // aea → region; 2 districts; 3 schools (the tobedeleted one is not created); 1 department.
    expect(run.counts.byKind.region.creates).toBe(1);
    expect(run.counts.byKind.district.creates).toBe(2);
    expect(run.counts.byKind.school.creates).toBe(3);
    expect(run.counts.byKind.department!.creates).toBe(1);
    expect(run.counts.closedNotCreated).toBe(1);
    expect(run.counts.updates).toBe(1); // the state gets its sourcedId
    expect(run.problemCount).toBe(0);
    expect(await countRows(api.db, 'units')).toBe(before);

    const applied = await apply(run);
    expect(applied.statusCode, applied.body).toBe(200);
    expect(await countRows(api.db, 'units')).toBe(before + 7);
    const aea = (await unitBy('org-aea-n'))!;
    const cv = (await unitBy('org-cv'))!;
    const hs = (await unitBy('org-cv-hs'))!;
    expect(aea).toMatchObject({ kind: 'region', parent_id: state.id, name: 'Northern Area Education Agency' });
    expect(cv).toMatchObject({ kind: 'district', parent_id: aea.id, nces_id: '9912345' });
    expect(hs).toMatchObject({ kind: 'school', parent_id: cv.id, nces_id: '991234500001' });
    expect((await unitBy('org-pr-sped'))!.kind).toBe('department');
    expect((await unitBy('org-lk'))!.id).toBe(state.id);
    expect(await unitBy('org-us')).toBeUndefined();
    const audit = await api.db.query<{ action: string }>(`select action from audit_events where entity_id = $1 order by id`, [run.id]);
    expect(audit.map((a) => a.action)).toEqual(['import.preview', 'import.apply']);

    const again = await previewed(state, { orgs: ORGS });
    expect([again.counts.creates, again.counts.updates, again.counts.archives, again.problemCount]).toEqual([0, 0, 0, 0]);
    expect(again.counts.unchanged).toBe(8); // the state and its seven units
    const print = await fingerprint(api.db);
    expect((await apply(again)).statusCode).toBe(200);
    const after = await fingerprint(api.db);
    expect(after.units).toEqual(print.units);

    // A school marked tobedeleted later is archived, not deleted.
    const closing = ORGS.toString('utf8').replace('active,2026-08-01T00:00:00Z,Prairie Ridge Elementary', 'tobedeleted,2026-09-01T00:00:00Z,Prairie Ridge Elementary');
    const third = await previewed(state, { orgs: closing });
    expect(third.counts.archives).toBe(1);
    expect((await apply(third)).statusCode).toBe(200);
    expect((await unitBy('org-pr-el'))!.archived).toBe(true);
  });

  it('links the units a CCD import made by the NCES id in identifier instead of duplicating them, and leaves their names and places to the directory', async () => {
    const state = await newState();
    // Ids of their own (NCES and OneRoster ids are unique across the database; the first test holds these).
    const own = (b: Buffer) => b.toString('utf8').replace(/99123(4|45)/g, '99124$1').replace(/org-/g, 'o2-');
    const ccd = multipart({ leas: { content: own(fixture('lk-leas-current.csv')) }, schools: { content: own(fixture('lk-schools-current.csv')) } });
    const ccdRun = (await sys.request({ method: 'POST', url: `/api/imports/ccd/preview?unitId=${state.id}`, body: ccd.body, headers: ccd.headers })).json() as ImportRun;
    const ccdApplied = await sys.post(`/api/imports/ccd/runs/${ccdRun.id}/apply`, { version: ccdRun.version, skipProblems: false });
    expect(ccdApplied.statusCode, ccdApplied.body).toBe(200);
    const ccdHigh = (await api.db.query<{ id: string; name: string; parent_id: string }>(`select id, name, parent_id from units where nces_id = '991244500001'`))[0]!;
    const before = await countRows(api.db, 'units');

    const run = await previewed(state, { orgs: own(ORGS).replace('Cedar Valley High School,', 'CV High,') });
    // Cedar Valley district and its two schools are linked (updates), not created.
    expect(run.counts.byKind.district).toMatchObject({ creates: 1, updates: 1 });
    expect(run.counts.byKind.school).toMatchObject({ creates: 1, updates: 2 });
    const changes = ((await sys.get(`/api/imports/ccd/runs/${run.id}/changes?pageSize=100`)).json() as { changes: { unitId: string; changes: string[] }[] }).changes;
    expect(changes.find((c) => c.unitId === ccdHigh.id)!.changes).toEqual(['oneroster id']);
    expect((await apply(run)).statusCode).toBe(200);
    expect(await countRows(api.db, 'units')).toBe(before + 4); // region, Prairie Ridge, its school and department
    const linked = (await unitBy('o2-cv-hs'))!;
    expect(linked).toMatchObject({ id: ccdHigh.id, name: ccdHigh.name, parent_id: ccdHigh.parent_id });
  });

  it('names every bad row of orgs.csv — missing parent, a cycle, a duplicate sourcedId, an unknown type, a school under the state, a cut line — and applies the rest only when told to', async () => {
    const state = await newState();
    const res = await preview(state, { orgs: fixture('oneroster-bad-orgs.csv') });
    expect(res.statusCode, res.body).toBe(201);
    const run = res.json() as ImportRun;
    const problems = await problemsOf(run);
    const at = (line: number) => problems.filter((p) => p.line === line).map((p) => p.message).join(' | ');
    expect(at(5)).toMatch(/its parent b-nowhere is neither in the file nor in Lakeland/);
    expect(at(6)).toMatch(/b-dup appears more than once in the file \(also at 7\)/);
    expect(at(7)).toMatch(/b-dup appears more than once/);
    // The cycle is named with every member, on each of its rows.
    for (const line of [8, 9, 10]) {
      expect(at(line)).toMatch(/cycle \(each is the parent of the next\): b-c3 \(Loop Department Three\) → b-c2 \(Loop Department Two\) → b-c1 \(Loop Department One\) → b-c3/);
    }
    expect(at(11)).toMatch(/its parent b-c3 \(Loop Department Three\) cannot be imported .*cycle/);
    expect(at(12)).toMatch(/"college" is not an org type Trellis imports/);
    expect(at(13)).toMatch(/a school \(school\) cannot sit under a state; in Trellis it sits under a feeder pattern or a district/);
    expect(at(14)).toMatch(/has 5 values where the header has 7 columns/);
    expect(problems.filter((p) => p.line !== null && p.line <= 4)).toEqual([]);
    expect(run.counts.byKind.district.creates).toBe(1);
    expect(run.counts.byKind.school.creates).toBe(1);

    const print = await fingerprint(api.db);
    expectProblem(await apply(run, false), 400, { field: 'skipProblems' });
    expect(await fingerprint(api.db)).toEqual(print);
    expect((await apply(run, true)).statusCode).toBe(200);
    expect((await unitBy('b-s1'))!.parent_id).toBe((await unitBy('b-d1'))!.id);
    expect(await unitBy('b-s2')).toBeUndefined();
    expect(await unitBy('b-c1')).toBeUndefined();
  });

  it('reads Latin-1 and a byte-order mark, reports a truncated file, and refuses wrong columns by name', async () => {
    const state = await newState();
    const latin = await previewed(state, { orgs: fixture('oneroster-latin1-orgs.csv') });
    expect(latin.files[0]!.encoding).toBe('windows-1252');
    expect(latin.counts.creates).toBe(2);
    expect((await apply(latin)).statusCode).toBe(200);
    expect((await unitBy('l-s1'))!.name).toBe('Escuela Niños Héroes');

    const bom = await previewed(state, { orgs: fixture('oneroster-bom-truncated-orgs.csv') });
    expect(bom.counts.creates).toBe(2); // the district and the school before the cut
    const problems = await problemsOf(bom);
    expect(problems.map((p) => p.message).join()).toMatch(/cut short \(truncated\)/);

    const wrong = await preview(state, { orgs: readFileSync(join(SDS, 'users.csv')) });
    expectProblem(wrong, 400, { field: 'orgs', rule: /lacks the columns name, type/ });
    expect(wrong.json().detail).toMatch(/It looks like users.csv/);
  });

  it('reads the real School Data Sync sample (orgs, users, roles) and names why nothing of it fits a state', async () => {
    const state = await newState();
    const run = await previewed(state, { orgs: readFileSync(join(SDS, 'orgs.csv')), users: readFileSync(join(SDS, 'users.csv')), roles: readFileSync(join(SDS, 'roles.csv')) });
    expect(run.files.map((f) => [f.slot, f.layout, f.rows])).toEqual([
      ['orgs', 'OneRoster partial', 4],
      ['users', 'OneRoster partial', 8],
      ['roles', 'OneRoster partial', 7],
    ]);
    const problems = await problemsOf(run);
    const orgs = problems.filter((p) => p.file === 'orgs');
    expect(orgs.map((p) => [p.key, p.field])).toEqual([
      ['110001', 'type'],
      ['110002', 'parentSourcedId'],
      ['110003', 'parentSourcedId'],
      ['110004', 'type'],
    ]);
    expect(orgs[0]!.message).toMatch(/"college" is not an org type/);
    expect(orgs[2]!.message).toMatch(/its parent 110004 \(Ministry of TwoDotOne\) cannot be imported .*"ministryOfEducation"/);
    // Students are never people; the teacher and the professor lose their roles to orgs that cannot be imported.
    expect(run.people!.counts).toMatchObject({ creates: 0, learners: 4, withoutRole: 4 }); // two have no role at all
    expect(run.people!.usersByRole).toEqual({ student: 4, professor: 1, teacher: 1 });
    expect(run.people!.mapping).toEqual({ student: 'skip', professor: 'skip', teacher: 'member' });
    // Their roles ended in 2021-22: left out without a problem. With the end dates removed, each
    // staff role names the org it cannot be given at.
    expect(problems.filter((p) => p.file === 'roles')).toEqual([]);
    const current = readFileSync(join(SDS, 'roles.csv'), 'utf8').replace(/,\d{4}-\d{2}-\d{2}(?=\r?$)/gm, ',');
    const rerun = await previewed(state, { orgs: readFileSync(join(SDS, 'orgs.csv')), users: readFileSync(join(SDS, 'users.csv')), roles: current });
    const roleProblems = (await problemsOf(rerun)).filter((p) => p.file === 'roles');
    expect(roleProblems.map((p) => [p.line, p.key, p.field])).toEqual([
      [5, '114006', 'orgSourcedId'],
      [6, '114007', 'orgSourcedId'],
      [7, '114007', 'orgSourcedId'],
    ]);
    expect(roleProblems[0]!.message).toMatch(/its org 110002 cannot be imported \(orgs.csv line 3: its parent 110001 \(College of Engineering\) cannot be imported/);
  });

  it('keeps OneRoster imports to administrators of the state', async () => {
    const state = await newState();
    const leader = await signIn(api.app, (await createPersonWithRole(api.db, state, 'leader')).email, PASSWORD);
    expectProblem(await preview(state, { orgs: ORGS }, leader), 403);
    const admin = await signIn(api.app, (await createPersonWithRole(api.db, state, 'admin')).email, PASSWORD);
    expect((await preview(state, { orgs: ORGS }, admin)).statusCode).toBe(201);
    const school = await createUnit(api.db, 'school', await createUnit(api.db, 'district', state));
    expectProblem(await preview(school, { orgs: ORGS }), 400, { field: 'unitId', rule: 'must be a state or a district' });
  });

  it('imports into one district: the district row is that district, the state above it is left out', async () => {
    const state = await newState();
    const district = await createUnit(api.db, 'district', state, { name: 'My District' });
    const run = await previewed(district, { orgs: 'sourcedId,name,type,parentSourcedId\nds-st,Some State,state,\nds-d,My District,district,ds-st\nds-s1,School One,school,ds-d\nds-s2,School Two,school,\nds-d2,Another District,district,ds-st\n' });
    expect(run.counts.byKind.school.creates).toBe(2);
    expect(run.counts.byKind.district).toMatchObject({ creates: 0, updates: 1 });
    const problems = await problemsOf(run);
    expect(problems.map((p) => [p.key, p.message])).toEqual([['ds-d2', `ds-d2 (Another District) is another district than My District, which this import goes into`]]);
    expect((await apply(run, true)).statusCode).toBe(200);
    expect((await unitBy('ds-s2'))!.parent_id).toBe(district.id);
    expect((await unitBy('ds-d'))!.id).toBe(district.id);
  });

  // Users with the role mapping: each test uses ids and emails of its own (they are unique across the database).
  const own = (b: Buffer | string, tag: string) => b.toString().replace(/org-/g, `${tag}-`).replace(/\bu-(\d)/g, `${tag}u-$1`).replace(/@([a-z]+)\.example\.org/gi, `@$1-${tag}.example.org`).replace(/\b99123(4|45)/g, '0');

  it('previews users with the proposed role mapping, applies the reviewed one (students never people), and a second run with the same mapping changes nothing', async () => {
    const state = await newState();
    const orgs = own(ORGS, 'p1').replace(/,0\d*,/g, ',,');
    const users = own(USERS, 'p1');
    const run = await previewed(state, { orgs, users });
    expect(run.people!.usersByRole).toEqual({ administrator: 2, teacher: 1, aide: 1, student: 1, parent: 1 });
    expect(run.people!.mapping).toEqual({ administrator: 'leader', teacher: 'member', aide: 'member', student: 'skip', parent: 'skip' });
    expect(run.people!.counts).toMatchObject({ creates: 4, updates: 0, learners: 2, grants: 5, skipped: 0 });
    const people = (await sys.get(`/api/imports/oneroster/runs/${run.id}/people`)).json() as { total: number; people: { name: string; email: string; roles: { role: string; unitName: string }[] }[] };
    expect(people.total).toBe(4);
    expect(people.people.find((p) => p.name === 'Tom Nguyen')!.roles.map((r) => `${r.role}@${r.unitName}`)).toEqual(['teacher@Cedar Valley High School', 'teacher@Cedar Valley Middle School']);
    expect(people.people.find((p) => p.name === 'Maria Reyes')!.email).toBe('mreyes@cedarvalley-p1.example.org');

    // The review: a student cannot be mapped; aides left out, teachers as viewers.
    expectProblem(await sys.put(`/api/imports/oneroster/runs/${run.id}/roles`, { version: run.version, mapping: { student: 'member' } }), 400, { field: 'mapping.student', rule: 'never become people' });
    const edited = await sys.put(`/api/imports/oneroster/runs/${run.id}/roles`, { version: run.version, mapping: { aide: 'skip', teacher: 'viewer' } });
    expect(edited.statusCode, edited.body).toBe(200);
    const reviewed = edited.json() as ImportRun;
    expect(reviewed.people!.counts).toMatchObject({ creates: 3, skipped: 1, grants: 4 });
    expectProblem(await apply(run), 409); // the version before the edit

    const peopleBefore = await countRows(api.db, 'people');
    const applied = await apply(reviewed);
    expect(applied.statusCode, applied.body).toBe(200);
    expect(await countRows(api.db, 'people')).toBe(peopleBefore + 3);
    const grants = await api.db.query<{ name: string; role: string; unit: string; password_hash: string | null }>(
      `select p.name, g.role, u.name as unit, p.password_hash from grants g join people p on p.id = g.person_id join units u on u.id = g.unit_id where p.oneroster_id like 'p1u-%' order by p.name, u.name`,
    );
    expect(grants.map((g) => `${g.name}: ${g.role} at ${g.unit}`)).toEqual([
      'Maria Reyes: leader at Cedar Valley Unified',
      'Olivia Kim: leader at Prairie Ridge School District',
      'Tom Nguyen: viewer at Cedar Valley High School',
      'Tom Nguyen: viewer at Cedar Valley Middle School',
    ]);
    expect(grants.every((g) => g.password_hash === null)).toBe(true); // the file's passwords are never read
    expect(await countRows(api.db, 'people', `email like '%student%' or email like '%home.example%'`)).toBe(0);
    const audit = await api.db.query<{ after: { people: { created: number; granted: number } } }>(`select after from audit_events where entity_id = $1 and action = 'import.apply'`, [run.id]);
    expect(audit[0]!.after.people).toMatchObject({ created: 3, granted: 4 });

    const again = await previewed(state, { orgs, users });
    const same = (await sys.put(`/api/imports/oneroster/runs/${again.id}/roles`, { version: again.version, mapping: { aide: 'skip', teacher: 'viewer' } })).json() as ImportRun;
    expect(same.people!.counts).toMatchObject({ creates: 0, updates: 0, unchanged: 3, grants: 0 });
    expect([same.counts.creates, same.counts.updates]).toEqual([0, 0]);
    const print = await fingerprint(api.db);
    expect((await apply(same)).statusCode).toBe(200);
    const after = await fingerprint(api.db);
    for (const table of ['units', 'people', 'grants']) expect(after[table], table).toEqual(print[table]);
  });

  it('reads 1.2 users.csv with roles.csv: primary org as home, secondary roles granted, ended roles left out', async () => {
    const state = await newState();
    const orgs = own(ORGS, 'p2').replace(/,0\d*,/g, ',,');
    const run = await previewed(state, { orgs, users: own(fixture('oneroster-1.2-users.csv'), 'p2'), roles: own(fixture('oneroster-1.2-roles.csv'), 'p2') });
    expect(run.files.map((f) => [f.slot, f.layout])).toEqual([
      ['orgs', 'OneRoster 1.1/1.2'],
      ['users', 'OneRoster 1.1/1.2'],
      ['roles', 'OneRoster 1.1/1.2'],
    ]);
    expect(run.people!.mapping).toEqual({ teacher: 'member', counselor: 'member', districtadministrator: 'leader', principal: 'leader', student: 'skip' });
    expect(run.people!.counts).toMatchObject({ creates: 2, learners: 1, grants: 3 });
    expect((await apply(run)).statusCode).toBe(200);
    const rows = await api.db.query<{ name: string; home: string; roles: string }>(
      `select p.name, h.name as home, string_agg(g.role || '@' || u.name, ', ' order by u.name) as roles from people p join units h on h.id = p.home_unit_id
         join grants g on g.person_id = p.id join units u on u.id = g.unit_id where p.oneroster_id like 'p2u-%' group by p.name, h.name order by p.name`,
    );
    expect(rows).toEqual([
      { name: 'Carl Stone', home: 'Cedar Valley Unified', roles: 'leader@Cedar Valley Unified' },
      { name: 'Ruth Bell', home: 'Cedar Valley High School', roles: 'member@Cedar Valley High School, member@Cedar Valley Middle School' },
    ]);
  });

  it('leaves people outside the district imported into as they are: a district administrator cannot take over another district’s or the state’s people by their email', async () => {
    const state = await newState();
    const mine = await createUnit(api.db, 'district', state, { name: 'Takeover District' });
    const theirs = await createUnit(api.db, 'district', state, { name: 'Other District' });
    const admin = await createPersonWithRole(api.db, mine, 'admin');
    const stateAdmin = await createPersonWithRole(api.db, state, 'admin', { name: 'State Boss', email: `boss-${state.id.slice(0, 8)}@state.example.org` });
    const other = await createPersonWithRole(api.db, theirs, 'leader', { name: 'Other Leader', email: `lead-${state.id.slice(0, 8)}@other.example.org` });
    const insider = await createPersonWithRole(api.db, mine, 'viewer', { name: 'Own Person', email: `own-${state.id.slice(0, 8)}@mine.example.org` });
    const agent = await signIn(api.app, admin.email, PASSWORD);
    const header = 'sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password\n';
    const line = (id: string, email: string) => `${id},active,2026-08-01T00:00:00Z,true,tk-s,administrator,${id},,Eve,Owner${id},,,${email},,,,,\n`;
    const users = header + line('tku-1', stateAdmin.email) + line('tku-2', other.email) + line('tku-3', insider.email);
    const res = await preview(mine, { orgs: 'sourcedId,name,type,parentSourcedId\ntk-s,Takeover School,school,\n', users }, agent);
    expect(res.statusCode, res.body).toBe(201);
    const run = res.json() as ImportRun;
    expect(run.people!.counts).toMatchObject({ creates: 0, updates: 1 });
    const problems = ((await agent.get(`/api/imports/ccd/runs/${run.id}/problems?pageSize=500`)).json() as { problems: Problem[] }).problems.filter((p) => p.file === 'users');
    expect(problems.map((p) => [p.key, p.field])).toEqual([
      ['tku-1', 'email'],
      ['tku-2', 'email'],
    ]);
    for (const p of problems) expect(p.message).not.toMatch(/State Boss|Other Leader/);
    const applied = await agent.post(`/api/imports/oneroster/runs/${run.id}/apply`, { version: run.version, skipProblems: true });
    expect(applied.statusCode, applied.body).toBe(200);
    const rows = await api.db.query<{ id: string; name: string; home_unit_id: string; oneroster_id: string | null; grants: number }>(
      `select p.id, p.name, p.home_unit_id, p.oneroster_id, (select count(*)::int from grants g where g.person_id = p.id) as grants from people p where p.id in ($1, $2, $3)`,
      [stateAdmin.id, other.id, insider.id],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(stateAdmin.id)).toMatchObject({ name: 'State Boss', home_unit_id: state.id, oneroster_id: null, grants: 1 });
    expect(byId.get(other.id)).toMatchObject({ name: 'Other Leader', home_unit_id: theirs.id, oneroster_id: null, grants: 1 });
    expect(byId.get(insider.id)).toMatchObject({ name: 'Eve Ownertku-3', oneroster_id: 'tku-3', grants: 2 });
    // And so the district administrator still cannot set the state administrator's password.
    expect((await agent.post(`/api/people/${stateAdmin.id}/password`, { password: 'taken-over-123456' })).statusCode).toBe(404);
  });

  it('leaves out rows holding a NUL character by name instead of failing with a 500', async () => {
    const state = await newState();
    const orgs = 'sourcedId,name,type,parentSourcedId\nnul-d,Nul District,district,\nnul-s,Nul\u0000 School,school,nul-d\n';
    const users = 'sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password\n' +
      'nulu-1,active,2026-08-01T00:00:00Z,true,nul-d,teacher,a,,Ann\u0000,Nul,,,ann.nul@nul.example.org,,,,,\nnulu-2,active,2026-08-01T00:00:00Z,true,nul-d,teacher,b,,Bo,Nul,,,bo.nul@nul.example.org,,,,,\n';
    const run = await previewed(state, { orgs, users });
    const nul = (await problemsOf(run)).filter((p) => /NUL character/.test(p.message));
    expect(nul.map((p) => [p.file, p.line])).toEqual([
      ['orgs', 3],
      ['users', 2],
    ]);
    expect(run.counts.creates).toBe(1);
    expect(run.people!.counts).toMatchObject({ creates: 1 });
  });

  it('names the users it cannot use, and a failure half-way through the grants leaves nothing', async () => {
    const state = await newState();
    const orgs = own(ORGS, 'p3').replace(/,0\d*,/g, ',,');
    const users = own(USERS, 'p3')
      .replace('lpark@prairie-p3.example.org', '') // no email, and a username that is not one
      .replace(/\n$/, '\np3u-106,active,2026-08-01T00:00:00Z,true,p3-nowhere,teacher,ghost,,Gus,Host,,,ghost@p3.example.org,,,,,\np3u-100,active,2026-08-01T00:00:00Z,true,p3-cv,teacher,dup,,Dup,Licate,,,dup@p3.example.org,,,,,\n');
    const run = await previewed(state, { orgs, users });
    const problems = (await problemsOf(run)).filter((p) => p.file === 'users');
    expect(problems.map((p) => [p.key, p.field])).toEqual([
      ['p3u-100', 'sourcedId'],
      ['p3u-102', 'email'],
      ['p3u-106', 'orgSourcedIds'],
      ['p3u-100', 'sourcedId'],
    ]);
    expect(problems[2]!.message).toMatch(/its org p3-nowhere is neither in orgs.csv nor in Lakeland/);
    await api.db.exec(`create function trellis_test_fail() returns trigger language plpgsql as $$ begin raise exception 'disk full (test)'; end $$;
      create trigger trellis_test_fail before insert on grants for each row when (new.role = 'leader') execute function trellis_test_fail();`);
    const before = await fingerprint(api.db);
    try {
      expect((await apply(run, true)).statusCode).toBe(500);
    } finally {
      await api.db.exec('drop trigger trellis_test_fail on grants; drop function trellis_test_fail();');
    }
    expect(await fingerprint(api.db)).toEqual(before);
    expect((await apply(run, true)).statusCode).toBe(200);
    expect(await countRows(api.db, 'people', `oneroster_id like 'p3u-%'`)).toBe(2); // Tom Nguyen and Olivia Kim
  });

  it('refuses bad input to the OneRoster routes by name, writing nothing', async () => {
    const state = await newState();
    const url = `/api/imports/oneroster/preview?unitId=${state.id}`;
    const refused = async (res: Awaited<ReturnType<typeof preview>>, status: number, field?: string, rule?: string | RegExp) => {
      expect(res.statusCode, res.body).toBeLessThan(500);
      expectProblem(res, status, { field, rule });
    };
    const empty = await createUnit(api.db, 'state', null);
    const print = await fingerprint(api.db);
    await refused(await sys.request({ method: 'POST', url, body: 'orgs', headers: { 'content-type': 'text/csv' } }), 415);
    await refused(await preview(empty, {}), 400, 'orgs');
    const other = multipart({ schools: { content: 'x' } });
    await refused(await sys.request({ method: 'POST', url, body: other.body, headers: other.headers }), 400, 'schools');
    await refused(await preview(state, { roles: fixture('oneroster-1.2-roles.csv') }), 400, 'users');
    await refused(await preview(state, { orgs: '' }), 400, 'orgs', 'is empty');
    await refused(await preview(state, { orgs: Buffer.from('\ufeffsourcedId,name,type\n', 'utf16le') }), 400, 'orgs', /UTF-16/);
    await refused(await sys.request({ method: 'POST', url: '/api/imports/oneroster/preview?unitId=nope', body: other.body, headers: other.headers }), 400, 'unitId');
    const fresh = await fingerprint(api.db);
    for (const t of ['units', 'people', 'grants', 'import_runs']) expect(fresh[t], t).toEqual(print[t]);

    const run = await previewed(state, { orgs: own(ORGS, 'p4').replace(/,0\d*,/g, ',,'), users: own(USERS, 'p4') });
    const roles = (body: unknown) => sys.put(`/api/imports/oneroster/runs/${run.id}/roles`, body);
    const before = await fingerprint(api.db);
    await refused(await roles({ version: run.version, mapping: { teacher: 'boss' } }), 400, 'mapping.teacher');
    await refused(await roles({ version: run.version, mapping: { janitor: 'member' } }), 400, 'mapping.janitor', 'not a role of this file');
    await refused(await roles({ version: run.version, mapping: { parent: 'viewer' } }), 400, 'mapping.parent');
    await refused(await roles({ version: run.version + 1, mapping: { teacher: 'member' } }), 409);
    await refused(await roles({ mapping: {} }), 400, 'version');
    await refused(await sys.post(`/api/imports/oneroster/runs/${run.id}/apply`, { version: run.version }), 400, 'skipProblems');
    await refused(await sys.post(`/api/imports/oneroster/runs/${run.id}/apply`, { version: run.version + 1, skipProblems: false }), 409);
    expect(await fingerprint(api.db)).toEqual(before);
    expect((await apply(run)).statusCode).toBe(200);
    await refused(await apply(run), 409);
    await refused(await roles({ version: run.version + 1, mapping: { teacher: 'member' } }), 409);
  });
});
