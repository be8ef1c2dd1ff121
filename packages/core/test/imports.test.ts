// Directory imports, the pure part: reading CCD rows of both layouts, the diff against existing
// units (re-running changes nothing), problems with reasons, regions, and feeder-pattern suggestions.
import { describe, expect, it } from 'vitest';
import {
  isImportProblem,
  levelOfGrades,
  parseCcdDistrict,
  parseCcdSchool,
  parseFeederRow,
  parseRegionRow,
  planCcdImport,
  planFeederPatterns,
  readCcdHeader,
  readFeedersHeader,
  readRegionsHeader,
  suggestFeederPatterns,
  type CcdDistrict,
  type CcdHeader,
  type CcdSchool,
  type ExistingUnit,
  type ImportItem,
  type ImportPlan,
  type ImportScope,
} from '../src/index.js';

const H2013 = 'SURVYEAR,NCESSCH,FIPST,LEAID,SCHNO,STID,SEASCH,LEANM,SCHNAM,PHONE,MSTREE,MCITY,MSTATE,MZIP,MZIP4,LSTREE,LCITY,LSTATE,LZIP,LZIP4,TYPE,STATUS,UNION,ULOCAL,LATCOD,LONCOD,CONUM,CONAME,CDCODE,GSLO,GSHI,CHARTR'.split(',');
const row2013 = (o: Partial<Record<string, string>> = {}) => {
  const base: Record<string, string> = {
    SURVYEAR: '2013', NCESSCH: '480000101145', FIPST: '48', LEAID: '4800001', SCHNO: '01145', STID: '054901', SEASCH: '054901101', LEANM: 'CROSBYTON CISD', SCHNAM: 'CROSBYTON EL',
    PHONE: '8066752554', MSTREE: '204 S HARRISON', MCITY: 'CROSBYTON', MSTATE: 'TX', MZIP: '79322', MZIP4: '2130', LSTREE: '204 S HARRISON', LCITY: 'CROSBYTON', LSTATE: 'TX', LZIP: '79322',
    LZIP4: '2130', TYPE: '1', STATUS: '1', UNION: '000', ULOCAL: '43', LATCOD: '33.658782', LONCOD: '-101.246702', CONUM: '48107', CONAME: 'CROSBY COUNTY', CDCODE: '4819', GSLO: 'PK', GSHI: '05', CHARTR: '2',
  };
  return H2013.map((h) => o[h] ?? base[h]!);
};
const LEA2013 = 'SURVYEAR,LEAID,FIPST,STID,NAME,PHONE,MSTREE,MCITY,MSTATE,MZIP,MZIP4,LSTREE,LCITY,LSTATE,LZIP,LZIP4,TYPE,UNION,CONUM,CONAME,CSA,CBSA,METMIC,ULOCAL,CDCODE,LATCOD,LONCOD,BOUND,GSLO,GSHI'.split(',');
const lea2013 = (o: Partial<Record<string, string>> = {}) => {
  const base: Record<string, string> = Object.fromEntries(LEA2013.map((h) => [h, '']));
  Object.assign(base, { SURVYEAR: '2013', LEAID: '4800001', FIPST: '48', STID: '054901', NAME: 'CROSBYTON CISD', LCITY: 'CROSBYTON', LZIP: '79322', TYPE: '1', BOUND: '1', GSLO: 'PK', GSHI: '12', LATCOD: '33.65', LONCOD: '-101.24' });
  return LEA2013.map((h) => o[h] ?? base[h]!);
};

const header = (file: 'schools' | 'leas', cols: string[]) => {
  const h = readCcdHeader(file, cols);
  if (isImportProblem(h)) throw new Error(h.message);
  return h as CcdHeader;
};
const school = (o: Partial<Record<string, string>> = {}, line = 2): CcdSchool => {
  const r = parseCcdSchool(header('schools', H2013), row2013(o), line);
  if (!r.ok) throw new Error(r.problems[0]!.message);
  return r.row;
};
const district = (o: Partial<Record<string, string>> = {}, line = 2): CcdDistrict => {
  const r = parseCcdDistrict(header('leas', LEA2013), lea2013(o), line);
  if (!r.ok) throw new Error(r.problems[0]!.message);
  return r.row;
};

