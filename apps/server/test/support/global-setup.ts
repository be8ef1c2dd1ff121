// Runs once per `vitest run` in the main process: starts ONE throwaway PostgreSQL cluster with a
// migrated template database, and dumps a migrated PGlite once, so each test file only copies a
// ready database (CREATE DATABASE … TEMPLATE, or PGlite's loadDataDir) instead of migrating.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { TestProject } from 'vitest/node';
import { connect, migrate, wrapPglite } from '@trellis/db';
import { createDatabase, findPostgresBin, startPostgresCluster, type PostgresCluster } from '@trellis/db/testing';

export const TEMPLATE_DATABASE = 'trellis_template';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the cluster's maintenance database, or null when PostgreSQL is not installed. */
    postgresClusterUrl: string | null;
    /** A migrated database to copy with `createDatabase(url, name, template)`. */
    postgresTemplate: string;
    /** A tar of a migrated PGlite data dir, for `PGlite.create({ loadDataDir })`. */
    pgliteTemplateFile: string;
  }
}

export default async function setup(project: TestProject) {
  const ci = process.env.CI === 'true';
  const dir = mkdtempSync(join(tmpdir(), 'trellis-test-'));

  const lite = await PGlite.create();
  try {
    await migrate(wrapPglite(lite));
    const dump = await lite.dumpDataDir('none');
    writeFileSync(join(dir, 'pglite-template.tar'), Buffer.from(await dump.arrayBuffer()));
  } finally {
    await lite.close();
  }

  let cluster: PostgresCluster | null = null;
  if (findPostgresBin()) {
    cluster = await startPostgresCluster();
    const db = await connect({ databaseUrl: await createDatabase(cluster.url, TEMPLATE_DATABASE), maxConnections: 1 });
    try {
      await migrate(db);
    } finally {
      // A template must have no open connections when it is copied.
      await db.close();
    }
  } else if (ci) {
    throw new Error('CI=true, but the PostgreSQL server binaries (initdb, pg_ctl) were not found. The server tests must run on PostgreSQL in CI: install the postgresql package.');
  } else {
    console.warn('[trellis tests] PostgreSQL server binaries not found: the API tests run on PGlite only.');
  }

  project.provide('postgresClusterUrl', cluster?.url ?? null);
  project.provide('postgresTemplate', TEMPLATE_DATABASE);
  project.provide('pgliteTemplateFile', join(dir, 'pglite-template.tar'));

  return async () => {
    try {
      await cluster?.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}
