import { describe, expect, it } from 'vitest';
import {
  ACTIONS,
  compositionWarnings,
  DATA_TITLE_PATTERN,
  functionDepartures,
  INSTRUCTION_TITLE_PATTERN,
  isActiveMembership,
  MechanismCreate,
  MechanismFunctionUpdate,
  MechanismStatusChange,
  MembershipCreate,
  MembershipUpdate,
  mechanismKindEntry,
  type CompositionMember,
  type MembershipRole,
} from '../src/index.js';

const ID = '6f1c2a4e-8b7d-4c3e-9a1f-2b3c4d5e6f70';
const ON = '2026-11-23';

let seq = 0;
const member = (role: MembershipRole = 'member', extra: Partial<CompositionMember> = {}): CompositionMember => ({
  personId: `p${++seq}`,
  title: null,
  role,
  designated: true,
  trained: true,
  startOn: null,
  endOn: null,
  ...extra,
});
const codes = (w: { code: string }[]) => w.map((x) => x.code).sort();
const leaders = () => [member('lead', { title: 'Director of Curriculum and Instruction' }), member('member', { title: 'Assessment & Accountability Director' })];

describe('mechanism schemas', () => {
  it('accept a minimal establish request and refuse unknown kinds and fields', () => {
    expect(MechanismCreate.parse({ unitId: ID, kind: 'steering_body' })).toEqual({ unitId: ID, kind: 'steering_body' });
    expect(MechanismCreate.safeParse({ unitId: ID, kind: 'committee' }).success).toBe(false);
    expect(MechanismCreate.safeParse({ unitId: ID, kind: 'steering_body', extra: 1 }).success).toBe(false);
    expect(MechanismCreate.safeParse({ unitId: ID, kind: 'steering_body', startedOn: '2026-02-30' }).success).toBe(false);
  });

  it('take a status change with an optional assimilatedInto and day', () => {
    expect(MechanismStatusChange.parse({ version: 3, status: 'retired', assimilatedInto: ' Student Services ', on: '2027-06-30' })).toEqual({
      version: 3,
      status: 'retired',
      assimilatedInto: 'Student Services',
      on: '2027-06-30',
    });
    expect(MechanismStatusChange.safeParse({ version: 3, status: 'paused' }).success).toBe(false);
  });

  it('drop a function with a reason, restore it with null, and refuse an empty reason', () => {
    expect(MechanismFunctionUpdate.parse({ version: 1, droppedReason: 'Done by the design team.' }).droppedReason).toBe('Done by the design team.');
    expect(MechanismFunctionUpdate.parse({ version: 2, droppedReason: null }).droppedReason).toBeNull();
    expect(MechanismFunctionUpdate.safeParse({ version: 1, droppedReason: '  ' }).success).toBe(false);
  });

  it('require role, designated and trained on a membership; updates carry a version', () => {
    expect(MembershipCreate.safeParse({ personId: ID, role: 'lead' }).success).toBe(false);
    expect(MembershipCreate.parse({ personId: ID, role: 'lead', designated: true, trained: false })).toMatchObject({ role: 'lead', designated: true, trained: false });
    expect(MembershipUpdate.safeParse({ endOn: '2027-01-01' }).success).toBe(false);
    expect(MembershipUpdate.parse({ version: 1, endOn: null }).endOn).toBeNull();
  });

  it('add read and manage actions for mechanisms', () => {
    expect(ACTIONS['mechanism.read']).toBe('viewer');
    expect(ACTIONS['mechanism.manage']).toBe('editor');
  });
});

describe('functionDepartures', () => {
  const catalog = mechanismKindEntry('steering_body').functions;
  const copy = () => catalog.map((f) => ({ catalogKey: f.key as string | null, text: f.text, droppedReason: null as string | null }));

  it('finds no departure in an unchanged copy (whitespace does not count)', () => {
    const unit = copy();
    unit[0]!.text = `  ${unit[0]!.text.replace(/ /g, '  ')} `;
    const d = functionDepartures(catalog, unit);
    expect(d.departs).toBe(false);
    expect(d.asCatalog).toHaveLength(catalog.length);
    expect(d.functions.every((f) => f.source !== null && f.catalogText !== null)).toBe(true);
  });

  it('sorts reworded (with the catalog’s words), dropped (with the reason), added and missing', () => {
    const unit = copy();
    unit[0]!.text = 'In our words.';
    unit[1]!.droppedReason = 'Another team does this.';
    unit[2]!.text = 'Reworded and then dropped.';
    unit[2]!.droppedReason = 'Not needed.';
    const missing = unit.pop()!;
    unit.push({ catalogKey: null, text: 'Our own.', droppedReason: null }, { catalogKey: 'no-such-key', text: 'From an old catalog.', droppedReason: null });
    const d = functionDepartures(catalog, unit);
    expect(d.departs).toBe(true);
    expect(d.reworded).toEqual([expect.objectContaining({ text: 'In our words.', catalogText: catalog[0]!.text, departure: 'reworded', source: catalog[0]!.source })]);
    expect(d.dropped.map((f) => f.droppedReason)).toEqual(['Another team does this.', 'Not needed.']);
    expect(d.added.map((f) => f.text)).toEqual(['Our own.', 'From an old catalog.']);
    expect(d.added[0]).toMatchObject({ catalogText: null, source: null });
    expect(d.missing.map((f) => f.key)).toEqual([missing.catalogKey]);
    expect(d.functions.map((f) => f.departure)).toEqual(['reworded', 'dropped', 'dropped', ...unit.slice(3, -2).map(() => 'as-catalog'), 'added', 'added']);
  });
});

