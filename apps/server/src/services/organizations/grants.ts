// Role grants: who may do what where. Giving and taking grants is for administrators of the unit.
import { authorize, checkMayGrant, conflict, decide, notFound, type Grant, type GrantCreate } from '@trellis/core';
import { deleteGrant, findGrant, findPerson, findUnit, grantsAtUnit, grantsOfPerson, insertGrant, publicGrant, recordAuditEvent, uniqueViolation } from '@trellis/db';
import type { ServiceContext } from '../../context.js';

/** Grants that hold at a unit: given there or above it. Those above the caller's reach are included, as they affect this unit. */
export async function grantsForUnit(ctx: ServiceContext, unitId: string): Promise<Grant[]> {
  const unit = await findUnit(ctx.db, unitId);
  if (!unit) throw notFound('The unit');
  authorize(ctx.caller, 'grant.read', unit.path);
  return (await grantsAtUnit(ctx.db, unit.path, { inherited: true })).map(publicGrant);
}

/** A person's grants, limited to the units the caller may see. */
export async function grantsForPerson(ctx: ServiceContext, personId: string): Promise<Grant[]> {
  const person = await findPerson(ctx.db, personId);
  if (!person) throw notFound('The person');
  const visible = (path: string) => decide(ctx.caller, 'grant.read', path) === 'allow';
  if (person.id !== ctx.caller.personId && !(person.homeUnitPath ? visible(person.homeUnitPath) : ctx.caller.isSystemAdmin)) throw notFound('The person');
  return (await grantsOfPerson(ctx.db, personId)).filter((g) => person.id === ctx.caller.personId || visible(g.unitPath)).map(publicGrant);
}

export async function giveGrant(ctx: ServiceContext, input: GrantCreate): Promise<Grant> {
  return ctx.db.transaction(async (tx) => {
    const unit = await findUnit(tx, input.unitId);
    if (!unit) throw notFound('The unit');
    checkMayGrant(ctx.caller, unit.path, input.role);
    const person = await findPerson(tx, input.personId);
    // The person must be someone the caller can see: at the unit's agency or below their own reach.
    if (!person || (person.homeUnitPath ? decide(ctx.caller, 'person.read', person.homeUnitPath) !== 'allow' : !ctx.caller.isSystemAdmin)) throw notFound('The person');
    const grant = await insertGrant(tx, { ...input, createdBy: ctx.caller.personId }).catch((e: unknown) => {
      if (uniqueViolation(e)) throw conflict('This person already has a role at this unit. Remove it first to give a different one.', [{ field: 'unitId', message: 'already has a grant for this person' }]);
      throw e;
    });
    await recordAuditEvent(tx, { actorId: ctx.caller.personId, action: 'grant.create', entityType: 'grant', entityId: grant.id, unitId: unit.id, before: null, after: publicGrant(grant), requestId: ctx.requestId });
    return publicGrant(grant);
  });
}

export async function revokeGrant(ctx: ServiceContext, id: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const grant = await findGrant(tx, id);
    if (!grant) throw notFound('The grant');
    checkMayGrant(ctx.caller, grant.unitPath, grant.role);
    await deleteGrant(tx, id);
    await recordAuditEvent(tx, { actorId: ctx.caller.personId, action: 'grant.delete', entityType: 'grant', entityId: id, unitId: grant.unitId, before: publicGrant(grant), after: null, requestId: ctx.requestId });
  });
}
