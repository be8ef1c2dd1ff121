// Feeder patterns: each high school with the elementary and middle schools that send it students.
// Trellis suggests them within each district (the nearest high school by coordinates; without
// coordinates, a high school of the same ZIP code, then of the same city) or reads them from a file
// mapping each school to its high school's NCES id; the user reviews and edits the assignments,
// then `planFeederPatterns` turns them into feeder-pattern units and school moves. Pure.
import { pathOf } from '../organizations/units.js';
import { levelOfGrades, type ImportProblem } from './ccd.js';
import { blankValues, valuesOf, type ExistingUnit, type ImportCounts, type ImportItem, emptyCounts } from './plan.js';

/** The unit's level, or the one its grade span gives (units entered by hand have no level). */
const levelOf = (u: ExistingUnit) => u.level ?? levelOfGrades(u.gradeLow, u.gradeHigh);
/** A high school is regular (NCES type 1, or unknown) and of level high; alternative campuses do not anchor a pattern. */
export const isFeederHighSchool = (u: ExistingUnit) => u.kind === 'school' && !u.archived && levelOf(u) === 'high' && (u.schoolType === null || u.schoolType === 1);
/** Elementary and middle schools feed a high school. */
export const isFeedingSchool = (u: ExistingUnit) => u.kind === 'school' && !u.archived && (levelOf(u) === 'elementary' || levelOf(u) === 'middle');

export type FeederReason = 'nearest' | 'zip' | 'city' | 'file' | 'edited' | 'none';
export const FEEDER_REASON_LABELS: Record<FeederReason, string> = {
  nearest: 'nearest high school',
  zip: 'same ZIP code',
  city: 'same city',
  file: 'from the feeder file',
  edited: 'chosen by hand',
  none: 'no high school near it by location, ZIP code or city',
};

export interface FeederAssignment {
  schoolId: string;
  /** Null: the school stays where it is. */
  highSchoolId: string | null;
  reason: FeederReason;
  distanceKm: number | null;
}

export interface DistrictFeeders {
  districtId: string;
  highSchoolIds: string[];
  assignments: FeederAssignment[];
}

