// Analysis of resource maps: the framework matrix for a unit or summed over many, and the findings a
// work group acts on (gaps, redundancies, fragmentation, expiring funding, economies of scale across
// a feeder pattern), each explained in words a principal can act on. Pure functions over plain data;
// the day of the analysis is an input, never the clock.
//
// Choices (tests in packages/core/test/resources.test.ts hold them):
// - A resource in several cells counts, and counts its population served, in each of its cells;
//   its staff FTE and annual cost are split evenly across its cells, so a row, a column or the
//   whole matrix sums to the true total and nothing is counted twice. `fullAnnualCost` beside each
//   cell gives the undivided cost of the resources there. Totals count each resource once.
// - Coverage of a cell is population served ÷ the population of the units analyzed. It is null when
//   that population is zero or unknown, and computed from the resources whose population served is
//   known (`populationUnknown` says how many are not).
// - Gaps: an empty cell, or a cell whose coverage is below `minCoverage` (default 0.05). A unit with
//   no resources at all gets one `no_resources_mapped` finding instead of one gap per cell.
// - Two resources of a unit overlap (redundancy) when they share a cell, the same target
//   population (compared lowercased without punctuation; two blank ones count as the same, with
//   confidence `possible`) and either a purpose tag or a similar name (the same significant words
//   in any order, after dropping words like "program", "service", "the" and plural "s"). Overlap is
//   transitive within a cell; groups with the same members in several cells are one finding.
// - Fragmentation: a cell of a unit with two or more resources of which at least one is not
//   coordinated with the rest.
// - Economies of scale: in one feeder pattern, resources at two or more schools meeting the same
//   need — the same cell and purpose tag (or, for a resource without tags, the same similar name).
//   Resources with the same members for several (cell, purpose) pairs are one finding.
// - Funding: ends on or after `asOf` and within `expiringWithinMonths` (default 12) calendar
//   months, the ends included; funding that ended before `asOf` is its own finding.
// - Everything is bucketed (by unit, cell, purpose, name) before any comparison: no pass compares
//   all pairs of resources. Resources are laid out in flat arrays, the per-cell and per-feeder
//   scratch (buckets, hash tables, positions) lives in typed arrays reused for the whole run, kept
//   findings get exact-length arrays and shared key prefixes, and explanations are composed when
//   read (`ResourceFindingRecord`): garbage collection was half of the time. A state of 300,000
//   resources and 300,000 findings is analyzed in about 0.65 s of CPU time (bench/src/resources.ts);
//   packages/core/test/resources-reference.test.ts holds the results to a straightforward reference.
import type { SourceRef } from '../catalogs/sources.js';
import { interventionCellIndex, interventionCells, interventionFrameworkRef, type InterventionFramework, type InterventionFrameworkRef } from './framework.js';

// ---- Inputs --------------------------------------------------------------------------------------

/** What the analysis reads of a resource (a stored resource has more). */
export interface MappedResource {
  id: string;
  unitId: string;
  name: string;
  cells: readonly string[];
  populationServed?: number | null | undefined;
  staffFte?: number | null | undefined;
  annualCost?: number | null | undefined;
  fundingSource?: string | null | undefined;
  fundingEndsOn?: string | null | undefined;
  coordinated: boolean;
  purposeTags?: readonly string[] | undefined;
  targetPopulation?: string | null | undefined;
}

/** A unit whose resources are analyzed. */
export interface ResourceMapUnit {
  id: string;
  name: string;
  /** Students enrolled; null when unknown. Summed over the units of a scope. */
  population: number | null;
  feederPatternId?: string | null | undefined;
  feederPatternName?: string | null | undefined;
  districtId?: string | null | undefined;
}

export interface ResourceAnalysisOptions {
  /** A cell whose population served ÷ population is below this is a gap. Default 0.05. */
  minCoverage?: number;
  /** Funding ending within this many months of `asOf` is expiring. Default 12. */
  expiringWithinMonths?: number;
}

export const RESOURCE_DEFAULT_MIN_COVERAGE = 0.05;
export const RESOURCE_DEFAULT_EXPIRING_MONTHS = 12;

// ---- The matrix ----------------------------------------------------------------------------------

export interface ResourceCellTally {
  cell: string;
  /** Resources placed in the cell; one in several cells counts in each. */
  count: number;
  /** Of those, how many are also placed in other cells. */
  sharedCount: number;
  /** Staff FTE, each resource's split evenly across its cells. */
  staffFte: number;
  /** Annual cost, each resource's split evenly across its cells. */
  annualCost: number;
  /** Undivided annual cost of the resources in the cell. */
  fullAnnualCost: number;
  /** Population served by the resources in the cell (each counted in each of its cells). */
  populationServed: number;
  /** Resources in the cell whose population served is unknown. */
  populationUnknown: number;
  /** populationServed ÷ the population analyzed; null when that population is 0 or unknown. */
  coverage: number | null;
}

export interface ResourceMap {
  framework: InterventionFrameworkRef;
  /** The units summed (one for a unit's map). */
  unitCount: number;
  /** Sum of the units' known populations; null when none is known. */
  population: number | null;
  /** Units whose population is unknown (left out of `population`). */
  populationUnknownUnits: number;
  /** In `interventionCells(framework)` order. */
  cells: ResourceCellTally[];
  /** Each resource once. */
  totals: { resources: number; staffFte: number; annualCost: number };
  /** Resources placed in a cell the framework does not have (e.g. a dropped arena). */
  outsideFramework: string[];
}

const num = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** Positions of a resource's cells in the framework, each once; `outside` when one is not in it. */
function placeCells(index: ReadonlyMap<string, number>, cells: readonly string[]): { at: number[]; outside: boolean } {
  const at: number[] = [];
  let outside = false;
  for (const key of cells) {
    const i = index.get(key);
    if (i === undefined) outside = true;
    else if (!at.includes(i)) at.push(i);
  }
  return { at, outside };
}

/** Running sums for one matrix. */
class Tally {
  readonly count: Float64Array;
  readonly shared: Float64Array;
  readonly fte: Float64Array;
  readonly cost: Float64Array;
  readonly fullCost: Float64Array;
  readonly served: Float64Array;
  readonly unknown: Float64Array;
  resources = 0;
  totalFte = 0;
  totalCost = 0;
  population = 0;
  populationKnownUnits = 0;
  populationUnknownUnits = 0;
  unitCount = 0;
  outside: string[] = [];

  constructor(readonly size: number) {
    this.count = new Float64Array(size);
    this.shared = new Float64Array(size);
    this.fte = new Float64Array(size);
    this.cost = new Float64Array(size);
    this.fullCost = new Float64Array(size);
    this.served = new Float64Array(size);
    this.unknown = new Float64Array(size);
  }

  /** Back to zero, to tally the next unit without allocating. */
  reset() {
    this.count.fill(0);
    this.shared.fill(0);
    this.fte.fill(0);
    this.cost.fill(0);
    this.fullCost.fill(0);
    this.served.fill(0);
    this.unknown.fill(0);
    this.resources = this.totalFte = this.totalCost = this.population = 0;
    this.populationKnownUnits = this.populationUnknownUnits = this.unitCount = 0;
    this.outside = [];
  }

  addUnit(unit: ResourceMapUnit) {
    this.unitCount += 1;
    if (typeof unit.population === 'number' && Number.isFinite(unit.population)) {
      this.population += unit.population;
      this.populationKnownUnits += 1;
    } else this.populationUnknownUnits += 1;
  }

  addResource(r: MappedResource, at: readonly number[], outside: boolean) {
    const fte = num(r.staffFte);
    const cost = num(r.annualCost);
    this.resources += 1;
    this.totalFte += fte;
    this.totalCost += cost;
    if (outside) this.outside.push(r.id);
    const n = at.length;
    const known = typeof r.populationServed === 'number' && Number.isFinite(r.populationServed);
    for (const i of at) {
      this.count[i]! += 1;
      if (n > 1) this.shared[i]! += 1;
      this.fte[i]! += fte / n;
      this.cost[i]! += cost / n;
      this.fullCost[i]! += cost;
      if (known) this.served[i]! += r.populationServed as number;
      else this.unknown[i]! += 1;
    }
  }

