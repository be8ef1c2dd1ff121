// Mechanisms at work: meeting cadence, links across levels, capacity building, the diagram's text,
// and the task and meeting schemas.
import { describe, expect, it } from 'vitest';
import {
  ActionItemCreate,
  addDays,
  AFTER_INITIAL_PERIOD_DAYS,
  areComparableKinds,
  capacitySummary,
  checkLink,
  daysBetween,
  describeInfrastructure,
  DomainError,
  INFRASTRUCTURE_BAND_OF,
  INITIAL_PERIOD_DAYS,
  isTaskOverdue,
  linkNote,
  MECHANISM_KINDS,
  mechanismKindEntry,
  meetingCadence,
  MeetingCreate,
  TaskUpdate,
  type InfrastructureNode,
  type LinkEnd,
} from '../src/index.js';

const steering = mechanismKindEntry('steering_body');
const planning = mechanismKindEntry('planning_team');
const designTeam = mechanismKindEntry('design_team');

describe('date arithmetic for cadence', () => {
  it('counts days in UTC across month ends, leap days and the clock change', () => {
    expect(daysBetween('2026-01-31', '2026-03-01')).toBe(29);
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2); // 2028 is a leap year
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2); // over Europe's clock change
    expect(daysBetween('2026-11-02', '2026-10-26')).toBe(-7);
    expect(addDays('2026-12-28', 7)).toBe('2027-01-04');
    expect(addDays('2028-02-26', 7)).toBe('2028-03-04');
  });
});

describe('meeting cadence', () => {
  it('expects a steering body to meet formally every week at first: on track until 7 days after the last meeting, then behind', () => {
    const base = { status: 'active' as const, startedOn: '2026-09-01' };
    const onTrack = meetingCadence(steering, { ...base, formalMeetingDays: ['2026-09-08', '2026-09-15'], on: '2026-09-22' });
    expect(onTrack).toMatchObject({ state: 'on_track', cadence: 'weekly at first', intervalDays: 7, formalMeetings: 2, lastFormalOn: '2026-09-15', nextDueOn: '2026-09-22', daysOverdue: 0, basis: 'document' });
    expect(onTrack.source?.quote).toContain('meet formally once a week');
    const behind = meetingCadence(steering, { ...base, formalMeetingDays: ['2026-09-08', '2026-09-15'], on: '2026-09-25' });
    expect(behind).toMatchObject({ state: 'behind', daysOverdue: 3, nextDueOn: '2026-09-22' });
    expect(behind.message).toBe('Meetings are behind cadence by 3 days. The last formal meeting was on 2026-09-15. The guidance is to meet formally once a week at first.');
  });

  it('counts from the start when no formal meeting has been held, and ignores informal contacts (not passed in) and meetings after the day judged', () => {
    const c = meetingCadence(steering, { status: 'forming', startedOn: '2026-09-01', formalMeetingDays: ['2026-10-01'], on: '2026-09-10' });
    expect(c).toMatchObject({ state: 'behind', formalMeetings: 0, lastFormalOn: null, nextDueOn: '2026-09-08', daysOverdue: 2 });
    expect(c.message).toContain('No formal meeting has been held since it started on 2026-09-01');
  });

  it('after the first 12 weeks expects a steering body to meet at least monthly (a product default)', () => {
    const started = '2026-01-05';
    const after = addDays(started, INITIAL_PERIOD_DAYS);
    const c = meetingCadence(steering, { status: 'active', startedOn: started, formalMeetingDays: [addDays(after, -20)], on: after });
    expect(c).toMatchObject({ state: 'on_track', intervalDays: AFTER_INITIAL_PERIOD_DAYS, basis: 'product-default' });
    const late = meetingCadence(steering, { status: 'active', startedOn: started, formalMeetingDays: [addDays(after, -40)], on: after });
    expect(late).toMatchObject({ state: 'behind', daysOverdue: 40 - AFTER_INITIAL_PERIOD_DAYS });
    expect(late.message).toContain('at least monthly');
    // The day before the period ends it is still weekly.
    expect(meetingCadence(steering, { status: 'active', startedOn: started, formalMeetingDays: [addDays(after, -20)], on: addDays(after, -1) }).state).toBe('behind');
  });

  it('has a planning team meet weekly until it has held the about four meetings the guide suggests, then calls it complete', () => {
    const days = ['2026-09-07', '2026-09-14', '2026-09-21'];
    expect(meetingCadence(planning, { status: 'active', startedOn: '2026-09-01', formalMeetingDays: days, on: '2026-09-27' })).toMatchObject({ state: 'on_track', nextDueOn: '2026-09-28' });
    const behind = meetingCadence(planning, { status: 'active', startedOn: '2026-09-01', formalMeetingDays: days, on: '2026-10-05' });
    expect(behind).toMatchObject({ state: 'behind', daysOverdue: 7 });
    expect(behind.message).toContain('about 4 weekly meetings; 3 held so far');
    const done = meetingCadence(planning, { status: 'active', startedOn: '2026-09-01', formalMeetingDays: [...days, '2026-09-28'], on: '2027-03-01' });
    expect(done).toMatchObject({ state: 'complete', formalMeetings: 4, daysOverdue: 0, nextDueOn: null });
  });

  it('does not apply to kinds without a cadence in the catalog, nor to sunsetting or retired mechanisms', () => {
    expect(meetingCadence(designTeam, { status: 'active', startedOn: '2026-01-01', formalMeetingDays: [], on: '2026-11-23' }).state).toBe('not_applicable');
    for (const status of ['sunsetting', 'retired'] as const) {
      const c = meetingCadence(steering, { status, startedOn: '2026-01-01', formalMeetingDays: [], on: '2026-11-23' });
      expect(c).toMatchObject({ state: 'not_applicable', daysOverdue: 0 });
    }
  });

  it('is not behind before the mechanism has started', () => {
    expect(meetingCadence(steering, { status: 'forming', startedOn: '2026-12-01', formalMeetingDays: [], on: '2026-11-23' })).toMatchObject({ state: 'on_track', nextDueOn: '2026-12-08' });
  });
});

