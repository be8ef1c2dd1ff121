// What importing a directory would do to the organization tree: the diff between the districts and
// schools of the files and the units that exist, as items to create, update or archive. Pure: the
// server loads the existing units, calls this, stores the items as the preview and applies exactly
// those. Importing the same files again finds nothing to change.
//
// Rules (docs/decisions/0014-directory-imports.md):
// - Districts are keyed by LEAID (units.nces_id), schools by NCESSCH. A row whose id appears twice
//   in a file is refused, every occurrence of it: which one is right cannot be guessed.
// - Closed (status 2) → archived, never deleted; a closed unit not yet in Trellis is not created. A
//   status other than closed on an archived unit brings it back.
// - A district goes under its region (from the regions file), else stays where it is, else under
//   the state. A school goes under its district, or stays in a feeder pattern of that district.
// - A unit missing from the file is left alone: a file of a few schools changes only those.
// - Coordinates missing from the file do not erase coordinates Trellis has (current CCD files carry
//   none; they come from NCES EDGE geocode files).
import { GRADES, pathOf, type UnitKind } from '../organizations/units.js';
import { isClosed, SERVICE_AGENCY_TYPE, type CcdDistrict, type CcdSchool, type ImportProblem, type OperationalStatus, type SchoolLevel } from './ccd.js';
import type { Grade } from '../organizations/units.js';

/** Every directory value of a unit, as stored. */
export interface UnitValues {
  name: string;
  ncesId: string | null;
  stateId: string | null;
  gradeLow: Grade | null;
  gradeHigh: Grade | null;
  address: string | null;
  city: string | null;
  zip: string | null;
  latitude: number | null;
  longitude: number | null;
  level: SchoolLevel | null;
  schoolType: number | null;
  charter: boolean | null;
  status: OperationalStatus | null;
  archived: boolean;
}

/** A unit as it is in the database, for the diff. */
export interface ExistingUnit extends UnitValues {
  id: string;
  kind: UnitKind;
  parentId: string | null;
  path: string;
  version: number;
  /** OneRoster sourcedId and Ed-Fi educationOrganizationId (docs/decisions/0018). */
  onerosterId?: string | null;
  edfiId?: string | null;
}

export type ImportAction = 'create' | 'update' | 'archive';
export type ImportedKind = 'region' | 'district' | 'feeder_pattern' | 'school' | 'department';

/** One write of an import, stored with the preview and applied as is. */
export interface ImportItem {
  action: ImportAction;
  unitId: string;
  kind: UnitKind;
  /** The version seen at preview: apply refuses when the unit changed since. Null for a create. */
  expectedVersion: number | null;
  parentId: string | null;
  path: string;
  values: UnitValues;
  /** What changes, for the preview: field names, 'parent' for a move. */
  changes: string[];
  line: number | null;
  /** The source id the import gives the unit (OneRoster, Ed-Fi); absent: the unit keeps its own. */
  onerosterId?: string | null;
  edfiId?: string | null;
}

export interface KindCounts {
  creates: number;
  updates: number;
  archives: number;
  unchanged: number;
}

export interface ImportCounts extends KindCounts {
  byKind: Record<ImportedKind, KindCounts>;
  /** Rows that cannot be used (each named among the problems). */
  problemRows: number;
  /** Rows of other states (or, for a district, other districts) in the file, left out. */
  outsideScope: number;
  /** Closed schools and districts that Trellis never had: nothing to archive. */
  closedNotCreated: number;
  /** Regional service agencies (LEA type 4) without schools: regions come from the regions file. */
  serviceAgencies: number;
}

export interface ImportScope {
  id: string;
  kind: UnitKind;
  path: string;
  name: string;
  /** The state's FIPS code or the district's LEAID: rows outside it are left out. */
  ncesId: string | null;
}

export interface RegionAssignment {
  line: number;
  /** An LEAID or a state district id. */
  district: string;
  region: string;
}

export interface CcdPlanInput {
  scope: ImportScope;
  /** Every unit in the scope's subtree, archived ones included. */
  existing: readonly ExistingUnit[];
  /** Units outside the scope that hold an NCES id or a (kind, state id) of the files. */
  elsewhere: readonly { kind: UnitKind; ncesId: string | null; stateId: string | null; name: string }[];
  districts: readonly CcdDistrict[];
  schools: readonly CcdSchool[];
  regions: readonly RegionAssignment[] | null;
  newId: () => string;
}

