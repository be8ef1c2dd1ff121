// Plan templates: the outlines and task lists the two source documents give for strategic and action
// planning, shipped as versioned data. A plan starts blank or from one of these; its tasks are then
// the unit's own (WHO, HOW and WHEN are filled in per plan, never in the template).
//
// Rules this file keeps (packages/core/test/plans-templates.test.ts checks them):
// - Every node cites where the documents say it (`source`, a SourceRef whose `quote` is the
//   document's words, verbatim but for whitespace, list markers and emphasis; " … " joins a list's
//   lead-in to its item, so a short item ("guidance") keeps the sentence it completes).
// - A node's `title` is the quote's own words (a list marker and a closing colon dropped, the first
//   letter capitalized), or, where Trellis had to change words, `adaptation` says what and why.
//   A `description` is the documents' words too (a footnote or a "See Appendix A" note).
// - Keys are stable slugs, unique within a template: a plan's tasks record the template key, version
//   and node key they came from, so a key is never renamed or reused. Change wording, add a key, or
//   publish a new version, but keep old keys meaning what they meant.
// - Nothing is invented. Where the documents are thin (no district version of Appendix C's
//   department items, no sustainability task list, phases 3 and 4 under one heading), `sourceNote`
//   says so and what Trellis did about it.
import { ELLIPSIS, type SourceRef } from '../catalogs/sources.js';
import { invalid } from '../errors.js';
import type { UnitKind } from '../organizations/units.js';
import type { PlanKind } from './rules.js';

// ---- Phases of systemic change --------------------------------------------------------------------

/**
 * The four phases of systemic change (change-agent document, Exhibit 4 and "Systemic Change
 * Functions"). Keys are stable; `label` is what the product shows, `documentName` the heading the
 * document gives the phase.
 */
export const PLAN_PHASES = ['orientation', 'start_up_phase_in', 'institutionalization', 'ongoing_evolution'] as const;
export type PlanPhase = (typeof PLAN_PHASES)[number];

export interface PlanPhaseEntry {
  key: PlanPhase;
  /** 1 to 4, in the documents' order. */
  number: 1 | 2 | 3 | 4;
  label: string;
  /** The phase's heading in Exhibit 4, word for word. */
  documentName: string;
  source: SourceRef;
  seeAlso?: SourceRef[];
  sourceNote?: string;
}

const guide = (section: string, quote: string): SourceRef => ({ source: 'planning-coaching-guide', section, quote });
const cam = (section: string, quote: string): SourceRef => ({ source: 'change-agent-mechanisms', section, quote });

const PHASE_3_4_HEADING = 'Third and Fourth Phases – Sustaining and Evolving: Increasing Outcome Efficacy and Ensuring Creative Renewal';
const CHANGE_FUNCTIONS = cam(
  'Systemic Change Functions',
  'Change functions include those involved in creating readiness, initial implementation, institutionalization, and creative renewal.',
);
const PHASES_3_4_NOTE =
  'Exhibit 4 gives the third and fourth phases one heading ("Sustaining and Evolving") and one list of steps. Trellis keeps them as two ' +
  'phases, named from "Change functions include those involved in creating readiness, initial implementation, institutionalization, ' +
  'and creative renewal": institutionalization is sustaining what was started, ongoing evolution is creative renewal.';

export const PLAN_PHASE_CATALOG: Readonly<Record<PlanPhase, PlanPhaseEntry>> = {
  orientation: {
    key: 'orientation',
    number: 1,
    label: 'Orientation: creating readiness',
    documentName: 'First Phase – Orientation: Creating Readiness',
    source: cam('Exhibit 4 — First Phase', 'First Phase – Orientation: Creating Readiness'),
    seeAlso: [CHANGE_FUNCTIONS],
  },
  start_up_phase_in: {
    key: 'start_up_phase_in',
    number: 2,
    label: 'Start-up and phase-in',
    documentName: 'Second Phase – Start-up and Phase-in: Developing a Plan of Action, Starting-up, Phasing-in, Building Infrastructure and Capacity',
    source: cam(
      'Exhibit 4 — Second Phase',
      'Second Phase – Start-up and Phase-in: Developing a Plan of Action, Starting-up, Phasing-in, Building Infrastructure and Capacity',
    ),
    seeAlso: [
      guide(
        'Appendix C — Notes on Strategic Planning for Ongoing Capacity Building & Implementation of Systemic Changes with a View to Sustainability',
        'The focus of the initial action planning is on start-up and phase-in.',
      ),
    ],
  },
  institutionalization: {
    key: 'institutionalization',
    number: 3,
    label: 'Institutionalization (sustaining)',
    documentName: PHASE_3_4_HEADING,
    source: cam('Exhibit 4 — Third and Fourth Phases', PHASE_3_4_HEADING),
    seeAlso: [CHANGE_FUNCTIONS],
    sourceNote: PHASES_3_4_NOTE,
  },
  ongoing_evolution: {
    key: 'ongoing_evolution',
    number: 4,
    label: 'Ongoing evolution and creative renewal',
    documentName: PHASE_3_4_HEADING,
    source: cam('Exhibit 4 — Third and Fourth Phases', PHASE_3_4_HEADING),
    seeAlso: [CHANGE_FUNCTIONS],
    sourceNote: PHASES_3_4_NOTE,
  },
};

export const isPlanPhase = (value: unknown): value is PlanPhase => typeof value === 'string' && (PLAN_PHASES as readonly string[]).includes(value);

// ---- Shapes ---------------------------------------------------------------------------------------

