// What importing an organization tree from OneRoster (orgs.csv) or Ed-Fi (education organizations)
// would do: the rows of the files, already read into OrgRows (oneroster.ts, edfi.ts), diffed with
// the units of the state as items to create, update or archive — the same items as a CCD import
// (plan.ts), so the same preview, apply and audit serve all three. Pure.
//
// Rules (docs/decisions/0018-oneroster-and-edfi-imports.md):
// - A row is keyed by its id in the source (OneRoster sourcedId, Ed-Fi educationOrganizationId),
//   kept on the unit (units.oneroster_id / units.edfi_id). An id that appears twice is refused,
//   every occurrence of it.
// - A row whose id is new but whose NCES id (OneRoster identifier, Ed-Fi NCES identification code)
//   is the NCES id of a unit of the state is that unit: it is linked, not duplicated.
// - A unit that has an NCES id takes its name and place from the NCES directory (the CCD import):
//   the import links it and places its own units under it, but does not rename or move it.
// - The state row (OneRoster type state, Ed-Fi StateEducationAgency) is the state imported into.
// - A parent that is missing, refused, of a kind the child cannot sit under, or part of a cycle
//   makes the child a problem, named with the parent; a cycle names every unit of it.
// - Status "tobedeleted" / closed → archived, never deleted; such a unit that Trellis never had is
//   not created. Rows missing from the file are left alone.
import { ALLOWED_PARENTS, NCES_ID_DIGITS, UNIT_KIND_LABELS, type UnitKind } from '../organizations/units.js';
import type { ImportFile, ImportProblem } from './ccd.js';
import { blankValues, changedValues, emptyCounts, pathsUnder, valuesOf, type ExistingUnit, type ImportCounts, type ImportedKind, type ImportItem, type ImportPlan, type ImportScope, type KindCounts, type UnitValues } from './plan.js';

export type OrgSource = 'oneroster' | 'edfi';

/** One organization of a source file, as Trellis would hold it. */
export interface OrgRow {
  file: ImportFile;
  /** The file's line (OneRoster) or the resource's position in its array (Ed-Fi). */
  line: number;
  /** The source's id: OneRoster sourcedId, Ed-Fi educationOrganizationId. */
  key: string;
  name: string;
  kind: UnitKind;
  /** The source's own word for the type (for messages): "school", "LocalEducationAgency"… */
  sourceType: string;
  parentKey: string | null;
  /** An NCES id given by the source, when it has the form NCES uses for the kind. */
  ncesId: string | null;
  archived: boolean;
  /** Directory fields the source carries (Ed-Fi: address, grades, status, charter). */
  directory?: Partial<Pick<UnitValues, 'address' | 'city' | 'zip' | 'gradeLow' | 'gradeHigh' | 'level' | 'charter' | 'status' | 'schoolType'>>;
}

export interface OrgPlanInput {
  source: OrgSource;
  scope: ImportScope;
  /** Every unit of the state's subtree, archived ones included, with its source ids. */
  existing: readonly ExistingUnit[];
  /** Units outside the state that hold one of the rows' source ids or NCES ids. */
  elsewhere: readonly { kind: UnitKind; ncesId: string | null; sourceId: string | null; name: string }[];
  rows: readonly OrgRow[];
  /** Rows of the file already refused while reading (unknown type, bad status…), by id: their children name them. */
  refusedRows?: ReadonlyMap<string, { name: string | null; line: number | null; message: string }>;
  newId: () => string;
}

export interface OrgPlan extends ImportPlan {
  /** Source id → the unit it is (existing or to be created): users.csv's orgs are found here. */
  unitIdByKey: Map<string, string>;
}

export const sourceIdOf = (u: ExistingUnit, source: OrgSource) => (source === 'oneroster' ? u.onerosterId : u.edfiId) ?? null;
const SOURCE_FIELD: Record<OrgSource, string> = { oneroster: 'oneroster id', edfi: 'ed-fi id' };
const kindLabel = (k: UnitKind) => UNIT_KIND_LABELS[k].toLowerCase();
const describeRow = (r: OrgRow) => `${r.key} (${r.name})`;

/** Finds the cycles among parent links: each cycle once, as its keys in parent order. */
export function findParentCycles(parentOf: ReadonlyMap<string, string | null>): string[][] {
  const state = new Map<string, 'visiting' | 'done'>();
  const cycles: string[][] = [];
  for (const start of parentOf.keys()) {
    if (state.has(start)) continue;
    const trail: string[] = [];
    let at: string | null | undefined = start;
    while (at != null && parentOf.has(at) && !state.has(at)) {
      state.set(at, 'visiting');
      trail.push(at);
      at = parentOf.get(at);
    }
    if (at != null && state.get(at) === 'visiting') cycles.push(trail.slice(trail.indexOf(at)));
    for (const k of trail) state.set(k, 'done');
  }
  return cycles;
}