  /** Resource `k` of `p` (see `Placements`). */
  addPlaced(p: Placements, k: number) {
    const r = p.resources[k]!;
    const fte = num(r.staffFte);
    const cost = num(r.annualCost);
    this.resources += 1;
    this.totalFte += fte;
    this.totalCost += cost;
    if (p.outside[k]) this.outside.push(r.id);
    const from = p.cellStart[k]!;
    const to = p.cellStart[k + 1]!;
    const n = to - from;
    const served = r.populationServed;
    const known = typeof served === 'number' && Number.isFinite(served);
    for (let c = from; c < to; c++) {
      const i = p.cells[c]!;
      this.count[i]! += 1;
      if (n > 1) this.shared[i]! += 1;
      this.fte[i]! += fte / n;
      this.cost[i]! += cost / n;
      this.fullCost[i]! += cost;
      if (known) this.served[i]! += served;
      else this.unknown[i]! += 1;
    }
  }

  toMap(framework: InterventionFramework): ResourceMap {
    const population = this.populationKnownUnits > 0 ? this.population : null;
    // A plain loop into an array of the exact length: a state's analysis makes 10,000 of these.
    const keys = interventionCells(framework);
    const cells = new Array<ResourceCellTally>(this.size);
    for (let i = 0; i < this.size; i++) {
      cells[i] = {
        cell: keys[i]!.key,
        count: this.count[i]!,
        sharedCount: this.shared[i]!,
        staffFte: round4(this.fte[i]!),
        annualCost: round2(this.cost[i]!),
        fullAnnualCost: round2(this.fullCost[i]!),
        populationServed: this.served[i]!,
        populationUnknown: this.unknown[i]!,
        coverage: population !== null && population > 0 && this.unknown[i]! < this.count[i]! ? this.served[i]! / population : null,
      };
    }
    return {
      framework: interventionFrameworkRef(framework),
      unitCount: this.unitCount,
      population,
      populationUnknownUnits: this.populationUnknownUnits,
      cells,
      totals: { resources: this.resources, staffFte: round4(this.totalFte), annualCost: round2(this.totalCost) },
      outsideFramework: this.outside,
    };
  }
}

const round = (v: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
};
// The same for 2 and 4 digits (10 ** 2 and 10 ** 4 are exact), without the power.
const round2 = (v: number) => Math.round(v * 100) / 100;
const round4 = (v: number) => Math.round(v * 10_000) / 10_000;

/**
 * The framework matrix summed over `units` (one unit for its own map; a feeder pattern's, a
 * district's or the state's schools for theirs). Resources of other units are left out.
 */
export function aggregateResourceMap(framework: InterventionFramework, units: readonly ResourceMapUnit[], resources: readonly MappedResource[]): ResourceMap {
  const index = interventionCellIndex(framework);
  const tally = new Tally(index.size);
  const ids = new Set<string>();
  for (const u of units) {
    if (ids.has(u.id)) continue;
    ids.add(u.id);
    tally.addUnit(u);
  }
  for (const r of resources) {
    if (!ids.has(r.unitId)) continue;
    const { at, outside } = placeCells(index, r.cells);
    tally.addResource(r, at, outside);
  }
  return tally.toMap(framework);
}

// ---- Findings ------------------------------------------------------------------------------------

export const RESOURCE_FINDING_CODES = [
  'no_resources_mapped',
  'gap_empty',
  'gap_low_coverage',
  'redundancy',
  'fragmentation',
  'funding_expiring',
  'funding_ended',
  'economies_of_scale',
] as const;
export type ResourceFindingCode = (typeof RESOURCE_FINDING_CODES)[number];

export const RESOURCE_FINDING_LABELS: Record<ResourceFindingCode, string> = {
  no_resources_mapped: 'Nothing mapped',
  gap_empty: 'Gap: nothing in this cell',
  gap_low_coverage: 'Gap: too little for the population',
  redundancy: 'Redundancy',
  fragmentation: 'Fragmentation',
  funding_expiring: 'Funding ends within the year',
  funding_ended: 'Funding has ended',
  economies_of_scale: 'Economies of scale across the feeder pattern',
};

const guide = (section: string, quote: string): SourceRef => ({ source: 'planning-coaching-guide', section, quote });
const cam = (section: string, quote: string): SourceRef => ({ source: 'change-agent-mechanisms', section, quote });
const MAP_STATUS = guide(
  'Appendix B',
  'map prevailing status of student and learning supports within the district (e.g., current activity, gaps, redundancies, priority needs, etc.) using the intervention framework in the design document',
);
const COORDINATION = cam(
  'Exhibit 3 — 3. Communication and visibility; resource mapping and analyses; coordination, collaboration, and integration',
  'how well programs and services are coordinated/integrated (with special emphasis on maximizing cost-effectiveness and minimizing redundancy)',
);
const SUSTAIN = cam(
  'A Few General Comments about Systemic Change Practices at Schools',
  'finances, personnel, time, space, equipment, and other essential resources must be made available, organized, and used in ways that adequately operationalize and sustain policy and promising practices',
);

/** Where the documents ask for each analysis. */
export const RESOURCE_FINDING_SOURCES: Readonly<Record<ResourceFindingCode, SourceRef>> = {
  no_resources_mapped: MAP_STATUS,
  gap_empty: MAP_STATUS,
  gap_low_coverage: MAP_STATUS,
  redundancy: COORDINATION,
  fragmentation: COORDINATION,
  funding_expiring: SUSTAIN,
  funding_ended: SUSTAIN,
  economies_of_scale: cam(
    'Exhibit 4 — Second Phase — step 11',
    'Attempt to fill program/service gaps and pursue economies of scale through outreach designed to establish formal collaborative linkages with other schools in the feeder pattern',
  ),
};

export interface ResourceFindingFigures {
  no_resources_mapped: { population: number | null };
  gap_empty: { population: number | null };
  gap_low_coverage: { resourceCount: number; populationServed: number; population: number; coverage: number; threshold: number };
  redundancy: {
    resourceCount: number;
    /** Undivided annual cost of the overlapping resources. */
    totalAnnualCost: number;
    staffFte: number;
    populationServed: number;
    /** `likely` when the target population is stated and the same; `possible` when it is blank for all. */
    confidence: 'likely' | 'possible';
    sharedPurposes: string[];
    similarNames: boolean;
  };
  fragmentation: { resourceCount: number; uncoordinatedCount: number; uncoordinatedAnnualCost: number };
  funding_expiring: { endsOn: string; daysLeft: number; annualCost: number | null; fundingSource: string | null };
  funding_ended: { endsOn: string; daysAgo: number; annualCost: number | null; fundingSource: string | null };
  economies_of_scale: { unitCount: number; resourceCount: number; totalAnnualCost: number; staffFte: number; purpose: string };
}

interface FindingOf<C extends ResourceFindingCode> {
  /** Stable across runs on the same data: what a recommendation refers to. */
  key: string;
  code: C;
  /** Where it was found: a unit, a feeder pattern, or the whole scope analyzed. */
  level: 'unit' | 'feeder_pattern' | 'scope';
  /** The units involved (the feeder pattern's schools for economies of scale; empty for the scope). */
  unitIds: readonly string[];
  feederPatternId?: string;
  cells: readonly string[];
  resourceIds: readonly string[];
  figures: ResourceFindingFigures[C];
  /**
   * What it means and what to do, in plain words. Composed when read (see `ResourceFindingRecord`):
   * a state's analysis has hundreds of thousands of findings and a person reads a page of them.
   */
  readonly explanation: string;
}
export type ResourceFinding = { [C in ResourceFindingCode]: FindingOf<C> }[ResourceFindingCode];
type ResourceFindingInit = ResourceFinding extends infer F ? (F extends unknown ? Omit<F, 'explanation'> : never) : never;

// ---- Words ---------------------------------------------------------------------------------------
// Findings can number in the hundreds of thousands for a state: numbers are formatted by hand
// (Intl formatters are several times slower), in en-US style.

