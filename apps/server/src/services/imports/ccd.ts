// Directory imports (NCES CCD districts and schools, regions, feeder patterns): read the files as
// they stream in, work out the changes (core's planCcdImport), store them as a preview, and apply
// exactly that preview in one transaction. Used by the API routes and the CLI alike.
import { randomUUID } from 'node:crypto';
import {
  authorize,
  conflict,
  invalid,
  isImportProblem,
  notFound,
  parseCcdDistrict,
  parseCcdSchool,
  parseFeederRow,
  parseRegionRow,
  planCcdImport,
  planFeederPatterns,
  readCcdHeader,
  readFeedersHeader,
  readRegionsHeader,
  staleVersion,
  suggestFeederPatterns,
  type CcdDistrict,
  type CcdHeader,
  type CcdSchool,
  type DistrictFeeders,
  type ExistingUnit,
  type FeederAssignmentsUpdate,
  type FeederReview,
  type ImportApply,
  type ImportChangePage,
  type ImportCounts,
  type ImportFileInfo,
  type ImportItem,
  type ImportProblem,
  type ImportProblemPage,
  type ImportRun,
  type ImportRunQuery,
  type ListHeader,
  type RegionAssignment,
  type Unit,
} from '@trellis/core';
import {
  applyImportItems,
  deleteImportItems,
  findDirectoryUnitsElsewhere,
  findImportRun,
  findUnit,
  insertImportItems,
  insertImportProblems,
  insertImportRun,
  listDirectoryUnits,
  listImportChanges,
  listImportProblems,
  listImportRuns,
  lockTreeForMove,
  recordAuditEvent,
  staleImportItems,
  uniqueViolation,
  updateImportRun,
  type ImportRunKind,
  type ImportRunRecord,
  type Queryable,
} from '@trellis/db';
import type { ServiceContext } from '../../context.js';
import { nulProblem, readCsv } from './csv-stream.js';
import { applyRunPeople, peopleOfRun } from './people.js';

export type ImportSlot = 'schools' | 'leas' | 'regions' | 'feeders' | 'orgs' | 'users' | 'roles' | 'edfi';

export interface UploadedFile {
  slot: ImportSlot;
  name: string;
  stream: AsyncIterable<Uint8Array | string>;
  /** Bytes, when known (a file on disk): lets the CLI show a percentage. */
  size?: number | null;
}

export interface ImportProgress {
  phase: 'reading' | 'checking' | 'saving' | 'applying' | 'done';
  /** The file being read, in the reading phase. */
  file?: string;
  done: number;
  total: number | null;
}
export type OnProgress = (p: ImportProgress) => void;

// ---- Reading ------------------------------------------------------------------------------------

/** Collects the rows of the uploaded files, whatever their order, with every problem found. */
export class DirectoryFiles {
  schools: CcdSchool[] = [];
  districts: CcdDistrict[] = [];
  regions: RegionAssignment[] | null = null;
  feeders: { line: number; school: string; highSchool: string | null }[] | null = null;
  problems: ImportProblem[] = [];
  files: ImportFileInfo[] = [];
  /** Slots whose file could not be used at all (wrong columns, empty, UTF-16). */
  unusable = new Map<ImportSlot, string>();

