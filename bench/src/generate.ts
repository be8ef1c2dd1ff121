// The benchmark's state: 20 regions, 1,000 districts, 1,000 feeder patterns, 10,000 schools and
// 20,000 people (the largest US state, rounded up), plus one state administrator to sign in as.
import { randomUUID } from 'node:crypto';
import { allUnits, generateOrganization, hashPassword } from '@trellis/server';
import type { GrantSeed, PersonSeed, UnitSeed } from '@trellis/db';

export const SHAPE = { stateName: 'State of Benchmark', regions: 20, districts: 1_000, feederPatterns: 1_000, schools: 10_000, people: 20_000, seed: 2026 };
export const ADMIN = { email: 'state.admin@bench.trellis.test', password: 'bench-password-2026' };

export interface BenchState {
  units: UnitSeed[];
  people: PersonSeed[];
  grants: GrantSeed[];
  stateId: string;
  regionIds: string[];
  districtIds: string[];
  schoolIds: string[];
  /** Words that occur in unit names, for search requests. */
  searchWords: string[];
}

export async function generateState(): Promise<BenchState> {
  const org = generateOrganization(SHAPE);
  const adminId = randomUUID();
  const admin: PersonSeed = {
    id: adminId,
    name: 'Bench Administrator',
    email: ADMIN.email,
    title: 'State Learning Supports Lead',
    homeUnitId: org.state.id,
    passwordHash: await hashPassword(ADMIN.password),
    isSystemAdmin: false,
  };
  return {
    units: allUnits(org),
    people: [admin, ...org.people],
    grants: [{ id: randomUUID(), personId: adminId, unitId: org.state.id, role: 'admin' }],
    stateId: org.state.id,
    regionIds: org.regions.map((u) => u.id),
    districtIds: org.districts.map((u) => u.id),
    schoolIds: org.schools.map((u) => u.id),
    searchWords: ['cedar', 'maple', 'high', 'valley', 'elementary', 'north', 'unified', 'pine'],
  };
}
