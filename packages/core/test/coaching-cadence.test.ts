import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../src/errors.js';
import {
  COACHING_CADENCE_STATES,
  COACHING_DEFAULT_TARGET_GUIDANCE,
  COACHING_DEFAULT_TARGETS,
  coachingAddMonths,
  coachingCadenceStatus,
  coachingCadenceTimeline,
  coachingCoverage,
  isCoachingTimeZone,
  localDay,
  sortCoachingCaseload,
  type CoachingCadenceContact,
  type CoachingCadenceEngagement,
  type CoachingCadenceStatus,
  type CoachingCadenceTargets,
  type CoachingContactMode,
  type CoachingPause,
} from '../src/coaching/cadence.js';
import { addDays } from '../src/mechanisms/meetings.js';

// Small factories: an engagement starting on a day, contacts by day and mode.
const engagement = (startOn: string, extra: Partial<CoachingCadenceEngagement> = {}): CoachingCadenceEngagement => ({ id: 'e1', startOn, ...extra });
const contact = (date: string, mode: CoachingContactMode = 'email'): CoachingCadenceContact => ({ date, mode });
const contactOnly: CoachingCadenceTargets = { contactEveryDays: 7, onsite: null };
const onsiteMonthly: CoachingCadenceTargets = { contactEveryDays: null, onsite: { unit: 'months', every: 1 } };
const target = (s: CoachingCadenceStatus, kind: 'contact' | 'onsite') => s.targets.find((t) => t.target === kind)!;

