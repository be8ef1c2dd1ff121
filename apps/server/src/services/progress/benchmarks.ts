// Benchmark assessments: a unit rated item by item for a period, by a team, with evidence; frozen
// once submitted. Roll-ups read counts kept at every unit above the rated ones (by item, and each
// unit's figures), never the ratings; a unit's trend reads its own ratings over periods.
import {
  authorize,
  BENCHMARK_BEHIND_BELOW_DEFAULT,
  benchmarkAssessmentCompleteness,
  benchmarkUnitTrend,
  checkAssessmentEditable,
  checkAssessmentTransition,
  checkBenchmarkRatings,
  conflict,
  invalid,
  notFound,
  previousProgressPeriod,
  rollUpFromCounts,
  staleVersion,
  type BenchmarkAssessmentCreate,
  type BenchmarkAssessmentSubmit,
  type BenchmarkAssessmentUpdate,
  type BenchmarkInstrument,
  type UnitKind,
} from '@trellis/core';
import {
  benchmarkItemCounts,
  benchmarkUnitsBehindPage,
  benchmarkUnitTallies,
  clearRatings,
  findAssessment,
  findPeopleIds,
  findUnit,
  insertAssessment,
  listRatings,
  listUnitAssessments,
  recordAuditEvent,
  setAssessors,
  touchAssessment,
  uniqueViolation,
  unitSubmittedRatings,
  upsertRatings,
  type BenchmarkAssessmentRecord,
  type Queryable,
} from '@trellis/db';
import type { ServiceContext } from '../../context.js';
import { benchmarkInstrument } from './instruments.js';

const publicAssessment = ({ unitPath: _p, ...a }: BenchmarkAssessmentRecord) => a;

const audit = (ctx: ServiceContext, q: Queryable, action: string, a: { id: string; unitId: string }, before: unknown, after: unknown) =>
  recordAuditEvent(q, { actorId: ctx.caller.personId, action, entityType: 'benchmark_assessment', entityId: a.id, unitId: a.unitId, before, after, requestId: ctx.requestId });

async function assessmentFor(ctx: ServiceContext, q: Queryable, id: string, action: 'progress.read' | 'progress.record', opts: { lock?: boolean } = {}) {
  const a = await findAssessment(q, id, opts);
  if (!a) throw notFound('The assessment');
  authorize(ctx.caller, action, a.unitPath, 'The assessment');
  return a;
}

async function checkAssessors(q: Queryable, ids: readonly string[]) {
  const found = await findPeopleIds(q, [...ids]);
  const missing = ids.map((id, i) => [id, i] as const).filter(([id]) => !found.has(id));
  if (missing.length) throw invalid('A person named as an assessor was not found.', missing.map(([, i]) => ({ field: `assessorIds.${i}`, message: 'is not a person in Trellis' })));
}

/** An assessment with its ratings, how complete it is, and the instrument it uses. */
async function withRatings(q: Queryable, a: BenchmarkAssessmentRecord, instrument: BenchmarkInstrument) {
  const ratings = await listRatings(q, a.id);
  return { ...publicAssessment(a), ratings, completeness: benchmarkAssessmentCompleteness(instrument, ratings), instrument: { id: instrument.id, version: instrument.version, name: instrument.name } };
}

export async function listAssessments(ctx: ServiceContext, unitId: string) {
  const unit = await findUnit(ctx.db, unitId);
  if (!unit) throw notFound('The unit');
  authorize(ctx.caller, 'progress.read', unit.path);
  return (await listUnitAssessments(ctx.db, unit.id)).map(publicAssessment);
}

export async function getAssessment(ctx: ServiceContext, id: string) {
  const a = await assessmentFor(ctx, ctx.db, id, 'progress.read');
  return withRatings(ctx.db, a, await benchmarkInstrument(ctx.db, a.unitPath, { id: a.instrumentId, version: a.instrumentVersion }));
}

