// Generates a fictional state: regions, districts, high-school feeder patterns and their schools,
// with people. Used by `trellis seed demo` (about 150 schools) and by the benchmarks (10,000).
// Deterministic for a given seed, so two runs make the same names.
import { randomUUID } from 'node:crypto';
import { pathOf } from '@trellis/core';
import type { PersonSeed, UnitSeed } from '@trellis/db';

export interface OrganizationShape {
  stateName: string;
  regions: number;
  districts: number;
  /** Feeder patterns in all; spread over the districts (at least one each when there are enough). */
  feederPatterns: number;
  schools: number;
  /** People in all (besides the named demo accounts); spread over state, districts and schools. */
  people: number;
  seed?: number;
}

export interface GeneratedOrganization {
  state: UnitSeed;
  regions: UnitSeed[];
  districts: UnitSeed[];
  feederPatterns: UnitSeed[];
  schools: UnitSeed[];
  people: PersonSeed[];
}

const PLACES = [
  'Cedar', 'Maple', 'Willow', 'Aspen', 'Birch', 'Juniper', 'Sycamore', 'Magnolia', 'Hawthorn', 'Laurel', 'Alder', 'Cypress',
  'Riverbend', 'Stonebridge', 'Fairview', 'Lakeside', 'Meadowbrook', 'Clearwater', 'Pine Hollow', 'Silver Creek', 'Eagle Rock',
  'Fox Run', 'Harbor View', 'Prairie Glen', 'Sunset Ridge', 'Brookfield', 'Oak Grove', 'Mill Creek', 'Granite Falls', 'Bluewater',
  'Copper Hill', 'Elm Park', 'Falcon Point', 'Golden Valley', 'Highland', 'Iron Springs', 'Kingsbridge', 'Lone Pine', 'Northgate',
  'Orchard Lane', 'Quail Hollow', 'Red Cliff', 'Shady Grove', 'Timberline', 'Union Hill', 'Valley View', 'Westwood', 'Yellow Pine',
];
const FIRST = ['Ana', 'Ben', 'Carmen', 'David', 'Elena', 'Farah', 'Grace', 'Hugo', 'Imani', 'Jamal', 'Keiko', 'Luis', 'Maya', 'Noah', 'Olivia', 'Priya', 'Quinn', 'Rosa', 'Samir', 'Tara', 'Uma', 'Victor', 'Wen', 'Xavier', 'Yara', 'Zoe'];
const LAST = ['Alvarez', 'Brooks', 'Chen', 'Diaz', 'Edwards', 'Fischer', 'Garcia', 'Hughes', 'Ibrahim', 'Johnson', 'Kim', 'Lopez', 'Morgan', 'Nguyen', 'Okafor', 'Patel', 'Quintero', 'Reyes', 'Singh', 'Turner', 'Usman', 'Vasquez', 'Williams', 'Xu', 'Young', 'Zimmerman'];
const REGION_NAMES = ['Northern Lakes', 'Central Plains', 'Southern Hills', 'Eastern Shore', 'Western Range', 'River Valley', 'High Desert', 'Coastal', 'Piedmont', 'Timber Country'];

/** A small, fast, seedable generator (mulberry32). */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Spreads `total` items over `bins` as evenly as possible. */
export function spread(total: number, bins: number): number[] {
  return Array.from({ length: bins }, (_, i) => Math.floor(total / bins) + (i < total % bins ? 1 : 0));
}

