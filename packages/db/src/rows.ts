// Small helpers shared by the repositories.

/** A timestamp from either driver as an ISO string. */
export const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());

/** PostgreSQL's SQLSTATE for a unique-constraint violation, and the constraint it names. */
export function uniqueViolation(e: unknown): string | null {
  const err = e as { code?: string; constraint?: string; message?: string };
  if (err?.code !== '23505') return null;
  return err.constraint ?? /constraint "([^"]+)"/.exec(err.message ?? '')?.[1] ?? 'unique';
}
