// Resource mapping: each unit's inventory of student and learning supports on the intervention
// framework, entered one by one or imported from a spreadsheet (preview first, then all or
// nothing), the map and its analysis for a unit and everything under it, snapshots, and
// recommendations. Access follows the resource's unit.
import {
  analyzeResources,
  authorize,
  interventionCellIndex,
  compareResourceSnapshots,
  conflict,
  INTERVENTION_FRAMEWORK,
  interventionFrameworkRef,
  invalid,
  notFound,
  resourceExportRow,
  resourceInputFor,
  resourceNaturalKey,
  RESOURCE_EXPORT_HEADER,
  staleVersion,
  validateResourceImport,
  type InterventionFramework,
  type ResourceAnalysis,
  type ResourceCreate,
  type ResourceImportProblem,
  type ResourcePriorityNeedCreate,
  type ResourcePriorityNeedUpdate,
  type ResourceInput,
  type ResourceRecommendationCreate,
  type ResourceRecommendationUpdate,
  type ResourceSnapshotComparison,
  type ResourceSnapshotCreate,
  type ResourceSnapshotEntry,
  type ResourceUpdate,
  type Unit,
} from '@trellis/core';
import {
  deleteResource,
  deleteResourcePriorityNeed,
  findResource,
  findResourcePriorityNeed,
  insertResourcePriorityNeed,
  listResourcePriorityNeeds,
  listSubtreeResourcesInCell,
  updateResourcePriorityNeed,
  type ResourcePriorityNeedRecord,
  findResourceRecommendation,
  findResourceSnapshot,
  findUnit,
  insertResource,
  insertResourceRecommendation,
  insertResourceSnapshot,
  listMapSchools,
  listResourceRecommendations,
  listResourceSnapshots,
  listSubtreeResources,
  listUnitResources,
  recordAuditEvent,
  resourceKeysOf,
  resourceSnapshotEntries,
  uniqueViolation,
  updateResource,
  updateResourceRecommendation,
  type Queryable,
  type ResourceRecord,
  type ResourceRecommendationRecord,
  type ResourceSnapshotRecord,
} from '@trellis/db';
import type { ServiceContext } from '../../context.js';
import { readTable } from './files.js';
import { frameworkFor } from './framework.js';

// The framework is the unit's: the shipped one as adapted by the nearest design document that
// adapts it (./framework.ts frameworkFor).
const today = () => new Date().toISOString().slice(0, 10);

export const publicResource = ({ unitPath: _p, naturalKey: _k, ...r }: ResourceRecord) => r;
export type PublicResource = ReturnType<typeof publicResource>;

async function unitFor(ctx: ServiceContext, q: Queryable, unitId: string, action: 'resource.read' | 'resource.manage'): Promise<Unit> {
  const unit = await findUnit(q, unitId);
  if (!unit) throw notFound('The unit');
  authorize(ctx.caller, action, unit.path);
  return unit;
}

async function resourceFor(ctx: ServiceContext, q: Queryable, id: string, action: 'resource.read' | 'resource.manage', opts: { lock?: boolean } = {}): Promise<ResourceRecord> {
  const r = await findResource(q, id, opts);
  if (!r) throw notFound('The resource');
  authorize(ctx.caller, action, r.unitPath, 'The resource');
  return r;
}

/** Zod issues of the framework-aware check, as field issues. */
function checkInput(framework: InterventionFramework, input: unknown): ResourceInput {
  const parsed = resourceInputFor(framework).safeParse(input);
  if (!parsed.success) throw invalid('The resource has a problem.', parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'body', message: i.message })));
  return parsed.data;
}

function duplicate(e: unknown): never {
  if (uniqueViolation(e) === 'resources_natural_key') {
    throw conflict('This unit already maps a resource with this name from this provider. Change that one instead.', [{ field: 'name', message: 'is already mapped at this unit for this provider' }]);
  }
  throw e;
}

const fieldsOf = (r: ResourceRecord): ResourceInput => {
  const { id: _i, unitId: _u, unitName: _n, unitPath: _p, naturalKey: _k, frameworkId: _f, frameworkVersion: _v, version: _ver, createdAt: _c, updatedAt: _up, ...fields } = r;
  return fields;
};

/** The unit's own resources; with `subtree`, also those of the units below it (at most 1,000), optionally in one cell. */
/** The framework the unit maps on: the shipped one, or as the nearest design document adapts it. */
export async function unitFramework(ctx: ServiceContext, unitId: string): Promise<InterventionFramework> {
  const unit = await unitFor(ctx, ctx.db, unitId, 'resource.read');
  return frameworkFor(ctx.db, unit.path);
}

