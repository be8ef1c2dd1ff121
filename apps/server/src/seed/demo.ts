// `trellis seed demo`: a fictional state with 3 regions, 12 districts, 24 feeder patterns and 150
// schools, its people, and three accounts to sign in with (password `trellis-demo`).
import { randomUUID } from 'node:crypto';
import { bulkInsertGrants, bulkInsertPeople, bulkInsertUnits, countUnits, recordAuditEvent, type Db } from '@trellis/db';
import { hashPassword } from '../services/passwords.js';
import { allUnits, generateOrganization } from './organization.js';

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
    await bulkInsertPeople(tx, [...accounts.map((a) => ({ ...a, passwordHash: hash, isSystemAdmin: false })), ...org.people]);
    await bulkInsertGrants(tx, accounts.map((a) => ({ id: randomUUID(), personId: a.id, unitId: a.unitId, role: a.role })));
    await recordAuditEvent(tx, { actorId: null, action: 'seed.demo', entityType: 'unit', entityId: org.state.id, unitId: org.state.id, before: null, after: { units: units.length, people: org.people.length + accounts.length }, requestId: undefined });
  });
  return { seeded: true, units: units.length, people: org.people.length + accounts.length };
}
