// Bad input on every write route: malformed or non-JSON bodies, wrong types, missing and unknown
// fields, over-long strings, bodies over the size limit, invalid ids in the address, and requests
// that break a rule (a cycle, a duplicate identifier, a stale version). Each must be a 4xx
// problem+json that names the field and the rule — never a 500 — and leave the database unchanged.
import { describe, expect, it } from 'vitest';
import { defaultRolloutSettings } from '@trellis/core';
import type { Grant, Meeting, MechanismDetail, Membership, Task, Unit } from '@trellis/core';
import { BODY_LIMIT } from '../src/app.js';
import { IMPORT_LIMIT, XLSX_TYPE } from '../src/services/resources/files.js';
import { anonymous, signIn, type Agent } from './support/agent.js';
import { useApi } from './support/api.js';
import { testDatabases } from './support/databases.js';
import { createMechanism, createPerson, createRolloutScenario, createStateTree, createSystemAdmin, createUnit, ncesIdFor, PASSWORD, type StateTree, type TestPerson } from './support/factories.js';
import { expectProblem, fingerprint } from './support/problems.js';
import { expectRefused, jsonCases, long, MISSING_ID, NOT_A_UUID, type BadCase } from './support/bad-input.js';
import { backupBadInput } from './bad-input/backup.js';
import { coachingBadInput } from './bad-input/coaching.js';
import { importBadInput } from './bad-input/imports.js';
import { planBadInput } from './bad-input/plans.js';
import { progressBadInput } from './bad-input/progress.js';

/** Write routes whose bad input a module's own test file covers. */
const COVERED_ELSEWHERE: string[] = [...planBadInput, ...importBadInput, ...backupBadInput, ...coachingBadInput, ...progressBadInput];

interface Fixtures {
  tree: StateTree;
  system: Agent;
  systemPerson: TestPerson;
  /** A school edited once (version 2), with an NCES id. */
  school: Unit;
  /** Another school, whose NCES id a duplicate tries to take. */
  otherSchool: Unit;
  /** A feeder pattern with the two schools in it. */
  feederPattern: Unit;
  /** A person edited once (version 2). */
  person: TestPerson;
  otherPerson: TestPerson;
  grant: Grant;
  /** A planning team at the school, edited once (version 2); `person` sits on it. */
  mechanism: MechanismDetail;
  /** Its first function and `person`'s membership (starting 2026-09-01). */
  fn: { id: string; version: number };
  member: Membership;
  /** A sunsetting mechanism and a retired one. */
  sunsetting: MechanismDetail;
  retiredId: string;
  department: Unit;
  /** A planning team at the state, for links; a formal meeting of the planning team, edited once; an action item of it. */
  upper: MechanismDetail;
  meeting: Meeting;
  task: Task;
  /** Two computed roll-out scenarios of the north district: one to change and adopt, one to delete. */
  scenario: { id: string; version: number };
  spareScenario: { id: string; version: number };
  /** Two resources of the school (one to change, one to delete) and a draft recommendation. */
  resource: { id: string; name: string; version: number };
  spareResource: { id: string };
  recommendation: { id: string; version: number };
  /** Two priority needs of the school: one to change, one to delete. */
  need: { id: string; version: number };
  spareNeed: { id: string };
}


interface WriteRoute {
  /** Who sends it: the system administrator (so access is never the reason), or nobody. */
  as: 'system' | 'nobody';
  url: (f: Fixtures) => string;
  /** A valid body; the bad cases are variations of it. Null for a route that takes no body. */
  body: ((f: Fixtures) => Record<string, unknown>) | null;
  required?: string[];
  /** [field, bad value, the rule the answer must state]. */
  invalid?: [string, unknown, string | RegExp][];
  /** Requests that are well-formed but break a rule of the domain. */
  rules?: (f: Fixtures) => BadCase[];
  /** A file route: the body is a CSV file, not JSON (and `body` is null). */
  file?: (f: Fixtures) => string;
}


