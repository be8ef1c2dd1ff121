// The targets from the issue, and whether a run meets them.
import type { BackendResult } from './scenario.js';
import type { WebSize } from './web-size.js';

export const TARGETS = {
  subtreeP95Ms: 50,
  initialJsGzipKb: 250,
  pgliteServerMemoryMb: 600,
  mixedErrors: 0,
};

export interface TargetCheck {
  what: string;
  target: string;
  value: string;
  met: boolean | null; // null: not measured
}

const ms = (x: number) => `${x.toFixed(1)} ms`;

export function checkTargets(results: BackendResult[], web: WebSize | null): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const r of results) {
    const p95 = r.latency.districtSubtree!.p95;
    checks.push({ what: `district subtree p95 (${r.backend})`, target: `< ${TARGETS.subtreeP95Ms} ms`, value: ms(p95), met: p95 < TARGETS.subtreeP95Ms });
    // Not named by the issue; the same bar applied to the tree's first screen, for information.
    const top = r.latency.stateTwoLevels!.p95;
    checks.push({ what: `state subtree depth=2 p95 (${r.backend}, same bar)`, target: `< ${TARGETS.subtreeP95Ms} ms`, value: ms(top), met: top < TARGETS.subtreeP95Ms });
    const errors = r.mixed.errors + r.mixed.timeouts + r.mixed.non2xx;
    checks.push({ what: `mixed load errors + non-2xx (${r.backend})`, target: `${TARGETS.mixedErrors}`, value: String(errors), met: errors <= TARGETS.mixedErrors });
  }
  const lite = results.find((r) => r.backend === 'pglite');
  if (lite) {
    const mb = lite.memory.serverPeakMb;
    checks.push({ what: 'server peak memory (pglite)', target: `< ${TARGETS.pgliteServerMemoryMb} MB`, value: `${mb.toFixed(0)} MB`, met: mb < TARGETS.pgliteServerMemoryMb });
  }
  checks.push({
    what: 'initial JS, gzipped',
    target: `< ${TARGETS.initialJsGzipKb} KB`,
    value: web ? `${(web.gzipBytes / 1024).toFixed(1)} KB` : 'not built',
    met: web ? web.gzipBytes / 1024 < TARGETS.initialJsGzipKb : null,
  });
  return checks;
}
