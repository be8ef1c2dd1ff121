// Migrations: applied once, in order — also when several server processes start together on one
// empty PostgreSQL database. (On PGlite: the global setup migrates one; cli.test.ts runs `trellis migrate` twice.)
import { describe, expect, inject, it } from 'vitest';
import { connect, migrate, migrationFiles, splitStatements, type Db } from '@trellis/db';
import { createDatabase } from '@trellis/db/testing';

// The server project's global setup provides the cluster (apps/server/test/support/global-setup.ts).
const clusterUrl = inject('postgresClusterUrl');
if (!clusterUrl && process.env.CI === 'true') throw new Error('CI=true requires PostgreSQL for the database tests.');

describe('migrations', () => {
  it('splits a migration into statements at semicolons that end a line, without comments', () => {
    expect(splitStatements('-- a comment\ncreate table a (x int);\n\ncreate index b on a (x);\n')).toEqual(['create table a (x int)', 'create index b on a (x)']);
  });

  it('does not end a statement at a comment line that ends in a semicolon', () => {
    expect(splitStatements('create table a (\n  -- what it holds (x, y);\n  x int\n);\n')).toEqual(['create table a (\n\n  x int\n)']);
  });

  it('keeps a function body in dollar quotes whole, semicolons and all', () => {
    const fn = 'create function f() returns void language plpgsql as $$\nbegin\n  perform 1;\n  perform 2;\nend $$;\ncreate table t (x int);\n';
    expect(splitStatements(fn)).toEqual(['create function f() returns void language plpgsql as $$\nbegin\n  perform 1;\n  perform 2;\nend $$', 'create table t (x int)']);
  });

  it.runIf(clusterUrl !== null)('applies each migration once when several processes migrate an empty PostgreSQL database at the same time', async () => {
    const url = await createDatabase(clusterUrl!, `t_migrate_${process.pid}_${Date.now()}`);
    const dbs: Db[] = await Promise.all([1, 2, 3, 4].map(() => connect({ databaseUrl: url, maxConnections: 2 })));
    try {
      const applied = await Promise.all(dbs.map((db) => migrate(db)));
      expect(applied.flat().sort()).toEqual(migrationFiles().sort());
      const rows = await dbs[0]!.query<{ name: string }>('select name from schema_migrations order by name');
      expect(rows.map((r) => r.name)).toEqual(migrationFiles());
      expect(await migrate(dbs[0]!)).toEqual([]);
    } finally {
      await Promise.all(dbs.map((db) => db.close()));
    }
  });
});