export function planOrgImport(input: OrgPlanInput): OrgPlan {
  const { scope, source } = input;
  const problems: ImportProblem[] = [];
  const counts = emptyCounts();
  const refused = new Map<string, string>(); // key → why (for the children's messages)
  const refuse = (r: OrgRow, field: string | null, message: string) => {
    problems.push({ file: r.file, line: r.line, key: r.key, name: r.name, field, message });
    refused.set(r.key, message);
  };
  const idField = source === 'oneroster' ? 'sourcedId' : 'id';
  const parentField = source === 'oneroster' ? 'parentSourcedId' : 'reference';

  // 1. Ids that appear twice: every occurrence is refused.
  const lines = new Map<string, number[]>();
  for (const r of input.rows) {
    const at = lines.get(r.key);
    if (at) at.push(r.line);
    else lines.set(r.key, [r.line]);
  }
  const rows: OrgRow[] = [];
  for (const r of input.rows) {
    const at = lines.get(r.key)!;
    if (at.length > 1) {
      problems.push({ file: r.file, line: r.line, key: r.key, name: r.name, field: idField, message: `${r.key} appears more than once in the file (also at ${at.filter((l) => l !== r.line).join(', ')}); fix the file so each organization is listed once` });
      refused.set(r.key, 'its id appears more than once');
    } else rows.push(r);
  }

  // 2. The row of the unit imported into (the state; or, into a district, that district): only one.
  //    Into a district, the state row is above it and left out.
  const scopeRows = rows.filter((r) => r.kind === scope.kind);
  const byKey = new Map<string, OrgRow>();
  for (const r of rows) byKey.set(r.key, r);
  if (scope.kind === 'state' && scopeRows.length > 1) for (const r of scopeRows) refuse(r, 'type', `the file has ${scopeRows.length} state organizations; an import goes into one state (${scope.name})`);

  // 3. Cycles of parent links within the file: every member is refused, the cycle named.
  const parentOf = new Map<string, string | null>();
  for (const r of rows) parentOf.set(r.key, r.parentKey !== null && byKey.has(r.parentKey) ? r.parentKey : null);
  for (const cycle of findParentCycles(parentOf)) {
    const named = [...cycle].reverse().map((k) => describeRow(byKey.get(k)!));
    const text = `${named.join(' → ')} → ${named[0]}`;
    for (const k of cycle) refuse(byKey.get(k)!, parentField, `its parents go round in a cycle (each is the parent of the next): ${text}; no unit of the cycle can be placed`);
  }

  // 4. Existing units: by source id, else by NCES id; source ids and NCES ids held outside the state.
  const existingByKey = new Map<string, ExistingUnit>();
  const existingByNces = new Map<string, ExistingUnit>();
  const existingById = new Map(input.existing.map((u) => [u.id, u]));
  for (const u of input.existing) {
    const k = sourceIdOf(u, source);
    if (k !== null) existingByKey.set(k, u);
    if (u.ncesId !== null) existingByNces.set(u.ncesId, u);
  }
  const elsewhereKey = new Map(input.elsewhere.filter((e) => e.sourceId !== null).map((e) => [e.sourceId!, e.name]));
  const elsewhereNces = new Map(input.elsewhere.filter((e) => e.ncesId !== null).map((e) => [e.ncesId!, e.name]));
  const scopeUnit = existingById.get(scope.id) ?? null;

  interface Placed {
    id: string;
    kind: UnitKind;
    parentId: string | null;
    values: UnitValues;
    existing: ExistingUnit | null;
    line: number | null;
    sourceId: string;
    /** The unit's NCES id is its directory: name and place stay. */
    directoryOwned: boolean;
  }
  const placed = new Map<string, Placed>(); // by key
  const unitIdByKey = new Map<string, string>();
  for (const [k, u] of existingByKey) unitIdByKey.set(k, u.id);
  const skippedStates = new Set<string>();
  if (scope.kind === 'district') for (const r of rows) if (r.kind === 'state') skippedStates.add(r.key);

  // 5. Each row, parents first (recursively); a row is placed once.
  const resolving = new Set<string>();
  const place = (r: OrgRow): Placed | null => {
    if (refused.has(r.key) || skippedStates.has(r.key)) return null;
    const done = placed.get(r.key);
    if (done) return done;
    if (resolving.has(r.key)) return null; // cycles were refused above
    resolving.add(r.key);
    try {
      return placeRow(r);
    } finally {
      resolving.delete(r.key);
    }
  };

  const placeRow = (r: OrgRow): Placed | null => {
    if (elsewhereKey.has(r.key)) {
      refuse(r, idField, `${r.key} is already the ${source === 'oneroster' ? 'OneRoster sourcedId' : 'Ed-Fi id'} of ${elsewhereKey.get(r.key)}, outside ${scope.name}`);
      return null;
    }
    // Into a district: the state above it is left out, its children go under the district.
    if (r.kind === 'state' && scope.kind === 'district') {
      skippedStates.add(r.key);
      return null;
    }
    // The row of the unit imported into.
    if (r.kind === scope.kind && scopeUnit) {
      const held = sourceIdOf(scopeUnit, source);
      const isScope =
        held !== null
          ? held === r.key
          : scope.kind === 'state' || (r.ncesId !== null && r.ncesId === scopeUnit.ncesId) || r.name.toLowerCase() === scope.name.toLowerCase() || scopeRows.length === 1;
      if (!isScope) {
        refuse(r, idField, held !== null
          ? `${scope.name} is ${source === 'oneroster' ? 'OneRoster' : 'Ed-Fi'} ${held}, not ${r.key}: import the file of this ${kindLabel(scope.kind)} into it, or this file into its own ${kindLabel(scope.kind)}`
          : `${describeRow(r)} is another ${kindLabel(scope.kind)} than ${scope.name}, which this import goes into`);
        return null;
      }
      const p: Placed = { id: scope.id, kind: scope.kind, parentId: scopeUnit.parentId, values: valuesOf(scopeUnit), existing: scopeUnit, line: r.line, sourceId: r.key, directoryOwned: true };
      placed.set(r.key, p);
      unitIdByKey.set(r.key, scope.id);
      skippedStates.add(r.key);
      return p;
    }
    // Which unit it is.
    let existing = existingByKey.get(r.key) ?? null;
    if (!existing && r.ncesId !== null) {
      const byNces = existingByNces.get(r.ncesId);
      if (byNces && sourceIdOf(byNces, source) === null) existing = byNces;
      else if (byNces) {
        refuse(r, 'identifier', `NCES id ${r.ncesId} belongs to ${byNces.name}, which is already ${source === 'oneroster' ? 'OneRoster' : 'Ed-Fi'} ${sourceIdOf(byNces, source)}`);
        return null;
      } else if (elsewhereNces.has(r.ncesId)) {
        refuse(r, 'identifier', `NCES id ${r.ncesId} is already the NCES id of ${elsewhereNces.get(r.ncesId)}, outside ${scope.name}`);
        return null;
      }
    }
    if (existing && existing.kind !== r.kind) {
      refuse(r, 'type', `${existing.name}, which this row names by ${existingByKey.get(r.key) === existing ? 'its id' : `its NCES id ${r.ncesId}`}, is a ${kindLabel(existing.kind)} in Trellis, not a ${kindLabel(r.kind)} (${r.sourceType})`);
      return null;
    }
    const directoryOwned = existing !== null && existing.ncesId !== null;

    // Its parent.
    let parentId: string;
    let parentKind: UnitKind;
    if (directoryOwned) {
      parentId = existing!.parentId!;
      parentKind = existingById.get(parentId)?.kind ?? 'state';
    } else if (r.parentKey === null || (r.parentKey !== null && skippedStates.has(r.parentKey))) {
      parentId = scope.id;
      parentKind = scope.kind;
    } else {
      const parentRow = byKey.get(r.parentKey);
      if (parentRow) {
        const parent = place(parentRow);
        if (!parent) {
          const why = refused.get(parentRow.key) ?? 'it cannot be placed';
          refuse(r, parentField, `its parent ${describeRow(parentRow)} cannot be imported (line ${parentRow.line}: ${why})`);
          return null;
        }
        parentId = parent.id;
        parentKind = parent.kind;
      } else if (input.refusedRows?.has(r.parentKey)) {
        const p = input.refusedRows.get(r.parentKey)!;
        refuse(r, parentField, `its parent ${r.parentKey}${p.name ? ` (${p.name})` : ''} cannot be imported (${p.line !== null ? `line ${p.line}: ` : ''}${p.message})`);
        return null;
      } else if (refused.has(r.parentKey)) {
        refuse(r, parentField, `its parent ${r.parentKey} cannot be imported (${refused.get(r.parentKey)})`);
        return null;
      } else {
        const parentUnit = existingByKey.get(r.parentKey);
        if (!parentUnit) {
          refuse(r, parentField, `its parent ${r.parentKey} is neither in the file nor in ${scope.name}`);
          return null;
        }
        parentId = parentUnit.id;
        parentKind = parentUnit.kind;
      }
    }
    // A school that sits in a feeder pattern of its district stays there (as with CCD).
    if (!directoryOwned && existing && r.kind === 'school' && existing.parentId) {
      const current = existingById.get(existing.parentId);
      if (current?.kind === 'feeder_pattern' && current.parentId === parentId) {
        parentId = current.id;
        parentKind = 'feeder_pattern';
      }
    }
    if (!ALLOWED_PARENTS[r.kind].includes(parentKind)) {
      const allowed = ALLOWED_PARENTS[r.kind].filter((k) => k !== null).map((k) => `a ${kindLabel(k!)}`).join(' or ');
      refuse(r, parentField, `a ${kindLabel(r.kind)} (${r.sourceType}) cannot sit under a ${kindLabel(parentKind)}${r.parentKey === null ? ` (it has no parent, so it would go under ${scope.name})` : ''}; in Trellis it sits under ${allowed}`);
      return null;
    }
    if (!existing && r.archived) {
      counts.closedNotCreated++;
      refused.set(r.key, 'it is marked to be deleted and was never in Trellis');
      return null;
    }
    const id = existing?.id ?? input.newId();
    let values: UnitValues;
    if (directoryOwned) values = valuesOf(existing!);
    else {
      const base = existing ? valuesOf(existing) : blankValues(r.name);
      const ncesOk = r.ncesId !== null && NCES_ID_DIGITS[r.kind] === r.ncesId.length && !existingByNces.has(r.ncesId);
      values = { ...base, ...(r.directory ?? {}), name: r.name, ncesId: base.ncesId ?? (ncesOk ? r.ncesId : null), archived: r.archived };
    }
    const p: Placed = { id, kind: r.kind, parentId, values, existing, line: r.line, sourceId: r.key, directoryOwned };
    placed.set(r.key, p);
    unitIdByKey.set(r.key, id);
    return p;
  };
  for (const r of rows) place(r);

  // 6. Final paths, from the state down (units moved by the file carry their subtrees).
  const parentOfId = new Map<string, string | null>();
  for (const u of input.existing) parentOfId.set(u.id, u.parentId);
  for (const p of placed.values()) if (p.id !== scope.id) parentOfId.set(p.id, p.parentId);
  const pathOfId = pathsUnder(scope, parentOfId);

  // 7. Items.
  const items: ImportItem[] = [];
  const tally = (kind: UnitKind, what: keyof KindCounts) => {
    counts[what]++;
    if (kind in counts.byKind) counts.byKind[kind as ImportedKind][what]++;
  };
  const withSource = (item: ImportItem, sourceId: string): ImportItem => (source === 'oneroster' ? { ...item, onerosterId: sourceId } : { ...item, edfiId: sourceId });
  const touched = new Set<string>();
  for (const p of placed.values()) {
    touched.add(p.id);
    const path = pathOfId.get(p.id);
    if (path === undefined) throw new Error(`unit ${p.id} is not reachable from the state`);
    if (!p.existing) {
      items.push(withSource({ action: 'create', unitId: p.id, kind: p.kind, expectedVersion: null, parentId: p.parentId, path, values: p.values, changes: [], line: p.line }, p.sourceId));
      tally(p.kind, 'creates');
      continue;
    }
    const changes = changedValues(p.existing, p.values);
    if (p.existing.parentId !== p.parentId) changes.push('parent');
    else if (p.existing.path !== path) changes.push('path');
    if (sourceIdOf(p.existing, source) !== p.sourceId) changes.push(SOURCE_FIELD[source]);
    if (changes.length === 0) {
      tally(p.kind, 'unchanged');
      continue;
    }
    const action = p.values.archived && !p.existing.archived ? 'archive' : 'update';
    items.push(withSource({ action, unitId: p.id, kind: p.kind, expectedVersion: p.existing.version, parentId: p.parentId, path, values: p.values, changes, line: p.line }, p.sourceId));
    tally(p.kind, action === 'archive' ? 'archives' : 'updates');
  }
  for (const u of input.existing) {
    if (touched.has(u.id) || u.id === scope.id) continue;
    const path = pathOfId.get(u.id);
    if (path !== undefined && path !== u.path) {
      items.push({ action: 'update', unitId: u.id, kind: u.kind, expectedVersion: u.version, parentId: u.parentId, path, values: valuesOf(u), changes: ['path'], line: null });
    }
  }
  const depth = (path: string) => path.split('/').length;
  const depths = new Map(items.map((i) => [i, depth(i.path)]));
  items.sort((a, b) => depths.get(a)! - depths.get(b)!);
  counts.problemRows = new Set(problems.map((p) => `${p.file}:${p.line}`)).size;
  return { items, problems, counts, unitIdByKey };
}

export type { ImportCounts };
