// The resource analysis (flat arrays, typed scratch tables, hashed groups, date buckets: tuned for a
// state of 300,000 resources) against a straightforward reference written from the rules at the top
// of packages/core/src/resources/analysis.ts: pairs compared directly, findings collected in lists,
// funding sorted by one comparator. Generated states are small and crowded (few cells, names, tags
// and targets; ids that are prefixes of one another; duplicate units and ids; resources outside the
// units or the framework) so that every rule fires often. Findings must agree field by field and in
// order; the matrices are checked against `aggregateResourceMap`.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMonthsToIsoDate,
  aggregateResourceMap,
  analyzeResources,
  normalizeResourceText,
  RESOURCE_DEFAULT_EXPIRING_MONTHS,
  RESOURCE_DEFAULT_MIN_COVERAGE,
  RESOURCE_FINDING_CODES,
  resourceNameSignature,
  type MappedResource,
  type ResourceMapUnit,
} from '../src/resources/analysis.js';
import { INTERVENTION_FRAMEWORK, interventionCells } from '../src/resources/framework.js';

const framework = INTERVENTION_FRAMEWORK;
const CELLS = interventionCells(framework).map((c) => c.key);
const num = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const dayNumber = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;

type Plain = Record<string, unknown>;

/** The analysis's findings, as plain data and in order, the slow and obvious way. */
function referenceFindings(input: {
  units: readonly ResourceMapUnit[];
  resources: readonly MappedResource[];
  asOf: string;
  minCoverage: number;
  months: number;
  scope?: { id: string; name: string };
}): Plain[] {
  const { asOf, minCoverage, months } = input;
  const units: ResourceMapUnit[] = [];
  for (const u of input.units) if (!units.some((v) => v.id === u.id)) units.push(u);
  const ofUnit = (u: ResourceMapUnit) => input.resources.filter((r) => r.unitId === u.id);
  const placed = units.flatMap(ofUnit);
  const cellsOf = (r: MappedResource) => [...new Set(r.cells.filter((c) => CELLS.includes(c)))];
  const tagsOf = (r: MappedResource) => [...new Set((r.purposeTags ?? []).filter((t) => t !== ''))];
  const targetOf = (r: MappedResource) => (r.targetPopulation ? normalizeResourceText(r.targetPopulation) : '');
  const known = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);
  const out: Plain[] = [];

  const gaps = (id: string, list: readonly MappedResource[], population: number | null, level: 'unit' | 'scope') => {
    const at = level === 'scope' ? 'scope:' : '';
    const unitIds = level === 'scope' ? [] : [id];
    if (list.length === 0) {
      out.push({ key: `no_resources_mapped:${at}${id}`, code: 'no_resources_mapped', level, unitIds, cells: [], resourceIds: [], figures: { population } });
      return;
    }
    for (const cell of CELLS) {
      const inCell = list.filter((r) => cellsOf(r).includes(cell));
      if (inCell.length === 0) {
        out.push({ key: `gap_empty:${at}${id}:${cell}`, code: 'gap_empty', level, unitIds, cells: [cell], resourceIds: [], figures: { population } });
        continue;
      }
      const servedBy = inCell.filter((r) => known(r.populationServed));
      if (population === null || population <= 0 || servedBy.length === 0) continue;
      const served = servedBy.reduce((s, r) => s + (r.populationServed as number), 0);
      if (served / population >= minCoverage) continue;
      out.push({
        key: `gap_low_coverage:${at}${id}:${cell}`,
        code: 'gap_low_coverage',
        level,
        unitIds,
        cells: [cell],
        resourceIds: [],
        figures: { resourceCount: inCell.length, populationServed: served, population, coverage: served / population, threshold: minCoverage },
      });
    }
  };

  for (const u of units) {
    const list = ofUnit(u);
    gaps(u.id, list, known(u.population) ? u.population : null, 'unit');
    if (list.length < 2) continue;
    const redundancies: { memberKey: string; members: MappedResource[]; cells: string[]; purposes: Set<string>; similarNames: boolean; target: string }[] = [];
    for (const cell of CELLS) {
      const inCell = list.filter((r) => cellsOf(r).includes(cell));
      if (inCell.length < 2) continue;
      const loose = inCell.filter((r) => !r.coordinated);
      if (loose.length > 0) {
        out.push({
          key: `fragmentation:${u.id}:${cell}`,
          code: 'fragmentation',
          level: 'unit',
          unitIds: [u.id],
          cells: [cell],
          resourceIds: loose.map((r) => r.id),
          figures: { resourceCount: inCell.length, uncoordinatedCount: loose.length, uncoordinatedAnnualCost: loose.reduce((s, r) => s + num(r.annualCost), 0) },
        });
      }
      // Every pair: linked when the target is the same and a tag or a non-empty name signature is.
      const sharedTags = (a: MappedResource, b: MappedResource) => tagsOf(a).filter((t) => tagsOf(b).includes(t));
      const sameName = (a: MappedResource, b: MappedResource) => resourceNameSignature(a.name) !== '' && resourceNameSignature(a.name) === resourceNameSignature(b.name);
      const linked = (a: MappedResource, b: MappedResource) => targetOf(a) === targetOf(b) && (sharedTags(a, b).length > 0 || sameName(a, b));
      // Groups: what is linked, directly or through others (grown until nothing joins).
      const seen = new Set<number>();
      for (let j = 0; j < inCell.length; j++) {
        if (seen.has(j)) continue;
        const group = new Set([j]);
        for (let grew = true; grew; ) {
          grew = false;
          for (let x = 0; x < inCell.length; x++) {
            if (group.has(x)) continue;
            if ([...group].some((y) => linked(inCell[x]!, inCell[y]!))) {
              group.add(x);
              grew = true;
            }
          }
        }
        for (const x of group) seen.add(x);
        if (group.size < 2) continue;
        const members = [...group].sort((a, b) => a - b).map((x) => inCell[x]!);
        const purposes = new Set<string>();
        let similarNames = false;
        for (let a = 0; a < members.length; a++) {
          for (let b = a + 1; b < members.length; b++) {
            for (const t of sharedTags(members[a]!, members[b]!)) purposes.add(t);
            if (sameName(members[a]!, members[b]!)) similarNames = true;
          }
        }
        const memberKey = members
          .map((r) => r.id)
          .sort()
          .join(',');
        const existing = redundancies.find((g) => g.memberKey === memberKey);
        if (existing) {
          existing.cells.push(cell);
          for (const t of purposes) existing.purposes.add(t);
          existing.similarNames ||= similarNames;
        } else redundancies.push({ memberKey, members, cells: [cell], purposes, similarNames, target: members[0]!.targetPopulation?.trim() ?? '' });
      }
    }
    for (const g of redundancies) {
      out.push({
        key: `redundancy:${u.id}:${g.memberKey}`,
        code: 'redundancy',
        level: 'unit',
        unitIds: [u.id],
        cells: g.cells,
        resourceIds: g.members.map((r) => r.id),
        figures: {
          resourceCount: g.members.length,
          totalAnnualCost: g.members.reduce((s, r) => s + num(r.annualCost), 0),
          staffFte: round(g.members.reduce((s, r) => s + num(r.staffFte), 0), 4),
          populationServed: g.members.reduce((s, r) => s + num(r.populationServed), 0),
          confidence: g.target === '' ? 'possible' : 'likely',
          sharedPurposes: [...g.purposes].sort(),
          similarNames: g.similarNames,
        },
      });
    }
  }

  if (input.scope) {
    const knownUnits = units.filter((u) => known(u.population));
    gaps(input.scope.id, placed, knownUnits.length > 0 ? knownUnits.reduce((s, u) => s + (u.population as number), 0) : null, 'scope');
  }

  // Economies of scale. Purposes are numbered as the analysis first meets them (a resource's tags,
  // then its name), and needs are taken in (purpose, cell) order: that fixes the findings' order.
  const purposeIds = new Map<string, number>();
  const purposeId = (p: string) => {
    if (!purposeIds.has(p)) purposeIds.set(p, purposeIds.size + 1);
    return purposeIds.get(p)!;
  };
  for (const r of placed) {
    for (const t of r.purposeTags ?? []) if (t !== '') purposeId(t);
    if (resourceNameSignature(r.name) !== '') purposeId(resourceNameSignature(r.name));
  }
  const feeders: { id: string; name: string }[] = [];
  for (const u of units) if (u.feederPatternId && !feeders.some((f) => f.id === u.feederPatternId)) feeders.push({ id: u.feederPatternId, name: u.feederPatternName ?? u.feederPatternId });
  for (const feeder of feeders) {
    const members = units.filter((u) => u.feederPatternId === feeder.id).flatMap(ofUnit);
    const needs = new Map<string, { purpose: string; cell: string; order: number; positions: number[] }>();
    members.forEach((r, position) => {
      const purposes = tagsOf(r).length > 0 ? tagsOf(r) : resourceNameSignature(r.name) !== '' ? [resourceNameSignature(r.name)] : [];
      for (const cell of cellsOf(r)) {
        for (const purpose of purposes) {
          const key = `${cell}/${purpose}`;
          if (!needs.has(key)) needs.set(key, { purpose, cell, order: purposeId(purpose) * CELLS.length + CELLS.indexOf(cell), positions: [] });
          needs.get(key)!.positions.push(position);
        }
      }
    });
    const groups: { positions: number[]; needs: { purpose: string; cell: string }[] }[] = [];
    for (const need of [...needs.values()].sort((a, b) => a.order - b.order)) {
      if (new Set(need.positions.map((at) => members[at]!.unitId)).size < 2) continue;
      const same = groups.find((g) => g.positions.join() === need.positions.join());
      if (same) same.needs.push(need);
      else groups.push({ positions: need.positions, needs: [need] });
    }
    for (const g of groups) {
      const found = g.positions.map((at) => members[at]!);
      const unitIds = [...new Set(found.map((r) => r.unitId))];
      out.push({
        key: `economies_of_scale:${feeder.id}:${g.needs
          .map((n) => `${n.cell}/${n.purpose}`)
          .sort()
          .join('+')}`,
        code: 'economies_of_scale',
        level: 'feeder_pattern',
        unitIds,
        feederPatternId: feeder.id,
        cells: [...new Set(g.needs.map((n) => n.cell))].sort((a, b) => CELLS.indexOf(a) - CELLS.indexOf(b)),
        resourceIds: found.map((r) => r.id),
        figures: {
          unitCount: unitIds.length,
          resourceCount: found.length,
          totalAnnualCost: found.reduce((s, r) => s + num(r.annualCost), 0),
          staffFte: round(found.reduce((s, r) => s + num(r.staffFte), 0), 4),
          purpose: [...new Set(g.needs.map((n) => n.purpose))].sort().join(', '),
        },
      });
    }
  }

  // Funding: one sort of everything by date, then key.
  const until = addMonthsToIsoDate(asOf, months);
  const funding: Plain[] = [];
  for (const r of placed) {
    const endsOn = r.fundingEndsOn;
    if (!endsOn || endsOn > until) continue;
    const annualCost = typeof r.annualCost === 'number' ? r.annualCost : null;
    const fundingSource = r.fundingSource?.trim() ? r.fundingSource.trim() : null;
    const ended = endsOn < asOf;
    funding.push({
      key: `${ended ? 'funding_ended' : 'funding_expiring'}:${r.id}:${endsOn}`,
      code: ended ? 'funding_ended' : 'funding_expiring',
      level: 'unit',
      unitIds: [r.unitId],
      cells: r.cells,
      resourceIds: [r.id],
      figures: ended
        ? { endsOn, daysAgo: dayNumber(asOf) - dayNumber(endsOn), annualCost, fundingSource }
        : { endsOn, daysLeft: dayNumber(endsOn) - dayNumber(asOf), annualCost, fundingSource },
    });
  }
  const endsOn = (f: Plain) => (f.figures as { endsOn: string }).endsOn;
  funding.sort((a, b) => byText(endsOn(a), endsOn(b)) || byText(a.key as string, b.key as string));
  return [...out, ...funding];
}