/** 12345.6 → "12,346". */
function groupDigits(n: number): string {
  const rounded = Math.round(Math.abs(n));
  const digits = String(rounded);
  const sign = n < 0 && rounded !== 0 ? '-' : '';
  if (digits.length <= 3) return sign + digits;
  let out = digits.slice(0, digits.length % 3 || 3);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return sign + out;
}
const money = (n: number) => `${n < 0 ? '-' : ''}$${groupDigits(Math.abs(n))}`;
const decimal = (n: number) => String(round(n, 2));
const percent = (ratio: number) => `${round(ratio * 100, 1)}%`;
const plural = (n: number, one: string, many = `${one}s`) => `${groupDigits(n)} ${n === 1 ? one : many}`;
const listNames = (names: readonly string[], max = 5) =>
  names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')} and ${plural(names.length - max, 'other')}`;

/** Names of cells and units, for explanations. */
class Lexicon {
  private readonly cells: ReadonlyMap<string, string>;
  constructor(
    framework: InterventionFramework,
    private readonly units: ReadonlyMap<string, ResourceMapUnit>,
  ) {
    this.cells = new Map(interventionCells(framework).map((c) => [c.key, c.name]));
  }
  cellNames(keys: readonly string[]): string {
    return keys.map((k) => this.cells.get(k) ?? k).join('; ');
  }
  unitName(id: string): string {
    return this.units.get(id)?.name ?? 'a school';
  }
}

/** What an explanation needs beyond a finding's own fields. */
interface Words {
  lexicon: Lexicon;
  unit: ResourceMapUnit | null;
  /** The resources it names. */
  members: readonly MappedResource[];
  /** Redundancy: the shared target population; economies of scale: the feeder pattern's name. */
  detail: string;
}
const NO_RESOURCES: readonly MappedResource[] = Object.freeze([]);

function explain(f: ResourceFinding, w: Words): string {
  const unit = w.unit?.name ?? 'the unit';
  const cells = w.lexicon.cellNames(f.cells);
  const names = () => listNames(w.members.map((r) => r.name));
  switch (f.code) {
    case 'no_resources_mapped':
      return (
        `No program, service, initiative or staff role is mapped for ${unit} yet, so gaps and overlaps cannot be told apart. ` +
        `Map what the unit has on the framework first (a work group can import a spreadsheet), then read the analysis again.`
      );
    case 'gap_empty':
      return (
        `Nothing at ${unit} is placed in ${cells}. If students need this kind of support, it is a gap: check whether the district ` +
        `or a community agency already provides it, and if not, consider making it a priority need.`
      );
    case 'gap_low_coverage': {
      const g = f.figures;
      return (
        `At ${unit}, ${plural(g.resourceCount, 'resource')} in ${cells} serve ${groupDigits(g.populationServed)} of ${groupDigits(g.population)} students ` +
        `(${percent(g.coverage)}), below the ${percent(g.threshold)} threshold. Consider expanding what is there, or ` +
        `redeploying resources from cells where programs overlap.`
      );
    }
    case 'fragmentation': {
      const g = f.figures;
      const loose = g.uncoordinatedCount === g.resourceCount ? 'none is' : `${groupDigits(g.uncoordinatedCount)} ${g.uncoordinatedCount === 1 ? 'is' : 'are'} not`;
      return (
        `At ${unit}, ${plural(g.resourceCount, 'resource')} work in ${cells} and ${loose} coordinated with the others (${names()}). ` +
        `Bring the people who run them together (for example in the Learning Supports Leadership Team) to share students, referrals and plans.`
      );
    }
    case 'redundancy': {
      const g = f.figures;
      const why = [g.sharedPurposes.length > 0 ? `the same purpose (${g.sharedPurposes.join(', ')})` : '', g.similarNames ? 'similar names' : ''].filter(Boolean).join(' and ');
      const whom = g.confidence === 'likely' ? `the same students (${w.detail})` : 'students not described (no target population is given, so check who they serve)';
      return (
        `At ${unit}, ${plural(g.resourceCount, 'resource')} in ${cells} have ${why} and serve ${whom}: ${names()}. ` +
        `Together they cost ${money(g.totalAnnualCost)} a year${g.staffFte > 0 ? ` and ${decimal(g.staffFte)} staff FTE` : ''}. ` +
        `Consider unifying them, and redeploying what that frees to a gap.`
      );
    }
    case 'funding_ended':
    case 'funding_expiring': {
      const g = f.figures;
      const what = `Funding for ${w.members[0]?.name ?? 'a resource'} at ${unit}${g.fundingSource ? ` (${g.fundingSource})` : ''}`;
      const cost = g.annualCost !== null ? `It costs ${money(g.annualCost)} a year` : 'Its cost is not recorded';
      if (f.code === 'funding_ended') {
        return `${what} ended on ${g.endsOn}, ${plural(f.figures.daysAgo, 'day')} ago, yet it is still on the map. ${cost}. Record how it is paid for now, or take it off the map if it has stopped.`;
      }
      return (
        `${what} ends on ${g.endsOn}, in ${plural(f.figures.daysLeft, 'day')}. ${cost} and works in ${cells}. ` +
        `Decide now whether to sustain it (another source, or redeploying resources) or to phase it out, so students are not left without it.`
      );
    }
    case 'economies_of_scale': {
      const g = f.figures;
      const where = w.members.map((r) => `${r.name} at ${w.lexicon.unitName(r.unitId)}`);
      return (
        `In the ${w.detail} feeder pattern, ${plural(g.unitCount, 'school')} each meet the same need (${g.purpose}, in ${cells}) on their own: ` +
        `${listNames(where)}. Together that is ${money(g.totalAnnualCost)} a year. Planning it once for the feeder pattern (for example through a ` +
        `Learning Supports Leadership Council) may serve the same students for less.`
      );
    }
  }
}

/**
 * A finding. Its fields are plain data; its `explanation` is composed when read, from what the
 * finding keeps privately (unit, resources, names), so that a state's analysis does not build
 * hundreds of thousands of sentences nobody reads. `JSON.stringify` includes the explanation (see
 * `toJSON`); to copy a finding as a plain object, use `JSON.parse(JSON.stringify(f))` or `toJSON()`,
 * not spreading.
 */
export class ResourceFindingRecord {
  readonly key: string;
  readonly code: ResourceFindingCode;
  readonly level: ResourceFinding['level'];
  readonly unitIds: readonly string[];
  readonly feederPatternId: string | undefined;
  readonly cells: readonly string[];
  readonly resourceIds: readonly string[];
  readonly figures: ResourceFinding['figures'];
  // What the explanation needs beyond the fields above (private: not data, not serialized).
  readonly #lexicon: Lexicon;
  readonly #unit: ResourceMapUnit | null;
  readonly #members: readonly MappedResource[];
  readonly #detail: string;

  constructor(init: ResourceFindingInit, words: Words) {
    this.key = init.key;
    this.code = init.code;
    this.level = init.level;
    this.unitIds = init.unitIds;
    this.feederPatternId = init.feederPatternId;
    this.cells = init.cells;
    this.resourceIds = init.resourceIds;
    this.figures = init.figures;
    this.#lexicon = words.lexicon;
    this.#unit = words.unit;
    this.#members = words.members;
    this.#detail = words.detail;
  }

