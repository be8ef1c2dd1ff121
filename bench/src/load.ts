// Loads the generated state into a migrated database in one transaction, timed.
import { bulkInsertGrants, bulkInsertPeople, bulkInsertUnits, type Db } from '@trellis/db';
import type { BenchState } from './generate.js';

/** Returns the load time in milliseconds (the inserts and commit; not migrations). */
export async function loadState(db: Db, state: BenchState): Promise<number> {
  const started = performance.now();
  await db.transaction(async (tx) => {
    await bulkInsertUnits(tx, state.units);
    await bulkInsertPeople(tx, state.people);
    await bulkInsertGrants(tx, state.grants);
  });
  const ms = performance.now() - started;
  // Fresh statistics, as autovacuum would give a production database shortly after an import.
  await db.exec('analyze');
  return ms;
}