export interface ImportPlan {
  items: ImportItem[];
  problems: ImportProblem[];
  counts: ImportCounts;
}

const zeroKinds = (): Record<ImportedKind, KindCounts> => ({
  region: { creates: 0, updates: 0, archives: 0, unchanged: 0 },
  district: { creates: 0, updates: 0, archives: 0, unchanged: 0 },
  feeder_pattern: { creates: 0, updates: 0, archives: 0, unchanged: 0 },
  school: { creates: 0, updates: 0, archives: 0, unchanged: 0 },
  department: { creates: 0, updates: 0, archives: 0, unchanged: 0 },
});

export const emptyCounts = (): ImportCounts => ({ creates: 0, updates: 0, archives: 0, unchanged: 0, byKind: zeroKinds(), problemRows: 0, outsideScope: 0, closedNotCreated: 0, serviceAgencies: 0 });

const VALUE_KEYS: (keyof UnitValues)[] = ['name', 'ncesId', 'stateId', 'gradeLow', 'gradeHigh', 'address', 'city', 'zip', 'latitude', 'longitude', 'level', 'schoolType', 'charter', 'status', 'archived'];

const same = (a: unknown, b: unknown) => (typeof a === 'number' && typeof b === 'number' ? Math.abs(a - b) < 1e-7 : a === b);

/** The fields that differ between what is stored and what the import would store. */
export function changedValues(before: UnitValues, after: UnitValues): string[] {
  return VALUE_KEYS.filter((k) => !same(before[k], after[k]));
}

export const valuesOf = (u: UnitValues): UnitValues => Object.fromEntries(VALUE_KEYS.map((k) => [k, u[k]])) as unknown as UnitValues;

