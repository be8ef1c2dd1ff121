// An agency's benchmark instrument straight into the database, for tests: the shipped checklist with
// one item of the unit's own added (built by core, as the service builds it).
import { BENCHMARK_DEFAULT_INSTRUMENT, buildBenchmarkInstrument, type Unit } from '@trellis/core';
import type { Queryable } from '@trellis/db';

let n = 0;

export async function createInstrument(db: Queryable, unit: Unit, opts: { retired?: boolean } = {}) {
  const instrument = buildBenchmarkInstrument(
    BENCHMARK_DEFAULT_INSTRUMENT,
    {
      id: `test-checklist-${Date.now().toString(36)}-${++n}`,
      version: '2026.12.0',
      name: `Test checklist ${n}`,
      areas: [],
      items: [{ key: 'our-own-item', title: 'Our own item', area: 'readiness', phase: null, evidence: 'Minutes.' }],
      removeItems: [],
      changeItems: [],
    },
    unit.name,
    '2026-12-07',
  );
  await db.query(`insert into progress_instruments (id, version, kind, unit_id, definition, retired_at) values ($1, $2, 'benchmark', $3, $4, ${opts.retired ? 'now()' : 'null'})`, [
    instrument.id,
    instrument.version,
    unit.id,
    JSON.stringify(instrument),
  ]);
  return instrument;
}
