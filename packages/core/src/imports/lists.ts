// The two small files that go with a directory import: regions (district → region) and feeder
// patterns (school → its high school). Headers match case-, space- and punctuation-insensitively.
// - Regions: the Texas agency's AskTED directory as it downloads ("District Number", "Region
//   Number"; ids with a leading apostrophe), or any CSV with a district column (LEAID or the state's
//   district id) and a region column (a number or a name).
// - Feeders: a school column and a high school column, both NCES school ids (NCESSCH).
import type { ImportProblem } from './ccd.js';
import type { RegionAssignment } from './plan.js';

const key = (h: string) => h.replace(/^\ufeff/, '').toLowerCase().replace(/[^a-z0-9]/g, '');

const DISTRICT_COLUMNS = ['districtnumber', 'leaid', 'ncesdistrictid', 'ncesleaid', 'district', 'districtid', 'stid', 'stleaid', 'statedistrictid'];
const REGION_COLUMNS = ['regionname', 'region', 'regionnumber', 'esc', 'escregion', 'servicecenter'];
const SCHOOL_COLUMNS = ['school', 'schoolnces', 'schoolncesid', 'ncessch', 'schoolid'];
const HIGH_COLUMNS = ['highschool', 'highschoolnces', 'highschoolncesid', 'feedshighschool', 'feedsinto', 'feederhighschool', 'highschoolid'];

export interface ListHeader {
  columnCount: number;
  first: number;
  second: number;
}

function findColumns(file: 'regions' | 'feeders', header: readonly string[], firsts: string[], seconds: string[], describe: string): ListHeader | ImportProblem {
  const names = header.map(key);
  const first = firsts.map((c) => names.indexOf(c)).find((i) => i >= 0);
  const second = seconds.map((c) => names.indexOf(c)).find((i) => i >= 0);
  if (first === undefined || second === undefined) return { file, line: 1, key: null, name: null, field: null, message: `The file needs ${describe}; its header is: ${header.slice(0, 8).join(', ')}${header.length > 8 ? ', …' : ''}.` };
  return { columnCount: header.length, first, second };
}

export const readRegionsHeader = (header: readonly string[]) =>
  findColumns('regions', header, DISTRICT_COLUMNS, REGION_COLUMNS, 'a district column (District Number, LEAID or district) and a region column (Region Number or region)');

export const readFeedersHeader = (header: readonly string[]) =>
  findColumns('feeders', header, SCHOOL_COLUMNS, HIGH_COLUMNS, 'a school column (NCESSCH or school) and a high school column (high school), both NCES school ids');

const clean = (v: string | undefined) => (v ?? '').trim().replace(/^'/, '').trim();

/** A row of a regions file, or its problem; blank rows give null. */
export function parseRegionRow(h: ListHeader, record: readonly string[], line: number): RegionAssignment | ImportProblem | null {
  const district = clean(record[h.first]);
  const region = clean(record[h.second]);
  if (district === '' && region === '') return null;
  if (district === '') return { file: 'regions', line, key: null, name: null, field: 'district', message: 'has no district id' };
  if (region === '') return { file: 'regions', line, key: district, name: null, field: 'region', message: 'has no region' };
  if (region.length > 200) return { file: 'regions', line, key: district, name: null, field: 'region', message: 'the region name is longer than 200 characters' };
  return { line, district, region };
}

export interface FeederRow {
  line: number;
  school: string;
  highSchool: string | null;
}

/** A row of a feeders file, or its problem. An empty high school means "stays where it is". */
export function parseFeederRow(h: ListHeader, record: readonly string[], line: number): FeederRow | ImportProblem | null {
  const school = clean(record[h.first]);
  const high = clean(record[h.second]);
  if (school === '' && high === '') return null;
  if (!/^\d{11,12}$/.test(school)) return { file: 'feeders', line, key: school || null, name: null, field: 'school', message: `"${school}" is not an NCES school id (12 digits)` };
  if (high !== '' && !/^\d{11,12}$/.test(high)) return { file: 'feeders', line, key: school, name: null, field: 'highSchool', message: `"${high}" is not an NCES school id (12 digits)` };
  return { line, school: school.padStart(12, '0'), highSchool: high === '' ? null : high.padStart(12, '0') };
}