const WRITE_ROUTES: Record<string, WriteRoute> = {
  'POST /api/auth/login': {
    as: 'nobody',
    url: () => '/api/auth/login',
    body: (f) => ({ email: f.systemPerson.email, password: PASSWORD }),
    required: ['email', 'password'],
    invalid: [
      ['email', 42, 'must be text'],
      ['email', '   ', 'must not be empty'],
      ['email', `${long(250)}@x.org`, 'at most 254 characters'],
      ['password', '', 'must not be empty'],
      ['password', long(201), 'at most 200 characters'],
      ['password', ['a'], 'must be text'],
    ],
  },
  'POST /api/auth/logout': { as: 'system', url: () => '/api/auth/logout', body: null },
  'POST /api/auth/password': {
    as: 'system',
    url: () => '/api/auth/password',
    body: () => ({ currentPassword: PASSWORD, newPassword: 'another long password' }),
    required: ['currentPassword', 'newPassword'],
    invalid: [
      ['newPassword', 'too short', 'at least 12 characters'],
      ['newPassword', long(201), 'at most 200 characters'],
      ['newPassword', 123456789012, 'must be text'],
      ['currentPassword', '', 'must not be empty'],
    ],
    rules: () => [{ name: 'a wrong current password', body: { currentPassword: 'not the password', newPassword: 'another long password' }, status: 409, field: 'currentPassword', rule: 'does not match' }],
  },
  'POST /api/units': {
    as: 'system',
    url: () => '/api/units',
    body: (f) => ({ kind: 'school', name: 'Valid School', parentId: f.feederPattern.id }),
    required: ['kind', 'name', 'parentId'],
    invalid: [
      ['kind', 'campus', 'must be one of state, region, district, feeder_pattern, school, department'],
      ['kind', 3, 'must be one of'],
      ['name', 42, 'must be text'],
      ['name', '   ', 'must not be empty'],
      ['name', long(201), 'must be at most 200 characters'],
      ['parentId', 'school-1', 'must be an id (a UUID)'],
      ['ncesId', '12-34', 'must be digits only'],
      ['ncesId', 123456789012, /expected string/],
      ['stateId', long(41), 'must be at most 40 characters'],
      ['gradeLow', 'K', 'must be one of PK, KG, 01'],
      ['enrollment', 'many', 'must be a whole number'],
      ['enrollment', 12.5, 'must be a whole number'],
      ['enrollment', -1, 'must not be negative'],
      ['enrollment', 1_000_001, 'must be at most 1,000,000'],
    ],
    rules: (f) => [
      { name: 'a school under the state', body: { kind: 'school', name: 'Misplaced', parentId: f.tree.state.id }, status: 400, field: 'parentId', rule: 'must be a feeder pattern or a district' },
      { name: 'a duplicate NCES id', body: { kind: 'school', name: 'Copycat', parentId: f.feederPattern.id, ncesId: f.otherSchool.ncesId }, status: 409, field: 'ncesId', rule: 'already used' },
      { name: 'an NCES id of the wrong length for the kind', body: { kind: 'school', name: 'Short Id', parentId: f.feederPattern.id, ncesId: '1234567' }, status: 400, field: 'ncesId', rule: 'must be 12 digits for a school' },
      { name: 'a grade span that runs backwards', body: { kind: 'school', name: 'Backwards', parentId: f.feederPattern.id, gradeLow: '09', gradeHigh: '06' }, status: 400, field: 'gradeHigh', rule: 'must not be below' },
      { name: 'only one end of the grade span', body: { kind: 'school', name: 'Half Span', parentId: f.feederPattern.id, gradeLow: '09' }, status: 400, field: 'gradeHigh', rule: 'give both' },
      { name: 'a parent that does not exist', body: { kind: 'school', name: 'Orphan', parentId: MISSING_ID }, status: 404, rule: 'unit was not found' },
    ],
  },
  'PATCH /api/units/:id': {
    as: 'system',
    url: (f) => `/api/units/${f.school.id}`,
    body: (f) => ({ version: f.school.version, name: 'Valid Rename' }),
    required: ['version'],
    invalid: [
      ['version', '2', 'must be a whole number: the version you loaded'],
      ['version', 0, 'must be 1 or more'],
      ['name', '', 'must not be empty'],
      ['name', long(201), 'must be at most 200 characters'],
      ['ncesId', 'abc', 'must be digits only'],
      ['enrollment', true, 'must be a whole number'],
    ],
    rules: (f) => [
      { name: 'a stale version', body: { version: f.school.version - 1, name: 'Lost Update' }, status: 409, field: 'version', rule: 'not the current version' },
      { name: 'a duplicate NCES id', body: { version: f.school.version, ncesId: f.otherSchool.ncesId }, status: 409, field: 'ncesId', rule: 'already used' },
      { name: 'a grade span that runs backwards with the stored low grade', body: { version: f.school.version, gradeHigh: 'PK' }, status: 400, field: 'gradeHigh' },
      { name: 'a unit that does not exist', url: `/api/units/${MISSING_ID}`, body: { version: 1, name: 'Ghost' }, status: 404 },
    ],
  },
  'POST /api/units/:id/move': {
    as: 'system',
    url: (f) => `/api/units/${f.feederPattern.id}/move`,
    body: (f) => ({ version: f.feederPattern.version, parentId: f.tree.south.unit.id }),
    required: ['version', 'parentId'],
    invalid: [
      ['parentId', 7, 'must be an id (a UUID)'],
      ['parentId', null, 'must be an id (a UUID)'],
      ['version', 1.5, 'must be a whole number'],
    ],
    rules: (f) => [
      { name: 'a move under itself', body: { version: f.feederPattern.version, parentId: f.feederPattern.id }, status: 409, field: 'parentId', rule: 'is the unit itself or inside it' },
      { name: 'a move that makes a cycle (under its own school)', body: { version: f.feederPattern.version, parentId: f.school.id }, status: 409, field: 'parentId', rule: 'is the unit itself or inside it' },
      { name: 'a move under a parent of the wrong kind', body: { version: f.feederPattern.version, parentId: f.tree.state.id }, status: 400, field: 'parentId', rule: 'must be a district' },
      { name: 'a stale version', body: { version: f.feederPattern.version + 5, parentId: f.tree.south.unit.id }, status: 409, field: 'version' },
      { name: 'a new parent that does not exist', body: { version: f.feederPattern.version, parentId: MISSING_ID }, status: 404 },
    ],
  },
  'POST /api/units/:id/archive': {
    as: 'system',
    url: (f) => `/api/units/${f.school.id}/archive`,
    body: (f) => ({ version: f.school.version, archived: true }),
    required: ['version', 'archived'],
    invalid: [
      ['archived', 'yes', 'must be true or false'],
      ['archived', 1, 'must be true or false'],
    ],
    rules: (f) => [
      { name: 'archiving a unit with active units under it', url: `/api/units/${f.feederPattern.id}/archive`, body: { version: f.feederPattern.version, archived: true }, status: 409, field: 'archived', rule: 'active units under it' },
      { name: 'a stale version', body: { version: 1, archived: true }, status: 409, field: 'version' },
    ],
  },
  'POST /api/people': {
    as: 'system',
    url: () => '/api/people',
    body: (f) => ({ name: 'Valid Person', email: 'valid.person@example.org', homeUnitId: f.school.id }),
    required: ['name', 'email', 'homeUnitId'],
    invalid: [
      ['name', '', 'must not be empty'],
      ['name', long(201), 'must be at most 200 characters'],
      ['email', 'not-an-email', 'must be an email address'],
      ['email', `${long(250)}@example.org`, 'must be at most 254 characters'],
      ['email', 5, 'must be text'],
      ['title', long(201), 'must be at most 200 characters'],
      ['homeUnitId', 'home', 'must be an id (a UUID)'],
      ['password', 'short', 'must be at least 12 characters'],
      ['password', long(201), 'must be at most 200 characters'],
    ],
    rules: (f) => [
      { name: 'an email someone already has (in another case)', body: { name: 'Copycat', email: f.otherPerson.email.toUpperCase(), homeUnitId: f.school.id }, status: 409, field: 'email', rule: 'already used' },
      { name: 'a home unit that does not exist', body: { name: 'Nowhere', email: 'nowhere@example.org', homeUnitId: MISSING_ID }, status: 404, rule: 'home unit' },
    ],
  },
  'PATCH /api/people/:id': {
    as: 'system',
    url: (f) => `/api/people/${f.person.id}`,
    body: (f) => ({ version: f.person.version, title: 'Valid Title' }),
    required: ['version'],
    invalid: [
      ['version', null, 'must be a whole number'],
      ['email', 'nope', 'must be an email address'],
      ['name', long(201), 'must be at most 200 characters'],
      ['homeUnitId', 5, 'must be an id (a UUID)'],
    ],
    rules: (f) => [
      { name: 'a stale version', body: { version: f.person.version - 1, title: 'Lost Update' }, status: 409, field: 'version', rule: 'not the current version' },
      { name: 'an email someone already has', body: { version: f.person.version, email: f.otherPerson.email }, status: 409, field: 'email', rule: 'already used' },
      { name: 'a person who does not exist', url: `/api/people/${MISSING_ID}`, body: { version: 1, title: 'Ghost' }, status: 404 },
    ],
  },
  'POST /api/people/:id/password': {
    as: 'system',
    url: (f) => `/api/people/${f.person.id}/password`,
    body: () => ({ password: 'a valid new password' }),
    required: ['password'],
    invalid: [
      ['password', 'short', 'must be at least 12 characters'],
      ['password', long(201), 'must be at most 200 characters'],
      ['password', { value: 'x' }, 'must be text'],
    ],
    rules: () => [{ name: 'a person who does not exist', url: `/api/people/${MISSING_ID}/password`, body: { password: 'a valid new password' }, status: 404 }],
  },
  'POST /api/grants': {
    as: 'system',
    url: () => '/api/grants',
    body: (f) => ({ personId: f.otherPerson.id, unitId: f.school.id, role: 'viewer' }),
    required: ['personId', 'unitId', 'role'],
    invalid: [
      ['role', 'owner', 'must be one of viewer, member, editor, leader, admin'],
      ['role', null, 'must be one of'],
      ['personId', 'someone', 'must be an id (a UUID)'],
      ['unitId', 12, 'must be an id (a UUID)'],
    ],
    rules: (f) => [
      { name: 'a second role for the same person at the same unit', body: { personId: f.person.id, unitId: f.school.id, role: 'member' }, status: 409, field: 'unitId', rule: 'already has a grant' },
      { name: 'a unit that does not exist', body: { personId: f.person.id, unitId: MISSING_ID, role: 'viewer' }, status: 404 },
    ],
  },
  'DELETE /api/grants/:id': {
    as: 'system',
    url: (f) => `/api/grants/${f.grant.id}`,
    body: null,
    rules: () => [{ name: 'a grant that does not exist', url: `/api/grants/${MISSING_ID}`, status: 404, rule: 'grant was not found' }],
  },
  'POST /api/mechanisms': {
    as: 'system',
    url: () => '/api/mechanisms',
    body: (f) => ({ unitId: f.feederPattern.id, kind: 'work_group' }),
    required: ['unitId', 'kind'],
    invalid: [
      ['kind', 'committee', 'must be one of superintendent_governing_body, transformation_leader'],
      ['unitId', 'school', 'must be an id (a UUID)'],
      ['name', '  ', 'must not be empty'],
      ['name', long(201), 'must be at most 200 characters'],
      ['charter', long(4001), 'must be at most 4,000 characters'],
      ['charter', 7, 'must be text'],
      ['startedOn', '09/01/2026', 'must be a date like 2026-09-01'],
    ],
    rules: (f) => [
      { name: 'a unit that does not exist', body: { unitId: MISSING_ID, kind: 'work_group' }, status: 404, rule: 'unit was not found' },
      { name: 'a department', body: { unitId: f.department.id, kind: 'work_group' }, status: 400, field: 'unitId', rule: 'must be a state, region, district, feeder pattern or school' },
    ],
  },
  'PATCH /api/mechanisms/:id': {
    as: 'system',
    url: (f) => `/api/mechanisms/${f.mechanism.id}`,
    body: (f) => ({ version: f.mechanism.version, name: 'Valid Mechanism Rename' }),
    required: ['version'],
    invalid: [
      ['version', '2', 'must be a whole number: the version you loaded'],
      ['name', '', 'must not be empty'],
      ['charter', long(4001), 'must be at most 4,000 characters'],
      ['startedOn', 'soon', 'must be a date like 2026-09-01'],
    ],
    rules: (f) => [
      { name: 'a stale version', body: { version: f.mechanism.version - 1, name: 'Lost Update' }, status: 409, field: 'version', rule: 'not the current version' },
      { name: 'a retired mechanism', url: `/api/mechanisms/${f.retiredId}`, body: { version: 1, name: 'Revived' }, status: 409, field: 'status', rule: 'is retired' },
      { name: 'a mechanism that does not exist', url: `/api/mechanisms/${MISSING_ID}`, body: { version: 1, name: 'Ghost' }, status: 404, rule: 'mechanism was not found' },
    ],
  },
  'POST /api/mechanisms/:id/status': {
    as: 'system',
    url: (f) => `/api/mechanisms/${f.mechanism.id}/status`,
    body: (f) => ({ version: f.mechanism.version, status: 'active' }),
    required: ['version', 'status'],
    invalid: [
      ['status', 'paused', 'must be one of forming, active, sunsetting, retired'],
      ['assimilatedInto', '', 'must not be empty'],
      ['on', '2026-13-01', 'must be a date like 2026-09-01'],
    ],
    rules: (f) => [
      { name: 'a stale version', body: { version: f.mechanism.version - 1, status: 'active' }, status: 409, field: 'version' },
      { name: 'an illegal transition (forming → sunsetting)', body: { version: f.mechanism.version, status: 'sunsetting' }, status: 409, field: 'status', rule: 'cannot change from forming to sunsetting' },
      { name: 'assimilatedInto when not retiring', body: { version: f.mechanism.version, status: 'active', assimilatedInto: 'Student Services' }, status: 400, field: 'assimilatedInto', rule: 'only given when retiring' },
      { name: 'retiring a sunsetting mechanism without assimilatedInto', url: `/api/mechanisms/${f.sunsetting.id}/status`, body: { version: f.sunsetting.version, status: 'retired' }, status: 400, field: 'assimilatedInto', rule: 'required' },
      { name: 'a retired mechanism back to active', url: `/api/mechanisms/${f.retiredId}/status`, body: { version: 1, status: 'active' }, status: 409, field: 'status', rule: 'retired' },
      { name: 'a mechanism that does not exist', url: `/api/mechanisms/${MISSING_ID}/status`, body: { version: 1, status: 'active' }, status: 404 },
    ],
  },
  'POST /api/mechanisms/:id/functions': {
    as: 'system',
    url: (f) => `/api/mechanisms/${f.mechanism.id}/functions`,
    body: () => ({ text: 'A valid function of our own' }),
    required: ['text'],
    invalid: [
      ['text', '   ', 'must not be empty'],
      ['text', long(2001), 'must be at most 2,000 characters'],
      ['text', 5, 'must be text'],
    ],
    rules: (f) => [
      { name: 'a retired mechanism', url: `/api/mechanisms/${f.retiredId}/functions`, body: { text: 'Too late' }, status: 409, field: 'status' },
      { name: 'a mechanism that does not exist', url: `/api/mechanisms/${MISSING_ID}/functions`, body: { text: 'Ghost' }, status: 404 },
    ],
  },
  'PATCH /api/mechanisms/:id/functions/:functionId': {
    as: 'system',
    url: (f) => `/api/mechanisms/${f.mechanism.id}/functions/${f.fn.id}`,
    body: (f) => ({ version: f.fn.version, text: 'A valid rewording' }),
    required: ['version'],
    invalid: [
      ['text', '', 'must not be empty'],
      ['droppedReason', '  ', 'say why the unit drops it'],
      ['droppedReason', 5, 'must be text'],
      ['version', -1, 'must be 1 or more'],
    ],
    rules: (f) => [
      { name: 'a stale version', body: { version: f.fn.version + 1, text: 'Lost Update' }, status: 409, field: 'version' },
      { name: 'nothing to change', body: { version: f.fn.version }, status: 400, field: 'text', rule: 'droppedReason to drop it' },
      { name: 'a function that does not exist', url: `/api/mechanisms/${f.mechanism.id}/functions/${MISSING_ID}`, body: { version: 1, text: 'Ghost' }, status: 404, rule: 'function was not found' },
      { name: 'a function of another mechanism', url: `/api/mechanisms/${f.sunsetting.id}/functions/${f.fn.id}`, body: { version: f.fn.version, text: 'Elsewhere' }, status: 404 },
    ],
  },
  'POST /api/mechanisms/:id/members': {
    as: 'system',
    url: (f) => `/api/mechanisms/${f.mechanism.id}/members`,
    body: (f) => ({ personId: f.otherPerson.id, role: 'member', designated: true, trained: false }),
    required: ['personId', 'role', 'designated', 'trained'],
    invalid: [
      ['role', 'chair', 'must be one of lead, member, champion, facilitator, external'],
      ['personId', 'someone', 'must be an id (a UUID)'],
      ['designated', 'yes', 'must be true or false'],
      ['trained', 1, 'must be true or false'],
      ['startOn', 'tomorrow', 'must be a date like 2026-09-01'],
    ],
    rules: (f) => [
      { name: 'a person already on it for these dates', body: { personId: f.person.id, role: 'lead', designated: true, trained: true }, status: 409, field: 'personId', rule: 'already a member' },
      { name: 'an end before the start', body: { personId: f.otherPerson.id, role: 'member', designated: true, trained: false, startOn: '2026-09-01', endOn: '2026-08-01' }, status: 400, field: 'endOn', rule: 'must not be before startOn' },
      { name: 'a person who does not exist', body: { personId: MISSING_ID, role: 'member', designated: true, trained: false }, status: 404, rule: 'person was not found' },
    ],
  },
  'PATCH /api/mechanisms/:id/members/:memberId': {
    as: 'system',
    url: (f) => `/api/mechanisms/${f.mechanism.id}/members/${f.member.id}`,
    body: (f) => ({ version: f.member.version, trained: true }),
    required: ['version'],
    invalid: [
      ['role', 'boss', 'must be one of lead, member'],
      ['endOn', 'never', 'must be a date like 2026-09-01'],
      ['trained', 'no', 'must be true or false'],
    ],
    rules: (f) => [
      { name: 'a stale version', body: { version: f.member.version + 1, trained: true }, status: 409, field: 'version' },
      { name: 'an end before the stored start', body: { version: f.member.version, endOn: '2026-08-01' }, status: 400, field: 'endOn', rule: 'must not be before startOn' },
      { name: 'a membership that does not exist', url: `/api/mechanisms/${f.mechanism.id}/members/${MISSING_ID}`, body: { version: 1, trained: true }, status: 404, rule: 'membership was not found' },
    ],
  },
  'DELETE /api/mechanisms/:id/members/:memberId': {
    as: 'system',
    url: (f) => `/api/mechanisms/${f.mechanism.id}/members/${f.member.id}`,
    body: null,
    rules: (f) => [
      { name: 'a membership that does not exist', url: `/api/mechanisms/${f.mechanism.id}/members/${MISSING_ID}`, status: 404, rule: 'membership was not found' },
      { name: 'a mechanism that does not exist', url: `/api/mechanisms/${MISSING_ID}/members/${f.member.id}`, status: 404, rule: 'mechanism was not found' },
    ],
  },
  'PUT /api/mechanisms/:id/functions/:functionId/capacity': {
    as: 'system',
    url: (f) => `/api/mechanisms/${f.mechanism.id}/functions/${f.fn.id}/capacity`,
    body: (f) => ({ version: f.fn.version, capacity: 'developing', evidence: 'Agreed at the October meeting.' }),
    required: ['version', 'capacity'],
    invalid: [
      ['capacity', 'done', 'must be one of not_started, developing, in_place'],
      ['evidence', long(4001), 'at most 4,000 characters'],
      ['evidence', 5, 'must be text'],
    ],
    rules: (f) => [
      { name: 'a stale version', body: { version: f.fn.version + 3, capacity: 'in_place' }, status: 409, field: 'version' },
      { name: 'a function that does not exist', url: `/api/mechanisms/${f.mechanism.id}/functions/${MISSING_ID}/capacity`, body: { version: 1, capacity: 'in_place' }, status: 404, rule: 'function was not found' },
      { name: 'a retired mechanism', url: `/api/mechanisms/${f.retiredId}/functions/${f.fn.id}/capacity`, body: { version: 1, capacity: 'in_place' }, status: 404 },
    ],
  },
  'PUT /api/mechanisms/:id/upper': {
    as: 'system',
    url: (f) => `/api/mechanisms/${f.mechanism.id}/upper`,
    body: (f) => ({ version: f.mechanism.version, upperMechanismId: f.upper.id }),
    required: ['version', 'upperMechanismId'],
    invalid: [
      ['upperMechanismId', 'district', 'must be an id (a UUID)'],
      ['version', 0, 'must be 1 or more'],
    ],
    rules: (f) => [
      { name: 'a link to itself', body: { version: f.mechanism.version, upperMechanismId: f.mechanism.id }, status: 400, field: 'upperMechanismId', rule: 'must be another mechanism' },
      { name: 'a link sideways, to a mechanism at the same unit', body: { version: f.mechanism.version, upperMechanismId: f.sunsetting.id }, status: 400, field: 'upperMechanismId', rule: 'must be a mechanism at a unit above' },
      { name: 'a link down, from the state to the school', url: `/api/mechanisms/${f.upper.id}/upper`, body: { version: f.upper.version, upperMechanismId: f.mechanism.id }, status: 400, field: 'upperMechanismId', rule: 'must be a mechanism at a unit above' },
      { name: 'a mechanism to link to that does not exist', body: { version: f.mechanism.version, upperMechanismId: MISSING_ID }, status: 404, rule: 'mechanism to link to was not found' },
      { name: 'a stale version', body: { version: f.mechanism.version + 1, upperMechanismId: f.upper.id }, status: 409, field: 'version' },
      { name: 'a retired mechanism', url: `/api/mechanisms/${f.retiredId}/upper`, body: { version: 1, upperMechanismId: f.upper.id }, status: 409, field: 'status' },
    ],
  },
  'POST /api/mechanisms/:id/meetings': {
    as: 'system',
    url: (f) => `/api/mechanisms/${f.mechanism.id}/meetings`,
    body: (f) => ({ heldOn: '2026-11-09', kind: 'formal', attendeeIds: [f.person.id], agenda: 'Draft the plan' }),
    required: ['heldOn', 'kind'],
    invalid: [
      ['heldOn', 'last Monday', 'must be a date like 2026-09-01'],
      ['heldOn', '2026-02-30', 'must be a date like 2026-09-01'],
      ['kind', 'lunch', 'must be one of formal, informal, focus_group'],
      ['attendeeIds', 'everyone', 'must be a list of person ids'],
      ['minutes', long(50_001), 'at most 50,000 characters'],
      ['agenda', 12, 'must be text'],
    ],
    rules: (f) => [
      { name: 'an attendee id that is not a UUID', body: { heldOn: '2026-11-09', kind: 'formal', attendeeIds: ['someone'] }, status: 400, field: 'attendeeIds.0', rule: 'must be an id (a UUID)', only: true },
      { name: 'an attendee listed twice', body: { heldOn: '2026-11-09', kind: 'formal', attendeeIds: [f.person.id, f.person.id] }, status: 400, field: 'attendeeIds', rule: 'must not list a person twice' },
      { name: 'an attendee who does not exist', body: { heldOn: '2026-11-09', kind: 'formal', attendeeIds: [MISSING_ID] }, status: 400, field: 'attendeeIds', rule: 'not a person you can see' },
      { name: 'a retired mechanism', url: `/api/mechanisms/${f.retiredId}/meetings`, body: { heldOn: '2026-11-09', kind: 'formal' }, status: 409, field: 'status' },
      { name: 'a mechanism that does not exist', url: `/api/mechanisms/${MISSING_ID}/meetings`, body: { heldOn: '2026-11-09', kind: 'formal' }, status: 404 },
    ],
  },
  'PATCH /api/mechanisms/:id/meetings/:meetingId': {
    as: 'system',
    url: (f) => `/api/mechanisms/${f.mechanism.id}/meetings/${f.meeting.id}`,
    body: (f) => ({ version: f.meeting.version, decisions: 'Adopt the outline.' }),
    required: ['version'],
    invalid: [
      ['kind', 'party', 'must be one of formal'],
      ['heldOn', 20261101, 'must be a date like 2026-09-01'],
      ['decisions', long(10_001), 'at most 10,000 characters'],
    ],
    rules: (f) => [
      { name: 'a stale version', body: { version: f.meeting.version - 1, decisions: 'Lost update' }, status: 409, field: 'version' },
      { name: 'a meeting of another mechanism', url: `/api/mechanisms/${f.sunsetting.id}/meetings/${f.meeting.id}`, body: { version: f.meeting.version, decisions: 'Elsewhere' }, status: 404, rule: 'meeting was not found' },
      { name: 'an attendee who does not exist', body: { version: f.meeting.version, attendeeIds: [MISSING_ID] }, status: 400, field: 'attendeeIds', rule: 'not a person you can see' },
    ],
  },
  'POST /api/mechanisms/:id/meetings/:meetingId/action-items': {
    as: 'system',
    url: (f) => `/api/mechanisms/${f.mechanism.id}/meetings/${f.meeting.id}/action-items`,
    body: (f) => ({ title: 'Share the draft with the principals', ownerPersonId: f.person.id, dueOn: '2026-12-01' }),
    required: ['title'],
    invalid: [
      ['title', '  ', 'must not be empty'],
      ['title', long(301), 'at most 300 characters'],
      ['dueOn', 'soon', 'must be a date like 2026-09-01'],
      ['ownerPersonId', 'me', 'must be an id (a UUID)'],
    ],
    rules: (f) => [
      { name: 'an owner who does not exist', body: { title: 'Orphan', ownerPersonId: MISSING_ID }, status: 400, field: 'ownerPersonId', rule: 'not a person you can see' },
      { name: 'a meeting that does not exist', url: `/api/mechanisms/${f.mechanism.id}/meetings/${MISSING_ID}/action-items`, body: { title: 'Ghost' }, status: 404, rule: 'meeting was not found' },
    ],
  },
  'PATCH /api/tasks/:id': {
    as: 'system',
    url: (f) => `/api/tasks/${f.task.id}`,
    body: (f) => ({ version: f.task.version, status: 'under_way' }),
    required: ['version'],
    invalid: [
      ['status', 'finished', 'must be one of not_started, under_way, done, blocked'],
      ['dueOn', '12/01/2026', 'must be a date like 2026-09-01'],
      ['title', '', 'must not be empty'],
    ],
    rules: (f) => [
      { name: 'blocked without a reason', body: { version: f.task.version, status: 'blocked' }, status: 400, field: 'blockedReason', rule: 'is required when a task is blocked' },
      { name: 'a reason on a task that is not blocked', body: { version: f.task.version, blockedReason: 'Waiting on the board' }, status: 400, field: 'blockedReason', rule: 'only given when a task is blocked' },
      { name: 'an owner who does not exist', body: { version: f.task.version, ownerPersonId: MISSING_ID }, status: 400, field: 'ownerPersonId', rule: 'not a person you can see' },
      { name: 'a stale version', body: { version: f.task.version + 1, status: 'done' }, status: 409, field: 'version' },
      { name: 'a task that does not exist', url: `/api/tasks/${MISSING_ID}`, body: { version: 1, status: 'done' }, status: 404, rule: 'task was not found' },
    ],
  },
  'POST /api/rollout-scenarios': {
    as: 'system',
    url: () => '/api/rollout-scenarios',
    body: (f) => ({ unitId: f.tree.north.unit.id, name: 'Valid roll-out', settings: defaultRolloutSettings('2026-11-23') }),
    required: ['unitId', 'name', 'settings'],
    invalid: [
      ['name', '', 'must not be empty'],
      ['name', long(201), 'at most 200 characters'],
      ['unitId', 'north', 'must be an id (a UUID)'],
    ],
    rules: (f) => {
      const valid = defaultRolloutSettings('2026-11-23');
      const body = (settings: unknown) => ({ unitId: f.tree.north.unit.id, name: 'Bad roll-out', settings });
      return [
        { name: 'a start month that is not a month', body: body({ ...valid, startMonth: '2027-13' }), status: 400, field: 'settings.startMonth', rule: 'must be a month like 2027-09' },
        { name: 'no phases', body: body({ ...valid, phases: [] }), status: 400, field: 'settings.phases', rule: 'at least one phase' },
        { name: 'a phase of 0 months', body: body({ ...valid, phases: [{ ...valid.phases[0], months: 0 }] }), status: 400, field: 'settings.phases.0.months', rule: 'at least 1 month' },
        { name: 'a load that is not a hundredth', body: body({ ...valid, phases: [{ ...valid.phases[0], load: 0.333 }] }), status: 400, field: 'settings.phases.0.load', rule: 'multiple of 0.01' },
        { name: 'every month a blackout', body: body({ ...valid, blackoutMonths: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] }), status: 400, field: 'settings.blackoutMonths', rule: 'at least one working month' },
        { name: 'blackout month 13', body: body({ ...valid, blackoutMonths: [13] }), status: 400, field: 'settings.blackoutMonths.0', rule: 'from 1 to 12' },
        { name: 'a cadre of none', body: body({ ...valid, cadre: { count: 0, capacity: 3 } }), status: 400, field: 'settings.cadre.count', rule: 'at least 1 facilitator' },
        { name: 'an unknown field in the settings', body: body({ ...valid, speed: 'fast' }), status: 400, field: 'settings.speed', rule: 'is not a field this accepts' },
        { name: 'a school, not a district', body: { unitId: f.school.id, name: 'School roll-out', settings: valid }, status: 400, field: 'unitId', rule: 'must be a district, region or state' },
        { name: 'a unit that does not exist', body: { unitId: MISSING_ID, name: 'Ghost roll-out', settings: valid }, status: 404, rule: 'unit was not found' },
      ];
    },
  },
  'PATCH /api/rollout-scenarios/:id': {
    as: 'system',
    url: (f) => `/api/rollout-scenarios/${f.scenario.id}`,
    body: (f) => ({ version: f.scenario.version, name: 'Renamed roll-out' }),
    required: ['version'],
    invalid: [
      ['name', '  ', 'must not be empty'],
      ['settings', 'faster', /expected object|must be/],
    ],
    rules: (f) => [
      { name: 'a stale version', body: { version: f.scenario.version + 1, name: 'Lost update' }, status: 409, field: 'version' },
      { name: 'a scenario that does not exist', url: `/api/rollout-scenarios/${MISSING_ID}`, body: { version: 1, name: 'Ghost' }, status: 404, rule: 'scenario was not found' },
    ],
  },
  'DELETE /api/rollout-scenarios/:id': {
    as: 'system',
    url: (f) => `/api/rollout-scenarios/${f.spareScenario.id}`,
    body: null,
    rules: () => [{ name: 'a scenario that does not exist', url: `/api/rollout-scenarios/${MISSING_ID}`, status: 404, rule: 'scenario was not found' }],
  },
  'POST /api/rollout-scenarios/:id/adopt': {
    as: 'system',
    url: (f) => `/api/rollout-scenarios/${f.scenario.id}/adopt`,
    body: (f) => ({ version: f.scenario.version }),
    required: ['version'],
    invalid: [['version', 'latest', 'must be a whole number']],
    rules: (f) => [
      { name: 'a stale version', body: { version: f.scenario.version + 1 }, status: 409, field: 'version' },
      { name: 'a scenario that does not exist', url: `/api/rollout-scenarios/${MISSING_ID}/adopt`, body: { version: 1 }, status: 404, rule: 'scenario was not found' },
    ],
  },
  'POST /api/resources': {
    as: 'system',
    url: () => '/api/resources',
    body: (f) => ({ unitId: f.school.id, name: 'Valid mentoring', kind: 'program', providerType: 'school', cells: ['transitions:prevention'], coordinated: true }),
    required: ['unitId', 'name', 'kind', 'providerType', 'cells', 'coordinated'],
    invalid: [
      ['kind', 'club', 'must be one of program, service, initiative, staff_role'],
      ['cells', [], 'at least one cell'],
      ['annualCost', -5, 'must not be negative'],
      ['populationServed', 2.5, 'whole number'],
      ['fundingEndsOn', '30/06/2027', 'must be a date like 2026-09-01'],
      ['coordinated', 'yes', 'must be true or false'],
    ],
    rules: (f) => [
      { name: 'a cell that is not arena:level', body: { unitId: f.school.id, name: 'Bad cell', kind: 'program', providerType: 'school', cells: ['transitions'], coordinated: false }, status: 400, field: 'cells.0', rule: 'must be a cell key' },
      { name: 'a cell the framework does not have', body: { unitId: f.school.id, name: 'Nowhere', kind: 'program', providerType: 'school', cells: ['after-school:prevention'], coordinated: false }, status: 400, field: 'cells.0' },
      { name: 'a community agency without its name', body: { unitId: f.school.id, name: 'Unnamed partner', kind: 'service', providerType: 'community_agency', cells: ['transitions:prevention'], coordinated: false }, status: 400, field: 'partnerName', rule: 'community agency' },
      { name: 'a resource the unit already maps', body: { unitId: f.school.id, name: f.resource.name, kind: 'program', providerType: 'school', cells: ['transitions:prevention'], coordinated: false }, status: 409, field: 'name', rule: 'already mapped' },
      { name: 'a unit that does not exist', body: { unitId: MISSING_ID, name: 'Ghost', kind: 'program', providerType: 'school', cells: ['transitions:prevention'], coordinated: false }, status: 404 },
    ],
  },
  'PATCH /api/resources/:id': {
    as: 'system',
    url: (f) => `/api/resources/${f.resource.id}`,
    body: (f) => ({ version: f.resource.version, coordinated: true }),
    required: ['version'],
    invalid: [
      ['staffFte', 'one', 'must be a number'],
    ],
    rules: (f) => [
      { name: 'a stale version', body: { version: f.resource.version + 1, coordinated: true }, status: 409, field: 'version' },
      { name: 'a community agency without its name', body: { version: f.resource.version, providerType: 'community_agency' }, status: 400, field: 'partnerName' },
      { name: 'a purpose tag that is not words', body: { version: f.resource.version, purposeTags: ['Peer Mentoring!'] }, status: 400, field: 'purposeTags.0', rule: 'must be words' },
      { name: 'a resource that does not exist', url: `/api/resources/${MISSING_ID}`, body: { version: 1, coordinated: true }, status: 404, rule: 'resource was not found' },
    ],
  },
  'POST /api/units/:id/resources/import/preview': {
    as: 'system',
    url: (f) => `/api/units/${f.school.id}/resources/import/preview`,
    body: null,
    file: () => 'Name,Kind,Provider type,Cells\nValid import,program,school,transitions:prevention\n',
    rules: () => [{ name: 'a unit that does not exist', url: `/api/units/${MISSING_ID}/resources/import/preview`, raw: { body: 'Name\nA\n', contentType: 'text/csv' }, status: 404 }],
  },
  'POST /api/units/:id/resources/import': {
    as: 'system',
    url: (f) => `/api/units/${f.school.id}/resources/import`,
    body: null,
    file: () => 'Name,Kind,Provider type,Cells\nValid import,program,school,transitions:prevention\n',
    rules: () => [
      { name: 'a row with a problem (nothing is imported)', raw: { body: 'Name,Kind,Provider type,Cells\nGood row,program,school,transitions:prevention\nBad row,program,school,nowhere:prevention\n', contentType: 'text/csv' }, status: 400, field: 'row 3, Cells' },
      { name: 'a file without the required columns', raw: { body: 'Name,Description\nA,B\n', contentType: 'text/csv' }, status: 400, field: 'row 1, Kind' },
      { name: 'a unit that does not exist', url: `/api/units/${MISSING_ID}/resources/import`, raw: { body: 'Name\nA\n', contentType: 'text/csv' }, status: 404 },
    ],
  },
  'POST /api/resource-snapshots': {
    as: 'system',
    url: () => '/api/resource-snapshots',
    body: (f) => ({ unitId: f.school.id, asOf: '2026-11-23' }),
    required: ['unitId', 'asOf'],
    invalid: [
      ['asOf', 'today', 'must be a date like 2026-09-01'],
      ['title', '', 'must not be empty'],
    ],
    rules: () => [{ name: 'a unit that does not exist', body: { unitId: MISSING_ID, asOf: '2026-11-23' }, status: 404 }],
  },
  'POST /api/resource-recommendations': {
    as: 'system',
    url: () => '/api/resource-recommendations',
    body: (f) => ({ unitId: f.school.id, type: 'unify', title: 'One mentoring program', rationale: 'Two programs serve the same students.' }),
    required: ['unitId', 'type', 'title', 'rationale'],
    invalid: [
      ['type', 'merge', 'must be one of unify'],
      ['status', 'done', 'must be one of draft'],
    ],
    rules: (f) => [
      { name: 'plan tasks on a draft', body: { unitId: f.school.id, type: 'unify', title: 'T', rationale: 'R', planTaskIds: [MISSING_ID] }, status: 400, field: 'planTaskIds', rule: 'accepted' },
      { name: 'a finding without its code and explanation', body: { unitId: f.school.id, type: 'unify', title: 'T', rationale: 'R', findings: [{ key: 'x' }] }, status: 400, field: 'findings.0.code', rule: 'is required' },
      { name: 'a unit that does not exist', body: { unitId: MISSING_ID, type: 'unify', title: 'T', rationale: 'R' }, status: 404 },
    ],
  },
  'PATCH /api/resource-recommendations/:id': {
    as: 'system',
    url: (f) => `/api/resource-recommendations/${f.recommendation.id}`,
    body: (f) => ({ version: f.recommendation.version, title: 'Renamed recommendation' }),
    required: ['version'],
    invalid: [['status', 'maybe', 'must be one of draft']],
    rules: (f) => [
      { name: 'plan tasks on a draft', body: { version: f.recommendation.version, planTaskIds: [MISSING_ID] }, status: 400, field: 'planTaskIds', rule: 'accepted' },
      { name: 'a stale version', body: { version: f.recommendation.version + 1, title: 'Lost' }, status: 409, field: 'version' },
      { name: 'a recommendation that does not exist', url: `/api/resource-recommendations/${MISSING_ID}`, body: { version: 1, title: 'Ghost' }, status: 404 },
    ],
  },
  'POST /api/resource-priority-needs': {
    as: 'system',
    url: () => '/api/resource-priority-needs',
    body: (f) => ({ unitId: f.school.id, rank: 1, title: 'Attendance', rationale: 'Chronic absence is rising.', cells: ['student-family-assistance:early-intervention'] }),
    required: ['unitId', 'rank', 'title', 'rationale'],
    invalid: [
      ['rank', 0, 'must be 1 or more'],
      ['rank', 1.5, 'whole number'],
      ['title', '', 'must not be empty'],
      ['rationale', long(4001), 'at most 4,000 characters'],
    ],
    rules: (f) => [
      { name: 'a cell the framework does not have', body: { unitId: f.school.id, rank: 1, title: 'T', rationale: 'R', cells: ['after-school:prevention'] }, status: 400, field: 'cells.0', rule: 'not a cell of the framework' },
      { name: 'a unit that does not exist', body: { unitId: MISSING_ID, rank: 1, title: 'T', rationale: 'R' }, status: 404 },
    ],
  },
  'PATCH /api/resource-priority-needs/:id': {
    as: 'system',
    url: (f) => `/api/resource-priority-needs/${f.need.id}`,
    body: (f) => ({ version: f.need.version, rank: 2 }),
    required: ['version'],
    invalid: [['rank', -1, 'must be 1 or more']],
    rules: (f) => [
      { name: 'a stale version', body: { version: f.need.version + 1, rank: 3 }, status: 409, field: 'version' },
      { name: 'a priority need that does not exist', url: `/api/resource-priority-needs/${MISSING_ID}`, body: { version: 1, rank: 3 }, status: 404, rule: 'priority need was not found' },
    ],
  },
  'DELETE /api/resource-priority-needs/:id': {
    as: 'system',
    url: (f) => `/api/resource-priority-needs/${f.spareNeed.id}`,
    body: null,
    rules: () => [{ name: 'a priority need that does not exist', url: `/api/resource-priority-needs/${MISSING_ID}`, status: 404 }],
  },
  'DELETE /api/resources/:id': {
    as: 'system',
    url: (f) => `/api/resources/${f.spareResource.id}`,
    body: null,
    rules: () => [{ name: 'a resource that does not exist', url: `/api/resources/${MISSING_ID}`, status: 404, rule: 'resource was not found' }],
  },
  'DELETE /api/mechanisms/:id/meetings/:meetingId': {
    as: 'system',
    url: (f) => `/api/mechanisms/${f.mechanism.id}/meetings/${f.meeting.id}`,
    body: null,
    rules: (f) => [
      { name: 'a meeting that does not exist', url: `/api/mechanisms/${f.mechanism.id}/meetings/${MISSING_ID}`, status: 404, rule: 'meeting was not found' },
      { name: 'a meeting of another mechanism', url: `/api/mechanisms/${f.sunsetting.id}/meetings/${f.meeting.id}`, status: 404, rule: 'meeting was not found' },
    ],
  },
};

