// The coaching module's two catalogs, shipped as versioned data with citations:
// - the focus areas of a coaching or mentoring engagement: the guide's Appendix B, "Some Major Tasks
//   for Coaches/Mentors to Help Address…", whose items are what "Coaches and Mentors can prepare
//   leaders to" do;
// - the organization facilitator's checklist: Exhibit 3 of the change-agent document, "Examples of
//   General Task Activity for an Organization Facilitator", in its five groups.
//
// Rules this file keeps (packages/core/test/coaching-catalogs.test.ts checks them):
// - Every `text`, `parts` entry, `ifNot` and `example` is the document's own words, verbatim but for
//   whitespace and list markers; " … " joins items of one of the document's lists. Labels are
//   Trellis's short names for lists and charts and are never presented as quotes.
// - Every citation names the heading the text sits under (see SourceRef in ../catalogs/sources.ts).
// - Keys are stable: engagements, contacts, capacity transfers and checklist answers refer to them.
//   Change wording, add keys, or publish a new version; never rename or reuse a key.
import { ELLIPSIS, type SourceRef } from '../catalogs/sources.js';

const guide = (section: string, quote?: string): SourceRef =>
  quote === undefined ? { source: 'planning-coaching-guide', section } : { source: 'planning-coaching-guide', section, quote };
const cam = (section: string, quote?: string): SourceRef =>
  quote === undefined ? { source: 'change-agent-mechanisms', section } : { source: 'change-agent-mechanisms', section, quote };

// ---- Focus areas (Appendix B) --------------------------------------------------------------------

/** A sub-item of an Appendix B task, as the guide lists it (">" and ">>" bullets). */
export interface CoachingFocusAreaPart {
  /** Stable slug, unique within its focus area. */
  key: string;
  /** The guide's words. */
  text: string;
  parts?: CoachingFocusAreaPart[];
}

export interface CoachingFocusArea {
  /** Stable slug: what engagements, contact topics and capacity transfers refer to. */
  key: string;
  /** Trellis's short name for lists, charts and exports (not the guide's words). */
  label: string;
  /** The Appendix B item, in the guide's words. It completes "Coaches and Mentors can prepare leaders to". */
  text: string;
  /** The item's sub-items, in the guide's words and order. */
  parts?: CoachingFocusAreaPart[];
  source: SourceRef;
}

export interface CoachingFocusAreaCatalog {
  id: 'coaching-focus-areas';
  /** Calendar versioning: year.month.patch. */
  version: string;
  publishedOn: string;
  /** The sentence the items complete, in the guide's words. */
  leadIn: string;
  source: SourceRef;
  areas: CoachingFocusArea[];
  /** Where the guide says little, and what the catalog did about it. */
  sourceNote: string;
}

export const COACHING_APPENDIX_B_SECTION =
  'Appendix B — Some Major Tasks for Coaches/Mentors to Help Address as a Unified and Comprehensive System of Learning Supports is Established';
const APPENDIX_B_LEAD_IN = 'Coaches and Mentors can prepare leaders to';

const area = (key: string, label: string, text: string, parts?: CoachingFocusAreaPart[]): CoachingFocusArea => {
  const source = guide(COACHING_APPENDIX_B_SECTION, `${APPENDIX_B_LEAD_IN}${ELLIPSIS}${text}`);
  return parts === undefined ? { key, label, text, source } : { key, label, text, parts, source };
};
const part = (key: string, text: string, parts?: CoachingFocusAreaPart[]): CoachingFocusAreaPart =>
  parts === undefined ? { key, text } : { key, text, parts };

