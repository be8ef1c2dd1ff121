// Design documents: a unit's vision, aims, rationale, intervention framework and essential features.
// A district adopts the state's design as its prototype and adapts it; every adaptation is shown
// against the prototype, changes to essential features flagged. Every saved version is kept.
import {
  authorize,
  compareDesign,
  conflict,
  decide,
  diffVersions,
  invalid,
  isWithin,
  notFound,
  staleVersion,
  isDomainError,
  type DesignDocumentContent,
  type DesignDocumentCreate,
  type DesignDocumentUpdate,
} from '@trellis/core';
import {
  findDesignDocument,
  findUnit,
  findUnitDesignDocument,
  insertDesignDocument,
  listAdaptations,
  listDesignRevisions,
  recordAuditEvent,
  saveDesignRevision,
  uniqueViolation,
  type DesignDocumentRecord,
  type Queryable,
} from '@trellis/db';
import type { ServiceContext } from '../../context.js';
import { adaptedFramework } from '../resources/framework.js';

const publicDesign = ({ unitPath: _p, ...d }: DesignDocumentRecord) => d;

/** Refuses framework changes that cannot be applied (a key the framework lacks, an axis left empty…), naming each. */
function checkFrameworkChanges(content: DesignDocumentContent) {
  try {
    adaptedFramework({ id: 'check', version: 1 }, content);
  } catch (e) {
    if (isDomainError(e) && e.kind === 'invalid') {
      throw invalid(`The adaptation of the intervention framework cannot be applied: ${e.issues.map((i) => i.message).join('; ')}.`, e.issues.map((i) => ({ field: `frameworkChanges${i.field.replace(/^changes/, '')}`, message: i.message })));
    }
    throw e;
  }
}

const audit = (ctx: ServiceContext, q: Queryable, action: string, d: { id: string; unitId: string }, before: unknown, after: unknown) =>
  recordAuditEvent(q, { actorId: ctx.caller.personId, action, entityType: 'design_document', entityId: d.id, unitId: d.unitId, before, after, requestId: ctx.requestId });

async function designFor(ctx: ServiceContext, q: Queryable, id: string, action: 'plan.read' | 'design.manage', opts: { lock?: boolean } = {}) {
  const d = await findDesignDocument(q, id, opts);
  if (!d) throw notFound('The design document');
  authorize(ctx.caller, action, d.unitPath, 'The design document');
  return d;
}

/** The document with its comparison against the prototype it adapts, and the units that adapted it. */
async function withContext(ctx: ServiceContext, q: Queryable, d: DesignDocumentRecord) {
  const prototype = d.adoptedFromId ? await findDesignDocument(q, d.adoptedFromId) : null;
  const adaptations = (await listAdaptations(q, d.id)).filter((a) => decide(ctx.caller, 'plan.read', a.unitPath) === 'allow');
  const adaptationSummaries = [];
  for (const a of adaptations.slice(0, 200)) {
    const doc = (await findDesignDocument(q, a.id))!;
    const c = compareDesign(d.content, doc.content);
    adaptationSummaries.push({ id: a.id, unitId: a.unitId, unitName: a.unitName, adaptations: c.adaptations.length, essentialChanges: c.essentialChanges.length });
  }
  return {
    ...publicDesign(d),
    prototype: prototype ? { id: prototype.id, unitId: prototype.unitId, unitName: prototype.unitName, version: prototype.version, content: prototype.content } : null,
    comparison: prototype ? compareDesign(prototype.content, d.content) : null,
    adaptedBy: adaptationSummaries,
  };
}