  async add(file: UploadedFile, onProgress?: OnProgress): Promise<void> {
    let header: CcdHeader | ListHeader | null = null;
    // The header could not be used: the rest of the file is read through (the upload must finish) but not parsed.
    let skip = false;
    let rows = 0;
    const fileProblem = (message: string, line: number | null = null) => this.problems.push({ file: file.slot, line, key: null, name: null, field: null, message });
    if (file.slot === 'regions') this.regions ??= [];
    if (file.slot === 'feeders') this.feeders ??= [];
    const result = await readCsv(
      file.stream,
      (record, line) => {
        if (skip) return;
        if (header === null) {
          const h = file.slot === 'schools' || file.slot === 'leas' ? readCcdHeader(file.slot, record) : file.slot === 'regions' ? readRegionsHeader(record) : readFeedersHeader(record);
          if (isImportProblem(h)) {
            this.problems.push(h);
            this.unusable.set(file.slot, h.message);
            skip = true;
            return;
          }
          header = h;
          return;
        }
        rows++;
        const nul = nulProblem(file.slot, record, line);
        if (nul) return void this.problems.push(nul);
        if (file.slot === 'schools') {
          const r = parseCcdSchool(header as CcdHeader, record, line);
          if (r.ok) this.schools.push(r.row);
          else this.problems.push(...r.problems);
        } else if (file.slot === 'leas') {
          const r = parseCcdDistrict(header as CcdHeader, record, line);
          if (r.ok) this.districts.push(r.row);
          else this.problems.push(...r.problems);
        } else if (file.slot === 'regions') {
          const r = parseRegionRow(header as ListHeader, record, line);
          if (r === null) return;
          if (isImportProblem(r)) this.problems.push(r);
          else this.regions!.push(r);
        } else {
          const r = parseFeederRow(header as ListHeader, record, line);
          if (r === null) return;
          if (isImportProblem(r)) this.problems.push(r);
          else this.feeders!.push(r);
        }
      },
      (bytes) => onProgress?.({ phase: 'reading', file: file.name, done: bytes, total: file.size ?? null }),
    );
    if (result.error) {
      fileProblem(result.error.message, result.error.line);
      if (result.records === 0) this.unusable.set(file.slot, result.error.message);
    } else if (result.records === 0) {
      fileProblem('The file is empty.');
      this.unusable.set(file.slot, 'is empty');
    }
    const layout = header && 'layout' in (header as CcdHeader) ? (header as CcdHeader).layout : null;
    this.files.push({ slot: file.slot, name: file.name.slice(0, 200), layout, encoding: result.encoding, rows, bytes: result.bytes });
  }
}

// ---- Runs ---------------------------------------------------------------------------------------

const SCOPE_KINDS = ['state', 'district'] as const;

export async function importUnit(ctx: ServiceContext, q: Queryable, unitId: string): Promise<Unit> {
  const unit = await findUnit(q, unitId);
  if (!unit) throw notFound('The unit');
  authorize(ctx.caller, 'import.manage', unit.path);
  return unit;
}

function checkScope(unit: Unit, kind: 'ccd' | 'feeders') {
  if (!(SCOPE_KINDS as readonly string[]).includes(unit.kind)) {
    throw invalid(`A directory is imported into a state (or one district); ${unit.name} is a ${unit.kind.replace('_', ' ')}.`, [{ field: 'unitId', message: 'must be a state or a district' }]);
  }
  if (unit.archived) throw invalid(`${unit.name} is archived: bring it back before importing into it.`, [{ field: 'unitId', message: 'is archived' }]);
  if (kind === 'ccd' && unit.kind === 'district' && !unit.ncesId) {
    throw invalid(`${unit.name} has no NCES id (LEAID), so its schools cannot be found in a CCD file. Give it its LEAID first.`, [{ field: 'unitId', message: 'has no NCES id' }]);
  }
}

export const actorOf = (ctx: ServiceContext) => (ctx.caller.personId && /^[0-9a-f-]{36}$/i.test(ctx.caller.personId) ? ctx.caller.personId : null);

export const toApiRun = (r: ImportRunRecord): ImportRun => ({
  id: r.id,
  kind: r.kind,
  unitId: r.unitId,
  unitName: r.unitName,
  status: r.status,
  counts: r.counts,
  problemCount: r.problemCount,
  files: r.files,
  createdAt: r.createdAt,
  createdByName: r.createdByName,
  appliedAt: r.appliedAt,
  version: r.version,
  people: peopleOfRun(r),
});

const sortProblems = (problems: ImportProblem[]) => {
  const order = { leas: 0, schools: 1, regions: 2, feeders: 3, orgs: 4, edfi: 5, users: 6, roles: 7 } as const;
  return [...problems].sort((a, b) => order[a.file] - order[b.file] || (a.line ?? 0) - (b.line ?? 0));
};

