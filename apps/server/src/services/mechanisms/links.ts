// Linkage across levels and the unit's infrastructure diagram. A mechanism is linked up to the
// comparable mechanism at a unit above it; the unit page draws its mechanisms with the links up
// and down (Appendix A, Exhibit 2).
import {
  authorize,
  checkLink,
  decide,
  describeInfrastructure,
  INFRASTRUCTURE_BAND_OF,
  notFound,
  staleVersion,
  ancestorIds,
  type Infrastructure,
  type InfrastructureNode,
  type Mechanism,
  type MechanismDetail,
  type MechanismLinkChange,
} from '@trellis/core';
import {
  findMechanism,
  findUnit,
  listMechanismsAtUnits,
  listUnitMechanisms,
  linkedOneAway,
  listUnlinkedBelow,
  recordAuditEvent,
  updateMechanism,
  type MechanismRecord,
} from '@trellis/db';
import type { ServiceContext } from '../../context.js';
import { checkNotRetired, mechanismDetail, mechanismFor, withCadence, type GuidanceSettings } from './mechanisms.js';

/** Link a mechanism up to the comparable one at a unit above (or remove the link with null). */
export async function linkMechanism(ctx: ServiceContext, id: string, input: MechanismLinkChange, settings: GuidanceSettings = {}): Promise<MechanismDetail> {
  return ctx.db.transaction(async (tx) => {
    const before = await mechanismFor(ctx, tx, id, 'mechanism.manage', { lock: true });
    if (before.version !== input.version) throw staleVersion('This mechanism');
    checkNotRetired(before);
    if (input.upperMechanismId !== null) {
      const upper = await findMechanism(tx, input.upperMechanismId);
      // A mechanism the caller cannot read is answered as missing, like any other out of reach.
      if (!upper || decide(ctx.caller, 'mechanism.read', upper.unitPath) === 'hidden') throw notFound('The mechanism to link to');
      checkLink(before, upper);
    }
    const after = await updateMechanism(tx, id, input.version, { upperMechanismId: input.upperMechanismId });
    if (!after) throw staleVersion('This mechanism');
    await recordAuditEvent(tx, {
      actorId: ctx.caller.personId,
      action: input.upperMechanismId === null ? 'mechanism.unlink' : 'mechanism.link',
      entityType: 'mechanism',
      entityId: id,
      unitId: after.unitId,
      before: { upperMechanismId: before.upperMechanismId },
      after: { upperMechanismId: after.upperMechanismId },
      requestId: ctx.requestId,
    });
    return mechanismDetail(ctx.caller, tx, after, settings);
  });
}

/**
 * Where this mechanism could link: up, to mechanisms at the units above it that the caller may
 * read; down, to mechanisms below not yet linked up that the caller may manage.
 */
export async function getLinkCandidates(ctx: ServiceContext, id: string): Promise<{ up: Mechanism[]; down: Mechanism[] }> {
  const m = await mechanismFor(ctx, ctx.db, id, 'mechanism.manage');
  const above = (await listMechanismsAtUnits(ctx.db, ancestorIds(m.unitPath))).filter((x) => x.status !== 'retired' && decide(ctx.caller, 'mechanism.read', x.unitPath) === 'allow');
  const below = (await listUnlinkedBelow(ctx.db, m.unitPath)).filter((x) => decide(ctx.caller, 'mechanism.manage', x.unitPath) === 'allow');
  return { up: above.map((x) => withCadence(x)), down: below.map((x) => withCadence(x)) };
}

const node = (m: Pick<MechanismRecord, 'id' | 'name' | 'kind' | 'kindName' | 'status' | 'unitId' | 'unitName' | 'memberCount' | 'upperMechanismId'>, level: InfrastructureNode['level']): InfrastructureNode => ({
  id: m.id,
  name: m.name,
  kind: m.kind,
  kindName: m.kindName,
  status: m.status,
  band: INFRASTRUCTURE_BAND_OF[m.kind],
  level,
  unitId: m.unitId,
  unitName: m.unitName,
  memberCount: m.memberCount,
  upperMechanismId: m.upperMechanismId,
});

/** The unit's mechanisms, the ones they link up to and the ones linked to them from one level down. */
export async function getInfrastructure(ctx: ServiceContext, unitId: string): Promise<Infrastructure> {
  const unit = await findUnit(ctx.db, unitId);
  if (!unit) throw notFound('The unit');
  authorize(ctx.caller, 'mechanism.read', unit.path);
  const here = await listUnitMechanisms(ctx.db, unit.id);
  const nodes = new Map<string, InfrastructureNode>(here.map((m) => [m.id, node(m, 'this')]));
  const links: { lowerId: string; upperId: string }[] = [];
  const readable = (path: string) => decide(ctx.caller, 'mechanism.read', path) === 'allow';
  const { up, down } = await linkedOneAway(ctx.db, here.map((m) => m.id));
  for (const upper of up.filter((x) => readable(x.unitPath))) {
    if (!nodes.has(upper.id)) nodes.set(upper.id, node(upper, 'above'));
    for (const m of here) if (m.upperMechanismId === upper.id) links.push({ lowerId: m.id, upperId: upper.id });
  }
  for (const lower of down.filter((x) => readable(x.unitPath))) {
    if (!nodes.has(lower.id)) nodes.set(lower.id, node(lower, 'below'));
    links.push({ lowerId: lower.id, upperId: lower.upperMechanismId! });
  }
  const all = [...nodes.values()];
  return { unitId: unit.id, unitName: unit.name, nodes: all, links, description: describeInfrastructure(unit.name, all, links) };
}