/** A unit's design document, or null when it has none yet (with the nearest one above, to adopt). */
export async function getUnitDesign(ctx: ServiceContext, unitId: string) {
  const unit = await findUnit(ctx.db, unitId);
  if (!unit) throw notFound('The unit');
  authorize(ctx.caller, 'plan.read', unit.path);
  const d = await findUnitDesignDocument(ctx.db, unit.id);
  // The designs above that it may adopt: the nearest ancestors' documents the caller can read.
  const ancestorIds = unit.path.split('/').filter(Boolean).slice(0, -1).reverse();
  const candidates = [];
  for (const id of ancestorIds) {
    const doc = await findUnitDesignDocument(ctx.db, id);
    // A design above is the prototype for the units below it: anyone who reads this unit may read it.
    if (doc) candidates.push({ id: doc.id, unitId: doc.unitId, unitName: doc.unitName, content: doc.content, version: doc.version });
  }
  return { document: d ? await withContext(ctx, ctx.db, d) : null, prototypes: candidates };
}

export async function createDesign(ctx: ServiceContext, body: DesignDocumentCreate) {
  return ctx.db.transaction(async (tx) => {
    const unit = await findUnit(tx, body.unitId);
    if (!unit) throw notFound('The unit');
    authorize(ctx.caller, 'design.manage', unit.path);
    if (body.adoptedFromId) {
      const proto = await findDesignDocument(tx, body.adoptedFromId);
      // The prototype is the design of a unit above (readable by everyone below it, see getUnitDesign).
      if (!proto || !(isWithin(unit.path, proto.unitPath) && proto.unitPath !== unit.path)) {
        throw invalid(`A unit adopts the design of a unit above it${proto ? `; ${proto.unitName} is not above ${unit.name}` : ''}.`, [{ field: 'adoptedFromId', message: 'must be the design of a unit above this one' }]);
      }
    }
    const { unitId: _u, adoptedFromId, ...content } = body;
    checkFrameworkChanges(content);
    let d: DesignDocumentRecord;
    try {
      d = await insertDesignDocument(tx, { unitId: unit.id, adoptedFromId, content, savedBy: ctx.caller.personId });
    } catch (e) {
      if (uniqueViolation(e) === 'design_documents_unit_key') throw conflict(`${unit.name} already has a design document. Open it and save a new version instead.`, [{ field: 'unitId', message: 'already has a design document' }]);
      throw e;
    }
    await audit(ctx, tx, 'design_document.create', d, null, publicDesign(d));
    return withContext(ctx, tx, d);
  });
}

/** Saves a new version (the one it replaces is kept). */
export async function saveDesign(ctx: ServiceContext, id: string, body: DesignDocumentUpdate) {
  return ctx.db.transaction(async (tx) => {
    const d = await designFor(ctx, tx, id, 'design.manage', { lock: true });
    if (d.version !== body.version) throw staleVersion('This design document');
    const { version, ...content } = body;
    checkFrameworkChanges(content);
    const after = await saveDesignRevision(tx, d.id, version, content, ctx.caller.personId);
    if (!after) throw staleVersion('This design document');
    await audit(ctx, tx, 'design_document.update', d, { version: d.version, content: d.content }, { version: after.version, content: after.content });
    return withContext(ctx, tx, after);
  });
}

export async function designRevisions(ctx: ServiceContext, id: string) {
  const d = await designFor(ctx, ctx.db, id, 'plan.read');
  return listDesignRevisions(ctx.db, d.id);
}

/** What changed from revision `a` to revision `b`. */
export async function compareRevisions(ctx: ServiceContext, id: string, a: number, b: number) {
  const d = await designFor(ctx, ctx.db, id, 'plan.read');
  const revisions = await listDesignRevisions(ctx.db, d.id);
  const find = (n: number, field: string) => {
    const r = revisions.find((x) => x.revision === n);
    if (!r) throw invalid(`This design document has no version ${n} (it has 1 to ${d.version}).`, [{ field, message: `must be a version from 1 to ${d.version}` }]);
    return r;
  };
  const from = find(a, 'a');
  const to = find(b, 'b');
  return { a: from.revision, b: to.revision, changes: diffVersions(from.content, to.content) };
}
