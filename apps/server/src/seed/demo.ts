// `trellis seed demo`: a fictional state with 3 regions, 12 districts, 24 feeder patterns and 150
// schools, its people, and three accounts to sign in with (password `trellis-demo`).
import { randomUUID } from 'node:crypto';
import { addDays, MECHANISM_CATALOG, mechanismKindEntry, type MechanismKind, type MembershipRole } from '@trellis/core';
import {
  bulkInsertGrants,
  bulkInsertPeople,
  bulkInsertUnits,
  copyCatalogFunctions,
  countUnits,
  insertMechanism,
  insertMeeting,
  insertMember,
  insertTask,
  recordAuditEvent,
  updateMechanism,
  type Db,
  type Queryable,
} from '@trellis/db';
import { hashPassword } from '../services/passwords.js';
import { allUnits, generateOrganization, type GeneratedOrganization } from './organization.js';
import { seedPlans } from './plans.js';
import { seedProgress } from './progress.js';
import { seedResources } from './resources.js';
import { seedCoaching } from './coaching.js';

export const DEMO_PASSWORD = 'trellis-demo';
export const DEMO_ACCOUNTS = [
  { email: 'state.admin@demo.trellis.test', what: 'administrator of the state' },
  { email: 'district.leader@demo.trellis.test', what: 'leader of one district' },
  { email: 'school.member@demo.trellis.test', what: 'member of one school' },
] as const;

export interface SeedResult {
  seeded: boolean;
  units: number;
  people: number;
}

/** Loads the demo state in one transaction. Refuses (returns seeded: false) when units exist. */
export async function seedDemo(db: Db): Promise<SeedResult> {
  if ((await countUnits(db)) > 0) return { seeded: false, units: 0, people: 0 };
  const org = generateOrganization({ stateName: 'State of Lakeland (demo)', regions: 3, districts: 12, feederPatterns: 24, schools: 150, people: 400, seed: 2026 });
  const hash = await hashPassword(DEMO_PASSWORD);
  const district = org.districts[0]!;
  const school = org.schools.find((s) => s.path.startsWith(district.path) && s.kind === 'school')!;
  const accounts = [
    { id: randomUUID(), name: 'Dana Whitfield', email: DEMO_ACCOUNTS[0].email, title: 'State Learning Supports Lead', homeUnitId: org.state.id, role: 'admin', unitId: org.state.id },
    { id: randomUUID(), name: 'Marcus Bell', email: DEMO_ACCOUNTS[1].email, title: 'Director of Student Support Services', homeUnitId: district.id, role: 'leader', unitId: district.id },
    { id: randomUUID(), name: 'Sofia Ramirez', email: DEMO_ACCOUNTS[2].email, title: 'School Counselor', homeUnitId: school.id, role: 'member', unitId: school.id },
  ];
  const units = allUnits(org);
  await db.transaction(async (tx) => {
    await bulkInsertUnits(tx, units);
    await seedDirectory(tx, org);
    await bulkInsertPeople(tx, [...accounts.map((a) => ({ ...a, passwordHash: hash, isSystemAdmin: false })), ...org.people]);
    await bulkInsertGrants(tx, accounts.map((a) => ({ id: randomUUID(), personId: a.id, unitId: a.unitId, role: a.role })));
    await seedMechanisms(tx, org, district, [...accounts, ...org.people]);
    const districtSchools = org.schools.filter((s) => s.kind === 'school' && s.path.startsWith(district.path));
    await seedResources(tx, district.id, [school.id, ...districtSchools.filter((s) => s.id !== school.id).map((s) => s.id)]);
    await seedCoaching(tx, { districtId: district.id, schoolIds: [school.id, ...districtSchools.filter((s) => s.id !== school.id).map((s) => s.id)], people: org.people, districtLeaderId: accounts[1]!.id, passwordHash: hash });
    await seedPlans(tx, { stateId: org.state.id, districtId: district.id, schoolId: school.id }, { stateLeadId: accounts[0]!.id, districtLeaderId: accounts[1]!.id, schoolMemberId: accounts[2]!.id });
    await seedProgress(tx, { districtId: district.id, schoolIds: [school.id, ...districtSchools.filter((s) => s.id !== school.id).map((s) => s.id)] }, { districtLeaderId: accounts[1]!.id, schoolMemberId: accounts[2]!.id });
    await recordAuditEvent(tx, { actorId: null, action: 'seed.demo', entityType: 'unit', entityId: org.state.id, unitId: org.state.id, before: null, after: { units: units.length, people: org.people.length + accounts.length }, requestId: undefined });
  });
  return { seeded: true, units: units.length, people: org.people.length + accounts.length };
}

const STREETS = ['Main Street', 'Oak Avenue', 'School Road', 'Maple Drive', 'Lincoln Boulevard', 'Cedar Lane', 'Park Avenue', 'Mill Road'];

/**
 * What a directory import would have recorded of the fictional districts and schools: a street
 * address, the district's town as city, a ZIP code, the NCES level from the grade span, a regular
 * (not charter) school, open. No coordinates: Lakeland is not on any map.
 */