export const COACHING_FOCUS_AREA_CATALOG: CoachingFocusAreaCatalog = {
  id: 'coaching-focus-areas',
  version: '2026.11.0',
  publishedOn: '2026-11-23',
  leadIn: APPENDIX_B_LEAD_IN,
  source: guide(COACHING_APPENDIX_B_SECTION, APPENDIX_B_LEAD_IN),
  areas: [
    area('readiness-and-commitment', 'Understanding and readiness', 'Deepen the understanding of and enhance committed readiness for what is involved in', [
      part('unifying-and-developing', 'unifying & developing a comprehensive learning supports system'),
      part('making-systemic-changes', 'making systemic changes'),
    ]),
    area(
      'learning-supports-leadership',
      'Learning supports leader and leadership team',
      'Establish and build the capacity of the administrative leader for the learning supports component and of a Learning Supports Leadership Team',
    ),
    area(
      'stakeholder-engagement',
      'Engaging stakeholder groups',
      'Engage a critical mass of key stakeholder groups (building interest and consensus for the work and garnering feedback and support)',
    ),
    area('design-document-and-plan', 'Design document and strategic plan', 'Guide development of a design document and strategic system change plan'),
    area('system-change-mechanisms', 'System change mechanisms', 'Establish and build the capacity of a set of system change mechanisms'),
    area('work-group-capacity', 'Work groups: mapping, analysis, recommendations', 'Build the capacity of work group(s) to', [
      part(
        'map-status',
        'map prevailing status of student and learning supports within the district (e.g., current activity, gaps, redundancies, priority needs, etc.) using the intervention framework in the design document',
      ),
      part('analyze-and-recommend', 'analyze the resource map and priority needs and recommend', [
        part('how-to-unify', 'how to unify the work into a system'),
        part('yearly-priorities', 'yearly priorities for developing the system into a comprehensive approach'),
      ]),
      part(
        'recommend-changes',
        'analyze and recommend changes that fit with the design for a unified and comprehensive system of learning supports with respect to',
        [
          part('policies', 'current policies (bulletins, guidelines, etc.)'),
          part('operational-infrastructure', 'current operational infrastructure'),
          part('programs-and-initiatives', 'current programs and initiatives'),
          part('redeploy-resources', 'possible ways to redeploy resources'),
          part('benchmarks-and-mechanisms', 'adapt benchmarks & mechanisms to monitor progress at district/school levels'),
        ],
      ),
    ]),
    area(
      'recommendations-for-change',
      'Recommendations to the agency head',
      'Provide a set of recommendations for change that will be submitted to the agency head (e.g., changes in policy and operational infrastructure)',
    ),
    area(
      'integrate-with-school-improvement',
      'Integration into school improvement',
      'Fully integrate the system as a primary and essential component of school improvement',
    ),
    area(
      'visibility-and-communication',
      'Visibility, communication and problem solving',
      'Enhance component visibility, communication, sharing, and problem solving (e.g., within the district and beyond)',
    ),
    area(
      'quality-improvement-and-evaluation',
      'Continuous quality improvement and evaluation',
      'Establish a system for continuous quality improvement and evaluation of impact and integrate it into regular planning, evaluation, and accountability',
    ),
    area(
      'connect-resources',
      'Connecting resources, economies of scale',
      'Connect resources to enhance effectiveness and achieve economies of scale (e.g., weaving resources at SEA and LEA levels; connect a "Family" of schools/a feeder pattern)',
    ),
    area('community-outreach', 'Outreach and community linkages', 'Enhance outreach to establish formal collaborative linkages with community resources'),
    area('update-resource-mapping', 'Updating resource mapping', 'Update and deepen resource mapping and analyses'),
    area('continuous-capacity-building', 'Continuous capacity building', 'Plan and implement continuous capacity building and technical assistance'),
    area('celebrate-progress', 'Celebrating progress', 'Celebrate progress'),
  ],
  sourceNote:
    'Appendix B is a list of tasks and nothing more: it does not say which tasks are for coaching (short-term, task-focused) and which ' +
    'for mentoring, in what order they come, or how to tell that a leader has taken one on. The focus areas are its 15 items in its ' +
    'order, with their sub-items as parts; a contact’s topics and a leader’s capacities name focus areas, not parts. The labels are ' +
    'Trellis’s short names, not the guide’s words.',
};

export const COACHING_FOCUS_AREA_KEYS = COACHING_FOCUS_AREA_CATALOG.areas.map((a) => a.key) as readonly string[];
export const isCoachingFocusAreaKey = (value: unknown): value is string => typeof value === 'string' && COACHING_FOCUS_AREA_KEYS.includes(value);
export const coachingFocusArea = (key: string): CoachingFocusArea | undefined => COACHING_FOCUS_AREA_CATALOG.areas.find((a) => a.key === key);

// ---- Organization facilitator checklist (Exhibit 3) ----------------------------------------------

/**
 * `check`: the document asks the facilitator to find something out ("Determines if …", "Determines
 * the adequacy …", "Checks …", "asks whether …"); yes means it is so. `task`: something the
 * facilitator does; yes means it has been done. Either way a no is answered with why and the action
 * taken, as the document's "If not, … determines why and helps address systemic breakdowns".
 */
export type CoachingFacilitatorItemKind = 'check' | 'task';

export interface CoachingFacilitatorItem {
  /** Stable slug, unique in the whole catalog: what a checklist answer refers to. */
  key: string;
  /** The document's letter: (a), (b)… */
  letter: string;
  kind: CoachingFacilitatorItemKind;
  /** The item, in the document's words (its sub-bullets are in `parts`). */
  text: string;
  /** The item's bulleted sub-items, in the document's words. */
  parts?: string[];
  /** The part of `text` that says what the facilitator does when the answer is no. */
  ifNot?: string;
  /** The example the document gives under the item, in its words. */
  example?: string;
  source: SourceRef;
}