  get explanation(): string {
    return explain(this as unknown as ResourceFinding, { lexicon: this.#lexicon, unit: this.#unit, members: this.#members, detail: this.#detail });
  }

  toJSON(): Omit<ResourceFinding, 'explanation'> & { explanation: string } {
    const { key, code, level, unitIds, feederPatternId, cells, resourceIds, figures } = this;
    return {
      key,
      code,
      level,
      unitIds,
      ...(feederPatternId === undefined ? {} : { feederPatternId }),
      cells,
      resourceIds,
      figures,
      explanation: this.explanation,
    } as Omit<ResourceFinding, 'explanation'> & { explanation: string };
  }
}

const finding = (init: ResourceFindingInit, words: Words): ResourceFinding => new ResourceFindingRecord(init, words) as unknown as ResourceFinding;

/** Lowercase words without punctuation: how names and target populations are compared. */
export const normalizeResourceText = (text: string | null | undefined): string =>
  (text ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

const NAME_FILLER = new Set(['a', 'an', 'the', 'and', 'of', 'for', 'to', 'in', 'on', 'at', 'with', 'by', 'program', 'programme', 'service', 'initiative', 'project', 'team', 'school', 'support']);
const singular = (w: string) => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w);

/**
 * A name's significant words, singular, sorted: two resources have similar names when these are
 * equal ("Check & Connect Program" and "check and connect" → "check connect").
 */
export function resourceNameSignature(name: string): string {
  const words = new Set<string>();
  for (const w of normalizeResourceText(name).split(' ')) {
    const s = singular(w);
    if (s !== '' && !NAME_FILLER.has(s)) words.add(s);
  }
  return [...words].sort().join(' ');
}

// ---- Per analysis: interned words and placed resources -------------------------------------------

/**
 * A scratch table from whole numbers (0 to 2^53) to non-negative integers, in typed arrays: emptied
 * in constant time (a generation stamp) and reused from cell to cell and from feeder pattern to
 * feeder pattern, where a `Map` would reallocate its table on every `clear()` and every growth.
 */
class ScratchIndex {
  private keys = new Float64Array(64);
  private values = new Int32Array(64);
  private stamps = new Uint32Array(64);
  private stamp = 1;
  private mask = 63;
  private size = 0;

  /** Empties the table. */
  clear() {
    this.size = 0;
    this.stamp += 1;
    if (this.stamp === 0xffffffff) {
      this.stamps.fill(0);
      this.stamp = 1;
    }
  }

  /** The value stored under `key`; or, when there is none, -1 after storing `value` under it. */
  getOrSet(key: number, value: number): number {
    if ((this.size + 1) * 2 > this.mask + 1) this.grow();
    const { keys, stamps, mask, stamp } = this;
    let i = mixNumber(key) & mask;
    while (stamps[i] === stamp) {
      if (keys[i] === key) return this.values[i]!;
      i = (i + 1) & mask;
    }
    stamps[i] = stamp;
    keys[i] = key;
    this.values[i] = value;
    this.size += 1;
    return -1;
  }

  private grow() {
    const { keys, values, stamps, stamp } = this;
    const capacity = (this.mask + 1) * 2;
    this.keys = new Float64Array(capacity);
    this.values = new Int32Array(capacity);
    this.stamps = new Uint32Array(capacity);
    this.mask = capacity - 1;
    this.stamp = 1;
    this.size = 0;
    for (let i = 0; i < keys.length; i++) if (stamps[i] === stamp) this.getOrSet(keys[i]!, values[i]!);
  }
}

/** A 32-bit hash of a whole number below 2^53. */
function mixNumber(key: number): number {
  let h = Math.imul((key >>> 0) ^ Math.imul((key / 4_294_967_296) >>> 0, 0x27d4eb2d), 0x9e3779b1);
  h ^= h >>> 15;
  return h;
}

/** Typed scratch arrays for `economiesFindings`, grown as needed and reused. */
class EconomyScratch {
  private memberRoom = new Int32Array(1024);
  private entryRoom = new Float64Array(2048);
  groupPositions = new Int32Array(1024);

  members(n: number): Int32Array {
    if (this.memberRoom.length < n) this.memberRoom = new Int32Array(Math.max(n, this.memberRoom.length * 2));
    return this.memberRoom;
  }

  entries(n: number): Float64Array {
    if (this.entryRoom.length < n) this.entryRoom = new Float64Array(Math.max(n, this.entryRoom.length * 2));
    return this.entryRoom;
  }

  /** Room for `n` group positions, keeping those stored. */
  groupRoom(n: number): Int32Array {
    if (this.groupPositions.length < n) {
      const grown = new Int32Array(Math.max(n, this.groupPositions.length * 2));
      grown.set(this.groupPositions);
      this.groupPositions = grown;
    }
    return this.groupPositions;
  }
}

/**
 * What one analysis run shares: the framework's cells, purposes (tags and name signatures) and
 * target populations interned as numbers, so buckets are keyed by numbers and each distinct name
 * is normalized once, and scratch space reused from unit to unit.
 */
class Context {
  readonly cellKeys: readonly string[];
  readonly cellNames: readonly string[];
  readonly index: ReadonlyMap<string, number>;
  /** Purpose tags and name signatures share one numbering (an untagged resource's purpose is its name). */
  readonly purposeNames: string[] = [''];
  private readonly purposeIds = new Map<string, number>();
  private readonly signatureOfName = new Map<string, number>();
  private readonly targetOfText = new Map<string, number>();
  private readonly targetIds = new Map<string, number>([['', 0]]);
  /** Scratch for one unit at a time: its resources by cell (see `cellFindings`). */
  readonly cellFrom: Int32Array;
  readonly cellFill: Int32Array;
  private byCell = new Int32Array(256);
  /** `[cellKey]` for each cell, shared by the findings about that cell. */
  readonly cellLists1: readonly (readonly string[])[];
  /** Redundancy buckets of one cell: the first resource in each. */
  readonly firstIn = new ScratchIndex();
  /** Economies of scale in one feeder pattern: the first group with each hash of positions. */
  readonly groupIndex = new ScratchIndex();
  readonly scratch = new EconomyScratch();
  /** "cell/purpose" by (purpose × cells + cell), for the keys of economies of scale. */
  private readonly bucketNames = new Map<number, string>();
  /** Links found between the resources of one cell: from which, and through which purpose. */
  linkFrom = new Int32Array(64);
  linkKind = new Int32Array(64);
  private parent = new Int32Array(64);
  /** Set once the units are known. */
  lexicon!: Lexicon;

  constructor(
    readonly framework: InterventionFramework,
    readonly minCoverage: number,
  ) {
    const cells = interventionCells(framework);
    this.cellKeys = cells.map((c) => c.key);
    this.cellNames = cells.map((c) => c.name);
    this.index = interventionCellIndex(framework);
    this.cellFrom = new Int32Array(cells.length + 1);
    this.cellFill = new Int32Array(cells.length);
    this.cellLists1 = cells.map((c) => Object.freeze([c.key]));
  }

  bucketName(need: number): string {
    let name = this.bucketNames.get(need);
    if (name === undefined) {
      const cell = need % this.cellKeys.length;
      name = `${this.cellKeys[cell]}/${this.purposeNames[(need - cell) / this.cellKeys.length]}`;
      this.bucketNames.set(need, name);
    }
    return name;
  }

  /** Scratch room for `n` positions. */
  byCellFor(n: number): Int32Array {
    if (this.byCell.length < n) this.byCell = new Int32Array(Math.max(n, this.byCell.length * 2));
    return this.byCell;
  }

  /** Records link `l`. */
  link(l: number, from: number, kind: number) {
    if (l === this.linkFrom.length) {
      const linkFrom = new Int32Array(l * 2);
      const linkKind = new Int32Array(l * 2);
      linkFrom.set(this.linkFrom);
      linkKind.set(this.linkKind);
      this.linkFrom = linkFrom;
      this.linkKind = linkKind;
    }
    this.linkFrom[l] = from;
    this.linkKind[l] = kind;
  }

  /** A union-find array of n singletons (scratch, reused). */
  parents(n: number): Int32Array {
    if (this.parent.length < n) this.parent = new Int32Array(Math.max(n, this.parent.length * 2));
    for (let i = 0; i < n; i++) this.parent[i] = i;
    return this.parent;
  }

  /** 0 for the empty purpose. */
  purpose(text: string): number {
    if (text === '') return 0;
    let id = this.purposeIds.get(text);
    if (id === undefined) {
      id = this.purposeNames.length;
      this.purposeNames.push(text);
      this.purposeIds.set(text, id);
    }
    return id;
  }

  signature(name: string): number {
    let id = this.signatureOfName.get(name);
    if (id === undefined) {
      id = this.purpose(resourceNameSignature(name));
      this.signatureOfName.set(name, id);
    }
    return id;
  }

  /** 0 for a blank target population. */
  target(text: string | null | undefined): number {
    if (!text) return 0;
    let id = this.targetOfText.get(text);
    if (id === undefined) {
      const normalized = normalizeResourceText(text);
      id = this.targetIds.get(normalized);
      if (id === undefined) {
        id = this.targetIds.size;
        this.targetIds.set(normalized, id);
      }
      this.targetOfText.set(text, id);
    }
    return id;
  }
}

/**
 * The resources of the units analyzed, grouped by unit, with their cells, purposes and target as
 * numbers in flat arrays (one object per resource would be 300,000 objects for a state, and most of
 * the run's garbage-collection time). Resource `k` is `resources[k]`; its cells are
 * `cells[cellStart[k] .. cellStart[k + 1])`, its tags likewise; unit `u`'s resources are
 * `unitStart[u] .. unitStart[u + 1]`.
 */
interface Placements {
  resources: MappedResource[];
  unitStart: Int32Array;
  cellStart: Int32Array;
  cells: Int32Array;
  tagStart: Int32Array;
  tags: Int32Array;
  name: Int32Array;
  target: Int32Array;
  /** Position of resource k's unit among the units analyzed. */
  unit: Int32Array;
  outside: Uint8Array;
  /** Resources whose unit is not among those analyzed. */
  outsideUnits: number;
}

/** `list[from .. to)` holds `value` (without the view object `subarray` would allocate). */
function holds(list: Int32Array, from: number, to: number, value: number): boolean {
  for (let i = from; i < to; i++) if (list[i] === value) return true;
  return false;
}

function placeResources(ctx: Context, unitIndex: ReadonlyMap<string, number>, unitCount: number, all: readonly MappedResource[]): Placements {
  // Count by unit, then lay the resources out unit by unit (a counting sort).
  const unitOf = new Int32Array(all.length);
  const unitStart = new Int32Array(unitCount + 1);
  let outsideUnits = 0;
  let cellCapacity = 0;
  let tagCapacity = 0;
  for (let j = 0; j < all.length; j++) {
    const r = all[j]!;
    const u = unitIndex.get(r.unitId);
    if (u === undefined) {
      unitOf[j] = -1;
      outsideUnits += 1;
      continue;
    }
    unitOf[j] = u;
    unitStart[u + 1]! += 1;
    cellCapacity += r.cells.length;
    tagCapacity += r.purposeTags?.length ?? 0;
  }
  for (let u = 0; u < unitCount; u++) unitStart[u + 1]! += unitStart[u]!;
  const n = unitStart[unitCount]!;
  const resources = new Array<MappedResource>(n);
  const fill = unitStart.slice(0, unitCount);
  for (let j = 0; j < all.length; j++) {
    const u = unitOf[j]!;
    if (u >= 0) resources[fill[u]!++] = all[j]!;
  }

  const cellStart = new Int32Array(n + 1);
  const cells = new Int32Array(cellCapacity);
  const tagStart = new Int32Array(n + 1);
  const tags = new Int32Array(tagCapacity);
  const name = new Int32Array(n);
  const target = new Int32Array(n);
  const outside = new Uint8Array(n);
  const unit = new Int32Array(n);
  for (let u = 0; u < unitCount; u++) unit.fill(u, unitStart[u]!, unitStart[u + 1]!);
  let c = 0;
  let t = 0;
  for (let k = 0; k < n; k++) {
    const r = resources[k]!;
    const from = c;
    for (const key of r.cells) {
      const i = ctx.index.get(key);
      if (i === undefined) outside[k] = 1;
      else if (!holds(cells, from, c, i)) cells[c++] = i;
    }
    cellStart[k + 1] = c;
    const tagFrom = t;
    for (const tag of r.purposeTags ?? []) {
      const id = ctx.purpose(tag);
      if (id !== 0 && !holds(tags, tagFrom, t, id)) tags[t++] = id;
    }
    tagStart[k + 1] = t;
    name[k] = ctx.signature(r.name);
    target[k] = ctx.target(r.targetPopulation);
  }
  return { resources, unitStart, cellStart, cells, tagStart, tags, name, target, unit, outside, outsideUnits };
}

// ---- One unit's findings -------------------------------------------------------------------------

const NONE: readonly string[] = Object.freeze([]);

/** Gaps of one unit's matrix, or (`level` scope) of the matrix summed over the units analyzed. */
function gapFindings(ctx: Context, unit: ResourceMapUnit, unitIds: readonly string[], tally: Tally, out: ResourceFinding[], level: 'unit' | 'scope' = 'unit') {
  const population = tally.populationKnownUnits > 0 ? tally.population : null;
  if (tally.resources === 0) {
    out.push(finding({
      key: `no_resources_mapped:${level === 'scope' ? 'scope:' : ''}${unit.id}`,
      code: 'no_resources_mapped',
      level,
      unitIds,
      cells: NONE,
      resourceIds: NONE,
      figures: { population },
    }, { lexicon: ctx.lexicon, unit, members: NO_RESOURCES, detail: '' }));
    return;
  }
  // Key prefixes made once per unit: the findings keep their keys.
  let emptyKey: string | undefined;
  let lowKey: string | undefined;
  for (let i = 0; i < tally.size; i++) {
    const count = tally.count[i]!;
    const cell = ctx.cellKeys[i]!;
    if (count === 0) {
      out.push(finding({
        key: (emptyKey ??= `gap_empty:${level === 'scope' ? 'scope:' : ''}${unit.id}:`) + cell,
        code: 'gap_empty',
        level,
        unitIds,
        cells: ctx.cellLists1[i]!,
        resourceIds: NONE,
        figures: { population },
      }, { lexicon: ctx.lexicon, unit, members: NO_RESOURCES, detail: '' }));
      continue;
    }
    if (population === null || population <= 0 || tally.unknown[i]! >= count) continue;
    const served = tally.served[i]!;
    const coverage = served / population;
    if (coverage >= ctx.minCoverage) continue;
    out.push(finding({
      key: (lowKey ??= `gap_low_coverage:${level === 'scope' ? 'scope:' : ''}${unit.id}:`) + cell,
      code: 'gap_low_coverage',
      level,
      unitIds,
      cells: ctx.cellLists1[i]!,
      resourceIds: NONE,
      figures: { resourceCount: count, populationServed: served, population, coverage, threshold: ctx.minCoverage },
    }, { lexicon: ctx.lexicon, unit, members: NO_RESOURCES, detail: '' }));
  }
}

/** Union-find over 0..n-1 in a scratch array, for grouping overlapping resources within one cell. */
function findRoot(parent: Int32Array, i: number): number {
  while (parent[i] !== i) {
    parent[i] = parent[parent[i]!]!;
    i = parent[i]!;
  }
  return i;
}

// Bucket keys are numbers: (purpose × 2 + kind) × TARGET_SPAN + target, kind 0 for a tag, 1 for a name.
const TARGET_SPAN = 2 ** 21;

interface RedundancyGroup {
  /** Positions in `Placements.resources`. */
  members: number[];
  cells: number[];
  purposes: Set<number>;
  similarNames: boolean;
  target: string;
}

/** Fragmentation and redundancies among unit's resources `from .. to` of `p`. */
function cellFindings(ctx: Context, p: Placements, unit: ResourceMapUnit, unitIds: readonly string[], from: number, to: number, out: ResourceFinding[]) {
  if (to - from < 2) return;
  const res = p.resources;
  const size = ctx.cellKeys.length;
  // The unit's resources by cell, by a counting sort into scratch arrays reused from unit to unit:
  // cell i's are byCell[cellFrom[i] .. cellFrom[i + 1]), in the order of the unit's resources.
  const cellFrom = ctx.cellFrom;
  const fill = ctx.cellFill;
  cellFrom.fill(0);
  for (let c = p.cellStart[from]!; c < p.cellStart[to]!; c++) cellFrom[p.cells[c]! + 1]! += 1;
  for (let i = 0; i < size; i++) {
    cellFrom[i + 1]! += cellFrom[i]!;
    fill[i] = cellFrom[i]!;
  }
  const byCell = ctx.byCellFor(cellFrom[size]!);
  for (let k = from; k < to; k++) {
    for (let c = p.cellStart[k]!; c < p.cellStart[k + 1]!; c++) byCell[fill[p.cells[c]!]!++] = k;
  }
  let redundancies: Map<string, RedundancyGroup> | undefined;
  // Key prefixes made once per unit: the findings keep their keys.
  let fragmentationKey: string | undefined;
  for (let i = 0; i < size; i++) {
    const start = cellFrom[i]!;
    const count = cellFrom[i + 1]! - start;
    if (count < 2) continue;
    const cell = ctx.cellKeys[i]!;

    // Fragmentation.
    let looseCount = 0;
    for (let j = start; j < start + count; j++) if (!res[byCell[j]!]!.coordinated) looseCount += 1;
    if (looseCount > 0) {
      // Arrays of the exact length: they are kept with the finding.
      const loose = new Array<MappedResource>(looseCount);
      const looseIds = new Array<string>(looseCount);
      let looseCost = 0;
      let x = 0;
      for (let j = start; j < start + count; j++) {
        const r = res[byCell[j]!]!;
        if (r.coordinated) continue;
        loose[x] = r;
        looseIds[x] = r.id;
        x += 1;
        looseCost += num(r.annualCost);
      }
      out.push(finding({
        key: (fragmentationKey ??= `fragmentation:${unit.id}:`) + cell,
        code: 'fragmentation',
        level: 'unit',
        unitIds,
        cells: ctx.cellLists1[i]!,
        resourceIds: looseIds,
        figures: { resourceCount: count, uncoordinatedCount: looseCount, uncoordinatedAnnualCost: looseCost },
      }, { lexicon: ctx.lexicon, unit, members: loose, detail: '' }));
    }

    // Redundancy: bucket by purpose tag and by name signature, within the same target population;
    // resources linked through a bucket are one group (union-find).
    const firstIn = ctx.firstIn;
    firstIn.clear();
    const parent = ctx.parents(count);
    let links = 0;
    for (let j = 0; j < count; j++) {
      const k = byCell[start + j]!;
      const target = p.target[k]!;
      const tagEnd = p.tagStart[k + 1]!;
      const last = p.name[k] === 0 ? tagEnd : tagEnd + 1;
      for (let t = p.tagStart[k]!; t < last; t++) {
        const kind = t < tagEnd ? p.tags[t]! * 2 : p.name[k]! * 2 + 1;
        const key = kind * TARGET_SPAN + target;
        const first = firstIn.getOrSet(key, j);
        if (first >= 0) {
          parent[findRoot(parent, j)] = findRoot(parent, first);
          ctx.link(links, j, kind);
          links += 1;
        }
      }
    }
    if (links === 0) continue;
    const why = new Map<number, { purposes: Set<number>; name: boolean }>();
    for (let l = 0; l < links; l++) {
      const root = findRoot(parent, ctx.linkFrom[l]!);
      const kind = ctx.linkKind[l]!;
      let w = why.get(root);
      if (!w) why.set(root, (w = { purposes: new Set(), name: false }));
      if (kind % 2 === 1) w.name = true;
      else w.purposes.add(kind / 2);
    }
    const groups = new Map<number, number[]>();
    for (let j = 0; j < count; j++) {
      const root = findRoot(parent, j);
      if (!why.has(root)) continue;
      const g = groups.get(root);
      if (g) g.push(byCell[start + j]!);
      else groups.set(root, [byCell[start + j]!]);
    }
    redundancies ??= new Map();
    for (const [root, members] of groups) {
      const memberKey = members
        .map((k) => res[k]!.id)
        .sort()
        .join(',');
      const w = why.get(root)!;
      const existing = redundancies.get(memberKey);
      if (existing) {
        existing.cells.push(i);
        for (const t of w.purposes) existing.purposes.add(t);
        existing.similarNames ||= w.name;
      } else {
        redundancies.set(memberKey, { members, cells: [i], purposes: new Set(w.purposes), similarNames: w.name, target: res[members[0]!]!.targetPopulation?.trim() ?? '' });
      }
    }
  }
  if (!redundancies) return;
  for (const [memberKey, g] of redundancies) {
    const members = g.members.map((k) => res[k]!);
    let total = 0;
    let fte = 0;
    let served = 0;
    for (const r of members) {
      total += num(r.annualCost);
      fte += num(r.staffFte);
      served += num(r.populationServed);
    }
    const purposes = [...g.purposes].map((id) => ctx.purposeNames[id]!).sort();
    const confidence = g.target === '' ? 'possible' : 'likely';
    out.push(finding({
      key: `redundancy:${unit.id}:${memberKey}`,
      code: 'redundancy',
      level: 'unit',
      unitIds,
      cells: g.cells.map((i) => ctx.cellKeys[i]!),
      resourceIds: members.map((r) => r.id),
      figures: { resourceCount: members.length, totalAnnualCost: total, staffFte: round(fte, 4), populationServed: served, confidence, sharedPurposes: purposes, similarNames: g.similarNames },
    }, { lexicon: ctx.lexicon, unit, members, detail: g.target }));
  }
}

// ---- Funding -------------------------------------------------------------------------------------

const DAY_MS = 86_400_000;
const dayNumber = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;

/** `iso` plus `months` calendar months, clamped to the month's last day (2026-02-28 + 12 → 2027-02-28; 2024-02-29 + 12 → 2025-02-28). */
export function addMonthsToIsoDate(iso: string, months: number): string {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7)) - 1 + months;
  const d = Number(iso.slice(8, 10));
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Funding that ends on or after `asOf` and on or before `asOf` + `months` (expiring), or that ended
 * before `asOf` while the resource is still on the map (ended). Soonest first.
 */
export function findExpiringResourceFunding(
  resources: readonly MappedResource[],
  units: ReadonlyMap<string, ResourceMapUnit> | readonly ResourceMapUnit[],
  framework: InterventionFramework,
  asOf: string,
  months = RESOURCE_DEFAULT_EXPIRING_MONTHS,
): ResourceFinding[] {
  const unitById = units instanceof Map ? units : new Map((units as readonly ResourceMapUnit[]).map((u) => [u.id, u]));
  const found: ResourceFinding[] = [];
  fundingFindings(resources, new Lexicon(framework, unitById), unitById, asOf, months, found);
  return found;
}

/** Funding findings of `resources`, soonest first, appended to `out`. */
function fundingFindings(
  resources: readonly MappedResource[],
  lexicon: Lexicon,
  unitById: ReadonlyMap<string, ResourceMapUnit>,
  asOf: string,
  months: number,
  out: ResourceFinding[],
) {
  const until = addMonthsToIsoDate(asOf, months);
  const today = dayNumber(asOf);
  // Soonest first without sorting every finding: the findings by end date (its day number worked
  // out once), the dates sorted, and only the findings of one date sorted by key.
  const byDate = new Map<string, { days: number; suffix: string; found: ResourceFinding[] }>();
  for (let k = 0; k < resources.length; k++) {
    const r = resources[k]!;
    const endsOn = r.fundingEndsOn;
    if (!endsOn || endsOn > until) continue;
    let date = byDate.get(endsOn);
    if (!date) byDate.set(endsOn, (date = { days: dayNumber(endsOn), suffix: `:${endsOn}`, found: [] }));
    const annualCost = typeof r.annualCost === 'number' ? r.annualCost : null;
    const fundingSource = r.fundingSource?.trim() ? r.fundingSource.trim() : null;
    const words: Words = { lexicon, unit: unitById.get(r.unitId) ?? null, members: [r], detail: '' };
    const common = { level: 'unit' as const, unitIds: [r.unitId], cells: r.cells, resourceIds: [r.id] };
    date.found.push(
      endsOn < asOf
        ? finding({ key: `funding_ended:${r.id}` + date.suffix, code: 'funding_ended', ...common, figures: { endsOn, daysAgo: today - date.days, annualCost, fundingSource } }, words)
        : finding({ key: `funding_expiring:${r.id}` + date.suffix, code: 'funding_expiring', ...common, figures: { endsOn, daysLeft: date.days - today, annualCost, fundingSource } }, words),
    );
  }
  const dates = [...byDate.keys()].sort(byText);
  for (let d = 0; d < dates.length; d++) {
    const { suffix, found } = byDate.get(dates[d]!)!;
    // The findings of one date differ in their key only by the resource id (the code follows from
    // the date): compared as the keys would be, without building them flat. A stable sort, as
    // sorting all of them by date then key was.
    if (found.length > 1) found.sort((a, b) => compareWithTail(String(a.resourceIds[0]), String(b.resourceIds[0]), suffix));
    for (let i = 0; i < found.length; i++) out.push(found[i]!);
  }
}

/** `byText(a + tail, b + tail)`, without building the strings. */
function compareWithTail(a: string, b: string, tail: string): number {
  const la = a.length + tail.length;
  const lb = b.length + tail.length;
  const n = Math.min(la, lb);
  for (let i = 0; i < n; i++) {
    const ca = i < a.length ? a.charCodeAt(i) : tail.charCodeAt(i - a.length);
    const cb = i < b.length ? b.charCodeAt(i) : tail.charCodeAt(i - b.length);
    if (ca !== cb) return ca < cb ? -1 : 1;
  }
  return la < lb ? -1 : la > lb ? 1 : 0;
}

// ---- Across a feeder pattern ---------------------------------------------------------------------

/** Resources of a feeder pattern meeting one need at several schools (see `economiesFindings`). */
interface EconomyGroup {
  /** Where its positions start in `Context.groupPositions`, and how many. */
  at: number;
  size: number;
  /** The next group whose positions hash the same, or -1. */
  next: number;
  /** Its (purpose × cells + cell) keys: the first, and any others with the same members. */
  first: number;
  more: number[] | null;
}

/** Economies of scale among the resources of a feeder pattern's schools (`ranges`: from, to pairs in `p`). */
function economiesFindings(ctx: Context, p: Placements, feederId: string, feederName: string, ranges: readonly number[], out: ResourceFinding[]) {
  // Entries (cell, purpose, resource) packed in one number each and sorted, so that the resources
  // meeting one need come together without a map of buckets:
  // (purpose × cells + cell) × 2^20 + position of the resource in the feeder pattern.
  const res = p.resources;
  const span = ctx.cellKeys.length;
  const POSITION = 2 ** 20;
  let all = 0;
  let n = 0;
  for (let r = 0; r < ranges.length; r += 2) {
    all += ranges[r + 1]! - ranges[r]!;
    for (let k = ranges[r]!; k < ranges[r + 1]!; k++) n += (p.cellStart[k + 1]! - p.cellStart[k]!) * Math.max(1, p.tagStart[k + 1]! - p.tagStart[k]!);
  }
  // A feeder pattern of more than a million placed resources is not a real one; the rest is left out.
  const count = Math.min(all, POSITION);
  // Scratch arrays reused from feeder pattern to feeder pattern: members[position] = k.
  const members = ctx.scratch.members(count);
  let position = 0;
  for (let r = 0; r < ranges.length && position < count; r += 2) {
    for (let k = ranges[r]!; k < ranges[r + 1]! && position < count; k++) members[position++] = k;
  }
  const entries = ctx.scratch.entries(n);
  n = 0;
  for (position = 0; position < count; position++) {
    const k = members[position]!;
    const tagFrom = p.tagStart[k]!;
    const tagTo = p.tagStart[k + 1]!;
    for (let c = p.cellStart[k]!; c < p.cellStart[k + 1]!; c++) {
      const i = p.cells[c]!;
      if (tagTo > tagFrom) for (let t = tagFrom; t < tagTo; t++) entries[n++] = (p.tags[t]! * span + i) * POSITION + position;
      else if (p.name[k] !== 0) entries[n++] = (p.name[k]! * span + i) * POSITION + position;
    }
  }
  const sorted = entries.subarray(0, n).sort();
  // Needs met at two or more schools, grouped by their resources (a need met by the same resources
  // as another is one finding with both): the positions are hashed, and compared on a hash match.
  const groups: EconomyGroup[] = [];
  const index = ctx.groupIndex;
  index.clear();
  let stored = 0;
  for (let start = 0; start < sorted.length; ) {
    const key = Math.floor(sorted[start]! / POSITION);
    const base = key * POSITION;
    const firstUnit = p.unit[members[sorted[start]! - base]!]!;
    let end = start + 1;
    let spread = false;
    while (end < sorted.length && sorted[end]! - base < POSITION) {
      if (!spread && p.unit[members[sorted[end]! - base]!]! !== firstUnit) spread = true;
      end += 1;
    }
    if (spread) {
      const size = end - start;
      let h = 0x811c9dc5 ^ size;
      for (let e = start; e < end; e++) h = Math.imul(h ^ (sorted[e]! - base), 0x01000193);
      const head = index.getOrSet(h >>> 0, groups.length);
      let found = -1;
      const positions = ctx.scratch.groupPositions;
      for (let g = head; g !== -1 && found === -1; g = groups[g]!.next) {
        const group = groups[g]!;
        if (group.size !== size) continue;
        let same = true;
        for (let x = 0; x < size && same; x++) same = positions[group.at + x] === sorted[start + x]! - base;
        if (same) found = g;
      }
      if (found >= 0) (groups[found]!.more ??= []).push(key);
      else {
        const into = ctx.scratch.groupRoom(stored + size);
        for (let x = 0; x < size; x++) into[stored + x] = sorted[start + x]! - base;
        const group: EconomyGroup = { at: stored, size, next: -1, first: key, more: null };
        stored += size;
        if (head >= 0) {
          group.next = groups[head]!.next;
          groups[head]!.next = groups.length;
        }
        groups.push(group);
      }
    }
    start = end;
  }
  // One finding per group, in the order their first need came. Arrays of the exact length, and
  // for the usual single need the context's strings and cell list, since findings are kept.
  const prefix = `economies_of_scale:${feederId}:`;
  const positions = ctx.scratch.groupPositions;
  for (let gi = 0; gi < groups.length; gi++) {
    const g = groups[gi]!;
    const found = new Array<MappedResource>(g.size);
    const resourceIds = new Array<string>(g.size);
    let total = 0;
    let fte = 0;
    let units = 0;
    let lastUnit: string | undefined;
    for (let x = 0; x < g.size; x++) {
      const r = res[members[positions[g.at + x]!]!]!;
      found[x] = r;
      resourceIds[x] = r.id;
      total += num(r.annualCost);
      fte += num(r.staffFte);
      if (r.unitId !== lastUnit) {
        units += 1;
        lastUnit = r.unitId;
      }
    }
    // Members come unit by unit (in the order the units were given): each school once.
    const unitIds = new Array<string>(units);
    units = 0;
    lastUnit = undefined;
    for (const r of found) {
      if (r.unitId === lastUnit) continue;
      unitIds[units++] = r.unitId;
      lastUnit = r.unitId;
    }
    let cells: readonly string[];
    let purpose: string;
    let key: string;
    if (g.more === null) {
      const cell = g.first % span;
      cells = ctx.cellLists1[cell]!;
      purpose = ctx.purposeNames[(g.first - cell) / span]!;
      key = prefix + ctx.bucketName(g.first);
    } else {
      const needs = [g.first, ...g.more];
      const cellIds: number[] = [];
      const purposeIds: number[] = [];
      for (const need of needs) {
        const cell = need % span;
        const id = (need - cell) / span;
        if (!cellIds.includes(cell)) cellIds.push(cell);
        if (!purposeIds.includes(id)) purposeIds.push(id);
      }
      cells = cellIds.sort((a, b) => a - b).map((i) => ctx.cellKeys[i]!);
      purpose = purposeIds
        .map((id) => ctx.purposeNames[id]!)
        .sort()
        .join(', ');
      // Each (cell, purpose) belongs to one finding, so the feeder pattern and these name it.
      key = prefix + needs
        .map((need) => ctx.bucketName(need))
        .sort()
        .join('+');
    }
    out.push(finding({
      key,
      code: 'economies_of_scale',
      level: 'feeder_pattern',
      unitIds,
      feederPatternId: feederId,
      cells,
      resourceIds,
      figures: { unitCount: unitIds.length, resourceCount: found.length, totalAnnualCost: total, staffFte: round(fte, 4), purpose },
    }, { lexicon: ctx.lexicon, unit: null, members: found, detail: feederName }));
  }
}

// ---- The whole analysis --------------------------------------------------------------------------

export interface ResourceAnalysis {
  framework: InterventionFrameworkRef;
  asOf: string;
  minCoverage: number;
  /** The matrix summed over every unit analyzed. */
  map: ResourceMap;
  /** Each unit's own matrix, in the order the units were given. */
  unitMaps: { unitId: string; map: ResourceMap }[];
  /** Findings by unit (no resources, gaps, fragmentation, redundancies), then the scope's gaps, then economies of scale by feeder pattern, then funding. */
  findings: ResourceFinding[];
  counts: Record<ResourceFindingCode, number>;
  /** Resources whose unit was not among the units analyzed (left out). */
  resourcesOutsideUnits: number;
}

/**
 * Everything the analysis finds for `units` (one school; a feeder pattern's, district's or the
 * state's schools): each unit's matrix and the sum, and the findings. `asOf` is the day of the
 * analysis (YYYY-MM-DD), for funding.
 */
export function analyzeResources(input: {
  framework: InterventionFramework;
  units: readonly ResourceMapUnit[];
  resources: readonly MappedResource[];
  asOf: string;
  options?: ResourceAnalysisOptions;
  /**
   * The feeder pattern, district or state the units make up. When given, the summed matrix gets
   * its own gap findings (level `scope`): a cell empty at every school, or too thin for all of them.
   */
  scope?: { id: string; name: string };
}): ResourceAnalysis {
  const { framework, units, resources, asOf } = input;
  const minCoverage = input.options?.minCoverage ?? RESOURCE_DEFAULT_MIN_COVERAGE;
  const months = input.options?.expiringWithinMonths ?? RESOURCE_DEFAULT_EXPIRING_MONTHS;
  const ctx = new Context(framework, minCoverage);
  const size = ctx.cellKeys.length;

  const unitById = new Map<string, ResourceMapUnit>();
  const unitIndex = new Map<string, number>();
  const unitOrder: ResourceMapUnit[] = [];
  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    if (unitById.has(u.id)) continue;
    unitById.set(u.id, u);
    unitIndex.set(u.id, unitOrder.length);
    unitOrder.push(u);
  }
  ctx.lexicon = new Lexicon(framework, unitById);
  const p = placeResources(ctx, unitIndex, unitOrder.length, resources);

