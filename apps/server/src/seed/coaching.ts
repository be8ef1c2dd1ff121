// Demo coaching in the demo district: an external coach (an account with no grant: their access
// comes from their engagements) with engagements overdue, due soon and on track; an internal coach
// with a paused one; an ended engagement; a district leader mentoring a principal; a facilitator
// checklist with a breakdown being addressed; and a hand-over plan. Dates are relative to today in
// the units' time zone (America/Chicago, the default), so the mix holds whenever the demo loads.
import { randomUUID } from 'node:crypto';
import { addDays, COACHING_DEFAULT_TARGETS, COACHING_FACILITATOR_CATALOG, localDay, type CoachingContactMode } from '@trellis/core';
import {
  bulkInsertPeople,
  insertCoachingCapacityTransfer,
  insertCoachingContact,
  insertCoachingEngagement,
  insertCoachingFacilitatorCheck,
  type CoachingEngagementFields,
  type Queryable,
} from '@trellis/db';

export const DEMO_COACH_EMAIL = 'coach@demo.trellis.test';

interface SeedPerson {
  id: string;
  name: string;
  title: string | null;
  homeUnitId: string | null;
}

export async function seedCoaching(
  tx: Queryable,
  opts: { districtId: string; schoolIds: readonly string[]; people: readonly SeedPerson[]; districtLeaderId: string; passwordHash: string },
): Promise<void> {
  const today = localDay(new Date(), 'America/Chicago');
  const day = (n: number) => addDays(today, n);
  const at = (unitId: string) => opts.people.filter((p) => p.homeUnitId === unitId);
  const principalOf = (unitId: string) => at(unitId).find((p) => /^Principal/.test(p.title ?? '')) ?? at(unitId)[0] ?? null;
  const districtStaff = at(opts.districtId);
  const facilitator = districtStaff.find((p) => /Organization Facilitator/.test(p.title ?? '')) ?? districtStaff[0]!;
  const internalCoach = districtStaff.find((p) => /Learning Supports Coordinator/.test(p.title ?? '')) ?? districtStaff[1] ?? facilitator;

  // The external coach signs in with the demo password; no grant.
  const coachId = randomUUID();
  await bulkInsertPeople(tx, [{ id: coachId, name: 'Jordan Avery', email: DEMO_COACH_EMAIL, title: 'External coach, Center for Learning Supports', homeUnitId: null, passwordHash: opts.passwordHash, isSystemAdmin: false }]);

  const schools = opts.schoolIds.slice(0, 6);
  const engagement = async (unitId: string, coachPersonId: string, fields: Partial<CoachingEngagementFields>) => {
    const principal = principalOf(unitId);
    return insertCoachingEngagement(
      tx,
      {
        unitId,
        coachPersonId,
        kind: 'coaching',
        coachAffiliation: 'external',
        target: principal ? { leaderPersonId: principal.id } : { unitId },
        focusAreaKeys: ['readiness-and-commitment', 'learning-supports-leadership', 'system-change-mechanisms'],
        startOn: day(-60),
        plannedEndOn: day(120),
        goals: 'A learning supports leadership team that meets every two weeks and owns the school’s resource map.',
        status: 'active',
        pauses: [],
        endedOn: null,
        cadence: COACHING_DEFAULT_TARGETS,
        ...fields,
      },
      null,
    );
  };
  const contact = (engagementId: string, date: string, mode: CoachingContactMode, notes: string, topics: string[] = ['readiness-and-commitment'], nextSteps: string[] = []) =>
    insertCoachingContact(
      tx,
      engagementId,
      {
        date,
        mode,
        durationMinutes: mode === 'onsite' ? 120 : mode === 'email' ? 15 : 45,
        participantIds: [],
        topics,
        notes,
        agreements: null,
        nextSteps: nextSteps.map((text) => ({ text, dueOn: addDays(date, 7), taskId: null })),
      },
      coachId,
    );

  // Overdue: the last contact three weeks ago, the last visit six weeks ago.
  const overdue = await engagement(schools[0]!, coachId, {});
  await contact(overdue.id, day(-55), 'onsite', 'First visit: met the principal and the counselor; walked through the guide’s overview.', ['readiness-and-commitment'], ['Name who sits on the leadership team']);
  await contact(overdue.id, day(-45), 'video', 'Talked through who could lead learning supports; the assistant principal is interested.', ['learning-supports-leadership']);
  await contact(overdue.id, day(-21), 'email', 'Sent the team charter template and the meeting calendar.', ['system-change-mechanisms']);

  // Due soon: weekly calls, the last six days ago.
  const dueSoon = await engagement(schools[1]!, coachId, { startOn: day(-40) });
  await contact(dueSoon.id, day(-27), 'onsite', 'Visited the team’s second meeting; agenda ran long.', ['system-change-mechanisms'], ['Shorten the agenda to three items']);
  await contact(dueSoon.id, day(-13), 'call', 'Checked in on the charter draft.', ['system-change-mechanisms']);
  await contact(dueSoon.id, day(-6), 'call', 'Reviewed the resource map draft together.', ['readiness-and-commitment']);

  // On track.
  const onTrack = await engagement(schools[2]!, coachId, { startOn: day(-30), kind: 'mentoring', focusAreaKeys: ['learning-supports-leadership', 'continuous-capacity-building'] });
  await contact(onTrack.id, day(-12), 'onsite', 'Observed the team meeting; strong facilitation by the lead.', ['learning-supports-leadership']);
  await contact(onTrack.id, day(-2), 'video', 'Planned the hand-over of meeting facilitation.', ['continuous-capacity-building']);

  // Paused (internal coach, winter break), and one that ended.
  await engagement(schools[3]!, internalCoach.id, { coachAffiliation: 'internal', startOn: day(-50), status: 'paused', pauses: [{ from: day(-4), to: null }] });
  const ended = await engagement(schools[4]!, coachId, { startOn: day(-150), plannedEndOn: day(-20), status: 'ended', endedOn: day(-20) });
  await contact(ended.id, day(-25), 'onsite', 'Closing visit: the team runs on its own now.', ['readiness-and-commitment']);

  // A district leader mentoring a principal (internal).
  if (schools[5]) {
    const mentoring = await engagement(schools[5], opts.districtLeaderId, { kind: 'mentoring', coachAffiliation: 'internal', startOn: day(-20), cadence: { contactEveryDays: 14, onsite: { unit: 'months', every: 2 } } });
    await contact(mentoring.id, day(-5), 'call', 'Talked about bringing learning supports into the school improvement plan.', ['readiness-and-commitment']);
  }

  // The organization facilitator's checklist at the first school.
  await insertCoachingFacilitatorCheck(
    tx,
    {
      unitId: schools[0]!,
      facilitatorPersonId: facilitator.id,
      checkedOn: day(-7),
      catalogVersion: COACHING_FACILITATOR_CATALOG.version,
      answers: [
        { itemKey: 'identify-administrative-lead', answer: 'yes' },
        { itemKey: 'help-form-and-prepare-team', answer: 'no', why: 'Two of the five seats are still empty.', actionTaken: 'Met the principal to list candidates; invitations go out this week.' },
        { itemKey: 'orient-governing-agents', answer: 'yes' },
      ],
    },
    facilitator.id,
  );

  // Hand-over plan at the on-track school: two internal leaders.
  const staff = at(schools[2]!);
  for (const [i, person] of staff.slice(0, 2).entries()) {
    await insertCoachingCapacityTransfer(tx, {
      unitId: schools[2]!,
      internalLeaderPersonId: person.id,
      capacities: i === 0 ? ['learning-supports-leadership'] : ['continuous-capacity-building', 'learning-supports-leadership'],
      plannedHandOverOn: day(90),
      note: i === 0 ? 'Takes over facilitating the team meetings.' : null,
    });
  }
}
