// Benchmark of the resource-map analysis (issue 5): a state of 10,000 schools in 1,000 districts and
// 1,000 feeder patterns with 30 resources each (300,000 resources), generated deterministically,
// analyzed whole, for one district and for one feeder pattern. Prints p50/p95 over several runs and
// the ratio against a naive baseline run in the same process. Figures only, no assertions.
//
//   npx tsx bench/src/resources.ts [--runs=7]
//
// Core is imported by path: the resources module is not exported from @trellis/core's index yet.
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  analyzeResources,
  resourceNameSignature,
  resourceUnitsIn,
  type MappedResource,
  type ResourceMapUnit,
} from '../../packages/core/src/resources/analysis.js';
import { INTERVENTION_FRAMEWORK, interventionCells } from '../../packages/core/src/resources/framework.js';

const SHAPE = { districts: 1_000, feederPatterns: 1_000, schools: 10_000, resourcesPerSchool: 30, seed: 2026 };
const AS_OF = '2026-11-23';
const TARGET_MS = 2_000;
const runs = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice('--runs='.length) ?? 7);

// ---- A deterministic state -----------------------------------------------------------------------

/** mulberry32: small, fast, and the same sequence on every machine. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const PROGRAMS = [
  'Check & Connect', 'Attendance Mentors', 'Peer Tutoring', 'Reading Buddies', 'Family Night', 'Parent University', 'Welcome Club',
  'Grade 9 Transition Camp', 'Crisis Response Team', 'Grief Group', 'School Counselor', 'School Psychologist', 'Social Worker',
  'Nurse Office', 'Food Pantry', 'Clothing Closet', 'After-School Homework Club', 'Summer Bridge', 'Restorative Circles',
  'Anti-Bullying Campaign', 'Suicide Prevention Training', 'Mentoring Partnership', 'Career Exploration', 'College Visits',
  'Student Assistance Team', 'Behavior Intervention', 'Speech Therapy', 'Community Health Clinic', 'Mobile Dental Van',
  'Home Visits', 'Family Resource Center', 'Volunteer Readers', 'Business Partners', 'Youth Sports League', 'Art Therapy',
  'Newcomer Support', 'English Learner Family Liaison', 'Truancy Court Diversion', 'Substance Use Counseling', 'Safe Routes',
];
const TAGS = [
  'attendance', 'mentoring', 'literacy', 'math', 'family-engagement', 'transitions', 'crisis', 'grief', 'mental-health', 'health',
  'basic-needs', 'behavior', 'bullying', 'suicide-prevention', 'careers', 'college', 'newcomers', 'english-learners', 'tutoring',
  'substance-use', 'safety', 'volunteers', 'after-school', 'summer', 'special-education',
];
const TARGETS = [null, null, 'All students', 'Grade 9', 'Students with chronic absence', 'English learners', 'Families', 'Students in crisis'];
const FUNDING = ['General fund', 'Title I', 'Title IV-A grant', 'County partnership', 'Foundation grant', 'Medicaid'];

interface BenchState {
  units: ResourceMapUnit[];
  resources: MappedResource[];
  districtId: string;
  feederPatternId: string;
}

function generate(): BenchState {
  const next = random(SHAPE.seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T;
  const cells = interventionCells(INTERVENTION_FRAMEWORK).map((c) => c.key);
  const schoolsPerFeeder = SHAPE.schools / SHAPE.feederPatterns;
  const feedersPerDistrict = SHAPE.feederPatterns / SHAPE.districts;
  const units: ResourceMapUnit[] = [];
  const resources: MappedResource[] = [];
  for (let s = 0; s < SHAPE.schools; s++) {
    const feeder = Math.floor(s / schoolsPerFeeder);
    const district = Math.floor(feeder / feedersPerDistrict);
    const unitId = `school-${s}`;
    units.push({
      id: unitId,
      name: `School ${s}`,
      population: s % 500 === 0 ? 0 : 200 + Math.floor(next() * 1_800),
      feederPatternId: `feeder-${feeder}`,
      feederPatternName: `Feeder ${feeder}`,
      districtId: `district-${district}`,
    });
    // Each school leaves a few cells empty: resources go to 13 of the 18 cells.
    const offset = Math.floor(next() * cells.length);
    const used = Array.from({ length: 13 }, (_, i) => cells[(offset + i) % cells.length]!);
    for (let r = 0; r < SHAPE.resourcesPerSchool; r++) {
      const placed = new Set<string>([pick(used)]);
      if (next() < 0.3) placed.add(pick(used));
      if (next() < 0.1) placed.add(pick(used));
      const tags = new Set<string>();
      const tagCount = Math.floor(next() * 3);
      for (let t = 0; t < tagCount; t++) tags.add(pick(TAGS));
      const grant = next() < 0.2;
      resources.push({
        id: `res-${s}-${r}`,
        unitId,
        name: pick(PROGRAMS),
        cells: [...placed],
        populationServed: next() < 0.1 ? null : Math.floor(next() * 120),
        staffFte: Math.round(next() * 20) / 10,
        annualCost: Math.floor(next() * 80) * 1_000,
        fundingSource: grant ? 'Foundation grant' : pick(FUNDING),
        fundingEndsOn: grant ? `${2026 + Math.floor(next() * 3)}-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}` : null,
        coordinated: next() < 0.6,
        purposeTags: [...tags],
        targetPopulation: pick(TARGETS),
      });
    }
  }
  return { units, resources, districtId: 'district-0', feederPatternId: 'feeder-0' };
}

// ---- A naive baseline ----------------------------------------------------------------------------
// What one writes first, for the same questions: the matrix by a nested loop over cells and
// resources for each unit's list, and overlaps by comparing every pair of resources within each
// school (redundancy) and within each feeder pattern (economies of scale). It produces counts only,
// so it does less than the real analysis (no explanations, no findings objects).

function naive(units: readonly ResourceMapUnit[], resources: readonly MappedResource[]) {
  const cells = interventionCells(INTERVENTION_FRAMEWORK).map((c) => c.key);
  const byUnit = new Map<string, MappedResource[]>();
  for (const u of units) byUnit.set(u.id, []);
  for (const r of resources) byUnit.get(r.unitId)?.push(r);
  const sameNeed = (a: MappedResource, b: MappedResource, cell: string) =>
    a.cells.includes(cell) &&
    b.cells.includes(cell) &&
    ((a.purposeTags ?? []).some((t) => (b.purposeTags ?? []).includes(t)) || resourceNameSignature(a.name) === resourceNameSignature(b.name));
  let cost = 0;
  let overlaps = 0;
  let economies = 0;
  for (const u of units) {
    const list = byUnit.get(u.id) ?? [];
    for (const cell of cells) {
      for (const r of list) if (r.cells.includes(cell)) cost += (r.annualCost ?? 0) / r.cells.length;
    }
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i]!;
        const b = list[j]!;
        if ((a.targetPopulation ?? '') !== (b.targetPopulation ?? '')) continue;
        if (a.cells.some((c) => sameNeed(a, b, c))) overlaps += 1;
      }
    }
  }
  const byFeeder = new Map<string, MappedResource[]>();
  const feederOf = new Map(units.map((u) => [u.id, u.feederPatternId ?? '']));
  for (const r of resources) {
    const f = feederOf.get(r.unitId);
    if (f === undefined) continue;
    const list = byFeeder.get(f);
    if (list) list.push(r);
    else byFeeder.set(f, [r]);
  }
  for (const list of byFeeder.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i]!;
        const b = list[j]!;
        if (a.unitId !== b.unitId && a.cells.some((c) => sameNeed(a, b, c))) economies += 1;
      }
    }
  }
  return { cost, overlaps, economies };
}

// ---- Measuring -----------------------------------------------------------------------------------

const quantile = (sorted: readonly number[], q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;

function measure(label: string, times: number, fn: () => unknown) {
  fn(); // warm-up, not counted
  const ms: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < times; i++) {
    const c0 = process.cpuUsage();
    const start = performance.now();
    fn();
    ms.push(performance.now() - start);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  ms.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return { label, runs: times, p50: quantile(ms, 0.5), p95: quantile(ms, 0.95), min: ms[0] ?? NaN, cpu50: quantile(cpu, 0.5) };
}

const fmt = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;

function main() {
  const t0 = performance.now();
  const state = generate();
  const generatedMs = performance.now() - t0;
  const district = resourceUnitsIn(state.units, { districtId: state.districtId });
  const feeder = resourceUnitsIn(state.units, { feederPatternId: state.feederPatternId });
  const districtIds = new Set(district.map((u) => u.id));
  const districtResources = state.resources.filter((r) => districtIds.has(r.unitId));

  console.log(`Resource analysis benchmark — Node ${process.version}, ${runs} runs after a warm-up`);
  console.log(
    `State: ${state.units.length.toLocaleString('en-US')} schools, ${SHAPE.districts.toLocaleString('en-US')} districts, ` +
      `${SHAPE.feederPatterns.toLocaleString('en-US')} feeder patterns, ${state.resources.length.toLocaleString('en-US')} resources (generated in ${fmt(generatedMs)})`,
  );

  const analyze = (units: readonly ResourceMapUnit[], resources: readonly MappedResource[], scope = { id: 'state', name: 'State of Benchmark' }) =>
    analyzeResources({ framework: INTERVENTION_FRAMEWORK, units, resources, asOf: AS_OF, scope });
  const once = analyze(state.units, state.resources);
  const districtScope = { id: state.districtId, name: 'District 0' };
  const feederScope = { id: state.feederPatternId, name: 'Feeder 0' };
  const heapMb = process.memoryUsage().heapUsed / 1_048_576;

  const results = [
    measure('state analysis (10,000 schools)', runs, () => analyze(state.units, state.resources)),
    measure('one district (resources of the state passed in)', runs, () => analyze(district, state.resources, districtScope)),
    measure('one district (its own resources)', runs, () => analyze(district, districtResources, districtScope)),
    measure('one feeder pattern (its own resources)', runs, () => analyze(feeder, districtResources, feederScope)),
  ];
  const explanations = measure('state analysis + reading every explanation', Math.max(3, Math.min(runs, 5)), () => {
    let chars = 0;
    for (const f of analyze(state.units, state.resources).findings) chars += f.explanation.length;
    return chars;
  });
  const baselineRuns = 3;
  const baseline = measure('naive baseline, state (nested loops, all pairs)', baselineRuns, () => naive(state.units, state.resources));

  console.log('');
  console.log('| case | p50 | p95 | min | CPU p50 |');
  console.log('|---|---:|---:|---:|---:|');
  for (const r of [...results, explanations, baseline]) console.log(`| ${r.label} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.min)} | ${fmt(r.cpu50)} |`);
  console.log('');
  const state95 = results[0]!.p95;
  console.log(`Naive baseline ÷ analysis (state, p50): ${(baseline.p50 / results[0]!.p50).toFixed(1)}× (the baseline only counts; the analysis also builds findings and explanations)`);
  console.log(`Target: state analysis under ${TARGET_MS.toLocaleString('en-US')} ms — p95 ${fmt(state95)} (${state95 < TARGET_MS ? 'met' : 'NOT met'})`);
  console.log(
    `Findings for the state: ${once.findings.length.toLocaleString('en-US')} — ` +
      Object.entries(once.counts)
        .map(([code, n]) => `${code} ${n.toLocaleString('en-US')}`)
        .join(', '),
  );
  console.log(`Heap in use after one state analysis: ${heapMb.toFixed(0)} MB`);
  // Other work on the machine slows every figure; CPU time (all of the process's threads, GC included) less so.
  console.log(`Load average during the run (1, 5, 15 min): ${loadavg().map((l) => l.toFixed(1)).join(', ')} on ${availableParallelism()} CPUs`);
}

main();
