// Everything measured on one database: load, start-up, latencies, throughput and memory.
import { migrate } from '@trellis/db';
import { freePort } from '@trellis/db/testing';
import type { Backend } from './backends.js';
import { ADMIN, type BenchState } from './generate.js';
import { signIn } from './http.js';
import { measureLatency, type LatencyResult } from './latency.js';
import { loadState } from './load.js';
import { watchMemory, type MemoryPeak } from './memory.js';
import { startServerProcess } from './server-process.js';
import { measureThroughput, type ThroughputResult } from './throughput.js';
import { mixedPath, paths } from './workload.js';

export const PLAN = {
  districtSubtree: { requests: 200, maxSeconds: 30 },
  treeLevels: { requests: 100, maxSeconds: 20 },
  mixed: { connections: 20, seconds: 20 },
};

export interface BackendResult {
  backend: string;
  label: string;
  openAndMigrateMs: number;
  loadMs: number;
  startupMs: number;
  latency: {
    districtSubtree: LatencyResult;
    stateTwoLevels: LatencyResult;
    roots: LatencyResult;
    stateChildren: LatencyResult;
    regionChildren: LatencyResult;
  };
  mixed: ThroughputResult;
  memory: MemoryPeak;
}

const log = (backend: Backend, what: string) => console.log(`  [${backend.name}] ${what}`);

export async function runScenario(backend: Backend, state: BenchState): Promise<BackendResult> {
  log(backend, 'creating and migrating the database');
  const started = performance.now();
  const db = await backend.open();
  let loadMs: number;
  let openAndMigrateMs: number;
  try {
    await migrate(db);
    openAndMigrateMs = performance.now() - started;
    log(backend, `loading ${state.units.length} units and ${state.people.length} people`);
    loadMs = await loadState(db, state);
  } finally {
    await db.close();
  }

  log(backend, 'starting trellis serve');
  const server = await startServerProcess(backend.serverEnv, await freePort());
  const memory = watchMemory(server.pid);
  try {
    const cookie = await signIn(server.baseUrl, ADMIN.email, ADMIN.password);
    const p = paths(state);
    log(backend, `latency: ${PLAN.districtSubtree.requests} district subtrees`);
    const districtSubtree = await measureLatency(server.baseUrl, cookie, p.districtSubtree, PLAN.districtSubtree);
    log(backend, 'latency: the first two levels of the tree');
    const stateTwoLevels = await measureLatency(server.baseUrl, cookie, p.stateTwoLevels, { ...PLAN.treeLevels, warmup: 3 });
    const roots = await measureLatency(server.baseUrl, cookie, p.roots, PLAN.treeLevels);
    const stateChildren = await measureLatency(server.baseUrl, cookie, p.stateChildren, PLAN.treeLevels);
    const regionChildren = await measureLatency(server.baseUrl, cookie, p.regionChildren, PLAN.treeLevels);
    log(backend, `mixed read load: ${PLAN.mixed.connections} clients for ${PLAN.mixed.seconds} s`);
    const mixed = await measureThroughput(server.baseUrl, cookie, mixedPath(state), PLAN.mixed);
    return {
      backend: backend.name,
      label: backend.label,
      openAndMigrateMs,
      loadMs,
      startupMs: server.startupMs,
      latency: { districtSubtree, stateTwoLevels, roots, stateChildren, regionChildren },
      mixed,
      memory: memory.stop(),
    };
  } catch (e) {
    throw new Error(`${e instanceof Error ? e.message : String(e)}\nServer output:\n${server.output()}`);
  } finally {
    memory.stop();
    await server.stop();
  }
}
