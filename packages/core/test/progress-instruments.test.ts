import { describe, expect, it } from 'vitest';
import { isSourceId, SECTION_SEPARATOR, type SourceRef } from '../src/catalogs/sources.js';
import { DomainError } from '../src/errors.js';
import { MECHANISM_KINDS } from '../src/mechanisms/catalog.js';
import { PLAN_PHASES, PLAN_TEMPLATE_CATALOG, planTemplateNodes } from '../src/plans/templates.js';
import {
  BARRIER_CATEGORIES,
  BARRIER_CATEGORY_CATALOG,
  BENCHMARK_DEFAULT_INSTRUMENT,
  BENCHMARK_RATING_VALUES,
  BENCHMARK_RATINGS,
  BENCHMARK_SCALE,
  benchmarkItemsByArea,
  benchmarkItemsByPhase,
  extendInstrument,
  PROGRESS_SOURCES,
  READINESS_DEFAULT_SURVEY,
  READINESS_FACTOR_CATALOG,
  READINESS_FACTORS,
  READINESS_LIKERT_SCALE,
  type BenchmarkItem,
} from '../src/progress/instruments.js';
import { documents, sectionStart, occursInSection } from './support/seeds.js';

// ---- The source documents, compared as mechanisms-catalog.test.ts compares them -----------------


// ---- Every citation the progress instruments make ---------------------------------------------------

const benchmark = BENCHMARK_DEFAULT_INSTRUMENT;
const survey = READINESS_DEFAULT_SURVEY;

function everyRef(): { where: string; ref: SourceRef }[] {
  const refs: { where: string; ref: SourceRef }[] = [];
  const add = (where: string, ref: SourceRef | undefined) => {
    if (ref) refs.push({ where, ref });
  };
  add('benchmark instrument', benchmark.source);
  (benchmark.seeAlso ?? []).forEach((r, i) => add(`benchmark instrument seeAlso ${i}`, r));
  for (const item of benchmark.items) add(`benchmark ${item.key}`, item.source);
  add('readiness survey', survey.source);
  (survey.seeAlso ?? []).forEach((r, i) => add(`readiness survey seeAlso ${i}`, r));
  for (const f of READINESS_FACTORS) {
    add(`factor ${f}`, READINESS_FACTOR_CATALOG[f].source);
    (READINESS_FACTOR_CATALOG[f].seeAlso ?? []).forEach((r, i) => add(`factor ${f} seeAlso ${i}`, r));
  }
  for (const item of survey.items) add(`readiness ${item.key}`, item.source);
  for (const c of BARRIER_CATEGORIES) BARRIER_CATEGORY_CATALOG[c].sources.forEach((r, i) => add(`barrier ${c} ${i}`, r));
  for (const [name, value] of Object.entries(PROGRESS_SOURCES)) {
    (Array.isArray(value) ? value : [value]).forEach((r: SourceRef, i: number) => add(`progress source ${name} ${i}`, r));
  }
  return refs;
}

describe('progress instruments: citations', () => {
  it('cite one of the two sources, by a heading path the document has', () => {
    const refs = everyRef();
    expect(refs.length).toBeGreaterThan(80);
    const bad: string[] = [];
    for (const { where, ref } of refs) {
      if (!isSourceId(ref.source)) bad.push(`${where}: unknown source`);
      if (!ref.section.split(SECTION_SEPARATOR).every((s) => s.trim() === s && s.length > 0)) bad.push(`${where}: malformed section "${ref.section}"`);
      if (sectionStart(ref) < 0) bad.push(`${where}: "${ref.section}" is not a heading path of ${ref.source}`);
    }
    expect(bad).toEqual([]);
  });

  it('quote every passage word for word, after the heading it cites', () => {
    const misquoted: string[] = [];
    for (const { where, ref } of everyRef()) {
      expect(ref.quote, `${where} must carry a quote`).toBeDefined();
      if (ref.quote !== undefined && !occursInSection(ref, ref.quote)) misquoted.push(`${where}: "${ref.quote}" not in ${ref.source} § ${ref.section}`);
    }
    expect(misquoted).toEqual([]);
  });
});