export async function listResources(ctx: ServiceContext, unitId: string, opts: { subtree?: boolean | undefined; cell?: string | undefined } = {}): Promise<PublicResource[]> {
  const unit = await unitFor(ctx, ctx.db, unitId, 'resource.read');
  if (opts.cell !== undefined && !interventionCellIndex(await frameworkFor(ctx.db, unit.path)).has(opts.cell)) {
    throw invalid(`"${opts.cell}" is not a cell of the framework.`, [{ field: 'cell', message: 'must be a cell key arena:level of the framework' }]);
  }
  if (opts.subtree) return (await listSubtreeResourcesInCell(ctx.db, unit.path, opts.cell ?? null, 1000)).map(publicResource);
  const own = await listUnitResources(ctx.db, unit.id);
  return (opts.cell === undefined ? own : own.filter((r) => r.cells.includes(opts.cell!))).map(publicResource);
}

// ---- Priority needs ------------------------------------------------------------------------------

function checkCells(framework: InterventionFramework, cells: readonly string[]): void {
  const index = interventionCellIndex(framework);
  const bad = cells.map((c, i) => [c, i] as const).filter(([c]) => !index.has(c));
  if (bad.length) throw invalid('A cell named is not in the framework.', bad.map(([c, i]) => ({ field: `cells.${i}`, message: `"${c}" is not a cell of the framework` })));
}

export async function listPriorityNeeds(ctx: ServiceContext, unitId: string): Promise<ResourcePriorityNeedRecord[]> {
  const unit = await unitFor(ctx, ctx.db, unitId, 'resource.read');
  return listResourcePriorityNeeds(ctx.db, unit.id);
}

export async function createPriorityNeed(ctx: ServiceContext, body: ResourcePriorityNeedCreate): Promise<ResourcePriorityNeedRecord> {
  return ctx.db.transaction(async (tx) => {
    const unit = await unitFor(ctx, tx, body.unitId, 'resource.manage');
    checkCells(await frameworkFor(tx, unit.path), body.cells);
    const need = await insertResourcePriorityNeed(tx, { ...body, unitId: unit.id });
    await recordAuditEvent(tx, { actorId: ctx.caller.personId, action: 'resource_priority_need.create', entityType: 'resource_priority_need', entityId: need.id, unitId: unit.id, before: null, after: need, requestId: ctx.requestId });
    return need;
  });
}

async function needFor(ctx: ServiceContext, q: Queryable, id: string) {
  const need = await findResourcePriorityNeed(q, id);
  const unit = need && (await findUnit(q, need.unitId));
  if (!need || !unit) throw notFound('The priority need');
  authorize(ctx.caller, 'resource.manage', unit.path, 'The priority need');
  return need;
}

export async function changePriorityNeed(ctx: ServiceContext, id: string, body: ResourcePriorityNeedUpdate): Promise<ResourcePriorityNeedRecord> {
  const { version, ...changes } = body;
  return ctx.db.transaction(async (tx) => {
    const before = await needFor(ctx, tx, id);
    if (changes.cells) checkCells(await frameworkFor(tx, (await findUnit(tx, before.unitId))!.path), changes.cells);
    if (before.version !== version) throw staleVersion('This priority need');
    const after = await updateResourcePriorityNeed(tx, id, version, changes);
    if (!after) throw staleVersion('This priority need');
    await recordAuditEvent(tx, { actorId: ctx.caller.personId, action: 'resource_priority_need.update', entityType: 'resource_priority_need', entityId: id, unitId: after.unitId, before, after, requestId: ctx.requestId });
    return after;
  });
}

export async function removePriorityNeed(ctx: ServiceContext, id: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const before = await needFor(ctx, tx, id);
    await deleteResourcePriorityNeed(tx, id);
    await recordAuditEvent(tx, { actorId: ctx.caller.personId, action: 'resource_priority_need.delete', entityType: 'resource_priority_need', entityId: id, unitId: before.unitId, before, after: null, requestId: ctx.requestId });
  });
}

export async function getResource(ctx: ServiceContext, id: string): Promise<PublicResource> {
  return publicResource(await resourceFor(ctx, ctx.db, id, 'resource.read'));
}