async function seedDirectory(tx: Queryable, org: GeneratedOrganization) {
  const rows: { id: string; address: string; city: string; zip: string; level: string | null }[] = [];
  org.districts.forEach((d, di) => {
    const city = d.name.replace(/ (Independent|Unified|Consolidated|Public) School District$/, '');
    const zip = (n: number) => `7${String(10 + di).padStart(2, '0')}${String(n % 100).padStart(2, '0')}`;
    rows.push({ id: d.id, address: `${100 + di * 7} ${STREETS[di % STREETS.length]}`, city, zip: zip(0), level: null });
    org.schools
      .filter((s) => s.kind === 'school' && s.path.startsWith(d.path))
      .forEach((s, si) => {
        const level = s.gradeLow === '09' ? 'high' : s.gradeLow === '06' ? 'middle' : 'elementary';
        rows.push({ id: s.id, address: `${200 + si * 35} ${STREETS[(di + si) % STREETS.length]}`, city, zip: zip(si + 1), level });
      });
  });
  await tx.query(
    `update units u set address = d.address, city = d.city, zip = d.zip, level = d.level,
            school_type = case when u.kind = 'school' then 1 end, charter = case when u.kind = 'school' then false end, operational_status = 'open'
       from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[]) as d(id, address, city, zip, level)
      where u.id = d.id`,
    [rows.map((r) => r.id), rows.map((r) => r.address), rows.map((r) => r.city), rows.map((r) => r.zip), rows.map((r) => r.level)],
  );
}

interface SeedPerson {
  id: string;
  title: string | null;
  homeUnitId: string | null;
}

interface SeedMember {
  role: MembershipRole;
  designated?: boolean;
  trained?: boolean;
}

/**
 * A realistic set of mechanisms, established as the service does (catalog functions copied in):
 * the state's steering body and implementation team; in the demo district a steering body,
 * planning team, implementation team and organization facilitator; change teams and a steering
 * body at two of its schools. Members are people whose home is the unit, leads first.
 */
async function seedMechanisms(tx: Queryable, org: GeneratedOrganization, demoDistrict: { id: string; path: string }, people: readonly SeedPerson[]) {
  const at = (unitId: string) => people.filter((p) => p.homeUnitId === unitId);
  const establish = async (unitId: string, kind: MechanismKind, charter: string, status: 'forming' | 'active', members: readonly (SeedMember & { person: SeedPerson | undefined })[]) => {
    const entry = mechanismKindEntry(kind);
    const m = await insertMechanism(tx, { unitId, kind, catalogVersion: MECHANISM_CATALOG.version, name: entry.name, charter, startedOn: '2026-08-17' });
    await copyCatalogFunctions(tx, m.id, entry.functions);
    if (status !== 'forming') await updateMechanism(tx, m.id, m.version, { status, statusChangedOn: '2026-09-08' });
    const seated = new Set<string>();
    for (const member of members) {
      if (!member.person || seated.has(member.person.id)) continue;
      seated.add(member.person.id);
      await insertMember(tx, { mechanismId: m.id, personId: member.person.id, role: member.role, startOn: '2026-08-17', endOn: null, designated: member.designated ?? false, trained: member.trained ?? false });
    }
    return { ...m, members: [...seated] };
  };
  const linkUp = (lowerId: string, upperId: string) => tx.query('update mechanisms set upper_mechanism_id = $2 where id = $1', [lowerId, upperId]);
  const byTitle = (list: readonly SeedPerson[], pattern: RegExp) => list.find((p) => p.title !== null && pattern.test(p.title));

  const state = at(org.state.id);
  const stateSteering = await establish(org.state.id, 'steering_body', 'Guides and champions the statewide system of learning supports and keeps its development on course.', 'active', [
    { person: byTitle(state, /Learning Supports Lead/) ?? state[0], role: 'lead' },
    ...state.slice(0, 3).map((person) => ({ person, role: 'member' as const })),
  ]);
  const stateImplementation = await establish(org.state.id, 'implementation_team', 'Carries the statewide plan for learning supports into the regions and districts.', 'forming', [
    { person: byTitle(state, /Program Specialist/) ?? state[1], role: 'lead', designated: true, trained: true },
    { person: byTitle(state, /Data Analyst/) ?? state[2], role: 'member', designated: true },
  ]);

  const districtId = demoDistrict.id;
  const district = at(districtId);
  const superintendent = byTitle(district, /Superintendent/) ?? district[0];
  const coordinator = byTitle(district, /Learning Supports Coordinator/) ?? district[1];
  const director = byTitle(district, /Director of Student Support Services/);
  const facilitator = byTitle(district, /Organization Facilitator/) ?? coordinator;
  const steering = await establish(districtId, 'steering_body', 'Champions the district’s unified system of learning supports and removes barriers to its development.', 'active', [
    { person: superintendent, role: 'lead' },
    { person: director, role: 'champion' },
    { person: coordinator, role: 'member' },
  ]);
  const planning = await establish(districtId, 'planning_team', 'Maps current student and learning supports and plans the district’s system of learning supports.', 'active', [
    { person: coordinator, role: 'lead' },
    { person: director, role: 'member' },
  ]);
  const implementation = await establish(districtId, 'implementation_team', 'Phases the plan in at the schools, starting with the first feeder pattern.', 'forming', [
    { person: coordinator, role: 'lead', designated: true, trained: true },
    { person: facilitator, role: 'facilitator', designated: true, trained: true },
    { person: director, role: 'member', designated: true, trained: true },
  ]);
  await establish(districtId, 'organization_facilitator', 'Facilitates the change process at the district’s schools.', 'active', [{ person: facilitator, role: 'facilitator', designated: true, trained: true }]);

  const schools = org.schools.filter((s) => s.kind === 'school' && s.path.startsWith(demoDistrict.path));
  const staffed = schools.filter((s) => at(s.id).length > 0).slice(0, 2);
  for (const [i, school] of staffed.entries()) {
    const staff = at(school.id);
    const principal = byTitle(staff, /^Principal/) ?? staff[0];
    const schoolMechanism = await establish(
      school.id,
      i === 0 ? 'change_team' : 'steering_body',
      i === 0 ? 'Leads the school’s change to a comprehensive system of learning supports.' : 'Steers the school’s learning supports work and reports to the district.',
      i === 0 ? 'active' : 'forming',
      [{ person: principal, role: 'lead' }, ...staff.slice(0, 3).map((person) => ({ person, role: 'member' as const }))],
    );
    // The school's change team works with the district's implementation team; the school's steering
    // body is left unlinked, for a district leader to link.
    if (i === 0) await linkUp(schoolMechanism.id, implementation.id);
  }

  await linkUp(steering.id, stateSteering.id);
  await linkUp(implementation.id, stateImplementation.id);
  await seedMeetings(tx, steering, planning);
}