describe('the default benchmark instrument', () => {
  it('is versioned', () => {
    expect(benchmark.kind).toBe('benchmark');
    expect(benchmark.version).toMatch(/^\d{4}\.\d{1,2}\.\d+$/);
    expect(benchmark.publishedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('rates on four points valued 0 to 3', () => {
    expect(BENCHMARK_SCALE.map((p) => [p.key, p.value])).toEqual([
      ['not_yet', 0],
      ['planned', 1],
      ['developing', 2],
      ['fully_in_place', 3],
    ]);
    expect(BENCHMARK_RATINGS.map((r) => BENCHMARK_RATING_VALUES[r])).toEqual([0, 1, 2, 3]);
    expect(benchmark.scale).toBe(BENCHMARK_SCALE);
  });

  it('keys items by unique slugs, each in a known area, with evidence and a citation', () => {
    const keys = benchmark.items.map((i) => i.key);
    expect(new Set(keys).size).toBe(keys.length);
    const areas = new Set(benchmark.areas.map((a) => a.key));
    for (const item of benchmark.items) {
      expect(item.key, item.key).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(areas.has(item.area), `${item.key}: ${item.area}`).toBe(true);
      expect(item.phase === null || (PLAN_PHASES as readonly string[]).includes(item.phase), item.key).toBe(true);
      expect(item.title.trim(), item.key).not.toBe('');
      expect(item.evidence.length, item.key).toBeGreaterThan(20);
      expect(item.source, item.key).toBeDefined();
    }
    // Every area has items.
    for (const { area, items } of benchmarkItemsByArea(benchmark)) expect(items.length, area.key).toBeGreaterThan(0);
  });

  it('carries all 15 steps of Exhibit 4, with the template’s keys, titles, phases and citations', () => {
    const exhibit4 = PLAN_TEMPLATE_CATALOG.templates.find((t) => t.key === 'exhibit-4-fifteen-steps')!;
    const steps = planTemplateNodes(exhibit4).filter((n) => n.key.startsWith('step-'));
    expect(steps).toHaveLength(15);
    for (const s of steps) {
      const item = benchmark.items.find((i) => i.key === s.key);
      expect(item, s.key).toBeDefined();
      expect(item!.title).toBe(s.title);
      expect(item!.phase).toBe(s.phase);
      expect(item!.source).toEqual(s.source);
      expect(item!.derivedFrom).toEqual({ template: 'exhibit-4-fifteen-steps', nodeKey: s.key });
    }
  });

  it('reuses the template’s citation wherever an item says it derives from a template node', () => {
    for (const item of benchmark.items.filter((i): i is BenchmarkItem & Required<Pick<BenchmarkItem, 'derivedFrom'>> => i.derivedFrom !== undefined)) {
      const template = PLAN_TEMPLATE_CATALOG.templates.find((t) => t.key === item.derivedFrom.template)!;
      const node = planTemplateNodes(template).find((n) => n.key === item.derivedFrom.nodeKey);
      expect(node, item.key).toBeDefined();
      expect(item.source).toEqual(node!.source);
    }
  });

  it('asks whether the Appendix A mechanisms are in place, naming real mechanism kinds', () => {
    const kinds = benchmark.items.flatMap((i) => (i.mechanismKind ? [i.mechanismKind] : []));
    for (const k of kinds) expect(MECHANISM_KINDS).toContain(k);
    expect(kinds).toEqual(
      expect.arrayContaining(['transformation_leader', 'steering_body', 'planning_team', 'implementation_team', 'change_team', 'organization_facilitator', 'learning_supports_leadership_team']),
    );
  });

  it('covers every phase and groups its items by phase in the documents’ order', () => {
    const groups = benchmarkItemsByPhase(benchmark);
    expect(groups.map((g) => g.phase)).toEqual([...PLAN_PHASES, null]);
    for (const g of groups) expect(g.items.length, String(g.phase)).toBeGreaterThan(0);
    expect(groups.reduce((n, g) => n + g.items.length, 0)).toBe(benchmark.items.length);
  });

  it('keeps its item keys stable', () => {
    expect(benchmark.items.map((i) => i.key).join(' ')).toMatchInlineSnapshot(`"step-1-build-interest-and-consensus step-2-introduce-basics committed-readiness critical-mass-engaged step-3-policy-framework-and-commitment step-4-identify-site-leader time-space-budget-committed transformation-leader-appointed step-5-establish-temporary-mechanisms steering-body-in-place planning-team-in-place implementation-team-in-place change-team-in-place organization-facilitator-assigned step-7-resource-oriented-mechanism administrative-leader-and-team design-document strategic-plan step-6-start-up-and-phase-in-plans step-8-organize-work-groups resource-analysis-and-priorities recommendations-submitted step-9-refine-school-infrastructure integrated-into-school-improvement step-10-ad-hoc-work-groups step-11-fill-gaps-and-economies-of-scale step-12-quality-improvement-system benchmarks-and-monitoring rapid-problem-solving regular-progress-reports coaching-cadence continuous-capacity-building update-resource-mapping sustainability-plan step-13-plan-for-maintenance step-14-maintain-momentum changes-institutionalized step-15-generate-renewal celebrate-progress"`);
  });
});

describe('the readiness and commitment survey', () => {
  it('asks about each of the eight climate-for-change factors', () => {
    expect(READINESS_FACTORS).toHaveLength(8);
    expect(survey.factors.map((f) => f.key)).toEqual([...READINESS_FACTORS]);
    for (const f of READINESS_FACTORS) expect(survey.items.filter((i) => i.factor === f).length, f).toBeGreaterThanOrEqual(2);
  });

  it('answers on a five-point agreement scale', () => {
    expect(READINESS_LIKERT_SCALE.map((p) => p.value)).toEqual([1, 2, 3, 4, 5]);
    expect(survey.scale).toBe(READINESS_LIKERT_SCALE);
  });

  it('cites the factor each statement asks about', () => {
    const keys = survey.items.map((i) => i.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const item of survey.items) expect(item.source, item.key).toEqual(READINESS_FACTOR_CATALOG[item.factor].source);
  });
});

describe('barrier categories', () => {
  it('include the documents’ negative reactions and conditions, each cited', () => {
    for (const key of ['reactance', 'apathy_low_valuing', 'apprehension', 'unrealistic_expectations', 'policy', 'resources', 'working_relationships', 'system_deficiencies'] as const) {
      expect(BARRIER_CATEGORIES).toContain(key);
      expect(BARRIER_CATEGORY_CATALOG[key].sources.length, key).toBeGreaterThan(0);
    }
    for (const c of BARRIER_CATEGORIES) {
      expect(BARRIER_CATEGORY_CATALOG[c].key).toBe(c);
      if (BARRIER_CATEGORY_CATALOG[c].sources.length === 0) expect(BARRIER_CATEGORY_CATALOG[c].sourceNote, c).toBeTruthy();
    }
  });
});

describe('extendInstrument', () => {
  const agencyItem: BenchmarkItem = {
    key: 'family-engagement-plan',
    title: 'A family engagement plan is in place',
    area: 'integration',
    phase: 'start_up_phase_in',
    evidence: 'The plan, and the families reached under it.',
    addedBy: 'Demo State Department of Education',
  };

  it('adds an agency’s items after the base’s, as a new version based on the base', () => {
    const extended = extendInstrument(benchmark, { version: '2026.11.1', publishedOn: '2026-12-01', items: [agencyItem] });
    expect(extended.items).toHaveLength(benchmark.items.length + 1);
    expect(extended.items.at(-1)).toEqual(agencyItem);
    expect(extended.basedOn).toEqual({ id: benchmark.id, version: benchmark.version });
    expect(benchmark.items.some((i) => i.key === agencyItem.key)).toBe(false); // the base is untouched
  });

  it('accepts items in an area the additions bring', () => {
    const extended = extendInstrument(benchmark, {
      id: 'demo-state-benchmarks',
      version: '2026.12.0',
      publishedOn: '2026-12-01',
      areas: [{ key: 'family', label: 'Family engagement', description: 'Families as partners.' }],
      items: [{ ...agencyItem, area: 'family' }],
    });
    expect(extended.areas.at(-1)?.key).toBe('family');
    expect(extended.id).toBe('demo-state-benchmarks');
  });

  const refusal = (f: () => unknown): DomainError => {
    try {
      f();
    } catch (e) {
      if (e instanceof DomainError) return e;
      throw e;
    }
    throw new Error('expected a refusal');
  };

  it('refuses a key already in the instrument, or used twice in the additions', () => {
    const clash = refusal(() =>
      extendInstrument(benchmark, { version: '2026.11.1', publishedOn: '2026-12-01', items: [{ ...agencyItem, key: 'step-1-build-interest-and-consensus' }] }),
    );
    expect(clash.kind).toBe('invalid');
    expect(clash.issues).toEqual([{ field: 'items.0.key', message: expect.stringContaining('already an item') }]);
    const twice = refusal(() => extendInstrument(benchmark, { version: '2026.11.1', publishedOn: '2026-12-01', items: [agencyItem, agencyItem] }));
    expect(twice.issues.map((i) => i.field)).toEqual(['items.1.key']);
  });

  it('refuses an unknown area, a bad key, an empty title and the base’s own version', () => {
    const e = refusal(() =>
      extendInstrument(benchmark, {
        version: benchmark.version,
        publishedOn: '2026-12-01',
        items: [{ ...agencyItem, key: 'Bad Key', area: 'nowhere', title: ' ' }],
      }),
    );
    expect(e.issues.map((i) => i.field).sort()).toEqual(['items.0.area', 'items.0.key', 'items.0.title', 'version']);
    expect(e.message).toMatch(/"nowhere" is not an area/);
  });

  it('extends the readiness survey with items on known factors only', () => {
    const extended = extendInstrument(survey, {
      version: '2026.11.1',
      publishedOn: '2026-12-01',
      items: [{ key: 'board-support', factor: 'policy_commitment', statement: 'Our board supports this work.' }],
    });
    expect(extended.items.at(-1)?.key).toBe('board-support');
    const e = refusal(() =>
      extendInstrument(survey, {
        version: '2026.11.1',
        publishedOn: '2026-12-01',
        items: [{ key: 'morale', factor: 'morale' as never, statement: 'Morale is good.' }],
      }),
    );
    expect(e.issues).toEqual([{ field: 'items.0.factor', message: expect.stringContaining('not a factor') }]);
  });
});
