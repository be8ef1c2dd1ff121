// Resource mapping through the API: a school's inventory imported from CSV (preview names the bad
// rows and writes nothing; the fixed file imports all 30 at once; again changes nothing), exported
// as CSV and XLSX and imported back unchanged, a Windows-1252 file, the map with its findings, a
// redundancy turned into a redeploy recommendation, snapshots compared, and access.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Unit } from '@trellis/core';
import { signIn, type Agent } from './support/agent.js';
import { useApi } from './support/api.js';
import { testDatabases } from './support/databases.js';
import { createPersonWithRole, createStateTree, createUnit, PASSWORD, type StateTree } from './support/factories.js';
import { countRows, expectProblem, fingerprint } from './support/problems.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const GOOD = fixture('resources-30.csv');
const TWO_BAD = fixture('resources-30-two-bad-rows.csv');
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface Preview {
  ok: boolean;
  rows: number;
  creates: number;
  updates: number;
  unchanged: number;
  encoding: string | null;
  problems: { row: number; column: string; message: string }[];
}
interface Finding {
  key: string;
  code: string;
  explanation: string;
  cells: string[];
  resourceIds: string[];
}

describe.each(testDatabases())('resource mapping on $name', (target) => {
  let tree: StateTree;
  let school: Unit;
  let member: Agent;
  let viewer: Agent;
  let southLeader: Agent;
  const api = useApi(target, async ({ db, app }) => {
    tree = await createStateTree(db);
    school = await createUnit(db, 'school', tree.north.feederPatterns[0]!.unit, { name: 'Lincoln K-8', enrollment: 650 });
    member = await signIn(app, (await createPersonWithRole(db, school, 'member')).email, PASSWORD);
    viewer = await signIn(app, (await createPersonWithRole(db, school, 'viewer')).email, PASSWORD);
    southLeader = await signIn(app, (await createPersonWithRole(db, tree.south.unit, 'leader')).email, PASSWORD);
  });

  const upload = (agent: Agent, path: string, body: Buffer | string, type = 'text/csv') => agent.request({ method: 'POST', url: `/api/units/${school.id}/resources/${path}`, body, headers: { 'content-type': type } });

  it('previews a file with two bad rows, naming each, and imports nothing from it', async () => {
    const before = await fingerprint(api.db);
    const res = await upload(member, 'import/preview', TWO_BAD);
    expect(res.statusCode, res.body).toBe(200);
    const preview = res.json() as Preview;
    expect(preview).toMatchObject({ ok: false, rows: 30, encoding: 'utf-8' });
    expect(preview.problems.map((p) => `${p.row} ${p.column}`).sort()).toEqual(['19 Annual cost', '19 Partner name', '7 Cells']);
    expect(preview.problems[0]!.message).toContain('after-school');
    const applied = await upload(member, 'import', TWO_BAD);
    expectProblem(applied, 400, { field: 'row 7, Cells', rule: 'after-school' });
    expect(applied.json().detail).toContain('Nothing was imported');
    expect(await fingerprint(api.db)).toEqual(before);
  });

  it('imports the fixed file all at once; importing it again changes nothing', async () => {
    const preview = (await upload(member, 'import/preview', GOOD)).json() as Preview;
    expect(preview).toMatchObject({ ok: true, rows: 30, creates: 30, updates: 0, unchanged: 0, problems: [] });
    const res = await upload(member, 'import', GOOD);
    expect(res.statusCode, res.body).toBe(200);
    expect(await countRows(api.db, 'resources', 'unit_id = $1', [school.id])).toBe(30);
    const again = (await upload(member, 'import', GOOD)).json() as Preview;
    expect(again).toMatchObject({ ok: true, creates: 0, updates: 0, unchanged: 30 });
    expect(await countRows(api.db, 'resources', 'unit_id = $1', [school.id])).toBe(30);
    const audit = await api.db.query<{ after: { created: string[] } }>(`select after from audit_events where action = 'resource.import' and unit_id = $1 order by id`, [school.id]);
    expect(audit.map((a) => a.after.created.length)).toEqual([30, 0]);
  });

  it('exports as CSV and XLSX in the import’s layout: both import back unchanged', async () => {
    const csv = await member.get(`/api/units/${school.id}/resources/export?format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toContain('lincoln-k-8-resources.csv');
    expect((await upload(member, 'import/preview', csv.body)).json()).toMatchObject({ ok: true, creates: 0, updates: 0, unchanged: 30 });
    const xlsx = await member.get(`/api/units/${school.id}/resources/export?format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toBe(XLSX);
    const preview = (await upload(member, 'import/preview', xlsx.rawPayload, XLSX)).json() as Preview;
    expect(preview).toMatchObject({ ok: true, creates: 0, updates: 0, unchanged: 30 });
  });

  it('reads a Windows-1252 CSV (as spreadsheet programs save it) and says so', async () => {
    const latin = Buffer.from('Name,Kind,Provider type,Cells,Coordinated\r\nCaf\xe9 con leche mentoring,program,school,Transitions / Early intervention,yes\r\n', 'latin1');
    const preview = (await upload(member, 'import/preview', latin)).json() as Preview & { actions: { name: string }[] };
    expect(preview).toMatchObject({ ok: true, encoding: 'windows-1252', creates: 1 });
    expect(preview.actions[0]!.name).toBe('Café con leche mentoring');
  });

  it('refuses files it cannot read with a clear 4xx, and JSON on the file route', async () => {
    expectProblem(await upload(member, 'import/preview', ''), 400, { field: 'file', rule: 'is empty' });
    expectProblem(await upload(member, 'import/preview', Buffer.from('not a workbook'), XLSX), 400, { field: 'file', rule: 'xlsx' });
    expectProblem(await upload(member, 'import/preview', '"unclosed,quote\n'), 400, { field: 'file', rule: 'CSV' });
    expectProblem(await upload(member, 'import/preview', '{}', 'application/json'), 415);
    const missing = (await upload(member, 'import/preview', 'Name,Description\nA,B\n')).json() as Preview;
    expect(missing.ok).toBe(false);
    expect(missing.problems.map((p) => p.column)).toEqual(expect.arrayContaining(['Kind', 'Provider type', 'Cells']));
  });

  it('maps the school: every cell with counts and cost, gaps, the attendance-mentoring redundancy, fragmentation and expiring grants', async () => {
    const res = await viewer.get(`/api/units/${school.id}/resource-map?asOf=2026-11-23`);
    expect(res.statusCode, res.body).toBe(200);
    const map = res.json() as { schools: number; findings: Finding[]; counts: Record<string, number>; map: { cells: { key: string; count: number }[] } };
    expect(map.schools).toBe(1);
    const codes = new Set(map.findings.map((f) => f.code));
    for (const code of ['gap_empty', 'redundancy', 'fragmentation', 'funding_expiring']) expect(codes, `a ${code} finding`).toContain(code);
    const redundancy = map.findings.find((f) => f.code === 'redundancy' && f.cells.includes('student-family-assistance:early-intervention'));
    expect(redundancy?.explanation).toMatch(/Check & Connect|Attendance mentoring/);
    // Grants ending within a year of 2026-11-23: AmeriCorps, the bridge program, the coordinator, the training.
    expect(map.findings.filter((f) => f.code === 'funding_expiring').length).toBeGreaterThanOrEqual(1);
    // From the district, the school's resources are summed in.
    const district = (await viewer.get(`/api/units/${school.id}/resource-map`)).json() as { findings: Finding[] };
    expect(district.findings.length).toBeGreaterThan(0);
    expectProblem(await viewer.get(`/api/units/${school.id}/resource-map?minCoverage=2`), 400, { field: 'minCoverage', rule: 'at most 1' });
  });

  it('turns the redundancy into a redeploy recommendation, accepted later; plan tasks only once accepted', async () => {
    const map = (await member.get(`/api/units/${school.id}/resource-map`)).json() as { findings: Finding[] };
    const finding = map.findings.find((f) => f.code === 'redundancy')!;
    const res = await member.post('/api/resource-recommendations', {
      unitId: school.id,
      type: 'redeploy_resources',
      title: 'One attendance mentoring program',
      rationale: 'Two programs mentor the same students; fold the AmeriCorps members into Check & Connect and redeploy the savings.',
      findings: [{ key: finding.key, code: finding.code, explanation: finding.explanation }],
    });
    expect(res.statusCode, res.body).toBe(201);
    const rec = res.json() as { id: string; version: number; status: string; findings: { key: string }[] };
    expect(rec).toMatchObject({ status: 'draft', findings: [{ key: finding.key }] });
    const taskId = '6f1c2a4e-8b7d-4c3e-9a1f-2b3c4d5e6f70';
    expectProblem(await member.patch(`/api/resource-recommendations/${rec.id}`, { version: rec.version, planTaskIds: [taskId] }), 400, { field: 'planTaskIds', rule: 'accepted' });
    const accepted = await member.patch(`/api/resource-recommendations/${rec.id}`, { version: rec.version, status: 'accepted' });
    expect(accepted.json()).toMatchObject({ status: 'accepted', version: rec.version + 1 });
    expect(((await viewer.get(`/api/units/${school.id}/resource-recommendations`)).json() as { id: string }[]).map((r) => r.id)).toContain(rec.id);
  });

  it('freezes the map and compares a snapshot with the map after a change', async () => {
    const snap = await member.post('/api/resource-snapshots', { unitId: school.id, asOf: '2026-11-23', title: 'Fall 2026' });
    expect(snap.statusCode, snap.body).toBe(201);
    const { id } = snap.json() as { id: string };
    const [food] = await api.db.query<{ id: string; version: number }>(`select id, version from resources where unit_id = $1 and name = 'Food pantry'`, [school.id]);
    const moved = await member.patch(`/api/resources/${food!.id}`, { version: food!.version, cells: ['community-outreach:early-intervention', 'student-family-assistance:prevention'], annualCost: 5000 });
    expect(moved.statusCode, moved.body).toBe(200);
    const cmp = (await viewer.get(`/api/resource-snapshots/${id}/compare`)).json() as { moved: { name: string; addedCells: string[] }[]; costChanged: { name: string; change: number }[]; totals: { resourcesBefore: number; resourcesAfter: number } };
    expect(cmp.moved).toEqual([expect.objectContaining({ name: 'Food pantry', addedCells: ['student-family-assistance:prevention'] })]);
    expect(cmp.costChanged).toEqual([expect.objectContaining({ name: 'Food pantry', change: 5000 })]);
    expect(cmp.totals).toMatchObject({ resourcesBefore: 30, resourcesAfter: 30 });
  });

  it('edits one resource with its version, refuses a stale write and a duplicate name, and keeps other districts and viewers out', async () => {
    const [r] = await api.db.query<{ id: string; version: number }>(`select id, version from resources where unit_id = $1 and name = 'Peer mediation'`, [school.id]);
    const before = await fingerprint(api.db);
    expectProblem(await member.patch(`/api/resources/${r!.id}`, { version: r!.version + 1, coordinated: true }), 409, { field: 'version' });
    expectProblem(await member.patch(`/api/resources/${r!.id}`, { version: r!.version, name: 'Restorative circles' }), 409, { field: 'name', rule: 'already mapped' });
    expectProblem(await member.patch(`/api/resources/${r!.id}`, { version: r!.version, providerType: 'community_agency' }), 400, { field: 'partnerName' });
    expectProblem(await southLeader.get(`/api/resources/${r!.id}`), 404);
    expectProblem(await southLeader.get(`/api/units/${school.id}/resource-map`), 404);
    expectProblem(await upload(viewer, 'import', GOOD), 403);
    expectProblem(await upload(southLeader, 'import', GOOD), 404);
    expect(await fingerprint(api.db)).toEqual(before);
  });

  it('ranks priority needs, lists a district’s resources in one cell across its schools, and refuses a cell not in the framework', async () => {
    const need = await member.post('/api/resource-priority-needs', { unitId: school.id, rank: 1, title: 'Chronic absence', rationale: 'One student in six missed a month last year.', cells: ['student-family-assistance:early-intervention'] });
    expect(need.statusCode, need.body).toBe(201);
    await member.post('/api/resource-priority-needs', { unitId: school.id, rank: 2, title: 'Crisis follow-up', rationale: 'Little after the first response.', cells: [] });
    const { id, version } = need.json() as { id: string; version: number };
    expect((await member.patch(`/api/resource-priority-needs/${id}`, { version, rank: 3 })).json()).toMatchObject({ rank: 3, version: version + 1 });
    const needs = (await viewer.get(`/api/units/${school.id}/resource-priority-needs`)).json() as { title: string }[];
    expect(needs.map((n) => n.title)).toEqual(['Crisis follow-up', 'Chronic absence']);
    expectProblem(await member.post('/api/resource-priority-needs', { unitId: school.id, rank: 1, title: 'T', rationale: 'R', cells: ['nowhere:prevention'] }), 400, { field: 'cells.0' });

    const districtView = await createPersonWithRole(api.db, tree.north.unit, 'viewer');
    const districtViewer = await signIn(api.app, districtView.email, PASSWORD);
    const cell = 'student-family-assistance:early-intervention';
    const inCell = (await districtViewer.get(`/api/units/${tree.north.unit.id}/resources?subtree=true&cell=${cell}`)).json() as { name: string; unitId: string; cells: string[] }[];
    expect(inCell.length).toBeGreaterThanOrEqual(4);
    expect(inCell.every((r) => r.unitId === school.id && r.cells.includes(cell))).toBe(true);
    expect((await districtViewer.get(`/api/units/${tree.north.unit.id}/resources`)).json()).toEqual([]);
    expectProblem(await districtViewer.get(`/api/units/${tree.north.unit.id}/resources?cell=nowhere:x`), 400, { field: 'cell' });
  });
  it('maps on the framework as the district’s design document adapts it: an added arena is a cell at its schools, not elsewhere', async () => {
    const districtLeader = await signIn(api.app, (await createPersonWithRole(api.db, tree.north.unit, 'leader')).email, PASSWORD);
    const content = { vision: 'Every student supported.', aims: [], rationale: 'Because.', framework: { id: 'learning-supports-framework', version: '2026.11.0' }, essentialFeatures: [] };
    const bad = await districtLeader.post('/api/design-documents', { unitId: tree.north.unit.id, ...content, frameworkChanges: [{ op: 'drop', axis: 'arena', key: 'no-such-arena', reason: 'x' }] });
    expectProblem(bad, 400, { field: 'frameworkChanges.0.key' });
    const design = await districtLeader.post('/api/design-documents', {
      unitId: tree.north.unit.id,
      ...content,
      frameworkChanges: [{ op: 'add', axis: 'arena', key: 'after-school', name: 'After-school and summer learning', description: 'Programs outside the school day.' }],
    });
    expect(design.statusCode, design.body).toBe(201);
    expect(design.json().comparison).toBeNull();
    const framework = (await viewer.get(`/api/units/${school.id}/intervention-framework`)).json();
    expect(framework.id).toBe(`design-document:${design.json().id}`);
    expect(framework.arenas.map((a: { key: string }) => a.key)).toContain('after-school');
    const created = await member.post('/api/resources', { unitId: school.id, name: 'Summer reading camp', kind: 'program', providerType: 'school', cells: ['after-school:prevention'], coordinated: true });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ frameworkId: `design-document:${design.json().id}`, frameworkVersion: 'v1' });
    const map = (await member.get(`/api/units/${school.id}/resource-map`)).json();
    expect(map.framework.arenas.map((a: { key: string }) => a.key)).toContain('after-school');
    // A school of the other district keeps the shipped framework.
    const south = await createUnit(api.db, 'school', tree.south.feederPatterns[0]!.unit);
    const southMember = await signIn(api.app, (await createPersonWithRole(api.db, south, 'member')).email, PASSWORD);
    expectProblem(await southMember.post('/api/resources', { unitId: south.id, name: 'Summer camp', kind: 'program', providerType: 'school', cells: ['after-school:prevention'], coordinated: true }), 400, { field: 'cells.0' });
  });
});