export function generateOrganization(shape: OrganizationShape): GeneratedOrganization {
  const random = rng(shape.seed ?? 42);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const unit = (kind: string, name: string, parent: UnitSeed | null, extra: Partial<UnitSeed> = {}): UnitSeed => {
    const id = randomUUID();
    return { id, kind, name, parentId: parent?.id ?? null, path: pathOf(parent?.path ?? null, id), ncesId: null, stateId: null, gradeLow: null, gradeHigh: null, enrollment: null, ...extra };
  };
  const placeName = (i: number) => (i < PLACES.length ? PLACES[i]! : `${PLACES[i % PLACES.length]} ${Math.floor(i / PLACES.length) + 1}`);

  const state = unit('state', shape.stateName, null);
  const regions = Array.from({ length: shape.regions }, (_, i) =>
    unit('region', `${i < REGION_NAMES.length ? REGION_NAMES[i] : `Region ${i + 1}`} Regional Service Center`, state, { stateId: `R${String(i + 1).padStart(2, '0')}` }),
  );
  const districts: UnitSeed[] = [];
  spread(shape.districts, Math.max(1, regions.length)).forEach((n, r) => {
    for (let k = 0; k < n; k++) {
      const i = districts.length;
      const leaid = `99${String(i + 1).padStart(5, '0')}`;
      districts.push(unit('district', `${placeName(i)} ${pick(['Independent', 'Unified', 'Consolidated', 'Public'])} School District`, regions[r] ?? state, { ncesId: leaid, stateId: `D${String(i + 1).padStart(6, '0')}` }));
    }
  });
  const feederPatterns: UnitSeed[] = [];
  const schools: UnitSeed[] = [];
  const fpPerDistrict = spread(shape.feederPatterns, districts.length);
  const schoolsPerDistrict = spread(shape.schools, districts.length);
  districts.forEach((d, di) => {
    let schoolNo = 0;
    const addSchool = (parent: UnitSeed, level: 'High' | 'Middle' | 'Elementary', place: string) => {
      schoolNo++;
      const span = level === 'High' ? (['09', '12'] as const) : level === 'Middle' ? (['06', '08'] as const) : (['PK', '05'] as const);
      const enrollment = Math.round((level === 'High' ? 1200 : level === 'Middle' ? 700 : 450) * (0.5 + random()));
      schools.push(
        unit('school', `${place} ${level} School`, parent, {
          ncesId: `${d.ncesId}${String(schoolNo).padStart(5, '0')}`,
          stateId: `${d.stateId!.slice(1)}${String(schoolNo).padStart(3, '0')}`,
          gradeLow: span[0],
          gradeHigh: span[1],
          enrollment,
        }),
      );
    };
    const fps = fpPerDistrict[di]!;
    const perFp = spread(schoolsPerDistrict[di]!, Math.max(1, fps));
    for (let f = 0; f < fps; f++) {
      const place = `${placeName(di).split(' ')[0]} ${pick(PLACES).split(' ')[0]}${f > 0 ? ` ${['North', 'South', 'East', 'West', 'Central'][f % 5]}` : ''}`.trim();
      const fp = unit('feeder_pattern', `${place} High feeder pattern`, d);
      feederPatterns.push(fp);
      const n = perFp[f]!;
      for (let s = 0; s < n; s++) {
        const level = s === 0 ? 'High' : s <= Math.max(1, Math.round(n / 4)) ? 'Middle' : 'Elementary';
        addSchool(fp, level, s === 0 ? place : `${pick(PLACES)}${s > PLACES.length ? ` ${s}` : ''}`);
      }
    }
    if (fps === 0) for (let s = 0; s < schoolsPerDistrict[di]!; s++) addSchool(d, s === 0 ? 'High' : 'Elementary', pick(PLACES));
  });

  // People: a few at the state, some at each district, the rest at schools.
  const people: PersonSeed[] = [];
  const homes: { unit: UnitSeed; titles: string[] }[] = [
    { unit: state, titles: ['Learning Supports Lead', 'Deputy Commissioner', 'Program Specialist', 'Data Analyst'] },
    ...districts.map((d) => ({ unit: d, titles: ['Superintendent', 'Director of Student Support Services', 'Learning Supports Coordinator', 'Organization Facilitator'] })),
    ...schools.map((s) => ({ unit: s, titles: ['Principal', 'School Counselor', 'School Psychologist', 'Teacher', 'School Social Worker', 'Assistant Principal'] })),
  ];
  const emailSeen = new Map<string, number>();
  for (let i = 0; i < shape.people; i++) {
    const home = homes[i < homes.length ? i : Math.floor(random() * homes.length)]!;
    const first = pick(FIRST);
    const last = pick(LAST);
    const base = `${first}.${last}`.toLowerCase();
    const n = (emailSeen.get(base) ?? 0) + 1;
    emailSeen.set(base, n);
    people.push({
      id: randomUUID(),
      name: `${first} ${last}`,
      email: `${base}${n > 1 ? n : ''}@example.org`,
      title: pick(home.titles),
      homeUnitId: home.unit.id,
      passwordHash: null,
      isSystemAdmin: false,
    });
  }
  return { state, regions, districts, feederPatterns, schools, people };
}

export const allUnits = (o: GeneratedOrganization): UnitSeed[] => [o.state, ...o.regions, ...o.districts, ...o.feederPatterns, ...o.schools];
