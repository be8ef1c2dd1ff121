// Audit events in words: the action, the thing it touched, and which fields changed.
import type { AuditEvent } from '@trellis/core';

const ACTIONS: Record<string, string> = {
  'unit.create': 'Added a unit',
  'unit.update': 'Edited a unit',
  'unit.move': 'Moved a unit',
  'person.create': 'Added a person',
  'person.update': 'Edited a person',
  'person.password_set': 'Set a password',
  'person.password_change': 'Changed own password',
  'grant.create': 'Gave access',
  'grant.delete': 'Removed access',
  'auth.sign_in': 'Signed in',
  'auth.sign_out': 'Signed out',
  'seed.demo': 'Loaded the demo state',
  'database.backup': 'Downloaded a backup',
};

const record = (v: unknown): Record<string, unknown> | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null);

export function describeAction(e: AuditEvent): string {
  if (e.action === 'unit.archive') return record(e.after)?.archived === false ? 'Restored a unit' : 'Archived a unit';
  return ACTIONS[e.action] ?? e.action;
}

export const ENTITY_TYPES = [
  { value: 'unit', label: 'Units' },
  { value: 'person', label: 'People' },
  { value: 'grant', label: 'Access (grants)' },
];

/** A name for the touched thing from what the event recorded, else a short form of its id. */
export function entityName(e: AuditEvent): string {
  const r = record(e.after) ?? record(e.before);
  if (e.entityType === 'grant' && typeof r?.personName === 'string') return `${r.personName}: ${String(r.role ?? '')} at ${String(r.unitName ?? '')}`;
  if (typeof r?.name === 'string') return r.name;
  if (e.entityType === 'person' && e.entityId === e.actorId && e.actorName) return e.actorName;
  return `${e.entityType} ${e.entityId.slice(0, 8)}…`;
}

export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

const show = (v: unknown) => (v === undefined ? '—' : v === null ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** Fields whose value differs between before and after (all fields when one side is empty). */
export function changes(e: AuditEvent): FieldChange[] {
  const before = record(e.before) ?? {};
  const after = record(e.after) ?? {};
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields.filter((f) => show(before[f]) !== show(after[f])).map((field) => ({ field, before: show(before[field]), after: show(after[field]) }));
}