export async function storeRun(
  ctx: ServiceContext,
  unit: Unit,
  kind: ImportRunKind,
  plan: { items: ImportItem[]; problems: ImportProblem[]; counts: ImportCounts },
  files: ImportFileInfo[],
  feeders: DistrictFeeders[] | undefined,
  onProgress?: OnProgress,
  people?: { roleMapping: unknown; store: (tx: Queryable, runId: string) => Promise<void> },
): Promise<ImportRun> {
  const id = randomUUID();
  const problems = sortProblems(plan.problems);
  plan.counts.problemRows = new Set(problems.map((p) => `${p.file}:${p.line ?? 'file'}`)).size;
  await ctx.db.transaction(async (tx) => {
    await insertImportRun(tx, { id, kind, unitId: unit.id, unitPath: unit.path, counts: plan.counts, problemCount: problems.length, files, feeders, roleMapping: people?.roleMapping, createdBy: actorOf(ctx) });
    await people?.store(tx, id);
    await insertImportItems(tx, id, plan.items, 0, (done) => onProgress?.({ phase: 'saving', done, total: plan.items.length }));
    await insertImportProblems(tx, id, problems);
    await recordAuditEvent(tx, {
      actorId: actorOf(ctx),
      action: 'import.preview',
      entityType: 'import_run',
      entityId: id,
      unitId: unit.id,
      before: null,
      after: { kind, files: files.map((f) => ({ slot: f.slot, name: f.name, rows: f.rows })), creates: plan.counts.creates, updates: plan.counts.updates, archives: plan.counts.archives, problems: problems.length },
      requestId: ctx.requestId,
    });
  });
  const run = await findImportRun(ctx.db, id);
  return toApiRun(run!);
}

/**
 * Reads the CCD files (schools, LEAs, optionally regions) for the state or district `unitId` and
 * stores what importing them would do. Writes no unit.
 */
export async function previewCcdImport(ctx: ServiceContext, unitId: string, upload: (files: DirectoryFiles) => Promise<void>, onProgress?: OnProgress): Promise<ImportRun> {
  const unit = await importUnit(ctx, ctx.db, unitId);
  checkScope(unit, 'ccd');
  const files = new DirectoryFiles();
  await upload(files);
  const slots = files.files.map((f) => f.slot);
  if (!slots.includes('schools') && !slots.includes('leas')) {
    throw invalid('Upload a CCD school file, an LEA (district) file, or both.', [{ field: 'schools', message: 'is missing (and so is leas)' }]);
  }
  const ccdSlots = slots.filter((s) => s === 'schools' || s === 'leas');
  if (ccdSlots.every((s) => files.unusable.has(s))) {
    throw invalid('No file can be used: ' + ccdSlots.map((s) => `${s === 'schools' ? 'the school file' : 'the LEA file'}: ${files.unusable.get(s)}`).join(' '), ccdSlots.map((s) => ({ field: s, message: files.unusable.get(s)! })));
  }
  onProgress?.({ phase: 'checking', done: 0, total: null });
  const existing = await listDirectoryUnits(ctx.db, unit.path);
  const ncesIds = [...files.districts.map((d) => d.ncesId), ...files.schools.map((s) => s.ncesId)];
  const stateIds = [
    ...files.districts.filter((d) => d.stateId).map((d) => ({ kind: 'district', stateId: d.stateId! })),
    ...files.schools.filter((s) => s.stateId).map((s) => ({ kind: 'school', stateId: s.stateId! })),
  ];
  const elsewhere = await findDirectoryUnitsElsewhere(ctx.db, unit.path, ncesIds, stateIds);
  const plan = planCcdImport({
    scope: { id: unit.id, kind: unit.kind, path: unit.path, name: unit.name, ncesId: unit.ncesId },
    existing,
    elsewhere,
    districts: files.districts,
    schools: files.schools,
    regions: files.regions,
    newId: randomUUID,
  });
  // The plan holds what it needs: let the parsed rows go before the preview is stored (national files).
  files.schools = [];
  files.districts = [];
  return storeRun(ctx, unit, 'ccd', { ...plan, problems: [...files.problems, ...plan.problems] }, files.files, undefined, onProgress);
}

export async function runFor(ctx: ServiceContext, q: Queryable, id: string, opts: { lock?: boolean } = {}): Promise<{ run: ImportRunRecord; unit: Unit }> {
  const run = await findImportRun(q, id, opts);
  if (!run) throw notFound('The import');
  const unit = await findUnit(q, run.unitId);
  if (!unit) throw notFound('The import');
  authorize(ctx.caller, 'import.manage', unit.path, 'The import');
  return { run, unit };
}

export async function getImportRun(ctx: ServiceContext, id: string): Promise<ImportRun> {
  return toApiRun((await runFor(ctx, ctx.db, id)).run);
}

export async function listUnitImportRuns(ctx: ServiceContext, unitId: string): Promise<ImportRun[]> {
  const unit = await importUnit(ctx, ctx.db, unitId);
  const runs = await listImportRuns(ctx.db, [unit.path], 50);
  return runs.filter((r) => r.unitId === unit.id).map(toApiRun);
}

