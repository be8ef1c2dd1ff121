// Benchmark of benchmark roll-ups (issue 6): a state of 10,000 schools in 1,000 districts, each
// assessed on a 60-item instrument (the shipped checklist plus 21 of an agency's items) for 8
// quarters — 4.8 million submitted ratings — on a throwaway PostgreSQL cluster. Times the state's
// roll-up and one district's through the API (in process, app.inject, signed in, the default page
// of 50 units behind) and, in the same run, a naive GROUP BY over the raw ratings (joined to their
// assessments and units, as a first version would) for the same two periods; also the state's
// roll-up of a quarter nobody has assessed yet (all 10,000 schools behind, "not assessed" being
// the costlier page). Prints p50/p95, the ratios, the response sizes and the load average (1 min)
// before and after each case. Target (issue 6): p95 under 100 ms on PostgreSQL on a 2-core
// machine. Figures only, no assertions.
//
//   npx tsx bench/src/progress.ts [--runs=30]
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { BENCHMARK_DEFAULT_INSTRUMENT, extendInstrument, previousProgressPeriod } from '@trellis/core';
import { migrate, type Db } from '@trellis/db';
import { buildApp } from '../../apps/server/src/app.js';
import { loadConfig } from '../../apps/server/src/config.js';
import { hashPassword } from '../../apps/server/src/services/passwords.js';
import { postgresBackend } from './backends.js';
import { summarize } from './stats.js';

const SHAPE = { districts: 1_000, schoolsPerDistrict: 10, quarters: 8, addedItems: 21 };
const TARGET_P95_MS = 100;
const runs = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice('--runs='.length) ?? 30);
const PERIODS = Array.from({ length: SHAPE.quarters }, (_, i) => `${2025 + Math.floor(i / 4)}-Q${(i % 4) + 1}`);
const PERIOD = PERIODS.at(-1)!;
const PREVIOUS = previousProgressPeriod(PERIOD);

const instrument = extendInstrument(BENCHMARK_DEFAULT_INSTRUMENT, {
  id: 'bench-benchmarks',
  version: '2026.11.1',
  publishedOn: '2026-11-23',
  items: Array.from({ length: SHAPE.addedItems }, (_, i) => ({ key: `agency-item-${i + 1}`, title: `Agency item ${i + 1}`, area: 'monitoring', phase: null, evidence: 'Minutes.' })),
});