export async function createAssessment(ctx: ServiceContext, body: BenchmarkAssessmentCreate) {
  return ctx.db.transaction(async (tx) => {
    const unit = await findUnit(tx, body.unitId);
    if (!unit) throw notFound('The unit');
    authorize(ctx.caller, 'progress.record', unit.path);
    const instrument = await benchmarkInstrument(tx, unit.path, body.instrument);
    checkBenchmarkRatings(instrument, body.ratings);
    const assessors = [...new Set([ctx.caller.personId, ...body.assessorIds])];
    await checkAssessors(tx, body.assessorIds);
    let id: string;
    try {
      id = await insertAssessment(tx, { unitId: unit.id, period: body.period, instrumentId: instrument.id, instrumentVersion: instrument.version, note: body.note ?? null, createdBy: ctx.caller.personId, assessorIds: assessors });
    } catch (e) {
      if (uniqueViolation(e) === 'benchmark_assessments_unit_period_key') {
        throw conflict(`${unit.name} already has an assessment for ${body.period} with this instrument. Open it and carry on there.`, [{ field: 'period', message: 'already has an assessment' }]);
      }
      throw e;
    }
    const a = (await findAssessment(tx, id))!;
    await upsertRatings(tx, a, body.ratings, ctx.caller.personId);
    await audit(ctx, tx, 'benchmark_assessment.create', a, null, { ...publicAssessment(a), ratings: body.ratings.length });
    return withRatings(tx, a, instrument);
  });
}

/** Saves ratings to a draft (those given replace those items' ratings; `clear` removes some). */
export async function changeAssessment(ctx: ServiceContext, id: string, body: BenchmarkAssessmentUpdate) {
  return ctx.db.transaction(async (tx) => {
    const a = await assessmentFor(ctx, tx, id, 'progress.record', { lock: true });
    if (a.version !== body.version) throw staleVersion('This assessment');
    checkAssessmentEditable(a.status);
    const instrument = await benchmarkInstrument(tx, a.unitPath, { id: a.instrumentId, version: a.instrumentVersion });
    if (body.ratings) checkBenchmarkRatings(instrument, body.ratings);
    if (body.assessorIds) await checkAssessors(tx, body.assessorIds);
    if (!(await touchAssessment(tx, a.id, body.version, { note: body.note }))) throw staleVersion('This assessment');
    if (body.clear?.length) await clearRatings(tx, a.id, body.clear);
    if (body.ratings?.length) await upsertRatings(tx, a, body.ratings, ctx.caller.personId);
    // Whoever rates joins the team that assessed.
    await setAssessors(tx, a.id, [...new Set([...(body.assessorIds ?? a.assessors.map((x) => x.id)), ctx.caller.personId])]);
    const after = (await findAssessment(tx, a.id))!;
    await audit(ctx, tx, 'benchmark_assessment.update', a, { version: a.version }, { version: after.version, rated: body.ratings?.map((r) => `${r.itemKey}=${r.rating}`) ?? [], cleared: body.clear ?? [] });
    return withRatings(tx, after, instrument);
  });
}

/** Submits (freezes) an assessment whose every item is rated. */
export async function submitAssessment(ctx: ServiceContext, id: string, body: BenchmarkAssessmentSubmit) {
  return ctx.db.transaction(async (tx) => {
    const a = await assessmentFor(ctx, tx, id, 'progress.record', { lock: true });
    const instrument = await benchmarkInstrument(tx, a.unitPath, { id: a.instrumentId, version: a.instrumentVersion });
    checkAssessmentTransition(a.status, body.to, { instrument, ratings: await listRatings(tx, a.id) });
    if (a.version !== body.version) throw staleVersion('This assessment');
    if (!(await touchAssessment(tx, a.id, body.version, { submittedBy: ctx.caller.personId }))) throw staleVersion('This assessment');
    const after = (await findAssessment(tx, a.id))!;
    await audit(ctx, tx, 'benchmark_assessment.submit', a, { status: a.status }, { status: after.status, period: a.period });
    return withRatings(tx, after, instrument);
  });
}

const ROLL_UP_LEVEL: Partial<Record<UnitKind, UnitKind>> = { state: 'school', region: 'school', district: 'school', feeder_pattern: 'school' };

