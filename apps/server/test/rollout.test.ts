// The roll-out planner through the API: a scenario for a district is computed in a worker thread
// over its schools grouped by feeder pattern; a bigger cadre does not take longer; the schedule
// exports as CSV and a facilitator's iCalendar; changes are versioned; adoption freezes it and
// records what the coaching and plans modules will start; other districts see nothing.
import { describe, expect, it } from 'vitest';
import { defaultRolloutSettings, type RolloutSettings } from '@trellis/core';
import { signIn, type Agent } from './support/agent.js';
import { useApi } from './support/api.js';
import { testDatabases } from './support/databases.js';
import { createPersonWithRole, createStateTree, createUnit, PASSWORD, type StateTree } from './support/factories.js';
import { expectProblem, fingerprint } from './support/problems.js';

interface ScenarioBody {
  id: string;
  status: 'computing' | 'ready' | 'failed';
  stage: string | null;
  error: string | null;
  version: number;
  adoptedAt: string | null;
  adoption: { module: string; status: string; description: string }[] | null;
  result: null | {
    summary: { siteCount: number; subsetCount: number; cadreSize: number; monthsToScale: number; lowerBoundMonths: number; scaleMonth: string };
    schedule: { subsets: { subsetId: string; name: string; startMonth: string }[]; sites: { siteId: string; facilitatorId: string; phases: { start: string | null }[] }[]; cadre: { facilitatorId: string; name: string }[] };
    sweep: { cadreSize: number; monthsToScale?: number }[];
    siteNames: Record<string, string>;
  };
}