export interface PlanTemplateNode {
  /** Stable slug, unique within its template. */
  key: string;
  title: string;
  /** The documents' words that go with the item (a footnote, a "See Appendix A" note). */
  description?: string;
  /** Set where the documents place the item in a phase; children without one take their parent's. */
  phase?: PlanPhase;
  children: PlanTemplateNode[];
  /** Where the documents say it; `quote` holds the document's words the title is taken from. */
  source: SourceRef;
  /** What Trellis changed from the quoted words, and why. Absent: the title is the quote's words. */
  adaptation?: string;
  /** Another template the documents point to from here ("See Exhibit on next page"). */
  relatedTemplate?: PlanTemplateKey;
}

export const PLAN_TEMPLATE_KEYS = [
  'appendix-c-state',
  'appendix-c-district',
  'exhibit-department-to-district',
  'exhibit-district-to-school',
  'exhibit-4-fifteen-steps',
] as const;
export type PlanTemplateKey = (typeof PLAN_TEMPLATE_KEYS)[number];

export interface PlanTemplate {
  key: PlanTemplateKey;
  name: string;
  /** Trellis's one-paragraph account of what the template is for (not a quote). */
  summary: string;
  /** Plan kinds the template suits. */
  kinds: readonly PlanKind[];
  /** Kinds of unit whose plans the template is written for. */
  levels: readonly UnitKind[];
  /** Kinds of unit whose plans may spawn a plan from this template for a unit below (the cascade). */
  spawnedFrom: readonly UnitKind[];
  /** Where the template as a whole comes from. */
  source: SourceRef;
  sourceNote?: string;
  nodes: PlanTemplateNode[];
}

export interface PlanTemplateCatalog {
  id: 'plan-templates';
  /** Calendar versioning: year.month.patch. */
  version: string;
  publishedOn: string;
  templates: PlanTemplate[];
  /** What the documents give, and do not give, per plan kind. */
  kindNotes: Readonly<Record<PlanKind, string>>;
}

// ---- Building nodes from the documents' words -------------------------------------------------------