/** The generic cases every write route gets, plus its own. */
function casesOf(route: WriteRoute, f: Fixtures, key: string): BadCase[] {
  const cases: BadCase[] = [];
  if (route.file) {
    const csv = route.file(f);
    cases.push({ name: 'an empty file', raw: { body: '', contentType: 'text/csv' }, status: 400, field: 'file', rule: 'is empty' });
    cases.push({ name: 'JSON instead of a file', raw: { body: '{"name": "x"}', contentType: 'application/json' }, status: 415, rule: 'text/csv' });
    cases.push({ name: 'a form instead of a file', raw: { body: 'name=Form', contentType: 'application/x-www-form-urlencoded' }, status: 415 });
    cases.push({ name: 'a file over the size limit', raw: { body: csv + 'x'.repeat(IMPORT_LIMIT), contentType: 'text/csv' }, status: 413, rule: 'larger than this server accepts' });
    cases.push({ name: 'an .xlsx that is not a workbook', raw: { body: 'plain text', contentType: XLSX_TYPE }, status: 400, field: 'file', rule: 'xlsx' });
    cases.push({ name: 'an id in the address that is not a UUID', url: route.url(f).replace(/[0-9a-f-]{36}/, NOT_A_UUID), raw: { body: csv, contentType: 'text/csv' }, status: 400, field: 'id', rule: 'must be an id (a UUID)' });
    return [...cases, ...(route.rules?.(f) ?? [])];
  }
  cases.push(...jsonCases({ url: route.url(f), valid: route.body?.(f) ?? null, hasId: key.includes(':id'), required: route.required, invalid: route.invalid }));
  return [...cases, ...(route.rules?.(f) ?? [])];
}

