// Bad input on every coaching write route (the routes listed in bad-input/coaching.ts): malformed or
// non-JSON bodies, wrong types, missing and unknown fields, over-long text, invalid ids in the
// address, and requests that break a rule (a contact in the future, a stale version, an engagement
// whose pauses overlap). Each must be a 4xx problem+json naming the field and the rule — never a
// 500 — and leave the database unchanged; the valid request each was made from then goes through.
import { describe, expect, it } from 'vitest';
import type { Unit } from '@trellis/core';
import { BODY_LIMIT } from '../src/app.js';
import { signIn, type Agent } from './support/agent.js';
import { useApi } from './support/api.js';
import { testDatabases } from './support/databases.js';
import { createPerson, createStateTree, createSystemAdmin, PASSWORD, type StateTree, type TestPerson } from './support/factories.js';
import { chicagoToday, createContact, createEngagement, dayFromToday } from './support/coaching-factories.js';
import { expectProblem, fingerprint } from './support/problems.js';
import { coachingBadInput } from './bad-input/coaching.js';

interface Fixtures {
  tree: StateTree;
  system: Agent;
  school: Unit;
  coach: TestPerson;
  principal: TestPerson;
  /** An engagement edited once (version 2), with a contact edited once (version 2) that has one next step. */
  engagement: { id: string; version: number };
  contact: { id: string; version: number };
  /** An engagement with no contact (to delete) and one with a contact (cannot be deleted). */
  spareEngagement: { id: string };
  usedEngagement: { id: string };
  spareContact: { id: string };
  check: { id: string; version: number };
  transfer: { id: string; version: number };
  spareTransfer: { id: string };
  /** A person not yet in the hand-over plan, nor a facilitator of the school today. */
  newcomer: TestPerson;
}

interface BadCase {
  name: string;
  url?: string;
  body?: unknown;
  raw?: { body: string; contentType: string };
  status: number;
  field?: string;
  rule?: string | RegExp;
  only?: boolean;
}

interface WriteRoute {
  url: (f: Fixtures) => string;
  body: ((f: Fixtures) => Record<string, unknown>) | null;
  required?: string[];
  /** [field, bad value, the rule the answer must state, the field it names when deeper than `field`]. */
  invalid?: [string, unknown, string | RegExp, string?][];
  rules?: (f: Fixtures) => BadCase[];
}

const long = (n: number) => 'x'.repeat(n);
const NOT_A_UUID = 'not-a-uuid';
const MISSING_ID = '00000000-0000-4000-8000-000000000000';

