// The organization hierarchy: create, rename and edit, move, archive, and read in the caller's scope.
import {
  ancestorIds,
  authorize,
  checkMoveMakesNoCycle,
  checkParentKind,
  checkUnitFields,
  idOfPath,
  conflict,
  forbidden,
  invalid,
  notFound,
  scopeRoots,
  staleVersion,
  type Grade,
  type Unit,
  type UnitArchive,
  type UnitCreate,
  type UnitDetail,
  type UnitListQuery,
  type UnitMove,
  type UnitUpdate,
} from '@trellis/core';
import {
  findUnit,
  findUnitDirectory,
  findUnitsByIds,
  insertUnit,
  listChildren,
  listRoots,
  listSubtree,
  lockTreeForInsert,
  lockTreeForMove,
  moveSubtree,
  recordAuditEvent,
  searchUnits,
  uniqueViolation,
  updateUnit,
  type Queryable,
  type UnitChanges,
} from '@trellis/db';
import type { ServiceContext } from '../../context.js';

/** Loads a unit the caller may act on, or throws 404/403 as `authorize` decides. */
async function unitFor(ctx: ServiceContext, q: Queryable, id: string, action: Parameters<typeof authorize>[1], opts: { lock?: 'update' | 'share' } = {}): Promise<Unit> {
  const unit = await findUnit(q, id, opts);
  if (!unit) throw notFound('The unit');
  authorize(ctx.caller, action, unit.path);
  return unit;
}

/** Translates a unique-index violation into a 409 that names the field. */
function duplicateIdentifier(e: unknown): never {
  const constraint = uniqueViolation(e);
  if (constraint === 'units_nces_id_key') throw conflict('Another unit already has this NCES id.', [{ field: 'ncesId', message: 'is already used by another unit' }]);
  if (constraint === 'units_state_id_key') throw conflict('Another unit of this kind already has this state id.', [{ field: 'stateId', message: 'is already used by another unit' }]);
  throw e;
}

const audited = (u: Unit) => {
  const { childCount: _c, createdAt: _a, updatedAt: _b, ...rest } = u;
  return rest;
};

export async function getUnit(ctx: ServiceContext, id: string): Promise<UnitDetail> {
  const unit = await unitFor(ctx, ctx.db, id, 'unit.read');
  const [ancestors, directory] = await Promise.all([findUnitsByIds(ctx.db, ancestorIds(unit.path)), findUnitDirectory(ctx.db, unit.id)]);
  const byId = new Map(ancestors.map((a) => [a.id, a]));
  return {
    ...unit,
    directory: directory!,
    // Above the caller's own grants, ancestors are named (for orientation) but not linked in the UI.
    ancestors: ancestorIds(unit.path)
      .map((aid) => byId.get(aid))
      .filter((a): a is Unit => a !== undefined)
      .map((a) => ({ id: a.id, name: a.name, kind: a.kind })),
  };
}

export async function getChildren(ctx: ServiceContext, id: string, includeArchived: boolean): Promise<Unit[]> {
  const unit = await unitFor(ctx, ctx.db, id, 'unit.read');
  return listChildren(ctx.db, unit.id, includeArchived);
}

export async function getSubtree(ctx: ServiceContext, id: string, opts: { depth?: number | undefined; includeArchived: boolean }): Promise<Unit[]> {
  const unit = await unitFor(ctx, ctx.db, id, 'unit.read');
  return listSubtree(ctx.db, unit.path, opts);
}

/** The top of the tree as this caller sees it: the state(s) for a system administrator, else the units of their grants. */
export async function getRoots(ctx: ServiceContext): Promise<Unit[]> {
  const roots = scopeRoots(ctx.caller, 'unit.read');
  if (roots === null) return listRoots(ctx.db);
  const units = await findUnitsByIds(ctx.db, roots.map(idOfPath));
  return units.sort((a, b) => a.path.length - b.path.length || a.name.localeCompare(b.name));
}

export async function findUnits(ctx: ServiceContext, query: UnitListQuery): Promise<Unit[]> {
  return searchUnits(ctx.db, {
    roots: scopeRoots(ctx.caller, 'unit.read'),
    q: query.q,
    kind: query.kind,
    includeArchived: query.includeArchived === 'true',
    limit: query.limit ?? 50,
  });
}

