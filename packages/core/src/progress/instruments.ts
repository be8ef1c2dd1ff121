// The benchmarks-and-progress instruments as versioned data: the default benchmark checklist, the
// readiness-and-commitment (climate for change) survey, and the categories of barriers to change.
// Agencies extend an instrument with their own items (`extendInstrument`) or build their own.
//
// Rules this file keeps (packages/core/test/progress-instruments.test.ts checks them):
// - Every item cites where the documents ask for it. A `source.quote` is the document's words,
//   verbatim but for whitespace, list markers and emphasis; " … " joins passages that are not
//   adjacent. Items taken from a plan template (Exhibit 4's 15 steps, Appendix C) reuse that
//   template's node key, title and citation and say so in `derivedFrom`.
// - Titles of the other items, the evidence notes, survey statements and category descriptions are
//   Trellis's words (a benchmark is phrased as something that is in place; a survey item as a
//   statement to agree with). They rest on the quote cited beside them; nothing is quoted that the
//   documents do not say, and `sourceNote` says where the documents are thin.
// - Keys are stable slugs: assessments, answers and barriers refer to them. Never rename or reuse a
//   key; change wording, add a key, or publish a new version.
import { ELLIPSIS, type SourceRef } from '../catalogs/sources.js';
import { invalid, type FieldIssue } from '../errors.js';
import type { MechanismKind } from '../mechanisms/catalog.js';
import { PLAN_PHASES, PLAN_TEMPLATE_CATALOG, planTemplateNodes, type PlanPhase, type PlanTemplateKey, type PlanTemplateNode } from '../plans/templates.js';

const guide = (section: string, quote: string): SourceRef => ({ source: 'planning-coaching-guide', section, quote });
const cam = (section: string, quote: string): SourceRef => ({ source: 'change-agent-mechanisms', section, quote });

// Headings used more than once.
const CAM_OPENING = 'Change Agent Mechanisms for School Improvement: Infrastructure not Individuals';
const CAM_INFRASTRUCTURE = 'Systemic Change Infrastructure';
const CAM_STRATEGIES = 'Strategies in Facilitating Systemic Change';
const CAM_GENERAL = 'A Few General Comments about Systemic Change Practices at Schools';
const CAM_EXHIBIT_3_PART_4 = 'Exhibit 3 — 4. Formative Evaluation, Progress Monitoring, Rapid Problem Solving, and Accountability';
const APPENDIX_B = 'Appendix B — Some Major Tasks for Coaches/Mentors to Help Address as a Unified and Comprehensive System of Learning Supports is Established';
const APPENDIX_B_LEAD = 'Coaches and Mentors can prepare leaders to';
const appendixB = (item: string) => guide(APPENDIX_B, `${APPENDIX_B_LEAD}${ELLIPSIS}${item}`);
const ABOUT_MECHANISMS = 'About the Mechanisms';
const COACHES_SECTION = 'Coaches and Mentors: Overlapping Functions, Different Roles';

// ---- The benchmark rating scale ---------------------------------------------------------------------

export const BENCHMARK_RATINGS = ['not_yet', 'planned', 'developing', 'fully_in_place'] as const;
export type BenchmarkRating = (typeof BENCHMARK_RATINGS)[number];

export interface BenchmarkScalePoint {
  key: BenchmarkRating;
  /** 0 to 3: what means and roll-ups compute with. */
  value: 0 | 1 | 2 | 3;
  label: string;
  description: string;
}

/** Trellis's scale: the documents ask for benchmarks but give no scale (see BENCHMARK_SCALE_NOTE). */
export const BENCHMARK_SCALE: readonly BenchmarkScalePoint[] = [
  { key: 'not_yet', value: 0, label: 'Not yet', description: 'Not in place, and no work on it is planned yet.' },
  { key: 'planned', value: 1, label: 'Planned', description: 'Work on it is planned (who, how and when) but has not started.' },
  { key: 'developing', value: 2, label: 'Developing', description: 'Work is under way: partly in place, or in place but not yet working as intended.' },
  { key: 'fully_in_place', value: 3, label: 'Fully in place', description: 'In place and working as intended, with evidence to show it.' },
];

export const BENCHMARK_RATING_VALUES: Readonly<Record<BenchmarkRating, 0 | 1 | 2 | 3>> = {
  not_yet: 0,
  planned: 1,
  developing: 2,
  fully_in_place: 3,
};
export const BENCHMARK_RATING_LABELS: Readonly<Record<BenchmarkRating, string>> = {
  not_yet: 'Not yet',
  planned: 'Planned',
  developing: 'Developing',
  fully_in_place: 'Fully in place',
};
/** The highest value: a rating of this value is "fully in place". */
export const BENCHMARK_MAX_VALUE = 3;

export const isBenchmarkRating = (value: unknown): value is BenchmarkRating =>
  typeof value === 'string' && (BENCHMARK_RATINGS as readonly string[]).includes(value);

export const BENCHMARK_SCALE_NOTE =
  'The documents ask for "a benchmark tool to monitor progress" and name the Center\'s "Benchmark Checklist for Monitoring and ' +
  'Reviewing Progress", which is not in the copies. The four-point scale (not yet, planned, developing, fully in place) is Trellis\'s.';

// ---- Areas ------------------------------------------------------------------------------------------

export interface BenchmarkArea {
  key: string;
  label: string;
  description: string;
}

