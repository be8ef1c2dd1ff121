// Browser tests of the web app against the real server: a fresh data directory with the demo
// state on a free port for every run, Debian's Chromium (never a downloaded browser), one worker.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, devices } from '@playwright/test';

const here = dirname(fileURLToPath(import.meta.url));

// Playwright evaluates this file in the runner and again in each worker. The runner picks the port
// and the data directory once; workers inherit them through the environment.
if (!process.env.TRELLIS_E2E_PORT) {
  const findPort = "const s=require('node:net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})";
  process.env.TRELLIS_E2E_PORT = execFileSync(process.execPath, ['-e', findPort]).toString().trim();
  process.env.TRELLIS_E2E_DATA_DIR = mkdtempSync(join(tmpdir(), 'trellis-e2e-'));
}
const port = process.env.TRELLIS_E2E_PORT;
const dataDir = process.env.TRELLIS_E2E_DATA_DIR!;
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: 'test-results/artifacts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/results.json' }]],
  globalSetup: './support/global-setup.ts',
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
    env: { TRELLIS_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' },
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
  },
});