export interface CoachingFacilitatorGroup {
  key: string;
  /** The document's number for the group (1–5). */
  number: number;
  /** The group's heading, in the document's words. */
  name: string;
  items: CoachingFacilitatorItem[];
  source: SourceRef;
}

export interface CoachingFacilitatorCatalog {
  id: 'facilitator-task-activity';
  version: string;
  publishedOn: string;
  /** The exhibit's title, in the document's words. */
  title: string;
  source: SourceRef;
  groups: CoachingFacilitatorGroup[];
  sourceNote: string;
}

const EXHIBIT_3 = 'Exhibit 3';
const EXHIBIT_3_TITLE = 'Examples of General Task Activity for an Organization Facilitator';

interface ItemSpec {
  key: string;
  kind: CoachingFacilitatorItemKind;
  text: string;
  parts?: string[];
  ifNot?: string;
  example?: string;
}

const group = (key: string, number: number, name: string, specs: ItemSpec[]): CoachingFacilitatorGroup => {
  const heading = `${EXHIBIT_3} — ${number}. ${name}`;
  return {
    key,
    number,
    name,
    source: cam(heading),
    items: specs.map((spec, i) => {
      const letter = String.fromCharCode(97 + i);
      return { ...spec, key: spec.key, letter, source: cam(`${heading} — item (${letter})`) };
    }),
  };
};