/** "07" → "Region 7"; a name stays as written. */
export function regionName(value: string): string {
  const t = value.trim().replace(/^'/, '');
  return /^\d+$/.test(t) ? `Region ${Number(t)}` : t.replace(/\s+/g, ' ');
}

/** The last segment of a state id as current CCD files write it ("TX-001902" → "001902"). */
const stateKey = (id: string | null) => (id === null ? null : id.includes('-') ? id.slice(id.lastIndexOf('-') + 1) : id);

export function planCcdImport(input: CcdPlanInput): ImportPlan {
  const { scope } = input;
  const problems: ImportProblem[] = [];
  const counts = emptyCounts();
  const refuse = (p: ImportProblem) => problems.push(p);

  // 1. Rows of this scope only.
  const inScopeDistrict = (leaId: string) =>
    scope.kind === 'district' ? leaId === scope.ncesId : scope.ncesId === null || scope.ncesId.length !== 2 || leaId.startsWith(scope.ncesId);
  let districts = input.districts.filter((d) => inScopeDistrict(d.ncesId));
  let schools = input.schools.filter((s) => inScopeDistrict(s.leaId));
  counts.outsideScope = input.districts.length - districts.length + (input.schools.length - schools.length);

  // 2. Ids that appear twice: every occurrence is refused.
  const dedupe = <T extends { ncesId: string; line: number; name: string }>(rows: T[], file: 'schools' | 'leas'): T[] => {
    const lines = new Map<string, number[]>();
    for (const r of rows) {
      const list = lines.get(r.ncesId);
      if (list) list.push(r.line);
      else lines.set(r.ncesId, [r.line]);
    }
    return rows.filter((r) => {
      const at = lines.get(r.ncesId)!;
      if (at.length === 1) return true;
      const others = at.filter((l) => l !== r.line);
      refuse({ file, line: r.line, key: r.ncesId, name: r.name, field: file === 'schools' ? 'NCESSCH' : 'LEAID', message: `${r.ncesId} appears more than once in the file (also on line ${others.join(', ')}); fix the file so each ${file === 'schools' ? 'school' : 'district'} is listed once` });
      return false;
    });
  };
  districts = dedupe(districts, 'leas');
  schools = dedupe(schools, 'schools');

  // 3. Ids already used outside the scope.
  const elsewhereNces = new Map(input.elsewhere.filter((e) => e.ncesId !== null).map((e) => [e.ncesId!, e.name]));
  const outsider = <T extends { ncesId: string; line: number; name: string }>(rows: T[], file: 'schools' | 'leas'): T[] =>
    rows.filter((r) => {
      const holder = elsewhereNces.get(r.ncesId);
      if (holder === undefined) return true;
      refuse({ file, line: r.line, key: r.ncesId, name: r.name, field: file === 'schools' ? 'NCESSCH' : 'LEAID', message: `${r.ncesId} is already the NCES id of ${holder}, outside ${scope.name}` });
      return false;
    });
  districts = outsider(districts, 'leas');
  schools = outsider(schools, 'schools');

  const existingById = new Map(input.existing.map((u) => [u.id, u]));
  const existingByNces = new Map(input.existing.filter((u) => u.ncesId !== null).map((u) => [u.ncesId!, u]));
  const kindOf = (u: ExistingUnit) => u.kind;

  // Planned units: the final parent and values of every unit the files name.
  interface Planned {
    id: string;
    kind: UnitKind;
    parentId: string;
    values: UnitValues;
    existing: ExistingUnit | null;
    line: number | null;
  }
  const planned = new Map<string, Planned>();

  // State ids must stay unique per kind: a state id held by another unit is left off the row.
  const stateIdsTaken = new Set<string>();
  for (const e of input.elsewhere) if (e.stateId !== null) stateIdsTaken.add(`${e.kind}:${e.stateId}`);
  const holderOfStateId = new Map(input.existing.filter((u) => u.stateId !== null).map((u) => [`${u.kind}:${u.stateId}`, u.ncesId]));
  const claimStateId = (kind: UnitKind, stateId: string | null, ncesId: string): string | null => {
    if (stateId === null) return null;
    const key = `${kind}:${stateId}`;
    const holder = holderOfStateId.get(key);
    if (stateIdsTaken.has(key) || (holder !== undefined && holder !== ncesId)) return null;
    stateIdsTaken.add(key);
    return stateId;
  };

  // 4. Regions, from the regions file (state scope only).
  const regionOfDistrict = new Map<string, string>(); // LEAID or state id → region unit id
  if (input.regions && scope.kind === 'state') {
    const regionUnits = new Map(input.existing.filter((u) => u.kind === 'region' && u.parentId === scope.id).map((u) => [u.name.toLowerCase(), u]));
    const seen = new Map<string, RegionAssignment>();
    const newRegions = new Map<string, string>();
    for (const a of input.regions) {
      const name = regionName(a.region);
      const earlier = seen.get(a.district);
      if (earlier && regionName(earlier.region) !== name) {
        refuse({ file: 'regions', line: a.line, key: a.district, name: null, field: 'region', message: `district ${a.district} is given two regions: ${regionName(earlier.region)} (line ${earlier.line}) and ${name}` });
        continue;
      }
      seen.set(a.district, a);
      const region = regionUnits.get(name.toLowerCase());
      let regionId = region?.id ?? newRegions.get(name.toLowerCase());
      if (!regionId) {
        regionId = input.newId();
        newRegions.set(name.toLowerCase(), regionId);
        planned.set(regionId, { id: regionId, kind: 'region', parentId: scope.id, values: blankValues(name), existing: null, line: null });
      } else if (region && !planned.has(region.id)) {
        // An archived region that gets districts again comes back; otherwise it is unchanged.
        planned.set(region.id, { id: region.id, kind: 'region', parentId: region.parentId!, values: { ...valuesOf(region), archived: false }, existing: region, line: null });
      }
      regionOfDistrict.set(a.district, regionId);
    }
  }

  // 5. Districts.
  const schoolsPerLea = new Map<string, number>();
  for (const s of schools) schoolsPerLea.set(s.leaId, (schoolsPerLea.get(s.leaId) ?? 0) + 1);
  const districtIdByLea = new Map<string, string>();
  const closedLeas = new Map<string, string>();
  for (const e of input.existing) if (e.kind === 'district' && e.ncesId !== null) districtIdByLea.set(e.ncesId, e.id);
  if (scope.kind === 'district' && scope.ncesId) districtIdByLea.set(scope.ncesId, scope.id);
  for (const d of districts) {
    const existing = existingByNces.get(d.ncesId) ?? (scope.kind === 'district' && d.ncesId === scope.ncesId ? existingById.get(scope.id) ?? null : null);
    if (existing && kindOf(existing) !== 'district') {
      refuse({ file: 'leas', line: d.line, key: d.ncesId, name: d.name, field: 'LEAID', message: `${d.ncesId} is the NCES id of ${existing.name}, which is not a district` });
      continue;
    }
    if (!existing && d.leaType === SERVICE_AGENCY_TYPE && !schoolsPerLea.has(d.ncesId)) {
      counts.serviceAgencies++;
      continue;
    }
    if (!existing && isClosed(d.status)) {
      counts.closedNotCreated++;
      closedLeas.set(d.ncesId, d.name);
      continue;
    }
    const region = regionOfDistrict.get(d.ncesId) ?? (d.stateId ? regionOfDistrict.get(d.stateId) ?? regionOfDistrict.get(stateKey(d.stateId)!) : undefined);
    let parentId: string;
    if (scope.kind === 'district') parentId = existing?.parentId ?? scope.id;
    else if (region) parentId = region;
    else if (existing && existing.parentId && (existing.parentId === scope.id || existingById.get(existing.parentId)?.kind === 'region')) parentId = existing.parentId;
    else parentId = scope.id;
    const id = existing?.id ?? input.newId();
    const values: UnitValues = {
      ...directoryValues(d, existing),
      stateId: claimStateId('district', d.stateId, d.ncesId),
      level: null,
      schoolType: null,
    };
    planned.set(id, { id, kind: 'district', parentId, values, existing, line: d.line });
    districtIdByLea.set(d.ncesId, id);
  }

  // 6. Schools.
  for (const s of schools) {
    const districtId = districtIdByLea.get(s.leaId);
    if (!districtId && closedLeas.has(s.leaId)) {
      if (isClosed(s.status)) counts.closedNotCreated++;
      else refuse({ file: 'schools', line: s.line, key: s.ncesId, name: s.name, field: 'LEAID', message: `its district ${closedLeas.get(s.leaId)} (LEAID ${s.leaId}) is closed in the LEA file and was never in ${scope.name}, so the school has no district to go in` });
      continue;
    }
    if (!districtId) {
      refuse({ file: 'schools', line: s.line, key: s.ncesId, name: s.name, field: 'LEAID', message: `its district (LEAID ${s.leaId}) is neither in the LEA file nor in ${scope.name}` });
      continue;
    }
    const existing = existingByNces.get(s.ncesId) ?? null;
    if (existing && existing.kind !== 'school') {
      refuse({ file: 'schools', line: s.line, key: s.ncesId, name: s.name, field: 'NCESSCH', message: `${s.ncesId} is the NCES id of ${existing.name}, which is not a school` });
      continue;
    }
    if (!existing && isClosed(s.status)) {
      counts.closedNotCreated++;
      continue;
    }
    const currentParent = existing?.parentId ? existingById.get(existing.parentId) : undefined;
    const staysInFeederPattern = currentParent?.kind === 'feeder_pattern' && currentParent.parentId === districtId;
    const id = existing?.id ?? input.newId();
    const values: UnitValues = { ...directoryValues(s, existing), stateId: claimStateId('school', s.stateId, s.ncesId), schoolType: s.schoolType };
    planned.set(id, { id, kind: 'school', parentId: staysInFeederPattern ? currentParent!.id : districtId, values, existing, line: s.line });
  }

  // 7. Final paths: every unit of the scope, moved or not, from the scope down.
  const parentOf = new Map<string, string | null>();
  for (const u of input.existing) parentOf.set(u.id, u.parentId);
  for (const p of planned.values()) parentOf.set(p.id, p.parentId);
  const pathOfId = pathsUnder(scope, parentOf);

  // 8. Items, parents before children (apply inserts them in this order).
  const items: ImportItem[] = [];
  const tally = (kind: UnitKind, what: keyof KindCounts) => {
    counts[what]++;
    if (kind in counts.byKind) counts.byKind[kind as ImportedKind][what]++;
  };
  for (const p of planned.values()) {
    const path = pathOfId.get(p.id);
    if (path === undefined) throw new Error(`unit ${p.id} is not reachable from the scope`);
    if (!p.existing) {
      items.push({ action: 'create', unitId: p.id, kind: p.kind, expectedVersion: null, parentId: p.parentId, path, values: p.values, changes: [], line: p.line });
      tally(p.kind, 'creates');
      continue;
    }
    const changes = changedValues(p.existing, p.values);
    if (p.existing.parentId !== p.parentId) changes.push('parent');
    else if (p.existing.path !== path) changes.push('path');
    if (changes.length === 0) {
      tally(p.kind, 'unchanged');
      continue;
    }
    const action: ImportAction = p.values.archived && !p.existing.archived ? 'archive' : 'update';
    items.push({ action, unitId: p.id, kind: p.kind, expectedVersion: p.existing.version, parentId: p.parentId, path, values: p.values, changes, line: p.line });
    tally(p.kind, action === 'archive' ? 'archives' : 'updates');
  }
  // Units the files do not name but whose path changes with a moved ancestor (schools of a district
  // moved into a region): their path is rewritten, nothing else.
  for (const u of input.existing) {
    if (planned.has(u.id) || u.id === scope.id) continue;
    const path = pathOfId.get(u.id);
    if (path !== undefined && path !== u.path) {
      items.push({ action: 'update', unitId: u.id, kind: u.kind, expectedVersion: u.version, parentId: u.parentId, path, values: valuesOf(u), changes: ['path'], line: null });
    }
  }
  // Parents first: by depth, counted once per item (a comparator that splits paths costs seconds at 100,000).
  const depths = new Map(items.map((i) => [i, depth(i.path)]));
  items.sort((a, b) => depths.get(a)! - depths.get(b)!);
  counts.problemRows = new Set(problems.filter((p) => p.line !== null).map((p) => `${p.file}:${p.line}`)).size;
  return { items, problems, counts };
}

const depth = (path: string) => {
  let n = 0;
  for (let i = 0; i < path.length; i++) if (path.charCodeAt(i) === 47) n++;
  return n;
};

/**
 * The materialized path of every unit under the scope, given each unit's parent (after the import's
 * moves): walked from the scope down, so a moved unit carries its subtree. Units not under it are absent.
 */
export function pathsUnder(scope: { id: string; path: string }, parentOf: ReadonlyMap<string, string | null>): Map<string, string> {
  const children = new Map<string, string[]>();
  for (const [id, parent] of parentOf) {
    if (parent === null || id === scope.id) continue;
    const list = children.get(parent);
    if (list) list.push(id);
    else children.set(parent, [id]);
  }
  const pathOfId = new Map<string, string>([[scope.id, scope.path]]);
  const stack = [scope.id];
  while (stack.length > 0) {
    const id = stack.pop()!;
    for (const child of children.get(id) ?? []) {
      if (pathOfId.has(child)) continue;
      pathOfId.set(child, pathOf(pathOfId.get(id)!, child));
      stack.push(child);
    }
  }
  return pathOfId;
}

export function blankValues(name: string): UnitValues {
  return { name, ncesId: null, stateId: null, gradeLow: null, gradeHigh: null, address: null, city: null, zip: null, latitude: null, longitude: null, level: null, schoolType: null, charter: null, status: null, archived: false };
}

function directoryValues(row: CcdDistrict | CcdSchool, existing: ExistingUnit | null): UnitValues {
  const keepCoordinates = row.latitude === null && existing !== null && existing.latitude !== null;
  return {
    name: row.name,
    ncesId: row.ncesId,
    stateId: row.stateId,
    gradeLow: row.gradeLow,
    gradeHigh: row.gradeHigh,
    address: row.address,
    city: row.city,
    zip: row.zip,
    latitude: keepCoordinates ? existing.latitude : row.latitude,
    longitude: keepCoordinates ? existing.longitude : row.longitude,
    level: row.level,
    schoolType: null,
    charter: row.charter,
    status: row.status,
    archived: isClosed(row.status),
  };
}

/** Grade order, for sorting and checks elsewhere. */
export const gradeIndex = (g: Grade) => GRADES.indexOf(g);
