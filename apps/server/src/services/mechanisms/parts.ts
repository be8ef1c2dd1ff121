// A mechanism's parts: its own list of functions (customized from the catalog's) and its members.
// Each change is checked against the mechanism's unit and audited in its transaction.
import {
  authorize,
  conflict,
  functionDepartures,
  invalid,
  MECHANISM_CATALOG,
  mechanismKindEntry,
  notFound,
  scopeRoots,
  staleVersion,
  type MechanismFunctionCreate,
  type MechanismFunctionEntry,
  type MechanismFunctionUpdate,
  type Membership,
  type MembershipCreate,
  type MembershipUpdate,
  type PersonMechanism,
} from '@trellis/core';
import {
  deleteMember,
  findMember,
  findMechanismFunction,
  findPerson,
  insertMechanismFunction,
  insertMember,
  listPersonMechanisms,
  overlappingMemberships,
  recordAuditEvent,
  uniqueViolation,
  updateMechanismFunction,
  updateMember,
  type MechanismFunctionRecord,
  type MechanismRecord,
  type Queryable,
} from '@trellis/db';
import type { ServiceContext } from '../../context.js';
import { checkNotRetired, mechanismFor } from './mechanisms.js';

/** The function with its departure from the catalog. */
function annotated(m: MechanismRecord, f: MechanismFunctionRecord): MechanismFunctionEntry {
  const [entry] = functionDepartures(mechanismKindEntry(m.kind, MECHANISM_CATALOG).functions, [f]).functions;
  return entry!;
}

export async function addMechanismFunction(ctx: ServiceContext, mechanismId: string, input: MechanismFunctionCreate): Promise<MechanismFunctionEntry> {
  return ctx.db.transaction(async (tx) => {
    const m = await mechanismFor(ctx, tx, mechanismId, 'mechanism.manage', { lock: true });
    checkNotRetired(m);
    const f = await insertMechanismFunction(tx, m.id, input.text);
    await recordAuditEvent(tx, { actorId: ctx.caller.personId, action: 'mechanism_function.create', entityType: 'mechanism_function', entityId: f.id, unitId: m.unitId, before: null, after: f, requestId: ctx.requestId });
    return annotated(m, f);
  });
}

/** Reword, drop with a reason, or restore a dropped function. */
export async function changeMechanismFunction(ctx: ServiceContext, mechanismId: string, functionId: string, input: MechanismFunctionUpdate): Promise<MechanismFunctionEntry> {
  const { version, ...changes } = input;
  if (changes.text === undefined && changes.droppedReason === undefined) {
    throw invalid('Say what to change: text to reword the function, droppedReason to drop it, or droppedReason: null to restore it.', [
      { field: 'text', message: 'give text to reword the function, droppedReason to drop it, or droppedReason: null to restore it' },
    ]);
  }
  return ctx.db.transaction(async (tx) => {
    const m = await mechanismFor(ctx, tx, mechanismId, 'mechanism.manage', { lock: true });
    const before = await findMechanismFunction(tx, m.id, functionId);
    if (!before) throw notFound('The function');
    if (before.version !== version) throw staleVersion('This function');
    checkNotRetired(m);
    const after = await updateMechanismFunction(tx, functionId, version, changes);
    if (!after) throw staleVersion('This function');
    const action = changes.droppedReason === null ? 'restore' : changes.droppedReason !== undefined ? 'drop' : 'reword';
    await recordAuditEvent(tx, { actorId: ctx.caller.personId, action: `mechanism_function.${action}`, entityType: 'mechanism_function', entityId: functionId, unitId: m.unitId, before, after, requestId: ctx.requestId });
    return annotated(m, after);
  });
}

/** A member must be someone the caller can see (404 otherwise, as for any person out of reach). */
async function visiblePerson(ctx: ServiceContext, q: Queryable, personId: string) {
  const person = await findPerson(q, personId);
  if (!person) throw notFound('The person');
  if (person.homeUnitPath === null) {
    if (!ctx.caller.isSystemAdmin && person.id !== ctx.caller.personId) throw notFound('The person');
  } else if (person.id !== ctx.caller.personId) {
    authorize(ctx.caller, 'person.read', person.homeUnitPath, 'The person');
  }
  return person;
}