async function load(db: Db): Promise<{ stateId: string; districtId: string; personEmail: string }> {
  const t = performance.now();
  const [state] = await db.query<{ id: string }>(`insert into units (id, kind, name, path) select g, 'state', 'Bench State', '/' || g || '/' from gen_random_uuid() g returning id`);
  const stateId = state!.id;
  await db.query(
    `insert into units (id, kind, name, parent_id, path)
     select id, 'district', 'District ' || n, $1::uuid, '/' || $1::text || '/' || id || '/' from (select gen_random_uuid() id, n from generate_series(1, $2) n) d`,
    [stateId, SHAPE.districts],
  );
  await db.query(
    `insert into units (id, kind, name, parent_id, path)
     select s.id, 'school', d.name || ' School ' || s.n, d.id, d.path || s.id || '/'
     from units d cross join lateral (select gen_random_uuid() id, n from generate_series(1, $1) n where d.id is not null) s where d.kind = 'district'`,
    [SHAPE.schoolsPerDistrict],
  );
  const email = 'bench.admin@bench.trellis.test';
  await db.query(`insert into people (id, name, email, password_hash, is_system_admin) values (gen_random_uuid(), 'Bench Admin', $1, $2, true)`, [email, await hashPassword('bench password 2026')]);
  await db.query(`insert into progress_instruments (id, version, kind, unit_id, definition) values ($1, $2, 'benchmark', $3, $4)`, [instrument.id, instrument.version, stateId, JSON.stringify(instrument)]);
  await db.query(
    `insert into benchmark_assessments (id, unit_id, period, instrument_id, instrument_version, status, submitted_at)
     select gen_random_uuid(), u.id, p, $1, $2, 'submitted', now() from units u cross join unnest($3::text[]) p where u.kind = 'school'`,
    [instrument.id, instrument.version, PERIODS],
  );
  const keys = instrument.items.map((i) => i.key);
  await db.query(
    `insert into benchmark_ratings (assessment_id, unit_id, period, instrument_id, submitted, item_key, rating, value)
     select a.id, a.unit_id, a.period, a.instrument_id, true, k.key, (array['not_yet','planned','developing','fully_in_place'])[v + 1], v
     from benchmark_assessments a cross join lateral unnest($1::text[]) with ordinality k(key, i)
     cross join lateral (select (abs(hashtext(a.unit_id::text || k.key)) + k.i::int + right(a.period, 1)::int) % 4 as v) r`,
    [keys],
  );
  // What submitting does one by one, for the whole load at once: each assessment's figures and the
  // counts kept at every unit above the rated ones (migration 0009).
  await db.query(`update benchmark_assessments a set rated = s.n, value_sum = s.v from (select assessment_id, count(*)::int n, sum(value)::int v from benchmark_ratings group by assessment_id) s where s.assessment_id = a.id`);
  await db.query('select benchmark_rollup_rebuild()');
  // As autovacuum leaves a live database: statistics, and the visibility map for index-only scans.
  await db.query('vacuum analyze');
  const [{ n }] = (await db.query<{ n: number }>('select count(*)::int as n from benchmark_ratings')) as [{ n: number }];
  const [district] = await db.query<{ id: string }>(`select id from units where kind = 'district' order by name limit 1`);
  console.log(`  loaded ${SHAPE.districts * SHAPE.schoolsPerDistrict} schools × ${instrument.items.length} items × ${SHAPE.quarters} quarters = ${n.toLocaleString('en-US')} ratings in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return { stateId, districtId: district!.id, personEmail: email };
}

const load1 = () => loadavg()[0]!.toFixed(1);

async function time(label: string, fn: () => Promise<void>) {
  for (let i = 0; i < 3; i++) await fn(); // warm up
  const before = load1();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  const s = summarize(ms);
  console.log(`  ${label.padEnd(56)} p50 ${s.p50.toFixed(1).padStart(7)} ms   p95 ${s.p95.toFixed(1).padStart(7)} ms   (load ${before} → ${load1()})`);
  return s;
}

console.log(`Benchmark roll-ups: ${SHAPE.districts * SHAPE.schoolsPerDistrict} schools, ${instrument.items.length} items, ${SHAPE.quarters} quarters (${runs} runs each; ${availableParallelism()} cores, load ${loadavg()[0]!.toFixed(1)})`);
const backend = await postgresBackend();
if (!backend) {
  console.log('PostgreSQL server binaries are not installed: this benchmark needs them. Install the postgresql package.');
  process.exit(0);
}
try {
  const db = await backend.open();
  await migrate(db);
  const { stateId, districtId, personEmail } = await load(db);
  const app = await buildApp({ db, config: loadConfig({ TRELLIS_WEB_DIST: '/nonexistent' }) });
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: personEmail, password: 'bench password 2026' } });
  const cookie = login.cookies.find((c) => c.name === 'trellis_session')!.value;
  const get = async (url: string) => {
    const res = await app.inject({ method: 'GET', url, headers: { cookie: `trellis_session=${cookie}` } });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
    return res;
  };
  const query = `period=${PERIOD}&instrumentId=${instrument.id}&instrumentVersion=${instrument.version}`;
  const sample = (await get(`/api/units/${stateId}/benchmark-rollup?${query}`)).json();
  console.log(`  state roll-up: ${sample.current.unitsAssessed} schools assessed in ${PERIOD}, ${sample.current.overall.rated.toLocaleString('en-US')} ratings, ${sample.unitsBehindTotal} behind (${sample.unitsBehind.length} listed)`);

  const naive = (path: string) => async () => {
    const params = [instrument.id, [PERIOD, PREVIOUS], `${path}%`];
    const from = `benchmark_ratings r join benchmark_assessments a on a.id = r.assessment_id join units u on u.id = a.unit_id
      where a.status = 'submitted' and a.instrument_id = $1 and a.period = any($2::text[]) and u.path like $3`;
    await db.query(`select a.period, r.item_key, r.rating, count(*) from ${from} group by a.period, r.item_key, r.rating`, params);
    await db.query(`select a.period, a.unit_id, count(*), sum(case r.rating when 'not_yet' then 0 when 'planned' then 1 when 'developing' then 2 else 3 end) from ${from} group by a.period, a.unit_id`, params);
  };
  const [{ path: statePath }] = (await db.query<{ path: string }>('select path from units where id = $1', [stateId])) as [{ path: string }];
  const [{ path: districtPath }] = (await db.query<{ path: string }>('select path from units where id = $1', [districtId])) as [{ path: string }];

  const stateUrl = `/api/units/${stateId}/benchmark-rollup?${query}`;
  const districtUrl = `/api/units/${districtId}/benchmark-rollup?${query}`;
  const unassessedUrl = `/api/units/${stateId}/benchmark-rollup?period=2027-Q1&instrumentId=${instrument.id}&instrumentVersion=${instrument.version}`;
  const kb = async (url: string) => `${((await get(url)).rawPayload.length / 1024).toFixed(1)} KB`;
  console.log(`  response sizes: state ${await kb(stateUrl)}, district ${await kb(districtUrl)}, state in a quarter nobody assessed ${await kb(unassessedUrl)}`);

  console.log('\nPostgreSQL (local cluster):');
  const stateApi = await time('state roll-up through the API', async () => void (await get(stateUrl)));
  const stateNaive = await time('state: naive GROUP BY over raw ratings (SQL only)', naive(statePath));
  const districtApi = await time('district roll-up through the API', async () => void (await get(districtUrl)));
  const districtNaive = await time('district: naive GROUP BY (SQL only)', naive(districtPath));
  const unassessedApi = await time('state roll-up, a quarter nobody assessed, through the API', async () => void (await get(unassessedUrl)));
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
  console.log(`\n  ratio API / naive SQL: state p50 ${ratio(stateApi.p50, stateNaive.p50)}, p95 ${ratio(stateApi.p95, stateNaive.p95)}; district p50 ${ratio(districtApi.p50, districtNaive.p50)}, p95 ${ratio(districtApi.p95, districtNaive.p95)}`);
  for (const [label, s] of [
    ['state', stateApi],
    ['district', districtApi],
    ['state, a quarter nobody assessed', unassessedApi],
  ] as const) {
    console.log(`  target p95 < ${TARGET_P95_MS} ms, ${label}: ${s.p95 < TARGET_P95_MS ? 'met' : 'NOT met'} (${s.p95.toFixed(1)} ms)`);
  }
  await app.close();
  await db.close();
} finally {
  await backend.dispose();
}
