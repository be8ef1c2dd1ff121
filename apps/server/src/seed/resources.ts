// Demo resource maps: what two schools of the demo district and the district itself offer in
// student and learning supports, placed on the intervention framework. Made up for the demo, with
// the things an analysis should find: two attendance-mentoring programs for the same students, a
// crisis arena with little in it, grants that end within the year, and the same food pantry run
// separately at both schools.
import { INTERVENTION_FRAMEWORK, interventionFrameworkRef, resourceNaturalKey, type ResourceInput } from '@trellis/core';
import { insertResource, type Queryable } from '@trellis/db';

type Row = [name: string, kind: ResourceInput['kind'], provider: ResourceInput['providerType'], partner: string | null, cells: string[], served: number, fte: number, cost: number, funding: string, endsInMonths: number | null, coordinated: boolean, tags: string[], target: string];

const SCHOOL: Row[] = [
  ['Check & Connect mentoring', 'program', 'school', null, ['student-family-assistance:early-intervention'], 45, 1, 52000, 'Title I', null, false, ['mentoring', 'attendance'], 'students with chronic absence'],
  ['Attendance mentoring (AmeriCorps)', 'program', 'community_agency', 'City Year', ['student-family-assistance:early-intervention'], 40, 2, 38000, 'AmeriCorps grant', 7, false, ['mentoring', 'attendance'], 'students with chronic absence'],
  ['Positive Behavior Interventions and Supports', 'initiative', 'school', null, ['classroom-supports:prevention'], 600, 0.5, 8000, 'General fund', null, true, ['behavior'], 'all students'],
  ['Reading intervention groups', 'service', 'school', null, ['classroom-supports:early-intervention'], 80, 2, 140000, 'Title I', null, true, ['reading'], 'grades K-3 below benchmark'],
  ['School counselor', 'staff_role', 'school', null, ['student-family-assistance:early-intervention', 'student-family-assistance:treatment'], 150, 1, 78000, 'General fund', null, true, ['counseling'], 'all students'],
  ['Kindergarten transition nights', 'program', 'school', null, ['transitions:prevention'], 90, 0.1, 1500, 'PTA', null, true, ['transition'], 'incoming kindergarten families'],
  ['Family literacy nights', 'program', 'school', null, ['home-involvement:prevention'], 75, 0.1, 3000, 'Title I family engagement', null, false, ['family-engagement', 'reading'], 'families of K-5 students'],
  ['Food pantry', 'service', 'community_agency', 'Lakeland Food Bank', ['community-outreach:early-intervention'], 85, 0, 4000, 'Donations', null, false, ['basic-needs'], 'families facing food insecurity'],
  ['Safety drills and planning', 'initiative', 'school', null, ['crisis-assistance:prevention'], 600, 0.1, 1000, 'General fund', null, true, ['safety'], 'all students and staff'],
  ['Student support team', 'service', 'school', null, ['student-family-assistance:early-intervention'], 60, 0.5, 0, 'General fund', null, false, ['referral'], 'students referred by teachers'],
];

const DISTRICT: Row[] = [
  ['Grade 6 summer bridge', 'program', 'district', null, ['transitions:prevention'], 110, 1.5, 42000, 'Title I', 9, false, ['transition'], 'rising 6th graders'],
  ['School psychologists', 'staff_role', 'district', null, ['student-family-assistance:treatment'], 120, 3, 270000, 'IDEA Part B', null, true, ['assessment', 'counseling'], 'students referred for evaluation'],
  ['Suicide prevention training', 'program', 'district', null, ['crisis-assistance:prevention'], 400, 0, 3500, 'State grant', 2, false, ['crisis', 'mental-health'], 'all staff'],
];

const addMonths = (today: string, months: number) => {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
};

async function seedRows(tx: Queryable, unitId: string, rows: Row[], today: string, scale: number) {
  for (const [name, kind, providerType, partnerName, cells, served, fte, cost, fundingSource, endsIn, coordinated, purposeTags, targetPopulation] of rows) {
    const input: ResourceInput = {
      name,
      kind,
      providerType,
      partnerName,
      cells,
      populationServed: Math.round(served * scale),
      staffFte: fte,
      annualCost: Math.round(cost * scale),
      fundingSource,
      fundingEndsOn: endsIn === null ? null : addMonths(today, endsIn),
      coordinated,
      purposeTags,
      targetPopulation,
    };
    await insertResource(tx, { unitId, naturalKey: resourceNaturalKey(input), framework: interventionFrameworkRef(INTERVENTION_FRAMEWORK), input });
  }
}

/** The district's own resources and those of two of its schools (the second a little smaller). */
export async function seedResources(tx: Queryable, districtId: string, schoolIds: readonly string[]): Promise<number> {
  const today = new Date().toISOString().slice(0, 10);
  await seedRows(tx, districtId, DISTRICT, today, 1);
  for (const [i, schoolId] of schoolIds.slice(0, 2).entries()) {
    // The second school has no AmeriCorps partner: its attendance mentoring is not duplicated.
    await seedRows(tx, schoolId, i === 0 ? SCHOOL : SCHOOL.filter((r) => r[3] !== 'City Year'), today, i === 0 ? 1 : 0.7);
  }
  return DISTRICT.length + SCHOOL.length * 2 - 1;
}