const paging = (query: ImportRunQuery) => {
  const pageSize = query.pageSize ?? 50;
  const page = query.page ?? 1;
  return { page, pageSize, offset: (page - 1) * pageSize };
};

export async function getImportProblems(ctx: ServiceContext, id: string, query: ImportRunQuery): Promise<ImportProblemPage> {
  const { run } = await runFor(ctx, ctx.db, id);
  const { page, pageSize, offset } = paging(query);
  return { total: run.problemCount, page, pageSize, problems: await listImportProblems(ctx.db, id, offset, pageSize) };
}

export async function getImportChanges(ctx: ServiceContext, id: string, query: ImportRunQuery): Promise<ImportChangePage> {
  await runFor(ctx, ctx.db, id);
  const { page, pageSize, offset } = paging(query);
  const { total, rows } = await listImportChanges(ctx.db, id, offset, pageSize);
  return { total, page, pageSize, changes: rows };
}

/**
 * Applies a previewed run in one transaction: every create and update, or nothing. Refuses when the
 * run has problems and `skipProblems` is false, when the run was edited since the caller loaded it,
 * and when any unit it touches changed since the preview.
 */
export async function applyImportRun(ctx: ServiceContext, id: string, body: ImportApply, onProgress?: OnProgress): Promise<ImportRun> {
  await ctx.db.transaction(async (tx) => {
    // Imports move subtrees: no other move or create may interleave (see lockTreeForMove).
    await lockTreeForMove(tx);
    const { run, unit } = await runFor(ctx, tx, id, { lock: true });
    if (run.status !== 'previewed') throw conflict(`This import was already ${run.status}. Preview the files again to import them.`, [{ field: 'version', message: `the import is ${run.status}` }]);
    if (run.version !== body.version) throw staleVersion('The import');
    if (unit.path !== run.unitPath) throw conflict(`${unit.name} moved since the preview. Preview the files again.`, [{ field: 'version', message: 'the preview is out of date' }]);
    if (run.problemCount > 0 && !body.skipProblems) {
      throw invalid(`${run.problemCount} problem${run.problemCount === 1 ? '' : 's'} in the files. Fix the files and preview again, or apply leaving out the rows with problems.`, [
        { field: 'skipProblems', message: `must be true to apply without the ${run.counts.problemRows} row(s) with problems` },
      ]);
    }
    const stale = await staleImportItems(tx, id);
    if (stale.length > 0) {
      throw conflict(`Some units changed since the preview (${stale.map((s) => s.name).join(', ')}). Preview the files again to see the changes as they are now.`, [{ field: 'version', message: 'the preview is out of date' }]);
    }
    onProgress?.({ phase: 'applying', done: 0, total: run.counts.creates + run.counts.updates + run.counts.archives });
    let result;
    try {
      result = await applyImportItems(tx, id);
    } catch (e) {
      if (uniqueViolation(e)) throw conflict('A unit with the same NCES id or state id was added since the preview. Preview the files again.', [{ field: 'version', message: 'the preview is out of date' }]);
      throw e;
    }
    if (result.updated !== result.expectedUpdates) throw conflict('Some units changed while the import ran. Preview the files again.', [{ field: 'version', message: 'the preview is out of date' }]);
    // OneRoster users: the people the reviewed mapping keeps, and their grants (same transaction).
    const people = run.kind === 'oneroster' && run.roleMapping ? await applyRunPeople(tx, run, actorOf(ctx)) : null;
    if (!(await updateImportRun(tx, id, run.version, { status: 'applied', appliedBy: actorOf(ctx) }))) throw staleVersion('The import');
    // One event for the whole import, with its counts: the rows themselves are in the run's items.
    await recordAuditEvent(tx, {
      actorId: actorOf(ctx),
      action: 'import.apply',
      entityType: 'import_run',
      entityId: id,
      unitId: unit.id,
      before: null,
      after: {
        kind: run.kind,
        files: run.files.map((f) => ({ slot: f.slot, name: f.name, rows: f.rows })),
        created: result.created,
        updated: run.counts.updates,
        archived: run.counts.archives,
        unchanged: run.counts.unchanged,
        skippedProblemRows: run.counts.problemRows,
        byKind: run.counts.byKind,
        ...(people ? { people } : {}),
      },
      requestId: ctx.requestId,
    });
    onProgress?.({ phase: 'done', done: result.created + result.updated, total: result.created + result.updated });
  });
  return getImportRun(ctx, id);
}

