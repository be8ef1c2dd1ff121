// What a backup covers, read from PostgreSQL's catalog rather than listed by hand: every table of
// the current schema (so tables added by later migrations are covered without edits), its columns
// with their types, foreign keys, triggers and sequences. See docs/decisions/0015-backup-and-exports.md.
import type { Queryable } from '../client.js';

/** Migrations are recorded, not backed up as rows: restore rebuilds the schema from them. */
export const MIGRATIONS_TABLE = 'schema_migrations';

export interface CatalogColumn {
  name: string;
  /** As `format_type` prints it, e.g. `uuid`, `text[]`, `timestamp with time zone`. */
  type: string;
  /** GENERATED ALWAYS AS (…) columns are computed by the database: never written, never backed up. */
  generated: boolean;
  /** Collatable columns sort with COLLATE "C", so PGlite and PostgreSQL put rows in one order. */
  collatable: boolean;
}

export interface CatalogTable {
  name: string;
  columns: CatalogColumn[];
  /** Primary-key column names (empty when the table has none). */
  primaryKey: string[];
}

export interface CatalogForeignKey {
  table: string;
  name: string;
  references: string;
  /** `FOREIGN KEY (…) REFERENCES …` as pg_get_constraintdef prints it, to add it back. */
  definition: string;
}

/** A quoted SQL identifier. */
export const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Ordinary tables of the current schema, by name, without the migrations table. */
export async function listTables(q: Queryable): Promise<CatalogTable[]> {
  const rows = await q.query<{ table_name: string; column_name: string | null; type: string | null; generated: boolean | null; collatable: boolean | null; pk: boolean | null }>(
    `select c.relname as table_name, a.attname as column_name, format_type(a.atttypid, a.atttypmod) as type,
            a.attgenerated <> '' as generated, a.attcollation <> 0 as collatable,
            exists (select 1 from pg_index i where i.indrelid = c.oid and i.indisprimary and a.attnum = any (i.indkey)) as pk
       from pg_class c
       left join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
      where c.relnamespace = current_schema()::regnamespace and c.relkind = 'r' and c.relname <> $1
      order by c.relname collate "C", a.attnum`,
    [MIGRATIONS_TABLE],
  );
  const tables = new Map<string, CatalogTable>();
  for (const r of rows) {
    let t = tables.get(r.table_name);
    if (!t) tables.set(r.table_name, (t = { name: r.table_name, columns: [], primaryKey: [] }));
    if (r.column_name === null) continue;
    t.columns.push({ name: r.column_name, type: r.type!, generated: !!r.generated, collatable: !!r.collatable });
    if (r.pk) t.primaryKey.push(r.column_name);
  }
  return [...tables.values()];
}

export async function listForeignKeys(q: Queryable): Promise<CatalogForeignKey[]> {
  return q.query<CatalogForeignKey>(
    `select c.relname as table, k.conname as name, r.relname as references, pg_get_constraintdef(k.oid) as definition
       from pg_constraint k
       join pg_class c on c.oid = k.conrelid
       join pg_class r on r.oid = k.confrelid
      where k.contype = 'f' and k.connamespace = current_schema()::regnamespace
      order by c.relname collate "C", k.conname collate "C"`,
  );
}

/** Sequences of the current schema (bigserial and identity columns own one each). */
export async function listSequences(q: Queryable): Promise<string[]> {
  const rows = await q.query<{ name: string }>(`select relname as name from pg_class where relkind = 'S' and relnamespace = current_schema()::regnamespace order by relname collate "C"`);
  return rows.map((r) => r.name);
}

export async function tableExists(q: Queryable, name: string): Promise<boolean> {
  const [row] = await q.query<{ found: boolean }>(`select exists (select 1 from pg_class where relname = $1 and relkind = 'r' and relnamespace = current_schema()::regnamespace) as found`, [name]);
  return !!row?.found;
}

/**
 * Tables in an order where each comes after the tables it references (a table referencing itself,
 * like units.parent_id, does not count; restore lifts foreign keys while loading, so a cycle only
 * costs the order its neatness). Ties and cycles fall back to name order, so the order is stable.
 */
export function orderByForeignKeys(tables: string[], foreignKeys: Pick<CatalogForeignKey, 'table' | 'references'>[]): string[] {
  const pending = new Set(tables);
  const needs = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const fk of foreignKeys) if (fk.table !== fk.references && pending.has(fk.references)) needs.get(fk.table)?.add(fk.references);
  const ordered: string[] = [];
  while (pending.size > 0) {
    const sorted = [...pending].sort();
    const ready = sorted.find((t) => [...needs.get(t)!].every((n) => !pending.has(n))) ?? sorted[0]!;
    ordered.push(ready);
    pending.delete(ready);
  }
  return ordered;
}
