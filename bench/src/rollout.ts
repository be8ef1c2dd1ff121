// Roll-out planner benchmark (issue 8): `npx tsx bench/src/rollout.ts`. Builds a state of 10,000
// schools in 1,000 feeder patterns with a cadre of 60 Organization Facilitators (seeded, so every run
// plans the same scenario), times scheduleRollout, and prints time to scale against the lower bound.
// Then 1,000 and 100,000 schools to show how the cost grows. Figures, not assertions.
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { RolloutScenario, type RolloutScenarioInput } from '../../packages/core/src/rollout/schemas.js';
import { ROLLOUT_PLAN_TWICE_UP_TO, scheduleRollout, type RolloutSchedule } from '../../packages/core/src/rollout/scheduler.js';
import { summarize } from './stats.js';

interface Shape {
  label: string;
  /** Feeder patterns start together (the default constraint). */
  together?: boolean;
  schools: number;
  patterns: number;
  facilitators: number;
  regions: number;
  runs: number;
}

const SHAPES: Shape[] = [
  { label: '1k schools', schools: 1_000, patterns: 100, facilitators: 6, regions: 2, runs: 30 },
  { label: '1k schools, patterns need not start together', together: false, schools: 1_000, patterns: 100, facilitators: 6, regions: 2, runs: 30 },
  { label: '10k schools (the target)', schools: 10_000, patterns: 1_000, facilitators: 60, regions: 20, runs: 15 },
  { label: '100k schools (a nation)', schools: 100_000, patterns: 10_000, facilitators: 600, regions: 200, runs: 5 },
];

/** mulberry32: a small seeded generator, so the scenario is the same on every run. */
function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function benchScenario(shape: Shape, seed = 2026): RolloutScenarioInput {
  const rand = seeded(seed);
  const subsets = Array.from({ length: shape.patterns }, (_, p) => ({ id: `fp-${p + 1}`, name: `Feeder pattern ${p + 1}`, region: `region-${(p % shape.regions) + 1}` }));
  // Every pattern gets at least 4 schools; the rest are dealt at random, so sizes vary (4 to ~20).
  const sizes = subsets.map(() => 4);
  for (let left = shape.schools - 4 * shape.patterns; left > 0; left--) sizes[Math.floor(rand() * shape.patterns)]!++;
  const facilitators = Array.from({ length: shape.facilitators }, (_, f) => ({
    id: `of-${f + 1}`,
    name: `Organization Facilitator ${f + 1}`,
    capacity: 8,
    region: `region-${(f % shape.regions) + 1}`,
  }));
  const sites: RolloutScenarioInput['sites'] = [];
  sizes.forEach((n, p) => {
    for (let k = 0; k < n; k++) {
      sites.push({
        id: `school-${sites.length + 1}`,
        name: `School ${sites.length + 1}`,
        subsetId: subsets[p]!.id,
        need: Math.round(rand() * 100),
        readiness: Math.round(rand() * 100),
        enrollment: 200 + Math.floor(rand() * 1800),
      });
    }
  });
  // One school in ten of the first feeder patterns already in its intensive phase: two per facilitator.
  for (let f = 0; f < shape.facilitators; f++) {
    for (const k of [0, 1]) sites[(2 * f + k) * 10]!.underWay = { facilitatorId: facilitators[f]!.id, phase: 'Initial implementation', monthInPhase: 3 };
  }
  return {
    name: `State of Benchmark, ${shape.label}`,
    startMonth: '2027-08',
    blackoutMonths: [7],
    phases: [
      { name: 'Readiness', kind: 'readiness', months: 2, load: 0.5 },
      { name: 'Initial implementation', kind: 'intensive', months: 6, load: 1 },
      { name: 'Cycling back', kind: 'cycling-back', months: 6, load: 0.5 },
      { name: 'Institutionalization', kind: 'institutionalization', months: 4, load: 0.25 },
    ],
    subsets,
    sites,
    cadre: { facilitators },
    priority: { by: ['need', 'readiness'] },
    constraints: { subsetStartsTogether: shape.together ?? true },
  };
}

const ms = (x: number) => `${x.toFixed(1)} ms`;