/**
 * Meetings as of the day the demo is loaded: the district's steering body has met weekly (on
 * track), its planning team met three times and then stopped (behind cadence). Some action items
 * are done, one is overdue; the steering body's first functions are in place or developing.
 */
async function seedMeetings(tx: Queryable, steering: { id: string; unitId: string; members: string[] }, planning: { id: string; unitId: string; members: string[] }) {
  const today = new Date().toISOString().slice(0, 10);
  const weekly = (count: number, lastDaysAgo: number) => Array.from({ length: count }, (_, i) => addDays(today, -(lastDaysAgo + 7 * (count - 1 - i))));
  const steeringDays = weekly(6, 3);
  for (const [i, heldOn] of steeringDays.entries()) {
    const meeting = await insertMeeting(tx, {
      mechanismId: steering.id,
      heldOn,
      kind: 'formal',
      attendeeIds: steering.members,
      agenda: i === 0 ? 'Charter; who else should join; first steps' : 'Progress on the resource map; barriers; next steps',
      minutes: i === 0 ? 'Adopted the charter. Agreed to meet weekly until the plan is drafted.' : 'Reviewed progress from the planning team.',
      decisions: i === 0 ? 'Invite a principal from each feeder pattern as a champion.' : null,
    });
    if (i === 0) await insertTask(tx, { unitId: steering.unitId, title: 'Invite a principal from each feeder pattern', ownerPersonId: steering.members[0] ?? null, dueOn: addDays(heldOn, 14), mechanismId: steering.id, meetingId: meeting.id });
    if (i === steeringDays.length - 2) await insertTask(tx, { unitId: steering.unitId, title: 'Share the draft resource map with the board', ownerPersonId: steering.members[1] ?? null, dueOn: addDays(today, -2), mechanismId: steering.id, meetingId: meeting.id });
    if (i === steeringDays.length - 1) await insertTask(tx, { unitId: steering.unitId, title: 'Schedule a focus group with teachers', ownerPersonId: steering.members[2] ?? null, dueOn: addDays(today, 5), mechanismId: steering.id, meetingId: meeting.id });
  }
  await tx.query(`update tasks set status = 'done', completed_on = due_on - 3 where mechanism_id = $1 and title like 'Invite a principal%'`, [steering.id]);
  await insertMeeting(tx, { mechanismId: steering.id, heldOn: addDays(today, -10), kind: 'focus_group', agenda: 'What would help teachers most?', minutes: 'Twelve teachers came; the main ask is help with students who are struggling in class.' });
  for (const heldOn of weekly(3, 12)) {
    await insertMeeting(tx, { mechanismId: planning.id, heldOn, kind: 'formal', attendeeIds: planning.members, agenda: 'Draft the strategic plan section by section' });
  }
  const evidence = ['Steering body minutes show this every week since September.', 'The charter names it; the superintendent reports on it to the board.'];
  await tx.query(
    `update mechanism_functions f set capacity = case when f.position <= 2 then 'in_place' else 'developing' end,
       capacity_evidence = case f.position when 1 then $2 when 2 then $3 else null end, capacity_updated_on = $4
     where f.mechanism_id = $1 and f.position <= 4`,
    [steering.id, evidence[0], evidence[1], today],
  );
}
