// The databases every API test runs against: PGlite always, PostgreSQL when its server binaries
// are installed, and PostgreSQL without fail when CI=true. Each test file gets its own database,
// copied from the template the global setup migrated once.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { inject } from 'vitest';
import { connect, wrapPglite, type Db } from '@trellis/db';
import { createDatabase } from '@trellis/db/testing';

export interface DatabaseTarget {
  name: 'PGlite' | 'PostgreSQL';
  /** A fresh, migrated, empty database of this kind. Close it when done. */
  open(): Promise<Db>;
}

/** A database name unique to this run (the worker's pid and a random part). */
const databaseName = () => `t_${process.pid}_${randomBytes(6).toString('hex')}`;

export const pgliteTarget: DatabaseTarget = {
  name: 'PGlite',
  async open() {
    const tar = readFileSync(inject('pgliteTemplateFile'));
    return wrapPglite(await PGlite.create({ loadDataDir: new Blob([tar]) }));
  },
};

/** A fresh PostgreSQL database copied from the migrated template (or, with `empty`, not even migrated). */
export async function freshPostgresUrl({ empty = false } = {}): Promise<string> {
  const cluster = inject('postgresClusterUrl');
  if (!cluster) throw new Error('PostgreSQL is not available in this run.');
  return createDatabase(cluster, databaseName(), empty ? undefined : inject('postgresTemplate'));
}

export const postgresTarget: DatabaseTarget = {
  name: 'PostgreSQL',
  async open() {
    return connect({ databaseUrl: await freshPostgresUrl(), maxConnections: 5 });
  },
};

/** True when this run has a PostgreSQL cluster. With CI=true the global setup fails without one. */
export function hasPostgres(): boolean {
  const available = inject('postgresClusterUrl') !== null;
  if (!available && process.env.CI === 'true') throw new Error('CI=true requires PostgreSQL for the server tests, and this run has none.');
  return available;
}

/** The targets for `describe.each(testDatabases())`. */
export function testDatabases(): DatabaseTarget[] {
  return hasPostgres() ? [pgliteTarget, postgresTarget] : [pgliteTarget];
}
