// Downloads of the lists (services/exports): each list as CSV and XLSX with its filters applied and
// the list's own access — the units under a unit, people, a unit's mechanisms, a roll-out schedule,
// the audit trail — and a unit's hierarchy as a OneRoster 1.1 orgs.csv.
import { parse } from 'csv-parse/sync';
import { readSheet } from 'read-excel-file/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { recordAuditEvent, type Db } from '@trellis/db';
import type { Unit } from '@trellis/core';
import type { LightMyRequestResponse } from 'fastify';
import { signIn, type Agent } from './support/agent.js';
import { useApi } from './support/api.js';
import { testDatabases } from './support/databases.js';
import { createMechanism, createPerson, createPersonWithRole, createRolloutScenario, createStateTree, createUnit, PASSWORD, type StateTree } from './support/factories.js';
import { createContact, createEngagement, dayFromToday } from './support/coaching-factories.js';
import { createPlan } from './support/plan-factories.js';
import { expectProblem } from './support/problems.js';
import { createBarrier, createCelebration } from './support/progress-factories.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The CSV's rows (header first), after checking it is a CSV download with a byte-order mark. */
function csvRows(res: LightMyRequestResponse, fileName: RegExp): string[][] {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
  expect(res.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="${fileName.source}\\.csv"$`));
  expect(res.body.startsWith('\ufeff')).toBe(true);
  return parse(res.body, { bom: true });
}

/** The XLSX's rows as text (numbers as their text), after checking it is an XLSX download. */
async function xlsxRows(res: LightMyRequestResponse, fileName: RegExp): Promise<string[][]> {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toBe(XLSX);
  expect(res.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="${fileName.source}\\.xlsx"$`));
  const rows = (await readSheet(res.rawPayload)) as unknown[][];
  return rows.map((r) => r.map((v) => (v === null || v === undefined ? '' : String(v))));
}

const column = (rows: string[][], name: string) => {
  const i = rows[0]!.indexOf(name);
  expect(i, `column ${name} in ${rows[0]!.join(',')}`).toBeGreaterThanOrEqual(0);
  return rows.slice(1).map((r) => r[i]!);
};

