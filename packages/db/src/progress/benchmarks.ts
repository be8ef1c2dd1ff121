// Benchmark assessments and their ratings, and what a roll-up reads: the counts by item and each
// unit's figures kept at every unit above it (migrations 0009 and 0011).
import { randomUUID } from 'node:crypto';
import { BENCHMARK_RATING_VALUES, type BenchmarkAssessmentStatus, type BenchmarkItemRatingCount, type BenchmarkRating, type BenchmarkRatingRow, type BenchmarkUnitBehind, type ProgressLink } from '@trellis/core';
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
 * Whose figures a roll-up reads: the units of one kind (`level`) below a unit, or the unit alone when
 * it is of that kind; with one instrument. Archived units are never in it.
 */
export interface BenchmarkRollUpScopeRef {
  ancestor: { id: string; path: string; kind: string };
  instrumentId: string;
  level: string;
}

/**
 * The rating counts by item of a roll-up for some periods, read from the counts kept at the unit
 * (migration 0009), not from the ratings.
 */
export async function benchmarkItemCounts(q: Queryable, scope: BenchmarkRollUpScopeRef, periods: string[]): Promise<BenchmarkItemRatingCount[]> {
  const rows = await q.query<{ period: string; item_key: string; rating: BenchmarkRating; units: number }>(
    `select period, item_key, rating, units from benchmark_rollup_counts
     where ancestor_id = $1 and instrument_id = $2 and period = any($3::text[]) and rated_kind = $4 and units > 0`,
    [scope.ancestor.id, scope.instrumentId, periods, scope.level],
  );
  return rows.map((r) => ({ period: r.period, itemKey: r.item_key, rating: r.rating, units: r.units }));
}

export interface BenchmarkUnitTallies {
  /** Live units in the scope. */
  inScope: number;
  /** Of them, those with submitted ratings in the period and in the previous period. */
  assessed: number;
  assessedBefore: number;
  /** Assessed in the period with a mean below the threshold. */
  below: number;
}

const onlyAncestor = (scope: BenchmarkRollUpScopeRef) => scope.level === scope.ancestor.kind;

/**
 * How many units a roll-up covers, how many were assessed in each period and how many fall below
 * the threshold, from each unit's figures kept at every unit above it (migration 0011): index
 * ranges, no per-unit rows leave the database.
 */
export async function benchmarkUnitTallies(q: Queryable, scope: BenchmarkRollUpScopeRef, p: { period: string; previousPeriod: string; behindBelow: number }): Promise<BenchmarkUnitTallies> {
  const params: unknown[] = [scope.ancestor.id, scope.instrumentId, p.period, p.previousPeriod, scope.level, p.behindBelow];
  const inScope = onlyAncestor(scope)
    ? '1'
    : `(select count(*) from units where kind = $5 and archived_at is null and ${withinSubtrees('path', [scope.ancestor.path], params)})`;
  const [row] = await q.query<{ in_scope: number; assessed: number; assessed_before: number; below: number }>(
    `select ${inScope}::int as in_scope,
       count(*) filter (where period = $3)::int as assessed,
       count(*) filter (where period = $4)::int as assessed_before,
       count(*) filter (where period = $3 and value_sum::float8 / rated < $6::float8)::int as below
     from benchmark_rollup_units
     where ancestor_id = $1 and instrument_id = $2 and period in ($3, $4) and rated_kind = $5${onlyAncestor(scope) ? ' and unit_id = ancestor_id' : ''}`,
    params,
  );
  return { inScope: row!.in_scope, assessed: row!.assessed, assessedBefore: row!.assessed_before, below: row!.below };
}

export interface BenchmarkUnitBehindRecord extends BenchmarkUnitBehind {
  unitName: string;
}

/**
 * One page of a roll-up's units behind, in core's order (rollUpFromCounts): the units not assessed
 * in the period by id, then those whose mean is below the threshold by mean and id; each with its
 * name and its mean the period before. `notAssessed` is the count of the first kind (from the
 * tallies), so that a page past them reads only the index of means.
 */
export async function benchmarkUnitsBehindPage(
  q: Queryable,
  scope: BenchmarkRollUpScopeRef,
  p: { period: string; previousPeriod: string; behindBelow: number; notAssessed: number; offset: number; limit: number },
): Promise<BenchmarkUnitBehindRecord[]> {
  const page: BenchmarkUnitBehindRecord[] = [];
  // Each unit's figures the period before, for its previous mean ($2 instrument, $3 previous period, $4 kind).
  const before = `left join benchmark_rollup_units b on b.ancestor_id = $1 and b.instrument_id = $2 and b.period = $3 and b.rated_kind = $4 and b.unit_id`;
  const previousMean = (r: { before_rated: number | null; before_sum: number | null }) => (r.before_rated ? r.before_sum! / r.before_rated : null);
  if (p.limit > 0 && p.offset < p.notAssessed) {
    const params: unknown[] = [scope.ancestor.id, scope.instrumentId, p.previousPeriod, scope.level, p.period, p.offset, Math.min(p.limit, p.notAssessed - p.offset)];
    const where = onlyAncestor(scope) ? 'u.id = $1' : `u.kind = $4 and u.archived_at is null and ${withinSubtrees('u.path', [scope.ancestor.path], params)}`;
    const rows = await q.query<{ id: string; name: string; before_rated: number | null; before_sum: number | null }>(
      `select u.id, u.name, b.rated as before_rated, b.value_sum as before_sum from units u ${before} = u.id
       where ${where}
         and not exists (select 1 from benchmark_rollup_units r where r.ancestor_id = $1 and r.instrument_id = $2 and r.period = $5 and r.rated_kind = $4 and r.unit_id = u.id)
       order by u.id offset $6 limit $7`,
      params,
    );
    for (const r of rows) page.push({ unitId: r.id, unitName: r.name, reason: 'not_assessed', mean: null, rated: 0, previousMean: previousMean(r) });
  }
  const limit = p.limit - page.length;
  if (limit > 0) {
    const rows = await q.query<{ unit_id: string; name: string; rated: number; value_sum: number; before_rated: number | null; before_sum: number | null }>(
      `select r.unit_id, u.name, r.rated, r.value_sum, b.rated as before_rated, b.value_sum as before_sum
       from benchmark_rollup_units r join units u on u.id = r.unit_id ${before} = r.unit_id
       where r.ancestor_id = $1 and r.instrument_id = $2 and r.period = $5 and r.rated_kind = $4 and r.value_sum::float8 / r.rated < $6::float8${onlyAncestor(scope) ? ' and r.unit_id = r.ancestor_id' : ''}
       order by r.value_sum::float8 / r.rated, r.unit_id offset $7 limit $8`,
      [scope.ancestor.id, scope.instrumentId, p.previousPeriod, scope.level, p.period, p.behindBelow, Math.max(0, p.offset - p.notAssessed), limit],
    );
    for (const r of rows) page.push({ unitId: r.unit_id, unitName: r.name, reason: 'below_threshold', mean: r.value_sum / r.rated, rated: r.rated, previousMean: previousMean(r) });
  }
  return page;
}

/** Every submitted rating of one unit (for its trend over periods). */
export async function unitSubmittedRatings(q: Queryable, unitId: string, instrumentId: string): Promise<BenchmarkRatingRow[]> {
  const rows = await q.query<{ period: string; item_key: string; rating: BenchmarkRating }>(
    'select period, item_key, rating from benchmark_ratings where unit_id = $1 and instrument_id = $2 and submitted',
    [unitId, instrumentId],
  );
  return rows.map((r) => ({ unitId, period: r.period, itemKey: r.item_key, rating: r.rating }));
}
