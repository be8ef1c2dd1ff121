// Small factories that build organizations and people straight through the repositories, so a
// test states only what matters to it. Names, emails and NCES ids are unique within a run.
import { cadreSweep, defaultRolloutSettings, MECHANISM_CATALOG, mechanismKindEntry, RolloutScenario, rolloutScenarioInput, scheduleRollout, type MechanismKind, type MembershipRole, type Role, type Unit, type UnitKind } from '@trellis/core';
import { copyCatalogFunctions, finishRolloutComputation, insertResource, type ResourceRecord, insertRolloutScenario, listRolloutSchools, type RolloutScenarioRecord, insertGrant, insertMechanism, insertMeeting, insertMember, insertPerson, insertTask, insertUnit, type MechanismRecord, type MeetingRecord, type PersonRecord, type Queryable, type TaskRecord } from '@trellis/db';
import { hashPassword } from '../../src/services/passwords.js';

let seq = 0;
const next = () => ++seq;

/** A password that meets the rules (12+ characters). */
export const PASSWORD = 'correct horse battery';

export const uniqueEmail = (label = 'person') => `${label.toLowerCase().replace(/[^a-z0-9]+/g, '.')}.${next()}.${process.pid}@test.trellis`;

const NCES_DIGITS: Partial<Record<UnitKind, number>> = { state: 2, region: 7, district: 7, school: 12 };

/** An NCES id of the right length for the kind, unique in this process. */
export function ncesIdFor(kind: UnitKind): string {
  const digits = NCES_DIGITS[kind];
  if (!digits) throw new Error(`a ${kind} has no NCES id`);
  return String(next()).padStart(digits, '9').slice(-digits);
}

export interface UnitOptions {
  name?: string;
  ncesId?: string | null;
  stateId?: string | null;
  gradeLow?: string | null;
  gradeHigh?: string | null;
  enrollment?: number | null;
}

/** A unit of `kind` under `parent` (null: a top-level state). */
export function createUnit(db: Queryable, kind: UnitKind, parent: Unit | null, opts: UnitOptions = {}): Promise<Unit> {
  const label = { state: 'State', region: 'Region', district: 'District', feeder_pattern: 'Feeder pattern', school: 'School', department: 'Department' }[kind];
  return insertUnit(db, { kind, name: opts.name ?? `${label} ${next()}`, parentId: parent?.id ?? null, parentPath: parent?.path ?? null, ...opts });
}

/** A state with two districts; each has two feeder patterns with two schools, all directly in the database. */
export async function createStateTree(db: Queryable, name = `State ${next()}`) {
  const state = await createUnit(db, 'state', null, { name });
  const district = async (label: string) => {
    const d = await createUnit(db, 'district', state, { name: `${label} District ${next()}` });
    const fp = async (n: number) => {
      const f = await createUnit(db, 'feeder_pattern', d, { name: `${label} High feeder pattern ${n}-${next()}` });
      const schools = [await createUnit(db, 'school', f, { name: `${label} High ${n}-${next()}` }), await createUnit(db, 'school', f, { name: `${label} Elementary ${n}-${next()}` })];
      return { unit: f, schools };
    };
    return { unit: d, feederPatterns: [await fp(1), await fp(2)] };
  };
  const north = await district('North');
  const south = await district('South');
  return { state, north, south };
}
export type StateTree = Awaited<ReturnType<typeof createStateTree>>;

const hashes = new Map<string, Promise<string>>();
const hashOf = (password: string) => {
  if (!hashes.has(password)) hashes.set(password, hashPassword(password));
  return hashes.get(password)!;
};

export interface PersonOptions {
  name?: string;
  email?: string;
  title?: string | null;
  /** Home unit (who may see the person follows from it); null for none. */
  home: Unit | null;
  /** Roles to give: [unit, role] pairs. */
  grants?: [Unit, Role][];
  /** Null for a person who cannot sign in. */
  password?: string | null;
  systemAdmin?: boolean;
}

export interface TestPerson extends PersonRecord {
  password: string | null;
}

