// A state's or district's own coaching focus areas (docs/decisions/0020): the list in force at a
// unit (the Appendix B catalog as adapted by the units on its path), a leader's changes to their
// unit's adaptation, and the check that engagements, contacts and hand-over plans choose from it.
import {
  applyCoachingFocusAreaChanges,
  authorize,
  COACHING_FOCUS_AREA_CATALOG,
  coachingFocusAreasInForce,
  coachingFocusKeyIssues,
  invalid,
  notFound,
  staleVersion,
  type CoachingFocusAreaInForce,
  type CoachingFocusAreasUpdate,
  type FieldIssue,
  type Unit,
} from '@trellis/core';
import { coachingFocusAddedKeys, coachingFocusLayersOn, findPerson, findUnit, lockCoachingFocusAreas, recordAuditEvent, saveCoachingFocusAdaptation, type Queryable } from '@trellis/db';
import type { ServiceContext } from '../../context.js';

/** Units that may adapt the focus areas; the units below them take their list. */
export const FOCUS_ADAPTING_KINDS: readonly string[] = ['state', 'district'];

export interface FocusAreaList {
  unitId: string;
  unitName: string;
  basedOn: { id: string; version: string };
  /** The units whose adaptations make this list, from the top down (the unit itself included when it has one). */
  adaptedBy: { unitId: string; unitName: string; version: number; updatedAt: string }[];
  /** Whether this unit may hold an adaptation of its own (a state or district). */
  adaptable: boolean;
  /** Version of this unit's own adaptation (0 when it has none). */
  version: number;
  areas: CoachingFocusAreaInForce[];
}

/** The focus areas in force at a unit (retired ones included, marked). */
export async function focusAreasAt(q: Queryable, unit: Pick<Unit, 'id' | 'name' | 'path' | 'kind'>): Promise<FocusAreaList> {
  const layers = await coachingFocusLayersOn(q, unit.path);
  return {
    unitId: unit.id,
    unitName: unit.name,
    basedOn: { id: COACHING_FOCUS_AREA_CATALOG.id, version: COACHING_FOCUS_AREA_CATALOG.version },
    adaptedBy: layers.map((l) => ({ unitId: l.unitId, unitName: l.unitName, version: l.version, updatedAt: l.updatedAt })),
    adaptable: FOCUS_ADAPTING_KINDS.includes(unit.kind),
    version: layers.find((l) => l.unitId === unit.id)?.version ?? 0,
    areas: coachingFocusAreasInForce(layers),
  };
}

/** The keys chosen at the unit are in its list and in use (`keep`: chosen before, may since be retired); throws 400 otherwise. */
export async function checkFocusKeys(q: Queryable, unit: Pick<Unit, 'id' | 'name' | 'path' | 'kind'>, fields: { field: string; keys: readonly string[] | undefined; keep?: readonly string[] }[], what: string): Promise<void> {
  if (fields.every((f) => !f.keys?.length)) return;
  const { areas } = await focusAreasAt(q, unit);
  const issues: FieldIssue[] = fields.flatMap((f) => coachingFocusKeyIssues(areas, f.keys ?? [], f.field, f.keep ?? [], unit.name));
  if (issues.length) throw invalid(`${what} has a problem: ${issues.map((i) => `${i.field} ${i.message}`).join('; ')}.`, issues);
}

async function unitFor(ctx: ServiceContext, q: Queryable, unitId: string, action: 'coaching.read' | 'coaching.manage'): Promise<Unit> {
  const unit = await findUnit(q, unitId);
  if (!unit) throw notFound('The unit');
  authorize(ctx.caller, action, unit.path);
  return unit;
}

export async function getFocusAreas(ctx: ServiceContext, unitId: string): Promise<FocusAreaList> {
  return focusAreasAt(ctx.db, await unitFor(ctx, ctx.db, unitId, 'coaching.read'));
}

/** Rewords, adds, retires or restores focus areas for a state or district and the units below it. */
export async function changeFocusAreas(ctx: ServiceContext, unitId: string, body: CoachingFocusAreasUpdate): Promise<FocusAreaList> {
  return ctx.db.transaction(async (tx) => {
    const unit = await unitFor(ctx, tx, unitId, 'coaching.manage');
    if (!FOCUS_ADAPTING_KINDS.includes(unit.kind)) {
      throw invalid(`${unit.name} is a ${unit.kind.replace('_', ' ')}: focus areas are adapted by a state or a district, for its units below.`, [
        { field: 'id', message: 'must be a state or a district' },
      ]);
    }
    await lockCoachingFocusAreas(tx);
    const layers = await coachingFocusLayersOn(tx, unit.path);
    const own = layers.find((l) => l.unitId === unit.id);
    if ((own?.version ?? 0) !== body.version) throw staleVersion('The focus areas');
    const inherited = coachingFocusAreasInForce(layers.filter((l) => l.unitId !== unit.id));
    const me = await findPerson(tx, ctx.caller.personId);
    const stamp = { personId: ctx.caller.personId, personName: me?.name ?? 'Unknown', unitId: unit.id, unitName: unit.name, on: new Date().toISOString().slice(0, 10) };
    const { entries, issues } = applyCoachingFocusAreaChanges(inherited, own?.entries ?? [], body.changes, stamp, await coachingFocusAddedKeys(tx));
    if (issues.length) throw invalid(`The focus areas cannot be changed: ${issues.map((i) => `${i.field} ${i.message}`).join('; ')}.`, issues);
    if (!(await saveCoachingFocusAdaptation(tx, unit.id, body.version, entries))) throw staleVersion('The focus areas');
    await recordAuditEvent(tx, {
      actorId: ctx.caller.personId,
      action: 'coaching_focus_areas.update',
      entityType: 'coaching_focus_areas',
      entityId: unit.id,
      unitId: unit.id,
      before: { entries: own?.entries ?? [] },
      after: { entries, changes: body.changes },
      requestId: ctx.requestId,
    });
    return focusAreasAt(tx, unit);
  });
}