const WRITE_ROUTES: Record<string, WriteRoute> = {
  'POST /api/coaching/engagements': {
    url: () => '/api/coaching/engagements',
    body: (f) => ({
      unitId: f.school.id,
      coachPersonId: f.coach.id,
      kind: 'coaching',
      coachAffiliation: 'external',
      target: { leaderPersonId: f.principal.id },
      focusAreaKeys: ['readiness-and-commitment'],
      startOn: dayFromToday(-10),
    }),
    required: ['unitId', 'coachPersonId', 'kind', 'coachAffiliation', 'target', 'focusAreaKeys', 'startOn'],
    invalid: [
      ['kind', 'tutoring', 'must be one of coaching, mentoring'],
      ['coachAffiliation', 'freelance', 'must be one of internal, external'],
      ['coachPersonId', 'coach-1', 'must be an id (a UUID)'],
      ['focusAreaKeys', [], 'must name at least one focus area'],
      ['focusAreaKeys', ['juggling'], 'must be a focus area from Appendix B', 'focusAreaKeys.0'],
      ['focusAreaKeys', 'readiness-and-commitment', 'must be a list of focus area keys'],
      ['startOn', '2026-13-01', 'must be a date like 2026-09-01'],
      ['goals', long(4001), 'at most 4,000 characters'],
      ['cadence', { contactEveryDays: 0, onsite: null }, 'must be at least 1 day', 'cadence.contactEveryDays'],
    ],
    rules: (f) => [
      { name: 'a target naming two', body: { ...WRITE_ROUTES['POST /api/coaching/engagements']!.body!(f), target: { leaderPersonId: f.principal.id, unitId: f.school.id } }, status: 400, field: 'target', rule: 'exactly one' },
      { name: 'a planned end before the start', body: { ...WRITE_ROUTES['POST /api/coaching/engagements']!.body!(f), plannedEndOn: dayFromToday(-20) }, status: 400, field: 'plannedEndOn', rule: 'on or after the start' },
      { name: 'ended with no end day', body: { ...WRITE_ROUTES['POST /api/coaching/engagements']!.body!(f), status: 'ended' }, status: 400, field: 'endedOn', rule: 'must be set' },
      {
        name: 'overlapping pauses',
        body: { ...WRITE_ROUTES['POST /api/coaching/engagements']!.body!(f), pauses: [{ from: dayFromToday(-8), to: dayFromToday(-5) }, { from: dayFromToday(-6), to: dayFromToday(-4) }] },
        status: 400,
        field: 'pauses.1.from',
        rule: 'must not overlap',
      },
      { name: 'a coach who does not exist', body: { ...WRITE_ROUTES['POST /api/coaching/engagements']!.body!(f), coachPersonId: MISSING_ID }, status: 400, field: 'coachPersonId', rule: 'not a person' },
      { name: 'a unit that does not exist', body: { ...WRITE_ROUTES['POST /api/coaching/engagements']!.body!(f), unitId: MISSING_ID, target: { leaderPersonId: f.principal.id } }, status: 404 },
    ],
  },
  'PATCH /api/coaching/engagements/:id': {
    url: (f) => `/api/coaching/engagements/${f.engagement.id}`,
    body: (f) => ({ version: f.engagement.version, goals: 'Valid goals' }),
    required: ['version'],
    invalid: [
      ['version', '2', 'must be a whole number'],
      ['status', 'closed', 'must be one of active, paused, ended'],
      ['focusAreaKeys', ['juggling'], 'Appendix B', 'focusAreaKeys.0'],
    ],
    rules: (f) => [
      { name: 'a stale version', body: { version: f.engagement.version - 1, goals: 'Lost update' }, status: 409, field: 'version', rule: 'not the current version' },
      { name: 'ending with no end day', body: { version: f.engagement.version, status: 'ended' }, status: 400, field: 'endedOn' },
      { name: 'paused with no open pause', body: { version: f.engagement.version, status: 'paused' }, status: 400, field: 'status', rule: 'pause with no end' },
      { name: 'a start after a logged contact', body: { version: f.engagement.version, startOn: chicagoToday() }, status: 400, field: 'startOn', rule: 'every contact' },
      { name: 'dropping a focus area a contact covered', body: { version: f.engagement.version, focusAreaKeys: ['celebrate-progress'] }, status: 400, field: 'focusAreaKeys', rule: 'keep the focus areas' },
      { name: 'an engagement that does not exist', url: `/api/coaching/engagements/${MISSING_ID}`, body: { version: 1 }, status: 404, rule: 'engagement was not found' },
    ],
  },
  'DELETE /api/coaching/engagements/:id': {
    url: (f) => `/api/coaching/engagements/${f.spareEngagement.id}`,
    body: null,
    rules: (f) => [
      { name: 'an engagement with contacts', url: `/api/coaching/engagements/${f.usedEngagement.id}`, status: 409, field: 'id', rule: 'end the engagement instead' },
      { name: 'an engagement that does not exist', url: `/api/coaching/engagements/${MISSING_ID}`, status: 404 },
    ],
  },
  'POST /api/coaching/engagements/:id/contacts': {
    url: (f) => `/api/coaching/engagements/${f.engagement.id}/contacts`,
    body: () => ({ date: dayFromToday(-1), mode: 'call', durationMinutes: 30, topics: ['readiness-and-commitment'], nextSteps: [{ text: 'Send the agenda' }] }),
    required: ['date', 'mode', 'durationMinutes'],
    invalid: [
      ['mode', 'pigeon', 'must be one of email, call, video, onsite'],
      ['durationMinutes', 0, 'at least 1 minute'],
      ['durationMinutes', 1441, 'at most 1,440 minutes'],
      ['durationMinutes', 'half an hour', 'whole number of minutes'],
      ['date', '23/11/2026', 'must be a date like'],
      ['participantIds', ['nobody'], 'must be an id', 'participantIds.0'],
      ['notes', long(20_001), 'at most 20,000 characters'],
      ['nextSteps', 'call back', 'must be a list of next steps'],
    ],
    rules: (f) => [
      { name: 'a contact in the future', body: { date: dayFromToday(2), mode: 'call', durationMinutes: 10 }, status: 400, field: 'date', rule: 'must not be in the future' },
      { name: 'a contact before the engagement started', body: { date: dayFromToday(-300), mode: 'call', durationMinutes: 10 }, status: 400, field: 'date', rule: 'on or after the day the engagement started' },
      { name: 'a topic outside the engagement’s focus areas', body: { date: dayFromToday(-1), mode: 'call', durationMinutes: 10, topics: ['celebrate-progress'] }, status: 400, field: 'topics.0', rule: 'engagement’s focus areas' },
      { name: 'a participant who does not exist', body: { date: dayFromToday(-1), mode: 'call', durationMinutes: 10, participantIds: [MISSING_ID] }, status: 400, field: 'participantIds.0', rule: 'not a person' },
      { name: 'a next step due before the contact', body: { date: dayFromToday(-1), mode: 'call', durationMinutes: 10, nextSteps: [{ text: 'Late', dueOn: dayFromToday(-3) }] }, status: 400, field: 'nextSteps.0.dueOn' },
      { name: 'an engagement that does not exist', url: `/api/coaching/engagements/${MISSING_ID}/contacts`, body: { date: dayFromToday(-1), mode: 'call', durationMinutes: 10 }, status: 404 },
    ],
  },
  'PATCH /api/coaching/contacts/:id': {
    url: (f) => `/api/coaching/contacts/${f.contact.id}`,
    body: (f) => ({ version: f.contact.version, durationMinutes: 40 }),
    required: ['version'],
    invalid: [
      ['version', 0, 'must be 1 or more'],
      ['mode', 'fax', 'must be one of'],
      ['agreements', long(10_001), 'at most 10,000 characters'],
    ],
    rules: (f) => [
      { name: 'a stale version', body: { version: f.contact.version - 1, durationMinutes: 5 }, status: 409, field: 'version' },
      { name: 'a date in the future', body: { version: f.contact.version, date: dayFromToday(5) }, status: 400, field: 'date', rule: 'future' },
      { name: 'a contact that does not exist', url: `/api/coaching/contacts/${MISSING_ID}`, body: { version: 1 }, status: 404, rule: 'contact was not found' },
    ],
  },
  'DELETE /api/coaching/contacts/:id': {
    url: (f) => `/api/coaching/contacts/${f.spareContact.id}`,
    body: null,
    rules: () => [{ name: 'a contact that does not exist', url: `/api/coaching/contacts/${MISSING_ID}`, status: 404 }],
  },
  'POST /api/coaching/contacts/:id/next-steps/:index/task': {
    url: (f) => `/api/coaching/contacts/${f.contact.id}/next-steps/0/task`,
    body: null,
    rules: (f) => [
      { name: 'an index that is not a number', url: `/api/coaching/contacts/${f.contact.id}/next-steps/first/task`, status: 400, field: 'index' },
      { name: 'a negative index', url: `/api/coaching/contacts/${f.contact.id}/next-steps/-1/task`, status: 400, field: 'index', rule: '0 or more' },
      { name: 'a next step that does not exist', url: `/api/coaching/contacts/${f.contact.id}/next-steps/7/task`, status: 404, rule: 'next step was not found' },
      { name: 'a contact that does not exist', url: `/api/coaching/contacts/${MISSING_ID}/next-steps/0/task`, status: 404 },
    ],
  },
  'POST /api/coaching/facilitator-checks': {
    url: () => '/api/coaching/facilitator-checks',
    body: (f) => ({ facilitatorPersonId: f.newcomer.id, unitId: f.school.id, checkedOn: dayFromToday(-1), answers: [{ itemKey: 'identify-administrative-lead', answer: 'yes' }] }),
    required: ['facilitatorPersonId', 'unitId', 'checkedOn', 'answers'],
    invalid: [
      ['answers', [], 'must answer at least one item'],
      ['answers', [{ itemKey: 'make-coffee', answer: 'yes' }], 'task activity list', 'answers.0.itemKey'],
      ['answers', [{ itemKey: 'identify-administrative-lead', answer: 'maybe' }], 'must be yes or no', 'answers.0.answer'],
      ['answers', [{ itemKey: 'identify-administrative-lead', answer: 'no' }], 'is required for a no', 'answers.0.why'],
      ['answers', [{ itemKey: 'identify-administrative-lead', answer: 'yes', why: 'Because' }], 'only for a no answer', 'answers.0.why'],
      [
        'answers',
        [
          { itemKey: 'identify-administrative-lead', answer: 'yes' },
          { itemKey: 'identify-administrative-lead', answer: 'yes' },
        ],
        'answer each item once',
        'answers.1.itemKey',
      ],
      ['checkedOn', 'yesterday', 'must be a date like'],
    ],
    rules: (f) => [
      { name: 'a checklist dated in the future', body: { ...WRITE_ROUTES['POST /api/coaching/facilitator-checks']!.body!(f), checkedOn: dayFromToday(3) }, status: 400, field: 'checkedOn', rule: 'future' },
      { name: 'a second checklist by the facilitator for the site that day', body: { ...WRITE_ROUTES['POST /api/coaching/facilitator-checks']!.body!(f), facilitatorPersonId: f.coach.id, checkedOn: chicagoToday() }, status: 409, field: 'checkedOn', rule: 'already has a checklist' },
      { name: 'a facilitator who does not exist', body: { ...WRITE_ROUTES['POST /api/coaching/facilitator-checks']!.body!(f), facilitatorPersonId: MISSING_ID }, status: 400, field: 'facilitatorPersonId' },
    ],
  },
  'PATCH /api/coaching/facilitator-checks/:id': {
    url: (f) => `/api/coaching/facilitator-checks/${f.check.id}`,
    body: (f) => ({ version: f.check.version, answers: [{ itemKey: 'identify-administrative-lead', answer: 'no', why: 'Not yet.', actionTaken: 'Asked again.' }] }),
    required: ['version', 'answers'],
    invalid: [
      ['answers', [{ itemKey: 'identify-administrative-lead', answer: 'no', why: 'Not yet.' }], 'say what was done', 'answers.0.actionTaken'],
      ['version', -1, 'must be 1 or more'],
    ],
    rules: (f) => [
      { name: 'a stale version', body: { version: f.check.version + 3, answers: [{ itemKey: 'identify-administrative-lead', answer: 'yes' }] }, status: 409, field: 'version' },
      { name: 'a checklist that does not exist', url: `/api/coaching/facilitator-checks/${MISSING_ID}`, body: { version: 1, answers: [{ itemKey: 'identify-administrative-lead', answer: 'yes' }] }, status: 404 },
    ],
  },
  'POST /api/units/:id/coaching/capacity-transfers': {
    url: (f) => `/api/units/${f.school.id}/coaching/capacity-transfers`,
    body: (f) => ({ internalLeaderPersonId: f.newcomer.id, capacities: ['readiness-and-commitment'], plannedHandOverOn: dayFromToday(90) }),
    required: ['internalLeaderPersonId', 'capacities', 'plannedHandOverOn'],
    invalid: [
      ['capacities', [], 'must name at least one focus area'],
      ['capacities', ['readiness-and-commitment', 'readiness-and-commitment'], 'must not name a focus area twice'],
      ['plannedHandOverOn', 20270101, 'must be a date like'],
      ['note', long(2001), 'at most 2,000 characters'],
    ],
    rules: (f) => [
      { name: 'a leader already in the plan', body: { internalLeaderPersonId: f.principal.id, capacities: ['celebrate-progress'], plannedHandOverOn: dayFromToday(30) }, status: 409, field: 'internalLeaderPersonId', rule: 'already in the hand-over plan' },
      { name: 'a leader who does not exist', body: { internalLeaderPersonId: MISSING_ID, capacities: ['celebrate-progress'], plannedHandOverOn: dayFromToday(30) }, status: 400, field: 'internalLeaderPersonId' },
      { name: 'a unit that does not exist', url: `/api/units/${MISSING_ID}/coaching/capacity-transfers`, body: WRITE_ROUTES['POST /api/units/:id/coaching/capacity-transfers']!.body!(f), status: 404 },
    ],
  },
  'PATCH /api/coaching/capacity-transfers/:id': {
    url: (f) => `/api/coaching/capacity-transfers/${f.transfer.id}`,
    body: (f) => ({ version: f.transfer.version, plannedHandOverOn: dayFromToday(120) }),
    required: ['version'],
    invalid: [
      ['capacities', ['juggling'], 'Appendix B', 'capacities.0'],
      ['plannedHandOverOn', null, 'must be a date like'],
    ],
    rules: (f) => [
      { name: 'a stale version', body: { version: f.transfer.version + 1, plannedHandOverOn: dayFromToday(10) }, status: 409, field: 'version' },
      { name: 'an entry that does not exist', url: `/api/coaching/capacity-transfers/${MISSING_ID}`, body: { version: 1 }, status: 404 },
    ],
  },
  'DELETE /api/coaching/capacity-transfers/:id': {
    url: (f) => `/api/coaching/capacity-transfers/${f.spareTransfer.id}`,
    body: null,
    rules: () => [{ name: 'an entry that does not exist', url: `/api/coaching/capacity-transfers/${MISSING_ID}`, status: 404 }],
  },
  'PUT /api/units/:id/coaching/settings': {
    url: (f) => `/api/units/${f.school.id}/coaching/settings`,
    body: () => ({ version: 0, timeZone: 'America/Denver', sustain: { minInternalLeaders: 3, minLeadersPerFocusArea: 1, handOverPassed: true, noActiveExternal: false } }),
    required: ['version', 'timeZone'],
    invalid: [
      ['timeZone', '', 'must not be empty'],
      ['timeZone', 5, 'IANA time zone'],
      ['sustain', { minInternalLeaders: 0, minLeadersPerFocusArea: 1, handOverPassed: true, noActiveExternal: true }, 'at least 1', 'sustain.minInternalLeaders'],
      ['sustain', { minInternalLeaders: 2 }, 'is required', 'sustain.minLeadersPerFocusArea'],
    ],
    rules: () => [
      { name: 'a time zone that does not exist', body: { version: 0, timeZone: 'Texas/Austin' }, status: 400, field: 'timeZone', rule: 'IANA time zone' },
      { name: 'a stale version', body: { version: 4, timeZone: 'America/Chicago' }, status: 409, field: 'version' },
    ],
  },
  'PATCH /api/units/:id/coaching/focus-areas': {
    url: (f) => `/api/units/${f.tree.north.unit.id}/coaching/focus-areas`,
    body: () => ({ version: 0, changes: [{ op: 'add', label: 'Family learning nights', text: 'Hold family learning nights at every school.' }] }),
    required: ['version', 'changes'],
    invalid: [
      ['version', -1, 'must be 0 or more'],
      ['changes', [], 'must make at least one change'],
      ['changes', [{ op: 'rename', key: 'celebrate-progress', label: 'Parties' }], 'must be a change', 'changes.0.op'],
      ['changes', [{ op: 'add', label: '', text: 'Words' }], 'must not be empty', 'changes.0.label'],
      ['changes', [{ op: 'add', label: 'Words', text: long(1001) }], 'at most 1,000 characters', 'changes.0.text'],
      ['changes', [{ op: 'reword', key: 'celebrate-progress' }], 'or text must be given', 'changes.0.label'],
      ['changes', [{ op: 'retire', key: 'Celebrate Progress!' }], 'focus area key', 'changes.0.key'],
    ],
    rules: (f) => [
      { name: 'a stale version', body: { version: 3, changes: [{ op: 'retire', key: 'celebrate-progress' }] }, status: 409, field: 'version', rule: 'not the current version' },
      { name: 'a key that is not a focus area', body: { version: 0, changes: [{ op: 'retire', key: 'juggling' }] }, status: 400, field: 'changes.0.key', rule: 'is not a focus area here' },
      { name: 'an added key that exists', body: { version: 0, changes: [{ op: 'add', key: 'celebrate-progress', label: 'Parties', text: 'Throw parties.' }] }, status: 400, field: 'changes.0.key', rule: 'never reused' },
      { name: 'restoring an area that is not retired', body: { version: 0, changes: [{ op: 'restore', key: 'celebrate-progress' }] }, status: 400, field: 'changes.0.key', rule: 'is not retired' },
      { name: 'a school (only a state or district adapts)', url: `/api/units/${f.school.id}/coaching/focus-areas`, body: { version: 0, changes: [{ op: 'retire', key: 'celebrate-progress' }] }, status: 400, field: 'id', rule: 'state or a district' },
      { name: 'a unit that does not exist', url: `/api/units/${MISSING_ID}/coaching/focus-areas`, body: { version: 0, changes: [{ op: 'retire', key: 'celebrate-progress' }] }, status: 404 },
    ],
  },
};

