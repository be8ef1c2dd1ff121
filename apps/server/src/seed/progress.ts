// Demo progress: benchmark assessments submitted last quarter (and the one before, for a trend) at
// the demo district and some of its schools, a readiness survey with seven answers at the district
// and one with three (results withheld) at a school, barriers in each state, and a celebration. The
// current quarter is left unassessed, for people to try the assessment themselves.
import { randomBytes } from 'node:crypto';
import { addDays, BENCHMARK_DEFAULT_INSTRUMENT, BENCHMARK_RATINGS, previousProgressPeriod, progressPeriodContaining, READINESS_DEFAULT_SURVEY } from '@trellis/core';
import { findAssessment, insertAssessment, insertBarrier, insertCelebration, insertResponse, insertSurvey, touchAssessment, updateBarrier, upsertRatings, type Queryable } from '@trellis/db';

export async function seedProgress(tx: Queryable, units: { districtId: string; schoolIds: string[] }, people: { districtLeaderId: string; schoolMemberId: string }) {
  const today = new Date().toISOString().slice(0, 10);
  const last = previousProgressPeriod(progressPeriodContaining(today));
  const before = previousProgressPeriod(last);
  const items = BENCHMARK_DEFAULT_INSTRUMENT.items;

  /** A submitted assessment whose ratings rise with `level` (0 low … 3 high), varied by item. */
  const assess = async (unitId: string, period: string, level: number, by: string) => {
    const id = await insertAssessment(tx, { unitId, period, instrumentId: BENCHMARK_DEFAULT_INSTRUMENT.id, instrumentVersion: BENCHMARK_DEFAULT_INSTRUMENT.version, note: null, createdBy: by, assessorIds: [by] });
    const a = (await findAssessment(tx, id))!;
    await upsertRatings(tx, a, items.map((item, j) => ({ itemKey: item.key, rating: BENCHMARK_RATINGS[Math.max(0, Math.min(3, level + ((j * 7) % 3) - 1))]!, evidence: j % 5 === 0 ? 'Minutes of the team meeting.' : null })), by);
    await touchAssessment(tx, a.id, a.version, { submittedBy: by });
  };
  await assess(units.districtId, before, 1, people.districtLeaderId);
  await assess(units.districtId, last, 2, people.districtLeaderId);
  for (const [i, schoolId] of units.schoolIds.slice(0, 6).entries()) {
    if (i < 3) await assess(schoolId, before, i === 0 ? 1 : 0, people.districtLeaderId);
    await assess(schoolId, last, [2, 1, 2, 0, 3, 1][i]!, i === 0 ? people.schoolMemberId : people.districtLeaderId);
  }

  const survey = async (unitId: string, answers: number[][]) => {
    const s = await insertSurvey(tx, { unitId, period: last, instrumentId: READINESS_DEFAULT_SURVEY.id, instrumentVersion: READINESS_DEFAULT_SURVEY.version, linkToken: randomBytes(18).toString('base64url'), closesOn: null, createdBy: people.districtLeaderId });
    for (const values of answers) await insertResponse(tx, s.id, READINESS_DEFAULT_SURVEY.items.map((item, j) => ({ itemKey: item.key, value: values[j % values.length]! })));
  };
  await survey(units.districtId, [[4, 3], [5, 4], [3, 3], [4, 4], [2, 3], [4, 5], [3, 4]]);
  await survey(units.schoolIds[0]!, [[4], [3], [5]]);

  const raise = (unitId: string, category: 'resources' | 'apathy_low_valuing' | 'policy', description: string, nextStep: string, targetOn: string | null) =>
    insertBarrier(tx, { unitId, mechanismId: null, category, description, ownerId: people.districtLeaderId, nextStep, targetOn, raisedBy: people.districtLeaderId });
  await raise(units.districtId, 'resources', 'School teams have no common time to meet during the school day.', 'Propose a common planning period to the principals’ meeting.', addDays(today, -5));
  const working = await raise(units.districtId, 'policy', 'Two grant-funded programs may not be merged under the current board policy.', 'Draft a policy change for the board’s next meeting.', addDays(today, 30));
  await updateBarrier(tx, working.id, working.version, { status: 'in_progress' });
  const solved = await raise(units.schoolIds[0]!, 'apathy_low_valuing', 'Staff see the learning supports work as one more initiative.', 'Share the first results at the staff meeting.', null);
  await updateBarrier(tx, solved.id, solved.version, { status: 'resolved', resolution: 'The principal presented the early results; staff volunteered for the work groups.', resolvedOn: today });
  await tx.query('update barriers set raised_on = $2, last_update_on = $2 where id = $1', [solved.id, addDays(today, -20)]);

  await insertCelebration(tx, { unitId: units.districtId, title: 'Steering body’s first meeting', description: 'The district steering body met for the first time, with the superintendent in the chair.', celebratedOn: addDays(today, -60), milestoneKey: null, status: 'confirmed', createdBy: people.districtLeaderId });
}