/** Great-circle distance in kilometres. */
export function distanceKm(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

const located = (u: ExistingUnit): u is ExistingUnit & { latitude: number; longitude: number } => u.latitude !== null && u.longitude !== null;

/**
 * Suggested feeder patterns for every district of `units` (a state's subtree) with at least
 * `minHighSchools` high schools. A district with one high school needs no suggestion: every school
 * feeds it.
 */
export function suggestFeederPatterns(units: readonly ExistingUnit[], opts: { minHighSchools?: number } = {}): DistrictFeeders[] {
  const min = opts.minHighSchools ?? 2;
  const byId = new Map(units.map((u) => [u.id, u]));
  const districtOf = (u: ExistingUnit): string | null => {
    let p = u.parentId ? byId.get(u.parentId) : undefined;
    while (p && p.kind !== 'district') p = p.parentId ? byId.get(p.parentId) : undefined;
    return p?.id ?? null;
  };
  const perDistrict = new Map<string, { highs: ExistingUnit[]; feeders: ExistingUnit[] }>();
  for (const u of units) {
    const high = isFeederHighSchool(u);
    if (!high && !isFeedingSchool(u)) continue;
    const d = districtOf(u);
    if (d === null) continue;
    const entry = perDistrict.get(d) ?? { highs: [], feeders: [] };
    (high ? entry.highs : entry.feeders).push(u);
    perDistrict.set(d, entry);
  }
  const out: DistrictFeeders[] = [];
  for (const [districtId, { highs, feeders }] of perDistrict) {
    if (highs.length < min) continue;
    highs.sort((a, b) => a.name.localeCompare(b.name));
    feeders.sort((a, b) => a.name.localeCompare(b.name));
    out.push({ districtId, highSchoolIds: highs.map((h) => h.id), assignments: feeders.map((f) => suggestFor(f, highs)) });
  }
  return out.sort((a, b) => (byId.get(a.districtId)?.name ?? '').localeCompare(byId.get(b.districtId)?.name ?? ''));
}

function suggestFor(school: ExistingUnit, highs: ExistingUnit[]): FeederAssignment {
  const placed = highs.filter(located);
  if (located(school) && placed.length > 0) {
    let best = placed[0]!;
    let bestKm = distanceKm(school, best);
    for (const h of placed.slice(1)) {
      const km = distanceKm(school, h);
      if (km < bestKm) [best, bestKm] = [h, km];
    }
    return { schoolId: school.id, highSchoolId: best.id, reason: 'nearest', distanceKm: Math.round(bestKm * 10) / 10 };
  }
  const zip = school.zip && highs.find((h) => h.zip === school.zip);
  if (zip) return { schoolId: school.id, highSchoolId: zip.id, reason: 'zip', distanceKm: null };
  const city = school.city && highs.find((h) => h.city?.toLowerCase() === school.city!.toLowerCase());
  if (city) return { schoolId: school.id, highSchoolId: city.id, reason: 'city', distanceKm: null };
  return { schoolId: school.id, highSchoolId: null, reason: 'none', distanceKm: null };
}

export const feederPatternName = (highSchoolName: string) => `${highSchoolName} feeder pattern`.slice(0, 200);

/**
 * The writes that put each assigned school and its high school into the high school's feeder
 * pattern: the pattern the high school is already in (when it sits in one of its district), else one
 * of the same name in the district, else a new one. Assignments naming a school or high school that
 * is not in the units, or a high school of another district, become problems.
 */
export function planFeederPatterns(units: readonly ExistingUnit[], assignments: readonly (FeederAssignment & { line?: number | null })[], newId: () => string): { items: ImportItem[]; problems: ImportProblem[]; counts: ImportCounts } {
  const byId = new Map(units.map((u) => [u.id, u]));
  const problems: ImportProblem[] = [];
  const counts = emptyCounts();
  const districtOf = (u: ExistingUnit): ExistingUnit | null => {
    let p = u.parentId ? byId.get(u.parentId) : undefined;
    while (p && p.kind !== 'district') p = p.parentId ? byId.get(p.parentId) : undefined;
    return p ?? null;
  };
  const childrenOf = new Map<string, ExistingUnit[]>();
  for (const u of units) {
    if (!u.parentId) continue;
    const list = childrenOf.get(u.parentId);
    if (list) list.push(u);
    else childrenOf.set(u.parentId, [u]);
  }
  // Target parent of every school that moves, and the feeder patterns to create.
  const target = new Map<string, string>(); // school id → feeder pattern id
  const patternOfHigh = new Map<string, { id: string; district: ExistingUnit; create: boolean; name: string }>();
  const patternFor = (high: ExistingUnit, district: ExistingUnit) => {
    const known = patternOfHigh.get(high.id);
    if (known) return known;
    const parent = high.parentId ? byId.get(high.parentId) : undefined;
    const name = feederPatternName(high.name);
    const sameName = (childrenOf.get(district.id) ?? []).find((u) => u.kind === 'feeder_pattern' && !u.archived && u.name.toLowerCase() === name.toLowerCase());
    const pattern =
      parent?.kind === 'feeder_pattern' && parent.parentId === district.id
        ? { id: parent.id, district, create: false, name: parent.name }
        : sameName
          ? { id: sameName.id, district, create: false, name: sameName.name }
          : { id: newId(), district, create: true, name };
    patternOfHigh.set(high.id, pattern);
    target.set(high.id, pattern.id);
    return pattern;
  };
  for (const a of assignments) {
    const school = byId.get(a.schoolId);
    const line = a.line ?? null;
    if (!school || school.kind !== 'school') {
      problems.push({ file: 'feeders', line, key: a.schoolId, name: null, field: 'schoolId', message: 'is not a school of this state' });
      continue;
    }
    if (a.highSchoolId === null) continue;
    const high = byId.get(a.highSchoolId);
    const district = districtOf(school);
    if (!high || high.kind !== 'school') {
      problems.push({ file: 'feeders', line, key: school.ncesId, name: school.name, field: 'highSchoolId', message: 'its high school is not a school of this state' });
      continue;
    }
    if (!district || districtOf(high)?.id !== district.id) {
      problems.push({ file: 'feeders', line, key: school.ncesId, name: school.name, field: 'highSchoolId', message: `its high school ${high.name} is in another district: a feeder pattern stays within one district` });
      continue;
    }
    if (target.has(school.id) && patternOfHigh.has(school.id) && school.id !== high.id) {
      problems.push({ file: 'feeders', line, key: school.ncesId, name: school.name, field: 'highSchoolId', message: `${school.name} anchors a feeder pattern of its own, so it cannot feed ${high.name}` });
      continue;
    }
    const pattern = patternFor(high, district);
    target.set(school.id, pattern.id);
  }

  const items: ImportItem[] = [];
  const patternPaths = new Map<string, string>();
  for (const p of patternOfHigh.values()) {
    const path = p.create ? pathOf(p.district.path, p.id) : byId.get(p.id)!.path;
    patternPaths.set(p.id, path);
    if (p.create && !items.some((i) => i.unitId === p.id)) {
      items.push({ action: 'create', unitId: p.id, kind: 'feeder_pattern', expectedVersion: null, parentId: p.district.id, path, values: blankValues(p.name), changes: [], line: null });
      counts.creates++;
      counts.byKind.feeder_pattern.creates++;
    }
  }
  for (const [schoolId, patternId] of target) {
    const school = byId.get(schoolId)!;
    if (school.parentId === patternId) {
      counts.unchanged++;
      counts.byKind.school.unchanged++;
      continue;
    }
    // Units under a school (rare: departments) move along with it.
    const path = pathOf(patternPaths.get(patternId)!, school.id);
    items.push({ action: 'update', unitId: school.id, kind: 'school', expectedVersion: school.version, parentId: patternId, path, values: valuesOf(school), changes: ['parent'], line: null });
    counts.updates++;
    counts.byKind.school.updates++;
    const below = [...(childrenOf.get(school.id) ?? [])];
    while (below.length > 0) {
      const u = below.pop()!;
      items.push({ action: 'update', unitId: u.id, kind: u.kind, expectedVersion: u.version, parentId: u.parentId, path: path + u.path.slice(school.path.length), values: valuesOf(u), changes: ['path'], line: null });
      below.push(...(childrenOf.get(u.id) ?? []));
    }
  }
  counts.problemRows = problems.length;
  return { items, problems, counts };
}