export const BENCHMARK_DEFAULT_AREAS = [
  { key: 'readiness', label: 'Readiness and commitment', description: 'Interest, consensus, understanding and commitment among a critical mass of stakeholders.' },
  { key: 'leadership_and_policy', label: 'Leadership and policy', description: 'Policy commitment, leaders designated for the work, resources committed, recommendations made.' },
  { key: 'mechanisms', label: 'Systemic change mechanisms', description: 'The temporary mechanisms that steer, plan, implement and facilitate the change.' },
  { key: 'planning', label: 'Design and plans', description: 'The design document, the strategic system-change plan and the start-up and phase-in plans.' },
  { key: 'resources', label: 'Resource mapping and analysis', description: 'Mapping and analysis of student and learning supports, priorities and recommendations.' },
  { key: 'integration', label: 'Integration and linkages', description: 'The component woven into school improvement and linked across schools and with the community.' },
  { key: 'communication', label: 'Communication and visibility', description: 'Visibility, communication, sharing and problem solving about the work.' },
  { key: 'monitoring', label: 'Monitoring and accountability', description: 'Benchmarks, formative evaluation, rapid problem solving, reports and quality improvement.' },
  { key: 'capacity_building', label: 'Capacity building and support', description: 'Continuing capacity building, coaching, mentoring and technical assistance.' },
  { key: 'sustainability', label: 'Sustaining and renewal', description: 'Maintenance, momentum, institutionalization and creative renewal.' },
  { key: 'celebration', label: 'Celebrating progress', description: 'Accomplishments are recognized and celebrated.' },
] as const satisfies readonly BenchmarkArea[];
export type BenchmarkDefaultAreaKey = (typeof BENCHMARK_DEFAULT_AREAS)[number]['key'];

// ---- Items ------------------------------------------------------------------------------------------

export interface BenchmarkItem {
  /** Stable slug, unique within the instrument. */
  key: string;
  title: string;
  /** A key of the instrument's `areas`. */
  area: string;
  /** The phase of systemic change the item belongs to; null for work that runs through every phase. */
  phase: PlanPhase | null;
  /** What counts as evidence that the item is in place (Trellis's guidance to raters). */
  evidence: string;
  /** Where the documents ask for it; absent only on an agency's own items. */
  source?: SourceRef;
  /** The plan-template node the item is taken from, when it is (title and citation are the node's). */
  derivedFrom?: { template: PlanTemplateKey; nodeKey: string };
  /** The kind of mechanism whose being in place the item asks about. */
  mechanismKind?: MechanismKind;
  /** Set on items an agency added: who added it (free text, e.g. the agency's name). */
  addedBy?: string;
  /** Set on an item an agency reworded (or moved to another area or phase): who changed it. */
  changedBy?: string;
  /** What a reworded item said before, field by field, in the instrument it was copied from (the shipped wording when it came from there). */
  departures?: BenchmarkItemDepartures;
  sourceNote?: string;
}

/** The fields of an item an agency may reword, as the instrument it was copied from had them. */
export interface BenchmarkItemDepartures {
  title?: string;
  area?: string;
  phase?: PlanPhase | null;
  evidence?: string;
}

export interface BenchmarkInstrument {
  kind: 'benchmark';
  id: string;
  /** Calendar versioning: year.month.patch. */
  version: string;
  publishedOn: string;
  name: string;
  summary: string;
  scale: readonly BenchmarkScalePoint[];
  areas: readonly BenchmarkArea[];
  items: readonly BenchmarkItem[];
  source?: SourceRef;
  seeAlso?: readonly SourceRef[];
  sourceNote?: string;
  /** The instrument this one extends, when an agency extended one. */
  basedOn?: { id: string; version: string };
  /** Set on an agency's own instrument: who built it (the unit's name). */
  builtBy?: string;
  /** Items of the instrument it is based on that this one leaves out. */
  removed?: readonly { key: string; title: string }[];
}

const exhibit4Nodes = new Map(
  planTemplateNodes(PLAN_TEMPLATE_CATALOG.templates.find((t) => t.key === 'exhibit-4-fifteen-steps')!).map((n) => [n.key, n] as const),
);
const appendixCStateNodes = new Map(
  planTemplateNodes(PLAN_TEMPLATE_CATALOG.templates.find((t) => t.key === 'appendix-c-state')!).map((n) => [n.key, n] as const),
);

function fromTemplate(
  template: PlanTemplateKey,
  nodes: ReadonlyMap<string, PlanTemplateNode>,
  nodeKey: string,
  rest: { area: BenchmarkDefaultAreaKey; phase?: PlanPhase | null; evidence: string; key?: string; mechanismKind?: MechanismKind },
): BenchmarkItem {
  const node = nodes.get(nodeKey);
  if (!node) throw new Error(`The plan template ${template} has no node ${nodeKey}`);
  const item: BenchmarkItem = {
    key: rest.key ?? nodeKey,
    title: node.title,
    area: rest.area,
    phase: rest.phase !== undefined ? rest.phase : (node.phase ?? null),
    evidence: rest.evidence,
    source: node.source,
    derivedFrom: { template, nodeKey },
  };
  if (rest.mechanismKind) item.mechanismKind = rest.mechanismKind;
  return item;
}

const step = (nodeKey: string, area: BenchmarkDefaultAreaKey, evidence: string, mechanismKind?: MechanismKind) =>
  fromTemplate('exhibit-4-fifteen-steps', exhibit4Nodes, nodeKey, mechanismKind ? { area, evidence, mechanismKind } : { area, evidence });

const item = (
  key: string,
  title: string,
  area: BenchmarkDefaultAreaKey,
  phase: PlanPhase | null,
  evidence: string,
  source: SourceRef,
  extra: Pick<BenchmarkItem, 'mechanismKind' | 'sourceNote'> = {},
): BenchmarkItem => ({ key, title, area, phase, evidence, source, ...extra });

