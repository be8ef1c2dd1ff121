// One small interface over both drivers: PGlite in-process (the default) and node-postgres with a
// pool (DATABASE_URL). Repositories take a `Queryable`, so the same query runs inside or outside a
// transaction. See docs/decisions/0002-data-access.md.
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export interface Queryable {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
}

export interface Db extends Queryable {
  readonly driver: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction: committed when it returns, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs a script of several statements (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** postgres://… for PostgreSQL; otherwise PGlite in `dataDir` (or in memory when absent). */
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  /** Pool size for PostgreSQL. */
  maxConnections?: number;
  /** An already-open PGlite (tests clone a migrated template). */
  pglite?: PGlite;
}

// int8 (bigint) and numeric come back as strings from node-postgres; timestamps as Date from both.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => v);

export async function connect(options: ConnectOptions): Promise<Db> {
  if (options.databaseUrl) return connectPostgres(options.databaseUrl, options.maxConnections ?? 10);
  if (options.pglite) return wrapPglite(options.pglite);
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const lite = await PGlite.create(options.dataDir ? { dataDir: options.dataDir } : {});
  return wrapPglite(lite);
}

export function wrapPglite(lite: PGlite): Db {
  return {
    driver: 'pglite',
    async query<T>(text: string, params?: unknown[]) {
      return (await lite.query<T>(text, params)).rows;
    },
    // PGlite has one session; its transaction() holds the instance exclusively, so a query from
    // another request waits instead of landing inside this transaction.
    transaction<T>(fn: (tx: Queryable) => Promise<T>) {
      return lite.transaction(async (tx) =>
        fn({
          async query<R>(text: string, params?: unknown[]) {
            return (await tx.query<R>(text, params)).rows;
          },
        }),
      );
    },
    async exec(sql: string) {
      await lite.exec(sql);
    },
    async close() {
      if (!lite.closed) await lite.close();
    },
  };
}

function connectPostgres(url: string, max: number): Db {
  // JIT compilation costs more than it saves on short OLTP queries (measured ~12 ms on a 1,000-row
  // subtree whose estimated cost crossed jit_above_cost).
  const pool = new pg.Pool({ connectionString: url, max, options: '-c jit=off' });
  // An idle client's error (e.g. the server restarted) must not crash the process.
  pool.on('error', () => {});
  return {
    driver: 'postgres',
    async query<T>(text: string, params?: unknown[]) {
      return (await pool.query(text, params as unknown[])).rows as T[];
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await fn({
          async query<R>(text: string, params?: unknown[]) {
            return (await client.query(text, params as unknown[])).rows as R[];
          },
        });
        await client.query('commit');
        return result;
      } catch (e) {
        await client.query('rollback').catch(() => {});
        throw e;
      } finally {
        client.release();
      }
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
    async close() {
      await pool.end();
    },
  };
}
