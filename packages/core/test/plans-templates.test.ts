import { describe, expect, it } from 'vitest';
import { isSourceId, SECTION_SEPARATOR, type SourceRef } from '../src/catalogs/sources.js';
import { PLAN_KIND_SOURCES, PLAN_KINDS, PLAN_APPROVAL_SOURCES, PLAN_RECOMMENDATION_SUBJECT_SOURCES, STRATEGIC_PLANNING_SOURCE, PLAN_RECOMMENDATION_DECISION_POLICY } from '../src/plans/rules.js';
import {
  PLAN_PHASE_CATALOG,
  PLAN_PHASES,
  PLAN_TEMPLATE_CATALOG,
  PLAN_TEMPLATE_KEYS,
  planTemplate,
  seedTasksFromTemplate,
  planTemplateNodes,
  planTemplatesFor,
  type PlanTemplate,
  type PlanTemplateNode,
} from '../src/plans/templates.js';
import { normalize, documents, findInOrder, fragmentsOf, sectionStart, occursInSection } from './support/seeds.js';

// ---- The source documents, compared as mechanisms-catalog.test.ts compares them -----------------


/** The last " … " fragment of a quote: the item's own words. */
const ownWords = (quote: string) => fragmentsOf(quote).at(-1) ?? '';
const comparable = (s: string) => normalize(s).toLowerCase();

// ---- Helpers -----------------------------------------------------------------------------------

const catalog = PLAN_TEMPLATE_CATALOG;
const nodesOf = (key: string) => planTemplateNodes(planTemplate(key));
const everyNode = () => catalog.templates.flatMap((t) => planTemplateNodes(t).map((node) => ({ template: t.key, node })));
const depthOf = (t: PlanTemplate, key: string): number => {
  const walk = (nodes: PlanTemplateNode[], d: number): number => {
    for (const n of nodes) {
      if (n.key === key) return d;
      const found = walk(n.children, d + 1);
      if (found >= 0) return found;
    }
    return -1;
  };
  return walk(t.nodes, 0);
};