export async function createResource(ctx: ServiceContext, body: ResourceCreate): Promise<PublicResource> {
  const { unitId, ...rest } = body;
  return ctx.db.transaction(async (tx) => {
    const unit = await unitFor(ctx, tx, unitId, 'resource.manage');
    const framework = await frameworkFor(tx, unit.path);
    const input = checkInput(framework, rest);
    const r = await insertResource(tx, { unitId: unit.id, naturalKey: resourceNaturalKey(input), framework: interventionFrameworkRef(framework), input }).catch(duplicate);
    await recordAuditEvent(tx, { actorId: ctx.caller.personId, action: 'resource.create', entityType: 'resource', entityId: r.id, unitId: unit.id, before: null, after: fieldsOf(r), requestId: ctx.requestId });
    return publicResource(r);
  });
}

export async function changeResource(ctx: ServiceContext, id: string, body: ResourceUpdate): Promise<PublicResource> {
  const { version, ...changes } = body;
  return ctx.db.transaction(async (tx) => {
    const before = await resourceFor(ctx, tx, id, 'resource.manage', { lock: true });
    if (before.version !== version) throw staleVersion('This resource');
    const framework = await frameworkFor(tx, before.unitPath);
    const merged = checkInput(framework, { ...fieldsOf(before), ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) });
    const after = await updateResource(tx, id, version, { ...merged, naturalKey: resourceNaturalKey(merged), framework: interventionFrameworkRef(framework) }).catch(duplicate);
    if (!after) throw staleVersion('This resource');
    await recordAuditEvent(tx, { actorId: ctx.caller.personId, action: 'resource.update', entityType: 'resource', entityId: id, unitId: after.unitId, before: fieldsOf(before), after: fieldsOf(after), requestId: ctx.requestId });
    return publicResource(after);
  });
}

export async function removeResource(ctx: ServiceContext, id: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const before = await resourceFor(ctx, tx, id, 'resource.manage', { lock: true });
    await deleteResource(tx, id);
    await recordAuditEvent(tx, { actorId: ctx.caller.personId, action: 'resource.delete', entityType: 'resource', entityId: id, unitId: before.unitId, before: fieldsOf(before), after: null, requestId: ctx.requestId });
  });
}

// ---- Import and export ---------------------------------------------------------------------------

export interface ImportPreview {
  ok: boolean;
  format: 'csv' | 'xlsx';
  encoding: 'utf-8' | 'windows-1252' | null;
  rows: number;
  creates: number;
  updates: number;
  unchanged: number;
  problems: ResourceImportProblem[];
  warnings: ResourceImportProblem[];
  columns: { header: string; field: string | null }[];
  blankRows: number[];
  /** What each valid row would do, in file order. */
  actions: { row: number; name: string; action: 'create' | 'update' | 'unchanged' }[];
}

const same = (a: ResourceInput, b: ResourceInput) => JSON.stringify(resourceExportRow(a)) === JSON.stringify(resourceExportRow(b));

async function planImport(q: Queryable, unitId: string, framework: InterventionFramework, body: Buffer, contentType: string) {
  const table = await readTable(body, contentType);
  const result = validateResourceImport(table.header, table.rows, { framework });
  const existing = await resourceKeysOf(q, unitId);
  const actions = result.resources.map((r) => {
    const current = existing.get(r.naturalKey);
    return { ...r, current, action: (current === undefined ? 'create' : same(fieldsOf(current), r.resource) ? 'unchanged' : 'update') as 'create' | 'update' | 'unchanged' };
  });
  const preview: ImportPreview = {
    ok: result.ok,
    format: table.format,
    encoding: table.encoding,
    rows: table.rows.length - result.blankRows.length,
    creates: actions.filter((a) => a.action === 'create').length,
    updates: actions.filter((a) => a.action === 'update').length,
    unchanged: actions.filter((a) => a.action === 'unchanged').length,
    problems: result.problems,
    warnings: result.warnings,
    columns: result.columns,
    blankRows: result.blankRows,
    actions: actions.map((a) => ({ row: a.row, name: a.resource.name, action: a.action })),
  };
  return { preview, actions };
}

/** What importing the file would do: nothing is written. */
export async function previewImport(ctx: ServiceContext, unitId: string, body: Buffer, contentType: string): Promise<ImportPreview> {
  const unit = await unitFor(ctx, ctx.db, unitId, 'resource.manage');
  return (await planImport(ctx.db, unit.id, await frameworkFor(ctx.db, unit.path), body, contentType)).preview;
}

/**
 * Imports the file in one transaction, or nothing at all when any row has a problem. Rows match
 * the unit's resources by natural key, so importing the same file again changes nothing.
 */
