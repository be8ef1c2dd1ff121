// Roll-out scenarios: plan a phase-in for a district (schools by feeder pattern) or a state or
// region (schools by district), compute it off the request thread, compare, export and adopt.
import {
  authorize,
  conflict,
  invalid,
  notFound,
  ROLLOUT_SUBSET_OF,
  ROLLOUT_UNIT_KINDS,
  RolloutScenario,
  rolloutScenarioInput,
  staleVersion,
  type RolloutAdoptionStep,
  type RolloutResult,
  type RolloutScenarioCreate,
  type RolloutScenarioUpdate,
  type RolloutSettings,
  type Unit,
} from '@trellis/core';
import {
  deleteRolloutScenario,
  findRolloutScenario,
  finishRolloutComputation,
  findUnit,
  insertRolloutScenario,
  listComputingRolloutScenarios,
  listRolloutSchools,
  listRolloutScenarios,
  markRolloutAdopted,
  recordAuditEvent,
  rolloutScenarioResult,
  updateRolloutScenario,
  type Queryable,
  type RolloutScenarioRecord,
  type RolloutScenarioSummaryRecord,
} from '@trellis/db';
import type { ServiceContext } from '../../context.js';
import type { RolloutComputer } from './compute.js';

const publicScenario = ({ unitPath: _p, computation: _c, ...s }: RolloutScenarioRecord) => s;
export type PublicRolloutScenario = ReturnType<typeof publicScenario>;

async function scenarioFor(ctx: ServiceContext, q: Queryable, id: string, action: 'rollout.read' | 'rollout.manage', opts: { lock?: boolean } = {}): Promise<RolloutScenarioRecord> {
  const s = await findRolloutScenario(q, id, opts);
  if (!s) throw notFound('The scenario');
  authorize(ctx.caller, action, s.unitPath, 'The scenario');
  return s;
}

function checkPlannable(unit: Unit): asserts unit is Unit & { kind: (typeof ROLLOUT_UNIT_KINDS)[number] } {
  if (!(ROLLOUT_UNIT_KINDS as readonly string[]).includes(unit.kind)) {
    throw invalid(`A roll-out is planned for a district (its schools by feeder pattern) or a state or region (its schools by district), not for a ${unit.kind.replace('_', ' ')}.`, [
      { field: 'unitId', message: 'must be a district, region or state' },
    ]);
  }
}

/**
 * The scheduler's input for the unit's schools today, checked: a scenario that cannot be planned
 * (e.g. a school under way with a facilitator not in the cadre) is refused before anything is saved.
 */
async function scenarioInput(q: Queryable, unit: Unit & { kind: (typeof ROLLOUT_UNIT_KINDS)[number] }, settings: RolloutSettings, name: string) {
  const schools = await listRolloutSchools(q, unit.path, ROLLOUT_SUBSET_OF[unit.kind]);
  if (schools.length === 0) throw invalid(`${unit.name} has no open schools to phase in.`, [{ field: 'unitId', message: 'has no schools' }]);
  const input = rolloutScenarioInput(settings, schools, name);
  const parsed = RolloutScenario.safeParse(input);
  if (!parsed.success) {
    const byId = new Map(schools.map((s) => [s.id, s]));
    throw invalid(
      'This scenario cannot be planned as it stands.',
      parsed.error.issues.slice(0, 20).map((issue) => {
        // Sites are the unit's schools: name the school and point at its override.
        if (issue.path[0] === 'sites' && typeof issue.path[1] === 'number') {
          const school = schools[issue.path[1]];
          return { field: ['settings', 'siteOverrides', school?.id ?? '?', ...issue.path.slice(2)].join('.'), message: `${byId.get(school?.id ?? '')?.name ?? 'a school'}: ${issue.message}` };
        }
        return { field: ['settings', ...issue.path].join('.'), message: issue.message };
      }),
    );
  }
  return input;
}

export async function listScenarios(ctx: ServiceContext, unitId: string): Promise<(PublicRolloutScenario & { summary: RolloutScenarioSummaryRecord['summary'] })[]> {
  const unit = await findUnit(ctx.db, unitId);
  if (!unit) throw notFound('The unit');
  authorize(ctx.caller, 'rollout.read', unit.path);
  return (await listRolloutScenarios(ctx.db, unit.id)).map((s) => ({ ...publicScenario(s), summary: s.summary }));
}

export async function getScenario(ctx: ServiceContext, id: string): Promise<PublicRolloutScenario & { result: RolloutResult | null }> {
  const s = await scenarioFor(ctx, ctx.db, id, 'rollout.read');
  return { ...publicScenario(s), result: s.status === 'ready' ? ((await rolloutScenarioResult(ctx.db, s.id)) as RolloutResult) : null };
}

export async function createScenario(ctx: ServiceContext, computer: RolloutComputer, input: RolloutScenarioCreate): Promise<PublicRolloutScenario> {
  const { scenario, schedulerInput } = await ctx.db.transaction(async (tx) => {
    const unit = await findUnit(tx, input.unitId);
    if (!unit) throw notFound('The unit');
    authorize(ctx.caller, 'rollout.manage', unit.path);
    checkPlannable(unit);
    const schedulerInput = await scenarioInput(tx, unit, input.settings, input.name);
    const scenario = await insertRolloutScenario(tx, { unitId: unit.id, name: input.name, settings: input.settings, createdBy: ctx.caller.personId });
    await recordAuditEvent(tx, { actorId: ctx.caller.personId, action: 'rollout_scenario.create', entityType: 'rollout_scenario', entityId: scenario.id, unitId: unit.id, before: null, after: { name: scenario.name, settings: scenario.settings }, requestId: ctx.requestId });
    return { scenario, schedulerInput };
  });
  void computer.compute(scenario.id, scenario.computation, schedulerInput);
  return publicScenario(scenario);
}