describe.each(testDatabases())('exports on $name', (target) => {
  let tree: StateTree;
  let region: Unit;
  let regionDistrict: Unit;
  let stateAdmin: Agent;
  let northLeader: Agent;
  let southViewer: Agent;
  let northAdmin: Agent;
  let db: Db;
  const api = useApi(target, async ({ db: d, app }) => {
    db = d;
    tree = await createStateTree(db);
    region = await createUnit(db, 'region', tree.state, { name: 'Region 7' });
    regionDistrict = await createUnit(db, 'district', region, { name: 'Regional District', ncesId: '4899999' });
    const sign = async (unit: Unit, role: 'admin' | 'leader' | 'viewer') => signIn(app, (await createPersonWithRole(db, unit, role)).email, PASSWORD);
    stateAdmin = await sign(tree.state, 'admin');
    northLeader = await sign(tree.north.unit, 'leader');
    southViewer = await sign(tree.south.unit, 'viewer');
    northAdmin = await sign(tree.north.unit, 'admin');
  });

  describe('the units under a unit', () => {
    it('downloads the district and everything under it, parents first, in CSV and XLSX alike', async () => {
      const url = `/api/units/${tree.north.unit.id}/subtree/export`;
      const north = tree.north;
      const fp = north.feederPatterns[0]!;
      // What a directory import records of a school goes out with it.
      await db.query(
        `update units set address = '12 Elm Street', city = 'Harbor', zip = '55501', latitude = 44.5, longitude = -93.25, level = 'elementary', school_type = 1, charter = false, operational_status = 'open' where id = $1`,
        [fp.schools[0]!.id],
      );
      const csv = csvRows(await northLeader.get(url), /north-district-\d+-units/);
      expect(csv[0]).toEqual([
        'Name', 'Kind', 'Under', 'Parent', 'NCES id', 'State id', 'Lowest grade', 'Highest grade', 'Enrollment',
        'Address', 'City', 'ZIP', 'Latitude', 'Longitude', 'School level', 'School type', 'Charter', 'NCES status',
        'Archived', 'Units directly under it', 'Id', 'Parent id', 'Last changed',
      ]);
      expect(column(csv, 'Id').sort()).toEqual([north.unit.id, ...north.feederPatterns.flatMap((f) => [f.unit.id, ...f.schools.map((s) => s.id)])].sort());
      expect(column(csv, 'Name')[0]).toBe(north.unit.name);
      const school = csv.find((r) => r[20] === fp.schools[0]!.id)!;
      expect(school.slice(0, 4)).toEqual([fp.schools[0]!.name, 'School', `${north.unit.name} › ${fp.unit.name}`, fp.unit.name]);
      expect(school.slice(9, 18)).toEqual(['12 Elm Street', 'Harbor', '55501', '44.5', '-93.25', 'Elementary', 'Regular school', 'no', 'Open']);
      expect(csv.find((r) => r[20] === fp.unit.id)!.slice(9, 18)).toEqual(['', '', '', '', '', '', '', '', '']);
      const xlsx = await xlsxRows(await northLeader.get(`${url}?format=xlsx`), /north-district-\d+-units/);
      expect(xlsx).toEqual(csv);
    });

    it('applies the depth and archived filters of the tree', async () => {
      const archived = await createUnit(db, 'school', tree.north.feederPatterns[1]!.unit, { name: 'Closed Elementary' });
      await db.query('update units set archived_at = now() where id = $1', [archived.id]);
      const url = `/api/units/${tree.north.unit.id}/subtree/export`;
      expect(column(csvRows(await northLeader.get(url), /.*/), 'Name')).not.toContain('Closed Elementary');
      const all = csvRows(await northLeader.get(`${url}?includeArchived=true`), /.*/);
      expect(column(all, 'Archived')[column(all, 'Name').indexOf('Closed Elementary')]).toBe('yes');
      expect(column(csvRows(await northLeader.get(`${url}?depth=1`), /.*/), 'Kind')).toEqual(['District', 'Feeder pattern', 'Feeder pattern']);
    });

    it('keeps a name that looks like a formula as text in CSV (a leading apostrophe) and as it is in XLSX', async () => {
      const school = await createUnit(db, 'school', tree.south.feederPatterns[0]!.unit, { name: '=HYPERLINK("http://example.org","x")' });
      const url = `/api/units/${tree.south.feederPatterns[0]!.unit.id}/subtree/export`;
      const csv = csvRows(await stateAdmin.get(url), /.*/);
      expect(column(csv, 'Name')[column(csv, 'Id').indexOf(school.id)]).toBe(`'=HYPERLINK("http://example.org","x")`);
      const xlsx = await xlsxRows(await stateAdmin.get(`${url}?format=xlsx`), /.*/);
      expect(column(xlsx, 'Name')[column(xlsx, 'Id').indexOf(school.id)]).toBe('=HYPERLINK("http://example.org","x")');
    });

    it('answers 404 for a unit outside the reader’s reach, and 400 naming a format it does not have', async () => {
      expectProblem(await southViewer.get(`/api/units/${tree.north.unit.id}/subtree/export`), 404);
      expectProblem(await northLeader.get(`/api/units/${tree.north.unit.id}/subtree/export?format=pdf`), 400, { field: 'format', rule: 'must be csv or xlsx' });
    });
  });

  describe('people', () => {
    it('downloads the people of the People page’s filters within the reader’s reach, all of them (not a page)', async () => {
      const school = tree.north.feederPatterns[0]!.schools[0]!;
      for (let i = 0; i < 3; i++) await createPerson(db, { home: school, name: `Counselor Export ${i}`, title: 'Counselor' });
      await createPerson(db, { home: tree.south.feederPatterns[0]!.schools[0]!, name: 'Counselor Export South', title: 'Counselor' });
      const list = (await northLeader.get(`/api/people?q=Counselor%20Export&limit=2`)).json() as { total: number };
      const csv = csvRows(await northLeader.get('/api/people/export?q=Counselor%20Export'), /people-matching-counselor-export/);
      expect(csv[0]).toEqual(['Name', 'Email', 'Title', 'Home unit', 'System administrator', 'Can sign in', 'Id', 'Last changed']);
      expect(column(csv, 'Name')).toEqual(['Counselor Export 0', 'Counselor Export 1', 'Counselor Export 2']);
      expect(csv.length - 1).toBe(list.total);
      expect(column(csv, 'Home unit')).toEqual([school.name, school.name, school.name]);
      // The state administrator sees the south one too; filtered to the south district, only it.
      expect(column(csvRows(await stateAdmin.get('/api/people/export?q=Counselor%20Export'), /.*/), 'Name')).toHaveLength(4);
      const south = await xlsxRows(await stateAdmin.get(`/api/people/export?format=xlsx&q=Counselor&unitId=${tree.south.unit.id}`), /south-district-\d+-people-matching-counselor/);
      expect(column(south, 'Name')).toEqual(['Counselor Export South']);
    });

    it('answers 404 for a unit filter outside the reader’s reach', async () => {
      expectProblem(await northLeader.get(`/api/people/export?unitId=${tree.south.unit.id}`), 404);
    });
  });

  describe('work lists: plan tasks and barriers', () => {
    it('downloads a unit’s incompletely planned tasks with the list’s filters, the same rows as the list, and none of another district’s', async () => {
      const school = tree.north.feederPatterns[0]!.schools[1]!;
      const plan = await createPlan(db, school, { tasks: 3, title: 'Export start-up plan' });
      await createPlan(db, tree.south.feederPatterns[0]!.schools[0]!, { tasks: 2, title: 'South plan' });
      // One task gets WHO and WHEN: no longer incomplete.
      const [person] = await db.query<{ id: string }>('select id from people limit 1');
      await db.query('update tasks set due_on = $2 where id = $1', [plan.taskIds[0], '2099-01-31']);
      await db.query('insert into task_people (task_id, person_id) values ($1, $2)', [plan.taskIds[0], person!.id]);
      const list = (await northLeader.get(`/api/units/${tree.north.unit.id}/plan-tasks?filter=incomplete&subtree=true`)).json() as { id: string; title: string }[];
      const csv = csvRows(await northLeader.get(`/api/units/${tree.north.unit.id}/plan-tasks/export?filter=incomplete&subtree=true`), /north-district-\d+-incompletely-planned-plan-tasks/);
      expect(csv[0]).toEqual(['Unit', 'Plan', 'Plan status', 'Task', 'Status', 'Blocked because', 'Phase', 'WHO (people)', 'WHO (mechanisms)', 'HOW', 'Start', 'Due', 'Overdue', 'Missing', 'Task id', 'Plan id']);
      expect(column(csv, 'Task id')).toEqual(list.map((t) => t.id));
      expect(column(csv, 'Task id')).toEqual(expect.arrayContaining([plan.taskIds[1], plan.taskIds[2]]));
      expect(column(csv, 'Task id')).not.toContain(plan.taskIds[0]);
      expect(column(csv, 'Plan')).not.toContain('South plan');
      const mine = csv.find((r) => r[14] === plan.taskIds[1])!;
      expect([mine[0], mine[1], mine[2], mine[3], mine[4], mine[13]]).toEqual([school.name, 'Export start-up plan', 'Draft', 'Task 2', 'Not started', 'WHO, WHEN']);
      // All open ones include the planned task; only this school without subtree.
      const open = csvRows(await northLeader.get(`/api/units/${school.id}/plan-tasks/export?filter=open`), /.*-open-plan-tasks/);
      expect(column(open, 'Task id').sort()).toEqual([...plan.taskIds].sort());
      expect(await xlsxRows(await northLeader.get(`/api/units/${school.id}/plan-tasks/export?filter=open&format=xlsx`), /.*-open-plan-tasks/)).toEqual(open);
      expectProblem(await northLeader.get(`/api/units/${tree.south.unit.id}/plan-tasks/export`), 404);
      expectProblem(await northLeader.get(`/api/units/${school.id}/plan-tasks/export?filter=late`), 400, { field: 'filter', rule: 'must be overdue, incomplete or open' });
    });

    it('downloads the celebration feed of a unit and below, confirmed ones only; 404 outside the reader’s reach', async () => {
      const school = tree.north.feederPatterns[0]!.schools[1]!;
      const c = await createCelebration(db, school);
      const list = (await northLeader.get(`/api/units/${tree.north.unit.id}/celebrations?subtree=true`)).json() as { confirmed: { id: string }[] };
      const csv = csvRows(await northLeader.get(`/api/units/${tree.north.unit.id}/celebrations/export?subtree=true`), /north-district-\d+-celebrations/);
      expect(csv[0]).toEqual(['Unit', 'Celebrated on', 'Title', 'Description', 'Milestone', 'Id']);
      expect(column(csv, 'Id')).toEqual(list.confirmed.map((x) => x.id));
      expect(csv.find((r) => r[5] === c.id)!.slice(0, 5)).toEqual([school.name, '2026-11-01', c.title, '', 'added by a leader']);
      expect(column(csvRows(await northLeader.get(`/api/units/${tree.north.unit.id}/celebrations/export`), /.*/), 'Id')).not.toContain(c.id);
      expectProblem(await northLeader.get(`/api/units/${tree.south.unit.id}/celebrations/export`), 404);
    });

    it('downloads my tasks as My tasks lists them: open ones, finished ones only when asked', async () => {
      const school = tree.north.feederPatterns[1]!.schools[0]!;
      const plan = await createPlan(db, school, { tasks: 2, title: 'My export plan' });
      const me = northLeader.session!.person.id;
      for (const id of plan.taskIds) await db.query('insert into task_people (task_id, person_id) values ($1, $2)', [id, me]);
      await db.query(`update tasks set status = 'done', completed_on = current_date where id = $1`, [plan.taskIds[1]]);
      const list = (await northLeader.get('/api/me/plan-tasks')).json() as { id: string }[];
      const csv = csvRows(await northLeader.get('/api/me/plan-tasks/export'), /my-tasks/);
      expect(column(csv, 'Task id')).toEqual(list.map((t) => t.id));
      expect(column(csv, 'Task id')).toContain(plan.taskIds[0]);
      expect(column(csv, 'Task id')).not.toContain(plan.taskIds[1]);
      const all = await xlsxRows(await northLeader.get('/api/me/plan-tasks/export?include=done&format=xlsx'), /my-tasks-with-done/);
      expect(column(all, 'Task id')).toEqual(expect.arrayContaining(plan.taskIds));
      expect(column(all, 'Status')[column(all, 'Task id').indexOf(plan.taskIds[1]!)]).toBe('Done');
      // Someone else's download holds none of them.
      expect(column(csvRows(await southViewer.get('/api/me/plan-tasks/export'), /my-tasks/), 'Task id')).toEqual([]);
    });

    it('downloads the barrier log of a unit and below with staleness; 404 outside the reader’s reach', async () => {
      const school = tree.north.feederPatterns[1]!.schools[1]!;
      const [person] = await db.query<{ id: string; name: string }>('select id, name from people order by name limit 1');
      const b = await createBarrier(db, school, person!.id);
      // Raised long ago and never updated: stale.
      await db.query(`update barriers set raised_on = '2020-01-06', last_update_on = '2020-01-06' where id = $1`, [b.id]);
      const list = (await northLeader.get(`/api/units/${tree.north.unit.id}/barriers?subtree=true`)).json() as { id: string }[];
      const csv = csvRows(await northLeader.get(`/api/units/${tree.north.unit.id}/barriers/export?subtree=true`), /north-district-\d+-barriers/);
      expect(column(csv, 'Id')).toEqual(list.map((x) => x.id));
      const row = csv.find((r) => r[16] === b.id)!;
      expect([row[0], row[2], row[3], row[4], row[5], row[6], row[10]]).toEqual([school.name, 'Resources', 'No time to meet.', 'Open', person!.name, 'Ask for a common period.', 'yes']);
      expect(row[11]).toMatch(/^no update for \d+ days$/);
      expect(await xlsxRows(await northLeader.get(`/api/units/${tree.north.unit.id}/barriers/export?subtree=true&format=xlsx`), /north-district-\d+-barriers/)).toEqual(csv);
      expect(column(csvRows(await northLeader.get(`/api/units/${tree.north.unit.id}/barriers/export`), /.*/), 'Id')).not.toContain(b.id);
      expectProblem(await northLeader.get(`/api/units/${tree.south.unit.id}/barriers/export`), 404);
    });
  });

  describe('coaching', () => {
    it('downloads a unit’s engagements with their cadence and why, and a coach’s own caseload; nothing of another district', async () => {
      const school = tree.north.feederPatterns[0]!.schools[0]!;
      const coach = await createPerson(db, { home: null, name: 'Exported Coach' });
      const coachAgent = await signIn(api.app, coach.email, PASSWORD);
      const onTrack = await createEngagement(db, school, coach.id, { goals: 'A steering body that meets weekly.' });
      await createContact(db, onTrack.id, { date: dayFromToday(-1), mode: 'video' });
      const overdue = await createEngagement(db, tree.north.feederPatterns[0]!.schools[1]!, coach.id, { startOn: dayFromToday(-60) });
      await createEngagement(db, tree.south.feederPatterns[0]!.schools[0]!, coach.id);
      const list = (await northLeader.get(`/api/units/${tree.north.unit.id}/coaching/engagements?subtree=true`)).json() as { engagement: { id: string } }[];
      const csv = csvRows(await northLeader.get(`/api/units/${tree.north.unit.id}/coaching/engagements/export?subtree=true`), /north-district-\d+-coaching-engagements/);
      expect(csv[0]).toEqual(['Unit', 'Coach', 'Coach is', 'Kind', 'With', 'Focus areas', 'Start', 'Planned end', 'Status', 'Cadence', 'Why', 'Days overdue', 'Next due', 'Goals', 'Id']);
      expect(column(csv, 'Id')).toEqual(list.map((i) => i.engagement.id));
      expect(column(csv, 'Id')).toEqual(expect.arrayContaining([onTrack.id, overdue.id]));
      expect(column(csv, 'Unit')).not.toContain(tree.south.feederPatterns[0]!.schools[0]!.name);
      const late = csv.find((r) => r[14] === overdue.id)!;
      expect([late[1], late[2], late[3], late[8], late[9]]).toEqual(['Exported Coach', 'External', 'Coaching', 'Active', 'Overdue']);
      expect(Number(late[11])).toBeGreaterThan(0);
      expect(late[5]).not.toMatch(/readiness-and-commitment/); // the areas' words, not their keys
      expect(csv.find((r) => r[14] === onTrack.id)![13]).toBe('A steering body that meets weekly.');
      expect(await xlsxRows(await northLeader.get(`/api/units/${tree.north.unit.id}/coaching/engagements/export?subtree=true&format=xlsx`), /north-district-\d+-coaching-engagements/)).toEqual(csv);
      expectProblem(await northLeader.get(`/api/units/${tree.south.unit.id}/coaching/engagements/export`), 404);
      // The coach's own caseload holds all three, the overdue one first.
      const mine = csvRows(await coachAgent.get('/api/coaching/caseload/export'), /my-caseload/);
      expect(column(mine, 'Id')).toHaveLength(3);
      expect(column(mine, 'Cadence')[0]).toBe('Overdue');
      expect(column(csvRows(await northLeader.get('/api/coaching/caseload/export'), /my-caseload/), 'Id')).toEqual([]);
    });
  });

  describe('a unit’s mechanisms', () => {
    it('downloads the mechanisms at the unit with their status and cadence; 404 outside the reader’s reach', async () => {
      const school = tree.north.feederPatterns[1]!.schools[0]!;
      const team = await createMechanism(db, school, 'planning_team', { name: 'Learning Supports Planning Team' });
      const csv = csvRows(await northLeader.get(`/api/units/${school.id}/mechanisms/export`), /.*-mechanisms/);
      expect(csv.slice(1).map((r) => [r[0], r[13]])).toEqual([[team.name, team.id]]);
      expect(column(csv, 'Status')).toEqual(['Forming']);
      expect(await xlsxRows(await northLeader.get(`/api/units/${school.id}/mechanisms/export?format=xlsx`), /.*-mechanisms/)).toEqual(csv);
      expectProblem(await southViewer.get(`/api/units/${school.id}/mechanisms/export`), 404);
    });
  });

  describe('a roll-out schedule', () => {
    it('downloads the schedule as XLSX with the rows of its CSV; 404 outside the reader’s reach', async () => {
      const scenario = await createRolloutScenario(db, tree.north.unit, { name: 'Export Scenario' });
      const csv = csvRows(await northLeader.get(`/api/rollout-scenarios/${scenario.id}/schedule.csv`), /export-scenario-schedule/);
      expect(csv.length).toBeGreaterThan(4);
      expect(csvRows(await northLeader.get(`/api/rollout-scenarios/${scenario.id}/schedule/export`), /export-scenario-schedule/)).toEqual(csv);
      expect(await xlsxRows(await northLeader.get(`/api/rollout-scenarios/${scenario.id}/schedule/export?format=xlsx`), /export-scenario-schedule/)).toEqual(csv);
      expectProblem(await southViewer.get(`/api/rollout-scenarios/${scenario.id}/schedule/export?format=xlsx`), 404);
    });
  });

  describe('the audit trail', () => {
    it('downloads every event of the Audit page’s filters, past the page size, newest first', async () => {
      const school = tree.north.feederPatterns[0]!.schools[1]!;
      for (let i = 0; i < 230; i++) {
        await recordAuditEvent(db, { actorId: null, action: 'export.probe', entityType: 'probe', entityId: `probe-${i}`, unitId: school.id, before: null, after: { n: i }, requestId: undefined });
      }
      await recordAuditEvent(db, { actorId: null, action: 'export.other', entityType: 'other_probe', entityId: 'other', unitId: school.id, before: null, after: null, requestId: undefined });
      await recordAuditEvent(db, { actorId: null, action: 'export.probe', entityType: 'probe', entityId: 'south', unitId: tree.south.unit.id, before: null, after: null, requestId: undefined });

      const csv = csvRows(await northAdmin.get('/api/audit/export?entityType=probe'), /audit-probe/);
      expect(csv[0]).toEqual(['When (UTC)', 'Who', 'Action', 'Kind of thing', 'Thing id', 'Unit', 'Before', 'After', 'Who (id)', 'Unit id', 'Event id']);
      // The north administrator's reach: the 230 north events, not the south one nor the other kind.
      expect(column(csv, 'Thing id')).toEqual(Array.from({ length: 230 }, (_, i) => `probe-${229 - i}`));
      expect(new Set(column(csv, 'Unit'))).toEqual(new Set([school.name]));
      expect(column(csv, 'After')[0]).toBe('{"n":229}');
      expect(column(csvRows(await stateAdmin.get('/api/audit/export?entityType=probe'), /.*/), 'Thing id')).toContain('south');
      const xlsx = await xlsxRows(await stateAdmin.get(`/api/audit/export?format=xlsx&unitId=${school.id}&entityType=other_probe`), /audit-other-probe/);
      expect(column(xlsx, 'Thing id')).toEqual(['other']);
    });

    it('refuses a leader (403) and a unit outside the administrator’s reach (404)', async () => {
      expectProblem(await northLeader.get('/api/audit/export'), 403);
      expectProblem(await northAdmin.get(`/api/audit/export?unitId=${tree.south.unit.id}`), 404);
    });
  });

  describe('OneRoster orgs.csv', () => {
    it('writes the hierarchy in OneRoster 1.1 form: regions as local, feeder patterns left out with their schools under the district', async () => {
      const res = await stateAdmin.get(`/api/units/${tree.state.id}/oneroster/orgs.csv`);
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="state-\d+-oneroster-orgs\.csv"$/);
      expect(res.body.startsWith('sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\r\n')).toBe(true);
      const rows = parse(res.body) as string[][];
      const byId = new Map(rows.slice(1).map((r) => [r[0]!, r]));
      expect(byId.get(tree.state.id)!.slice(3)).toEqual([tree.state.name, 'state', '', '']);
      expect(byId.get(region.id)!.slice(4)).toEqual(['local', '', tree.state.id]);
      expect(byId.get(regionDistrict.id)!.slice(4)).toEqual(['district', '4899999', region.id]);
      const fp = tree.north.feederPatterns[0]!;
      expect(byId.has(fp.unit.id)).toBe(false);
      expect(byId.get(fp.schools[0]!.id)!.slice(4)).toEqual(['school', '', tree.north.unit.id]);
      for (const r of rows.slice(1)) {
        expect(r[1]).toBe('active');
        expect(r[2]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      }
      // Every parent named is in the file, and comes before its children.
      const order = rows.slice(1).map((r) => r[0]);
      for (const r of rows.slice(1)) if (r[6]) expect(order.indexOf(r[6])).toBeLessThan(order.indexOf(r[0]));
    });

    it('marks archived units tobedeleted when asked to include them; a district’s file starts at the district; 404 outside reach', async () => {
      const closed = await createUnit(db, 'school', tree.south.unit, { name: 'Closed School', ncesId: '489999900001' });
      await db.query('update units set archived_at = now() where id = $1', [closed.id]);
      const plain = parse((await southViewer.get(`/api/units/${tree.south.unit.id}/oneroster/orgs.csv`)).body) as string[][];
      expect(plain.map((r) => r[0])).not.toContain(closed.id);
      expect(plain[1]!.slice(4)).toEqual(['district', '', '']);
      const all = parse((await southViewer.get(`/api/units/${tree.south.unit.id}/oneroster/orgs.csv?includeArchived=true`)).body) as string[][];
      expect(all.find((r) => r[0] === closed.id)!.slice(1)).toEqual(['tobedeleted', expect.any(String), 'Closed School', 'school', '489999900001', tree.south.unit.id]);
      expectProblem(await southViewer.get(`/api/units/${tree.north.unit.id}/oneroster/orgs.csv`), 404);
    });
  });
});