describe('localDay', () => {
  it('gives the calendar day of an instant in the unit’s time zone', () => {
    expect(localDay('2026-03-08T06:30:00Z', 'America/Los_Angeles')).toBe('2026-03-07');
    expect(localDay('2026-03-08T06:30:00Z', 'UTC')).toBe('2026-03-08');
    expect(localDay(new Date('2026-03-08T06:30:00Z'), 'America/Los_Angeles')).toBe('2026-03-07');
    expect(localDay('2026-03-07T18:45:00Z', 'Asia/Kolkata')).toBe('2026-03-08'); // +05:30
    expect(localDay('2026-03-07T10:59:00Z', 'Pacific/Auckland')).toBe('2026-03-07'); // +13:00 until April
    expect(localDay('2026-03-07T11:00:00Z', 'Pacific/Auckland')).toBe('2026-03-08');
    expect(localDay('2026-03-07T23:30:00-08:00', 'UTC')).toBe('2026-03-08');
    expect(localDay('2026-03-07T23:30:00-08:00', 'America/Los_Angeles')).toBe('2026-03-07');
  });

  it('follows daylight-saving changes', () => {
    // Spring forward in Los Angeles on 2026-03-08 at 10:00Z: midnight is 08:00Z before, 07:00Z after.
    expect(localDay('2026-03-08T07:30:00Z', 'America/Los_Angeles')).toBe('2026-03-07'); // 23:30 PST
    expect(localDay('2026-03-09T07:30:00Z', 'America/Los_Angeles')).toBe('2026-03-09'); // 00:30 PDT
    // Fall back on 2026-11-01 at 09:00Z: midnight is 07:00Z before, 08:00Z after.
    expect(localDay('2026-11-01T07:30:00Z', 'America/Los_Angeles')).toBe('2026-11-01'); // 00:30 PDT
    expect(localDay('2026-11-02T07:30:00Z', 'America/Los_Angeles')).toBe('2026-11-01'); // 23:30 PST
    // Europe changes on a different Sunday.
    expect(localDay('2026-03-28T23:30:00Z', 'Europe/Berlin')).toBe('2026-03-29'); // 00:30 CET
    expect(localDay('2026-03-29T22:30:00Z', 'Europe/Berlin')).toBe('2026-03-30'); // 00:30 CEST
  });

  it('refuses an unknown time zone and an instant without a zone', () => {
    expect(isCoachingTimeZone('America/Chicago')).toBe(true);
    expect(isCoachingTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(() => localDay('2026-03-08T06:30:00Z', 'Mars/Olympus_Mons')).toThrow(/not a time zone/);
    expect(() => localDay('2026-03-08', 'UTC')).toThrow(DomainError);
    expect(() => localDay('2026-03-08T06:30:00', 'UTC')).toThrow(/Z or an offset/);
    expect(() => localDay(new Date('nonsense'), 'UTC')).toThrow(/not a valid date/);
  });

  it('puts a contact on the unit’s day, which moves its due day', () => {
    const at = '2026-03-08T06:30:00Z';
    const e = engagement('2026-03-01', { targets: contactOnly });
    expect(target(coachingCadenceStatus(e, [contact(localDay(at, 'America/Los_Angeles'))], '2026-03-10'), 'contact').dueOn).toBe('2026-03-14');
    expect(target(coachingCadenceStatus(e, [contact(localDay(at, 'UTC'))], '2026-03-10'), 'contact').dueOn).toBe('2026-03-15');
  });
});

describe('coachingAddMonths', () => {
  it('keeps the day of the month, or the last day of a shorter month', () => {
    expect(coachingAddMonths('2026-01-15', 1)).toBe('2026-02-15');
    expect(coachingAddMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(coachingAddMonths('2028-01-31', 1)).toBe('2028-02-29'); // leap year
    expect(coachingAddMonths('2028-02-29', 1)).toBe('2028-03-29');
    expect(coachingAddMonths('2028-02-29', 12)).toBe('2029-02-28');
    expect(coachingAddMonths('2028-02-29', 48)).toBe('2032-02-29');
    expect(coachingAddMonths('2026-03-31', 1)).toBe('2026-04-30');
    expect(coachingAddMonths('2026-12-31', 1)).toBe('2027-01-31');
    expect(coachingAddMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(coachingAddMonths('2100-01-31', 1)).toBe('2100-02-28'); // not a leap year
    expect(coachingAddMonths('2000-01-31', 1)).toBe('2000-02-29'); // a leap year
  });
});

describe('engagement cadence', () => {
  it('uses weekly contact and monthly onsite visits by default, citing the guide', () => {
    expect(COACHING_DEFAULT_TARGETS).toEqual({ contactEveryDays: 7, onsite: { unit: 'months', every: 1 } });
    const s = coachingCadenceStatus(engagement('2026-03-02'), [], '2026-03-02');
    expect(s.state).toBe('on_track');
    expect(s.targets.map((t) => [t.target, t.every, t.dueOn])).toEqual([
      ['contact', 'every 7 days', '2026-03-09'],
      ['onsite', 'every calendar month', '2026-04-02'],
    ]);
    expect(s.nextDueOn).toBe('2026-03-09');
    expect(s.source.quote).toMatch(/at least weekly contact\/support .* monthly\) onsite visits/);
  });

  it('counts the start day as the baseline and is due soon from two days before the due day', () => {
    const e = engagement('2026-03-02', { targets: contactOnly });
    const state = (on: string) => coachingCadenceStatus(e, [], on);
    expect(state('2026-03-06')).toMatchObject({ state: 'on_track', nextDueOn: '2026-03-09' });
    expect(target(state('2026-03-06'), 'contact').daysUntilDue).toBe(3);
    expect(state('2026-03-07').state).toBe('due_soon');
    expect(state('2026-03-08').state).toBe('due_soon');
    expect(state('2026-03-09')).toMatchObject({ state: 'due_soon', daysOverdue: 0 });
    expect(state('2026-03-09').message).toMatch(/due today/);
    expect(state('2026-03-10')).toMatchObject({ state: 'overdue', daysOverdue: 1 });
    expect(state('2026-03-10').message).toBe(
      'A contact is overdue by 1 day: it was due by 2026-03-09. None since the engagement started on 2026-03-02. A contact is due every 7 days.',
    );
    expect(state('2026-03-16')).toMatchObject({ state: 'overdue', daysOverdue: 7 });
  });

  it('says which defaults are the guide’s and which are Trellis’s', () => {
    expect(COACHING_DEFAULT_TARGET_GUIDANCE.contactEveryDays).toMatchObject({ value: COACHING_DEFAULT_TARGETS.contactEveryDays, basis: 'document' });
    expect(COACHING_DEFAULT_TARGET_GUIDANCE.onsite).toMatchObject({ value: COACHING_DEFAULT_TARGETS.onsite, basis: 'document' });
    expect(COACHING_DEFAULT_TARGET_GUIDANCE.dueSoonDays).toMatchObject({ value: 2, basis: 'product-default' });
  });

  it('counts a week across a daylight-saving change as 7 days', () => {
    const zone = 'America/Los_Angeles';
    const e = engagement('2026-02-20', { targets: contactOnly });
    const contacts = [contact(localDay('2026-03-01T20:00:00-08:00', zone))]; // PST
    // Spring forward on 2026-03-08: that local day has 23 hours, the week still 7 days.
    expect(coachingCadenceStatus(e, contacts, localDay('2026-03-08T23:30:00-07:00', zone))).toMatchObject({ state: 'due_soon', nextDueOn: '2026-03-08' });
    expect(coachingCadenceStatus(e, contacts, localDay('2026-03-09T00:30:00-07:00', zone))).toMatchObject({ state: 'overdue', daysOverdue: 1 });
    // Fall back on 2026-11-01: that local day has 25 hours.
    const fall = [contact(localDay('2026-10-25T09:00:00-07:00', zone))];
    expect(coachingCadenceStatus(engagement('2026-10-01', { targets: contactOnly }), fall, localDay('2026-11-02T07:59:00Z', zone))).toMatchObject({
      on: '2026-11-01',
      state: 'due_soon',
      nextDueOn: '2026-11-01',
    });
    expect(coachingCadenceStatus(engagement('2026-10-01', { targets: contactOnly }), fall, localDay('2026-11-02T08:00:00Z', zone))).toMatchObject({
      on: '2026-11-02',
      state: 'overdue',
    });
  });

  it('takes a configurable due-soon window', () => {
    const e = engagement('2026-03-02', { targets: contactOnly });
    expect(coachingCadenceStatus(e, [], '2026-03-06', { dueSoonDays: 3 }).state).toBe('due_soon');
    expect(coachingCadenceStatus(e, [], '2026-03-08', { dueSoonDays: 0 }).state).toBe('on_track');
    expect(coachingCadenceStatus(e, [], '2026-03-09', { dueSoonDays: 0 }).state).toBe('due_soon');
  });

  it('counts from the last contact; any mode counts as a contact, only onsite as a visit', () => {
    const e = engagement('2026-03-02');
    const s = coachingCadenceStatus(e, [contact('2026-03-05', 'onsite'), contact('2026-03-12', 'video')], '2026-03-14');
    expect(target(s, 'contact')).toMatchObject({ lastOn: '2026-03-12', dueOn: '2026-03-19', state: 'on_track' });
    expect(target(s, 'onsite')).toMatchObject({ lastOn: '2026-03-05', dueOn: '2026-04-05', state: 'on_track' });
    expect(s.message).toBe(
      'A contact is due by 2026-03-19. The last contact was on 2026-03-12. An onsite visit is due by 2026-04-05. The last onsite visit was on 2026-03-05.',
    );
  });

  it('ignores contacts before the start and after the day judged; a contact on the start day counts', () => {
    const e = engagement('2026-03-02', { targets: contactOnly });
    expect(target(coachingCadenceStatus(e, [contact('2026-02-27')], '2026-03-03'), 'contact')).toMatchObject({ lastOn: null, dueOn: '2026-03-09' });
    expect(target(coachingCadenceStatus(e, [contact('2026-03-08')], '2026-03-07'), 'contact')).toMatchObject({ lastOn: null, dueOn: '2026-03-09' });
    expect(target(coachingCadenceStatus(e, [contact('2026-03-02')], '2026-03-03'), 'contact')).toMatchObject({ lastOn: '2026-03-02', dueOn: '2026-03-09' });
  });

  it('is overdue by the most days of any target, and says which', () => {
    const e = engagement('2026-01-05');
    const s = coachingCadenceStatus(e, [contact('2026-02-10', 'call')], '2026-02-20');
    expect(s.state).toBe('overdue');
    expect(target(s, 'contact')).toMatchObject({ state: 'overdue', dueOn: '2026-02-17', daysOverdue: 3 });
    expect(target(s, 'onsite')).toMatchObject({ state: 'overdue', dueOn: '2026-02-05', daysOverdue: 15 });
    expect(s.daysOverdue).toBe(15);
    expect(s.nextDueOn).toBe('2026-02-05');
  });

  describe('across month ends and leap years', () => {
    it('is due on the last day of a shorter month', () => {
      const e = (start: string) => engagement(start, { targets: onsiteMonthly });
      expect(target(coachingCadenceStatus(e('2027-01-31'), [], '2027-02-01'), 'onsite').dueOn).toBe('2027-02-28');
      expect(target(coachingCadenceStatus(e('2028-01-31'), [], '2028-02-01'), 'onsite').dueOn).toBe('2028-02-29');
      expect(coachingCadenceStatus(e('2028-01-31'), [], '2028-02-29').state).toBe('due_soon');
      expect(coachingCadenceStatus(e('2028-01-31'), [], '2028-03-01')).toMatchObject({ state: 'overdue', daysOverdue: 1 });
      expect(target(coachingCadenceStatus(e('2026-03-31'), [], '2026-04-01'), 'onsite').dueOn).toBe('2026-04-30');
      expect(target(coachingCadenceStatus(e('2026-12-31'), [], '2027-01-01'), 'onsite').dueOn).toBe('2027-01-31');
    });

    it('starts each month from the visit itself, so a short month does not shift later ones', () => {
      const e = engagement('2027-01-31', { targets: onsiteMonthly });
      // Visited on the due day, Feb 28: the next visit is due Mar 28.
      expect(target(coachingCadenceStatus(e, [contact('2027-02-28', 'onsite')], '2027-03-01'), 'onsite').dueOn).toBe('2027-03-28');
      // A visit on Feb 29 of a leap year: due Mar 29.
      const leap = engagement('2028-01-31', { targets: onsiteMonthly });
      expect(target(coachingCadenceStatus(leap, [contact('2028-02-29', 'onsite')], '2028-03-01'), 'onsite').dueOn).toBe('2028-03-29');
    });

    it('counts days across February 29', () => {
      const e = (start: string) => engagement(start, { targets: contactOnly });
      expect(target(coachingCadenceStatus(e('2028-02-26'), [], '2028-02-27'), 'contact').dueOn).toBe('2028-03-04');
      expect(target(coachingCadenceStatus(e('2027-02-26'), [], '2027-02-27'), 'contact').dueOn).toBe('2027-03-05');
      expect(coachingCadenceStatus(e('2028-02-22'), [], '2028-03-01')).toMatchObject({ state: 'overdue', daysOverdue: 1 });
    });

    it('takes an onsite target in days instead of months', () => {
      const e = engagement('2028-01-31', { targets: { contactEveryDays: null, onsite: { unit: 'days', every: 30 } } });
      const s = coachingCadenceStatus(e, [], '2028-02-01');
      expect(target(s, 'onsite')).toMatchObject({ every: 'every 30 days', dueOn: '2028-03-01' });
      const quarterly = coachingCadenceStatus(engagement('2026-11-30', { targets: { contactEveryDays: null, onsite: { unit: 'months', every: 3 } } }), [], '2026-12-01');
      expect(target(quarterly, 'onsite')).toMatchObject({ every: 'every 3 calendar months', dueOn: '2027-02-28' });
    });
  });

  describe('paused engagements', () => {
    const pauses: CoachingPause[] = [{ from: '2026-03-05', to: '2026-03-08' }];
    const e = engagement('2026-03-01', { targets: contactOnly, pauses });

    it('moves the due day one day later for every paused day', () => {
      const s = coachingCadenceStatus(e, [], '2026-03-10');
      expect(target(s, 'contact')).toMatchObject({ dueOn: '2026-03-12', pausedDays: 4 });
      expect(s.state).toBe('due_soon');
      expect(s.message).toMatch(/\(4 paused days moved it later\)/);
      expect(coachingCadenceStatus(e, [], '2026-03-12').state).toBe('due_soon');
      expect(coachingCadenceStatus(e, [], '2026-03-13')).toMatchObject({ state: 'overdue', daysOverdue: 1 });
    });

    it('is paused, neither due nor overdue, during a pause', () => {
      const s = coachingCadenceStatus(e, [], '2026-03-06');
      expect(s).toMatchObject({ state: 'paused', pausedFrom: '2026-03-05', pausedUntil: '2026-03-08', daysOverdue: 0 });
      expect(s.message).toMatch(/^Paused since 2026-03-05 through 2026-03-08; no lateness accrues while paused\./);
    });

    it('accrues no lateness while paused: lateness from before the pause is kept, then grows again', () => {
      const late = engagement('2026-03-01', { targets: contactOnly, pauses: [{ from: '2026-03-11', to: '2026-03-20' }] });
      expect(coachingCadenceStatus(late, [], '2026-03-10')).toMatchObject({ state: 'overdue', daysOverdue: 2 });
      const during = coachingCadenceStatus(late, [], '2026-03-15');
      expect(during).toMatchObject({ state: 'paused', daysOverdue: 2 });
      expect(during.message).toMatch(/it was 2 days overdue when the pause began/);
      expect(coachingCadenceStatus(late, [], '2026-03-21')).toMatchObject({ state: 'overdue', daysOverdue: 3 });
    });

    it('is not due before an open pause ends', () => {
      const open = engagement('2026-03-01', { targets: contactOnly, pauses: [{ from: '2026-03-05', to: null }] });
      const before = coachingCadenceStatus(open, [], '2026-03-03');
      expect(before).toMatchObject({ state: 'on_track', nextDueOn: null });
      expect(before.message).toMatch(/not due before the pause ends/);
      expect(coachingCadenceStatus(open, [], '2026-05-30')).toMatchObject({ state: 'paused', pausedUntil: null });
      expect(coachingCadenceStatus(open, [], '2026-05-30').message).toMatch(/until it is resumed/);
    });

    it('merges overlapping pauses and moves a month by its paused days', () => {
      const monthly = engagement('2026-01-31', {
        targets: onsiteMonthly,
        pauses: [
          { from: '2026-02-10', to: '2026-02-12' },
          { from: '2026-02-12', to: '2026-02-14' },
        ],
      });
      // Jan 31 + 1 month = Feb 28 (28 days), plus 5 paused days.
      expect(target(coachingCadenceStatus(monthly, [], '2026-02-20'), 'onsite')).toMatchObject({ dueOn: '2026-03-05', pausedDays: 5 });
    });

    it('keeps the later due day when a cut-short month end meets a paused day', () => {
      // From Jan 30: 29 days to Feb 28, and Jan 31 is paused → Mar 1. From Jan 31 (paused): Feb 28.
      const e2 = engagement('2027-01-01', { targets: onsiteMonthly, pauses: [{ from: '2027-01-31', to: '2027-01-31' }] });
      const one = coachingCadenceStatus(e2, [contact('2027-01-30', 'onsite')], '2027-02-27');
      const two = coachingCadenceStatus(e2, [contact('2027-01-30', 'onsite'), contact('2027-01-31', 'onsite')], '2027-02-27');
      expect(target(one, 'onsite').dueOn).toBe('2027-03-01');
      expect(target(two, 'onsite')).toMatchObject({ dueOn: '2027-03-01', lastOn: '2027-01-31', countedFrom: '2027-01-30' });
    });
  });

  it('does not apply before the start, from the end day on, or without targets', () => {
    const e = engagement('2026-03-02', { endedOn: '2026-06-30', plannedEndOn: '2026-05-31' });
    expect(coachingCadenceStatus(e, [], '2026-03-01')).toMatchObject({ state: 'not_applicable', notApplicable: 'not_started', targets: [] });
    expect(coachingCadenceStatus(e, [], '2026-03-01').message).toBe('The engagement starts on 2026-03-02.');
    expect(coachingCadenceStatus(e, [], '2026-06-30')).toMatchObject({ state: 'not_applicable', notApplicable: 'ended' });
    expect(coachingCadenceStatus(e, [], '2026-06-29')).toMatchObject({ state: 'overdue', pastPlannedEnd: true });
    expect(coachingCadenceStatus(e, [], '2026-05-31').pastPlannedEnd).toBe(false);
    const none = engagement('2026-03-02', { targets: { contactEveryDays: null, onsite: null } });
    expect(coachingCadenceStatus(none, [], '2026-04-01')).toMatchObject({ state: 'not_applicable', notApplicable: 'no_targets' });
  });

  it('never makes an engagement more overdue when a contact is added (property)', () => {
    const day = (offset: number) => addDays('2027-12-01', offset);
    const targets = fc.record({
      contactEveryDays: fc.option(fc.integer({ min: 1, max: 21 }), { nil: null }),
      onsite: fc.option(
        fc.oneof(
          fc.record({ unit: fc.constant('months' as const), every: fc.integer({ min: 1, max: 3 }) }),
          fc.record({ unit: fc.constant('days' as const), every: fc.integer({ min: 1, max: 45 }) }),
        ),
        { nil: null },
      ),
    });
    const pause = fc.tuple(fc.integer({ min: 0, max: 150 }), fc.option(fc.integer({ min: 0, max: 20 }), { nil: null })).map(([from, length]) => ({
      from: day(from),
      to: length === null ? null : day(from + length),
    }));
    const aContact = fc.tuple(fc.integer({ min: -5, max: 160 }), fc.constantFrom<CoachingContactMode>('email', 'call', 'video', 'onsite')).map(([d, mode]) => contact(day(d), mode));
    const urgency = (s: string) => COACHING_CADENCE_STATES.indexOf(s as (typeof COACHING_CADENCE_STATES)[number]);
    fc.assert(
      fc.property(
        targets,
        fc.array(pause, { maxLength: 3 }),
        fc.array(aContact, { maxLength: 8 }),
        aContact,
        fc.integer({ min: 0, max: 170 }),
        fc.integer({ min: 0, max: 10 }),
        (t, pauses, contacts, added, onOffset, startOffset) => {
          const e = engagement(day(startOffset), { targets: t, pauses });
          const on = day(onOffset);
          const before = coachingCadenceStatus(e, contacts, on);
          const after = coachingCadenceStatus(e, [...contacts, added], on);
          // The reports' quick path agrees with the full status.
          expect(coachingCadenceTimeline(e, contacts).stateAt(on)).toBe(before.state);
          expect(after.state === before.state || urgency(after.state) > urgency(before.state)).toBe(true);
          expect(after.daysOverdue).toBeLessThanOrEqual(before.daysOverdue);
          for (const a of after.targets) {
            const b = before.targets.find((x) => x.target === a.target)!;
            expect(a.daysOverdue).toBeLessThanOrEqual(b.daysOverdue);
            if (b.dueOn === null) expect(a.dueOn).toBeNull();
            else if (a.dueOn !== null) expect(a.dueOn >= b.dueOn).toBe(true);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('caseload and coverage', () => {
  const statusOf = (id: string, startOn: string, on: string, contacts: CoachingCadenceContact[] = [], extra: Partial<CoachingCadenceEngagement> = {}) =>
    coachingCadenceStatus({ id, startOn, targets: contactOnly, ...extra }, contacts, on);
  const on = '2026-03-20';
  const statuses = [
    statusOf('on-track-late', '2026-03-17', on), // due 03-24
    statusOf('overdue-3', '2026-03-10', on), // due 03-17
    statusOf('not-started', '2026-04-01', on),
    statusOf('due-soon-21', '2026-03-14', on), // due 03-21
    statusOf('overdue-10', '2026-03-03', on), // due 03-10
    statusOf('paused', '2026-03-01', on, [], { pauses: [{ from: '2026-03-15', to: null }] }),
    statusOf('due-soon-20', '2026-03-13', on), // due 03-20
    statusOf('on-track-early', '2026-03-16', on), // due 03-23
    statusOf('overdue-3b', '2026-03-10', on),
  ];

  it('sorts a caseload by urgency: most days overdue, then due soon by due day, then on track', () => {
    expect(sortCoachingCaseload(statuses).map((s) => s.engagementId)).toEqual([
      'overdue-10',
      'overdue-3',
      'overdue-3b',
      'due-soon-20',
      'due-soon-21',
      'on-track-early',
      'on-track-late',
      'paused',
      'not-started',
    ]);
    expect(statuses[0]!.engagementId).toBe('on-track-late'); // the input is left as it was
  });

  it('counts a unit’s engagements by state', () => {
    expect(coachingCoverage(statuses)).toEqual({ overdue: 3, due_soon: 2, on_track: 2, paused: 1, not_applicable: 1, total: 9 });
    expect(coachingCoverage([])).toEqual({ overdue: 0, due_soon: 0, on_track: 0, paused: 0, not_applicable: 0, total: 0 });
  });
});
