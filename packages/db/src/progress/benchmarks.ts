// Benchmark assessments and their ratings, and the two GROUP BY queries a roll-up rests on.
import { randomUUID } from 'node:crypto';
import { BENCHMARK_RATING_VALUES, type BenchmarkAssessmentStatus, type BenchmarkItemRatingCount, type BenchmarkRating, type BenchmarkRatingRow, type BenchmarkUnitRatingSummary, type ProgressLink } from '@trellis/core';
import type { Queryable } from '../client.js';
import { iso, jsonValue as json, withinSubtrees } from '../rows.js';

export interface BenchmarkRatingRecord {
  itemKey: string;
  rating: BenchmarkRating;
  evidence: string | null;
  links: ProgressLink[];
  ratedBy: string | null;
  ratedByName: string | null;
  ratedAt: string;
}

export interface BenchmarkAssessmentRecord {
  id: string;
  unitId: string;
  unitName: string;
  unitPath: string;
  period: string;
  instrumentId: string;
  instrumentVersion: string;
  status: BenchmarkAssessmentStatus;
  note: string | null;
  assessors: { id: string; name: string }[];
  createdBy: string | null;
  submittedBy: string | null;
  submittedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

interface Row {
  id: string;
  unit_id: string;
  unit_name: string;
  unit_path: string;
  period: string;
  instrument_id: string;
  instrument_version: string;
  status: BenchmarkAssessmentStatus;
  note: string | null;
  assessors: { id: string; name: string }[] | string;
  created_by: string | null;
  submitted_by: string | null;
  submitted_at: Date | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const SELECT = `select a.id, a.unit_id, u.name as unit_name, u.path as unit_path, a.period, a.instrument_id, a.instrument_version, a.status, a.note,
  coalesce((select json_agg(json_build_object('id', p.id, 'name', p.name) order by p.name) from benchmark_assessors x join people p on p.id = x.person_id where x.assessment_id = a.id), '[]'::json) as assessors,
  a.created_by, a.submitted_by, a.submitted_at, a.version, a.created_at, a.updated_at
  from benchmark_assessments a join units u on u.id = a.unit_id`;
const toAssessment = (r: Row): BenchmarkAssessmentRecord => ({
  id: r.id,
  unitId: r.unit_id,
  unitName: r.unit_name,
  unitPath: r.unit_path,
  period: r.period,
  instrumentId: r.instrument_id,
  instrumentVersion: r.instrument_version,
  status: r.status,
  note: r.note,
  assessors: json(r.assessors),
  createdBy: r.created_by,
  submittedBy: r.submitted_by,
  submittedAt: r.submitted_at ? iso(r.submitted_at) : null,
  version: r.version,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

export async function findAssessment(q: Queryable, id: string, opts: { lock?: boolean } = {}): Promise<BenchmarkAssessmentRecord | null> {
  if (opts.lock) await q.query('select 1 from benchmark_assessments where id = $1 for update', [id]);
  const rows = await q.query<Row>(`${SELECT} where a.id = $1`, [id]);
  return rows[0] ? toAssessment(rows[0]) : null;
}

/** A unit's assessments, newest period first. */
export async function listUnitAssessments(q: Queryable, unitId: string): Promise<BenchmarkAssessmentRecord[]> {
  return (await q.query<Row>(`${SELECT} where a.unit_id = $1 order by a.period desc, a.instrument_id`, [unitId])).map(toAssessment);
}

export async function insertAssessment(
  q: Queryable,
  a: { unitId: string; period: string; instrumentId: string; instrumentVersion: string; note: string | null; createdBy: string | null; assessorIds: string[] },
  id: string = randomUUID(),
): Promise<string> {
  await q.query('insert into benchmark_assessments (id, unit_id, period, instrument_id, instrument_version, note, created_by) values ($1, $2, $3, $4, $5, $6, $7)', [
    id,
    a.unitId,
    a.period,
    a.instrumentId,
    a.instrumentVersion,
    a.note,
    a.createdBy,
  ]);
  await setAssessors(q, id, a.assessorIds);
  return id;
}

export async function setAssessors(q: Queryable, assessmentId: string, personIds: string[]): Promise<void> {
  await q.query('delete from benchmark_assessors where assessment_id = $1', [assessmentId]);
  if (personIds.length) await q.query('insert into benchmark_assessors (assessment_id, person_id) select $1, unnest($2::uuid[]) on conflict do nothing', [assessmentId, personIds]);
}

/** Bumps the version (and note, status) if the assessment is still at `version`; false when it is not. */
export async function touchAssessment(q: Queryable, id: string, version: number, changes: { note?: string | null | undefined; submittedBy?: string | undefined }): Promise<boolean> {
  const sets = ['version = version + 1', 'updated_at = now()'];
  const params: unknown[] = [id, version];
  if (changes.note !== undefined) sets.push(`note = $${params.push(changes.note)}`);
  if (changes.submittedBy !== undefined) {
    sets.push(`status = 'submitted'`, `submitted_at = now()`, `submitted_by = $${params.push(changes.submittedBy)}`);
    sets.push('rated = (select count(*) from benchmark_ratings r where r.assessment_id = $1)', 'value_sum = (select coalesce(sum(r.value), 0) from benchmark_ratings r where r.assessment_id = $1)');
  }
  const rows = await q.query(`update benchmark_assessments set ${sets.join(', ')} where id = $1 and version = $2 returning id`, params);
  if (rows.length && changes.submittedBy !== undefined) {
    await q.query('update benchmark_ratings set submitted = true where assessment_id = $1', [id]);
    // Count the ratings at every unit above (the roll-up counts of migration 0009).
    await q.query(
      `select benchmark_rollup_apply(u.id, u.path, u.kind, 1, a.id) from benchmark_assessments a join units u on u.id = a.unit_id where a.id = $1 and u.archived_at is null`,
      [id],
    );
  }
  return rows.length > 0;
}

export async function listRatings(q: Queryable, assessmentId: string): Promise<BenchmarkRatingRecord[]> {
  const rows = await q.query<{ item_key: string; rating: BenchmarkRating; evidence: string | null; links: ProgressLink[] | string; rated_by: string | null; rated_by_name: string | null; rated_at: Date }>(
    `select r.item_key, r.rating, r.evidence, r.links, r.rated_by, p.name as rated_by_name, r.rated_at from benchmark_ratings r left join people p on p.id = r.rated_by where r.assessment_id = $1`,
    [assessmentId],
  );
  return rows.map((r) => ({ itemKey: r.item_key, rating: r.rating, evidence: r.evidence, links: json(r.links), ratedBy: r.rated_by, ratedByName: r.rated_by_name, ratedAt: iso(r.rated_at) }));
}

/** Saves ratings (replacing those items' earlier ratings) in one statement. */
export async function upsertRatings(
  q: Queryable,
  a: { id: string; unitId: string; period: string; instrumentId: string },
  ratings: readonly { itemKey: string; rating: BenchmarkRating; evidence?: string | null | undefined; links?: ProgressLink[] | undefined }[],
  ratedBy: string | null,
): Promise<void> {
  if (ratings.length === 0) return;
  await q.query(
    `insert into benchmark_ratings (assessment_id, unit_id, period, instrument_id, item_key, rating, value, evidence, links, rated_by)
     select $1, $2, $3, $4, r.item_key, r.rating, r.value, r.evidence, r.links::jsonb, $5
     from unnest($6::text[], $7::text[], $8::smallint[], $9::text[], $10::text[]) as r (item_key, rating, value, evidence, links)
     on conflict (assessment_id, item_key) do update set rating = excluded.rating, value = excluded.value, evidence = excluded.evidence, links = excluded.links, rated_by = excluded.rated_by, rated_at = now()`,
    [
      a.id,
      a.unitId,
      a.period,
      a.instrumentId,
      ratedBy,
      ratings.map((r) => r.itemKey),
      ratings.map((r) => r.rating),
      ratings.map((r) => BENCHMARK_RATING_VALUES[r.rating]),
      ratings.map((r) => r.evidence ?? null),
      ratings.map((r) => JSON.stringify(r.links ?? [])),
    ],
  );
}

export async function clearRatings(q: Queryable, assessmentId: string, itemKeys: string[]): Promise<void> {
  if (itemKeys.length) await q.query('delete from benchmark_ratings where assessment_id = $1 and item_key = any($2::text[])', [assessmentId, itemKeys]);
}

/**
 * What a roll-up of the units of one kind below a unit needs, for some periods: the rating counts
 * by item (read from the counts kept at the unit, not from the ratings) and each unit's rated count
 * and value sum (kept on its submitted assessment). Archived units are left out of both.
 */
export async function benchmarkRatingCounts(
  q: Queryable,
  scope: { instrumentId: string; periods: string[]; ancestor: { id: string; path: string }; level: string },
): Promise<{ byItem: BenchmarkItemRatingCount[]; byUnit: BenchmarkUnitRatingSummary[] }> {
  const unitParams: unknown[] = [scope.instrumentId, scope.periods, scope.level];
  const [byItem, byUnit] = await Promise.all([
    q.query<{ period: string; item_key: string; rating: BenchmarkRating; units: number }>(
      `select period, item_key, rating, units from benchmark_rollup_counts
       where ancestor_id = $1 and instrument_id = $2 and period = any($3::text[]) and rated_kind = $4 and units > 0`,
      [scope.ancestor.id, scope.instrumentId, scope.periods, scope.level],
    ),
    q.query<{ period: string; unit_id: string; rated: number; value_sum: number }>(
      `select a.period, a.unit_id, a.rated, a.value_sum from benchmark_assessments a join units u on u.id = a.unit_id
       where a.status = 'submitted' and a.instrument_id = $1 and a.period = any($2::text[]) and u.kind = $3 and u.archived_at is null
         and ${withinSubtrees('u.path', [scope.ancestor.path], unitParams)}`,
      unitParams,
    ),
  ]);
  return {
    byItem: byItem.map((r) => ({ period: r.period, itemKey: r.item_key, rating: r.rating, units: r.units })),
    byUnit: byUnit.map((r) => ({ period: r.period, unitId: r.unit_id, rated: r.rated, valueSum: r.value_sum })),
  };
}

/** Every submitted rating of one unit (for its trend over periods). */
export async function unitSubmittedRatings(q: Queryable, unitId: string, instrumentId: string): Promise<BenchmarkRatingRow[]> {
  const rows = await q.query<{ period: string; item_key: string; rating: BenchmarkRating }>(
    'select period, item_key, rating from benchmark_ratings where unit_id = $1 and instrument_id = $2 and submitted',
    [unitId, instrumentId],
  );
  return rows.map((r) => ({ unitId, period: r.period, itemKey: r.item_key, rating: r.rating }));
}

/** The units a roll-up covers: the unit's subtree at one kind (schools of a district…), id and name. */
export async function unitsOfKindWithin(q: Queryable, path: string, kind: string): Promise<{ id: string; name: string }[]> {
  const params: unknown[] = [kind];
  return q.query<{ id: string; name: string }>(`select id, name from units where kind = $1 and archived_at is null and ${withinSubtrees('path', [path], params)} order by name`, params);
}