describe('plan template catalog', () => {
  it('is versioned data', () => {
    expect(catalog.id).toBe('plan-templates');
    expect(catalog.version).toMatch(/^\d{4}\.\d{1,2}\.\d+$/);
    expect(catalog.publishedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(catalog.templates.map((t) => t.key)).toEqual([...PLAN_TEMPLATE_KEYS]);
  });

  it('says which plan kinds and unit levels each template suits', () => {
    for (const t of catalog.templates) {
      expect(t.kinds.length, t.key).toBeGreaterThan(0);
      expect(t.levels.length, t.key).toBeGreaterThan(0);
      for (const k of t.kinds) expect(PLAN_KINDS).toContain(k);
      expect(t.summary.length, t.key).toBeGreaterThan(60);
    }
    expect(planTemplatesFor('start_up_phase_in', 'state').map((t) => t.key)).toEqual(['appendix-c-state']);
    expect(planTemplatesFor('start_up_phase_in', 'district').map((t) => t.key)).toEqual(['appendix-c-district', 'exhibit-department-to-district']);
    expect(planTemplatesFor('sustainability', 'school').map((t) => t.key)).toEqual(['exhibit-4-fifteen-steps']);
    expect(planTemplatesFor('sustainability', 'state')).toEqual([]);
    // The cascade: the state spawns district plans, a district school plans.
    expect(planTemplate('exhibit-department-to-district').spawnedFrom).toEqual(['state']);
    expect(planTemplate('exhibit-district-to-school').spawnedFrom).toEqual(['district']);
  });

  it('says for every plan kind what the documents give', () => {
    for (const kind of PLAN_KINDS) expect(catalog.kindNotes[kind].length, kind).toBeGreaterThan(40);
    expect(catalog.kindNotes.sustainability).toMatch(/no task list/);
  });

  it('refuses an unknown template key, naming the ones there are', () => {
    expect(() => planTemplate('appendix-z')).toThrow(/no template "appendix-z".*appendix-c-state/);
  });

  it('keys nodes by slugs unique within their template', () => {
    for (const t of catalog.templates) {
      const keys = planTemplateNodes(t).map((n) => n.key);
      expect(new Set(keys).size, `${t.key} has a repeated key`).toBe(keys.length);
      for (const key of keys) expect(key, t.key).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)*$/);
    }
  });

  // Plans record the node keys their tasks came from: renaming one strands them.
  it('keeps its node counts and top-level keys stable', () => {
    expect(Object.fromEntries(catalog.templates.map((t) => [t.key, `${planTemplateNodes(t).length}: ${t.nodes.map((n) => n.key).join(' ')}`]))).toMatchInlineSnapshot(`
      {
        "appendix-c-district": "40: planning-team-capacity changes-within-agency start-up-with-schools celebrate-accomplishments",
        "appendix-c-state": "40: planning-team-capacity changes-within-agency start-up-with-districts celebrate-accomplishments",
        "exhibit-4-fifteen-steps": "19: orientation start-up-phase-in institutionalization ongoing-evolution",
        "exhibit-department-to-district": "27: deepen-understanding leader-and-leadership-team engage-stakeholders design-and-strategic-plan change-mechanisms work-group-capacity recommendations-for-change integrate-into-school-improvement visibility-and-communication quality-improvement family-of-schools community-linkages update-resource-mapping continuous-capacity-building celebrate-progress",
        "exhibit-district-to-school": "27: deepen-understanding leader-and-leadership-team engage-stakeholders design-and-strategic-plan change-mechanisms work-group-capacity recommendations-for-change integrate-into-school-improvement visibility-and-communication quality-improvement family-of-schools community-linkages update-resource-mapping continuous-capacity-building celebrate-progress",
      }
    `);
  });

  it('gives every node a title of at most 300 characters and a citation with a quote', () => {
    for (const { template, node } of everyNode()) {
      const where = `${template}:${node.key}`;
      expect(node.title.trim(), where).toBe(node.title);
      expect(node.title.length, where).toBeGreaterThan(3);
      expect(node.title.length, where).toBeLessThanOrEqual(300);
      expect(node.title[0], where).toBe(node.title[0]!.toUpperCase());
      expect(isSourceId(node.source.source), where).toBe(true);
      expect(node.source.quote?.length ?? 0, where).toBeGreaterThan(0);
      expect(node.source.section.split(SECTION_SEPARATOR).every((s) => s.trim() === s && s.length > 0), `${where}: ${node.source.section}`).toBe(true);
    }
  });

  it('names sections by headings the documents have', () => {
    const refs = [
      ...everyNode().map(({ template, node }) => ({ where: `${template}:${node.key}`, ref: node.source })),
      ...catalog.templates.map((t) => ({ where: t.key, ref: t.source })),
      ...PLAN_PHASES.flatMap((p) => [PLAN_PHASE_CATALOG[p].source, ...(PLAN_PHASE_CATALOG[p].seeAlso ?? [])].map((ref) => ({ where: p, ref }))),
    ];
    for (const { where, ref } of refs) expect(sectionStart(ref), `${where}: "${ref.section}" is not a heading path of ${ref.source}`).toBeGreaterThanOrEqual(0);
  });

  // The test that keeps the templates honest: every quote is the documents' own words, found in
  // the document it cites, after the heading it cites.
  it('quotes every node, template, phase and rule source from the section it cites', () => {
    const misquoted: string[] = [];
    const check = (where: string, ref: SourceRef) => {
      if (ref.quote !== undefined && !occursInSection(ref, ref.quote)) misquoted.push(`${where}: "${ref.quote}" not in ${ref.source} § ${ref.section}`);
    };
    for (const { template, node } of everyNode()) check(`${template}:${node.key}`, node.source);
    for (const t of catalog.templates) check(t.key, t.source);
    for (const p of PLAN_PHASES) for (const ref of [PLAN_PHASE_CATALOG[p].source, ...(PLAN_PHASE_CATALOG[p].seeAlso ?? [])]) check(p, ref);
    for (const k of PLAN_KINDS) check(k, PLAN_KIND_SOURCES[k]);
    for (const ref of [...PLAN_APPROVAL_SOURCES, STRATEGIC_PLANNING_SOURCE, PLAN_RECOMMENDATION_DECISION_POLICY.source!]) check('rules', ref);
    for (const ref of Object.values(PLAN_RECOMMENDATION_SUBJECT_SOURCES)) check('recommendation subject', ref);
    expect(misquoted).toEqual([]);
  });

  it('titles every node in the quote’s own words, or says what it changed', () => {
    const unexplained: string[] = [];
    for (const { template, node } of everyNode()) {
      const quoted = comparable(node.source.quote ?? '');
      if (!quoted.includes(comparable(node.title)) && !node.adaptation) unexplained.push(`${template}:${node.key}: "${node.title}"`);
      // An adaptation is explained in words, not left as a flag.
      if (node.adaptation !== undefined) expect(node.adaptation.length, `${template}:${node.key}`).toBeGreaterThan(30);
    }
    expect(unexplained).toEqual([]);
  });

  it('takes descriptions from the documents too', () => {
    const invented: string[] = [];
    for (const { template, node } of everyNode()) {
      if (node.description === undefined) continue;
      const inQuote = comparable(node.source.quote ?? '').includes(comparable(node.description));
      if (!inQuote && !occursInSection(node.source, node.description)) invented.push(`${template}:${node.key}: "${node.description}"`);
    }
    expect(invented).toEqual([]);
  });

  it('points related templates at templates that exist', () => {
    for (const { template, node } of everyNode()) if (node.relatedTemplate) expect(PLAN_TEMPLATE_KEYS, `${template}:${node.key}`).toContain(node.relatedTemplate);
  });

  it('says where the documents are thin', () => {
    for (const key of ['appendix-c-state', 'appendix-c-district', 'exhibit-department-to-district', 'exhibit-district-to-school', 'exhibit-4-fifteen-steps']) {
      expect(planTemplate(key).sourceNote, key).toBeTruthy();
    }
    expect(PLAN_PHASE_CATALOG.institutionalization.sourceNote).toMatch(/one heading/);
  });
});