describe('links across levels', () => {
  const end = (id: string, unitPath: string, extra: Partial<LinkEnd> = {}): LinkEnd => ({ id, kind: 'steering_body', status: 'active', unitPath, unitName: unitPath, ...extra });
  const refused = (f: () => void) => {
    try {
      f();
    } catch (e) {
      return e as DomainError;
    }
    throw new Error('expected a refusal');
  };

  it('allows a link to a mechanism at a unit strictly above', () => {
    expect(() => checkLink(end('s', '/st/d/f/s/'), end('d', '/st/d/'))).not.toThrow();
    expect(() => checkLink(end('d', '/st/d/'), end('st', '/st/'))).not.toThrow();
  });

  it('refuses a link to itself, sideways, downwards, into another district, or to a retired mechanism', () => {
    expect(refused(() => checkLink(end('a', '/st/d/'), end('a', '/st/d/')))).toMatchObject({ kind: 'invalid', issues: [{ field: 'upperMechanismId', message: 'must be another mechanism' }] });
    expect(refused(() => checkLink(end('a', '/st/d/'), end('b', '/st/d/'))).kind).toBe('invalid');
    expect(refused(() => checkLink(end('a', '/st/d/'), end('b', '/st/d/s/'))).kind).toBe('invalid');
    expect(refused(() => checkLink(end('a', '/st/d1/s/'), end('b', '/st/d2/'))).kind).toBe('invalid');
    expect(refused(() => checkLink(end('a', '/st/d/s/'), end('b', '/st/d/', { status: 'retired' }))).kind).toBe('conflict');
  });

  it('treats the same kind, and a district implementation team with a school change team, as comparable; notes other pairs', () => {
    expect(areComparableKinds('steering_body', 'steering_body')).toBe(true);
    expect(areComparableKinds('implementation_team', 'change_team')).toBe(true);
    expect(areComparableKinds('change_team', 'implementation_team')).toBe(true);
    expect(linkNote('steering_body', 'steering_body')).toBeNull();
    expect(linkNote('steering_body', 'work_group')).toContain('different kinds');
  });
});

describe('capacity building', () => {
  it('summarizes kept functions by state; dropped ones do not count', () => {
    const s = capacitySummary([
      { capacity: 'in_place', droppedReason: null },
      { capacity: 'in_place', droppedReason: null },
      { capacity: 'developing', droppedReason: null },
      { capacity: 'not_started', droppedReason: null },
      { capacity: 'in_place', droppedReason: 'Another team does it' },
    ]);
    expect(s).toEqual({ total: 4, not_started: 1, developing: 1, in_place: 2, inPlaceShare: 0.5 });
    expect(capacitySummary([])).toEqual({ total: 0, not_started: 0, developing: 0, in_place: 0, inPlaceShare: 0 });
  });
});

