// Applies the SQL files in ../migrations in name order, each in its own transaction, once.
// An advisory lock lets several server processes start together on one PostgreSQL.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Db } from './client.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url));
const LOCK_KEY = 7_337_001; // arbitrary, constant: "trellis migrations"

export function migrationFiles(): string[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{4}_.+\.sql$/.test(f))
    .sort();
}

/** Returns the names of the migrations it applied (empty when the database was up to date). */
export async function migrate(db: Db): Promise<string[]> {
  // Under the lock too: two concurrent "create table if not exists" can both try to create it.
  await db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [LOCK_KEY]);
    await tx.query(`create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())`);
  });
  const applied: string[] = [];
  for (const file of migrationFiles()) {
    const done = await db.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [LOCK_KEY]);
      const seen = await tx.query('select 1 from schema_migrations where name = $1', [file]);
      if (seen.length > 0) return false;
      for (const statement of splitStatements(readFileSync(MIGRATIONS_DIR + file, 'utf8'))) await tx.query(statement);
      await tx.query('insert into schema_migrations (name) values ($1)', [file]);
      return true;
    });
    if (done) applied.push(file);
  }
  return applied;
}

/**
 * Splits a migration into statements on semicolons at line ends (our files keep to that). Whole-line
 * comments go first, so a comment that ends in a semicolon does not end a statement; a semicolon
 * inside a dollar-quoted body ($$ … $$, as in a function) does not end one either.
 */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let current = '';
  let inBody = false;
  for (const line of sql.replace(/^\s*--.*$/gm, '').split('\n')) {
    current += `${line}\n`;
    if ((line.match(/\$\$/g)?.length ?? 0) % 2 === 1) inBody = !inBody;
    if (!inBody && /;\s*$/.test(line)) {
      statements.push(current.replace(/;\s*$/, '').trim());
      current = '';
    }
  }
  statements.push(current.trim());
  return statements.filter(Boolean);
}