/** A person with an account and grants. */
export async function createPerson(db: Queryable, opts: PersonOptions): Promise<TestPerson> {
  const password = opts.password === undefined ? PASSWORD : opts.password;
  const name = opts.name ?? `Person ${next()}`;
  const person = await insertPerson(db, {
    name,
    email: opts.email ?? uniqueEmail(name),
    title: opts.title ?? null,
    homeUnitId: opts.home?.id ?? null,
    passwordHash: password === null ? null : await hashOf(password),
    isSystemAdmin: opts.systemAdmin ?? false,
  });
  for (const [unit, role] of opts.grants ?? []) await insertGrant(db, { personId: person.id, unitId: unit.id, role, createdBy: null });
  return { ...person, password };
}

/** A person granted `role` at `unit`, at home there. */
export const createPersonWithRole = (db: Queryable, unit: Unit, role: Role, opts: Partial<PersonOptions> = {}) =>
  createPerson(db, { home: unit, grants: [[unit, role]], name: `${role} of ${unit.name}`, ...opts });

export const createSystemAdmin = (db: Queryable, opts: Partial<PersonOptions> = {}) => createPerson(db, { home: null, systemAdmin: true, name: `System admin ${next()}`, ...opts });

/** A mechanism of `kind` at `unit`, established from the catalog (its functions copied), straight into the database. */
export async function createMechanism(db: Queryable, unit: Unit, kind: MechanismKind = 'planning_team', opts: { name?: string } = {}): Promise<MechanismRecord> {
  const m = await insertMechanism(db, { unitId: unit.id, kind, catalogVersion: MECHANISM_CATALOG.version, name: opts.name ?? `Mechanism ${next()}` });
  await copyCatalogFunctions(db, m.id, mechanismKindEntry(kind).functions);
  return m;
}

/** A membership of the person on the mechanism. */
export const createMembership = (db: Queryable, mechanismId: string, personId: string, role: MembershipRole = 'member') =>
  insertMember(db, { mechanismId, personId, role, designated: false, trained: false });

/** The id of a mechanism's first function. */
export async function firstFunctionId(db: Queryable, mechanismId: string): Promise<string> {
  const [row] = await db.query<{ id: string }>('select id from mechanism_functions where mechanism_id = $1 order by position limit 1', [mechanismId]);
  return row!.id;
}

/** A formal meeting of the mechanism (on 2026-11-02 unless said). */
export const createMeeting = (db: Queryable, mechanismId: string, opts: { heldOn?: string; kind?: 'formal' | 'informal' | 'focus_group' } = {}): Promise<MeetingRecord> =>
  insertMeeting(db, { mechanismId, heldOn: opts.heldOn ?? '2026-11-02', kind: opts.kind ?? 'formal' });

/** A task of the unit, optionally raised at a mechanism's meeting. */
export const createTask = (db: Queryable, unit: Unit, opts: { mechanismId?: string; meetingId?: string; title?: string } = {}): Promise<TaskRecord> =>
  insertTask(db, { unitId: unit.id, title: opts.title ?? `Task ${next()}`, mechanismId: opts.mechanismId ?? null, meetingId: opts.meetingId ?? null });

/**
 * A roll-out scenario for a district, computed here in the test's thread as the worker would (so
 * that it is ready at once): default settings, schools by feeder pattern.
 */
export async function createRolloutScenario(db: Queryable, district: Unit, opts: { name?: string } = {}): Promise<RolloutScenarioRecord> {
  const settings = defaultRolloutSettings('2026-11-23');
  const scenario = await insertRolloutScenario(db, { unitId: district.id, name: opts.name ?? `Scenario ${next()}`, settings, createdBy: null });
  const input = RolloutScenario.parse(rolloutScenarioInput(settings, await listRolloutSchools(db, district.path, 'feeder_pattern')));
  const schedule = scheduleRollout(input);
  const result = { summary: { siteCount: input.sites.length }, schedule, sweep: cadreSweep(input, [1, 2]), siteNames: Object.fromEntries(input.sites.map((x) => [x.id, x.name])) };
  await finishRolloutComputation(db, scenario.id, scenario.computation, { result });
  return scenario;
}

/** A resource mapped at the unit, in one cell. */
export const createResource = (db: Queryable, unit: Unit, opts: { name?: string } = {}): Promise<ResourceRecord> => {
  const name = opts.name ?? `Resource ${next()}`;
  return insertResource(db, {
    unitId: unit.id,
    naturalKey: `${name.toLowerCase()}|school|`,
    framework: { id: 'intervention-framework', version: '1' },
    input: { name, kind: 'program', providerType: 'school', cells: ['transitions:prevention'], coordinated: false },
  });
};