describe('the infrastructure diagram', () => {
  it('places every catalog kind in a band', () => {
    for (const kind of MECHANISM_KINDS) expect(INFRASTRUCTURE_BAND_OF[kind]).toBeTruthy();
  });

  it('describes the unit band by band and each link, as the diagram’s text alternative', () => {
    const node = (id: string, name: string, kind: InfrastructureNode['kind'], level: InfrastructureNode['level'], unitName: string, extra: Partial<InfrastructureNode> = {}): InfrastructureNode => ({
      id,
      name,
      kind,
      kindName: mechanismKindEntry(kind).name,
      status: 'active',
      band: INFRASTRUCTURE_BAND_OF[kind],
      level,
      unitId: `${unitName}-id`,
      unitName,
      memberCount: 3,
      upperMechanismId: null,
      ...extra,
    });
    const nodes = [
      node('sb', 'District Steering Body', 'steering_body', 'this', 'Demo ISD'),
      node('pt', 'District Planning Team', 'planning_team', 'this', 'Demo ISD', { memberCount: 1 }),
      node('old', 'Old Work Group', 'work_group', 'this', 'Demo ISD', { status: 'retired' }),
      node('ssb', 'Lincoln Steering Body', 'steering_body', 'below', 'Lincoln Elementary'),
    ];
    expect(describeInfrastructure('Demo ISD', nodes, [{ lowerId: 'ssb', upperId: 'sb' }])).toEqual([
      'Who steers at Demo ISD: District Steering Body (Steering Body, active, 3 members).',
      'Who designs and plans at Demo ISD: District Planning Team (Planning Team, active, 1 member).',
      'Lincoln Steering Body at Lincoln Elementary is linked up to District Steering Body at Demo ISD.',
    ]);
    expect(describeInfrastructure('Empty School', [], [])).toEqual(['Empty School has no mechanisms in place yet.']);
  });
});

describe('meeting and task schemas', () => {
  it('accept a meeting and refuse a bad date, kind or duplicate attendee', () => {
    const id = '6f1c2a4e-8b7d-4c3e-9a1f-2b3c4d5e6f70';
    expect(MeetingCreate.parse({ heldOn: '2026-11-02', kind: 'focus_group', attendeeIds: [id] })).toMatchObject({ kind: 'focus_group' });
    expect(MeetingCreate.safeParse({ heldOn: '2026-02-30', kind: 'formal' }).success).toBe(false);
    expect(MeetingCreate.safeParse({ heldOn: '2026-11-02', kind: 'retreat' }).success).toBe(false);
    expect(MeetingCreate.safeParse({ heldOn: '2026-11-02', kind: 'formal', attendeeIds: [id, id] }).success).toBe(false);
    expect(ActionItemCreate.safeParse({ title: ' ' }).success).toBe(false);
  });

  it('require a reason for a blocked task and refuse one otherwise', () => {
    expect(TaskUpdate.safeParse({ version: 1, status: 'blocked', blockedReason: 'Waiting on the board' }).success).toBe(true);
    expect(TaskUpdate.safeParse({ version: 1, status: 'blocked' }).error?.issues[0]).toMatchObject({ path: ['blockedReason'], message: expect.stringContaining('required when a task is blocked') });
    expect(TaskUpdate.safeParse({ version: 1, status: 'done', blockedReason: 'x' }).success).toBe(false);
  });

  it('call a task overdue when it is not done and its due date has passed', () => {
    expect(isTaskOverdue({ status: 'under_way', dueOn: '2026-11-20' }, '2026-11-23')).toBe(true);
    expect(isTaskOverdue({ status: 'done', dueOn: '2026-11-20' }, '2026-11-23')).toBe(false);
    expect(isTaskOverdue({ status: 'not_started', dueOn: '2026-11-23' }, '2026-11-23')).toBe(false);
    expect(isTaskOverdue({ status: 'not_started', dueOn: null }, '2026-11-23')).toBe(false);
  });
});