// ---- Generated states ----------------------------------------------------------------------------

// A few cells, so that resources crowd into them; costs in multiples of 6 and FTE in multiples of
// 0.75, so that splitting across up to three cells and summing in any order is exact.
const FEW_CELLS = [CELLS[0]!, CELLS[1]!, CELLS[4]!, CELLS[9]!];
const NAMES = ['Check & Connect', 'check and connect program', 'Peer Tutoring', 'Peer tutors', 'Peer Tutor', 'The Program', 'Café Club', 'Cafe clubs', 'Mentoring', ''];
const TAGS = ['attendance', 'mentoring', 'literacy', '', 'check connect'];
const TARGETS = [null, undefined, '', '  ', 'All students', 'all students!', 'Grade 9', '!!!', ' Grade 9 '];
const DATES = [null, null, '2024-02-29', '2026-11-22', '2026-11-23', '2026-11-24', '2027-02-28', '2027-11-23', '2027-11-24', '2028-01-01'];
const UNIT_IDS = ['u1', 'u2', 'u3', 'u10', 'u11', 'u'];
const RESOURCE_IDS = ['r', 'r1', 'r10', 'r1:', 'r2', 'r20', 'r3', 'R1', 'r-1', 'r1-'];

const unitArb = fc.record({
  id: fc.constantFrom(...UNIT_IDS),
  name: fc.constantFrom('Lincoln', 'Adams', 'Grant'),
  population: fc.oneof(fc.constant(null), fc.constant(0), fc.integer({ min: 1, max: 2_000 })),
  feederPatternId: fc.constantFrom(null, undefined, 'f1', 'f1', 'f1', 'f10'),
  feederPatternName: fc.constantFrom(null, undefined, 'North'),
});

