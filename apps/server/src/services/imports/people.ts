// The people half of a OneRoster import run: the stored role → grant mapping under review, and the
// apply of the people it keeps and their grants (inside the run's apply transaction, ccd.ts).
import { conflict, countPeople, grantsOf, keptBy, type ImportRun, type PeopleCounts, type PersonItem, type RoleMapping } from '@trellis/core';
import { applyImportPeople, listImportPeople, staleImportPeople, type ImportRunRecord, type Queryable } from '@trellis/db';

/** What import_runs.role_mapping holds for a OneRoster run with users. */
export interface StoredRoleMapping {
  mapping: RoleMapping;
  usersByRole: Record<string, number>;
  learners: number;
  withoutRole: number;
  inactive: number;
  counts: PeopleCounts;
}

export function storedMapping(items: PersonItem[], plan: Omit<StoredRoleMapping, 'counts'>): StoredRoleMapping {
  return { ...plan, counts: countPeople({ items, learners: plan.learners, withoutRole: plan.withoutRole, inactive: plan.inactive }, plan.mapping) };
}

export function peopleOfRun(r: ImportRunRecord): ImportRun['people'] {
  const m = r.roleMapping as StoredRoleMapping | null;
  if (!m) return null;
  return { mapping: m.mapping, usersByRole: m.usersByRole, counts: m.counts };
}

/** Writes the people the run's mapping keeps and the grants it gives; refuses when people changed since the preview. */
export async function applyRunPeople(tx: Queryable, run: ImportRunRecord, actor: string | null) {
  const m = run.roleMapping as StoredRoleMapping;
  const stale = await staleImportPeople(tx, run.id);
  if (stale.length > 0) throw conflict(`Some people changed since the preview (${stale.join(', ')}). Preview the files again.`, [{ field: 'version', message: 'the preview is out of date' }]);
  const items = await listImportPeople(tx, run.id);
  const kept = items.filter((i) => keptBy(i, m.mapping));
  const grants = kept.flatMap((i) => grantsOf(i, m.mapping).map((g) => ({ personId: i.personId, ...g })));
  const result = await applyImportPeople(tx, run.id, kept.map((i) => i.personId), grants, actor);
  if (result.updated !== result.expectedUpdates) throw conflict('Some people changed while the import ran. Preview the files again.', [{ field: 'version', message: 'the preview is out of date' }]);
  return { created: result.created, updated: result.updated, granted: result.granted, mapping: m.mapping };
}
