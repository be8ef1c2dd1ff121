// Benchmark assessments, readiness surveys, barriers and celebrations straight into the database, for tests.
import { randomBytes } from 'node:crypto';
import { BENCHMARK_DEFAULT_INSTRUMENT, READINESS_DEFAULT_SURVEY, type BenchmarkRating, type Unit } from '@trellis/core';
import { findAssessment, insertAssessment, insertBarrier, insertCelebration, insertSurvey, touchAssessment, upsertRatings, type Queryable } from '@trellis/db';

let n = 0;
/** A period no other test uses: a quarter of a year counted up from 2101. */
export const uniquePeriod = () => `${2101 + Math.floor(n++ / 4)}-Q${(n % 4) + 1}`;

export const BENCHMARK_REF = { id: BENCHMARK_DEFAULT_INSTRUMENT.id, version: BENCHMARK_DEFAULT_INSTRUMENT.version };
export const READINESS_REF = { id: READINESS_DEFAULT_SURVEY.id, version: READINESS_DEFAULT_SURVEY.version };

/** An assessment of the unit: `rated` items rated (all by default), submitted by `submittedBy` when given. */
export async function createAssessment(db: Queryable, unit: Unit, opts: { period?: string; rated?: number; rating?: BenchmarkRating; submittedBy?: string } = {}) {
  const id = await insertAssessment(db, { unitId: unit.id, period: opts.period ?? uniquePeriod(), instrumentId: BENCHMARK_REF.id, instrumentVersion: BENCHMARK_REF.version, note: null, createdBy: null, assessorIds: [] });
  const a = (await findAssessment(db, id))!;
  const items = BENCHMARK_DEFAULT_INSTRUMENT.items.slice(0, opts.rated ?? BENCHMARK_DEFAULT_INSTRUMENT.items.length);
  await upsertRatings(db, a, items.map((i) => ({ itemKey: i.key, rating: opts.rating ?? 'developing' })), null);
  if (opts.submittedBy) await touchAssessment(db, a.id, a.version, { submittedBy: opts.submittedBy });
  return (await findAssessment(db, id))!;
}

export const createSurvey = (db: Queryable, unit: Unit) =>
  insertSurvey(db, { unitId: unit.id, period: uniquePeriod(), instrumentId: READINESS_REF.id, instrumentVersion: READINESS_REF.version, linkToken: randomBytes(18).toString('base64url'), closesOn: null, createdBy: null });

export const createBarrier = (db: Queryable, unit: Unit, ownerId: string) =>
  insertBarrier(db, { unitId: unit.id, mechanismId: null, category: 'resources', description: 'No time to meet.', ownerId, nextStep: 'Ask for a common period.', targetOn: null, raisedBy: null });

export const createCelebration = (db: Queryable, unit: Unit) =>
  insertCelebration(db, { unitId: unit.id, title: `Celebration ${++n}`, description: null, celebratedOn: '2026-11-01', milestoneKey: null, status: 'confirmed', createdBy: null });
