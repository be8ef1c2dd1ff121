// A migrated PGlite made once per process and cloned for each test file or test (clone() takes
// about a second, against four for a new instance and its migrations).
import { PGlite } from '@electric-sql/pglite';
import { wrapPglite, type Db } from '../client.js';
import { migrate } from '../migrate.js';

let template: Promise<PGlite> | undefined;

async function migratedTemplate(): Promise<PGlite> {
  const lite = await PGlite.create();
  await migrate(wrapPglite(lite));
  return lite;
}

/** A fresh, migrated, in-memory database. Close it when done. */
export async function freshPglite(): Promise<Db> {
  template ??= migratedTemplate();
  const clone = await (await template).clone();
  return wrapPglite(clone as PGlite);
}