export async function createUnit(ctx: ServiceContext, input: UnitCreate): Promise<Unit> {
  return ctx.db.transaction(async (tx) => {
    await lockTreeForInsert(tx);
    let parent: Unit | null = null;
    if (input.parentId === null) {
      if (!ctx.caller.isSystemAdmin) throw forbidden('Only a system administrator can add a top-level unit.');
    } else {
      parent = await unitFor(ctx, tx, input.parentId, 'unit.create', { lock: 'share' });
      if (parent.archived) throw invalid('This unit is archived; restore it before adding units under it.', [{ field: 'parentId', message: 'is archived' }]);
    }
    checkParentKind(input.kind, parent?.kind ?? null);
    checkUnitFields(input.kind, { ncesId: input.ncesId, gradeLow: input.gradeLow, gradeHigh: input.gradeHigh });
    const unit = await insertUnit(tx, { ...input, parentId: parent?.id ?? null, parentPath: parent?.path ?? null }).catch(duplicateIdentifier);
    await recordAuditEvent(tx, { actorId: ctx.caller.personId, action: 'unit.create', entityType: 'unit', entityId: unit.id, unitId: unit.id, before: null, after: audited(unit), requestId: ctx.requestId });
    return unit;
  });
}

/** Runs a versioned change: 409 when the client's version is stale, nothing written. */
async function versionedUpdate(ctx: ServiceContext, id: string, version: number, action: 'unit.update' | 'unit.archive', changes: (u: Unit) => UnitChanges): Promise<Unit> {
  return ctx.db.transaction(async (tx) => {
    const before = await unitFor(ctx, tx, id, action, { lock: 'update' });
    if (before.version !== version) throw staleVersion('This unit');
    const after = await updateUnit(tx, id, version, changes(before)).catch(duplicateIdentifier);
    if (!after) throw staleVersion('This unit');
    await recordAuditEvent(tx, { actorId: ctx.caller.personId, action, entityType: 'unit', entityId: id, unitId: id, before: audited(before), after: audited(after), requestId: ctx.requestId });
    return after;
  });
}

export function updateUnitDetails(ctx: ServiceContext, id: string, input: UnitUpdate): Promise<Unit> {
  const { version, ...changes } = input;
  return versionedUpdate(ctx, id, version, 'unit.update', (u) => {
    checkUnitFields(u.kind, {
      ncesId: changes.ncesId !== undefined ? changes.ncesId : u.ncesId,
      gradeLow: (changes.gradeLow !== undefined ? changes.gradeLow : u.gradeLow) as Grade | null,
      gradeHigh: (changes.gradeHigh !== undefined ? changes.gradeHigh : u.gradeHigh) as Grade | null,
    });
    return changes;
  });
}

export async function archiveUnit(ctx: ServiceContext, id: string, input: UnitArchive): Promise<Unit> {
  return versionedUpdate(ctx, id, input.version, 'unit.archive', (u) => {
    if (input.archived && u.childCount > 0) {
      throw conflict(`This unit still has ${u.childCount} active unit(s) under it. Move or archive them first.`, [{ field: 'archived', message: 'the unit has active units under it' }]);
    }
    return { archived: input.archived };
  });
}

export async function moveUnit(ctx: ServiceContext, id: string, input: UnitMove): Promise<Unit> {
  return ctx.db.transaction(async (tx) => {
    await lockTreeForMove(tx);
    const unit = await unitFor(ctx, tx, id, 'unit.move', { lock: 'update' });
    const parent = await unitFor(ctx, tx, input.parentId, 'unit.move', { lock: 'share' });
    if (unit.version !== input.version) throw staleVersion('This unit');
    checkMoveMakesNoCycle(unit.path, parent.path);
    checkParentKind(unit.kind, parent.kind);
    if (parent.archived) throw invalid('The new parent is archived; restore it first.', [{ field: 'parentId', message: 'is archived' }]);
    if (unit.parentId === parent.id) return (await findUnit(tx, id))!;
    const moved = await moveSubtree(tx, unit, parent);
    if (!moved) throw staleVersion('This unit');
    await recordAuditEvent(tx, {
      actorId: ctx.caller.personId,
      action: 'unit.move',
      entityType: 'unit',
      entityId: id,
      unitId: id,
      before: { parentId: unit.parentId, path: unit.path, version: unit.version },
      after: { parentId: moved.parentId, path: moved.path, version: moved.version },
      requestId: ctx.requestId,
    });
    return moved;
  });
}