const BENCHMARK_DEFAULT_ITEMS: BenchmarkItem[] = [
  // -- First phase: orientation, creating readiness
  step('step-1-build-interest-and-consensus', 'readiness', 'Presentations and meetings held with stakeholder groups; a record of who was reached and the interest and consensus shown.'),
  step('step-2-introduce-basics', 'readiness', 'Introductory presentations or materials delivered to each relevant stakeholder group (dates, audiences, materials).'),
  item(
    'committed-readiness',
    'Leaders understand and are committed to what is involved in unifying the system and making systemic changes',
    'readiness',
    'orientation',
    'Orientation and professional development sessions held for leaders; readiness survey results; leaders’ own statements of commitment.',
    appendixB('Deepen the understanding of and enhance committed readiness for what is involved in'),
  ),
  item(
    'critical-mass-engaged',
    'A critical mass of key stakeholder groups is engaged',
    'readiness',
    'orientation',
    'A list of the key stakeholder groups and how each was engaged; feedback gathered from them; champions identified.',
    appendixB('Engage a critical mass of key stakeholder groups (building interest and consensus for the work and garnering feedback and support)'),
  ),
  step('step-3-policy-framework-and-commitment', 'leadership_and_policy', 'A written policy statement or resolution adopting the component as primary and essential to school improvement.'),
  step('step-4-identify-site-leader', 'leadership_and_policy', 'The leader’s name, job description and time assigned to the component.'),
  item(
    'time-space-budget-committed',
    'Time, space and budget are committed to the work',
    'leadership_and_policy',
    'orientation',
    'Agreements or budget lines committing time, space and money; the staff authorized to lead the changes.',
    cam('Exhibit 3 — 1. Infrastructure tasks — item (a)', '(a) Works with governing agents to further clarify and negotiate agreements about … time, space, and budget commitments'),
  ),
  item(
    'transformation-leader-appointed',
    'A transformation leader is appointed',
    'leadership_and_policy',
    'orientation',
    'The appointment, the leader’s name and the share of the leader’s time given to the work.',
    guide('Appendix A — Superintendent and Governing Body — Functions', 'appoints the transformation leader'),
    { mechanismKind: 'transformation_leader' },
  ),
  // -- Second phase: start-up and phase-in
  step('step-5-establish-temporary-mechanisms', 'mechanisms', 'The mechanisms recorded in Trellis with members, charters and meeting records; capacity building given to the change agents.'),
  item(
    'steering-body-in-place',
    'A steering body of champions is in place and meets',
    'mechanisms',
    'start_up_phase_in',
    'The steering body with its members in Trellis; minutes of its recent meetings; its review of progress.',
    guide('Appendix A — Steering Body', 'consists of “champions” who agree to steer the process.'),
    { mechanismKind: 'steering_body' },
  ),
  item(
    'planning-team-in-place',
    'A planning team is in place and develops the action plans',
    'mechanisms',
    'start_up_phase_in',
    'The planning team with its members; its meeting records; the drafts it prepared.',
    guide('Appendix A — Planning Team', 'This team develops action plans accounting for both direct implementation and systemic change considerations.'),
    { mechanismKind: 'planning_team' },
  ),
  item(
    'implementation-team-in-place',
    'An implementation team of designated, trained people is in place',
    'mechanisms',
    'start_up_phase_in',
    'The implementation team’s 2–3 designated members; the training they received; their work with the leader responsible.',
    guide(
      'Appendix A — Implementation Team — Composition',
      'an Implementation Team consists of 2-3 personnel who are specifically designated and trained to facilitate the planned systemic changes at that level.',
    ),
    { mechanismKind: 'implementation_team' },
  ),
  item(
    'change-team-in-place',
    'A site change team is formed and trained',
    'mechanisms',
    'start_up_phase_in',
    'The change team with its members (including a site administrator); the training given; its oversight and problem-solving records.',
    cam(
      'Change Team',
      'One of the first functions of an Organization Facilitator at a school is to help form and train an on-site change team that includes a site administrator and staff focused on developing and implementing a major systemic change.',
    ),
    { mechanismKind: 'change_team' },
  ),
  item(
    'organization-facilitator-assigned',
    'An organization facilitator is assigned',
    'mechanisms',
    'start_up_phase_in',
    'The facilitator’s name and caseload; the record of the facilitator’s contacts with the unit.',
    cam(
      'Organization Facilitators',
      'A cadre of Organization Facilitators represent the type of mechanism districts need to replicate-to-scale desired school improvements and reforms.',
    ),
    { mechanismKind: 'organization_facilitator' },
  ),
  step('step-7-resource-oriented-mechanism', 'mechanisms', 'The Learning Supports Leadership Team with its members; the training given in mapping, analysis, coordinating and priority setting.', 'learning_supports_leadership_team'),
  item(
    'administrative-leader-and-team',
    'The administrative leader for learning supports and a Learning Supports Leadership Team have their capacity built',
    'leadership_and_policy',
    'start_up_phase_in',
    'The leader and team named; professional development and coaching they received.',
    appendixB('Establish and build the capacity of the administrative leader for the learning supports component and of a Learning Supports Leadership Team'),
  ),
  item(
    'design-document',
    'A design document is adopted or adapted',
    'planning',
    'start_up_phase_in',
    'The design document (vision, aims, rationale, framework, essential features) and the record of its adoption.',
    appendixB('Guide development of a design document and strategic system change plan'),
  ),
  item(
    'strategic-plan',
    'A strategic system-change plan guides the work',
    'planning',
    'start_up_phase_in',
    'The approved strategic plan in Trellis, with its phases and its WHO, HOW and WHEN.',
    guide(COACHES_SECTION, 'This is followed by in-depth help focused on developing a strategic system change plan to guide the process.'),
  ),
  step('step-6-start-up-and-phase-in-plans', 'planning', 'An approved start-up and phase-in action plan whose tasks have WHO, HOW and WHEN.'),
  step('step-8-organize-work-groups', 'resources', 'Work groups for each major arena; the resource map they made; their analysis and recommendations.', 'work_group'),
  item(
    'resource-analysis-and-priorities',
    'The resource map is analyzed and priorities recommended',
    'resources',
    'start_up_phase_in',
    'The analysis of gaps, redundancies and priority needs; recommendations on how to unify the work and yearly priorities.',
    guide(
      APPENDIX_B,
      `${APPENDIX_B_LEAD}${ELLIPSIS}Build the capacity of work group(s) to${ELLIPSIS}analyze the resource map and priority needs and recommend${ELLIPSIS}how to unify the work into a system${ELLIPSIS}yearly priorities for developing the system into a comprehensive approach`,
    ),
  ),
  item(
    'recommendations-submitted',
    'Recommendations for change are submitted to the agency head',
    'leadership_and_policy',
    'start_up_phase_in',
    'The recommendations (policy, operational infrastructure, programs, redeployment) and the decisions on them.',
    appendixB('Provide a set of recommendations for change that will be submitted to the agency head (e.g., changes in policy and operational infrastructure)'),
  ),
  step('step-9-refine-school-infrastructure', 'integration', 'The revised infrastructure (an organization chart or description) showing the component beside the instructional and management components.'),
  item(
    'integrated-into-school-improvement',
    'The system is fully integrated as a primary and essential component of school improvement',
    'integration',
    'start_up_phase_in',
    'The school or district improvement plan with the learning supports component as a primary and essential part.',
    appendixB('Fully integrate the system as a primary and essential component of school improvement'),
  ),
  step('step-10-ad-hoc-work-groups', 'communication', 'The work groups and what they produced: communications, shared materials, problem-solving records.'),
  step('step-11-fill-gaps-and-economies-of-scale', 'integration', 'Formal linkages (agreements, a feeder-pattern council) with other schools, the district and community resources; gaps filled.'),
  step('step-12-quality-improvement-system', 'monitoring', 'The quality-improvement and evaluation process and where it appears in the school improvement plan.'),
  fromTemplate('appendix-c-state', appendixCStateNodes, 'changes-within-agency.establish-benchmarks-work-group', {
    key: 'benchmarks-and-monitoring',
    area: 'monitoring',
    phase: 'start_up_phase_in',
    evidence: 'The benchmark instrument in use and assessments submitted each period; the work group that adapted it.',
  }),
  item(
    'rapid-problem-solving',
    'Formative evaluation and rapid problem solving overcome barriers to change',
    'monitoring',
    'start_up_phase_in',
    'The barrier log: barriers raised, owners, next steps and how quickly they were resolved.',
    cam(
      `${CAM_EXHIBIT_3_PART_4} — item (a)`,
      '(a) Works with leader and team members to develop procedures for formative evaluation and processes that ensure rapid problem solving to overcome barriers to change',
    ),
  ),
  item(
    'regular-progress-reports',
    'Regular reports on progress go to the superintendent and governing body',
    'monitoring',
    null,
    'Progress reports for recent periods and the record of their review by the governing body.',
    guide('Appendix A — Transformation Leader — Functions', 'provides regular reports on the work to superintendent and governing body'),
  ),
  item(
    'coaching-cadence',
    'Coaching and mentoring keep a weekly contact and monthly onsite cadence',
    'capacity_building',
    null,
    'The coaching contact log: contacts at least weekly and onsite visits about monthly.',
    guide(
      COACHES_SECTION,
      'All this calls for at least weekly contact/support (note: the coaching literature underscores the used of e-coaching for this), followed by periodic (e.g., monthly) onsite visits.',
    ),
    { mechanismKind: 'coaches_mentors' },
  ),
  item(
    'continuous-capacity-building',
    'Continuous capacity building and technical assistance are planned and carried out',
    'capacity_building',
    null,
    'A professional development and technical assistance plan and the sessions held under it.',
    appendixB('Plan and implement continuous capacity building and technical assistance'),
  ),
  item(
    'update-resource-mapping',
    'Resource mapping and analyses are updated and deepened',
    'resources',
    null,
    'The date of the latest resource map and analysis; what changed since the one before.',
    appendixB('Update and deepen resource mapping and analyses'),
  ),
  // -- Third and fourth phases: sustaining and evolving
  item(
    'sustainability-plan',
    'A sustainability plan is drafted once the action plan is approved',
    'sustainability',
    'institutionalization',
    'The sustainability plan in Trellis and its approval.',
    guide('Appendix A — Planning Team — Functions', 'once approved, prepares a draft plan for sustainability'),
  ),
  step('step-13-plan-for-maintenance', 'sustainability', 'A maintenance plan: which functions continue, who carries them, and the resources set aside.'),
  step('step-14-maintain-momentum', 'sustainability', 'Strategies for momentum and progress written down and in use (e.g., renewed commitments, new champions).'),
  item(
    'changes-institutionalized',
    'The changes are institutionalized in policy, infrastructure, plans and budgets',
    'sustainability',
    'institutionalization',
    'Policies, infrastructure, strategic plans, budgets and accountability indicators that carry the changes.',
    guide(
      'Appendix A — Superintendent and Governing Body — Functions',
      'institutionalizes the changes into policy, the organizational and operational infrastructures, strategic plans, budgets, and standards and accountability indicators',
    ),
  ),
  step('step-15-generate-renewal', 'sustainability', 'A renewal review and what it changed.'),
  item(
    'celebrate-progress',
    'Progress is celebrated',
    'celebration',
    null,
    'Celebrations recorded in Trellis for the period.',
    appendixB('Celebrate progress'),
  ),
];

