// Systemic-change mechanisms: establish one at a unit from the catalog, edit it, move it through its
// life cycle, and read it with its functions, departures from the catalog, members and warnings.
// Who may do what follows from the mechanism's unit.
import {
  authorize,
  capacitySummary,
  checkLifecycleTransition,
  decide,
  linkNote,
  meetingCadence,
  type Caller,
  compositionWarnings,
  conflict,
  functionDepartures,
  invalid,
  MECHANISM_CATALOG,
  MECHANISM_LEVELS,
  mechanismKindEntry,
  notFound,
  staleVersion,
  type Action,
  type Mechanism,
  type MechanismCreate,
  type MechanismDetail,
  type MechanismStatusChange,
  type MechanismUpdate,
} from '@trellis/core';
import {
  chainDown,
  chainUp,
  copyCatalogFunctions,
  findMechanism,
  findUnit,
  listMechanismFunctions,
  listMembers,
  listUnitMechanisms,
  publicMechanism,
  recordAuditEvent,
  steeringBodyPersonIds,
  updateMechanism,
  insertMechanism,
  type MechanismRecord,
  type Queryable,
} from '@trellis/db';
import type { ServiceContext } from '../../context.js';

/** Today as YYYY-MM-DD (UTC). */
export const today = () => new Date().toISOString().slice(0, 10);

/**
 * Loads a mechanism the caller may act on: 404 when its unit is outside the caller's reach, 403
 * when their role there is too low. `lock` row-locks it for a change to it or its parts.
 */
export async function mechanismFor(ctx: ServiceContext, q: Queryable, id: string, action: Action, opts: { lock?: boolean } = {}): Promise<MechanismRecord> {
  const mechanism = await findMechanism(q, id, opts);
  if (!mechanism) throw notFound('The mechanism');
  authorize(ctx.caller, action, mechanism.unitPath, 'The mechanism');
  return mechanism;
}

/** A retired mechanism is a record of what was: it no longer changes. */
export function checkNotRetired(m: MechanismRecord): void {
  if (m.status === 'retired') {
    throw conflict('This mechanism is retired, so it can no longer be changed. Establish a new mechanism instead.', [{ field: 'status', message: 'is retired' }]);
  }
}

const audited = (m: MechanismRecord) => {
  const { unitPath: _p, unitName: _n, kindName: _k, memberCount: _c, lowerLinkCount: _l, formalMeetingDays: _f, createdOn: _o, createdAt: _a, updatedAt: _u, ...rest } = m;
  return rest;
};

/** The public shape, with whether it keeps the documents' meeting cadence today. */
export function withCadence(m: MechanismRecord, on = today()): Mechanism {
  return publicMechanism(m, meetingCadence(mechanismKindEntry(m.kind, MECHANISM_CATALOG), { status: m.status, startedOn: m.startedOn ?? m.createdOn, formalMeetingDays: m.formalMeetingDays, on }));
}

export async function getUnitMechanisms(ctx: ServiceContext, unitId: string): Promise<Mechanism[]> {
  const unit = await findUnit(ctx.db, unitId);
  if (!unit) throw notFound('The unit');
  authorize(ctx.caller, 'mechanism.read', unit.path);
  return (await listUnitMechanisms(ctx.db, unitId)).map((m) => withCadence(m));
}

/** Agency settings for the guidance warnings. */
export interface GuidanceSettings {
  /** Overrides the catalog's steering body size threshold. */
  steeringBodyMaxMembers?: number | undefined;
}

/** The mechanism with its functions (and where they depart from the catalog), members and composition warnings. */
export async function mechanismDetail(caller: Caller, q: Queryable, m: MechanismRecord, settings: GuidanceSettings = {}): Promise<MechanismDetail> {
  // One catalog version ships today; when there are several, look up the one the mechanism records.
  const kind = mechanismKindEntry(m.kind, MECHANISM_CATALOG);
  // One after the other: inside a transaction both share one connection.
  const functions = await listMechanismFunctions(q, m.id);
  const members = await listMembers(q, m.id);
  const departures = functionDepartures(kind.functions, functions);
  const on = today();
  const steering = kind.guidance.includesSteeringBodyMember ? await steeringBodyPersonIds(q, m.unitId, on) : null;
  const maxMembers = m.kind === 'steering_body' ? settings.steeringBodyMaxMembers : undefined;
  // The chain shows only mechanisms the caller may read; above the first hidden one it stops.
  const readable = (path: string) => decide(caller, 'mechanism.read', path) === 'allow';
  const up = await chainUp(q, m.id);
  const firstHidden = up.findIndex((x) => !readable(x.unitPath));
  const upVisible = firstHidden < 0 ? up : up.slice(0, firstHidden);
  const down = (await chainDown(q, m.id)).filter((x) => readable(x.unitPath));
  const strip = <T extends { unitPath: string; memberCount: number }>({ unitPath: _p, memberCount: _c, ...rest }: T) => rest;
  const upper = up[0];
  return {
    ...withCadence(m, on),
    capacity: capacitySummary(functions),
    chain: { up: upVisible.map(strip), down: down.map(strip), hiddenAbove: firstHidden >= 0 },
    linkNote: upper ? linkNote(upper.kind, m.kind) : null,
    functions: departures.functions.map((f) => ({ ...f, source: f.source ?? null })),
    departures: {
      departs: departures.departs,
      asCatalog: departures.asCatalog.length,
      reworded: departures.reworded.length,
      dropped: departures.dropped.length,
      added: departures.added.length,
      missing: departures.missing.map(({ key, text, source }) => ({ key, text, source })),
    },
    members,
    warnings: m.status === 'retired' ? [] : compositionWarnings(kind, members.map((x) => ({ ...x, title: x.personTitle })), { on, steeringBodyPersonIds: steering, ...(maxMembers === undefined ? {} : { maxMembers }) }),
  };
}