describe('Appendix C outline', () => {
  it('nests the state outline as (1), (2), (3) with their lettered items and sub-items', () => {
    const t = planTemplate('appendix-c-state');
    const [one, two, three] = t.nodes;
    expect(one!.children.map((n) => n.source.section.split(SECTION_SEPARATOR).at(-1))).toEqual(['item (a)', 'item (b)', 'item (c)', 'item (d)']);
    expect(two!.children).toHaveLength(7); // (a) … (g)
    expect(three!.children).toHaveLength(4); // a) … d)
    expect(two!.children[0]!.children.map((n) => n.title)).toEqual([
      'Current policies (bulletins, guidelines, etc.)',
      'Current operational infrastructure',
      'Current programs and initiatives',
      'Possible ways to redeploy resources',
    ]);
    expect(three!.children[1]!.children.map((n) => n.title)).toEqual([
      'Guidance',
      'Facilitation of organizational change and personnel capacity building (including PD designed for spiral learning to deepen understanding)',
      'Facilitation of systemic change and inclusion of the work into the school improvement and related strategic plans',
      'Continuous problem-solving',
      'Constant support for getting from here to there.',
    ]);
    expect(three!.children[1]!.description).toBe('See Appendix A for list of Implementation Team Functions');
    expect(one!.children[1]!.children[1]!.description).toMatch(/^Plan as part of scheduled special professional development/);
    // A child's quote keeps the sentence it completes.
    expect(two!.children[0]!.children[0]!.source.quote).toBe(
      '(a) Establish a work group to review and recommend changes that fit with the design for a unified and comprehensive system of learning supports with respect to … current policies (bulletins, guidelines, etc.)',
    );
    expect(depthOf(t, 'start-up-with-districts.district-introductory-tasks.review-overview-document')).toBe(2);
  });

  it('has every lettered item of each section of the outline, in order', () => {
    const doc = documents['planning-coaching-guide'];
    const sections: [string, number, string, string][] = [
      ['appendix-c-state', 0, '(1) Building the capacity', '(2) Plan for changes'],
      ['appendix-c-state', 1, '(2) Plan for changes', '(3) Plan for Start-up'],
      ['appendix-c-state', 2, '(3) Plan for Start-up', 'Tasks the Department Needs'],
      ['appendix-c-district', 2, '(4) Plan for Start-up', 'AND, of course'],
    ];
    for (const [key, index, from, to] of sections) {
      const start = doc.indexOf(from);
      const block = doc.slice(start, doc.indexOf(to, start));
      const inDocument = [...block.matchAll(/(?:^|\s)\(?([a-g])\) [A-Z]/g)].map((m) => `item (${m[1]})`);
      const inTemplate = planTemplate(key).nodes[index]!.children.map((n) => n.source.section.split(SECTION_SEPARATOR).at(-1));
      expect(inTemplate, `${key} ${from}`).toEqual(inDocument);
      expect(inDocument.length, from).toBeGreaterThanOrEqual(3);
    }
  });

  it('places start-up and phase-in where the outline names it, and nothing else', () => {
    for (const key of ['appendix-c-state', 'appendix-c-district']) {
      const t = planTemplate(key);
      expect(t.nodes.map((n) => n.phase ?? null), key).toEqual([null, null, 'start_up_phase_in', null]);
    }
  });

  it('reads the department’s items for a district and says so on every changed node', () => {
    const district = planTemplate('appendix-c-district');
    const titles = planTemplateNodes(district).map((n) => n.title);
    expect(titles).toContain('Building the capacity of the district planning team');
    expect(titles).toContain('Plan for changes within the district');
    expect(titles.some((s) => /department|regional units/i.test(s))).toBe(false);
    const adapted = planTemplateNodes(district).filter((n) => n.adaptation);
    expect(adapted.length).toBeGreaterThan(4);
    // The quote stays the department's words: the citation shows where the district reading came from.
    expect(district.nodes[0]!.source.quote).toBe('(1) Building the capacity of the department planning team.');
    // Section (4) is the guide's own words, for districts with their schools.
    const four = district.nodes[2]!;
    expect(four.title).toBe('Plan for start-up and phase-in with schools');
    expect(four.children.map((n) => n.children.length)).toEqual([5, 3, 2]);
    expect(four.children[2]!.children[1]!.children).toHaveLength(4);
    expect(planTemplateNodes({ nodes: [four] }).every((n) => !n.adaptation)).toBe(true);
  });

  it('fixes the guide’s "a set benchmarks" in the open', () => {
    const node = nodesOf('appendix-c-state').find((n) => n.key === 'changes-within-agency.establish-benchmarks-work-group')!;
    expect(node.title).toBe('Establish a work group to develop a set of benchmarks and mechanisms for monitoring progress');
    expect(node.adaptation).toMatch(/a set benchmarks/);
    expect(node.children.map((n) => n.title)).toEqual(['In the department and at regional units', 'At a district', 'At a school']);
  });
});