function checkDates(startOn: string | null | undefined, endOn: string | null | undefined): void {
  if (startOn && endOn && endOn < startOn) throw invalid('A membership cannot end before it starts.', [{ field: 'endOn', message: `must not be before startOn (${startOn})` }]);
}

function alreadyMember(): never {
  throw conflict('This person already sits on this mechanism for these dates. Change their existing membership instead.', [
    { field: 'personId', message: 'is already a member for these dates' },
  ]);
}

function duplicateMembership(e: unknown): never {
  if (uniqueViolation(e) === 'mechanism_members_open_key') alreadyMember();
  throw e;
}

const auditedMember = (m: Membership) => {
  const { personName: _n, personTitle: _t, active: _a, createdAt: _c, updatedAt: _u, ...rest } = m;
  return rest;
};

export async function addMember(ctx: ServiceContext, mechanismId: string, input: MembershipCreate): Promise<Membership> {
  return ctx.db.transaction(async (tx) => {
    const m = await mechanismFor(ctx, tx, mechanismId, 'mechanism.manage', { lock: true });
    await visiblePerson(ctx, tx, input.personId);
    checkNotRetired(m);
    checkDates(input.startOn, input.endOn);
    const overlap = await overlappingMemberships(tx, { mechanismId: m.id, personId: input.personId, startOn: input.startOn ?? null, endOn: input.endOn ?? null });
    if (overlap.length > 0) alreadyMember();
    const member = await insertMember(tx, { ...input, mechanismId: m.id }).catch(duplicateMembership);
    await recordAuditEvent(tx, { actorId: ctx.caller.personId, action: 'mechanism_member.create', entityType: 'mechanism_member', entityId: member.id, unitId: m.unitId, before: null, after: auditedMember(member), requestId: ctx.requestId });
    return member;
  });
}

/** Change a member's role, dates or flags; an end date ends the membership on that day. */
export async function changeMember(ctx: ServiceContext, mechanismId: string, memberId: string, input: MembershipUpdate): Promise<Membership> {
  const { version, ...changes } = input;
  return ctx.db.transaction(async (tx) => {
    const m = await mechanismFor(ctx, tx, mechanismId, 'mechanism.manage', { lock: true });
    const before = await findMember(tx, m.id, memberId);
    if (!before) throw notFound('The membership');
    if (before.version !== version) throw staleVersion('This membership');
    checkNotRetired(m);
    const startOn = changes.startOn === undefined ? before.startOn : changes.startOn;
    const endOn = changes.endOn === undefined ? before.endOn : changes.endOn;
    checkDates(startOn, endOn);
    const overlap = await overlappingMemberships(tx, { mechanismId: m.id, personId: before.personId, startOn, endOn, exceptId: memberId });
    if (overlap.length > 0) alreadyMember();
    const after = await updateMember(tx, m.id, memberId, version, changes).catch(duplicateMembership);
    if (!after) throw staleVersion('This membership');
    await recordAuditEvent(tx, { actorId: ctx.caller.personId, action: 'mechanism_member.update', entityType: 'mechanism_member', entityId: memberId, unitId: m.unitId, before: auditedMember(before), after: auditedMember(after), requestId: ctx.requestId });
    return after;
  });
}

/** Removes a membership entered by mistake (to record that someone left, set its end date instead). */
export async function removeMember(ctx: ServiceContext, mechanismId: string, memberId: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const m = await mechanismFor(ctx, tx, mechanismId, 'mechanism.manage', { lock: true });
    const before = await findMember(tx, m.id, memberId);
    if (!before) throw notFound('The membership');
    checkNotRetired(m);
    await deleteMember(tx, memberId);
    await recordAuditEvent(tx, { actorId: ctx.caller.personId, action: 'mechanism_member.delete', entityType: 'mechanism_member', entityId: memberId, unitId: m.unitId, before: auditedMember(before), after: null, requestId: ctx.requestId });
  });
}

/** Every mechanism the person sits on (or sat on), among those the caller may read. */
export async function getPersonMechanisms(ctx: ServiceContext, personId: string): Promise<PersonMechanism[]> {
  await visiblePerson(ctx, ctx.db, personId);
  return listPersonMechanisms(ctx.db, personId, scopeRoots(ctx.caller, 'mechanism.read'));
}
