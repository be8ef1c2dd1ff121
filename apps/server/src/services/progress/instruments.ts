// The instruments assessments and surveys use: the shipped ones (versioned data in core) and an
// agency's own, built on the shipped checklist with its own areas and items added.
import {
  authorize,
  BENCHMARK_DEFAULT_INSTRUMENT,
  conflict,
  extendInstrument,
  invalid,
  isWithin,
  notFound,
  READINESS_DEFAULT_SURVEY,
  type BenchmarkInstrument,
  type BenchmarkInstrumentCreate,
  type ProgressInstrumentRef,
  type ReadinessSurveyInstrument,
} from '@trellis/core';
import { findUnit, jsonValue, recordAuditEvent, uniqueViolation, type Queryable } from '@trellis/db';
import type { ServiceContext } from '../../context.js';

interface StoredInstrument {
  id: string;
  version: string;
  kind: 'benchmark' | 'readiness';
  unit_path: string;
  definition: BenchmarkInstrument | ReadinessSurveyInstrument | string;
}


/** The instruments usable at a unit: the shipped ones, and those of the unit and the units above it. */
export async function instrumentsFor(q: Queryable, unitPath: string): Promise<{ benchmark: BenchmarkInstrument[]; readiness: ReadinessSurveyInstrument[] }> {
  const rows = await q.query<StoredInstrument>('select i.id, i.version, i.kind, u.path as unit_path, i.definition from progress_instruments i join units u on u.id = i.unit_id order by i.created_at');
  const usable = rows.filter((r) => isWithin(unitPath, r.unit_path));
  return {
    benchmark: [BENCHMARK_DEFAULT_INSTRUMENT, ...usable.filter((r) => r.kind === 'benchmark').map((r) => jsonValue(r.definition) as BenchmarkInstrument)],
    readiness: [READINESS_DEFAULT_SURVEY, ...usable.filter((r) => r.kind === 'readiness').map((r) => jsonValue(r.definition) as ReadinessSurveyInstrument)],
  };
}

/** The benchmark instrument a reference names, if it may be used at the unit. */
export async function benchmarkInstrument(q: Queryable, unitPath: string, ref: ProgressInstrumentRef, field = 'instrument'): Promise<BenchmarkInstrument> {
  const found = (await instrumentsFor(q, unitPath)).benchmark.find((i) => i.id === ref.id && i.version === ref.version);
  if (!found) throw invalid(`There is no benchmark instrument ${ref.id} ${ref.version} for this unit.`, [{ field, message: 'must be a benchmark instrument of this unit or a unit above it' }]);
  return found;
}

export async function readinessInstrument(q: Queryable, unitPath: string, ref: ProgressInstrumentRef, field = 'instrument'): Promise<ReadinessSurveyInstrument> {
  const found = (await instrumentsFor(q, unitPath)).readiness.find((i) => i.id === ref.id && i.version === ref.version);
  if (!found) throw invalid(`There is no readiness survey ${ref.id} ${ref.version} for this unit.`, [{ field, message: 'must be a readiness survey of this unit or a unit above it' }]);
  return found;
}

export async function listInstruments(ctx: ServiceContext, unitId: string) {
  const unit = await findUnit(ctx.db, unitId);
  if (!unit) throw notFound('The unit');
  authorize(ctx.caller, 'progress.read', unit.path);
  return instrumentsFor(ctx.db, unit.path);
}

/** An agency's benchmark instrument: the shipped checklist plus its own areas and items. */
export async function createBenchmarkInstrument(ctx: ServiceContext, body: BenchmarkInstrumentCreate): Promise<BenchmarkInstrument> {
  return ctx.db.transaction(async (tx) => {
    const unit = await findUnit(tx, body.unitId);
    if (!unit) throw notFound('The unit');
    authorize(ctx.caller, 'progress.manage', unit.path);
    const instrument = extendInstrument(BENCHMARK_DEFAULT_INSTRUMENT, {
      id: body.id,
      version: body.version,
      publishedOn: new Date().toISOString().slice(0, 10),
      name: body.name,
      areas: body.areas,
      items: body.items.map((i) => ({ ...i, addedBy: unit.name })),
    });
    try {
      await tx.query('insert into progress_instruments (id, version, kind, unit_id, definition, created_by) values ($1, $2, $3, $4, $5, $6)', [
        instrument.id,
        instrument.version,
        'benchmark',
        unit.id,
        JSON.stringify(instrument),
        ctx.caller.personId,
      ]);
    } catch (e) {
      if (uniqueViolation(e)) throw conflict(`An instrument ${instrument.id} ${instrument.version} exists already. Give this one a new version.`, [{ field: 'version', message: 'is taken' }]);
      throw e;
    }
    await recordAuditEvent(tx, { actorId: ctx.caller.personId, action: 'progress_instrument.create', entityType: 'progress_instrument', entityId: `${instrument.id}@${instrument.version}`, unitId: unit.id, before: null, after: { id: instrument.id, version: instrument.version, items: instrument.items.length }, requestId: ctx.requestId });
    return instrument;
  });
}
