// Writes the figures of a run to bench/results/latest.json (git-ignored).
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { SHAPE } from './generate.js';
import { ratios } from './report.js';
import { PLAN, type BackendResult } from './scenario.js';
import type { TargetCheck } from './targets.js';
import type { WebSize } from './web-size.js';

export const RESULTS_DIR = fileURLToPath(new URL('../results/', import.meta.url));

export function writeResults(results: BackendResult[], web: WebSize | null, checks: TargetCheck[], notes: string[], totalSeconds: number): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = RESULTS_DIR + 'latest.json';
  const json = {
    at: new Date().toISOString(),
    machine: { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryMb: Math.round(totalmem() / 2 ** 20) },
    shape: SHAPE,
    plan: PLAN,
    backends: Object.fromEntries(results.map((r) => [r.backend, r])),
    postgresOverPglite: ratios(results),
    web,
    targets: checks,
    notes,
    totalSeconds,
  };
  writeFileSync(file, JSON.stringify(json, null, 2) + '\n');
  return file;
}
