// A state's or district's own coaching focus areas: one row of entries per adapting unit
// (docs/decisions/0020; core ./coaching/focus.ts applies them).
import type { CoachingFocusAreaEntry, CoachingFocusLayer } from '@trellis/core';
import type { Queryable } from '../client.js';
import { jsonValue } from '../rows.js';

export interface CoachingFocusLayerRecord extends CoachingFocusLayer {
  version: number;
  updatedAt: string;
}

/** The adaptations on a unit's path (the unit and those above it), from the top down. */
export async function coachingFocusLayersOn(q: Queryable, unitPath: string): Promise<CoachingFocusLayerRecord[]> {
  const ids = unitPath.split('/').filter(Boolean);
  const rows = await q.query<{ unit_id: string; name: string; entries: CoachingFocusAreaEntry[] | string; version: number; updated_at: Date }>(
    `select a.unit_id, u.name, a.entries, a.version, a.updated_at from coaching_focus_adaptations a join units u on u.id = a.unit_id
     where a.unit_id = any($1::uuid[]) order by u.depth`,
    [ids],
  );
  return rows.map((r) => ({ unitId: r.unit_id, unitName: r.name, entries: jsonValue(r.entries), version: r.version, updatedAt: new Date(r.updated_at).toISOString() }));
}

/** Every key any unit has added (added keys are new in the whole agency). */
export async function coachingFocusAddedKeys(q: Queryable): Promise<Set<string>> {
  const rows = await q.query<{ key: string }>(
    `select e ->> 'key' as key from coaching_focus_adaptations a, jsonb_array_elements(a.entries) e where e ->> 'kind' = 'added'`,
  );
  return new Set(rows.map((r) => r.key));
}

/** Serializes changes to focus areas anywhere (added keys must stay unique across units). */
export async function lockCoachingFocusAreas(q: Queryable): Promise<void> {
  await q.query('select pg_advisory_xact_lock(7337020)');
}

/** Creates or replaces a unit's entries if still at `version` (0: it has no row yet); false when stale. */
export async function saveCoachingFocusAdaptation(q: Queryable, unitId: string, version: number, entries: readonly CoachingFocusAreaEntry[]): Promise<boolean> {
  if (version === 0) {
    const rows = await q.query(`insert into coaching_focus_adaptations (unit_id, entries) values ($1, $2::jsonb) on conflict (unit_id) do nothing returning unit_id`, [
      unitId,
      JSON.stringify(entries),
    ]);
    return rows.length > 0;
  }
  const rows = await q.query(
    `update coaching_focus_adaptations set entries = $3::jsonb, version = version + 1, updated_at = now() where unit_id = $1 and version = $2 returning unit_id`,
    [unitId, version, JSON.stringify(entries)],
  );
  return rows.length > 0;
}
