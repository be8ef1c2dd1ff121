// Barriers to change and rapid problem solving: raised against a unit or one of its mechanisms,
// owned, worked with a next step and a target date, resolved (or dropped with a reason). Stale ones
// are flagged; time to resolution is reported.
import {
  authorize,
  barrierStaleness,
  barrierTimeToResolutionDays,
  checkBarrierTransition,
  invalid,
  notFound,
  staleVersion,
  type BarrierCreate,
  type BarrierTransition,
  type BarrierUpdate,
} from '@trellis/core';
import { findBarrier, findPeopleIds, findUnit, insertBarrier, listBarriers, recordAuditEvent, updateBarrier, type BarrierRecord, type Queryable } from '@trellis/db';
import type { ServiceContext } from '../../context.js';

const today = () => new Date().toISOString().slice(0, 10);

export const publicBarrier = ({ unitPath: _p, ...b }: BarrierRecord, on = today()) => ({
  ...b,
  staleness: barrierStaleness({ status: b.status, raisedOn: b.raisedOn, updatedAt: b.lastUpdateOn, targetOn: b.targetOn, resolvedOn: b.resolvedOn }, on),
  daysToResolution: barrierTimeToResolutionDays(b),
});

const audit = (ctx: ServiceContext, q: Queryable, action: string, b: { id: string; unitId: string }, before: unknown, after: unknown) =>
  recordAuditEvent(q, { actorId: ctx.caller.personId, action, entityType: 'barrier', entityId: b.id, unitId: b.unitId, before, after, requestId: ctx.requestId });

async function checkRefs(q: Queryable, unit: { id: string }, ownerId: string | undefined, mechanismId: string | null | undefined) {
  if (ownerId && !(await findPeopleIds(q, [ownerId])).size) throw invalid('The owner was not found.', [{ field: 'ownerId', message: 'is not a person in Trellis' }]);
  if (mechanismId) {
    const rows = await q.query<{ unit_id: string }>('select unit_id from mechanisms where id = $1', [mechanismId]);
    if (!rows[0] || rows[0].unit_id !== unit.id) throw invalid('The mechanism is not one of this unit’s.', [{ field: 'mechanismId', message: 'must be a mechanism of the same unit' }]);
  }
}

export async function listUnitBarriers(ctx: ServiceContext, unitId: string, opts: { subtree?: boolean } = {}) {
  const unit = await findUnit(ctx.db, unitId);
  if (!unit) throw notFound('The unit');
  authorize(ctx.caller, 'progress.read', unit.path);
  return (await listBarriers(ctx.db, unit, opts)).map((b) => publicBarrier(b));
}

export async function raiseBarrier(ctx: ServiceContext, body: BarrierCreate) {
  return ctx.db.transaction(async (tx) => {
    const unit = await findUnit(tx, body.unitId);
    if (!unit) throw notFound('The unit');
    authorize(ctx.caller, 'progress.record', unit.path);
    await checkRefs(tx, unit, body.ownerId, body.mechanismId);
    const b = await insertBarrier(tx, { ...body, raisedBy: ctx.caller.personId });
    await audit(ctx, tx, 'barrier.create', b, null, publicBarrier(b));
    return publicBarrier(b);
  });
}

async function barrierFor(ctx: ServiceContext, q: Queryable, id: string) {
  const b = await findBarrier(q, id, { lock: true });
  if (!b) throw notFound('The barrier');
  authorize(ctx.caller, 'progress.record', b.unitPath, 'The barrier');
  return b;
}

export async function changeBarrier(ctx: ServiceContext, id: string, body: BarrierUpdate) {
  return ctx.db.transaction(async (tx) => {
    const b = await barrierFor(ctx, tx, id);
    if (b.version !== body.version) throw staleVersion('This barrier');
    if (b.status === 'resolved' || b.status === 'dropped') checkBarrierTransition(b.status, 'in_progress');
    await checkRefs(tx, { id: b.unitId }, body.ownerId, body.mechanismId);
    const { version, ...changes } = body;
    if (!(await updateBarrier(tx, b.id, version, changes))) throw staleVersion('This barrier');
    const after = (await findBarrier(tx, b.id))!;
    await audit(ctx, tx, 'barrier.update', b, publicBarrier(b), publicBarrier(after));
    return publicBarrier(after);
  });
}

/** Moves a barrier along: in progress, resolved (with the resolution), dropped (with the reason). */
export async function moveBarrier(ctx: ServiceContext, id: string, body: BarrierTransition) {
  return ctx.db.transaction(async (tx) => {
    const b = await barrierFor(ctx, tx, id);
    checkBarrierTransition(b.status, body.to, { resolution: body.resolution ?? null, reason: body.reason ?? null });
    if (b.version !== body.version) throw staleVersion('This barrier');
    const closes = body.to === 'resolved' || body.to === 'dropped';
    const ok = await updateBarrier(tx, b.id, body.version, {
      status: body.to,
      resolution: body.to === 'resolved' ? body.resolution! : null,
      dropReason: body.to === 'dropped' ? body.reason! : null,
      resolvedOn: closes ? today() : null,
    });
    if (!ok) throw staleVersion('This barrier');
    const after = (await findBarrier(tx, b.id))!;
    await audit(ctx, tx, `barrier.${body.to}`, b, { status: b.status }, { status: after.status, resolution: after.resolution, dropReason: after.dropReason });
    return publicBarrier(after);
  });
}