describe.each(testDatabases())('the roll-out planner on $name', (target) => {
  let tree: StateTree;
  let leader: Agent;
  let editor: Agent;
  let southLeader: Agent;
  const settings = (extra: Partial<RolloutSettings> = {}): RolloutSettings => ({ ...defaultRolloutSettings('2026-11-23'), ...extra });
  const api = useApi(target, async ({ db, app }) => {
    tree = await createStateTree(db);
    // A third feeder pattern with four schools, so that the cadre matters.
    const fp = await createUnit(db, 'feeder_pattern', tree.north.unit, { name: 'North Third feeder pattern' });
    for (let i = 0; i < 4; i++) await createUnit(db, 'school', fp, { name: `North Third School ${i}`, enrollment: 300 + i });
    leader = await signIn(app, (await createPersonWithRole(db, tree.north.unit, 'leader')).email, PASSWORD);
    editor = await signIn(app, (await createPersonWithRole(db, tree.north.unit, 'editor')).email, PASSWORD);
    southLeader = await signIn(app, (await createPersonWithRole(db, tree.south.unit, 'leader')).email, PASSWORD);
  });

  /** Polls until the computation is done (it runs in a worker thread). */
  const settled = async (agent: Agent, id: string): Promise<ScenarioBody> => {
    for (let i = 0; i < 200; i++) {
      const body = (await agent.get(`/api/rollout-scenarios/${id}`)).json() as ScenarioBody;
      if (body.status !== 'computing') return body;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the scenario did not finish computing in 10 s');
  };
  const plan = async (s: RolloutSettings, name = 'North roll-out') => {
    const res = await leader.post('/api/rollout-scenarios', { unitId: tree.north.unit.id, name, settings: s });
    expect(res.statusCode, res.body).toBe(202);
    const body = res.json() as ScenarioBody;
    expect(body.status).toBe('computing');
    return settled(leader, body.id);
  };

  it('computes a district’s scenario over its schools by feeder pattern, in the background', async () => {
    const s = await plan(settings());
    expect(s.status, s.error ?? '').toBe('ready');
    expect(s.stage).toBeNull();
    const { summary, schedule, siteNames } = s.result!;
    expect(summary).toMatchObject({ siteCount: 8, subsetCount: 3, cadreSize: 2 });
    expect(summary.monthsToScale).toBeGreaterThanOrEqual(summary.lowerBoundMonths);
    expect(schedule.subsets.map((x) => x.name).sort()).toEqual([tree.north.feederPatterns[0]!.unit.name, tree.north.feederPatterns[1]!.unit.name, 'North Third feeder pattern'].sort());
    expect(Object.values(siteNames)).toContain('North Third School 0');
    // Every site starts no earlier than the start month.
    for (const site of schedule.sites) for (const p of site.phases) if (p.start) expect(p.start >= '2027-09').toBe(true);
    // The what-if sweep runs around the cadre's size.
    expect(s.result!.sweep.map((x) => x.cadreSize)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const list = (await editor.get(`/api/units/${tree.north.unit.id}/rollout-scenarios`)).json() as { id: string; summary: { siteCount: number } }[];
    expect(list.find((x) => x.id === s.id)?.summary.siteCount).toBe(8);
  });

  it('reaches scale no later with a cadre of 4 than of 2, and changing settings computes again (stale versions refused)', async () => {
    const two = await plan(settings({ cadre: { count: 2, capacity: 1 } }), 'Cadre of 2');
    const res = await leader.patch(`/api/rollout-scenarios/${two.id}`, { version: two.version, settings: settings({ cadre: { count: 4, capacity: 1 } }) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'computing', version: two.version + 1 });
    const four = await settled(leader, two.id);
    expect(four.result!.summary.cadreSize).toBe(4);
    expect(four.result!.summary.monthsToScale).toBeLessThan(two.result!.summary.monthsToScale);
    const before = await fingerprint(api.db);
    expectProblem(await leader.patch(`/api/rollout-scenarios/${two.id}`, { version: two.version, name: 'Lost update' }), 409, { field: 'version' });
    expect(await fingerprint(api.db)).toEqual(before);
  });

  it('exports the schedule as CSV and a facilitator’s work as iCalendar', async () => {
    const s = await plan(settings(), 'Exported');
    const csv = await leader.get(`/api/rollout-scenarios/${s.id}/schedule.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.body.replace(/^\ufeff/, '').trim().split('\n');
    expect(lines[0]).toBe('Group,School,Facilitator,Phase,Kind,First month,Last month,Load (sites at full load),Institutionalized after');
    expect(lines.length - 1).toBe(8 * 4); // eight schools, four phases each
    expect(csv.body).toContain('North Third School 2');
    const facilitator = s.result!.schedule.cadre[0]!;
    const ics = await leader.get(`/api/rollout-scenarios/${s.id}/facilitators/${facilitator.facilitatorId}/visits.ics`);
    expect(ics.statusCode, ics.body).toBe(200);
    expect(ics.headers['content-type']).toMatch(/^text\/calendar/);
    const served = s.result!.schedule.sites.filter((x) => x.facilitatorId === facilitator.facilitatorId).length;
    expect(ics.body.match(/BEGIN:VEVENT/g)?.length).toBe(served * 4);
    expect(ics.body).toMatch(/DTSTART;VALUE=DATE:2027\d{4}/);
    expectProblem(await leader.get(`/api/rollout-scenarios/${s.id}/facilitators/nobody/visits.ics`), 404, { rule: 'facilitator was not found' });
  });

  it('adopts a computed scenario once: it is frozen and records what coaching and plans will start', async () => {
    const s = await plan(settings(), 'Adopted');
    const res = await leader.post(`/api/rollout-scenarios/${s.id}/adopt`, { version: s.version });
    expect(res.statusCode, res.body).toBe(200);
    const adopted = res.json() as ScenarioBody;
    expect(adopted.adoptedAt).not.toBeNull();
    expect(adopted.adoption!.map((x) => [x.module, x.status])).toEqual([
      ['coaching', 'pending'],
      ['plans', 'pending'],
    ]);
    expect(adopted.adoption![0]!.description).toContain(s.result!.schedule.subsets[0]!.name);
    expectProblem(await leader.post(`/api/rollout-scenarios/${s.id}/adopt`, { version: adopted.version }), 409, { rule: 'already been adopted' });
    expectProblem(await leader.patch(`/api/rollout-scenarios/${s.id}`, { version: adopted.version, settings: settings() }), 409, { field: 'settings' });
    expectProblem(await leader.delete(`/api/rollout-scenarios/${s.id}`), 409, { rule: 'kept' });
    const audit = await api.db.query<{ action: string }>(`select action from audit_events where entity_id = $1 order by id`, [s.id]);
    expect(audit.map((a) => a.action)).toEqual(['rollout_scenario.create', 'rollout_scenario.adopt']);
  });

  it('refuses what cannot be planned, before anything is saved', async () => {
    const before = await fingerprint(api.db);
    const school = tree.north.feederPatterns[0]!.schools[0]!;
    expectProblem(await leader.post('/api/rollout-scenarios', { unitId: school.id, name: 'A school', settings: settings() }), 400, { field: 'unitId', rule: 'must be a district, region or state' });
    const underWay = settings({ siteOverrides: { [school.id]: { underWay: { facilitatorId: 'someone-else', phase: 'Readiness', monthInPhase: 1 } } } });
    const res = await leader.post('/api/rollout-scenarios', { unitId: tree.north.unit.id, name: 'Unknown facilitator', settings: underWay });
    expectProblem(res, 400, { field: `settings.siteOverrides.${school.id}.underWay.facilitatorId` });
    expect(await fingerprint(api.db)).toEqual(before);
  });

  it('keeps other districts out and lets only leaders plan', async () => {
    const s = await plan(settings(), 'Private');
    const before = await fingerprint(api.db);
    expectProblem(await southLeader.get(`/api/rollout-scenarios/${s.id}`), 404);
    expectProblem(await southLeader.post('/api/rollout-scenarios', { unitId: tree.north.unit.id, name: 'Theirs', settings: settings() }), 404);
    expectProblem(await editor.post('/api/rollout-scenarios', { unitId: tree.north.unit.id, name: 'Editor', settings: settings() }), 403);
    expectProblem(await editor.post(`/api/rollout-scenarios/${s.id}/adopt`, { version: s.version }), 403);
    expect(await fingerprint(api.db)).toEqual(before);
    expect((await editor.get(`/api/rollout-scenarios/${s.id}`)).statusCode).toBe(200);
  });
});