export async function discardImportRun(ctx: ServiceContext, id: string, version: number): Promise<ImportRun> {
  await ctx.db.transaction(async (tx) => {
    const { run, unit } = await runFor(ctx, tx, id, { lock: true });
    if (run.status !== 'previewed') throw conflict(`This import was already ${run.status}.`, [{ field: 'version', message: `the import is ${run.status}` }]);
    if (!(await updateImportRun(tx, id, version, { status: 'discarded' }))) throw staleVersion('The import');
    await deleteImportItems(tx, id);
    await recordAuditEvent(tx, { actorId: actorOf(ctx), action: 'import.discard', entityType: 'import_run', entityId: id, unitId: unit.id, before: null, after: { kind: run.kind }, requestId: ctx.requestId });
  });
  return getImportRun(ctx, id);
}

// ---- Feeder patterns ----------------------------------------------------------------------------

function flatten(districts: DistrictFeeders[]) {
  return districts.flatMap((d) => d.assignments);
}

/** Suggests feeder patterns for the districts of the unit with at least `minHighSchools` high schools. */
export async function suggestFeeders(ctx: ServiceContext, unitId: string, minHighSchools: number | undefined): Promise<ImportRun> {
  const unit = await importUnit(ctx, ctx.db, unitId);
  checkScope(unit, 'feeders');
  const units = await listDirectoryUnits(ctx.db, unit.path);
  const suggestions = suggestFeederPatterns(units, { minHighSchools });
  const plan = planFeederPatterns(units, flatten(suggestions), randomUUID);
  return storeRun(ctx, unit, 'feeders', plan, [], suggestions);
}

/** Reads a feeder file (school NCES id → high school NCES id) into a feeder run to review. */
export async function previewFeederFile(ctx: ServiceContext, unitId: string, upload: (files: DirectoryFiles) => Promise<void>): Promise<ImportRun> {
  const unit = await importUnit(ctx, ctx.db, unitId);
  checkScope(unit, 'feeders');
  const files = new DirectoryFiles();
  await upload(files);
  if (files.feeders === null) throw invalid('Upload a feeder file.', [{ field: 'feeders', message: 'is missing' }]);
  if (files.unusable.has('feeders')) throw invalid(`The feeder file cannot be used: ${files.unusable.get('feeders')}`, [{ field: 'feeders', message: files.unusable.get('feeders')! }]);
  const units = await listDirectoryUnits(ctx.db, unit.path);
  const byNces = new Map(units.filter((u) => u.kind === 'school' && u.ncesId).map((u) => [u.ncesId!, u]));
  const problems = [...files.problems];
  const perDistrict = new Map<string, DistrictFeeders>();
  const districtOf = districtFinder(units);
  const assignments: (DistrictFeeders['assignments'][number] & { line: number })[] = [];
  for (const row of files.feeders) {
    const school = byNces.get(row.school);
    if (!school) {
      problems.push({ file: 'feeders', line: row.line, key: row.school, name: null, field: 'school', message: `no school of ${unit.name} has the NCES id ${row.school}` });
      continue;
    }
    const high = row.highSchool === null ? null : byNces.get(row.highSchool);
    if (high === undefined) {
      problems.push({ file: 'feeders', line: row.line, key: row.school, name: school.name, field: 'highSchool', message: `no school of ${unit.name} has the NCES id ${row.highSchool}` });
      continue;
    }
    const district = districtOf(school);
    if (!district) continue;
    const entry = perDistrict.get(district.id) ?? { districtId: district.id, highSchoolIds: [], assignments: [] };
    if (high && !entry.highSchoolIds.includes(high.id)) entry.highSchoolIds.push(high.id);
    const a = { schoolId: school.id, highSchoolId: high?.id ?? null, reason: 'file' as const, distanceKm: null, line: row.line };
    entry.assignments.push(a);
    assignments.push(a);
    perDistrict.set(district.id, entry);
  }
  const plan = planFeederPatterns(units, assignments, randomUUID);
  return storeRun(ctx, unit, 'feeders', { ...plan, problems: [...problems, ...plan.problems] }, files.files, [...perDistrict.values()]);
}

function districtFinder(units: ExistingUnit[]) {
  const byId = new Map(units.map((u) => [u.id, u]));
  return (u: ExistingUnit): ExistingUnit | null => {
    let p = u.parentId ? byId.get(u.parentId) : undefined;
    while (p && p.kind !== 'district') p = p.parentId ? byId.get(p.parentId) : undefined;
    return p ?? null;
  };
}