export const BENCHMARK_DEFAULT_INSTRUMENT: BenchmarkInstrument = {
  kind: 'benchmark',
  id: 'trellis-benchmarks',
  version: '2026.11.0',
  publishedOn: '2026-11-23',
  name: 'Benchmarks for establishing a unified and comprehensive system of learning supports',
  summary:
    'A checklist of what should be in place, by area and phase: Exhibit 4’s 15 steps, the Appendix A mechanisms, and the Appendix B and C ' +
    'tasks, each rated not yet, planned, developing or fully in place with evidence.',
  scale: BENCHMARK_SCALE,
  areas: BENCHMARK_DEFAULT_AREAS,
  items: BENCHMARK_DEFAULT_ITEMS,
  source: guide('Appendix A — Planning Team — Functions', 'develops a benchmark tool to monitor progress'),
  seeAlso: [
    cam(
      'A Few Other Related Center Documents and Publications',
      'Benchmark Checklist for Monitoring and Reviewing Progress in Developing a Comprehensive System to Address Barriers to Learning and Teaching',
    ),
    guide(
      'Appendix C — (2) Plan for changes within the DEPARTMENT and with REGIONAL UNITS — item (f)',
      '(f) Establish a work group to develop a set benchmarks and mechanisms for monitoring progress',
    ),
  ],
  sourceNote:
    `${BENCHMARK_SCALE_NOTE} Exhibit 4 is written for a school site; its steps are kept as written and apply by analogy at a district. ` +
    'Areas are Trellis’s grouping.',
};