const resourceArb = fc.record({
  id: fc.constantFrom(...RESOURCE_IDS),
  unitId: fc.constantFrom(...UNIT_IDS, 'elsewhere'),
  name: fc.constantFrom(...NAMES),
  cells: fc.array(fc.constantFrom(...FEW_CELLS, 'nowhere:treatment'), { minLength: 1, maxLength: 3 }),
  populationServed: fc.oneof(fc.constant(null), fc.constant(undefined), fc.integer({ min: 0, max: 300 })),
  staffFte: fc.constantFrom(null, undefined, 0, 0.75, 1.5, 2.25),
  annualCost: fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 10_000 }).map((n) => n * 6)),
  fundingSource: fc.constantFrom(null, undefined, 'Title I', '  ', ' Foundation grant '),
  fundingEndsOn: fc.constantFrom(...DATES),
  coordinated: fc.boolean(),
  purposeTags: fc.oneof(fc.constant(undefined), fc.array(fc.constantFrom(...TAGS), { maxLength: 3 })),
  targetPopulation: fc.constantFrom(...TARGETS),
});

const stateArb = fc.record({
  units: fc.array(unitArb, { maxLength: 7 }),
  resources: fc.array(resourceArb, { maxLength: 45 }),
  minCoverage: fc.constantFrom(RESOURCE_DEFAULT_MIN_COVERAGE, 0.3, 0),
  months: fc.constantFrom(RESOURCE_DEFAULT_EXPIRING_MONTHS, 3),
  asOf: fc.constantFrom('2026-11-23', '2027-02-28'),
  scoped: fc.boolean(),
});