export const COACHING_FACILITATOR_CATALOG: CoachingFacilitatorCatalog = {
  id: 'facilitator-task-activity',
  version: '2026.11.0',
  publishedOn: '2026-11-23',
  title: EXHIBIT_3_TITLE,
  source: cam(EXHIBIT_3, EXHIBIT_3_TITLE),
  groups: [
    group('infrastructure-tasks', 1, 'Infrastructure tasks', [
      {
        key: 'negotiate-agreements',
        kind: 'task',
        text: 'Works with governing agents to further clarify and negotiate agreements about',
        parts: [
          'policy changes',
          'participating personnel (including administrators authorized to take the lead for the systemic changes)',
          'time, space, and budget commitments',
        ],
      },
      { key: 'identify-administrative-lead', kind: 'task', text: 'Identifies an administrative lead for the change team' },
      {
        key: 'help-form-and-prepare-team',
        kind: 'task',
        text: 'Helps the leader identify members for the team and helps prepare the members to carry out functions',
      },
    ]),
    group('stakeholder-development', 2, 'Stakeholder development', [
      { key: 'orient-governing-agents', kind: 'task', text: 'Provides general orientations for governing agents' },
      { key: 'coach-site-leaders', kind: 'task', text: 'Provides leadership coaching for site leaders responsible for systemic change' },
      {
        key: 'coach-team-members',
        kind: 'task',
        text: 'Coaches team members (about purposes, processes, working relationships)',
        example:
          "Examples: At a team's first meeting, the Organization Facilitator offers to provide a brief orientation (a presentation with " +
          'guiding handouts) and any immediate coaching and specific task assistance that team facilitators or members may need. During ' +
          'the next few meetings, the organization facilitator and/or other coaches might help with mapping and analyzing resources. Teams ' +
          'may also need help establishing processes for daily interaction and periodic meetings.',
      },
      {
        key: 'inform-all-stakeholders',
        kind: 'task',
        // The document has "with with"; quoted as it stands.
        text: 'Works with with the administrative leader and team to ensure presentations and written information about infrastructure and activity changes are provided to all stakeholders',
      },
    ]),
    group('communication-and-visibility', 3, 'Communication and visibility; resource mapping and analyses; coordination, collaboration, and integration', [
      {
        key: 'new-directions-circulated',
        kind: 'check',
        text:
          'Determines if info on new directions (including leadership and team functions and membership) has been written-up and circulated. ' +
          'If not, Facilitator determines why and helps address systemic breakdowns; if necessary, effective processes are modeled.',
        ifNot: 'If not, Facilitator determines why and helps address systemic breakdowns; if necessary, effective processes are modeled.',
      },
      {
        key: 'priority-tasks-handled',
        kind: 'check',
        text:
          'Determines if leaders and team members are effectively handling priority tasks. If not, the Facilitator determines why and helps ' +
          'address systemic breakdowns; if necessary, effective processes are modeled.',
        ifNot: 'If not, the Facilitator determines why and helps address systemic breakdowns; if necessary, effective processes are modeled.',
      },
      {
        key: 'teams-productive',
        kind: 'check',
        text:
          'Determines if change and work teams are being productive (and if not, takes appropriate steps to enhance motivation, systems, and working relationships)',
        ifNot: 'and if not, takes appropriate steps to enhance motivation, systems, and working relationships',
        example: [
          'For example, determines if resources have been',
          'mapped',
          'analyzed to determine',
          'how well resources are meeting desired functions',
          'how well programs and services are coordinated/integrated (with special emphasis on maximizing cost-effectiveness and minimizing redundancy)',
          'what activities need to be improved (or eliminated)',
          'what is missing, its level of priority, and how and when to develop it',
        ].join(ELLIPSIS),
      },
      {
        key: 'communication-adequate',
        kind: 'check',
        text:
          'Determines the adequacy of efforts made to enhance communication to and among stakeholders and, if more is needed, facilitates ' +
          'improvements (e.g., ensures that resource mapping, analyses, and recommendations are written-up and circulated)',
        ifNot: 'if more is needed, facilitates improvements (e.g., ensures that resource mapping, analyses, and recommendations are written-up and circulated)',
      },
      {
        key: 'problem-identification-systems',
        kind: 'check',
        text:
          'Determines if systems are in place to identify problems related to functioning of the infrastructure and information and ' +
          'communication systems. If there are problems, determines why and helps address any systemic breakdowns and problems in working relationships.',
        ifNot: 'If there are problems, determines why and helps address any systemic breakdowns and problems in working relationships.',
      },
      {
        key: 'reforms-visible',
        kind: 'check',
        text: 'Checks on visibility of reforms and if the efforts are not visible, determines why and helps rectify',
        ifNot: 'if the efforts are not visible, determines why and helps rectify',
      },
    ]),
    group('formative-evaluation', 4, 'Formative Evaluation, Progress Monitoring, Rapid Problem Solving, and Accountability', [
      {
        key: 'formative-evaluation-procedures',
        kind: 'task',
        text:
          'Works with leader and team members to develop procedures for formative evaluation and processes that ensure rapid problem ' +
          'solving to overcome barriers to change – including, anticipating and addressing negative reactions and dynamics (e.g., ' +
          'reactance, apathy and low valuing, apprehension, unrealistic expectations).',
      },
      {
        key: 'rapid-problem-solving',
        kind: 'check',
        text: 'Checks regularly to be certain there is rapid problem solving. If not, helps address systemic breakdowns; if necessary, models processes.',
        ifNot: 'If not, helps address systemic breakdowns; if necessary, models processes.',
      },
      { key: 'progress-assessment', kind: 'task', text: 'Ensures ongoing assessment of progress and data for accountability' },
    ]),
    group('ongoing-support', 5, 'Ongoing Support', [
      {
        key: 'on-call-coaching',
        kind: 'task',
        text: 'Offers ongoing coaching on an "on-call" basis',
        example: 'For example: informs team members about ideas developed by others or provides expertise related to a specific topic they plan to discuss.',
      },
      {
        key: 'process-check-in',
        kind: 'task',
        text: 'At appropriate points in time, asks for part of a meeting to see how things are going and (if necessary) to explore ways to improve the process',
      },
      {
        key: 'longer-range-planning',
        kind: 'check',
        text: "At appropriate times, asks whether participants have dealt with longer-range planning, and if they haven't, determines what help they need",
        ifNot: "if they haven't, determines what help they need",
      },
      { key: 'continuing-capacity-building-sources', kind: 'task', text: 'Helps participants identify sources for continuing capacity building.' },
    ]),
  ],
  sourceNote:
    'Exhibit 3 gives examples of a facilitator’s task activity, not a complete list, and does not say how often to go through it. ' +
    'Eight items ask the facilitator to find something out (kind "check": determines if…, determines the adequacy…, checks…, asks ' +
    'whether…); the others are things the facilitator does (kind "task"), answered yes once done. Each check’s own "if not" is kept in ' +
    '`ifNot`; for tasks the document says nothing about a no, and Trellis asks the same why and action taken. Item 3(c)’s questions ' +
    'about resources are the document’s example, kept in `example`, not separate checks. Item 2(d) reads "Works with with" in the ' +
    'document and is quoted as it stands.',
};

export const COACHING_FACILITATOR_ITEMS: readonly (CoachingFacilitatorItem & { groupKey: string })[] = COACHING_FACILITATOR_CATALOG.groups.flatMap((g) =>
  g.items.map((item) => ({ ...item, groupKey: g.key })),
);
export const COACHING_FACILITATOR_ITEM_KEYS = COACHING_FACILITATOR_ITEMS.map((i) => i.key) as readonly string[];
export const isCoachingFacilitatorItemKey = (value: unknown): value is string => typeof value === 'string' && COACHING_FACILITATOR_ITEM_KEYS.includes(value);
export const coachingFacilitatorItem = (key: string) => COACHING_FACILITATOR_ITEMS.find((i) => i.key === key);