// ---- Readiness and commitment: the climate for change -------------------------------------------------

export const READINESS_FACTORS = [
  'policy_commitment',
  'incentives',
  'procedural_options',
  'mechanisms',
  'pragmatic_change_agents',
  'stages_and_timelines',
  'progress_feedback',
  'institutionalized_support',
] as const;
export type ReadinessFactor = (typeof READINESS_FACTORS)[number];

export interface ReadinessFactorEntry {
  key: ReadinessFactor;
  label: string;
  /** The factor as the document lists it. */
  source: SourceRef;
  seeAlso?: readonly SourceRef[];
}

export interface ReadinessScalePoint {
  value: 1 | 2 | 3 | 4 | 5;
  label: string;
}

export const READINESS_LIKERT_SCALE: readonly ReadinessScalePoint[] = [
  { value: 1, label: 'Strongly disagree' },
  { value: 2, label: 'Disagree' },
  { value: 3, label: 'Neither agree nor disagree' },
  { value: 4, label: 'Agree' },
  { value: 5, label: 'Strongly agree' },
];
export const READINESS_MIN_VALUE = 1;
export const READINESS_MAX_VALUE = 5;

export interface ReadinessItem {
  key: string;
  factor: ReadinessFactor;
  /** A statement to agree or disagree with, in Trellis's words. */
  statement: string;
  source?: SourceRef;
  addedBy?: string;
}

export interface ReadinessSurveyInstrument {
  kind: 'readiness';
  id: string;
  version: string;
  publishedOn: string;
  name: string;
  summary: string;
  scale: readonly ReadinessScalePoint[];
  factors: readonly ReadinessFactorEntry[];
  items: readonly ReadinessItem[];
  source?: SourceRef;
  seeAlso?: readonly SourceRef[];
  sourceNote?: string;
  basedOn?: { id: string; version: string };
}

const factor = (text: string) => cam(CAM_OPENING, `The literature supports the value of${ELLIPSIS}${text}`);

export const READINESS_FACTOR_CATALOG: Readonly<Record<ReadinessFactor, ReadinessFactorEntry>> = {
  policy_commitment: {
    key: 'policy_commitment',
    label: 'Policy commitment translated into resources',
    source: factor('a high level of policy commitment that is translated into appropriate resources, including leadership, space, budget, and time;'),
    seeAlso: [
      cam(
        CAM_GENERAL,
        'For significant systemic change to occur, policy and program commitments must be demonstrated through effective allocation and redeployment of resources.',
      ),
    ],
  },
  incentives: {
    key: 'incentives',
    label: 'Incentives for change',
    source: factor('incentives for change, such as intrinsically valued outcomes, expectations for success, recognition, and rewards;'),
    seeAlso: [cam(CAM_GENERAL, 'Moreover, there must be appropriate incentives and safeguards for individuals as they become enmeshed in the complexities of systemic change.')],
  },
  procedural_options: {
    key: 'procedural_options',
    label: 'Procedural options',
    source: factor('procedural options from which those expected to implement change can select those they see as workable;'),
  },
  mechanisms: {
    key: 'mechanisms',
    label: 'Mechanisms and processes that facilitate change',
    source: factor(
      'a willingness to establish mechanisms and processes that facilitate change efforts, such as a governance mechanism that adopts ways to improve organizational health;',
    ),
  },
  pragmatic_change_agents: {
    key: 'pragmatic_change_agents',
    label: 'Pragmatic change agents',
    source: factor('use of change agents who are perceived as pragmatic – maintaining ideals while embracing practical solutions;'),
  },
  stages_and_timelines: {
    key: 'stages_and_timelines',
    label: 'Change in stages with realistic timelines',
    source: factor('accomplishing change in stages and with realistic timelines;'),
    seeAlso: [cam(CAM_GENERAL, 'Moreover, time frames for building capacity to accomplish desired institutional changes must be realistic.')],
  },
  progress_feedback: {
    key: 'progress_feedback',
    label: 'Progress feedback',
    source: factor('providing progress feedback;'),
  },
  institutionalized_support: {
    key: 'institutionalized_support',
    label: 'Institutionalized support mechanisms',
    source: factor('institutionalizing support mechanisms to maintain and evolve changes and to generate periodic renewal.'),
  },
};

const statement = (key: string, f: ReadinessFactor, text: string): ReadinessItem => ({ key, factor: f, statement: text, source: READINESS_FACTOR_CATALOG[f].source });

const READINESS_DEFAULT_ITEMS: ReadinessItem[] = [
  statement('policy-commitment-stated', 'policy_commitment', 'Our leadership has made a clear policy commitment to this work.'),
  statement('resources-committed', 'policy_commitment', 'The commitment comes with the resources the work needs: leadership, space, budget and time.'),
  statement('outcomes-valued', 'incentives', 'The outcomes this work aims for matter to me.'),
  statement('success-recognized', 'incentives', 'I expect the work to succeed, and contributions to it are recognized.'),
  statement('workable-options', 'procedural_options', 'Those of us expected to carry out the changes can choose ways of doing it that we see as workable.'),
  statement('options-heard', 'procedural_options', 'Our views on how to carry out the changes are asked for and taken into account.'),
  statement('mechanisms-established', 'mechanisms', 'Teams and processes have been set up to guide and support the changes.'),
  statement('organizational-health', 'mechanisms', 'Our governance is willing to adopt ways to improve how the organization works.'),
  statement('change-agents-practical', 'pragmatic_change_agents', 'Those leading the changes keep to the vision while finding practical solutions.'),
  statement('change-agents-trusted', 'pragmatic_change_agents', 'I can turn to those leading the changes for help that works in practice.'),
  statement('stages-clear', 'stages_and_timelines', 'The changes are being made in stages that I understand.'),
  statement('timelines-realistic', 'stages_and_timelines', 'The timelines for the changes are realistic.'),
  statement('feedback-received', 'progress_feedback', 'We regularly hear how the work is progressing.'),
  statement('feedback-used', 'progress_feedback', 'What we learn about progress is used to improve the work.'),
  statement('support-lasting', 'institutionalized_support', 'Support for this work is being built into how our organization normally operates.'),
  statement('renewal-expected', 'institutionalized_support', 'I expect the work to be maintained and renewed over time, not dropped.'),
];

