// Browser tests of the web app against the real server: a fresh data directory with the demo
// state on a free port for every run, Debian's Chromium (never a downloaded browser), one worker.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, devices } from '@playwright/test';

const here = dirname(fileURLToPath(import.meta.url));

/** Removes earlier runs' artifact folders that hold nothing but Playwright's bookkeeping (runs that passed). */
function pruneArtifacts(dir: string) {
  const onlyBookkeeping = (d: string): boolean =>
    readdirSync(d, { withFileTypes: true }).every((e) => (e.isDirectory() ? onlyBookkeeping(join(d, e.name)) : e.name.startsWith('.')));
  if (!existsSync(dir)) return;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory() && e.name.startsWith('run-') && onlyBookkeeping(join(dir, e.name))) rmSync(join(dir, e.name), { recursive: true, force: true });
  }
}

// Playwright evaluates this file in the runner and again in each worker. The runner sets the run up
// once — a free port, a temporary directory — and workers inherit it through the environment.
if (!process.env.TRELLIS_E2E_PORT) {
  const findPort = "const s=require('node:net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})";
  process.env.TRELLIS_E2E_PORT = execFileSync(process.execPath, ['-e', findPort]).toString().trim();
  const runDir = mkdtempSync(join(tmpdir(), 'trellis-e2e-'));
  process.env.TRELLIS_E2E_RUN_DIR = runDir;
  // The server serves a copy of the built app, so rebuilding apps/web during the run (another
  // `npm test` in this checkout, say) cannot swap the files under it.
  const dist = join(here, '../apps/web/dist');
  if (!existsSync(join(dist, 'index.html'))) {
    console.log('apps/web/dist is missing: building the web app…');
    execFileSync('npm', ['run', 'build', '-w', '@trellis/web'], { cwd: join(here, '..'), stdio: 'inherit' });
  }
  cpSync(dist, join(runDir, 'web'), { recursive: true });
  pruneArtifacts(join(here, 'test-results/artifacts'));
}
const port = process.env.TRELLIS_E2E_PORT;
const runDir = process.env.TRELLIS_E2E_RUN_DIR!;
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  // Per run, so two runs at once do not clear each other's traces; the JSON report keeps its
  // fixed place for the wrapper script (scripts/test.mjs) to read.
  outputDir: `test-results/artifacts/run-${port}`,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/results.json' }]],
  globalTeardown: './support/global-teardown.ts',
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    reducedMotion: 'reduce',
    locale: 'en-US',
    timezoneId: 'America/Chicago',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1280, height: 860 },
        launchOptions: {
          executablePath: '/usr/bin/chromium',
          args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
        },
      },
    },
  ],
  webServer: {
    command: 'node ../apps/server/bin/trellis.mjs start',
    cwd: here,
    url: `${baseURL}/api/health`,
    env: { TRELLIS_DATA_DIR: join(runDir, 'data'), TRELLIS_WEB_DIST: join(runDir, 'web'), PORT: String(port), HOST: '127.0.0.1' },
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
  },
});