describe('reading CCD files', () => {
  it('recognizes the 2013 and the current layouts, and names a file uploaded in the wrong slot or with wrong columns', () => {
    expect(header('schools', H2013).layout).toBe('2013');
    expect(header('schools', ['NCESSCH', 'LEAID', 'SCH_NAME', 'LEA_NAME', 'SY_STATUS', 'LEVEL']).layout).toBe('current');
    expect(header('leas', ['LEAID', 'LEA_NAME', 'SY_STATUS']).layout).toBe('current');
    const wrongSlot = readCcdHeader('schools', LEA2013);
    expect(isImportProblem(wrongSlot) && wrongSlot.message).toMatch(/LEA \(district\) file/);
    const wrongColumns = readCcdHeader('schools', ['NCESSCH', 'LEAID', 'NAME']);
    expect(isImportProblem(wrongColumns) && wrongColumns.message).toMatch(/SCHNAM, STATUS are missing/);
  });

  it('maps a row to a school: address, grade span, level, status, charter, coordinates', () => {
    expect(school()).toMatchObject({ ncesId: '480000101145', leaId: '4800001', name: 'CROSBYTON EL', address: '204 S HARRISON', city: 'CROSBYTON', zip: '79322', gradeLow: 'PK', gradeHigh: '05', level: 'elementary', status: 'open', charter: false, latitude: 33.658782, schoolType: 1 });
    expect(school({ STATUS: '2' }).status).toBe('closed');
    expect(school({ CHARTR: '1' }).charter).toBe(true);
    expect(school({ LATCOD: '0', LONCOD: '0' })).toMatchObject({ latitude: null, longitude: null });
    expect(school({ GSLO: 'N', GSHI: 'N' })).toMatchObject({ gradeLow: null, gradeHigh: null, level: null });
    // A spreadsheet program dropped the leading zero of an Alabama id: it is put back.
    expect(school({ NCESSCH: '10000500870', LEAID: '100005' })).toMatchObject({ ncesId: '010000500870', leaId: '0100005' });
  });

  it('derives the level from the grade span as NCES does', () => {
    expect(levelOfGrades('PK', '05')).toBe('elementary');
    expect(levelOfGrades('KG', '08')).toBe('elementary');
    expect(levelOfGrades('06', '08')).toBe('middle');
    expect(levelOfGrades('06', '12')).toBe('other');
    expect(levelOfGrades('09', '12')).toBe('high');
    expect(levelOfGrades('PK', '12')).toBe('other');
  });

  it('names each bad value, and a line cut short', () => {
    const h = header('schools', H2013);
    const bad = parseCcdSchool(h, row2013({ NCESSCH: '48X', GSHI: 'XX', STATUS: '9', SCHNAM: ' ' }), 7);
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.problems.map((p) => [p.line, p.field])).toEqual([
      [7, 'NCESSCH'],
      [7, 'SCHNAM'],
      [7, 'STATUS'],
      [7, 'GSHI'],
    ]);
    const short = parseCcdSchool(h, row2013().slice(0, 12), 9);
    expect(!short.ok && short.problems[0]!.message).toMatch(/12 values where the header has 32: it is cut short/);
    const inverted = parseCcdSchool(h, row2013({ GSLO: '09', GSHI: '05' }), 3);
    expect(!inverted.ok && inverted.problems[0]!.message).toMatch(/below the lowest/);
    const foreign = parseCcdSchool(h, row2013({ LEAID: '4800002' }), 3);
    expect(!foreign.ok && foreign.problems[0]!.message).toMatch(/does not begin with its district's LEAID/);
  });

  it('reads a district; a charter agency (type 7) is a charter', () => {
    expect(district()).toMatchObject({ ncesId: '4800001', name: 'CROSBYTON CISD', stateId: '054901', status: 'open', level: null, charter: null });
    expect(district({ TYPE: '7' }).charter).toBe(true);
    expect(district({ BOUND: '2' }).status).toBe('closed');
  });
});

