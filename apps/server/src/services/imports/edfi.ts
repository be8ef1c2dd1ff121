// Ed-Fi education organization imports: JSON files as the Ed-Fi API returns them (an array of
// StateEducationAgency, EducationServiceCenter, LocalEducationAgency or School resources, or a mix),
// streamed resource by resource (@streamparser/json), never held whole. The plan is core's
// planOrgImport; the run is stored, applied and discarded as a CCD run is.
import { randomUUID } from 'node:crypto';
import { JSONParser } from '@streamparser/json';
import { feederAssignmentsFromEdfi, invalid, parseEdfiResource, planFeederPatterns, planOrgImport, type DistrictFeeders, type EdfiFeederLink, type ExistingUnit, type ImportFileInfo, type ImportProblem, type ImportRun, type OrgRow } from '@trellis/core';
import { findSourceUnitsElsewhere, listDirectoryUnits } from '@trellis/db';
import type { ServiceContext } from '../../context.js';
import { importUnit, storeRun, type OnProgress, type UploadedFile } from './ccd.js';
import { TextSniffer, Utf16Error } from './csv-stream.js';
import { checkStateScope } from './oneroster.js';

export class EdfiFiles {
  rows: OrgRow[] = [];
  /** FeederSchoolAssociation resources: read when the upload holds nothing else (feeder patterns to review). */
  feeders: EdfiFeederLink[] = [];
  /** Resources of other types (programs, community organizations…): left out. */
  others = 0;
  problems: ImportProblem[] = [];
  files: ImportFileInfo[] = [];
  unusable = new Map<string, string>();

  async add(file: UploadedFile, onProgress?: OnProgress): Promise<void> {
    const sniffer = new TextSniffer();
    let bytes = 0;
    let count = 0;
    let started = false;
    let error: string | null = null;
    const parser = new JSONParser({ paths: ['$.*'], keepStack: false });
    parser.onValue = ({ value, stack }) => {
      if (stack.length !== 1) return;
      count++;
      if (JSON.stringify(value).includes('\\u0000')) {
        this.problems.push({ file: 'edfi', line: count, key: null, name: null, field: null, message: `resource ${count} of ${file.name.slice(0, 200)} holds a NUL character (\\u0000), which Trellis cannot store; it is left out` });
        return;
      }
      const r = parseEdfiResource(value, count);
      if (!r.ok) this.problems.push(r.problem);
      else if (r.row) this.rows.push(r.row);
      else if ('feeder' in r) this.feeders.push(r.feeder);
      else this.others++;
    };
    const fail = (message: string) => {
      error ??= message;
    };
    try {
      for await (const chunk of file.stream) {
        const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        bytes += buf.length;
        onProgress?.({ phase: 'reading', file: file.name, done: bytes, total: file.size ?? null });
        if (error) continue; // read the upload through
        let text = sniffer.write(buf);
        if (!started) {
          const trimmed = text.trimStart();
          if (trimmed === '') continue;
          started = true;
          if (trimmed[0] !== '[') {
            fail(trimmed[0] === '{' ? 'The file holds one JSON object; Trellis reads an array of Ed-Fi resources, as GET /ed-fi/schools (or localEducationAgencies…) returns it. Put the resource in [ ].' : 'The file is not JSON: it should be an array of Ed-Fi resources, as the Ed-Fi API returns them.');
            continue;
          }
          text = trimmed;
        }
        if (parser.isEnded) {
          if (text.trim() !== '') fail('The file has more after its array of resources; send one JSON array per file.');
          continue;
        }
        try {
          parser.write(text);
        } catch (e) {
          if (parser.isEnded) {
            fail('The file has more after its array of resources; send one JSON array per file.');
            continue;
          }
          fail(`The file is not valid JSON after resource ${count}: ${(e as Error).message}. The resources before it were read.`);
        }
      }
      if (!error && started && !parser.isEnded) {
        const rest = sniffer.end();
        try {
          if (rest.trim()) parser.write(rest);
        } catch {
          // reported below as a cut file
        }
      }
    } catch (e) {
      if (e instanceof Utf16Error) fail(e.message);
      else throw e;
    }
    if (!started && !error) fail('The file is empty.');
    if (!error && !parser.isEnded) fail(`The file ends in the middle of a JSON value: it looks cut short (truncated). The ${count} resource${count === 1 ? '' : 's'} before that were read.`);
    if (error) {
      this.problems.push({ file: 'edfi', line: null, key: null, name: file.name.slice(0, 200), field: null, message: error });
      if (count === 0) this.unusable.set(file.name, error);
    }
    this.files.push({ slot: 'edfi', name: file.name.slice(0, 200), layout: 'Ed-Fi API JSON', encoding: sniffer.encoding, rows: count, bytes });
  }
}

