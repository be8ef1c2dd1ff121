// Small helpers shared by the repositories.
import { subtreeRange } from '@trellis/core';

/** A timestamp from either driver as an ISO string. */
export const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());

/** A json/jsonb column's value: the drivers give it parsed, or as text when it was built in SQL. */
export const jsonValue = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

/** PostgreSQL's SQLSTATE for a unique-constraint violation, and the constraint it names. */
export function uniqueViolation(e: unknown): string | null {
  const err = e as { code?: string; constraint?: string; message?: string };
  if (err?.code !== '23505') return null;
  return err.constraint ?? /constraint "([^"]+)"/.exec(err.message ?? '')?.[1] ?? 'unique';
}

/**
 * SQL that holds when `column` (a unit path) lies in any of the subtrees at `paths`, one index
 * range per subtree; appends its parameters to `params`.
 */
export function withinSubtrees(column: string, paths: string[], params: unknown[]): string {
  const ranges = paths.map((path) => {
    const { from, to } = subtreeRange(path);
    params.push(from, to);
    return `(${column} >= $${params.length - 1} and ${column} < $${params.length})`;
  });
  return `(${ranges.join(' or ')})`;
}

/** Escapes LIKE's wildcards so a search for "50%" finds "50%". */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