describe('the two Exhibits', () => {
  it('transcribe each Exhibit’s top-level tasks in the document’s order', () => {
    for (const [key, heading, end] of [
      ['exhibit-department-to-district', 'Tasks the Department Needs to be Ready to Help the District Accomplish', '(4) Plan for Start-up'],
      ['exhibit-district-to-school', 'Tasks the District Needs to be Ready to Help Schools Accomplish', 'Plan as part of scheduled district'],
    ] as const) {
      const doc = documents['planning-coaching-guide'];
      const start = doc.indexOf(normalize(heading));
      const block = doc.slice(start, doc.indexOf(end, start));
      const texts = planTemplate(key).nodes.map((n) => normalize(ownWords(n.source.quote!)));
      expect(findInOrder(block, texts), key).toBeGreaterThan(0);
      expect(texts, key).toHaveLength(15);
    }
  });

  it('keep the department Exhibit’s two repeated tasks once, in the district’s wording', () => {
    const t = planTemplate('exhibit-department-to-district');
    expect(t.nodes.find((n) => n.key === 'visibility-and-communication')!.title).toBe(
      'Enhancing component visibility, communication, sharing, and problem solving within the district and beyond',
    );
    expect(t.nodes.find((n) => n.key === 'quality-improvement')!.title).toMatch(/into District's regular planning/);
    expect(t.sourceNote).toMatch(/twice/);
  });

  it('nest the work groups’ tasks three deep, as the Exhibits do', () => {
    for (const key of ['exhibit-department-to-district', 'exhibit-district-to-school']) {
      const work = planTemplate(key).nodes.find((n) => n.key === 'work-group-capacity')!;
      expect(work.children.map((n) => n.children.length), key).toEqual([0, 2, 5]);
    }
    expect(nodesOf('exhibit-district-to-school').find((n) => n.key === 'work-group-capacity.recommend-changes.current-policies')!.title).toBe('Current school policies');
  });

  it('send recommendations to the superintendent for a district and to the principal for a school', () => {
    expect(planTemplate('exhibit-department-to-district').nodes.find((n) => n.key === 'recommendations-for-change')!.title).toMatch(/submitted to the superintendent/);
    expect(planTemplate('exhibit-district-to-school').nodes.find((n) => n.key === 'recommendations-for-change')!.title).toMatch(/submitted to the principal/);
  });
});

describe('Exhibit 4: the 15 steps', () => {
  const t = planTemplate('exhibit-4-fifteen-steps');
  const steps = t.nodes.flatMap((p) => p.children);

  it('has exactly 15 steps in 4 phases, numbered in order', () => {
    expect(t.nodes.map((n) => n.phase)).toEqual([...PLAN_PHASES]);
    expect(t.nodes.map((n) => n.key)).toEqual(['orientation', 'start-up-phase-in', 'institutionalization', 'ongoing-evolution']);
    expect(t.nodes.map((n) => n.children.length)).toEqual([4, 8, 2, 1]);
    expect(steps).toHaveLength(15);
    expect(steps.map((s) => Number(/step (\d+)$/.exec(s.source.section)![1]))).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    for (const phase of t.nodes) for (const s of phase.children) expect(s.phase).toBe(phase.phase);
  });

  it('uses the document’s phase names', () => {
    expect(PLAN_PHASE_CATALOG.orientation.documentName).toBe('First Phase – Orientation: Creating Readiness');
    expect(PLAN_PHASE_CATALOG.start_up_phase_in.documentName).toMatch(/^Second Phase – Start-up and Phase-in: Developing a Plan of Action/);
    expect(PLAN_PHASE_CATALOG.institutionalization.documentName).toMatch(/^Third and Fourth Phases – Sustaining and Evolving/);
    expect(PLAN_PHASE_CATALOG.ongoing_evolution.label).toBe('Ongoing evolution and creative renewal');
    for (const p of PLAN_PHASES) expect(PLAN_PHASE_CATALOG[p].number).toBe(PLAN_PHASES.indexOf(p) + 1);
  });

  it('keeps each step’s words, splitting the long ones into a title and a description', () => {
    expect(steps[0]!.title).toBe('Build interest and consensus for enhancing efforts to address barriers to learning by developing the component');
    expect(steps[2]!.title).toBe('Establish a school-wide policy framework and commitment');
    expect(steps[2]!.description).toMatch(/^the leadership at a site should make a commitment/);
    expect(steps.map((s) => s.title).slice(12)).toEqual(['Plan for maintenance', 'Develop strategies for maintaining momentum and progress', 'Generate renewal']);
  });
});

describe('seeding a plan from a template', () => {
  it('flattens the outline, parents before children, with positions and inherited phases', () => {
    const seeds = seedTasksFromTemplate(planTemplate('exhibit-4-fifteen-steps'));
    expect(seeds).toHaveLength(19);
    expect(seeds[0]).toMatchObject({ templateNodeKey: 'orientation', parentTemplateNodeKey: null, position: 0, depth: 0, phase: 'orientation' });
    expect(seeds[1]).toMatchObject({ templateNodeKey: 'step-1-build-interest-and-consensus', parentTemplateNodeKey: 'orientation', position: 0, depth: 1 });
    const state = seedTasksFromTemplate(planTemplate('appendix-c-state'));
    expect(state).toHaveLength(40);
    const index = new Map(state.map((s, i) => [s.templateNodeKey, i]));
    for (const s of state) if (s.parentTemplateNodeKey) expect(index.get(s.parentTemplateNodeKey)!).toBeLessThan(index.get(s.templateNodeKey)!);
    // Items under (3) take its phase.
    expect(state.find((s) => s.templateNodeKey === 'start-up-with-districts.department-implementation-team.guidance')!.phase).toBe('start_up_phase_in');
    expect(state.find((s) => s.templateNodeKey === 'planning-team-capacity.analyze-map')!.phase).toBeNull();
  });

  it('takes only the phases asked for: a sustainability plan from Exhibit 4’s third and fourth phases', () => {
    const seeds = seedTasksFromTemplate(planTemplate('exhibit-4-fifteen-steps'), { phases: ['institutionalization', 'ongoing_evolution'] });
    expect(seeds.map((s) => s.title)).toEqual([
      'Institutionalization (sustaining)',
      'Plan for maintenance',
      'Develop strategies for maintaining momentum and progress',
      'Ongoing evolution and creative renewal',
      'Generate renewal',
    ]);
    expect(seeds.map((s) => s.position)).toEqual([0, 0, 1, 1, 0]);
    // In Appendix C only section (3) has a phase.
    const startUp = seedTasksFromTemplate(planTemplate('appendix-c-state'), { phases: ['start_up_phase_in'] });
    expect(startUp).toHaveLength(17);
    expect(startUp[0]!.templateNodeKey).toBe('start-up-with-districts');
  });
});
