// The instruments assessments and surveys use: the shipped ones (versioned data in core) and an
// agency's own benchmark instruments, built from the shipped checklist (items left out, reworded or
// added), from one of its own (a new version of it) or blank, and retired when no longer wanted
// (docs/decisions/0021).
import {
  authorize,
  BENCHMARK_DEFAULT_INSTRUMENT,
  buildBenchmarkInstrument,
  compareInstrumentVersions,
  conflict,
  invalid,
  isWithin,
  notFound,
  READINESS_DEFAULT_SURVEY,
  type BenchmarkInstrument,
  type BenchmarkInstrumentCreate,
  type BenchmarkInstrumentRetire,
  type ProgressInstrumentRef,
  type ReadinessSurveyInstrument,
} from '@trellis/core';
import { findUnit, iso, jsonValue, recordAuditEvent, uniqueViolation, type Queryable } from '@trellis/db';
import type { ServiceContext } from '../../context.js';

interface StoredInstrument {
  id: string;
  version: string;
  kind: 'benchmark' | 'readiness';
  unit_id: string;
  unit_name: string;
  unit_path: string;
  definition: BenchmarkInstrument | ReadinessSurveyInstrument | string;
  created_at: Date | string;
  created_by_name: string | null;
  retired_at: Date | string | null;
  retired_by_name: string | null;
}

/** Who owns an instrument and when it was built and retired; null on the shipped ones. */
export interface InstrumentRecordMeta {
  owner: { unitId: string; unitName: string } | null;
  createdAt: string | null;
  createdByName: string | null;
  retiredAt: string | null;
  retiredByName: string | null;
}

const SHIPPED: InstrumentRecordMeta = { owner: null, createdAt: null, createdByName: null, retiredAt: null, retiredByName: null };
const SHIPPED_IDS = new Set([BENCHMARK_DEFAULT_INSTRUMENT.id, READINESS_DEFAULT_SURVEY.id]);

const SELECT = `select i.id, i.version, i.kind, i.unit_id, u.name as unit_name, u.path as unit_path, i.definition, i.created_at,
  c.name as created_by_name, i.retired_at, r.name as retired_by_name
  from progress_instruments i join units u on u.id = i.unit_id left join people c on c.id = i.created_by left join people r on r.id = i.retired_by`;

const metaOf = (r: StoredInstrument): InstrumentRecordMeta => ({
  owner: { unitId: r.unit_id, unitName: r.unit_name },
  createdAt: iso(r.created_at),
  createdByName: r.created_by_name,
  retiredAt: r.retired_at === null ? null : iso(r.retired_at),
  retiredByName: r.retired_by_name,
});

async function storedUsableAt(q: Queryable, unitPath: string): Promise<StoredInstrument[]> {
  const rows = await q.query<StoredInstrument>(`${SELECT} order by i.created_at, i.id, i.version`);
  return rows.filter((r) => isWithin(unitPath, r.unit_path));
}