/** One item as written down here: the document's text, and what Trellis adds around it. */
interface Item {
  key: string;
  /** The document's words for the item, verbatim (list markers dropped). */
  text: string;
  /** "(a)", "b)": the document's own numbering, kept in the quote and in the section locator. */
  marker?: string;
  /** Set only when the title must differ from `text`; then `adaptation` says why. */
  title?: string;
  adaptation?: string;
  description?: string;
  phase?: PlanPhase;
  relatedTemplate?: PlanTemplateKey;
  /** A section heading: its children's sentences do not continue it, so their quotes leave it out. */
  heading?: boolean;
  children?: Item[];
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The title a quote gives: trimmed, a closing colon dropped, first letter capitalized. */
const titleFromText = (text: string) => capitalize(text.trim().replace(/\s*:$/, ''));

/**
 * Builds nodes under `section` of the guide or the change-agent document. A child's quote is its
 * parent's quote, " … ", its own words: the item keeps the sentence it completes.
 */
function build(cite: (section: string, quote: string) => SourceRef, section: string, items: readonly Item[], leadIn: string[] = [], locator?: string): PlanTemplateNode[] {
  return items.map((item) => {
    const own = item.marker ? `${item.marker} ${item.text}` : item.text;
    const at = item.marker ? `item ${item.marker.replace(/^\(?(\w+)\)?$/, '($1)')}` : locator;
    const quoteParts = [...leadIn, own];
    const node: PlanTemplateNode = {
      key: item.key,
      title: item.title ?? titleFromText(item.text),
      children: build(cite, section, item.children ?? [], item.heading ? leadIn : quoteParts, at),
      source: cite(at ? `${section} — ${at}` : section, quoteParts.join(ELLIPSIS)),
    };
    if (item.description !== undefined) node.description = item.description;
    if (item.phase !== undefined) node.phase = item.phase;
    if (item.adaptation !== undefined) node.adaptation = item.adaptation;
    if (item.relatedTemplate !== undefined) node.relatedTemplate = item.relatedTemplate;
    return node;
  });
}

// ---- Appendix C: the strategic-planning outline --------------------------------------------------

const C_INTRO =
  'Appendix C — Notes on Strategic Planning for Ongoing Capacity Building & Implementation of Systemic Changes with a View to Sustainability';
const C1 = 'Appendix C — (1) Building the capacity of the department planning team';
const C2 = 'Appendix C — (2) Plan for changes within the DEPARTMENT and with REGIONAL UNITS';
const C3 = 'Appendix C — (3) Plan for Start-up and Phase-in with DISTRICTS';
const C4 = 'Appendix C — (4) Plan for Start-up and Phase-in with SCHOOLS';
const EXHIBIT_DISTRICT = 'Appendix C — Tasks the Department Needs to be Ready to Help the District Accomplish';
const EXHIBIT_SCHOOL = 'Appendix C — Tasks the District Needs to be Ready to Help Schools Accomplish';

const WHO_HOW_WHEN = guide(C_INTRO, 'For each of the following, clarify: WHO will carry out the task, HOW, and WHEN');

const FOOTNOTE_UNIFYING_DEPARTMENT =
  'Plan as part of scheduled department professional development, including plans for external collaboration for PD and Technical Assistance';
const FOOTNOTE_UNIFYING_DISTRICT =
  'Plan as part of scheduled district professional development, including plans for external collaboration for PD and Technical Assistance';
const FOOTNOTE_SYSTEMIC =
  'Plan as part of scheduled special professional development for all involved in facilitating systemic changes, including plans for external collaboration for PD and Technical Assistance';
const SEE_PLANNING_TEAM = 'See Appendix A for list of Planning Team Functions';
const SEE_IMPLEMENTATION_TEAM = 'See Appendix A for list of Implementation Team Functions';

const TO_DISTRICT =
  'The guide writes this item for the state department; Trellis reads "department" as "district" so that a district plans the same ' +
  'work for itself.';
const SET_OF_BENCHMARKS = 'The guide reads "a set benchmarks"; Trellis adds the missing "of".';

const celebrate = (): PlanTemplateNode => ({
  key: 'celebrate-accomplishments',
  title: 'Continuously celebrate accomplishments',
  children: [],
  source: guide(C4, 'AND, of course, it is essential to continuously celebrate accomplishments.'),
  adaptation: 'The guide closes the outline with "AND, of course, it is essential to continuously celebrate accomplishments."; Trellis makes it a task.',
});

const sectionOne = (forDistrict: boolean): PlanTemplateNode =>
  build(guide, C1, [
    {
      key: 'planning-team-capacity',
      text: '(1) Building the capacity of the department planning team.',
      heading: true,
      ...(forDistrict
        ? { title: 'Building the capacity of the district planning team', adaptation: TO_DISTRICT }
        : { title: 'Building the capacity of the department planning team' }),
      children: [
        { key: 'review-planning-team-functions', marker: '(a)', text: 'Review and discuss the functions of the Planning Team', description: SEE_PLANNING_TEAM },
        {
          key: 'deepen-understanding',
          marker: '(b)',
          text: 'Deepen the understanding of and enhance readiness for what is involved in',
          children: [
            {
              key: 'understand-unifying',
              text: 'unifying and developing a comprehensive system of learning supports',
              // The district version of the footnote is under the second Exhibit; the department's fits the state.
              description: forDistrict ? FOOTNOTE_UNIFYING_DISTRICT : FOOTNOTE_UNIFYING_DEPARTMENT,
            },
            { key: 'understand-systemic-change', text: 'making systemic changes', description: FOOTNOTE_SYSTEMIC },
          ],
        },
        {
          key: 'plan-mapping-work-group',
          marker: '(c)',
          text: 'If mapping has not been done, plan for establishing and training a work group to map department resources relevant to student and learning supports using the intervention framework detailed in the design document',
          ...(forDistrict
            ? {
                title:
                  'If mapping has not been done, plan for establishing and training a work group to map district resources relevant to student and learning supports using the intervention framework detailed in the design document',
                adaptation: TO_DISTRICT,
              }
            : {}),
        },
        {
          key: 'analyze-map',
          marker: '(d)',
          text: 'Analyze map of prevailing status of student and learning supports within the department (e.g., current activity, gaps, redundancies, priority needs, etc.)',
          ...(forDistrict
            ? {
                title: 'Analyze map of prevailing status of student and learning supports within the district (e.g., current activity, gaps, redundancies, priority needs, etc.)',
                adaptation: TO_DISTRICT,
              }
            : {}),
        },
      ],
    },
  ])[0]!;

const CHANGES_WITH_RESPECT_TO: Item[] = [
  { key: 'current-policies', text: 'current policies (bulletins, guidelines, etc.)' },
  { key: 'current-operational-infrastructure', text: 'current operational infrastructure' },
  { key: 'current-programs-and-initiatives', text: 'current programs and initiatives' },
  { key: 'redeploy-resources', text: 'possible ways to redeploy resources' },
];

const sectionTwo = (forDistrict: boolean): PlanTemplateNode =>
  build(guide, C2, [
    {
      key: 'changes-within-agency',
      text: '(2) Plan for changes within the DEPARTMENT and with REGIONAL UNITS',
      heading: true,
      ...(forDistrict
        ? {
            title: 'Plan for changes within the district',
            adaptation: 'The guide writes this section for the state department and its regional units; Trellis reads it as the district’s own.',
          }
        : { title: 'Plan for changes within the department and with regional units' }),
      children: [
        {
          key: 'establish-recommendations-work-group',
          marker: '(a)',
          text: 'Establish a work group to review and recommend changes that fit with the design for a unified and comprehensive system of learning supports with respect to',
          children: CHANGES_WITH_RESPECT_TO,
        },
        {
          key: 'build-work-group-capacity',
          marker: '(b)',
          text: 'Build the capacity of the work group to carry out its tasks and provide the group with technical assistance as needed',
        },
        { key: 'review-recommendations', marker: '(c)', text: "Review and revise work group's recommendations" },
        { key: 'submit-recommendations', marker: '(d)', text: 'Submit recommendations to Superintendent' },
        {
          key: 'plan-visibility',
          marker: '(e)',
          text: 'Plan ways to enhance component visibility, communication, sharing, and problem solving within the department and beyond',
          ...(forDistrict
            ? { title: 'Plan ways to enhance component visibility, communication, sharing, and problem solving within the district and beyond', adaptation: TO_DISTRICT }
            : {}),
        },
        {
          key: 'establish-benchmarks-work-group',
          marker: '(f)',
          text: 'Establish a work group to develop a set benchmarks and mechanisms for monitoring progress',
          title: 'Establish a work group to develop a set of benchmarks and mechanisms for monitoring progress',
          adaptation: SET_OF_BENCHMARKS,
          children: [
            // A district's own plan monitors the district and its schools; the department's line is the state's.
            ...(forDistrict ? [] : [{ key: 'monitor-department-and-regions', text: 'in the department and at regional units' }]),
            { key: 'monitor-district', text: 'at a district' },
            { key: 'monitor-school', text: 'at a school' },
          ],
        },
        {
          key: 'plan-quality-improvement',
          marker: '(g)',
          text: "Plan a system for continuous quality improvement and evaluation of impact and integrate it into Department's regular planning, evaluation, and accountability",
          ...(forDistrict
            ? {
                title: "Plan a system for continuous quality improvement and evaluation of impact and integrate it into the District's regular planning, evaluation, and accountability",
                adaptation: TO_DISTRICT,
              }
            : {}),
        },
      ],
    },
  ])[0]!;

/** What an implementation team provides to the unit below, in (3) b) and (4) a) alike. */
const PROVIDE_WITH: Item[] = [
  { key: 'guidance', text: 'guidance' },
  {
    key: 'facilitate-organizational-change',
    text: 'facilitation of organizational change and personnel capacity building (including PD designed for spiral learning to deepen understanding)',
  },
  {
    key: 'facilitate-systemic-change',
    text: 'facilitation of systemic change and inclusion of the work into the school improvement and related strategic plans',
  },
  { key: 'continuous-problem-solving', text: 'continuous problem-solving' },
  { key: 'constant-support', text: 'constant support for getting from here to there.' },
];

const sectionThree = (): PlanTemplateNode =>
  build(guide, C3, [
    {
      key: 'start-up-with-districts',
      text: '(3) Plan for Start-up and Phase-in with DISTRICTS',
      heading: true,
      title: 'Plan for start-up and phase-in with districts',
      phase: 'start_up_phase_in',
      children: [
        {
          key: 'district-information-work-group',
          marker: 'a)',
          text: 'Establish a work group to develop information resources and supports to provide district leadership to enable them to clarify the following for district stakeholders:',
          children: [
            { key: 'imperative-for-change', text: 'the imperative for change' },
            { key: 'design-prototype-rationale', text: "the state's design prototype and the rationale for adopting (and adapting) it" },
            { key: 'roll-out-plans', text: 'the current and future plans for roll-out to districts' },
            {
              key: 'systemic-changes-and-process',
              text: 'the systemic changes that will be involved at district and school levels and the process to be used in bringing the changes about',
            },
          ],
        },
        {
          key: 'department-implementation-team',
          marker: 'b)',
          text: "Establish and build the capacity of the Department's Implementation Team to provide a district with",
          description: SEE_IMPLEMENTATION_TEAM,
          children: PROVIDE_WITH,
        },
        {
          key: 'district-introductory-tasks',
          marker: 'c)',
          text: "The Department's Implementation Team will need to have a plan of action for carrying out the following introductory tasks:",
          children: [
            { key: 'initial-presentations', text: 'initial presentations to key district leadership' },
            {
              key: 'follow-up-sessions',
              text: 'a follow-up personal session with each superintendent and key district leaders to enhance readiness and commitment',
            },
            {
              key: 'review-overview-document',
              text: 'review of overview document delineating how the department will work with the District leaders to facilitate (help them) start-up and phase-in a unified and comprehensive system to address barriers to learning and teaching and re-engage disconnected students.',
              relatedTemplate: 'exhibit-department-to-district',
            },
          ],
        },
        {
          key: 'district-steering-team-guide',
          marker: 'd)',
          text: 'The Implementation Team will need to have a guide for establishing a District Steering Team and for providing capacity building and ongoing technical assistance for this team.',
        },
      ],
    },
  ])[0]!;

const sectionFour = (): PlanTemplateNode =>
  build(guide, C4, [
    {
      key: 'start-up-with-schools',
      text: '(4) Plan for Start-up and Phase-in with SCHOOLS',
      heading: true,
      title: 'Plan for start-up and phase-in with schools',
      phase: 'start_up_phase_in',
      children: [
        {
          key: 'district-implementation-team',
          marker: 'a)',
          text: 'Establish and build the capacity of a District Implementation Team to provide a school with',
          description: SEE_IMPLEMENTATION_TEAM,
          children: PROVIDE_WITH,
        },
        {
          key: 'school-introductory-tasks',
          marker: 'b)',
          text: "The District's Implementation Team will need to have a plan of action for carrying out the following introductory tasks:",
          children: [
            { key: 'initial-presentations', text: 'initial presentations to key school leadership' },
            {
              key: 'follow-up-sessions',
              text: 'a follow-up personal session with each principal and key school leaders to enhance readiness and commitment',
            },
            {
              key: 'review-overview-document',
              text: 'review of overview document delineating how the district will work with the school leaders to facilitate (help them) start-up and phase-in a unified and comprehensive system to address barriers to learning and teaching and re-engage disconnected students.',
              relatedTemplate: 'exhibit-district-to-school',
            },
          ],
        },
        {
          key: 'school-steering-team-guide',
          marker: 'c)',
          text: 'The Implementation Team will need to have a guide for',
          children: [
            {
              key: 'establish-school-steering-team',
              text: 'establishing a School Steering Team and for providing capacity building and ongoing technical assistance for this team',
            },
            {
              key: 'school-information-resources',
              text: 'working with the Steering Team to adapt information resources and supports to provide school leadership to enable them to clarify the following for school stakeholders:',
              children: [
                { key: 'imperative-for-change', text: 'the imperative for change' },
                { key: 'design-prototype-rationale', text: "the state's design prototype and the rationale for adopting (and adapting) it" },
                { key: 'roll-out-plans', text: 'the current and future plans for roll-out to districts and schools' },
                {
                  key: 'systemic-changes-and-process',
                  text: 'the systemic changes that will be involved at the district and school level and the process to be used in bringing the changes about',
                },
              ],
            },
          ],
        },
      ],
    },
  ])[0]!;

/**
 * Keys must be unique within a template, but Appendix C repeats items under different sections
 * ("the imperative for change" under (3) and (4)): nested keys are prefixed with their ancestors'.
 */
function qualifyKeys(nodes: PlanTemplateNode[], prefix = ''): PlanTemplateNode[] {
  return nodes.map((n) => {
    const key = prefix ? `${prefix}.${n.key}` : n.key;
    return { ...n, key, children: qualifyKeys(n.children, key) };
  });
}

const appendixCState: PlanTemplate = {
  key: 'appendix-c-state',
  name: 'Strategic plan outline for the state department (Appendix C)',
  summary:
    'The guide’s outline for the department’s plan: build the capacity of the planning team, plan changes within the department and ' +
    'with regional units, and plan start-up and phase-in with districts. For each task, the plan says WHO, HOW and WHEN.',
  kinds: ['strategic_system_change', 'start_up_phase_in'],
  levels: ['state'],
  spawnedFrom: [],
  source: WHO_HOW_WHEN,
  sourceNote:
    'Appendix C carries no phase for sections (1) and (2); sections (3) and (4) are start-up and phase-in by their titles. The guide ' +
    'closes with "Subsequent planning can address phases 3 and 4 of systemic change": for those, see Exhibit 4 (third and fourth phases). ' +
    'Section (4), start-up and phase-in with schools, is the district’s work and is in the district outline.',
  nodes: qualifyKeys([sectionOne(false), sectionTwo(false), sectionThree(), celebrate()]),
};

const appendixCDistrict: PlanTemplate = {
  key: 'appendix-c-district',
  name: 'Strategic plan outline for a district (Appendix C)',
  summary:
    'The guide’s outline read for a district: build the capacity of the district planning team, plan changes within the district, and ' +
    'plan start-up and phase-in with schools. For each task, the plan says WHO, HOW and WHEN.',
  kinds: ['strategic_system_change', 'start_up_phase_in'],
  levels: ['district'],
  spawnedFrom: ['state'],
  source: WHO_HOW_WHEN,
  sourceNote:
    'The guide writes sections (1) and (2) of Appendix C for the state department only. "These mechanisms are needed at the SEA and at ' +
    'LEAs" and "the mechanisms and tasks need to be customized with respect to differences at state, regional, district, and school ' +
    'levels", so Trellis reads them for a district: every node whose words changed says so in `adaptation`, and its quote is the ' +
    'department wording it came from. Section (4) is the guide’s own, word for word.',
  nodes: qualifyKeys([sectionOne(true), sectionTwo(true), sectionFour(), celebrate()]),
};

// ---- The two Exhibits: what the level above must be ready to help the level below accomplish ------

interface ExhibitWords {
  leaderAndTeam: string;
  guiding: string;
  mechanisms: string;
  mapWithin: string;
  policies: string;
  benchmarks: string;
  recommendationsTo: string;
  visibility: string;
  quality: string;
  outreach: string;
}

const exhibitItems = (w: ExhibitWords, deepening: string, unifyingFootnote: string, systemicFootnote: string | undefined): Item[] => [
  {
    key: 'deepen-understanding',
    text: deepening,
    children: [
      { key: 'understand-unifying', text: 'unifying & developing a comprehensive learning supports system', description: unifyingFootnote },
      { key: 'understand-systemic-change', text: 'making systemic changes', ...(systemicFootnote ? { description: systemicFootnote } : {}) },
    ],
  },
  { key: 'leader-and-leadership-team', text: w.leaderAndTeam },
  {
    key: 'engage-stakeholders',
    text: 'Engaging a critical mass of key stakeholder groups (building interest and consensus for the work and garnering feedback and support)',
  },
  { key: 'design-and-strategic-plan', text: w.guiding },
  { key: 'change-mechanisms', text: w.mechanisms },
  {
    key: 'work-group-capacity',
    text: 'Building the capacity of work group(s) to',
    children: [
      { key: 'map-supports', text: w.mapWithin },
      {
        key: 'analyze-and-recommend',
        text: 'analyze the resource map and priority needs and recommend',
        children: [
          { key: 'how-to-unify', text: 'how to unify the work into a system' },
          { key: 'yearly-priorities', text: 'yearly priorities for developing the system into a comprehensive approach' },
        ],
      },
      {
        key: 'recommend-changes',
        text: 'analyze and recommend changes that fit with the design for a unified and comprehensive system of learning supports with respect to',
        children: [
          { key: 'current-policies', text: w.policies },
          { key: 'current-operational-infrastructure', text: 'current operational infrastructure' },
          { key: 'current-programs-and-initiatives', text: 'current programs and initiatives' },
          { key: 'redeploy-resources', text: 'possible ways to redeploy resources' },
          { key: 'adapt-benchmarks', text: w.benchmarks },
        ],
      },
    ],
  },
  { key: 'recommendations-for-change', text: w.recommendationsTo },
  { key: 'integrate-into-school-improvement', text: 'Fully integrating the system as a primary and essential component of school improvement' },
  { key: 'visibility-and-communication', text: w.visibility },
  { key: 'quality-improvement', text: w.quality },
  { key: 'family-of-schools', text: 'Connecting a "Family" of schools (e.g., feeder patterns)' },
  { key: 'community-linkages', text: w.outreach },
  { key: 'update-resource-mapping', text: 'Updating and deepening resource mapping and analyses' },
  { key: 'continuous-capacity-building', text: 'Planning and implementing continuous capacity building and technical assistance' },
  { key: 'celebrate-progress', text: 'Celebrating progress' },
];

const exhibitDistrict: PlanTemplate = {
  key: 'exhibit-department-to-district',
  name: 'Tasks the Department needs to be ready to help the district accomplish (Exhibit)',
  summary:
    'The district’s tasks that the state department must be ready to help with: readiness, leadership, stakeholders, design and ' +
    'strategic plan, mechanisms, work groups, recommendations, integration, quality improvement, outreach, capacity building, celebration.',
  kinds: ['strategic_system_change', 'start_up_phase_in'],
  levels: ['district'],
  spawnedFrom: ['state'],
  source: guide(EXHIBIT_DISTRICT, 'Tasks the Department Needs to be Ready to Help the District Accomplish'),
  sourceNote:
    'The Exhibit lists two tasks twice: "Enhancing component visibility, communication, sharing, and problem solving" (once with ' +
    '"(e.g., within the district and beyond)", once "within the district and beyond") and "Establishing a system for continuous quality ' +
    'improvement…" (once into "regular planning", once into "District\'s regular planning"). Trellis keeps each once, in the second, ' +
    'district-specific wording.',
  nodes: qualifyKeys(
    build(
      guide,
      EXHIBIT_DISTRICT,
      exhibitItems(
        {
          leaderAndTeam:
            'Establishing and building the capacity of a district administrative leader for the learning supports component and the District Learning Supports Leadership Team',
          guiding: 'Guiding design adoption/adaptation & development of strategic system change plan',
          mechanisms: 'Establishing and building the capacity of a set of system change mechanisms',
          mapWithin:
            'map prevailing status of student and learning supports within the district (e.g., current activity, gaps, redundancies, priority needs, etc.) using the intervention framework in the design document',
          policies: 'current policies (bulletins, guidelines, etc.)',
          benchmarks: 'adapt benchmarks & mechanisms to monitor progress at district/school levels',
          recommendationsTo:
            'Providing a set of recommendations for change that will be submitted to the superintendent (e.g., changes in policy and operational infrastructure)',
          visibility: 'Enhancing component visibility, communication, sharing, and problem solving within the district and beyond',
          quality:
            "Establishing a system for continuous quality improvement and evaluation of impact and integrate it into District's regular planning, evaluation, and accountability",
          outreach: 'Enhancing outreach to establish formal collaborative linkages among district-wide and with community resources',
        },
        'Deepening the understanding of and enhancing committed readiness for what is involved in',
        FOOTNOTE_UNIFYING_DEPARTMENT,
        FOOTNOTE_SYSTEMIC,
      ),
    ),
  ),
};

const exhibitSchool: PlanTemplate = {
  key: 'exhibit-district-to-school',
  name: 'Tasks the district needs to be ready to help schools accomplish (Exhibit)',
  summary:
    'A school’s tasks that its district must be ready to help with: readiness, leadership, stakeholders, design and strategic plan, ' +
    'mechanisms, work groups, recommendations to the principal, integration, quality improvement, outreach, capacity building, celebration.',
  kinds: ['strategic_system_change', 'start_up_phase_in'],
  levels: ['school'],
  spawnedFrom: ['district'],
  source: guide(EXHIBIT_SCHOOL, 'Tasks the District Needs to be Ready to Help Schools Accomplish'),
  sourceNote:
    'The copy of the guide ends after this Exhibit’s first footnote (*, district professional development); the second footnote (**) ' +
    'it points to is not in the copy, so "making systemic changes" carries no description here.',
  nodes: qualifyKeys(
    build(
      guide,
      EXHIBIT_SCHOOL,
      exhibitItems(
        {
          leaderAndTeam:
            "Establishing and building the capacity of a school administrative leader for the learning supports component and the School's Learning Supports Leadership Team",
          guiding: 'Guiding design adoption/adaptation & development of strategic systemic change plan',
          mechanisms: 'Establishing and building the capacity of a set of systemic change mechanisms',
          mapWithin:
            'map prevailing status of student and learning supports within the school (e.g., current activity, gaps, redundancies, priority needs, etc.) using the intervention framework in the design document',
          policies: 'current school policies',
          benchmarks: 'adapt benchmarks & progress monitoring mechanisms at school',
          recommendationsTo:
            'Providing a set of recommendations for change that will be submitted to the principal (e.g., changes in policy and operational infrastructure)',
          visibility: 'Enhancing component visibility, communication, sharing, and problem solving within the school and beyond',
          quality:
            'Establishing a system for continuous quality improvement and evaluation of impact and integrate it into regular planning, evaluation, and accountability',
          outreach: 'Enhancing outreach to establish formal collaborative linkages with district and community resources',
        },
        'Deepening the understanding of and enhance committed readiness for what is involved in',
        FOOTNOTE_UNIFYING_DISTRICT,
        undefined,
      ),
    ),
  ),
};

// ---- Exhibit 4: the 15 steps in four phases --------------------------------------------------------

interface Step {
  n: number;
  key: string;
  /** The step's words, verbatim, without its number. */
  text: string;
  /** The step's first clause, when the whole step is too long for a title. */
  title?: string;
  /** The rest of the step, when `title` is its first clause. */
  description?: string;
}

const STEPS: Record<PlanPhase, Step[]> = {
  orientation: [
    {
      n: 1,
      key: 'build-interest-and-consensus',
      text: 'Build interest and consensus for enhancing efforts to address barriers to learning by developing the component',
    },
    { n: 2, key: 'introduce-basics', text: 'Introduce basics of the component to relevant groups of stakeholders' },
    {
      n: 3,
      key: 'policy-framework-and-commitment',
      text: 'Establish a school-wide policy framework and commitment – the leadership at a site should make a commitment that adopts a comprehensive approach to enabling learning by addressing barriers as a primary and essential component of school improvement',
      title: 'Establish a school-wide policy framework and commitment',
      description:
        'the leadership at a site should make a commitment that adopts a comprehensive approach to enabling learning by addressing barriers as a primary and essential component of school improvement',
    },
    {
      n: 4,
      key: 'identify-site-leader',
      text: 'Identify a site leader (equivalent to the leader for the Instructional Component) to ensure policy commitments are carried out for establishing the new component',
    },
  ],
  start_up_phase_in: [
    {
      n: 5,
      key: 'establish-temporary-mechanisms',
      text: 'Establish the temporary infrastructure mechanisms (e.g., a site steering group and change team) and develop the capacity of the change agents to guide and manage change and provide essential leadership as the component is phased in',
      title: 'Establish the temporary infrastructure mechanisms (e.g., a site steering group and change team)',
      description: 'and develop the capacity of the change agents to guide and manage change and provide essential leadership as the component is phased in',
    },
    { n: 6, key: 'start-up-and-phase-in-plans', text: 'Formulate specific start-up and phase-in plans' },
    {
      n: 7,
      key: 'resource-oriented-mechanism',
      text: 'Ensure there is a resource-oriented mechanism, such as a Learning Supports Leadership Team, at each school and train those staffing the mechanism in how to perform resource-oriented functions (e.g., mapping, analysis, coordinating, planning, setting priorities for program development, enhancing intervention systems)',
      title: 'Ensure there is a resource-oriented mechanism, such as a Learning Supports Leadership Team, at each school',
      description:
        'and train those staffing the mechanism in how to perform resource-oriented functions (e.g., mapping, analysis, coordinating, planning, setting priorities for program development, enhancing intervention systems)',
    },
    {
      n: 8,
      key: 'organize-work-groups',
      text: 'Help organize work groups for each major arena of component activity and facilitate their initial mapping and analysis of resources and formulation of recommendations',
    },
    {
      n: 9,
      key: 'refine-school-infrastructure',
      text: 'Refine school infrastructure so that the component is fully integrated with the instructional and management components.',
    },
    { n: 10, key: 'ad-hoc-work-groups', text: 'Develop ad hoc work groups to enhance component visibility, communication, sharing, and problem solving' },
    {
      n: 11,
      key: 'fill-gaps-and-economies-of-scale',
      text: 'Attempt to fill program/service gaps and pursue economies of scale through outreach designed to establish formal collaborative linkages with other schools in the feeder pattern and with district-wide and community resources (e.g., through establishing a Learning Supports Leadership Council for the feeder pattern)',
      title: 'Attempt to fill program/service gaps and pursue economies of scale',
      description:
        'through outreach designed to establish formal collaborative linkages with other schools in the feeder pattern and with district-wide and community resources (e.g., through establishing a Learning Supports Leadership Council for the feeder pattern)',
    },
    {
      n: 12,
      key: 'quality-improvement-system',
      text: 'Establish a system for quality improvement and evaluation of impact and integrate it into the site’s quality school improvement planning, evaluation, and accountability',
    },
  ],
  institutionalization: [
    { n: 13, key: 'plan-for-maintenance', text: 'Plan for maintenance' },
    { n: 14, key: 'maintain-momentum', text: 'Develop strategies for maintaining momentum and progress' },
  ],
  ongoing_evolution: [{ n: 15, key: 'generate-renewal', text: 'Generate renewal' }],
};

const EXHIBIT_4_SECTIONS: Record<PlanPhase, string> = {
  orientation: 'Exhibit 4 — First Phase',
  start_up_phase_in: 'Exhibit 4 — Second Phase',
  institutionalization: 'Exhibit 4 — Third and Fourth Phases',
  ongoing_evolution: 'Exhibit 4 — Third and Fourth Phases',
};

const phaseNode = (phase: PlanPhase): PlanTemplateNode => {
  const entry = PLAN_PHASE_CATALOG[phase];
  const node: PlanTemplateNode = {
    key: phase.replace(/_/g, '-'),
    title: entry.label,
    phase,
    source: entry.source,
    children: STEPS[phase].map((s) => {
      const step: PlanTemplateNode = {
        key: `step-${s.n}-${s.key}`,
        title: s.title ?? titleFromText(s.text),
        phase,
        children: [],
        source: cam(`${EXHIBIT_4_SECTIONS[phase]} — step ${s.n}`, `${s.n}) ${s.text}`),
      };
      if (s.description !== undefined) step.description = s.description;
      return step;
    }),
  };
  // The first two phases' labels are their headings' own words; the last two share one heading.
  if (phase === 'institutionalization' || phase === 'ongoing_evolution') {
    node.adaptation = `Exhibit 4 joins the third and fourth phases under one heading; Trellis names this one "${entry.label}" and places step${phase === 'institutionalization' ? 's 13 and 14' : ' 15'} in it.`;
  }
  return node;
};

const exhibit4: PlanTemplate = {
  key: 'exhibit-4-fifteen-steps',
  name: 'The 15 major steps in four phases (Exhibit 4)',
  summary:
    'The change-agent document’s overview of major steps for establishing a learning supports (enabling) component at a school site, ' +
    'grouped by the four phases of systemic change. For a sustainability plan, start from the third and fourth phases.',
  kinds: ['strategic_system_change', 'start_up_phase_in', 'sustainability'],
  levels: ['school'],
  spawnedFrom: ['district'],
  source: cam(
    'Exhibit 4',
    'Overview of Major Steps Related to Establishing a Comprehensive, Multifaceted, and Cohesive Component for Addressing Barriers to Learning at a School Site',
  ),
  sourceNote:
    'Exhibit 4 is written for a school site ("examples of major tasks confronting change agents"). Its third and fourth phases share one ' +
    'heading and three steps; Trellis places "Plan for maintenance" and "Develop strategies for maintaining momentum and progress" in ' +
    'institutionalization (sustaining) and "Generate renewal" in ongoing evolution and creative renewal. That split is Trellis’s reading.',
  nodes: PLAN_PHASES.map(phaseNode),
};

// ---- The catalog ----------------------------------------------------------------------------------

export const PLAN_TEMPLATE_CATALOG: PlanTemplateCatalog = {
  id: 'plan-templates',
  version: '2026.11.0',
  publishedOn: '2026-11-23',
  templates: [appendixCState, appendixCDistrict, exhibitDistrict, exhibitSchool, exhibit4],
  kindNotes: {
    strategic_system_change:
      'The guide asks for "a strategic system change plan to guide the process" and gives Appendix C as notes for it; every template suits it.',
    start_up_phase_in:
      'Appendix C: "The focus of the initial action planning is on start-up and phase-in." Appendix C, its Exhibits and Exhibit 4 all suit it.',
    sustainability:
      'The documents ask for a sustainability plan (the planning team "once approved, prepares a draft plan for sustainability") but give ' +
      'no task list for it beyond Exhibit 4’s third and fourth phases ("Plan for maintenance", "Develop strategies for maintaining ' +
      'momentum and progress", "Generate renewal") and the note "Subsequent planning can address phases 3 and 4 of systemic change". ' +
      'A sustainability plan starts from those phases or blank.',
  },
};

export const isPlanTemplateKey = (value: unknown): value is PlanTemplateKey =>
  typeof value === 'string' && (PLAN_TEMPLATE_KEYS as readonly string[]).includes(value);

/** The template with this key, or `invalid` naming the keys there are. */
export function planTemplate(key: string, catalog: PlanTemplateCatalog = PLAN_TEMPLATE_CATALOG): PlanTemplate {
  const found = catalog.templates.find((t) => t.key === key);
  if (!found) {
    throw invalid(`The plan templates ${catalog.version} have no template "${key}". Use one of ${catalog.templates.map((t) => t.key).join(', ')}, or start blank.`, [
      { field: 'template.key', message: 'is not a plan template' },
    ]);
  }
  return found;
}

/** Templates written for a plan of this kind at this kind of unit, in catalog order. */
export const planTemplatesFor = (kind: PlanKind, level: UnitKind, catalog: PlanTemplateCatalog = PLAN_TEMPLATE_CATALOG): PlanTemplate[] =>
  catalog.templates.filter((t) => t.kinds.includes(kind) && t.levels.includes(level));

// Kept here rather than imported from ./rules.js: rules imports this module's values, and a value
// import back would make a cycle that breaks depending on which module loads first.
const KIND_WORDS: Record<PlanKind, string> = {
  strategic_system_change: 'strategic system-change plan',
  start_up_phase_in: 'start-up and phase-in action plan',
  sustainability: 'sustainability plan',
};

/**
 * Throws `invalid` unless the template is written for a plan of `kind` at a unit of `level`, saying
 * which templates are.
 */
export function checkTemplateSuits(template: PlanTemplate, kind: PlanKind, level: UnitKind, catalog: PlanTemplateCatalog = PLAN_TEMPLATE_CATALOG): void {
  if (template.kinds.includes(kind) && template.levels.includes(level)) return;
  const fitting = planTemplatesFor(kind, level, catalog).map((t) => `"${t.name}"`);
  const instead = fitting.length > 0 ? `Use ${fitting.join(' or ')}, or start blank.` : 'No template is written for that; start blank.';
  const what = `${KIND_WORDS[kind]} for a ${level.replace(/_/g, ' ')}`;
  throw invalid(`The template "${template.name}" is not written for a ${what}. ${instead}`, [{ field: 'template.key', message: `does not suit a ${what}` }]);
}

/** Every node of a template, depth first, in document order. */
export function planTemplateNodes(template: Pick<PlanTemplate, 'nodes'>): PlanTemplateNode[] {
  const out: PlanTemplateNode[] = [];
  const walk = (nodes: PlanTemplateNode[]) => {
    for (const n of nodes) {
      out.push(n);
      walk(n.children);
    }
  };
  walk(template.nodes);
  return out;
}

/** A task as a new plan gets it from a template: the outline flattened, parents before children. */
export interface PlanTemplateTaskSeed {
  /** The template node it came from: stable, so a plan can say which of its tasks came from where. */
  templateNodeKey: string;
  parentTemplateNodeKey: string | null;
  /** 0-based position among its siblings. */
  position: number;
  depth: number;
  title: string;
  description: string | null;
  /** The node's phase, or the nearest ancestor's; null when the documents place it in none. */
  phase: PlanPhase | null;
  source: SourceRef;
}

/**
 * The tasks a plan gets from a template. With `phases`, only nodes in those phases are kept (and
 * ancestors without a phase of their own that lead to one): a sustainability plan takes Exhibit 4's
 * third and fourth phases this way.
 */
export function seedTasksFromTemplate(template: Pick<PlanTemplate, 'nodes'>, options: { phases?: readonly PlanPhase[] } = {}): PlanTemplateTaskSeed[] {
  const wanted = options.phases ? new Set(options.phases) : null;
  const out: PlanTemplateTaskSeed[] = [];
  const keeps = (n: PlanTemplateNode, inherited: PlanPhase | null): boolean => {
    const phase = n.phase ?? inherited;
    if (wanted === null) return true;
    if (phase !== null && wanted.has(phase)) return true;
    return phase === null && n.children.some((c) => keeps(c, null));
  };
  const walk = (nodes: PlanTemplateNode[], parent: string | null, depth: number, inherited: PlanPhase | null) => {
    let position = 0;
    for (const n of nodes) {
      if (!keeps(n, inherited)) continue;
      const phase = n.phase ?? inherited;
      out.push({
        templateNodeKey: n.key,
        parentTemplateNodeKey: parent,
        position: position++,
        depth,
        title: n.title,
        description: n.description ?? null,
        phase,
        source: n.source,
      });
      walk(n.children, n.key, depth + 1, phase);
    }
  };
  walk(template.nodes, null, 0, null);
  return out;
}