function main() {
  const [load1] = loadavg();
  console.log(`Machine: ${cpus().length} cores, load average ${load1!.toFixed(1)} (timings are wall-clock; compare runs on a quiet machine)`);
  console.log('Roll-out planner: scheduleRollout on seeded scenarios (phases 2 + 6 + 6 + 4 working months at loads 0.5, 1, 0.5, 0.25; July off; facilitators carry 8)\n');
  let tenK = NaN;
  let tenKCpu = NaN;
  for (const shape of SHAPES) {
    const input = benchScenario(shape);
    const t0 = performance.now();
    const scenario = RolloutScenario.parse(input);
    const parseMs = performance.now() - t0;
    const times: number[] = [];
    const cpuTimes: number[] = [];
    let schedule: RolloutSchedule | undefined;
    for (let run = 0; run < shape.runs; run++) {
      const t = performance.now();
      const cpu = process.cpuUsage();
      schedule = scheduleRollout(scenario);
      times.push(performance.now() - t);
      const used = process.cpuUsage(cpu);
      cpuTimes.push((used.user + used.system) / 1000);
    }
    // The first run warms the JIT up: it is reported, not counted.
    const first = times.shift()!;
    cpuTimes.shift();
    const sum = summarize(times);
    const cpuSum = summarize(cpuTimes);
    if (shape.schools === 10_000) {
      tenK = sum.p50;
      tenKCpu = cpuSum.p50;
    }
    const e = schedule!.explanation;
    console.log(`${shape.label}: ${shape.schools.toLocaleString('en-US')} schools, ${shape.patterns.toLocaleString('en-US')} feeder patterns, ${shape.facilitators} facilitators`);
    console.log(`  parse (zod)        ${ms(parseMs)}`);
    const twice = shape.schools <= ROLLOUT_PLAN_TWICE_UP_TO ? ' (plans twice: with and without smoothing)' : ' (plans once)';
    console.log(`  scheduleRollout    p50 ${ms(sum.p50)}, p95 ${ms(sum.p95)}, first (cold) run ${ms(first)}, ${sum.count} warm runs${twice}`);
    console.log(`  CPU time           p50 ${ms(cpuSum.p50)}, p95 ${ms(cpuSum.p95)} (user + system of this process: less sensitive to other work on the machine)`);
    if (Number.isFinite(tenK) && shape.schools !== 10_000) console.log(`  ratio to 10k p50   ${(sum.p50 / tenK).toFixed(1)}× wall-clock, ${(cpuSum.p50 / tenKCpu).toFixed(1)}× CPU`);
    console.log(`  time to scale      ${e.monthsToScale} months (${schedule!.yearsToScale} years, ${schedule!.scaleMonth})`);
    console.log(
      `  lower bound        ${e.lowerBoundMonths} months, ${e.lowerBoundWorkingMonths} working (binding: ${e.binding}; capacity: ${e.totalSiteLoadMonths.toLocaleString('en-US')} site-load-months ÷ ${e.cadreCapacity} a month → ${e.capacityBoundWorkingMonths} working months; ramp: at least ${e.idleAtStart} + ${e.idleAtEnd} site-load-months idle → ${e.rampBoundWorkingMonths})`,
    );
    console.log(`  gap                ${e.gapMonths} months, ${e.gapPercent}% (target: within 5%)`);
    console.log(`  capacity bound     ${e.capacityBoundMonths} months alone; gap to it ${e.gapToCapacityBoundPercent}%`);
    console.log(`  peak utilization   ${schedule!.peakUtilizationPercent}%${schedule!.warnings.length ? `; ${schedule!.warnings.length} warnings` : ''}`);
    // How local the work stays: schools served by a facilitator of their own region, facilitators per feeder pattern.
    const facilitatorRegion = new Map(schedule!.cadre.map((f) => [f.facilitatorId, f.region]));
    const patternRegion = new Map(scenario.subsets.map((p) => [p.id, p.region]));
    const local = schedule!.sites.filter((x) => facilitatorRegion.get(x.facilitatorId) === patternRegion.get(x.subsetId)).length;
    const perPattern = schedule!.subsets.reduce((a, x) => a + x.facilitatorIds.length, 0) / schedule!.subsets.length;
    console.log(`  locality           ${((100 * local) / schedule!.sites.length).toFixed(0)}% of schools with a facilitator of their region; ${perPattern.toFixed(1)} facilitators per feeder pattern\n`);
  }
}

if (process.argv[1]?.endsWith("rollout.ts")) main();