export const READINESS_DEFAULT_SURVEY: ReadinessSurveyInstrument = {
  kind: 'readiness',
  id: 'trellis-readiness',
  version: '2026.11.0',
  publishedOn: '2026-11-23',
  name: 'Readiness and commitment: the climate for change',
  summary:
    'An anonymous survey of a unit’s stakeholders on the eight factors the change-agent document lists for creating a climate for ' +
    'institutional change, two statements each, answered from strongly disagree to strongly agree.',
  scale: READINESS_LIKERT_SCALE,
  factors: READINESS_FACTORS.map((f) => READINESS_FACTOR_CATALOG[f]),
  items: READINESS_DEFAULT_ITEMS,
  source: cam(
    CAM_OPENING,
    'a considerable amount of organizational research in schools, corporations, and community agencies outlines factors for creating a climate for institutional change.',
  ),
  seeAlso: [
    cam(
      CAM_STRATEGIES,
      'Because substantive change requires stakeholder readiness and ongoing motivation and capability, it is essential to monitor these matters',
    ),
  ],
  sourceNote:
    'The document lists the factors but gives no survey. The statements and the five-point agreement scale are Trellis’s; each statement cites ' +
    'the factor it asks about.',
};

// ---- Barriers to change -------------------------------------------------------------------------------

export const BARRIER_CATEGORIES = [
  'reactance',
  'apathy_low_valuing',
  'apprehension',
  'unrealistic_expectations',
  'competing_priorities',
  'leader_overload',
  'policy',
  'resources',
  'working_relationships',
  'system_deficiencies',
  'unclear_functions',
  'insufficient_training',
  'stakeholder_mobility',
  'other',
] as const;
export type BarrierCategory = (typeof BARRIER_CATEGORIES)[number];

export const BARRIER_CATEGORY_GROUPS = ['negative_reactions', 'conditions', 'infrastructure', 'other'] as const;
export type BarrierCategoryGroup = (typeof BARRIER_CATEGORY_GROUPS)[number];

export interface BarrierCategoryEntry {
  key: BarrierCategory;
  label: string;
  group: BarrierCategoryGroup;
  /** What falls under it, in Trellis's words. */
  description: string;
  /** Where the documents discuss it; empty for "other". */
  sources: readonly SourceRef[];
  sourceNote?: string;
}

const NEGATIVE_REACTIONS = cam(
  `${CAM_EXHIBIT_3_PART_4} — item (a)`,
  'anticipating and addressing negative reactions and dynamics (e.g., reactance, apathy and low valuing, apprehension, unrealistic expectations).',
);
const ANTICIPATED_BARRIERS = cam(
  'Change Team',
  'designing strategies to counter anticipated barriers to change, such as negative reactions and dynamics, common factors interfering with working relationships, and system deficiencies.',
);
const PUSH_BACK = guide('Planning Coaching for SEAs/LEAs to Establish a Unified and Comprehensive System of Learning Supports', 'Homeostasis, fear, and push-back make change on any scale a real challenge.');