describe('resource analysis against a straightforward reference', () => {
  it('finds the same findings, in the same order, with the same figures and matrices', () => {
    fc.assert(
      fc.property(stateArb, ({ units, resources, minCoverage, months, asOf, scoped }) => {
        const scope = scoped ? { id: 'd1', name: 'District One' } : undefined;
        const analysis = analyzeResources({ framework, units, resources, asOf, options: { minCoverage, expiringWithinMonths: months }, ...(scope ? { scope } : {}) });
        const expected = referenceFindings({ units, resources, asOf, minCoverage, months, ...(scope ? { scope } : {}) });
        const actual = analysis.findings.map((f) => {
          const { explanation, ...rest } = JSON.parse(JSON.stringify(f)) as Plain & { explanation: string };
          expect(explanation.length).toBeGreaterThan(0);
          return rest;
        });
        expect(actual).toEqual(JSON.parse(JSON.stringify(expected)));

        const counts = Object.fromEntries(RESOURCE_FINDING_CODES.map((c) => [c, expected.filter((f) => f.code === c).length]));
        expect(analysis.counts).toEqual(counts);
        const unique = units.filter((u, i) => units.findIndex((v) => v.id === u.id) === i);
        expect(analysis.unitMaps).toEqual(unique.map((u) => ({ unitId: u.id, map: aggregateResourceMap(framework, [u], resources) })));
        // The summed matrix lists resources outside the framework unit by unit.
        const byUnit = unique.flatMap((u) => resources.filter((r) => r.unitId === u.id));
        expect(analysis.map).toEqual(aggregateResourceMap(framework, unique, byUnit));
        expect(analysis.resourcesOutsideUnits).toBe(resources.filter((r) => !unique.some((u) => u.id === r.unitId)).length);
      }),
      { numRuns: 400 },
    );
  });

  it('names the resources of a finding in its explanation', () => {
    fc.assert(
      fc.property(stateArb, ({ units, resources, asOf }) => {
        const analysis = analyzeResources({ framework, units, resources, asOf });
        for (const f of analysis.findings) {
          if (f.resourceIds.length === 0 || f.resourceIds.length > 5) continue;
          // The finding's first resource, when its id tells it apart (ids may repeat in generated data).
          const matches = resources.filter((r) => r.id === f.resourceIds[0] && f.unitIds.includes(r.unitId));
          if (matches.length === 1 && matches[0]!.name !== '') expect(f.explanation).toContain(matches[0]!.name);
        }
      }),
      { numRuns: 150 },
    );
  });
});