  const findings: ResourceFinding[] = [];
  const unitMaps: { unitId: string; map: ResourceMap }[] = [];
  const byFeeder = new Map<string, { name: string; ranges: number[] }>();
  const scope = new Tally(size);
  const tally = new Tally(size);
  unitOrder.forEach((u, ui) => {
    const from = p.unitStart[ui]!;
    const to = p.unitStart[ui + 1]!;
    scope.addUnit(u);
    tally.reset();
    tally.addUnit(u);
    for (let k = from; k < to; k++) {
      tally.addPlaced(p, k);
      scope.addPlaced(p, k);
    }
    unitMaps.push({ unitId: u.id, map: tally.toMap(framework) });
    const unitIds = Object.freeze([u.id]);
    gapFindings(ctx, u, unitIds, tally, findings);
    cellFindings(ctx, p, u, unitIds, from, to, findings);
    if (u.feederPatternId) {
      let f = byFeeder.get(u.feederPatternId);
      if (!f) byFeeder.set(u.feederPatternId, (f = { name: u.feederPatternName ?? u.feederPatternId, ranges: [] }));
      f.ranges.push(from, to);
    }
  });
  if (input.scope) {
    const whole: ResourceMapUnit = { id: input.scope.id, name: input.scope.name, population: scope.populationKnownUnits > 0 ? scope.population : null };
    gapFindings(ctx, whole, NONE, scope, findings, 'scope');
  }
  // Indexed loops here and in the functions called once per run: `for … of` in code that is not
  // optimized allocates an iterator result per element.
  const feeders = [...byFeeder];
  for (let i = 0; i < feeders.length; i++) {
    const [feederId, f] = feeders[i]!;
    economiesFindings(ctx, p, feederId, f.name, f.ranges, findings);
  }
  fundingFindings(p.resources, ctx.lexicon, unitById, asOf, months, findings);