export const BARRIER_CATEGORY_CATALOG: Readonly<Record<BarrierCategory, BarrierCategoryEntry>> = {
  reactance: {
    key: 'reactance',
    label: 'Reactance',
    group: 'negative_reactions',
    description: 'Push-back against the changes: people resist because they feel the changes are imposed on them.',
    sources: [NEGATIVE_REACTIONS, PUSH_BACK],
  },
  apathy_low_valuing: {
    key: 'apathy_low_valuing',
    label: 'Apathy and low valuing',
    group: 'negative_reactions',
    description: 'Stakeholders do not see the work as worth their effort.',
    sources: [NEGATIVE_REACTIONS],
  },
  apprehension: {
    key: 'apprehension',
    label: 'Apprehension',
    group: 'negative_reactions',
    description: 'Fear or anxiety about what the changes will mean for people’s roles and work.',
    sources: [NEGATIVE_REACTIONS, PUSH_BACK],
  },
  unrealistic_expectations: {
    key: 'unrealistic_expectations',
    label: 'Unrealistic expectations',
    group: 'negative_reactions',
    description: 'Expectations of results or speed the work cannot meet; time frames that are not realistic.',
    sources: [NEGATIVE_REACTIONS, cam(CAM_GENERAL, 'Moreover, time frames for building capacity to accomplish desired institutional changes must be realistic.')],
  },
  competing_priorities: {
    key: 'competing_priorities',
    label: 'Competing priorities',
    group: 'negative_reactions',
    description: 'The work is seen as a distraction from, or in competition with, people’s current focus.',
    sources: [guide(ABOUT_MECHANISMS, 'Initially, some on the team will see the work as distracting/competing with their current focus and efforts.')],
  },
  leader_overload: {
    key: 'leader_overload',
    label: 'Leaders distracted or overwhelmed',
    group: 'conditions',
    description: 'Leaders who started strong are pulled away by the other demands of their jobs.',
    sources: [
      guide(
        ABOUT_MECHANISMS,
        'it is common for leaders to start strong but given the many challenges of their jobs and the complexities of systemic transformation, they need well-focused ongoing support that keeps them from becoming distracted and/or overwhelmed.',
      ),
    ],
  },
  policy: {
    key: 'policy',
    label: 'Policy',
    group: 'conditions',
    description: 'A policy is missing, conflicts with the work, or needs to change for the work to move forward.',
    sources: [
      cam(CAM_STRATEGIES, 'Administrative support is vital to change, and policy decisions make or break change efforts.'),
      guide(
        'Appendix A — Superintendent and Governing Body — Functions',
        'ensures policy is in place to facilitate unifying and developing a comprehensive system of learning supports and implementing the necessary systemic changes',
      ),
    ],
  },
  resources: {
    key: 'resources',
    label: 'Resources',
    group: 'conditions',
    description: 'Not enough money, staff, time, space or equipment, or resources not redeployed as committed.',
    sources: [
      cam(
        CAM_GENERAL,
        'finances, personnel, time, space, equipment, and other essential resources must be made available, organized, and used in ways that adequately operationalize and sustain policy and promising practices.',
      ),
      cam(
        CAM_GENERAL,
        'Awareness of the myriad political and bureaucratic difficulties involved in making major institutional changes, especially with limited financial resources',
      ),
    ],
  },
  working_relationships: {
    key: 'working_relationships',
    label: 'Working relationships',
    group: 'infrastructure',
    description: 'Conflicts or breakdowns in how people and teams work together.',
    sources: [
      ANTICIPATED_BARRIERS,
      cam(
        'Exhibit 3 — 3. Communication and visibility; resource mapping and analyses; coordination, collaboration, and integration — item (e)',
        'If there are problems, determines why and helps address any systemic breakdowns and problems in working relationships.',
      ),
    ],
  },
  system_deficiencies: {
    key: 'system_deficiencies',
    label: 'System deficiencies',
    group: 'infrastructure',
    description: 'The infrastructure, information or communication systems do not work as needed.',
    sources: [
      ANTICIPATED_BARRIERS,
      cam(
        'Exhibit 3 — 3. Communication and visibility; resource mapping and analyses; coordination, collaboration, and integration — item (e)',
        '(e) Determines if systems are in place to identify problems related to functioning of the infrastructure and information and communication systems.',
      ),
    ],
  },
  unclear_functions: {
    key: 'unclear_functions',
    label: 'Unclear functions',
    group: 'infrastructure',
    description: 'Teams or mechanisms operate without a clear understanding of their functions and major tasks.',
    sources: [
      cam(CAM_INFRASTRUCTURE, 'It is common to find structures, such as teams and collaboratives operating without clear understanding of functions and major tasks.'),
    ],
  },
  insufficient_training: {
    key: 'insufficient_training',
    label: 'Insufficient training',
    group: 'infrastructure',
    description: 'Those staffing the mechanisms have too little training or support for what they are asked to do.',
    sources: [
      cam(CAM_INFRASTRUCTURE, 'ad hoc mechanisms have been set in motion with personnel who have too little training and without adequate formative evaluation.'),
    ],
  },
  stakeholder_mobility: {
    key: 'stakeholder_mobility',
    label: 'Personnel and stakeholder turnover',
    group: 'conditions',
    description: 'People who carried the work leave or change roles.',
    sources: [cam(CAM_STRATEGIES, 'building capacity (especially personnel development and strategies for addressing personnel and other stakeholder mobility)')],
  },
  other: {
    key: 'other',
    label: 'Other',
    group: 'other',
    description: 'A barrier that fits none of the categories; describe it.',
    sources: [],
    sourceNote: 'Trellis’s catch-all: the documents list barriers by example ("such as", "e.g."), not exhaustively.',
  },
};

export const BARRIER_CATEGORY_LABELS: Readonly<Record<BarrierCategory, string>> = Object.fromEntries(
  BARRIER_CATEGORIES.map((c) => [c, BARRIER_CATEGORY_CATALOG[c].label]),
) as Record<BarrierCategory, string>;

export const isBarrierCategory = (value: unknown): value is BarrierCategory =>
  typeof value === 'string' && (BARRIER_CATEGORIES as readonly string[]).includes(value);

// ---- Where the documents ask for reports, problem solving and celebrations ---------------------------

export const PROGRESS_SOURCES = {
  /** Regular reports upward. */
  reports: [
    guide('Appendix A — Transformation Leader — Functions', 'provides regular reports on the work to superintendent and governing body'),
    guide('Appendix A — Superintendent and Governing Body — Functions', 'reviews regular reports on progress and addresses barriers that interfere with moving forward'),
  ],
  /** Rapid problem solving of barriers. */
  barriers: [
    guide('Appendix A — Steering Body — Functions', 'monitors and evaluates progress and addresses barriers that interfere with moving forward'),
    cam(`${CAM_EXHIBIT_3_PART_4} — item (b)`, '(b) Checks regularly to be certain there is rapid problem solving.'),
  ],
  /** Celebrating progress, at every level. */
  celebrations: [
    guide('Appendix C — (4) Plan for Start-up and Phase-in with SCHOOLS', 'AND, of course, it is essential to continuously celebrate accomplishments.'),
    guide('Appendix A — Superintendent and Governing Body — Functions', 'celebrates progress'),
  ],
  /** Plans approved: the steering body approves the planning team's action plan. */
  planApproved: guide('Appendix A — Steering Body — Functions', 'reviews and approves the action plan the Planning Team develops'),
  /** Mechanisms established. */
  mechanismEstablished: guide(
    'Functions of the Systemic Change Mechanisms',
    'Once the Design Team has produced its document, the need is for establishing and preparing a set of temporary systemic change mechanisms.',
  ),
  /** Benchmarks reached. */
  benchmarkReached: guide('Appendix A — Planning Team — Functions', 'develops a benchmark tool to monitor progress'),
} as const satisfies Record<string, SourceRef | readonly SourceRef[]>;

// ---- Extending an instrument --------------------------------------------------------------------------

export type ProgressInstrument = BenchmarkInstrument | ReadinessSurveyInstrument;

export interface BenchmarkInstrumentAdditions {
  /** The new instrument's id; defaults to the base's. */
  id?: string;
  version: string;
  publishedOn: string;
  name?: string;
  /** New areas, after the base's. */
  areas?: readonly BenchmarkArea[];
  items: readonly BenchmarkItem[];
}

