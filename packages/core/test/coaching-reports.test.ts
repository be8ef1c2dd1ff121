import { describe, expect, it } from 'vitest';
import type { CoachingCadenceContact, CoachingCadenceTargets } from '../src/coaching/cadence.js';
import {
  coachingComplianceByMonth,
  coachingContactsByMonth,
  coachingFacilitatorSummary,
  coachingMonths,
  coachingTopicCounts,
  type CoachingComplianceEngagement,
} from '../src/coaching/reports.js';

const weekly: CoachingCadenceTargets = { contactEveryDays: 7, onsite: null };
const engagement = (id: string, coachPersonId: string, unitId: string, startOn: string, contacts: string[], extra: object = {}): CoachingComplianceEngagement => ({
  engagement: { id, coachPersonId, unitId, startOn, targets: weekly, ...extra },
  contacts: contacts.map((date): CoachingCadenceContact => ({ date, mode: 'call' })),
});

describe('coachingMonths', () => {
  it('lists the months of a range, across a year end', () => {
    expect(coachingMonths('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(coachingMonths('2026-11', '2026-10')).toEqual([]);
    expect(() => coachingMonths('2026-13', '2027-01')).toThrow(/2026-09/);
  });
});

describe('contacts per month by mode', () => {
  const contacts: CoachingCadenceContact[] = [
    { date: '2026-09-02', mode: 'email' },
    { date: '2026-09-09', mode: 'video' },
    { date: '2026-09-16', mode: 'onsite' },
    { date: '2026-09-30', mode: 'email' },
    { date: '2026-11-04', mode: 'call' },
    { date: '2026-11-05', mode: 'onsite' },
  ];

  it('counts each month’s contacts by mode, with empty months as zeros', () => {
    expect(coachingContactsByMonth(contacts)).toEqual([
      { month: '2026-09', email: 2, call: 0, video: 1, onsite: 1, total: 4 },
      { month: '2026-10', email: 0, call: 0, video: 0, onsite: 0, total: 0 },
      { month: '2026-11', email: 0, call: 1, video: 0, onsite: 1, total: 2 },
    ]);
  });

  it('keeps to a given range', () => {
    expect(coachingContactsByMonth(contacts, { from: '2026-10', to: '2026-12' })).toEqual([
      { month: '2026-10', email: 0, call: 0, video: 0, onsite: 0, total: 0 },
      { month: '2026-11', email: 0, call: 1, video: 0, onsite: 1, total: 2 },
      { month: '2026-12', email: 0, call: 0, video: 0, onsite: 0, total: 0 },
    ]);
    expect(coachingContactsByMonth([])).toEqual([]);
  });
});

describe('topics covered', () => {
  it('counts the contacts that covered each focus area, in catalog order', () => {
    const counts = coachingTopicCounts([
      { topics: ['design-document-and-plan', 'system-change-mechanisms'] },
      { topics: ['design-document-and-plan', 'design-document-and-plan'] },
      { topics: [] },
      {},
      { topics: ['retired-area'] },
    ]);
    expect(counts).toHaveLength(16);
    expect(counts[0]).toEqual({ key: 'readiness-and-commitment', label: 'Understanding and readiness', contacts: 0 });
    expect(counts.find((c) => c.key === 'design-document-and-plan')?.contacts).toBe(2);
    expect(counts.find((c) => c.key === 'system-change-mechanisms')?.contacts).toBe(1);
    expect(counts[15]).toEqual({ key: 'retired-area', label: 'retired-area', contacts: 1 });
    expect(counts.reduce((n, c) => n + c.contacts, 0)).toBe(4);
  });
});

describe('cadence compliance over time', () => {
  // e1 (coach c1, unit u1) starts Mar 1 with calls on Mar 5 and Mar 20; a contact is due every 7 days.
  //   Mar 1–4   due Mar 8:  on track 4
  //   Mar 5–19  due Mar 12: on track 5 (5–9), due soon 3 (10–12), overdue 7 (13–19)
  //   Mar 20–31 due Mar 27: on track 5 (20–24), due soon 3 (25–27), overdue 4 (28–31)
  //   Apr 1–3   overdue 3
  // e2 (coach c1, unit u2) starts Mar 25, no contact, due Apr 1:
  //   Mar 25–29 on track 5, Mar 30–31 due soon 2, Apr 1 due soon 1, Apr 2–3 overdue 2
  const engagements = [engagement('e1', 'c1', 'u1', '2026-03-01', ['2026-03-05', '2026-03-20']), engagement('e2', 'c1', 'u2', '2026-03-25', [])];
  const options = { from: '2026-03', to: '2026-04', asOf: '2026-04-03' };

  it('gives a unit’s share of days on time each month, from hand-computed figures', () => {
    expect(coachingComplianceByMonth(engagements, { ...options, groupBy: 'unit' })).toEqual([
      { key: 'u1', month: '2026-03', onTrackDays: 14, dueSoonDays: 6, overdueDays: 11, pausedDays: 0, measuredDays: 31, compliance: 20 / 31 },
      { key: 'u1', month: '2026-04', onTrackDays: 0, dueSoonDays: 0, overdueDays: 3, pausedDays: 0, measuredDays: 3, compliance: 0 },
      { key: 'u2', month: '2026-03', onTrackDays: 5, dueSoonDays: 2, overdueDays: 0, pausedDays: 0, measuredDays: 7, compliance: 1 },
      { key: 'u2', month: '2026-04', onTrackDays: 0, dueSoonDays: 1, overdueDays: 2, pausedDays: 0, measuredDays: 3, compliance: 1 / 3 },
    ]);
  });

  it('adds up a coach’s engagements', () => {
    expect(coachingComplianceByMonth(engagements, { ...options, groupBy: 'coach' })).toEqual([
      { key: 'c1', month: '2026-03', onTrackDays: 19, dueSoonDays: 8, overdueDays: 11, pausedDays: 0, measuredDays: 38, compliance: 27 / 38 },
      { key: 'c1', month: '2026-04', onTrackDays: 0, dueSoonDays: 1, overdueDays: 5, pausedDays: 0, measuredDays: 6, compliance: 1 / 6 },
    ]);
  });

  it('leaves out paused days, days after the end and days after today', () => {
    // Starts Mar 1, paused Mar 5–14 (10 days): due Mar 18. Ended Mar 21. Today is Mar 31.
    const paused = engagement('e3', 'c2', 'u3', '2026-03-01', [], { pauses: [{ from: '2026-03-05', to: '2026-03-14' }], endedOn: '2026-03-21' });
    // Mar 1–4 on track (due in 17…14 days); Mar 5–14 paused; Mar 15 on track (3 days); Mar 16–18 due soon; Mar 19–20 overdue.
    expect(coachingComplianceByMonth([paused], { from: '2026-03', to: '2026-04', asOf: '2026-03-31', groupBy: 'unit' })).toEqual([
      { key: 'u3', month: '2026-03', onTrackDays: 5, dueSoonDays: 3, overdueDays: 2, pausedDays: 10, measuredDays: 10, compliance: 0.8 },
      { key: 'u3', month: '2026-04', onTrackDays: 0, dueSoonDays: 0, overdueDays: 0, pausedDays: 0, measuredDays: 0, compliance: null },
    ]);
    const notYet = engagement('e4', 'c2', 'u4', '2026-03-01', []);
    expect(coachingComplianceByMonth([notYet], { from: '2026-03', to: '2026-03', asOf: '2026-03-02', groupBy: 'coach' })[0]).toMatchObject({ measuredDays: 2, onTrackDays: 2 });
  });
});

describe('facilitator checklist summary', () => {
  it('counts yes, no and open items group by group and lists every no as a breakdown', () => {
    const { groups, breakdowns } = coachingFacilitatorSummary([
      { itemKey: 'identify-administrative-lead', answer: 'yes' },
      { itemKey: 'new-directions-circulated', answer: 'no', why: 'Never written up.', actionTaken: 'Drafted with the lead.' },
      { itemKey: 'reforms-visible', answer: 'yes' },
      { itemKey: 'rapid-problem-solving', answer: 'no', why: 'No one owns it.', actionTaken: 'Named an owner.' },
      { itemKey: 'not-an-item', answer: 'no' },
    ]);
    expect(groups.map((g) => [g.key, g.yes, g.no, g.open])).toEqual([
      ['infrastructure-tasks', 1, 0, 2],
      ['stakeholder-development', 0, 0, 4],
      ['communication-and-visibility', 1, 1, 4],
      ['formative-evaluation', 0, 1, 2],
      ['ongoing-support', 0, 0, 4],
    ]);
    expect(groups[2]!.items[0]).toEqual({ key: 'new-directions-circulated', letter: 'a', kind: 'check', answer: 'no' });
    expect(breakdowns.map((b) => [b.groupKey, b.letter, b.why, b.actionTaken])).toEqual([
      ['communication-and-visibility', 'a', 'Never written up.', 'Drafted with the lead.'],
      ['formative-evaluation', 'b', 'No one owns it.', 'Named an owner.'],
    ]);
    expect(breakdowns[1]!.text).toMatch(/^Checks regularly to be certain there is rapid problem solving/);
  });
});