/** How many of the units behind a roll-up lists when not asked (the web shows 15 and the total). */
export const UNITS_BEHIND_PAGE_DEFAULT = 50;
export const UNITS_BEHIND_PAGE_MAX = 500;

/**
 * The roll-up of the units below a unit (its schools, unless `level` says otherwise) for a period:
 * distribution by item and area, the change since the previous period, and the units behind — their
 * total and one page of them (`behindOffset`, `behindLimit`), in core's order.
 *
 * Nothing per unit leaves the database but that page: the distributions come from the counts by item
 * (rollUpFromCounts), and the units in scope, assessed and behind from each unit's figures kept at
 * every unit above it (migration 0011), counted and paged in SQL (docs/decisions/0017, amended).
 */
export async function benchmarkRollUp(
  ctx: ServiceContext,
  unitId: string,
  query: {
    period: string;
    previousPeriod?: string | undefined;
    behindBelow?: number | undefined;
    behindOffset?: number | undefined;
    behindLimit?: number | undefined;
    level?: UnitKind | undefined;
    instrumentId?: string | undefined;
    instrumentVersion?: string | undefined;
  },
) {
  const unit = await findUnit(ctx.db, unitId);
  if (!unit) throw notFound('The unit');
  authorize(ctx.caller, 'progress.read', unit.path);
  const instrument = await benchmarkInstrument(ctx.db, unit.path, { id: query.instrumentId ?? 'trellis-benchmarks', version: query.instrumentVersion ?? '2026.11.0' });
  const level = query.level ?? ROLL_UP_LEVEL[unit.kind] ?? unit.kind;
  const previousPeriod = query.previousPeriod ?? previousProgressPeriod(query.period);
  const behindBelow = query.behindBelow ?? BENCHMARK_BEHIND_BELOW_DEFAULT;
  const scope = { ancestor: unit, instrumentId: instrument.id, level };
  const [byItem, tallies] = await Promise.all([
    benchmarkItemCounts(ctx.db, scope, [query.period, previousPeriod]),
    benchmarkUnitTallies(ctx.db, scope, { period: query.period, previousPeriod, behindBelow }),
  ]);
  // Core checks the periods (a previous period equal to the period is refused) before the page is read.
  const distributions = rollUpFromCounts({ byItem, byUnit: [] }, { instrument, unitIds: [], period: query.period, previousPeriod, behindBelow });
  const notAssessed = tallies.inScope - tallies.assessed;
  const offset = query.behindOffset ?? 0;
  const limit = Math.min(query.behindLimit ?? UNITS_BEHIND_PAGE_DEFAULT, UNITS_BEHIND_PAGE_MAX);
  const unitsBehind = await benchmarkUnitsBehindPage(ctx.db, scope, { period: query.period, previousPeriod, behindBelow, notAssessed, offset, limit });
  const { current, previous, change } = distributions;
  return {
    unitId: unit.id,
    unitName: unit.name,
    level,
    instrument: { id: instrument.id, version: instrument.version, name: instrument.name },
    ...distributions,
    current: { ...current, unitsInScope: tallies.inScope, unitsAssessed: tallies.assessed },
    previous: { ...previous, unitsInScope: tallies.inScope, unitsAssessed: tallies.assessedBefore },
    change: { ...change, unitsAssessed: tallies.assessed - tallies.assessedBefore },
    unitsBehind,
    unitsBehindTotal: notAssessed + tallies.below,
    unitsBehindByReason: { not_assessed: notAssessed, below_threshold: tallies.below },
    unitsBehindPage: { offset, limit },
  };
}

/** A unit's own submitted ratings over periods, oldest first. */
export async function benchmarkTrend(ctx: ServiceContext, unitId: string) {
  const unit = await findUnit(ctx.db, unitId);
  if (!unit) throw notFound('The unit');
  authorize(ctx.caller, 'progress.read', unit.path);
  return benchmarkUnitTrend(await unitSubmittedRatings(ctx.db, unit.id, 'trellis-benchmarks'), unit.id);
}