// ---- The diff -----------------------------------------------------------------------------------

let seq = 0;
const newId = () => `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;
const STATE: ExistingUnit = { id: 'state', kind: 'state', parentId: null, path: '/state/', version: 1, name: 'Texas', ncesId: null, stateId: null, gradeLow: null, gradeHigh: null, address: null, city: null, zip: null, latitude: null, longitude: null, level: null, schoolType: null, charter: null, status: null, archived: false };
const scope: ImportScope = { id: 'state', kind: 'state', path: '/state/', name: 'Texas', ncesId: null };

/** The units a plan would leave: what apply writes, as the next run's existing units. */
function applyPlan(existing: ExistingUnit[], plan: ImportPlan): ExistingUnit[] {
  const byId = new Map(existing.map((u) => [u.id, u]));
  for (const i of plan.items) {
    const before = byId.get(i.unitId);
    byId.set(i.unitId, { ...i.values, id: i.unitId, kind: i.kind, parentId: i.parentId, path: i.path, version: (before?.version ?? 0) + 1 });
  }
  return [...byId.values()];
}
const plan = (existing: ExistingUnit[], districts: CcdDistrict[], schools: CcdSchool[], regions: { line: number; district: string; region: string }[] | null = null, s = scope) =>
  planCcdImport({ scope: s, existing, elsewhere: [], districts, schools, regions, newId });

describe('the diff against what exists', () => {
  const districts = [district(), district({ LEAID: '4800002', STID: '063903', NAME: 'SPUR ISD' }, 3)];
  const schools = [
    school(),
    school({ NCESSCH: '480000101146', SCHNAM: 'CROSBYTON H S', SEASCH: '054901001', GSLO: '09', GSHI: '12' }, 3),
    school({ NCESSCH: '480000201150', LEAID: '4800002', SCHNAM: 'SPUR SCHOOL', SEASCH: '063903001', GSLO: 'PK', GSHI: '12' }, 4),
  ];

  it('creates districts under the state and schools under their districts; the same files again change nothing', () => {
    const first = plan([STATE], districts, schools);
    expect(first.counts).toMatchObject({ creates: 5, updates: 0, archives: 0 });
    expect(first.problems).toEqual([]);
    const crosbyton = first.items.find((i) => i.values.ncesId === '4800001')!;
    expect(crosbyton).toMatchObject({ kind: 'district', parentId: 'state', path: `/state/${crosbyton.unitId}/` });
    const el = first.items.find((i) => i.values.ncesId === '480000101145')!;
    expect(el).toMatchObject({ parentId: crosbyton.unitId, path: `${crosbyton.path}${el.unitId}/` });
    // Parents come before their children.
    expect(first.items.findIndex((i) => i === crosbyton)).toBeLessThan(first.items.findIndex((i) => i === el));

    const again = plan(applyPlan([STATE], first), districts, schools);
    expect(again.items).toEqual([]);
    expect(again.counts).toMatchObject({ creates: 0, updates: 0, archives: 0, unchanged: 5 });
  });

  it('archives a closed school, brings it back when it reopens, and never creates a closed one', () => {
    const units = applyPlan([STATE], plan([STATE], districts, schools));
    const closed = plan(units, [], [school({ STATUS: '2' })]);
    expect(closed.items).toEqual([expect.objectContaining({ action: 'archive', changes: ['status', 'archived'] })]);
    const archived = applyPlan(units, closed);
    const reopened = plan(archived, [], [school({ STATUS: '8' })]);
    expect(reopened.items).toEqual([expect.objectContaining({ action: 'update', values: expect.objectContaining({ archived: false, status: 'reopened' }) })]);
    const never = plan([STATE], districts, [school({ NCESSCH: '480000109999', STATUS: '2' })]);
    expect(never.counts.closedNotCreated).toBe(1);
    expect(never.items.filter((i) => i.kind === 'school')).toEqual([]);
  });

  it('refuses every row of a duplicated id, and a school whose district is missing', () => {
    const dup = plan([STATE], districts, [...schools, school({ SCHNAM: 'CROSBYTON EL AGAIN' }, 9), school({ NCESSCH: '489999900001', LEAID: '4899999' }, 10)]);
    expect(dup.problems.map((p) => [p.line, p.field, p.message.slice(0, 40)])).toEqual([
      [2, 'NCESSCH', '480000101145 appears more than once in t'],
      [9, 'NCESSCH', '480000101145 appears more than once in t'],
      [10, 'LEAID', 'its district (LEAID 4899999) is neither '],
    ]);
    expect(dup.items.some((i) => i.values.ncesId === '480000101145')).toBe(false);
    expect(dup.counts.creates).toBe(4);
  });

  it('puts districts in their regions, moving the schools that the files do not name along', () => {
    const units = applyPlan([STATE], plan([STATE], districts, schools));
    // Only the LEA file now, with regions by the state's district number (AskTED style, '054901).
    const withRegions = plan(units, districts, [], [
      { line: 2, district: '054901', region: '17' },
      { line: 3, district: '063903', region: '17' },
    ]);
    const region = withRegions.items.find((i) => i.kind === 'region')!;
    expect(region).toMatchObject({ action: 'create', values: expect.objectContaining({ name: 'Region 17' }), parentId: 'state' });
    const moved = withRegions.items.filter((i) => i.changes.includes('parent'));
    expect(moved.map((i) => i.values.name).sort()).toEqual(['CROSBYTON CISD', 'SPUR ISD']);
    const pathOnly = withRegions.items.filter((i) => i.changes.join() === 'path');
    expect(pathOnly).toHaveLength(3); // the three schools, not in the files, get their new path
    for (const i of pathOnly) expect(i.path.startsWith(region.path)).toBe(true);
    const after = applyPlan(units, withRegions);
    expect(plan(after, districts, [], [{ line: 2, district: '054901', region: '17' }, { line: 3, district: '063903', region: '17' }]).items).toEqual([]);
    // Two regions for one district: that row is refused.
    const twice = plan(after, districts, [], [{ line: 2, district: '4800001', region: '17' }, { line: 3, district: '4800001', region: '18' }]);
    expect(twice.problems[0]).toMatchObject({ file: 'regions', line: 3, field: 'region' });
  });

  it('into one district, takes only its rows; coordinates missing from the file are kept', () => {
    const units = applyPlan([STATE], plan([STATE], districts, schools));
    const crosbyton = units.find((u) => u.ncesId === '4800001')!;
    const onlyCrosbyton = plan(units, districts, [...schools.map((s) => ({ ...s, latitude: null, longitude: null, name: `${s.name} (renamed)` }))], null, { id: crosbyton.id, kind: 'district', path: crosbyton.path, name: crosbyton.name, ncesId: '4800001' });
    expect(onlyCrosbyton.counts.outsideScope).toBe(2); // Spur's district row and its school
    const renamed = onlyCrosbyton.items.filter((i) => i.kind === 'school');
    expect(renamed.map((i) => i.changes)).toEqual([['name'], ['name']]);
    expect(renamed[0]!.values.latitude).toBe(33.658782);
  });
});

describe('feeder patterns', () => {
  const at = (id: string, o: Partial<ExistingUnit>): ExistingUnit => ({ ...STATE, parentId: 'd', kind: 'school', name: id, ...o, id, path: `${o.path ?? '/state/d/'}${id}/` });
  const d = at('d', { kind: 'district', parentId: 'state', path: '/state/' });
  const units: ExistingUnit[] = [
    STATE,
    d,
    at('north-high', { level: 'high', latitude: 30.0, longitude: -98.0, zip: '78001', city: 'North' }),
    at('south-high', { level: 'high', latitude: 29.0, longitude: -98.0, zip: '78002', city: 'South' }),
    at('alt-high', { level: 'high', schoolType: 4, latitude: 29.5, longitude: -98.0 }),
    at('near-north', { level: 'elementary', latitude: 29.9, longitude: -98.0 }),
    at('near-south', { level: 'middle', latitude: 29.2, longitude: -98.1 }),
    at('zip-south', { level: 'elementary', zip: '78002' }),
    at('city-north', { level: 'elementary', zip: '78999', city: 'NORTH' }),
    at('nowhere', { level: 'elementary' }),
    at('k12', { level: 'other', latitude: 29.9, longitude: -98.0 }),
  ];

  it('groups elementary and middle schools with the nearest regular high school, else by ZIP, else by city', () => {
    const [s] = suggestFeederPatterns(units);
    expect(s!.highSchoolIds).toEqual(['north-high', 'south-high']);
    const by = Object.fromEntries(s!.assignments.map((a) => [a.schoolId, [a.highSchoolId, a.reason]]));
    expect(by).toEqual({
      'near-north': ['north-high', 'nearest'],
      'near-south': ['south-high', 'nearest'],
      'zip-south': ['south-high', 'zip'],
      'city-north': ['north-high', 'city'],
      nowhere: [null, 'none'],
    });
    expect(suggestFeederPatterns(units, { minHighSchools: 3 })).toEqual([]);
  });

  it('creates one feeder pattern per high school and moves the schools in; applying again changes nothing', () => {
    const [s] = suggestFeederPatterns(units);
    const first = planFeederPatterns(units, s!.assignments, newId);
    expect(first.counts.byKind.feeder_pattern.creates).toBe(2);
    expect(first.counts.byKind.school.updates).toBe(6); // 4 assigned + the 2 high schools
    const after = applyItems(units, first.items);
    const fp = after.find((u) => u.kind === 'feeder_pattern' && u.name === 'north-high feeder pattern')!;
    expect(after.find((u) => u.id === 'near-north')).toMatchObject({ parentId: fp.id, path: `/state/d/${fp.id}/near-north/` });
    const again = planFeederPatterns(after, suggestFeederPatterns(after)[0]!.assignments, newId);
    expect(again.items).toEqual([]);
  });

  it('refuses a high school of another district', () => {
    const other = at('other-high', { level: 'high', parentId: 'd2', path: '/state/d2/' });
    const d2 = at('d2', { kind: 'district', parentId: 'state', path: '/state/' });
    const r = planFeederPatterns([...units, d2, other], [{ schoolId: 'near-north', highSchoolId: 'other-high', reason: 'edited', distanceKm: null }], newId);
    expect(r.problems[0]!.message).toMatch(/another district/);
    expect(r.items).toEqual([]);
  });
});

function applyItems(units: ExistingUnit[], items: ImportItem[]): ExistingUnit[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  for (const i of items) byId.set(i.unitId, { ...i.values, id: i.unitId, kind: i.kind, parentId: i.parentId, path: i.path, version: (byId.get(i.unitId)?.version ?? 0) + 1 });
  return [...byId.values()];
}

describe('regions and feeder files', () => {
  it('reads the AskTED directory (apostrophes) and a plain CSV', () => {
    const h = readRegionsHeader(['County Number', 'County Name', 'Region Number', 'District Number', 'District Name']);
    expect(isImportProblem(h)).toBe(false);
    expect(parseRegionRow(h as never, ["'001", 'ANDERSON COUNTY', "'07", "'001902", 'CAYUGA ISD'], 2)).toEqual({ line: 2, district: '001902', region: '07' });
    const plain = readRegionsHeader(['leaid', 'region']);
    expect(parseRegionRow(plain as never, ['4800001', ''], 3)).toMatchObject({ field: 'region', message: 'has no region' });
    expect(isImportProblem(readRegionsHeader(['name', 'value']))).toBe(true);
  });

  it('reads a feeder file of NCES ids', () => {
    const h = readFeedersHeader(['NCESSCH', 'High school']);
    expect(parseFeederRow(h as never, ['480000101145', '480000101146'], 2)).toEqual({ line: 2, school: '480000101145', highSchool: '480000101146' });
    expect(parseFeederRow(h as never, ['4800', '480000101146'], 3)).toMatchObject({ field: 'school' });
  });
});