describe.each(testDatabases())('bad input on $name', (target) => {
  const f = {} as Fixtures;
  const api = useApi(target, async ({ db, app }) => {
    f.tree = await createStateTree(db);
    f.systemPerson = await createSystemAdmin(db);
    f.system = await signIn(app, f.systemPerson.email, PASSWORD);
    f.feederPattern = f.tree.north.feederPatterns[0]!.unit;
    const school = await createUnit(db, 'school', f.feederPattern, { ncesId: ncesIdFor('school'), gradeLow: 'KG', gradeHigh: '05' });
    f.school = (await f.system.patch(`/api/units/${school.id}`, { version: 1, name: 'Edited Once Elementary' })).json() as Unit;
    f.otherSchool = await createUnit(db, 'school', f.feederPattern, { ncesId: ncesIdFor('school') });
    const person = await createPerson(db, { home: f.school });
    f.person = { ...person, ...((await f.system.patch(`/api/people/${person.id}`, { version: 1, title: 'Edited Once' })).json() as object) } as TestPerson;
    f.otherPerson = await createPerson(db, { home: f.school });
    f.grant = (await f.system.post('/api/grants', { personId: f.person.id, unitId: f.school.id, role: 'viewer' })).json() as Grant;
    const mechanism = (await f.system.post('/api/mechanisms', { unitId: f.school.id, kind: 'planning_team' })).json() as MechanismDetail;
    f.mechanism = (await f.system.patch(`/api/mechanisms/${mechanism.id}`, { version: 1, name: 'Edited Once Planning Team' })).json() as MechanismDetail;
    f.fn = f.mechanism.functions[0]!;
    f.member = (await f.system.post(`/api/mechanisms/${mechanism.id}/members`, { personId: f.person.id, role: 'lead', designated: true, trained: false, startOn: '2026-09-01' })).json() as Membership;
    const sunsetting = (await f.system.post('/api/mechanisms', { unitId: f.school.id, kind: 'change_team' })).json() as MechanismDetail;
    await f.system.post(`/api/mechanisms/${sunsetting.id}/status`, { version: 1, status: 'active' });
    f.sunsetting = (await f.system.post(`/api/mechanisms/${sunsetting.id}/status`, { version: 2, status: 'sunsetting' })).json() as MechanismDetail;
    const retired = await createMechanism(db, f.school, 'work_group');
    await db.query(`update mechanisms set status = 'retired' where id = $1`, [retired.id]);
    f.retiredId = retired.id;
    f.department = await createUnit(db, 'department', f.tree.state);
    // At the state: the move cases take the school's feeder pattern to another district.
    f.upper = (await f.system.post('/api/mechanisms', { unitId: f.tree.state.id, kind: 'planning_team' })).json() as MechanismDetail;
    const meeting = (await f.system.post(`/api/mechanisms/${f.mechanism.id}/meetings`, { heldOn: '2026-11-02', kind: 'formal' })).json() as Meeting;
    f.meeting = (await f.system.patch(`/api/mechanisms/${f.mechanism.id}/meetings/${meeting.id}`, { version: 1, agenda: 'Edited once' })).json() as Meeting;
    f.task = (await f.system.post(`/api/mechanisms/${f.mechanism.id}/meetings/${meeting.id}/action-items`, { title: 'Circulate the minutes' })).json() as Task;
    expect(f.meeting.version).toBe(2);
    f.scenario = await createRolloutScenario(db, f.tree.north.unit);
    f.spareScenario = await createRolloutScenario(db, f.tree.north.unit);
    const resource = (body: Record<string, unknown>) => f.system.post('/api/resources', { unitId: f.school.id, kind: 'program', providerType: 'school', cells: ['transitions:prevention'], coordinated: false, ...body });
    f.resource = (await resource({ name: 'Summer bridge' })).json();
    f.spareResource = (await resource({ name: 'Spare program' })).json();
    f.recommendation = (await f.system.post('/api/resource-recommendations', { unitId: f.school.id, type: 'unify', title: 'One bridge', rationale: 'Two bridges.' })).json();
    expect(f.resource.version).toBe(1);
    f.need = (await f.system.post('/api/resource-priority-needs', { unitId: f.school.id, rank: 1, title: 'Attendance', rationale: 'Rising absence.' })).json();
    f.spareNeed = (await f.system.post('/api/resource-priority-needs', { unitId: f.school.id, rank: 2, title: 'Spare', rationale: 'To delete.' })).json();
    expect(f.need.version).toBe(1);
    expect(f.school.version).toBe(2);
    expect(f.person.version).toBe(2);
    expect(f.mechanism.version).toBe(2);
    expect(f.sunsetting.status).toBe('sunsetting');
  });

  it('has bad-input cases for every write route in the route table', () => {
    const writes = api.app.routeTable.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.url}`);
    // A module may test its write routes' bad input in a file of its own (<module>-bad-input.test.ts)
    // and list the routes it covers in bad-input/<module>.ts.
    const covered = new Set([...Object.keys(WRITE_ROUTES), ...COVERED_ELSEWHERE]);
    expect(writes.filter((k) => !covered.has(k))).toEqual([]);
    expect([...covered].filter((k) => !writes.includes(k))).toEqual([]);
  });

  // The cases need the fixtures' ids, so each route is one test that runs all of its cases.
  it.each(Object.entries(WRITE_ROUTES))('%s refuses bad input with a 4xx problem naming the field and rule, and writes nothing', async (key, route) => {
    const method = key.split(' ')[0] as 'POST' | 'PATCH' | 'PUT' | 'DELETE';
    const agent = route.as === 'system' ? f.system : anonymous(api.app);
    const cases = casesOf(route, f, key);
    expect(cases.length).toBeGreaterThan(3);
    await expectRefused(api.db, agent, method, route.url(f), cases, key);
  });

  it('still accepts the valid request each route’s cases were made from', async () => {
    // Proof that the cases fail for the reason they name: the unchanged body goes through.
    const refresh = async () => {
      for (const unit of ['school', 'feederPattern'] as const) f[unit] = (await f.system.get(`/api/units/${f[unit].id}`)).json() as Unit;
      f.person = { ...f.person, version: (await f.system.get(`/api/people/${f.person.id}`)).json().version };
      f.mechanism = (await f.system.get(`/api/mechanisms/${f.mechanism.id}`)).json() as MechanismDetail;
      f.fn = f.mechanism.functions.find((x) => x.id === f.fn.id)!;
      f.member = f.mechanism.members.find((x) => x.id === f.member.id) ?? f.member;
      f.meeting = ((await f.system.get(`/api/mechanisms/${f.mechanism.id}/meetings`)).json() as Meeting[]).find((x) => x.id === f.meeting.id) ?? f.meeting;
      f.task = ((await f.system.get(`/api/mechanisms/${f.mechanism.id}/tasks`)).json() as Task[]).find((x) => x.id === f.task.id) ?? f.task;
      f.scenario = { id: f.scenario.id, version: (await f.system.get(`/api/rollout-scenarios/${f.scenario.id}`)).json().version };
      f.resource = (await f.system.get(`/api/resources/${f.resource.id}`)).json();
      f.need = ((await f.system.get(`/api/units/${f.school.id}/resource-priority-needs`)).json() as { id: string; version: number }[]).find((n) => n.id === f.need.id)!;
      f.recommendation = ((await f.system.get(`/api/units/${f.school.id}/resource-recommendations`)).json() as { id: string; version: number }[]).find((r) => r.id === f.recommendation.id)!;
    };
    for (const [key, route] of Object.entries(WRITE_ROUTES)) {
      await refresh();
      if (key === 'POST /api/auth/logout') continue; // would end the session the other checks use; auth.test.ts covers it
      const method = key.split(' ')[0] as 'POST' | 'PATCH' | 'PUT' | 'DELETE';
      const agent = route.as === 'system' ? f.system : anonymous(api.app);
      const res = route.file
        ? await agent.request({ method, url: route.url(f), body: route.file(f), headers: { 'content-type': 'text/csv' } })
        : await agent.request({ method, url: route.url(f), body: route.body?.(f) });
      expect(res.statusCode, `${key}: ${res.body}`).toBeLessThan(300);
    }
  });
});
