// `trellis import ccd` against an embedded database in a temporary TRELLIS_DATA_DIR: the preview
// alone writes no unit; a file with problems is refused unless --skip-problems; --apply with
// regions and suggested feeder patterns builds the tree, read back through the API; and the crash
// test: the import process killed with SIGKILL while it applies the whole of Texas leaves either
// nothing of that import or all of it.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Db } from '@trellis/db';
import { FIXTURES } from './support/imports-factories.js';

const BIN = fileURLToPath(new URL('../bin/trellis.mjs', import.meta.url));
/** The CLI itself, in this one process: bin/trellis.mjs runs it in a child, which a kill of the wrapper would leave running. */
const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const TEXAS = join(import.meta.dirname, '../../../../shared/data/texas-directory');

describe('trellis import ccd', () => {
  let dir: string;
  let dataDir: string;
  const env = (data = dataDir) => {
    const { DATABASE_URL: _ignored, ...rest } = process.env;
    return { ...rest, TRELLIS_DATA_DIR: data };
  };
  const trellis = (...args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, [BIN, ...args], { env: env(), timeout: 120_000 }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      });
    });
  async function withDb<T>(fn: (db: Db) => Promise<T>, data = dataDir): Promise<T> {
    const db = await connect({ dataDir: data });
    try {
      return await fn(db);
    } finally {
      await db.close();
    }
  }
  const count = (db: Db, where: string) => db.query<{ n: number }>(`select count(*)::int as n from units where ${where}`).then((r) => r[0]!.n);

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'trellis-import-cli-'));
    dataDir = join(dir, 'data');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const files = ['--schools', join(FIXTURES, 'tx-schools-2013.csv'), '--leas', join(FIXTURES, 'tx-leas-2013.csv')];

  it('previews without writing a unit', { timeout: 120_000 }, async () => {
    const r = await trellis('import', 'ccd', '--state', 'Texas', '--create-state', ...files);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Districts\s+3\s+0\s+0\s+0/);
    expect(r.stdout).toMatch(/Schools\s+20\s+0\s+0\s+0/);
    expect(r.stdout).toContain('Nothing was written. Run again with --apply');
    expect(r.stderr).toContain('Reading tx-schools-2013.csv');
    expect(await withDb((db) => count(db, "kind in ('district', 'school')"))).toBe(0);
  });

  it('refuses a file with problems unless told to skip them', { timeout: 120_000 }, async () => {
    const bad = join(dir, 'bad-schools.csv');
    writeFileSync(bad, 'NCESSCH,LEAID,SCH_NAME,SY_STATUS,GSLO,GSHI\n489999900001,4899999,Nowhere School,1,KG,05\n');
    const r = await trellis('import', 'ccd', '--state', 'Texas', '--schools', bad, '--apply');
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('line 2 (489999900001 Nowhere School) LEAID: its district (LEAID 4899999) is neither in the LEA file nor in Texas');
    expect(r.stdout).toContain('Nothing was written');
    expect(await withDb((db) => count(db, "kind = 'school'"))).toBe(0);
  });

  it('applies with regions and suggested feeder patterns; the same files again change nothing', { timeout: 120_000 }, async () => {
    const r = await trellis('import', 'ccd', '--state', 'Texas', ...files, '--regions', join(FIXTURES, 'tx-askted-regions.csv'), '--feeders', 'suggest', '--apply');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Imported in [\d.]+ s: 26 created, 0 updated, 0 archived/);
    expect(r.stdout).toMatch(/Feeder patterns applied in [\d.]+ s: 2 created/);
    await withDb(async (db) => {
      expect(await count(db, "kind = 'region'")).toBe(3);
      expect(await count(db, "kind = 'feeder_pattern'")).toBe(2);
      const [event] = await db.query<{ n: number }>(`select count(*)::int as n from audit_events where action = 'import.apply'`);
      expect(event!.n).toBe(2); // one for the directory, one for the feeder patterns
    });
    const again = await trellis('import', 'ccd', '--state', 'Texas', ...files, '--regions', join(FIXTURES, 'tx-askted-regions.csv'), '--apply');
    expect(again.stdout).toMatch(/Imported in [\d.]+ s: 0 created, 0 updated, 0 archived/);
  });

  it.skipIf(!existsSync(join(TEXAS, 'ccd_tx-campuses-ccd.csv')))('killed with SIGKILL while applying the whole of Texas, leaves nothing of it or all of it', { timeout: 180_000 }, async () => {
    const crashData = join(dir, 'crash');
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'import', 'ccd', '--state', 'Texas', '--create-state', '--schools', join(TEXAS, 'ccd_tx-campuses-ccd.csv'), '--leas', join(TEXAS, 'ccd_tx-districts-ccd.csv'), '--apply'], { env: env(crashData), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const killed = await new Promise<boolean>((resolve) => {
      const watch = (chunk: Buffer) => {
        output += chunk.toString();
        // Non-TTY progress prints "Applying…" when the transaction starts writing units.
        if (output.includes('Applying')) {
          child.kill('SIGKILL');
          resolve(true);
        }
      };
      child.stdout.on('data', watch);
      child.stderr.on('data', watch);
      child.on('exit', () => resolve(false));
    });
    await new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.on('exit', resolve)));
    expect(killed, output).toBe(true);
    // After a restart: the Texas state (created in its own transaction before) and either no school or all of them.
    const schools = await withDb((db) => count(db, "kind = 'school'"), crashData);
    expect([0, 9224]).toContain(schools);
    const districts = await withDb((db) => count(db, "kind = 'district'"), crashData);
    expect(districts).toBe(schools === 0 ? 0 : 1236);
    console.log(`[crash test] after SIGKILL during apply: ${schools} schools, ${districts} districts`);
    // The interrupted import can be run again to completion.
    const rerun = await new Promise<number>((resolve) =>
      execFile(process.execPath, [BIN, 'import', 'ccd', '--state', 'Texas', '--schools', join(TEXAS, 'ccd_tx-campuses-ccd.csv'), '--leas', join(TEXAS, 'ccd_tx-districts-ccd.csv'), '--apply', '--skip-problems'], { env: env(crashData), timeout: 120_000 }, (e) => resolve(e ? 1 : 0)),
    );
    expect(rerun).toBe(0);
    expect(await withDb((db) => count(db, "kind = 'school'"), crashData)).toBe(9224);
  });
});
