// `npm run bench` (or `trellis bench`): generates a state of 10,000 schools, loads it into PGlite and
// PostgreSQL, runs the server against each, and prints the figures. Figures, not a pass/fail test:
// exits 0 unless something crashed. `--only=pglite` or `--only=postgres` (or TRELLIS_BENCH_ONLY)
// runs one database.
import { pgliteBackend, postgresBackend, type Backend } from './backends.js';
import { generateState, SHAPE } from './generate.js';
import { closeConnections } from './http.js';
import { printReport } from './report.js';
import { writeResults } from './results.js';
import { runScenario, type BackendResult } from './scenario.js';
import { checkTargets } from './targets.js';
import { measureWebSize, WEB_DIST, type WebSize } from './web-size.js';

const onlyIndex = process.argv.indexOf('--only');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length) ?? (onlyIndex >= 0 ? process.argv[onlyIndex + 1] : undefined) ?? process.env.TRELLIS_BENCH_ONLY;
if (only !== undefined && only !== 'pglite' && only !== 'postgres') {
  console.error(`bench: --only takes pglite or postgres, not "${only}".`);
  process.exit(2);
}
const wanted = (name: string) => only === undefined || only === name;

const runStarted = performance.now();
const notes: string[] = [];
console.log(`Trellis benchmark: ${SHAPE.regions} regions, ${SHAPE.districts} districts, ${SHAPE.feederPatterns} feeder patterns, ${SHAPE.schools} schools, ${SHAPE.people} people`);
console.log('Generating the state…');
const state = await generateState();

const results: BackendResult[] = [];
const makers: [string, () => Promise<Backend | null>][] = [
  ['pglite', pgliteBackend],
  ['postgres', postgresBackend],
];
for (const [name, make] of makers) {
  if (!wanted(name)) continue;
  console.log(`\n${name === 'pglite' ? 'PGlite' : 'PostgreSQL'}:`);
  const backend = await make();
  if (!backend) {
    const note = 'PostgreSQL was skipped: its server binaries (initdb, pg_ctl) are not installed (Debian: apt-get install postgresql).';
    console.log(`  ${note}`);
    notes.push(note);
    continue;
  }
  try {
    results.push(await runScenario(backend, state));
  } finally {
    await backend.dispose();
  }
}
closeConnections();

let web: WebSize | null = null;
try {
  web = measureWebSize();
  if (web && process.env.TRELLIS_WEB_DIST) notes.push(`The initial JavaScript was measured in ${WEB_DIST} (TRELLIS_WEB_DIST).`);
  if (!web) notes.push('The web app is not built (apps/web/dist/index.html is missing), so its initial JavaScript was not measured.');
} catch (e) {
  notes.push(`The web app's initial JavaScript was not measured: ${e instanceof Error ? e.message : String(e)}`);
}

const checks = checkTargets(results, web);
const totalSeconds = (performance.now() - runStarted) / 1000;
notes.push(`The whole run took ${totalSeconds.toFixed(0)} s.`);
printReport(results, web, checks, notes);
console.log(`\nFigures written to ${writeResults(results, web, checks, notes, totalSeconds)}`);