function casesOf(route: WriteRoute, f: Fixtures, key: string): BadCase[] {
  const cases: BadCase[] = [];
  const valid = route.body?.(f);
  cases.push({ name: 'malformed JSON', raw: { body: '{"date": "unfinished', contentType: 'application/json' }, status: 400, rule: 'not valid JSON' });
  cases.push({ name: 'a form instead of JSON', raw: { body: 'date=2026-11-01', contentType: 'application/x-www-form-urlencoded' }, status: 415, rule: 'application/json' });
  cases.push({ name: 'plain text instead of JSON', raw: { body: 'date: today', contentType: 'text/plain' }, status: 415, rule: 'application/json' });
  cases.push({ name: 'a body over the size limit', raw: { body: JSON.stringify({ ...valid, notes: long(BODY_LIMIT + 1) }), contentType: 'application/json' }, status: 413, rule: 'larger than this server accepts' });
  if (key.includes(':id')) cases.push({ name: 'an id in the address that is not a UUID', url: route.url(f).replace(/[0-9a-f-]{36}/, NOT_A_UUID), body: valid, status: 400, field: 'id', rule: 'must be an id (a UUID)', only: true });
  if (valid) {
    cases.push({ name: 'an empty JSON body', raw: { body: '', contentType: 'application/json' }, status: 400, rule: 'empty' });
    cases.push({ name: 'a JSON array instead of an object', raw: { body: '[]', contentType: 'application/json' }, status: 400, field: 'body', only: true });
    cases.push({ name: 'an unknown field', body: { ...valid, isSystemAdmin: true }, status: 400, field: 'isSystemAdmin', rule: 'is not a field this accepts', only: true });
    for (const field of route.required ?? []) {
      const { [field]: _dropped, ...rest } = valid;
      cases.push({ name: `no ${field}`, body: rest, status: 400, field, rule: 'is required', only: true });
    }
    for (const [field, value, rule, named] of route.invalid ?? []) cases.push({ name: `${field} = ${JSON.stringify(value).slice(0, 40)}`, body: { ...valid, [field]: value }, status: 400, field: named ?? field, rule });
    // PostgreSQL stores no NUL character in text: refused by name before it reaches a query.
    const text = Object.entries(valid).find(([, v]) => typeof v === 'string');
    if (text) cases.push({ name: `a NUL character in ${text[0]}`, body: { ...valid, [text[0]]: `${text[1] as string}\u0000` }, status: 400, field: text[0], rule: 'must not contain a NUL character', only: true });
    const nested = Object.entries(valid).find(([, v]) => Array.isArray(v) && v.length > 0 && typeof v[0] === 'object' && Object.values(v[0] as object).some((x) => typeof x === 'string'));
    if (nested) {
      const [field, list] = nested as [string, Record<string, unknown>[]];
      const [k, v] = Object.entries(list[0]!).find(([, x]) => typeof x === 'string')!;
      cases.push({ name: `a NUL character in ${field}.0.${k}`, body: { ...valid, [field]: [{ ...list[0], [k]: `\u0000${v as string}` }, ...list.slice(1)] }, status: 400, field: `${field}.0.${k}`, rule: 'must not contain a NUL character', only: true });
    }
  }
  return [...cases, ...(route.rules?.(f) ?? [])];
}

