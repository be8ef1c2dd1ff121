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
import { LATENCY_CASES, mixedPath } from './workload.js';
import { measureRolloutWhileComputing, type RolloutApiResult } from './rollout-api.js';

export const PLAN = {
  /** Each latency case stops after its count of requests or this many seconds, whichever is first. */
  latencyMaxSeconds: 20,
  mixed: { connections: 20, seconds: 20 },
};

export interface BackendResult {
  backend: string;
  label: string;
  openAndMigrateMs: number;
  loadMs: number;
  startupMs: number;
  /** By LATENCY_CASES key. */
  latency: Record<string, LatencyResult>;
  mixed: ThroughputResult;
  /** A whole-state roll-out scenario computed while reads go on. */
  rollout: RolloutApiResult;
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
    const latency: Record<string, LatencyResult> = {};
    for (const c of LATENCY_CASES) {
      log(backend, `latency: ${c.requests} × ${c.label}`);
      latency[c.key] = await measureLatency(server.baseUrl, cookie, () => c.path(state), { requests: c.requests, maxSeconds: PLAN.latencyMaxSeconds, warmup: 5 });
    }
    log(backend, `mixed read load: ${PLAN.mixed.connections} clients for ${PLAN.mixed.seconds} s`);
    const mixed = await measureThroughput(server.baseUrl, cookie, mixedPath(state), PLAN.mixed);
    log(backend, 'roll-out: a whole-state scenario computed while school reads go on');
    const rollout = await measureRolloutWhileComputing(server.baseUrl, cookie, state);
    return {
      backend: backend.name,
      label: backend.label,
      openAndMigrateMs,
      loadMs,
      startupMs: server.startupMs,
      latency,
      mixed,
      rollout,
      memory: memory.stop(),
    };
  } catch (e) {
    throw new Error(`${e instanceof Error ? e.message : String(e)}\nServer output:\n${server.output()}`);
  } finally {
    memory.stop();
    await server.stop();
  }
}
