// The two databases the benchmark compares: PGlite in a temporary data dir on disk (like the
// default production set-up) and a throwaway PostgreSQL cluster. Each gives the bench a connection
// for loading and the environment for `trellis serve`, and removes everything on dispose().
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type Db } from '@trellis/db';
import { createDatabase, findPostgresBin, startPostgresCluster } from '@trellis/db/testing';
import { onInterrupt } from './cleanup.js';

export type BackendName = 'pglite' | 'postgres';

export interface Backend {
  name: BackendName;
  label: string;
  open(): Promise<Db>;
  serverEnv: Record<string, string>;
  dispose(): Promise<void>;
}

export async function pgliteBackend(): Promise<Backend> {
  const dir = mkdtempSync(join(tmpdir(), 'trellis-bench-'));
  const dataDir = join(dir, 'data');
  const forget = onInterrupt(() => rmSync(dir, { recursive: true, force: true }));
  return {
    name: 'pglite',
    label: 'PGlite (data dir on disk)',
    open: () => connect({ dataDir }),
    serverEnv: { TRELLIS_DATA_DIR: dataDir },
    async dispose() {
      rmSync(dir, { recursive: true, force: true });
      forget();
    },
  };
}

/** null when PostgreSQL's server binaries are not installed. */
export async function postgresBackend(): Promise<Backend | null> {
  if (!findPostgresBin()) return null;
  const cluster = await startPostgresCluster();
  const forget = onInterrupt(() => cluster.stop());
  try {
    const url = await createDatabase(cluster.url, 'trellis_bench');
    return {
      name: 'postgres',
      label: 'PostgreSQL (local cluster)',
      open: () => connect({ databaseUrl: url }),
      serverEnv: { DATABASE_URL: url },
      async dispose() {
        await cluster.stop();
        forget();
      },
    };
  } catch (e) {
    await cluster.stop();
    forget();
    throw e;
  }
}