describe.each(testDatabases())('coaching bad input on $name', (target) => {
  const f = {} as Fixtures;
  const api = useApi(target, async ({ db, app }) => {
    f.tree = await createStateTree(db);
    f.system = await signIn(app, (await createSystemAdmin(db)).email, PASSWORD);
    f.school = f.tree.north.feederPatterns[0]!.schools[0]!;
    f.coach = await createPerson(db, { home: null, name: 'Bad Input Coach' });
    f.principal = await createPerson(db, { home: f.school, password: null });
    f.newcomer = await createPerson(db, { home: f.school, password: null });
    const e = await createEngagement(db, f.school, f.coach.id, { target: { leaderPersonId: f.principal.id }, startOn: dayFromToday(-60) });
    f.engagement = (await f.system.patch(`/api/coaching/engagements/${e.id}`, { version: 1, goals: 'Edited once' })).json().engagement;
    const contact = (await f.system.post(`/api/coaching/engagements/${e.id}/contacts`, { date: dayFromToday(-2), mode: 'call', durationMinutes: 20, topics: ['readiness-and-commitment'], nextSteps: [{ text: 'Send the agenda' }] })).json().contact;
    f.contact = (await f.system.patch(`/api/coaching/contacts/${contact.id}`, { version: 1, agreements: 'Edited once' })).json().contact;
    f.spareContact = await createContact(db, e.id, { date: dayFromToday(-3) });
    f.spareEngagement = await createEngagement(db, f.school, f.coach.id);
    f.usedEngagement = await createEngagement(db, f.school, f.coach.id);
    await createContact(db, f.usedEngagement.id);
    f.check = (await f.system.post('/api/coaching/facilitator-checks', { facilitatorPersonId: f.coach.id, unitId: f.school.id, checkedOn: chicagoToday(), answers: [{ itemKey: 'identify-administrative-lead', answer: 'yes' }] })).json();
    f.transfer = (await f.system.post(`/api/units/${f.school.id}/coaching/capacity-transfers`, { internalLeaderPersonId: f.principal.id, capacities: ['readiness-and-commitment'], plannedHandOverOn: dayFromToday(60) })).json();
    f.spareTransfer = (await f.system.post(`/api/units/${f.school.id}/coaching/capacity-transfers`, { internalLeaderPersonId: f.coach.id, capacities: ['celebrate-progress'], plannedHandOverOn: dayFromToday(60) })).json();
    expect(f.engagement.version).toBe(2);
    expect(f.contact.version).toBe(2);
    expect(f.check.version).toBe(1);
    expect(f.transfer.version).toBe(1);
  });

  it('covers exactly the routes listed in bad-input/coaching.ts', () => {
    expect(Object.keys(WRITE_ROUTES).sort()).toEqual([...coachingBadInput].sort());
    const writes = api.app.routeTable.filter((r) => r.method !== 'GET' && r.url.includes('coaching')).map((r) => `${r.method} ${r.url}`);
    expect(writes.sort()).toEqual([...coachingBadInput].sort());
  });

  it.each(Object.entries(WRITE_ROUTES))('%s refuses bad input with a 4xx problem naming the field and rule, and writes nothing', async (key, route) => {
    const method = key.split(' ')[0] as 'POST' | 'PATCH' | 'PUT' | 'DELETE';
    const cases = casesOf(route, f, key);
    expect(cases.length).toBeGreaterThan(3);
    for (const c of cases) {
      const before = await fingerprint(api.db);
      const res = c.raw
        ? await f.system.request({ method, url: c.url ?? route.url(f), body: c.raw.body, headers: { 'content-type': c.raw.contentType } })
        : await f.system.request({ method, url: c.url ?? route.url(f), body: c.body });
      const where = `${key} with ${c.name}`;
      expect(res.statusCode, `${where}: ${res.body}`).toBeLessThan(500);
      try {
        const problem = expectProblem(res, c.status, { field: c.field, rule: c.rule });
        if (c.only) for (const e of problem.errors ?? []) expect(e.field, `${where}: only ${c.field} is wrong`).toBe(c.field);
      } catch (e) {
        (e as Error).message = `${where}: ${(e as Error).message}`;
        throw e;
      }
      expect(await fingerprint(api.db), `${where} changed the database`).toEqual(before);
    }
  });

  it('refuses a NUL character in the coach search by name (it was a 500)', async () => {
    const res = await f.system.get(`/api/units/${f.school.id}/coaching/coach-candidates?q=${encodeURIComponent('Bad\u0000Input')}`);
    expectProblem(res, 400, { field: 'q', rule: 'must not contain a NUL character' });
    expectProblem(await f.system.get(`/api/units/${f.school.id}/coaching/engagements?x${encodeURIComponent('\u0000')}=1`), 400, { rule: 'NUL' });
  });

  it('still accepts the valid request each route’s cases were made from', async () => {
    for (const [key, route] of Object.entries(WRITE_ROUTES)) {
      const method = key.split(' ')[0] as 'POST' | 'PATCH' | 'PUT' | 'DELETE';
      const res = await f.system.request({ method, url: route.url(f), body: route.body?.(f) });
      expect(res.statusCode, `${key}: ${res.body}`).toBeLessThan(300);
    }
  });
});
