import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { coachingCadenceStatus } from '../src/coaching/cadence.js';
import {
  COACHING_SUSTAIN_DEFAULTS,
  CoachingCadenceStatusSchema,
  CoachingCapacityTransferCreate,
  CoachingContactCreate,
  CoachingContactUpdate,
  CoachingEngagementCreate,
  CoachingEngagementUpdate,
  CoachingFacilitatorCheckAnswer,
  CoachingFacilitatorCheckCreate,
  coachingContactIssues,
  coachingEngagementIssues,
  readyToSustain,
  type CoachingSustainState,
} from '../src/coaching/schemas.js';

const UNIT = '00000000-0000-4000-8000-000000000001';
const OTHER_UNIT = '00000000-0000-4000-8000-000000000002';
const COACH = '00000000-0000-4000-8000-000000000010';
const LEADER = '00000000-0000-4000-8000-000000000011';
const LEADER_2 = '00000000-0000-4000-8000-000000000012';
const MECHANISM = '00000000-0000-4000-8000-000000000020';

/** The refusals of a parse, as "path: message". */
function refusals(schema: z.ZodType, input: unknown): string[] {
  const result = schema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

const engagement = (extra: Record<string, unknown> = {}) => ({
  unitId: UNIT,
  coachPersonId: COACH,
  kind: 'coaching',
  coachAffiliation: 'external',
  target: { leaderPersonId: LEADER },
  focusAreaKeys: ['design-document-and-plan', 'system-change-mechanisms'],
  startOn: '2026-09-01',
  ...extra,
});

describe('engagement schemas', () => {
  it('accept a coaching or mentoring engagement with a leader, a mechanism or the unit', () => {
    expect(refusals(CoachingEngagementCreate, engagement())).toEqual([]);
    expect(refusals(CoachingEngagementCreate, engagement({ kind: 'mentoring', coachAffiliation: 'internal', target: { mechanismId: MECHANISM } }))).toEqual([]);
    expect(refusals(CoachingEngagementCreate, engagement({ target: { unitId: UNIT }, plannedEndOn: '2027-06-30', goals: 'A design document by December.' }))).toEqual([]);
    expect(
      refusals(
        CoachingEngagementCreate,
        engagement({ cadence: { contactEveryDays: 14, onsite: { unit: 'days', every: 45 } }, status: 'paused', pauses: [{ from: '2026-12-20', to: null }] }),
      ),
    ).toEqual([]);
  });

  it('refuse a target that is not exactly one leader, mechanism or unit', () => {
    expect(refusals(CoachingEngagementCreate, engagement({ target: { leaderPersonId: LEADER, mechanismId: MECHANISM } }))).toEqual([
      'target: must name exactly one of leaderPersonId, mechanismId or unitId',
    ]);
    expect(refusals(CoachingEngagementCreate, engagement({ target: {} }))).toEqual(['target: must name exactly one of leaderPersonId, mechanismId or unitId']);
    expect(refusals(CoachingEngagementCreate, engagement({ target: { unitId: OTHER_UNIT } }))).toEqual(['target.unitId: must be the engagement’s own unit (unitId)']);
    expect(refusals(CoachingEngagementCreate, engagement({ target: { personId: LEADER } }))[0]).toMatch(/^target: /);
  });

  it('refuse focus areas that are not shaped like keys, repeated, or none (whether a key is in the unit’s list is the server’s check, decision 0020)', () => {
    expect(refusals(CoachingEngagementCreate, engagement({ focusAreaKeys: ['World peace!'] }))[0]).toMatch(/^focusAreaKeys\.0: must be a focus area from Appendix B \(readiness-and-commitment, /);
    expect(refusals(CoachingEngagementCreate, engagement({ focusAreaKeys: ['family-learning-nights'] }))).toEqual([]);
    expect(refusals(CoachingEngagementCreate, engagement({ focusAreaKeys: ['celebrate-progress', 'celebrate-progress'] }))).toEqual([
      'focusAreaKeys: must not name a focus area twice',
    ]);
    expect(refusals(CoachingEngagementCreate, engagement({ focusAreaKeys: [] }))).toEqual(['focusAreaKeys: must name at least one focus area']);
  });

  it('refuse a planned end before the start, bad kinds and unknown fields', () => {
    expect(refusals(CoachingEngagementCreate, engagement({ plannedEndOn: '2026-08-31' }))).toEqual(['plannedEndOn: must be on or after the start (2026-09-01)']);
    expect(refusals(CoachingEngagementCreate, engagement({ startOn: '2026-02-30' }))).toEqual(['startOn: must be a date like 2026-09-01']);
    expect(refusals(CoachingEngagementCreate, engagement({ kind: 'tutoring' }))).toEqual(['kind: must be one of coaching, mentoring']);
    expect(refusals(CoachingEngagementCreate, engagement({ coachAffiliation: 'contractor' }))).toEqual(['coachAffiliation: must be one of internal, external']);
    expect(refusals(CoachingEngagementCreate, engagement({ coachId: COACH }))[0]).toMatch(/coachId/);
  });

  it('refuse cadence targets out of range', () => {
    expect(refusals(CoachingEngagementCreate, engagement({ cadence: { contactEveryDays: 0, onsite: null } }))).toEqual(['cadence.contactEveryDays: must be at least 1 day']);
    expect(refusals(CoachingEngagementCreate, engagement({ cadence: { contactEveryDays: 7, onsite: { unit: 'months', every: 13 } } }))).toEqual([
      'cadence.onsite.every: must be at most 12 months',
    ]);
    expect(refusals(CoachingEngagementCreate, engagement({ cadence: { contactEveryDays: 7, onsite: { unit: 'weeks', every: 2 } } }))).toEqual([
      'cadence.onsite.unit: must be { unit: "months" | "days", every: N }',
    ]);
    expect(refusals(CoachingEngagementCreate, engagement({ cadence: { contactEveryDays: 1.5, onsite: null } }))[0]).toMatch(/whole number of days/);
    expect(refusals(CoachingEngagementCreate, engagement({ cadence: { contactEveryDays: null, onsite: null } }))).toEqual([]);
  });

  it('keep status, pauses and end day consistent', () => {
    expect(refusals(CoachingEngagementCreate, engagement({ status: 'paused' }))).toEqual(['status: is paused, so the engagement needs a pause with no end (to: null)']);
    expect(refusals(CoachingEngagementCreate, engagement({ pauses: [{ from: '2026-10-01', to: null }] }))).toEqual([
      'pauses.0.to: must be set: the engagement is active, so every pause has ended',
    ]);
    expect(refusals(CoachingEngagementCreate, engagement({ pauses: [{ from: '2026-08-01', to: '2026-08-05' }] }))).toEqual([
      'pauses.0.from: must be on or after the start (2026-09-01)',
    ]);
    expect(refusals(CoachingEngagementCreate, engagement({ pauses: [{ from: '2026-10-05', to: '2026-10-01' }] }))).toEqual([
      'pauses.0.to: must be on or after the day the pause starts',
    ]);
    expect(
      refusals(
        CoachingEngagementCreate,
        engagement({
          pauses: [
            { from: '2026-10-10', to: '2026-10-20' },
            { from: '2026-10-01', to: '2026-10-10' },
          ],
        }),
      ),
    ).toEqual(['pauses.0.from: must be after the end of the pause that starts on 2026-10-01: pauses must not overlap']);
    expect(refusals(CoachingEngagementCreate, engagement({ status: 'ended' }))).toEqual(['endedOn: must be set: the day the engagement ended']);
    expect(refusals(CoachingEngagementCreate, engagement({ endedOn: '2027-01-01' }))).toEqual(['endedOn: must be empty unless the status is ended']);
    expect(refusals(CoachingEngagementCreate, engagement({ status: 'ended', endedOn: '2026-08-01' }))).toEqual(['endedOn: must be on or after the start (2026-09-01)']);
    expect(refusals(CoachingEngagementCreate, engagement({ status: 'ended', endedOn: '2027-01-01', pauses: [{ from: '2026-12-20', to: '2027-01-05' }] }))).toEqual([
      'pauses.0: must end by the day the engagement ended (2027-01-01)',
    ]);
    expect(refusals(CoachingEngagementCreate, engagement({ status: 'ended', endedOn: '2027-01-01', pauses: [{ from: '2026-12-20', to: '2026-12-31' }] }))).toEqual([]);
  });

  it('check an update’s own fields, and the merged engagement with the same rules', () => {
    expect(refusals(CoachingEngagementUpdate, { version: 3, status: 'ended', endedOn: '2027-01-01' })).toEqual([]);
    expect(refusals(CoachingEngagementUpdate, { status: 'ended', endedOn: '2027-01-01' })).toEqual(['version: must be a whole number: the version you loaded']);
    expect(refusals(CoachingEngagementUpdate, { version: 3, status: 'ended' })).toEqual(['endedOn: must be given when ending the engagement: the day it ended']);
    expect(refusals(CoachingEngagementUpdate, { version: 3, unitId: UNIT })[0]).toMatch(/unitId/);
    const stored = { unitId: UNIT, target: { leaderPersonId: LEADER }, startOn: '2026-09-01', status: 'active' as const, pauses: [] };
    expect(coachingEngagementIssues({ ...stored, plannedEndOn: '2026-08-01' })).toEqual([{ field: 'plannedEndOn', message: 'must be on or after the start (2026-09-01)' }]);
    expect(coachingEngagementIssues({ ...stored, status: 'paused', pauses: [{ from: '2026-11-01', to: null }] })).toEqual([]);
  });
});

describe('contact schemas', () => {
  const contact = (extra: Record<string, unknown> = {}) => ({ date: '2026-09-08', mode: 'video', durationMinutes: 45, ...extra });

  it('accept a quick contact and a full one', () => {
    expect(refusals(CoachingContactCreate, contact())).toEqual([]);
    expect(
      refusals(
        CoachingContactCreate,
        contact({
          mode: 'onsite',
          durationMinutes: 1440,
          participantIds: [LEADER, LEADER_2],
          topics: ['design-document-and-plan'],
          notes: 'Walked through the draft design document.',
          agreements: 'Steering body reviews it on the 20th.',
          nextSteps: [{ text: 'Circulate the draft', dueOn: '2026-09-15' }, { text: 'Book the next visit' }],
        }),
      ),
    ).toEqual([]);
    expect(refusals(CoachingContactCreate, contact({ durationMinutes: 1 }))).toEqual([]);
  });

  it('refuse a bad mode, duration, participants, topics and next steps', () => {
    expect(refusals(CoachingContactCreate, contact({ mode: 'sms' }))).toEqual(['mode: must be one of email, call, video, onsite']);
    expect(refusals(CoachingContactCreate, contact({ durationMinutes: 0 }))).toEqual(['durationMinutes: must be at least 1 minute']);
    expect(refusals(CoachingContactCreate, contact({ durationMinutes: 1441 }))).toEqual(['durationMinutes: must be at most 1,440 minutes (a day)']);
    expect(refusals(CoachingContactCreate, contact({ durationMinutes: 30.5 }))).toEqual(['durationMinutes: must be a whole number of minutes']);
    expect(refusals(CoachingContactCreate, contact({ participantIds: [LEADER, LEADER] }))).toEqual(['participantIds: must not list a person twice']);
    expect(refusals(CoachingContactCreate, contact({ participantIds: ['bob'] }))).toEqual(['participantIds.0: must be an id (a UUID)']);
    expect(refusals(CoachingContactCreate, contact({ topics: ['Gossip'] }))[0]).toMatch(/^topics\.0: must be a focus area from Appendix B/);
    expect(refusals(CoachingContactCreate, contact({ nextSteps: [{ text: '  ' }] }))).toEqual(['nextSteps.0.text: must not be empty']);
    expect(refusals(CoachingContactCreate, contact({ nextSteps: [{ text: 'Call', dueOn: '2026-09-01' }] }))).toEqual([
      'nextSteps.0.dueOn: must be on or after the contact’s date (2026-09-08)',
    ]);
    expect(refusals(CoachingContactCreate, { mode: 'call', durationMinutes: 10 })).toEqual(['date: must be a date like 2026-09-01']);
    expect(refusals(CoachingContactUpdate, { version: 1, durationMinutes: 20 })).toEqual([]);
  });

  it('refuse a contact outside its engagement, in the future, or on another focus area', () => {
    const e = { startOn: '2026-09-01', endedOn: '2027-06-30', focusAreaKeys: ['design-document-and-plan'] };
    expect(coachingContactIssues({ date: '2026-09-08', topics: ['design-document-and-plan'] }, e, '2026-09-10')).toEqual([]);
    expect(coachingContactIssues({ date: '2026-08-31' }, e, '2026-09-10')).toEqual([{ field: 'date', message: 'must be on or after the day the engagement started (2026-09-01)' }]);
    expect(coachingContactIssues({ date: '2027-07-01' }, e, '2027-07-10')).toEqual([{ field: 'date', message: 'must be on or before the day the engagement ended (2027-06-30)' }]);
    expect(coachingContactIssues({ date: '2026-09-11' }, e, '2026-09-10')).toEqual([{ field: 'date', message: 'must not be in the future (today is 2026-09-10)' }]);
    expect(coachingContactIssues({ date: '2026-09-08', topics: ['celebrate-progress'] }, e, '2026-09-10')).toEqual([
      { field: 'topics.0', message: 'must be one of the engagement’s focus areas (design-document-and-plan)' },
    ]);
  });
});

describe('facilitator check schemas', () => {
  it('accept a yes, and a no with why and the action taken', () => {
    expect(refusals(CoachingFacilitatorCheckAnswer, { itemKey: 'reforms-visible', answer: 'yes' })).toEqual([]);
    expect(refusals(CoachingFacilitatorCheckAnswer, { itemKey: 'reforms-visible', answer: 'yes', note: 'Newsletter in October.' })).toEqual([]);
    expect(
      refusals(CoachingFacilitatorCheckAnswer, {
        itemKey: 'new-directions-circulated',
        answer: 'no',
        why: 'The team’s functions were never written up.',
        actionTaken: 'Drafted them with the team lead; circulating Friday.',
      }),
    ).toEqual([]);
  });

  it('refuse a no without why or action, a yes with them, and an item Exhibit 3 does not have', () => {
    expect(refusals(CoachingFacilitatorCheckAnswer, { itemKey: 'reforms-visible', answer: 'no' })).toEqual([
      'why: is required for a no: say why it is not so',
      'actionTaken: is required for a no: say what was done to address the breakdown',
    ]);
    expect(refusals(CoachingFacilitatorCheckAnswer, { itemKey: 'reforms-visible', answer: 'no', why: '  ', actionTaken: 'x' })).toEqual(['why: must not be empty']);
    expect(refusals(CoachingFacilitatorCheckAnswer, { itemKey: 'reforms-visible', answer: 'yes', why: 'because' })).toEqual([
      'why: is only for a no answer; use note for a yes',
    ]);
    expect(refusals(CoachingFacilitatorCheckAnswer, { itemKey: 'morale', answer: 'yes' })).toEqual([
      'itemKey: must be an item of the organization facilitator’s task activity list (Exhibit 3)',
    ]);
    expect(refusals(CoachingFacilitatorCheckAnswer, { itemKey: 'reforms-visible', answer: 'maybe' })).toEqual(['answer: must be yes or no']);
  });

  it('refuse a checklist that answers an item twice or nothing', () => {
    const check = (answers: unknown[]) => ({ facilitatorPersonId: COACH, unitId: UNIT, checkedOn: '2026-10-01', answers });
    expect(refusals(CoachingFacilitatorCheckCreate, check([{ itemKey: 'reforms-visible', answer: 'yes' }]))).toEqual([]);
    expect(refusals(CoachingFacilitatorCheckCreate, check([]))).toEqual(['answers: must answer at least one item']);
    expect(
      refusals(
        CoachingFacilitatorCheckCreate,
        check([
          { itemKey: 'reforms-visible', answer: 'yes' },
          { itemKey: 'reforms-visible', answer: 'yes' },
        ]),
      ),
    ).toEqual(['answers.1.itemKey: answers "reforms-visible" again; answer each item once']);
  });
});

describe('capacity transfer', () => {
  it('names an internal leader, the focus areas they take on and the planned hand-over', () => {
    expect(refusals(CoachingCapacityTransferCreate, { internalLeaderPersonId: LEADER, capacities: ['system-change-mechanisms'], plannedHandOverOn: '2027-06-30' })).toEqual([]);
    expect(refusals(CoachingCapacityTransferCreate, { internalLeaderPersonId: LEADER, capacities: [], plannedHandOverOn: '2027-06-30' })).toEqual([
      'capacities: must name at least one focus area the leader takes on',
    ]);
    expect(refusals(CoachingCapacityTransferCreate, { internalLeaderPersonId: LEADER, capacities: ['system-change-mechanisms'] })).toEqual([
      'plannedHandOverOn: must be a date like 2026-09-01',
    ]);
  });

  const external = { id: 'ext-1', coachAffiliation: 'external' as const, focusAreaKeys: ['design-document-and-plan', 'system-change-mechanisms'], startOn: '2026-09-01', endedOn: '2027-06-30' };
  const ready: CoachingSustainState = {
    on: '2027-07-01',
    engagements: [external, { id: 'int-1', coachAffiliation: 'internal', focusAreaKeys: ['celebrate-progress'], startOn: '2026-09-01', endedOn: null }],
    transfers: [
      { internalLeaderPersonId: LEADER, capacities: ['design-document-and-plan'], plannedHandOverOn: '2027-06-01' },
      { internalLeaderPersonId: LEADER_2, capacities: ['system-change-mechanisms'], plannedHandOverOn: '2027-06-30' },
    ],
  };

  it('is ready to sustain when a cadre has taken on every external focus area, the hand-over has come and no external coach remains', () => {
    const r = readyToSustain(COACHING_SUSTAIN_DEFAULTS, ready);
    expect(r).toMatchObject({ ready: true, gaps: [], internalLeaders: 2 });
    expect(r.focusAreas).toEqual([
      { key: 'design-document-and-plan', leaderIds: [LEADER] },
      { key: 'system-change-mechanisms', leaderIds: [LEADER_2] },
    ]);
    expect(r.message).toBe('Ready to sustain without external coaching: 2 internal leaders have taken on every focus area.');
    expect(r.source.quote).toMatch(/cadre of internal leaders/);
  });

  it('says what is missing otherwise', () => {
    const codes = (state: CoachingSustainState, criteria = COACHING_SUSTAIN_DEFAULTS) => readyToSustain(criteria, state).gaps.map((g) => g.code);
    expect(codes({ ...ready, transfers: [] })).toEqual(['no_plan']);
    expect(codes({ ...ready, on: '2027-06-15' })).toEqual(['hand_over_ahead', 'external_engagement_active']);
    expect(codes({ ...ready, transfers: [ready.transfers[0]!] })).toEqual(['too_few_leaders', 'focus_area_not_taken_on']);
    expect(codes({ ...ready, transfers: [ready.transfers[0]!] }, { ...COACHING_SUSTAIN_DEFAULTS, minInternalLeaders: 1 })).toEqual(['focus_area_not_taken_on']);
    expect(readyToSustain(COACHING_SUSTAIN_DEFAULTS, { ...ready, transfers: [ready.transfers[0]!] }).gaps[1]).toMatchObject({
      focusAreaKey: 'system-change-mechanisms',
      message: 'Focus area "system-change-mechanisms" is taken on by 0 internal leaders; the plan asks for at least 1.',
    });
    expect(codes({ ...ready, engagements: [{ ...external, endedOn: null }] })).toEqual(['external_engagement_active']);
    expect(codes({ ...ready, engagements: [{ ...external, endedOn: null }] }, { ...COACHING_SUSTAIN_DEFAULTS, noActiveExternal: false })).toEqual([]);
    expect(codes({ ...ready, on: '2027-06-15' }, { ...COACHING_SUSTAIN_DEFAULTS, handOverPassed: false, noActiveExternal: false })).toEqual([]);
    expect(readyToSustain(COACHING_SUSTAIN_DEFAULTS, { ...ready, transfers: [] }).message).toMatch(/^Not yet ready to sustain without external coaching: No internal leader/);
  });
});

describe('returned shapes', () => {
  it('describe a cadence status as coachingCadenceStatus returns it', () => {
    const e = { id: 'e1', startOn: '2026-03-01', pauses: [{ from: '2026-03-20', to: null }] };
    for (const on of ['2026-02-01', '2026-03-05', '2026-03-12', '2026-03-25']) {
      const status = coachingCadenceStatus(e, [{ date: '2026-03-02', mode: 'onsite' }], on);
      expect(CoachingCadenceStatusSchema.strict().parse(status)).toEqual(status);
    }
  });
});