describe('compositionWarnings', () => {
  const steering = mechanismKindEntry('steering_body');
  const planning = mechanismKindEntry('planning_team');
  const implementation = mechanismKindEntry('implementation_team');

  it('warns of a steering body with no lead and no leaders for instruction or data, each with its citation', () => {
    const w = compositionWarnings(steering, [member(), member()], { on: ON });
    expect(codes(w)).toEqual(['no_data_leader', 'no_instruction_leader', 'no_lead']);
    for (const x of w) {
      expect(x.source.section.length).toBeGreaterThan(0);
      expect(x.message).toMatch(/[.]$/);
    }
    expect(w.find((x) => x.code === 'no_lead')!.basis).toBe('product-default');
    expect(compositionWarnings(steering, leaders(), { on: ON })).toEqual([]);
  });

  it('warns when a steering body grows past its threshold, which an argument can change', () => {
    const max = steering.guidance.maxMembers!.value;
    const many = [...leaders(), ...Array.from({ length: max - 1 }, () => member())];
    expect(many).toHaveLength(max + 1);
    const w = compositionWarnings(steering, many, { on: ON });
    expect(codes(w)).toEqual(['too_many_members']);
    expect(w[0]!.source).toEqual(steering.guidance.maxMembers!.source);
    expect(w[0]!.message).toContain(`${max + 1} members`);
    expect(compositionWarnings(steering, many, { on: ON, maxMembers: 12 })).toEqual([]);
    expect(codes(compositionWarnings(steering, leaders(), { on: ON, maxMembers: 1 }))).toEqual(['too_many_members']);
  });

  it('counts only memberships in effect on the day', () => {
    const ended = member('lead', { title: 'Chief Academic Officer', endOn: '2026-06-30' });
    const future = member('member', { title: 'Data Coordinator', startOn: '2027-01-01' });
    expect(isActiveMembership(ended, ON)).toBe(false);
    expect(isActiveMembership(future, ON)).toBe(false);
    expect(isActiveMembership(member('member', { startOn: ON, endOn: ON }), ON)).toBe(true);
    expect(codes(compositionWarnings(steering, [ended, future], { on: ON }))).toEqual(['no_data_leader', 'no_instruction_leader', 'no_lead']);
  });

  it('wants 2–3 designated and trained members on an implementation team', () => {
    const w1 = compositionWarnings(implementation, [member(), member('member', { trained: false })], { on: ON });
    expect(codes(w1)).toEqual(['designated_trained_count']);
    expect(w1[0]!.message).toContain('2–3');
    expect(w1[0]!.basis).toBe('document');
    expect(compositionWarnings(implementation, [member(), member()], { on: ON })).toEqual([]);
    expect(compositionWarnings(implementation, [member(), member(), member()], { on: ON })).toEqual([]);
    expect(codes(compositionWarnings(implementation, [member(), member(), member(), member()], { on: ON }))).toEqual(['designated_trained_count']);
    expect(codes(compositionWarnings(implementation, [member(), member(), member(), member('member', { designated: false })], { on: ON }))).toEqual([]);
  });

  it('wants a planning team member who also sits on the unit’s steering body', () => {
    const team = leaders();
    expect(codes(compositionWarnings(planning, team, { on: ON, steeringBodyPersonIds: null }))).toEqual(['no_steering_body_member']);
    expect(compositionWarnings(planning, team, { on: ON, steeringBodyPersonIds: null })[0]!.message).toContain('no steering body');
    expect(codes(compositionWarnings(planning, team, { on: ON, steeringBodyPersonIds: ['someone else'] }))).toEqual(['no_steering_body_member']);
    expect(compositionWarnings(planning, team, { on: ON, steeringBodyPersonIds: [team[1]!.personId] })).toEqual([]);
    // Kinds without that guidance ignore it.
    expect(compositionWarnings(steering, leaders(), { on: ON, steeringBodyPersonIds: null })).toEqual([]);
  });

  it('reads leaders for instruction and for data from titles, in any case', () => {
    for (const t of ['Director of Curriculum and Instruction', 'INSTRUCTIONAL COACH', 'Chief Academic Officer', 'curriculum specialist']) expect(INSTRUCTION_TITLE_PATTERN.test(t), t).toBe(true);
    for (const t of ['Data Coordinator', 'Director of Assessment', 'accountability lead', 'Program Evaluator', 'Evaluation and Research']) expect(DATA_TITLE_PATTERN.test(t), t).toBe(true);
    for (const t of ['School Psychologist', 'Director of Student Supports', 'Principal', 'Database Administrator']) {
      expect(INSTRUCTION_TITLE_PATTERN.test(t) || DATA_TITLE_PATTERN.test(t), t).toBe(false);
    }
  });

  it('gives no leadership warnings for kinds that do not ask for a broad range of leaders', () => {
    expect(compositionWarnings(mechanismKindEntry('organization_facilitator'), [member()], { on: ON })).toEqual([]);
  });
});