export async function applyImport(ctx: ServiceContext, unitId: string, body: Buffer, contentType: string): Promise<ImportPreview> {
  return ctx.db.transaction(async (tx) => {
    const unit = await unitFor(ctx, tx, unitId, 'resource.manage');
    // Imports into one unit are serialized, so two at once cannot both create the same resource.
    await tx.query('select 1 from units where id = $1 for update', [unit.id]);
    const framework = await frameworkFor(tx, unit.path);
    const { preview, actions } = await planImport(tx, unit.id, framework, body, contentType);
    if (!preview.ok) {
      throw invalid(
        `Nothing was imported: ${preview.problems.length === 1 ? 'one row has a problem' : `${preview.problems.length} problems`} to fix first.`,
        preview.problems.slice(0, 200).map((p) => ({ field: `row ${p.row}, ${p.column}`, message: p.message })),
      );
    }
    const created: string[] = [];
    const updated: string[] = [];
    const ref = interventionFrameworkRef(framework);
    for (const a of actions) {
      if (a.action === 'create') created.push((await insertResource(tx, { unitId: unit.id, naturalKey: a.naturalKey, framework: ref, input: a.resource })).id);
      else if (a.action === 'update') updated.push((await updateResource(tx, a.current!.id, null, { ...a.resource, framework: ref }))!.id);
    }
    await recordAuditEvent(tx, {
      actorId: ctx.caller.personId,
      action: 'resource.import',
      entityType: 'unit',
      entityId: unit.id,
      unitId: unit.id,
      before: null,
      after: { format: preview.format, rows: preview.rows, created, updated, unchanged: preview.unchanged },
      requestId: ctx.requestId,
    });
    return preview;
  });
}

export async function exportResources(ctx: ServiceContext, unitId: string): Promise<{ unit: Unit; header: readonly string[]; rows: string[][] }> {
  const unit = await unitFor(ctx, ctx.db, unitId, 'resource.read');
  const rows = (await listUnitResources(ctx.db, unit.id)).map((r) => resourceExportRow(fieldsOf(r)));
  return { unit, header: RESOURCE_EXPORT_HEADER, rows };
}

// ---- The map and its analysis --------------------------------------------------------------------

/** Units with at most this many schools get each school's own matrix too. */
const UNIT_MAPS_UP_TO = 200;

/**
 * The map of a unit: its schools (or itself, for a school) and any unit in between that holds
 * resources of its own (e.g. a district-wide program), summed, with the findings.
 */
export async function getResourceMap(ctx: ServiceContext, unitId: string, opts: { minCoverage?: number | undefined; asOf?: string | undefined }): Promise<ResourceAnalysis & { unitName: string; schools: number; framework: InterventionFramework }> {
  const unit = await unitFor(ctx, ctx.db, unitId, 'resource.read');
  const schools = await listMapSchools(ctx.db, unit.path);
  const resources = await listSubtreeResources(ctx.db, unit.path);
  const schoolIds = new Set(schools.map((s) => s.id));
  const holders = new Map<string, string>();
  for (const r of resources) if (!schoolIds.has(r.unitId)) holders.set(r.unitId, r.unitName);
  const units = [...schools, ...[...holders].map(([id, name]) => ({ id, name, population: null, feederPatternId: null, feederPatternName: null, districtId: null }))];
  const framework = await frameworkFor(ctx.db, unit.path);
  const analysis = analyzeResources({
    framework,
    units,
    resources,
    asOf: opts.asOf ?? today(),
    options: opts.minCoverage === undefined ? {} : { minCoverage: opts.minCoverage },
  });
  return { ...analysis, unitMaps: schools.length <= UNIT_MAPS_UP_TO ? analysis.unitMaps : [], unitName: unit.name, schools: schools.length, framework };
}

// ---- Snapshots -----------------------------------------------------------------------------------

const entryOf = (r: ResourceRecord): ResourceSnapshotEntry & { unitId: string; unitName: string } => ({ id: r.id, name: r.name, cells: r.cells, annualCost: r.annualCost, staffFte: r.staffFte, unitId: r.unitId, unitName: r.unitName });

export async function createSnapshot(ctx: ServiceContext, body: ResourceSnapshotCreate): Promise<ResourceSnapshotRecord> {
  return ctx.db.transaction(async (tx) => {
    const unit = await unitFor(ctx, tx, body.unitId, 'resource.manage');
    const entries = (await listSubtreeResources(tx, unit.path)).map(entryOf);
    const snapshot = await insertResourceSnapshot(tx, { unitId: unit.id, title: body.title ?? `${unit.name} as of ${body.asOf}`, asOf: body.asOf, framework: interventionFrameworkRef(await frameworkFor(tx, unit.path)), entries, createdBy: ctx.caller.personId });
    await recordAuditEvent(tx, { actorId: ctx.caller.personId, action: 'resource_snapshot.create', entityType: 'resource_snapshot', entityId: snapshot.id, unitId: unit.id, before: null, after: snapshot, requestId: ctx.requestId });
    return snapshot;
  });
}