/** Reads Ed-Fi education organization files for the state `unitId` and stores what importing them would do. */
export async function previewEdfiImport(ctx: ServiceContext, unitId: string, upload: (files: EdfiFiles) => Promise<void>, onProgress?: OnProgress): Promise<ImportRun> {
  const unit = await importUnit(ctx, ctx.db, unitId);
  checkStateScope(unit, 'An Ed-Fi import');
  const files = new EdfiFiles();
  await upload(files);
  if (files.files.length === 0) throw invalid('Upload one or more Ed-Fi JSON files (field edfi).', [{ field: 'edfi', message: 'is missing' }]);
  if (files.files.every((f) => files.unusable.has(f.name))) {
    throw invalid('No file can be used: ' + files.files.map((f) => `${f.name}: ${files.unusable.get(f.name)}`).join(' '), files.files.map(() => ({ field: 'edfi', message: 'cannot be read' })));
  }
  onProgress?.({ phase: 'checking', done: 0, total: null });
  const existing = await listDirectoryUnits(ctx.db, unit.path);
  if (files.rows.length === 0 && files.feeders.length > 0) return previewEdfiFeeders(ctx, unit, existing, files, onProgress);
  if (files.feeders.length > 0) {
    files.problems.push({ file: 'edfi', line: null, key: null, name: null, field: 'FeederSchoolAssociation', message: `${files.feeders.length} FeederSchoolAssociation resource${files.feeders.length === 1 ? ' is' : 's are'} left out: feeder patterns are read from an upload of FeederSchoolAssociations alone, once the schools are imported` });
  }
  const elsewhere = await findSourceUnitsElsewhere(ctx.db, unit.path, 'edfi', files.rows.map((r) => r.key), files.rows.flatMap((r) => (r.ncesId ? [r.ncesId] : [])));
  const plan = planOrgImport({ source: 'edfi', scope: { id: unit.id, kind: unit.kind, path: unit.path, name: unit.name, ncesId: unit.ncesId }, existing, elsewhere, rows: files.rows, refusedRows: new Map(files.problems.filter((p) => p.key !== null).map((p) => [p.key!, { name: p.name, line: p.line, message: p.message }])), newId: randomUUID });
  files.rows = [];
  return storeRun(ctx, unit, 'edfi', { items: plan.items, problems: [...files.problems, ...plan.problems], counts: plan.counts }, files.files, undefined, onProgress);
}

/** FeederSchoolAssociations (elementary → middle → high) as a feeder-pattern run to review, as a feeder file is (0014). */
async function previewEdfiFeeders(ctx: ServiceContext, unit: Awaited<ReturnType<typeof importUnit>>, units: ExistingUnit[], files: EdfiFiles, onProgress?: OnProgress): Promise<ImportRun> {
  const { assignments, problems } = feederAssignmentsFromEdfi(files.feeders, units, unit.name);
  const byId = new Map(units.map((u) => [u.id, u]));
  const districtOf = (u: ExistingUnit) => {
    let p = u.parentId ? byId.get(u.parentId) : undefined;
    while (p && p.kind !== 'district') p = p.parentId ? byId.get(p.parentId) : undefined;
    return p ?? null;
  };
  const perDistrict = new Map<string, DistrictFeeders>();
  for (const a of assignments) {
    const district = districtOf(byId.get(a.schoolId)!);
    if (!district) continue;
    const entry = perDistrict.get(district.id) ?? { districtId: district.id, highSchoolIds: [], assignments: [] };
    if (a.highSchoolId && !entry.highSchoolIds.includes(a.highSchoolId)) entry.highSchoolIds.push(a.highSchoolId);
    entry.assignments.push(a);
    perDistrict.set(district.id, entry);
  }
  const plan = planFeederPatterns(units, assignments, randomUUID);
  return storeRun(ctx, unit, 'feeders', { ...plan, problems: [...files.problems, ...problems, ...plan.problems] }, files.files, [...perDistrict.values()], onProgress);
}