/** The suggested (or edited) assignments of a feeder run, a page of districts at a time. */
export async function getFeederReview(ctx: ServiceContext, id: string, query: ImportRunQuery): Promise<FeederReview> {
  const { run } = await runFor(ctx, ctx.db, id);
  if (run.kind !== 'feeders') throw notFound('The feeder review of this import');
  const districts = (run.feeders ?? []) as DistrictFeeders[];
  const { page, pageSize, offset } = paging({ page: query.page, pageSize: query.pageSize ?? 10 });
  const slice = districts.slice(offset, offset + pageSize);
  const ids = [...new Set(slice.flatMap((d) => [d.districtId, ...d.highSchoolIds, ...d.assignments.map((a) => a.schoolId)]))];
  const rows = ids.length === 0 ? [] : await ctx.db.query<{ id: string; name: string; level: string | null }>('select id, name, level from units where id = any($1::uuid[])', [ids]);
  const names = new Map(rows.map((r) => [r.id, r]));
  return {
    total: districts.length,
    page,
    pageSize,
    districts: slice.map((d) => ({
      districtId: d.districtId,
      districtName: names.get(d.districtId)?.name ?? 'District',
      highSchools: d.highSchoolIds.map((h) => ({ id: h, name: names.get(h)?.name ?? 'High school' })),
      assignments: d.assignments.map((a) => ({ schoolId: a.schoolId, schoolName: names.get(a.schoolId)?.name ?? 'School', level: names.get(a.schoolId)?.level ?? null, highSchoolId: a.highSchoolId, reason: a.reason, distanceKm: a.distanceKm })),
    })),
  };
}

/** Changes assignments of a feeder run before it is applied; the run's writes are worked out again. */
export async function editFeeders(ctx: ServiceContext, id: string, body: FeederAssignmentsUpdate): Promise<ImportRun> {
  await ctx.db.transaction(async (tx) => {
    const { run, unit } = await runFor(ctx, tx, id, { lock: true });
    if (run.kind !== 'feeders') throw invalid('Only a feeder-pattern import has assignments to edit.', [{ field: 'assignments', message: 'this import has no feeder assignments' }]);
    if (run.status !== 'previewed') throw conflict(`This import was already ${run.status}.`, [{ field: 'version', message: `the import is ${run.status}` }]);
    if (run.version !== body.version) throw staleVersion('The import');
    const districts = structuredClone((run.feeders ?? []) as DistrictFeeders[]);
    const where = new Map<string, { d: DistrictFeeders; i: number }>();
    districts.forEach((d) => d.assignments.forEach((a, i) => where.set(a.schoolId, { d, i })));
    const issues = body.assignments.flatMap((a, k) => {
      const at = where.get(a.schoolId);
      if (!at) return [{ field: `assignments.${k}.schoolId`, message: 'is not a school of this review' }];
      if (a.highSchoolId !== null && !at.d.highSchoolIds.includes(a.highSchoolId)) return [{ field: `assignments.${k}.highSchoolId`, message: 'must be a high school of the same district, or null' }];
      return [];
    });
    if (issues.length > 0) throw invalid('Some assignments cannot be made.', issues);
    for (const a of body.assignments) {
      const { d, i } = where.get(a.schoolId)!;
      const old = d.assignments[i]!;
      if (old.highSchoolId !== a.highSchoolId) d.assignments[i] = { ...old, highSchoolId: a.highSchoolId, reason: 'edited', distanceKm: null };
    }
    const units = await listDirectoryUnits(tx, unit.path);
    const plan = planFeederPatterns(units, flatten(districts), randomUUID);
    const problems = sortProblems(plan.problems);
    await deleteImportItems(tx, id);
    await insertImportItems(tx, id, plan.items);
    await insertImportProblems(tx, id, problems);
    if (!(await updateImportRun(tx, id, run.version, { counts: plan.counts, problemCount: problems.length, feeders: districts }))) throw staleVersion('The import');
    await recordAuditEvent(tx, { actorId: actorOf(ctx), action: 'import.feeders_edit', entityType: 'import_run', entityId: id, unitId: unit.id, before: null, after: { edited: body.assignments.length }, requestId: ctx.requestId });
  });
  return getImportRun(ctx, id);
}