export async function listSnapshots(ctx: ServiceContext, unitId: string): Promise<ResourceSnapshotRecord[]> {
  const unit = await unitFor(ctx, ctx.db, unitId, 'resource.read');
  return listResourceSnapshots(ctx.db, unit.id);
}

/** Compares snapshot `from` with snapshot `to`, or with the map as it is now when `to` is absent. */
export async function compareSnapshots(ctx: ServiceContext, fromId: string, toId: string | undefined): Promise<ResourceSnapshotComparison & { from: ResourceSnapshotRecord; to: ResourceSnapshotRecord | null }> {
  const load = async (id: string) => {
    const s = await findResourceSnapshot(ctx.db, id);
    const unit = s && (await findUnit(ctx.db, s.unitId));
    if (!s || !unit) throw notFound('The snapshot');
    authorize(ctx.caller, 'resource.read', unit.path, 'The snapshot');
    return { s, unit };
  };
  const from = await load(fromId);
  const to = toId ? await load(toId) : null;
  if (to && to.s.unitId !== from.s.unitId) throw invalid('Compare snapshots of the same unit.', [{ field: 'to', message: 'is a snapshot of another unit' }]);
  const before = await resourceSnapshotEntries<ResourceSnapshotEntry>(ctx.db, from.s.id);
  const after = to ? await resourceSnapshotEntries<ResourceSnapshotEntry>(ctx.db, to.s.id) : (await listSubtreeResources(ctx.db, from.unit.path)).map(entryOf);
  return { ...compareResourceSnapshots(before, after), from: from.s, to: to?.s ?? null };
}

// ---- Recommendations -----------------------------------------------------------------------------

export async function listRecommendations(ctx: ServiceContext, unitId: string): Promise<ResourceRecommendationRecord[]> {
  const unit = await unitFor(ctx, ctx.db, unitId, 'resource.read');
  return listResourceRecommendations(ctx.db, unit.id);
}

export async function createRecommendation(ctx: ServiceContext, body: ResourceRecommendationCreate): Promise<ResourceRecommendationRecord> {
  const { unitId, ...rest } = body;
  return ctx.db.transaction(async (tx) => {
    const unit = await unitFor(ctx, tx, unitId, 'resource.manage');
    const r = await insertResourceRecommendation(tx, { unitId: unit.id, ...rest, findings: rest.findings.map((f) => ({ ...f, snapshotId: f.snapshotId ?? null })) });
    await recordAuditEvent(tx, { actorId: ctx.caller.personId, action: 'resource_recommendation.create', entityType: 'resource_recommendation', entityId: r.id, unitId: unit.id, before: null, after: r, requestId: ctx.requestId });
    return r;
  });
}

export async function changeRecommendation(ctx: ServiceContext, id: string, body: ResourceRecommendationUpdate): Promise<ResourceRecommendationRecord> {
  const { version, ...changes } = body;
  return ctx.db.transaction(async (tx) => {
    const before = await findResourceRecommendation(tx, id);
    const unit = before && (await findUnit(tx, before.unitId));
    if (!before || !unit) throw notFound('The recommendation');
    authorize(ctx.caller, 'resource.manage', unit.path, 'The recommendation');
    if (before.version !== version) throw staleVersion('This recommendation');
    const status = changes.status ?? before.status;
    if ((changes.planTaskIds?.length ?? 0) > 0 && status !== 'accepted') {
      throw invalid('Plan tasks carry out an accepted recommendation; accept it first.', [{ field: 'planTaskIds', message: 'can link plan tasks only to an accepted recommendation' }]);
    }
    const after = await updateResourceRecommendation(tx, id, version, { ...changes, findings: changes.findings?.map((f) => ({ ...f, snapshotId: f.snapshotId ?? null })) });
    if (!after) throw staleVersion('This recommendation');
    await recordAuditEvent(tx, { actorId: ctx.caller.personId, action: 'resource_recommendation.update', entityType: 'resource_recommendation', entityId: id, unitId: unit.id, before, after, requestId: ctx.requestId });
    return after;
  });
}