export async function getMechanism(ctx: ServiceContext, id: string, settings: GuidanceSettings = {}): Promise<MechanismDetail> {
  return mechanismDetail(ctx.caller, ctx.db, await mechanismFor(ctx, ctx.db, id, 'mechanism.read'), settings);
}

export async function establishMechanism(ctx: ServiceContext, input: MechanismCreate, settings: GuidanceSettings = {}): Promise<MechanismDetail> {
  const kind = mechanismKindEntry(input.kind);
  return ctx.db.transaction(async (tx) => {
    const unit = await findUnit(tx, input.unitId, { lock: 'share' });
    if (!unit) throw notFound('The unit');
    authorize(ctx.caller, 'mechanism.manage', unit.path);
    if (!(MECHANISM_LEVELS as readonly string[]).includes(unit.kind)) {
      throw invalid(`Mechanisms are established at a state, region, district, feeder pattern or school; a ${unit.kind} carries its agency’s mechanisms.`, [
        { field: 'unitId', message: 'must be a state, region, district, feeder pattern or school' },
      ]);
    }
    if (unit.archived) throw conflict('This unit is archived; restore it before establishing a mechanism there.', [{ field: 'unitId', message: 'is archived' }]);
    const mechanism = await insertMechanism(tx, { unitId: unit.id, kind: input.kind, catalogVersion: MECHANISM_CATALOG.version, name: input.name ?? kind.name, charter: input.charter, startedOn: input.startedOn });
    await copyCatalogFunctions(tx, mechanism.id, kind.functions);
    await recordAuditEvent(tx, {
      actorId: ctx.caller.personId,
      action: 'mechanism.create',
      entityType: 'mechanism',
      entityId: mechanism.id,
      unitId: unit.id,
      before: null,
      after: { ...audited(mechanism), functions: kind.functions.map((f) => f.key) },
      requestId: ctx.requestId,
    });
    return mechanismDetail(ctx.caller, tx, mechanism, settings);
  });
}

export async function updateMechanismDetails(ctx: ServiceContext, id: string, input: MechanismUpdate, settings: GuidanceSettings = {}): Promise<MechanismDetail> {
  const { version, ...changes } = input;
  return ctx.db.transaction(async (tx) => {
    const before = await mechanismFor(ctx, tx, id, 'mechanism.manage', { lock: true });
    if (before.version !== version) throw staleVersion('This mechanism');
    checkNotRetired(before);
    const after = await updateMechanism(tx, id, version, changes);
    if (!after) throw staleVersion('This mechanism');
    await recordAuditEvent(tx, { actorId: ctx.caller.personId, action: 'mechanism.update', entityType: 'mechanism', entityId: id, unitId: after.unitId, before: audited(before), after: audited(after), requestId: ctx.requestId });
    return mechanismDetail(ctx.caller, tx, after, settings);
  });
}

export async function changeMechanismStatus(ctx: ServiceContext, id: string, input: MechanismStatusChange, settings: GuidanceSettings = {}): Promise<MechanismDetail> {
  return ctx.db.transaction(async (tx) => {
    const before = await mechanismFor(ctx, tx, id, 'mechanism.manage', { lock: true });
    if (before.version !== input.version) throw staleVersion('This mechanism');
    checkLifecycleTransition(before.status, input.status);
    if (input.assimilatedInto !== undefined && input.status !== 'retired') {
      throw invalid('Only a mechanism being retired has its functions assimilated into a regular structure.', [{ field: 'assimilatedInto', message: 'is only given when retiring' }]);
    }
    // An abandoned mechanism (forming → retired) never took on functions to hand over.
    if (input.status === 'retired' && before.status === 'sunsetting' && input.assimilatedInto === undefined) {
      throw invalid('Name the regular structure that takes on this mechanism’s ongoing functions when it retires.', [
        { field: 'assimilatedInto', message: 'is required when retiring a sunsetting mechanism' },
      ]);
    }
    const on = input.on ?? today();
    const after = await updateMechanism(tx, id, input.version, {
      status: input.status,
      statusChangedOn: on,
      assimilatedInto: input.status === 'retired' ? (input.assimilatedInto ?? null) : undefined,
      startedOn: input.status === 'active' && before.startedOn === null ? on : undefined,
    });
    if (!after) throw staleVersion('This mechanism');
    await recordAuditEvent(tx, { actorId: ctx.caller.personId, action: 'mechanism.status', entityType: 'mechanism', entityId: id, unitId: after.unitId, before: audited(before), after: audited(after), requestId: ctx.requestId });
    return mechanismDetail(ctx.caller, tx, after, settings);
  });
}