  const counts = Object.fromEntries(RESOURCE_FINDING_CODES.map((c) => [c, 0])) as Record<ResourceFindingCode, number>;
  for (let i = 0; i < findings.length; i++) counts[findings[i]!.code] += 1;
  return {
    framework: interventionFrameworkRef(framework),
    asOf,
    minCoverage,
    map: scope.toMap(framework),
    unitMaps,
    findings,
    counts,
    resourcesOutsideUnits: p.outsideUnits,
  };
}

/** The units of a district or a feeder pattern, from a larger list (e.g. the state's schools). */
export function resourceUnitsIn(units: readonly ResourceMapUnit[], scope: { districtId: string } | { feederPatternId: string }): ResourceMapUnit[] {
  return 'districtId' in scope ? units.filter((u) => u.districtId === scope.districtId) : units.filter((u) => u.feederPatternId === scope.feederPatternId);
}

// ---- Snapshots -----------------------------------------------------------------------------------

/** What a frozen map keeps of a resource. */
export interface ResourceSnapshotEntry {
  id: string;
  name: string;
  cells: readonly string[];
  annualCost?: number | null | undefined;
  staffFte?: number | null | undefined;
}

export interface ResourceSnapshotComparison {
  added: { id: string; name: string; cells: string[]; annualCost: number }[];
  dropped: { id: string; name: string; cells: string[]; annualCost: number }[];
  /** Kept, but placed in other cells. */
  moved: { id: string; name: string; fromCells: string[]; toCells: string[]; addedCells: string[]; removedCells: string[] }[];
  /** Kept, with a different annual cost. */
  costChanged: { id: string; name: string; before: number; after: number; change: number }[];
  totals: { resourcesBefore: number; resourcesAfter: number; annualCostBefore: number; annualCostAfter: number; annualCostChange: number };
  /** Annual cost per cell (split across a resource's cells, as in the matrix), for cells that changed. */
  byCell: { cell: string; before: number; after: number; change: number }[];
}