export interface ReadinessSurveyAdditions {
  id?: string;
  version: string;
  publishedOn: string;
  name?: string;
  items: readonly ReadinessItem[];
}

const SLUG = /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/;
const VERSION = /^\d{4}\.\d{1,2}\.\d+(?:[-+][A-Za-z0-9.-]+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The base instrument with an agency's items (and, for benchmarks, areas) added after its own. Throws
 * `invalid` naming every problem: a key used twice (in the base or the additions), an area or factor
 * the instrument does not have, a key that is not a slug, an empty title, a version that is not the
 * year.month.patch form or equals the base's (an extended instrument is a new version).
 */
export function extendInstrument(base: BenchmarkInstrument, additions: BenchmarkInstrumentAdditions): BenchmarkInstrument;
export function extendInstrument(base: ReadinessSurveyInstrument, additions: ReadinessSurveyAdditions): ReadinessSurveyInstrument;
export function extendInstrument(
  base: ProgressInstrument,
  additions: BenchmarkInstrumentAdditions | ReadinessSurveyAdditions,
): ProgressInstrument {
  const issues: FieldIssue[] = [];
  const id = additions.id ?? base.id;
  if (!SLUG.test(id)) issues.push({ field: 'id', message: 'must be lowercase words joined by hyphens' });
  if (!VERSION.test(additions.version)) issues.push({ field: 'version', message: 'must look like 2026.11.1 (year.month.patch)' });
  if (id === base.id && additions.version === base.version) {
    issues.push({ field: 'version', message: `must differ from the base's version ${base.version}: an extended instrument is a new version` });
  }
  if (!DATE.test(additions.publishedOn)) issues.push({ field: 'publishedOn', message: 'must be a date like 2026-11-23' });

  const keys = new Set(base.items.map((i) => i.key));
  const checkKey = (key: string, at: string) => {
    if (!SLUG.test(key)) issues.push({ field: `${at}.key`, message: 'must be lowercase words joined by hyphens, e.g. family-engagement' });
    else if (keys.has(key)) issues.push({ field: `${at}.key`, message: `"${key}" is already an item of the instrument; keys must be unique` });
    keys.add(key);
  };

  if (base.kind === 'benchmark') {
    const add = additions as BenchmarkInstrumentAdditions;
    const areaKeys = new Set(base.areas.map((a) => a.key));
    (add.areas ?? []).forEach((a, i) => {
      if (!SLUG.test(a.key)) issues.push({ field: `areas.${i}.key`, message: 'must be lowercase words joined by underscores or hyphens' });
      else if (areaKeys.has(a.key)) issues.push({ field: `areas.${i}.key`, message: `"${a.key}" is already an area; area keys must be unique` });
      if (!a.label.trim()) issues.push({ field: `areas.${i}.label`, message: 'must not be empty' });
      areaKeys.add(a.key);
    });
    add.items.forEach((it, i) => {
      checkKey(it.key, `items.${i}`);
      if (!it.title.trim()) issues.push({ field: `items.${i}.title`, message: 'must not be empty' });
      if (!areaKeys.has(it.area)) issues.push({ field: `items.${i}.area`, message: `"${it.area}" is not an area; use one of ${[...areaKeys].join(', ')}` });
      if (it.phase !== null && !(PLAN_PHASES as readonly string[]).includes(it.phase)) {
        issues.push({ field: `items.${i}.phase`, message: `must be one of ${PLAN_PHASES.join(', ')}, or null` });
      }
      if (!it.evidence.trim()) issues.push({ field: `items.${i}.evidence`, message: 'must say what counts as evidence' });
    });
    if (issues.length > 0) throw invalid(`The additions to ${base.name} cannot be used: ${issues.map((x) => `${x.field} ${x.message}`).join('; ')}.`, issues);
    return {
      ...base,
      id,
      version: add.version,
      publishedOn: add.publishedOn,
      name: add.name ?? base.name,
      areas: [...base.areas, ...(add.areas ?? [])],
      items: [...base.items, ...add.items],
      basedOn: { id: base.id, version: base.version },
    };
  }

  const add = additions as ReadinessSurveyAdditions;
  add.items.forEach((it, i) => {
    checkKey(it.key, `items.${i}`);
    if (!it.statement.trim()) issues.push({ field: `items.${i}.statement`, message: 'must not be empty' });
    if (!base.factors.some((f) => f.key === it.factor)) {
      issues.push({ field: `items.${i}.factor`, message: `"${it.factor}" is not a factor; use one of ${base.factors.map((f) => f.key).join(', ')}` });
    }
  });
  if (issues.length > 0) throw invalid(`The additions to ${base.name} cannot be used: ${issues.map((x) => `${x.field} ${x.message}`).join('; ')}.`, issues);
  return {
    ...base,
    id,
    version: add.version,
    publishedOn: add.publishedOn,
    name: add.name ?? base.name,
    items: [...base.items, ...add.items],
    basedOn: { id: base.id, version: base.version },
  };
}

/** The item with this key, or undefined. */
export const benchmarkItem = (instrument: Pick<BenchmarkInstrument, 'items'>, key: string): BenchmarkItem | undefined =>
  instrument.items.find((i) => i.key === key);

/** Items grouped by area, in the instrument's area order (areas without items included, empty). */
export function benchmarkItemsByArea(instrument: Pick<BenchmarkInstrument, 'areas' | 'items'>): { area: BenchmarkArea; items: BenchmarkItem[] }[] {
  return instrument.areas.map((area) => ({ area, items: instrument.items.filter((i) => i.area === area.key) }));
}

/** Items grouped by phase in the documents' order, then those that run through every phase (`null`). */
export function benchmarkItemsByPhase(instrument: Pick<BenchmarkInstrument, 'items'>): { phase: PlanPhase | null; items: BenchmarkItem[] }[] {
  return [...PLAN_PHASES, null].map((phase) => ({ phase, items: instrument.items.filter((i) => i.phase === phase) }));
}
