// `trellis backup FILE` and `trellis restore FILE` as a person runs them: from one embedded data
// dir to another and to PostgreSQL (DATABASE_URL), refusing a database with data and a damaged
// file with a plain message and exit code 1.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '@trellis/db';
import { contentOf, manifestOf, tableNames } from './support/backup-files.js';
import { freshPostgresUrl, hasPostgres } from './support/databases.js';

const BIN = fileURLToPath(new URL('../bin/trellis.mjs', import.meta.url));

describe('trellis backup and trellis restore', () => {
  let dir: string;
  /** Runs `trellis …` on the data dir `data` (or on DATABASE_URL) and returns its exit code and output. */
  const trellis = (where: { data?: string; url?: string }, ...args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const { DATABASE_URL: _ignored, ...rest } = process.env;
      const env = { ...rest, ...(where.url ? { DATABASE_URL: where.url } : { TRELLIS_DATA_DIR: join(dir, where.data!) }) };
      execFile(process.execPath, [BIN, ...args], { env, timeout: 120_000 }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      });
    });
  const file = (name: string) => join(dir, name);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'trellis-backup-cli-'));
    const seeded = await trellis({ data: 'source' }, 'seed', 'demo');
    expect(seeded.code, seeded.stderr).toBe(0);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists backup and restore in --help', async () => {
    const { code, stdout } = await trellis({ data: 'source' }, '--help');
    expect(code).toBe(0);
    for (const command of ['backup', 'restore']) expect(stdout).toMatch(new RegExp(`^\\s+${command} <file>`, 'm'));
  });

  it('backs up the demo state and restores it into a new data dir; a backup of that has the same content', async () => {
    const backup = await trellis({ data: 'source' }, 'backup', file('demo.jsonl.gz'));
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/^Backed up \d+ tables, [\d,]+ rows \(schema \d{4}_\w+\.sql\) to .*demo\.jsonl\.gz, \d+ KB\.$/m);
    expect(manifestOf(readFileSync(file('demo.jsonl.gz'))).tables.find((t) => t.name === 'units')!.rows).toBe(190);
    // No partial file is left beside it.
    expect(readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);

    const restore = await trellis({ data: 'copy' }, 'restore', file('demo.jsonl.gz'));
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stdout).toMatch(/^Restored \d+ tables, [\d,]+ rows from .*demo\.jsonl\.gz into embedded PGlite/m);

    const again = await trellis({ data: 'copy' }, 'backup', file('copy.jsonl.gz'));
    expect(again.code, again.stderr).toBe(0);
    expect(contentOf(readFileSync(file('copy.jsonl.gz')))).toEqual(contentOf(readFileSync(file('demo.jsonl.gz'))));
  }, 120_000);

  it('refuses to restore into a database that has data, saying so, and exits 1', async () => {
    const before = readFileSync(file('copy.jsonl.gz'));
    const refused = await trellis({ data: 'copy' }, 'restore', file('demo.jsonl.gz'));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^trellis: The database is not empty \(it has rows in .*units.*\)\. Restore only into a new, empty database.* Nothing was restored\.$/m);
    const after = await trellis({ data: 'copy' }, 'backup', file('copy-after.jsonl.gz'));
    expect(after.code, after.stderr).toBe(0);
    expect(contentOf(readFileSync(file('copy-after.jsonl.gz')))).toEqual(contentOf(before));
  }, 120_000);

  it('refuses a truncated file and a missing one, leaving the new database empty', async () => {
    const whole = readFileSync(file('demo.jsonl.gz'));
    writeFileSync(file('cut.jsonl.gz'), whole.subarray(0, Math.floor(whole.length / 2)));
    const refused = await trellis({ data: 'cut' }, 'restore', file('cut.jsonl.gz'));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^trellis: The backup file is damaged or incomplete \(.*\)\. Nothing was restored\.$/m);
    const missing = await trellis({ data: 'cut' }, 'restore', file('no-such.jsonl.gz'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('There is no file');
    const db = await connect({ dataDir: join(dir, 'cut') });
    try {
      expect(await tableNames(db)).toEqual([]);
    } finally {
      await db.close();
    }
  }, 120_000);

  it('refuses to back up into a folder that does not exist', async () => {
    const refused = await trellis({ data: 'source' }, 'backup', join(dir, 'no', 'such', 'folder', 'x.jsonl.gz'));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/The folder .* does not exist/);
    expect(existsSync(join(dir, 'no'))).toBe(false);
  });

  it.runIf(hasPostgres())('restores the PGlite backup into PostgreSQL (DATABASE_URL), whose backup has the same content', async () => {
    const url = await freshPostgresUrl({ empty: true });
    const restore = await trellis({ url }, 'restore', file('demo.jsonl.gz'));
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stdout).toMatch(/into PostgreSQL \(/);
    const backup = await trellis({ url }, 'backup', file('pg.jsonl.gz'));
    expect(backup.code, backup.stderr).toBe(0);
    expect(manifestOf(readFileSync(file('pg.jsonl.gz'))).source.driver).toBe('postgres');
    expect(contentOf(readFileSync(file('pg.jsonl.gz')))).toEqual(contentOf(readFileSync(file('demo.jsonl.gz'))));
  }, 120_000);
});
