// Progress through the API: a school's team completes and submits a benchmark assessment and the
// district's roll-up changes; a readiness survey answered by link shows results only from the fifth
// answer and stores no identity; a barrier logged, worked and resolved with its time to resolution;
// milestones proposed, confirmed and dismissed; the progress report on screen and as a PDF; the
// roll-up read from the counts kept up the tree equals core's roll-up of the raw ratings, and its
// units behind page in order.
import { describe, expect, it } from 'vitest';
import { BENCHMARK_DEFAULT_INSTRUMENT, previousProgressPeriod, progressPeriodContaining, rollUpFromRatings, type BenchmarkRating, type Unit } from '@trellis/core';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from '../src/seed/demo.js';
import { anonymous, signIn, type Agent } from './support/agent.js';
import { useApi } from './support/api.js';
import { testDatabases } from './support/databases.js';
import { createMechanism, createPersonWithRole, createStateTree, createSystemAdmin, createUnit, PASSWORD, type StateTree, type TestPerson } from './support/factories.js';
import { createPlan } from './support/plan-factories.js';
import { expectProblem, fingerprint } from './support/problems.js';

const instrument = { id: BENCHMARK_DEFAULT_INSTRUMENT.id, version: BENCHMARK_DEFAULT_INSTRUMENT.version };
const items = BENCHMARK_DEFAULT_INSTRUMENT.items.map((i) => i.key);