export async function updateScenario(ctx: ServiceContext, computer: RolloutComputer, id: string, input: RolloutScenarioUpdate): Promise<PublicRolloutScenario> {
  const { version, ...changes } = input;
  const { after, schedulerInput } = await ctx.db.transaction(async (tx) => {
    const before = await scenarioFor(ctx, tx, id, 'rollout.manage', { lock: true });
    if (before.version !== version) throw staleVersion('This scenario');
    if (before.adoptedAt !== null && changes.settings !== undefined) {
      throw conflict('This scenario has been adopted, so its settings no longer change. Copy it into a new scenario to plan further.', [{ field: 'settings', message: 'cannot change after adoption' }]);
    }
    const unit = (await findUnit(tx, before.unitId))!;
    checkPlannable(unit);
    const schedulerInput = changes.settings ? await scenarioInput(tx, unit, changes.settings, changes.name ?? before.name) : null;
    const after = await updateRolloutScenario(tx, id, version, changes);
    if (!after) throw staleVersion('This scenario');
    await recordAuditEvent(tx, { actorId: ctx.caller.personId, action: 'rollout_scenario.update', entityType: 'rollout_scenario', entityId: id, unitId: after.unitId, before: { name: before.name, settings: before.settings }, after: { name: after.name, settings: after.settings }, requestId: ctx.requestId });
    return { after, schedulerInput };
  });
  if (schedulerInput) void computer.compute(after.id, after.computation, schedulerInput);
  return publicScenario(after);
}

export async function removeScenario(ctx: ServiceContext, id: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const before = await scenarioFor(ctx, tx, id, 'rollout.manage', { lock: true });
    if (before.adoptedAt !== null) throw conflict('An adopted scenario is the record of what was decided, so it is kept.', [{ field: 'id', message: 'is adopted' }]);
    await deleteRolloutScenario(tx, id);
    await recordAuditEvent(tx, { actorId: ctx.caller.personId, action: 'rollout_scenario.delete', entityType: 'rollout_scenario', entityId: id, unitId: before.unitId, before: { name: before.name, settings: before.settings }, after: null, requestId: ctx.requestId });
  });
}

/**
 * What adoption starts in other modules. Coaching (issue 7) and plans (issue 4) are not built yet,
 * so each step is recorded as pending with what it will do; when they are, they complete these
 * steps here (the adoption record says which ids each created).
 */
export interface RolloutAdopter {
  module: RolloutAdoptionStep['module'];
  adopt(q: Queryable, scenario: RolloutScenarioRecord, result: RolloutResult): Promise<RolloutAdoptionStep>;
}

const pendingAdopters: RolloutAdopter[] = [
  {
    module: 'coaching',
    async adopt(_q, _s, result) {
      const first = result.schedule.subsets[0];
      const sites = first ? result.schedule.sites.filter((x) => x.subsetId === first.subsetId) : [];
      return {
        module: 'coaching',
        status: 'pending',
        description: `Start ${sites.length} coaching engagements, one for each school of ${first?.name ?? 'the first group'}, with the facilitator the schedule assigns (coaching module, not built yet).`,
        created: [],
      };
    },
  },
  {
    module: 'plans',
    async adopt(_q, _s, result) {
      const first = result.schedule.subsets[0];
      return {
        module: 'plans',
        status: 'pending',
        description: `Create the school plans of ${first?.name ?? 'the first group'} from the district's template (plans module, not built yet).`,
        created: [],
      };
    },
  },
];

export async function adoptScenario(ctx: ServiceContext, id: string, version: number, adopters: readonly RolloutAdopter[] = pendingAdopters): Promise<PublicRolloutScenario> {
  return ctx.db.transaction(async (tx) => {
    const before = await scenarioFor(ctx, tx, id, 'rollout.manage', { lock: true });
    if (before.version !== version) throw staleVersion('This scenario');
    if (before.adoptedAt !== null) throw conflict('This scenario has already been adopted.', [{ field: 'id', message: 'is already adopted' }]);
    if (before.status !== 'ready') {
      throw conflict(before.status === 'computing' ? 'This scenario is still being computed; adopt it when its schedule is ready.' : 'This scenario could not be computed; change it and try again.', [{ field: 'status', message: `is ${before.status}` }]);
    }
    const result = (await rolloutScenarioResult(tx, id)) as RolloutResult;
    const steps: RolloutAdoptionStep[] = [];
    for (const a of adopters) steps.push(await a.adopt(tx, before, result));
    const after = await markRolloutAdopted(tx, id, version, ctx.caller.personId, steps);
    if (!after) throw staleVersion('This scenario');
    await recordAuditEvent(tx, { actorId: ctx.caller.personId, action: 'rollout_scenario.adopt', entityType: 'rollout_scenario', entityId: id, unitId: after.unitId, before: { adoptedAt: null }, after: { adoptedAt: after.adoptedAt, adoption: steps }, requestId: ctx.requestId });
    return publicScenario(after);
  });
}

/** Computes again what was left computing (the server stopped mid-way): called when the server starts. */
export async function resumeComputations(db: ServiceContext['db'], computer: RolloutComputer): Promise<number> {
  const left = await listComputingRolloutScenarios(db);
  for (const { id, computation } of left) {
    const s = await findRolloutScenario(db, id);
    const unit = s && (await findUnit(db, s.unitId));
    if (!s || !unit) continue;
    try {
      checkPlannable(unit);
      void computer.compute(id, computation, await scenarioInput(db, unit, s.settings, s.name));
    } catch (e) {
      await finishRolloutComputation(db, id, computation, { error: e instanceof Error ? e.message : String(e) });
    }
  }
  return left.length;
}
