#!/usr/bin/env node
// `npm test`: type checks, unit and API tests (Vitest: core and server, on PGlite and PostgreSQL),
// then the browser tests (Playwright in Debian Chromium) against a freshly built web app.
// Ends with one line "N passed, N failed" (", N skipped" when any) and exits non-zero on failure.
// A step that has no test count of its own (type check, build) counts as one test.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, '.trellis', 'test-results');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const only = process.argv.slice(2); // e.g. `npm test -- unit` runs only the steps named
const totals = { passed: 0, failed: 0, skipped: 0 };
const failedSteps = [];

function run(name, cmd, args, opts = {}) {
  console.log(`\n▶ ${name}: ${cmd} ${args.join(' ')}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: opts.cwd ?? root, stdio: 'inherit', env: { ...process.env, ...opts.env } });
  console.log(`  ${name} finished in ${((Date.now() - started) / 1000).toFixed(1)} s (exit ${r.status})`);
  return r.status === 0;
}

function step(name, fn) {
  if (only.length && !only.includes(name)) return;
  fn();
}

function countCheck(name, ok) {
  if (ok) totals.passed++;
  else {
    totals.failed++;
    failedSteps.push(name);
  }
}

step('typecheck', () => {
  countCheck('typecheck (server, packages, bench)', run('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json']));
  if (existsSync(join(root, 'apps/web/tsconfig.json'))) countCheck('typecheck (web)', run('typecheck web', 'npx', ['tsc', '-p', 'apps/web/tsconfig.json']));
});

step('unit', () => {
  const file = join(out, 'vitest.json');
  const ok = run('unit and API tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${file}`]);
  if (!existsSync(file)) return countCheck('vitest (no report)', false);
  const r = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += r.numPassedTests;
  totals.failed += r.numFailedTests;
  totals.skipped += r.numPendingTests + r.numTodoTests;
  // Failures outside tests (a file that fails to load) have no test count: count them.
  if (!ok && r.numFailedTests === 0) countCheck('vitest (suite error)', false);
  else if (r.numFailedTests > 0) failedSteps.push('vitest');
});

step('e2e', () => {
  if (!run('build web app', 'npm', ['run', 'build:web'])) return countCheck('build web app', false);
  const file = join(root, 'e2e', 'test-results', 'results.json');
  rmSync(file, { force: true });
  const ok = run('browser tests', 'npx', ['playwright', 'test'], { cwd: join(root, 'e2e') });
  if (!existsSync(file)) return countCheck('playwright (no report)', false);
  const { stats } = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += stats.expected + stats.flaky;
  totals.failed += stats.unexpected;
  totals.skipped += stats.skipped;
  if (!ok && stats.unexpected === 0) countCheck('playwright (run error)', false);
  else if (stats.unexpected > 0) failedSteps.push('playwright');
});

const summary = `${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`;
writeFileSync(join(out, 'summary.txt'), summary + '\n');
if (failedSteps.length) console.log(`\nFailed: ${failedSteps.join(', ')}`);
if (process.env.CI === 'true' && totals.skipped > 0) console.log(`\nCI=true, yet ${totals.skipped} test(s) were skipped.`);
console.log(`\n${summary}`);
process.exit(totals.failed > 0 || (process.env.CI === 'true' && totals.skipped > 0) ? 1 : 0);