describe.each(testDatabases())('progress on $name', (target) => {
  let tree: StateTree;
  let school: Unit;
  let otherSchool: Unit;
  let member: Agent;
  let memberPerson: TestPerson;
  let leader: Agent;
  let leaderPerson: TestPerson;
  let viewer: Agent;
  let southLeader: Agent;
  const api = useApi(target, async ({ db, app }) => {
    tree = await createStateTree(db);
    school = await createUnit(db, 'school', tree.north.feederPatterns[0]!.unit, { name: 'Lincoln Elementary' });
    otherSchool = await createUnit(db, 'school', tree.north.feederPatterns[0]!.unit, { name: 'Garfield Elementary' });
    memberPerson = await createPersonWithRole(db, school, 'member');
    member = await signIn(app, memberPerson.email, PASSWORD);
    leaderPerson = await createPersonWithRole(db, tree.north.unit, 'leader');
    leader = await signIn(app, leaderPerson.email, PASSWORD);
    viewer = await signIn(app, (await createPersonWithRole(db, school, 'viewer')).email, PASSWORD);
    southLeader = await signIn(app, (await createPersonWithRole(db, tree.south.unit, 'leader')).email, PASSWORD);
  });

  it('completes an assessment as a team, refuses to submit it half done, and the district roll-up changes once it is submitted', async () => {
    const rollUp = async () => (await leader.get(`/api/units/${tree.north.unit.id}/benchmark-rollup?period=2026-Q4`)).json();
    const before = await rollUp();
    expect(before.current.unitsAssessed).toBe(0);

    const half = items.slice(0, 20).map((itemKey) => ({ itemKey, rating: 'developing' }));
    const created = await member.post('/api/benchmark-assessments', { unitId: school.id, period: '2026-Q4', instrument, ratings: half });
    expect(created.statusCode, created.body).toBe(201);
    const a = created.json();
    expect(a.completeness).toMatchObject({ rated: 20, total: items.length, complete: false });
    await expectProblem(await member.post('/api/benchmark-assessments', { unitId: school.id, period: '2026-Q4', instrument }), 409, { field: 'period' });
    await expectProblem(await member.post(`/api/benchmark-assessments/${a.id}/submit`, { version: a.version, to: 'submitted' }), 400, { field: 'ratings', rule: /not rated/ });
    await expectProblem(await member.patch(`/api/benchmark-assessments/${a.id}`, { version: a.version, ratings: [{ itemKey: 'no-such-item', rating: 'planned' }] }), 400, { field: 'ratings.0.itemKey' });

    const rest = items.slice(20).map((itemKey, i) => ({ itemKey, rating: i < 5 ? 'fully_in_place' : 'planned', evidence: 'Minutes of the October meeting.' }));
    const saved = await leader.patch(`/api/benchmark-assessments/${a.id}`, { version: a.version, ratings: rest });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().completeness.complete).toBe(true);
    expect(saved.json().assessors.map((p: { id: string }) => p.id).sort()).toEqual([memberPerson.id, leaderPerson.id].sort());
    await expectProblem(await member.patch(`/api/benchmark-assessments/${a.id}`, { version: a.version, ratings: [] }), 409);
    expect((await rollUp()).current.unitsAssessed).toBe(0); // drafts do not count

    const submitted = await member.post(`/api/benchmark-assessments/${a.id}/submit`, { version: saved.json().version, to: 'submitted' });
    expect(submitted.statusCode, submitted.body).toBe(200);
    await expectProblem(await member.patch(`/api/benchmark-assessments/${a.id}`, { version: submitted.json().version, clear: [items[0]] }), 409, { field: 'status' });

    const after = await rollUp();
    expect(after.current.unitsAssessed).toBe(1);
    expect(after.current.overall.rated).toBe(items.length);
    expect(after.current.overall.counts.fully_in_place).toBe(5);
    // Hand-computed mean: 20 developing (2) + 5 fully in place (3) + the rest planned (1).
    const n = items.length;
    expect(after.current.overall.mean).toBeCloseTo((20 * 2 + 5 * 3 + (n - 25) * 1) / n);
    // Garfield has not been assessed; Lincoln's mean is below developing: both are behind, not assessed first.
    const behind = after.unitsBehind as { unitId: string; reason: string; unitName: string }[];
    expect(behind.find((b) => b.unitId === otherSchool.id)).toMatchObject({ reason: 'not_assessed', unitName: 'Garfield Elementary' });
    expect(behind.find((b) => b.unitId === school.id)).toMatchObject({ reason: 'below_threshold', unitName: 'Lincoln Elementary' });
    expect(behind.findIndex((b) => b.unitId === otherSchool.id)).toBeLessThan(behind.findIndex((b) => b.unitId === school.id));
    await expectProblem(await southLeader.get(`/api/units/${tree.north.unit.id}/benchmark-rollup?period=2026-Q4`), 404);
    const trend = (await viewer.get(`/api/units/${school.id}/benchmark-trend`)).json();
    expect(trend.map((p: { period: string }) => p.period)).toEqual(['2026-Q4']);
    // A fully-in-place item is proposed for celebration.
    const celebrations = (await leader.get(`/api/units/${school.id}/celebrations`)).json();
    expect(celebrations.proposed.some((p: { kind: string }) => p.kind === 'benchmark_fully_in_place')).toBe(true);
  });

  it('keeps readiness results hidden below five answers, stores no identity, and shows the survey link nothing else', async () => {
    const survey = await leader.post('/api/readiness-surveys', { unitId: school.id, period: '2026-Q4', instrument: { id: 'trellis-readiness', version: '2026.11.0' } });
    expect(survey.statusCode, survey.body).toBe(201);
    const link = survey.json().linkToken as string;
    const publicView = await anonymous(api.app).get(`/api/surveys/${link}`);
    expect(publicView.statusCode).toBe(200);
    expect(Object.keys(publicView.json()).sort()).toEqual(['closesOn', 'instrument', 'open', 'period', 'unitName']);
    await expectProblem(await anonymous(api.app).get(`/api/surveys/${'a'.repeat(24)}`), 404);
    const keys = (publicView.json().instrument.items as { key: string }[]).map((i) => i.key);
    const answer = (value: number) => anonymous(api.app).post(`/api/surveys/${link}/responses`, { answers: keys.map((itemKey) => ({ itemKey, value })) });
    await expectProblem(await anonymous(api.app).post(`/api/surveys/${link}/responses`, { answers: [{ itemKey: keys[0], value: 3 }], personId: memberPerson.id }), 400, { field: 'personId' });
    for (const v of [4, 5, 3, 4]) expect((await answer(v)).statusCode).toBe(204);
    let results = (await leader.get(`/api/units/${school.id}/readiness-results`)).json();
    expect(results.latest).toEqual({ status: 'withheld', respondents: 4, floor: 5 });
    expect((await answer(2)).statusCode).toBe(204);
    results = (await viewer.get(`/api/units/${school.id}/readiness-results`)).json();
    expect(results.latest.status).toBe('shown');
    expect(results.latest.mean).toBeCloseTo((4 + 5 + 3 + 4 + 2) / 5);
    const columns = await api.db.query<{ column_name: string }>(`select column_name from information_schema.columns where table_name = 'readiness_responses' order by column_name`);
    expect(columns.map((c) => c.column_name)).toEqual(['answered_on', 'answers', 'id', 'survey_id']);
    const closed = await leader.post(`/api/readiness-surveys/${survey.json().id}/close`, { version: survey.json().version });
    expect(closed.statusCode, closed.body).toBe(200);
    await expectProblem(await answer(3), 409);
    await expectProblem(await member.post('/api/readiness-surveys', { unitId: school.id, period: '2026-Q4', instrument: { id: 'trellis-readiness', version: '2026.11.0' } }), 403);
  });

  it('logs a barrier, works it, resolves it with a time to resolution, and refuses to reopen it', async () => {
    const b = await member.post('/api/barriers', { unitId: school.id, category: 'resources', description: 'No time in the schedule for the team to meet.', ownerId: memberPerson.id, nextStep: 'Ask the principal for a common planning period.', targetOn: '2026-12-15' });
    expect(b.statusCode, b.body).toBe(201);
    expect(b.json()).toMatchObject({ status: 'open', staleness: { stale: false } });
    const moving = await member.post(`/api/barriers/${b.json().id}/status`, { version: b.json().version, to: 'in_progress' });
    expect(moving.statusCode, moving.body).toBe(200);
    await expectProblem(await member.post(`/api/barriers/${b.json().id}/status`, { version: moving.json().version, to: 'resolved' }), 400, { field: 'resolution' });
    const resolved = await member.post(`/api/barriers/${b.json().id}/status`, { version: moving.json().version, to: 'resolved', resolution: 'Common planning period on Thursdays.' });
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect(resolved.json().daysToResolution).toBe(0);
    await expectProblem(await member.post(`/api/barriers/${b.json().id}/status`, { version: resolved.json().version, to: 'open' }), 409);
    await expectProblem(await viewer.post('/api/barriers', { unitId: school.id, category: 'resources', description: 'x', ownerId: memberPerson.id, nextStep: 'y' }), 403);
    const list = (await leader.get(`/api/units/${tree.north.unit.id}/barriers?subtree=true`)).json();
    expect(list.map((x: { id: string }) => x.id)).toContain(b.json().id);
  });

  it('proposes milestones from the unit’s state; a leader confirms one and dismisses another, and neither is proposed again', async () => {
    await createPlan(api.db, otherSchool, { status: 'approved', title: 'Garfield start-up plan' });
    await createMechanism(api.db, otherSchool, 'change_team', { name: 'Garfield change team' });
    const feed = (await leader.get(`/api/units/${otherSchool.id}/celebrations`)).json();
    const plan = feed.proposed.find((p: { kind: string }) => p.kind === 'plan_approved');
    const mechanism = feed.proposed.find((p: { kind: string }) => p.kind === 'mechanism_established');
    expect(plan.title).toBe('Plan approved: Garfield start-up plan');
    const before = await fingerprint(api.db);
    await expectProblem(await member.post('/api/celebrations', { unitId: otherSchool.id, title: plan.title, celebratedOn: '2026-11-20', milestoneKey: plan.key }), 404);
    expect(await fingerprint(api.db)).toEqual(before);
    const confirmed = await leader.post('/api/celebrations', { unitId: otherSchool.id, title: plan.title, celebratedOn: '2026-11-20', milestoneKey: plan.key });
    expect(confirmed.statusCode, confirmed.body).toBe(201);
    const dismissed = await leader.post('/api/celebrations/dismissals', { unitId: otherSchool.id, milestoneKey: mechanism.key });
    expect(dismissed.statusCode, dismissed.body).toBe(201);
    await expectProblem(await leader.post('/api/celebrations', { unitId: otherSchool.id, title: 'Again', celebratedOn: '2026-11-20', milestoneKey: plan.key }), 400, { field: 'milestoneKey' });
    const after = (await leader.get(`/api/units/${tree.north.unit.id}/celebrations?subtree=true`)).json();
    expect(after.confirmed.map((c: { title: string }) => c.title)).toContain('Plan approved: Garfield start-up plan');
    const own = (await leader.get(`/api/units/${otherSchool.id}/celebrations`)).json();
    expect(own.proposed.map((p: { key: string }) => p.key)).not.toContain(plan.key);
    expect(own.proposed.map((p: { key: string }) => p.key)).not.toContain(mechanism.key);
  });

  it('reports a period on screen and as a PDF named for the unit', async () => {
    const report = await leader.get(`/api/units/${tree.north.unit.id}/progress-report?period=2026-Q4`);
    expect(report.statusCode, report.body).toBe(200);
    const r = report.json();
    expect(r.unit.name).toBe(tree.north.unit.name);
    expect(r.benchmarks.rollUp.current.unitsAssessed).toBe(1);
    expect(r.barriers.summary.opened).toBeGreaterThanOrEqual(1);
    expect(r.celebrations.map((c: { title: string }) => c.title)).toContain('Plan approved: Garfield start-up plan');
    const pdf = await leader.get(`/api/units/${tree.north.unit.id}/progress-report.pdf?period=2026-Q4`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.rawPayload.toString('latin1')).toContain(`Progress report: ${tree.north.unit.name}`);
    await expectProblem(await leader.get(`/api/units/${tree.north.unit.id}/progress-report?period=2026-13`), 400, { field: 'period' });
    await expectProblem(await southLeader.get(`/api/units/${tree.north.unit.id}/progress-report.pdf?period=2026-Q4`), 404);
  });

  it('keeps the roll-up counts exact when a school moves to another district, is archived and restored', async () => {
    const admin = await signIn(api.app, (await createSystemAdmin(api.db)).email, PASSWORD);
    const rated = async (unitId: string) => (await admin.get(`/api/units/${unitId}/benchmark-rollup?period=2026-Q4`)).json().current.overall.rated as number;
    expect(await rated(tree.north.unit.id)).toBe(items.length);
    expect(await rated(tree.south.unit.id)).toBe(0);
    const lincoln = (await admin.get(`/api/units/${school.id}`)).json();
    const moved = await admin.post(`/api/units/${school.id}/move`, { version: lincoln.version, parentId: tree.south.feederPatterns[0]!.unit.id });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(await rated(tree.north.unit.id)).toBe(0);
    expect(await rated(tree.south.unit.id)).toBe(items.length);
    expect(await rated(tree.state.id)).toBe(items.length);
    const archived = await admin.post(`/api/units/${school.id}/archive`, { version: moved.json().version, archived: true });
    expect(archived.statusCode, archived.body).toBe(200);
    expect(await rated(tree.south.unit.id)).toBe(0);
    const restored = await admin.post(`/api/units/${school.id}/archive`, { version: archived.json().version, archived: false });
    expect(restored.statusCode, restored.body).toBe(200);
    expect(await rated(tree.south.unit.id)).toBe(items.length);
    // The counts agree with a rebuild from the ratings.
    const before = await api.db.query('select * from benchmark_rollup_counts where units <> 0 order by 1, 2, 3, 4, 5, 6');
    const unitsBefore = await api.db.query('select * from benchmark_rollup_units order by 1, 2, 3, 4, 5');
    expect(unitsBefore.length).toBeGreaterThan(0);
    await api.db.query('select benchmark_rollup_rebuild()');
    expect(await api.db.query('select * from benchmark_rollup_counts where units <> 0 order by 1, 2, 3, 4, 5, 6')).toEqual(before);
    expect(await api.db.query('select * from benchmark_rollup_units order by 1, 2, 3, 4, 5')).toEqual(unitsBefore);
  });

  it('rolls up exactly what the raw ratings give, and pages the units behind in order with their total', async () => {
    // Five more schools in the north: two tied at a mean of 1, one fully in place, one at 1.5, one
    // assessed only the quarter before; the north's other schools are not assessed in 2026-Q4.
    const fp = tree.north.feederPatterns[1]!.unit;
    const schools = await Promise.all(['Adams', 'Baker', 'Carver', 'Dewey', 'Emerson'].map((name) => createUnit(api.db, 'school', fp, { name: `${name} Middle` })));
    const all = (rating: string) => items.map((itemKey) => ({ itemKey, rating }));
    const half = items.map((itemKey, i) => ({ itemKey, rating: i % 2 === 0 ? 'developing' : 'planned' }));
    const submit = async (unitId: string, period: string, ratings: { itemKey: string; rating: string }[]) => {
      const created = await leader.post('/api/benchmark-assessments', { unitId, period, instrument, ratings });
      expect(created.statusCode, created.body).toBe(201);
      const done = await leader.post(`/api/benchmark-assessments/${created.json().id}/submit`, { version: created.json().version, to: 'submitted' });
      expect(done.statusCode, done.body).toBe(200);
    };
    const [adams, baker, carver, dewey, emerson] = schools as [Unit, Unit, Unit, Unit, Unit];
    await submit(adams.id, '2026-Q4', all('planned'));
    await submit(adams.id, '2026-Q3', all('not_yet'));
    await submit(baker.id, '2026-Q4', all('planned'));
    await submit(carver.id, '2026-Q4', all('fully_in_place'));
    await submit(carver.id, '2026-Q3', all('developing'));
    await submit(dewey.id, '2026-Q4', half);
    await submit(emerson.id, '2026-Q3', all('developing'));

    // The same roll-up computed by core from the raw ratings of the live units in scope.
    const expected = async (unit: Unit, level: string, query: { behindBelow?: number } = {}) => {
      const scope = await api.db.query<{ id: string }>(`select id from units where archived_at is null and kind = $1 and (path like $2 or id = $3) and ($4 or id = $3)`, [level, `${unit.path}%`, unit.id, level !== unit.kind]);
      const ratings = await api.db.query<{ unit_id: string; period: string; item_key: string; rating: BenchmarkRating }>(
        `select r.unit_id, r.period, r.item_key, r.rating from benchmark_ratings r where r.submitted and r.instrument_id = $1 and r.unit_id = any($2::uuid[])`,
        [instrument.id, scope.map((u) => u.id)],
      );
      return rollUpFromRatings(
        ratings.map((r) => ({ unitId: r.unit_id, period: r.period, itemKey: r.item_key, rating: r.rating })),
        { instrument: BENCHMARK_DEFAULT_INSTRUMENT, unitIds: scope.map((u) => u.id), period: '2026-Q4', ...query },
      );
    };
    const fetchRollUp = async (unit: Unit, params: string) => {
      const res = await leader.get(`/api/units/${unit.id}/benchmark-rollup?period=2026-Q4${params}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    const strip = (list: { unitName: string }[]) => list.map(({ unitName: _n, ...b }) => b);
    for (const [unit, level, behindBelow] of [
      [tree.north.unit, 'school', undefined],
      [tree.north.unit, 'school', 1],
      [tree.north.unit, 'school', 3],
      [tree.north.unit, 'feeder_pattern', undefined],
      [adams, 'school', undefined],
      [emerson, 'school', undefined],
    ] as const) {
      const want = await expected(unit, level, behindBelow === undefined ? {} : { behindBelow });
      const params = `&level=${level}${behindBelow === undefined ? '' : `&behindBelow=${behindBelow}`}`;
      const got = await fetchRollUp(unit, `${params}&behindLimit=500`);
      expect(got.current).toEqual(want.current);
      expect(got.previous).toEqual(want.previous);
      expect(got.change).toEqual(want.change);
      expect(strip(got.unitsBehind)).toEqual(want.unitsBehind);
      expect(got.unitsBehindTotal).toBe(want.unitsBehind.length);
      expect(got.unitsBehindByReason).toEqual({
        not_assessed: want.unitsBehind.filter((b) => b.reason === 'not_assessed').length,
        below_threshold: want.unitsBehind.filter((b) => b.reason === 'below_threshold').length,
      });
      // Pages of two, put together, are the whole list; each names its units.
      const pages = [];
      for (let offset = 0; offset < want.unitsBehind.length + 2; offset += 2) {
        const page = await fetchRollUp(unit, `${params}&behindOffset=${offset}&behindLimit=2`);
        expect(page.unitsBehindPage).toEqual({ offset, limit: 2 });
        expect(page.unitsBehindTotal).toBe(want.unitsBehind.length);
        pages.push(...page.unitsBehind);
      }
      expect(strip(pages)).toEqual(want.unitsBehind);
      const names = new Map((await api.db.query<{ id: string; name: string }>('select id, name from units')).map((u) => [u.id, u.name]));
      for (const b of pages) expect(b.unitName).toBe(names.get(b.unitId));
      const none = await fetchRollUp(unit, `${params}&behindLimit=0`);
      expect(none.unitsBehind).toEqual([]);
      expect(none.unitsBehindTotal).toBe(want.unitsBehind.length);
    }
    // The hand-checked order: not assessed first (by id), then by mean, ties by id; Carver is not behind.
    const north = await fetchRollUp(tree.north.unit, '');
    expect(north.unitsBehindPage).toEqual({ offset: 0, limit: 50 });
    const below = (north.unitsBehind as { unitId: string; reason: string; mean: number | null; previousMean: number | null }[]).filter((b) => b.reason === 'below_threshold');
    expect(below.map((b) => b.unitId)).toEqual([...[adams.id, baker.id].sort(), dewey.id]);
    expect(below[0]).toMatchObject({ mean: 1 });
    expect(below.find((b) => b.unitId === adams.id)!.previousMean).toBe(0);
    expect(north.unitsBehind.find((b: { unitId: string }) => b.unitId === emerson.id)).toMatchObject({ reason: 'not_assessed', mean: null, previousMean: 2 });
    expect(north.unitsBehind.some((b: { unitId: string }) => b.unitId === carver.id)).toBe(false);
    await expectProblem(await leader.get(`/api/units/${tree.north.unit.id}/benchmark-rollup?period=2026-Q4&behindLimit=501`), 400, { field: 'behindLimit' });
    await expectProblem(await leader.get(`/api/units/${tree.north.unit.id}/benchmark-rollup?period=2026-Q4&behindOffset=-1`), 400, { field: 'behindOffset' });
    await expectProblem(await leader.get(`/api/units/${tree.north.unit.id}/benchmark-rollup?period=2026-Q4&behindOffset=1.5`), 400, { field: 'behindOffset' });
  });
});

describe.each(testDatabases().filter((t) => t.name === 'PGlite'))('the demo’s progress on $name', (target) => {
  const api = useApi(target, async ({ db }) => {
    await seedDemo(db);
  });

  it('has last quarter’s assessments rolled up with a change, readiness shown at the district and withheld at the school, barriers in each state', async () => {
    const leader = await signIn(api.app, DEMO_ACCOUNTS[1].email, DEMO_PASSWORD);
    const districtId = leader.session!.grants[0]!.unitId;
    const last = previousProgressPeriod(progressPeriodContaining(new Date().toISOString().slice(0, 10)));
    const rollUp = (await leader.get(`/api/units/${districtId}/benchmark-rollup?period=${last}`)).json();
    expect(rollUp.current.unitsAssessed).toBe(6);
    expect(rollUp.previous.unitsAssessed).toBe(3);
    expect(rollUp.unitsBehind.length).toBeGreaterThan(0);
    const readiness = (await leader.get(`/api/units/${districtId}/readiness-results`)).json();
    expect(readiness.latest).toMatchObject({ status: 'shown', respondents: 7 });
    const member = await signIn(api.app, DEMO_ACCOUNTS[2].email, DEMO_PASSWORD);
    const schoolId = member.session!.grants[0]!.unitId;
    expect((await member.get(`/api/units/${schoolId}/readiness-results`)).json().latest).toEqual({ status: 'withheld', respondents: 3, floor: 5 });
    const barriers = (await leader.get(`/api/units/${districtId}/barriers?subtree=true`)).json() as { status: string; staleness: { stale: boolean } }[];
    expect(barriers.map((b) => b.status).sort()).toEqual(['in_progress', 'open', 'resolved']);
    expect(barriers.find((b) => b.status === 'open')!.staleness.stale).toBe(true);
    const report = (await leader.get(`/api/units/${districtId}/progress-report?period=${last}`)).json();
    expect(report.benchmarks.rollUp.current.unitsAssessed).toBe(6);
    expect(report.plans.plans).toHaveLength(1);
    const celebrations = (await leader.get(`/api/units/${districtId}/celebrations`)).json();
    expect(celebrations.confirmed).toHaveLength(1);
    expect(celebrations.proposed.length).toBeGreaterThan(0);
  });
});