/**
 * What changed from one snapshot of a map to a later one, matching resources by id: added,
 * dropped, moved between cells, cost changes, and the cost change per cell.
 */
export function compareResourceSnapshots(before: readonly ResourceSnapshotEntry[], after: readonly ResourceSnapshotEntry[]): ResourceSnapshotComparison {
  const old = new Map(before.map((r) => [r.id, r]));
  const now = new Map(after.map((r) => [r.id, r]));
  const result: ResourceSnapshotComparison = {
    added: [],
    dropped: [],
    moved: [],
    costChanged: [],
    totals: { resourcesBefore: old.size, resourcesAfter: now.size, annualCostBefore: 0, annualCostAfter: 0, annualCostChange: 0 },
    byCell: [],
  };
  const cellCost = new Map<string, { before: number; after: number }>();
  const spread = (r: ResourceSnapshotEntry, side: 'before' | 'after') => {
    const unique = [...new Set(r.cells)];
    const share = num(r.annualCost) / (unique.length || 1);
    for (const c of unique) {
      let e = cellCost.get(c);
      if (!e) cellCost.set(c, (e = { before: 0, after: 0 }));
      e[side] += share;
    }
  };
  for (const r of old.values()) {
    result.totals.annualCostBefore += num(r.annualCost);
    spread(r, 'before');
    if (!now.has(r.id)) result.dropped.push({ id: r.id, name: r.name, cells: [...r.cells], annualCost: num(r.annualCost) });
  }
  for (const r of now.values()) {
    result.totals.annualCostAfter += num(r.annualCost);
    spread(r, 'after');
    const was = old.get(r.id);
    if (!was) {
      result.added.push({ id: r.id, name: r.name, cells: [...r.cells], annualCost: num(r.annualCost) });
      continue;
    }
    const from = new Set(was.cells);
    const to = new Set(r.cells);
    const addedCells = [...to].filter((c) => !from.has(c)).sort();
    const removedCells = [...from].filter((c) => !to.has(c)).sort();
    if (addedCells.length > 0 || removedCells.length > 0) {
      result.moved.push({ id: r.id, name: r.name, fromCells: [...from].sort(), toCells: [...to].sort(), addedCells, removedCells });
    }
    if (num(was.annualCost) !== num(r.annualCost)) {
      result.costChanged.push({ id: r.id, name: r.name, before: num(was.annualCost), after: num(r.annualCost), change: round(num(r.annualCost) - num(was.annualCost), 2) });
    }
  }
  result.totals.annualCostBefore = round(result.totals.annualCostBefore, 2);
  result.totals.annualCostAfter = round(result.totals.annualCostAfter, 2);
  result.totals.annualCostChange = round(result.totals.annualCostAfter - result.totals.annualCostBefore, 2);
  result.byCell = [...cellCost]
    .map(([cell, e]) => ({ cell, before: round(e.before, 2), after: round(e.after, 2), change: round(e.after - e.before, 2) }))
    .filter((e) => e.change !== 0)
    .sort((a, b) => byText(a.cell, b.cell));
  return result;
}