/** The instruments usable at a unit: the shipped ones, and those of the unit and the units above it (retired ones too: their assessments need them). */
export async function instrumentsFor(q: Queryable, unitPath: string): Promise<{ benchmark: BenchmarkInstrument[]; readiness: ReadinessSurveyInstrument[] }> {
  const usable = await storedUsableAt(q, unitPath);
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

/** The instruments usable at a unit, each with who owns it, who built it and whether it is retired. */
export async function listInstruments(ctx: ServiceContext, unitId: string) {
  const unit = await findUnit(ctx.db, unitId);
  if (!unit) throw notFound('The unit');
  authorize(ctx.caller, 'progress.read', unit.path);
  const usable = await storedUsableAt(ctx.db, unit.path);
  const of = <T>(kind: StoredInstrument['kind']) => usable.filter((r) => r.kind === kind).map((r) => ({ ...(jsonValue(r.definition) as T), ...metaOf(r) }));
  return {
    benchmark: [{ ...BENCHMARK_DEFAULT_INSTRUMENT, ...SHIPPED }, ...of<BenchmarkInstrument>('benchmark')],
    readiness: [{ ...READINESS_DEFAULT_SURVEY, ...SHIPPED }, ...of<ReadinessSurveyInstrument>('readiness')],
  };
}

async function storedInstrument(q: Queryable, ref: ProgressInstrumentRef, opts: { lock?: boolean } = {}): Promise<StoredInstrument | null> {
  const rows = await q.query<StoredInstrument>(`${SELECT} where i.id = $1 and i.version = $2${opts.lock ? ' for update of i' : ''}`, [ref.id, ref.version]);
  return rows[0] ?? null;
}

/**
 * An agency's benchmark instrument, owned by a unit and used there and below: built from the shipped
 * checklist (by default), from an instrument usable at the unit (`basedOn`), or blank (`basedOn: null`).
 * Reusing the id of one of the unit's own instruments publishes a new version of it: the version must
 * come after its latest, and one built from an older version of it is refused as stale.
 */
export async function createBenchmarkInstrument(ctx: ServiceContext, body: BenchmarkInstrumentCreate) {
  return ctx.db.transaction(async (tx) => {
    const unit = await findUnit(tx, body.unitId);
    if (!unit) throw notFound('The unit');
    authorize(ctx.caller, 'progress.manage', unit.path);
    if (SHIPPED_IDS.has(body.id)) throw invalid(`"${body.id}" is the id of an instrument Trellis ships. Give yours an id of its own.`, [{ field: 'id', message: 'is the id of a shipped instrument' }]);

    // One new version of an id at a time: the check of the latest version and the insert go together.
    await tx.query('select pg_advisory_xact_lock(7337018, hashtext($1))', [body.id]);
    const versions = await tx.query<{ version: string; unit_id: string }>('select version, unit_id from progress_instruments where id = $1', [body.id]);
    if (versions.some((v) => v.unit_id !== unit.id)) {
      throw conflict(`Another unit already has an instrument with the id "${body.id}". Choose another id.`, [{ field: 'id', message: 'is taken by another unit' }]);
    }
    if (versions.length > 0) {
      const latest = versions.map((v) => v.version).sort(compareInstrumentVersions).at(-1)!;
      if (body.basedOn?.id === body.id && body.basedOn.version !== latest) {
        throw conflict(`This instrument has a newer version (${latest}) than the one you started from (${body.basedOn.version}). Start from ${latest} and make your changes again.`, [
          { field: 'basedOn', message: 'is not the latest version' },
        ]);
      }
      if (compareInstrumentVersions(body.version, latest) <= 0) {
        throw invalid(`Version ${body.version} does not come after ${latest}, the latest version of ${body.id}.`, [{ field: 'version', message: `must come after ${latest}` }]);
      }
    }

    const base = body.basedOn === null ? null : body.basedOn === undefined ? BENCHMARK_DEFAULT_INSTRUMENT : await benchmarkInstrument(tx, unit.path, body.basedOn, 'basedOn');
    const instrument = buildBenchmarkInstrument(base, body, unit.name, new Date().toISOString().slice(0, 10));
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
    await recordAuditEvent(tx, {
      actorId: ctx.caller.personId,
      action: 'progress_instrument.create',
      entityType: 'progress_instrument',
      entityId: `${instrument.id}@${instrument.version}`,
      unitId: unit.id,
      before: null,
      after: {
        id: instrument.id,
        version: instrument.version,
        basedOn: instrument.basedOn ?? null,
        items: instrument.items.length,
        added: body.items.map((i) => i.key),
        removed: body.removeItems,
        reworded: instrument.items.filter((i) => i.changedBy && body.changeItems.some((c) => c.key === i.key)).map((i) => i.key),
      },
      requestId: ctx.requestId,
    });
    const stored = (await storedInstrument(tx, instrument))!;
    return { ...instrument, ...metaOf(stored) };
  });
}

/** Retire an agency's instrument: not offered for new assessments any more; the assessments made with it keep it. */
export async function retireBenchmarkInstrument(ctx: ServiceContext, body: BenchmarkInstrumentRetire) {
  return ctx.db.transaction(async (tx) => {
    if (SHIPPED_IDS.has(body.instrument.id)) {
      throw invalid('An instrument Trellis ships cannot be retired; build your own and use it instead.', [{ field: 'instrument.id', message: 'is a shipped instrument' }]);
    }
    const row = await storedInstrument(tx, body.instrument, { lock: true });
    if (!row || row.kind !== 'benchmark') throw notFound('The instrument');
    authorize(ctx.caller, 'progress.manage', row.unit_path, 'The instrument');
    if (row.retired_at !== null) {
      throw conflict(`${body.instrument.id} ${body.instrument.version} was retired already${row.retired_by_name ? ` by ${row.retired_by_name}` : ''}. Reload to see it.`, [
        { field: 'instrument', message: 'is retired already' },
      ]);
    }
    await tx.query('update progress_instruments set retired_at = now(), retired_by = $3 where id = $1 and version = $2', [row.id, row.version, ctx.caller.personId]);
    await recordAuditEvent(tx, {
      actorId: ctx.caller.personId,
      action: 'progress_instrument.retire',
      entityType: 'progress_instrument',
      entityId: `${row.id}@${row.version}`,
      unitId: row.unit_id,
      before: { retired: false },
      after: { retired: true },
      requestId: ctx.requestId,
    });
    const after = (await storedInstrument(tx, body.instrument))!;
    return { ...(jsonValue(after.definition) as BenchmarkInstrument), ...metaOf(after) };
  });
}

/** Whether an agency's instrument has been retired (never true of a shipped one). */
export async function instrumentRetired(q: Queryable, ref: ProgressInstrumentRef): Promise<boolean> {
  if (SHIPPED_IDS.has(ref.id)) return false;
  return !!(await storedInstrument(q, ref))?.retired_at;
}
