// The catalog of systemic-change mechanisms: the kinds of mechanism the two source documents
// describe, each with its functions, composition, process and the guidance Trellis turns into
// warnings. It is product content shipped as versioned data; a unit starts from it and customizes.
//
// Rules this file keeps (packages/core/test/mechanisms-catalog.test.ts checks them):
// - A function's `text` is the documents' own words, verbatim but for whitespace and list markers;
//   " … " joins passages that are not adjacent, or separate items of one of the document's lists.
//   Appendix A's function lists are transcribed whole and in order. Where a kind's functions are
//   only described in prose, its functions are the phrases of that prose, each cited. Nothing is
//   added that the documents do not say; `sourceNote` says where they say little.
// - Every citation names the heading the text sits under (see SourceRef in ../catalogs/sources.ts).
// - Every guidance value says whether it is the document's (`document`) or a Trellis default that
//   the document only gestures at (`product-default`, e.g. the steering body's size threshold).
// - Function keys are stable: a unit's customizations (reworded, dropped with a reason) refer to
//   them, so a key is never renamed or reused. Change the wording, add a key, or publish a new
//   version, but keep the old keys meaning what they meant.
import { conflict, invalid } from '../errors.js';
import type { UnitKind } from '../organizations/units.js';
import { ELLIPSIS, type SourceRef } from '../catalogs/sources.js';

// ---- Kinds, levels, shapes -----------------------------------------------------------------------

export const MECHANISM_KINDS = [
  'superintendent_governing_body',
  'transformation_leader',
  'steering_body',
  'design_team',
  'planning_team',
  'implementation_team',
  'work_group',
  'learning_supports_leadership_team',
  'change_team',
  'organization_facilitator',
  'coaches_mentors',
  'external_change_agents',
  'external_collaborators',
] as const;
export type MechanismKind = (typeof MECHANISM_KINDS)[number];

/** The kinds of unit a mechanism can be established at (departments carry their agency's mechanisms). */
export const MECHANISM_LEVELS = ['state', 'region', 'district', 'feeder_pattern', 'school'] as const satisfies readonly UnitKind[];
export type MechanismLevel = (typeof MECHANISM_LEVELS)[number];

export interface MechanismFunction {
  /** Stable slug, unique within the kind: what a unit's customizations refer to. */
  key: string;
  /** The documents' words. */
  text: string;
  /** Where the documents state it. */
  source: SourceRef;
  /** Other places the documents state or name the same thing. */
  seeAlso?: SourceRef[];
}

export interface CitedText {
  text: string;
  source: SourceRef;
}

/**
 * `document`: the number or rule is the document's. `product-default`: the document states the
 * concern but not the value (e.g. "should not be too large"); Trellis picks one, agencies may change it.
 */
export type GuidanceBasis = 'document' | 'product-default';

export interface Guided<T> {
  value: T;
  basis: GuidanceBasis;
  source?: SourceRef;
  note?: string;
}

export type Cadence = 'weekly' | 'weekly at first' | 'monthly';

/** Machine-readable guidance; later modules show it as warnings, never as hard blocks. */
export interface MechanismGuidance {
  minMembers?: Guided<number>;
  maxMembers?: Guided<number>;
  /** Members are specifically designated for the work and trained for it. */
  membersDesignatedAndTrained?: Guided<boolean>;
  /** Those staffing the mechanism are trained for it. */
  membersTrained?: Guided<boolean>;
  /** A time-defined task: about this many meetings in all. */
  meetings?: Guided<number>;
  meetingCadence?: Guided<Cadence>;
  /** Contact between a coach or mentor and those they support. */
  contactCadence?: Guided<Cadence>;
  onsiteVisitCadence?: Guided<Cadence>;
  includesSteeringBodyMember?: Guided<boolean>;
  includesChampions?: Guided<boolean>;
  /** Someone is identified as leading it. */
  requiresLead?: Guided<boolean>;
  /** Members should span a broad enough range of key leaders (see BROAD_LEADERSHIP_AREAS). */
  broadLeadership?: Guided<boolean>;
}

export interface MechanismLevelEntry {
  unit: MechanismLevel;
  /** Where the documents place the mechanism at this level. */
  source: SourceRef;
  note?: string;
}

export interface MechanismKindEntry {
  key: MechanismKind;
  name: string;
  /** Other names the documents use for the same kind. */
  aliases?: string[];
  /** One paragraph, in the documents' words. */
  purpose: string;
  purposeSources: SourceRef[];
  functions: MechanismFunction[];
  composition?: CitedText;
  process?: CitedText;
  guidance: MechanismGuidance;
  levels: MechanismLevelEntry[];
  /** Where the documents say little about this kind, and what the catalog did about it. */
  sourceNote?: string;
}

export interface MechanismCatalog {
  id: 'mechanisms';
  /** Calendar versioning: year.month.patch. */
  version: string;
  publishedOn: string;
  kinds: MechanismKindEntry[];
}

// ---- Citation helpers ----------------------------------------------------------------------------

const guide = (section: string, quote?: string): SourceRef =>
  quote === undefined ? { source: 'planning-coaching-guide', section } : { source: 'planning-coaching-guide', section, quote };
const cam = (section: string, quote?: string): SourceRef =>
  quote === undefined ? { source: 'change-agent-mechanisms', section } : { source: 'change-agent-mechanisms', section, quote };

/** One function per [key, text], all stated at `source`. */
const listed = (source: SourceRef, entries: readonly (readonly [string, string])[]): MechanismFunction[] =>
  entries.map(([key, text]) => ({ key, text, source }));

/**
 * One function per [key, text] from a guide list introduced by `leadIn`; each quote is the lead-in
 * and the item, so the entry keeps the sentence it completes.
 */
const listedAfter = (section: string, leadIn: string, entries: readonly (readonly [string, string])[]): MechanismFunction[] =>
  entries.map(([key, text]) => ({ key, text, source: guide(section, `${leadIn}${ELLIPSIS}${text}`) }));

const doc = <T>(value: T, source: SourceRef, note?: string): Guided<T> =>
  note === undefined ? { value, basis: 'document', source } : { value, basis: 'document', source, note };
const productDefault = <T>(value: T, source: SourceRef, note: string): Guided<T> => ({ value, basis: 'product-default', source, note });

// Headings used more than once.
const APPENDIX_A_NOTE = guide(
  'Appendix A — Unifying and Developing a Comprehensive System of Learning Supports: Systemic Change Mechanisms',
  'These mechanisms are needed at the SEA and at LEAs.',
);
const FUNCTIONS_INTRO = 'Appendix A — Functions of the Systemic Change Mechanisms';
const COACHES_SECTION = 'Coaches and Mentors: Overlapping Functions, Different Roles';
const ABOUT_MECHANISMS = 'About the Mechanisms';
const CAM_INFRASTRUCTURE = 'Systemic Change Infrastructure';
const DISTRICT_EXHIBIT = 'Appendix C — Tasks the Department Needs to be Ready to Help the District Accomplish';
const EXHIBIT_4_PHASE_2 = 'Exhibit 4 — Second Phase';

/** "As each mechanism is established, the focus of coaches and mentors is on enlisting a broad enough range of key leaders…" */
export const BROAD_LEADERSHIP_SOURCE: SourceRef = guide(
  ABOUT_MECHANISMS,
  'enlisting a broad enough range of key leaders (e.g., those leaders directly involved with student and learning supports and others such as leaders for instruction, school improvement, data/evaluation)',
);

/** The leadership areas the guide names when it asks for a broad enough range of key leaders. */
export const BROAD_LEADERSHIP_AREAS = [
  { key: 'learning_supports', label: 'Student and learning supports' },
  { key: 'instruction', label: 'Instruction' },
  { key: 'school_improvement', label: 'School improvement' },
  { key: 'data_evaluation', label: 'Data/evaluation' },
] as const;
export type LeadershipArea = (typeof BROAD_LEADERSHIP_AREAS)[number]['key'];

// The guide asks this "as each mechanism is established". Trellis sets the flag on the bodies that
// lead, design and plan the work (steering body, design team, planning team, learning supports
// leadership team, change team); not on one-person roles (transformation leader, organization
// facilitator), the agency's own governing body, external parties, work groups (used "where special
// expertise is needed"), or the 2–3 person implementation team. Which kinds carry it is a product
// choice; that the breadth is wanted is the document's.
const broadLeadership = doc(true, BROAD_LEADERSHIP_SOURCE, 'The guide asks this "as each mechanism is established".');

const LEAD_SOURCE = cam(
  CAM_INFRASTRUCTURE,
  'Everyone needs to be aware of who is leading and is accountable for the development of the planned changes.',
);
const leadDefault = productDefault(
  true,
  LEAD_SOURCE,
  'The documents ask that everyone know who is leading; they name a lead for this mechanism only implicitly, so "has a lead" is a Trellis default.',
);

const WORKS_WITH_EXTERNAL_COLLABORATORS = 'works with external collaborators to obtain consultation, professional development, and technical assistance as necessary';

const COACHING_CADENCE =
  'All this calls for at least weekly contact/support (note: the coaching literature underscores the used of e-coaching for this), followed by periodic (e.g., monthly) onsite visits.';
const COACHING_CADENCE_SOURCE = guide(COACHES_SECTION, COACHING_CADENCE);

// ---- The kinds -----------------------------------------------------------------------------------

const superintendentGoverningBody: MechanismKindEntry = {
  key: 'superintendent_governing_body',
  name: 'Superintendent and Governing Body',
  purpose:
    'The head of the agency and its governing body. It appoints the transformation leader, ensures policy is in place to facilitate ' +
    'unifying and developing a comprehensive system of learning supports and implementing the necessary systemic changes, indicates ' +
    'championship of the new system, reviews regular reports on progress and addresses barriers that interfere with moving forward, ' +
    'and institutionalizes the changes into policy, the organizational and operational infrastructures, strategic plans, budgets, and ' +
    'standards and accountability indicators. Recommendations for change are submitted to it for decision.',
  purposeSources: [guide('Appendix A — Superintendent and Governing Body — Functions'), guide('Appendix B')],
  functions: listed(guide('Appendix A — Superintendent and Governing Body — Functions'), [
    ['appoint-transformation-leader', 'appoints the transformation leader'],
    [
      'ensure-policy',
      'ensures policy is in place to facilitate unifying and developing a comprehensive system of learning supports and implementing the necessary systemic changes',
    ],
    [
      'champion-and-engage',
      'uses a variety of platforms and venues to indicate championship of the new system and to inform and engage key stakeholders',
    ],
    ['review-progress-reports', 'reviews regular reports on progress and addresses barriers that interfere with moving forward'],
    [
      'institutionalize-changes',
      'institutionalizes the changes into policy, the organizational and operational infrastructures, strategic plans, budgets, and standards and accountability indicators',
    ],
    ['use-external-collaborators', 'uses external collaborators to obtain consultation, professional development, and technical assistance as necessary'],
    ['celebrate-progress', 'celebrates progress'],
  ]),
  process: {
    text: 'Provide a set of recommendations for change that will be submitted to the agency head (e.g., changes in policy and operational infrastructure)',
    source: guide('Appendix B'),
  },
  guidance: {},
  levels: [
    { unit: 'state', source: guide('Appendix C — (2) Plan for changes within the DEPARTMENT and with REGIONAL UNITS — item (d)', 'Submit recommendations to Superintendent') },
    {
      unit: 'district',
      source: guide(
        'Appendix C — (3) Plan for Start-up and Phase-in with DISTRICTS — item c)',
        'a follow-up personal session with each superintendent and key district leaders to enhance readiness and commitment',
      ),
    },
    {
      unit: 'school',
      source: guide(
        'Appendix C — Tasks the District Needs to be Ready to Help Schools Accomplish',
        'Providing a set of recommendations for change that will be submitted to the principal (e.g., changes in policy and operational infrastructure)',
      ),
      note: 'At a school the principal receives the recommendations and makes the commitments.',
    },
  ],
  // Thin: Appendix A lists functions only; composition and process are not described.
  sourceNote:
    'Appendix A lists its functions but does not describe its composition or process; the process given is the Appendix B task of ' +
    'submitting recommendations to the agency head. At a school the documents send recommendations to the principal.',
};

const transformationLeader: MechanismKindEntry = {
  key: 'transformation_leader',
  name: 'Transformation Leader',
  aliases: ['administrative leader for student and learning supports', 'site leader'],
  purpose:
    'Logically the administrative leader for student and learning supports: provides leadership and oversight in maintaining the ' +
    'vision and supporting progress, establishes and works with all systemic change mechanisms, ensures provisions are made for the ' +
    'capacity building of each, and provides regular reports on the work to superintendent and governing body. Such leaders must be ' +
    'specifically trained to guide systemic change and be sitting at key decision making tables when budget and other fundamental ' +
    'decisions are discussed.',
  purposeSources: [guide('Appendix A — Transformation Leader'), cam(CAM_INFRASTRUCTURE)],
  functions: listed(guide('Appendix A — Transformation Leader — Functions'), [
    ['provide-leadership-and-oversight', 'provides leadership and oversight in maintaining the vision and supporting progress'],
    ['work-with-superintendent', 'works with superintendent and governing body to facilitate the above functions'],
    ['establish-mechanisms', 'establishes and works with all systemic change mechanisms'],
    [
      'ensure-capacity-building',
      'ensures provisions are made for the capacity building of each mechanism to ensure each can carry out its functions effectively',
    ],
    [
      'build-consensus',
      'provides opportunities for interchange & additional in-depth presentations to build a critical mass of consensus for and engagement in systemic changes',
    ],
    ['work-with-external-collaborators', WORKS_WITH_EXTERNAL_COLLABORATORS],
    ['monitor-progress', 'monitors and evaluates progress and addresses barriers that interfere with moving forward'],
    ['report-to-superintendent', 'provides regular reports on the work to superintendent and governing body'],
    ['celebrate-progress', 'celebrates progress'],
  ]),
  composition: {
    text: 'Logically this is the administrative leader for student and learning supports.',
    source: guide('Appendix A — Transformation Leader'),
  },
  process: {
    text:
      'It is imperative that such leaders be specifically trained to guide systemic change. And, they must be sitting at key ' +
      'decision making tables when budget and other fundamental decisions are discussed.',
    source: cam(CAM_INFRASTRUCTURE),
  },
  guidance: {
    maxMembers: productDefault(
      1,
      guide('Appendix A — Transformation Leader', 'Logically this is the administrative leader for student and learning supports.'),
      'The guide describes one person, the administrative leader; Trellis warns when more than one person holds the role.',
    ),
    membersTrained: doc(true, cam(CAM_INFRASTRUCTURE, 'It is imperative that such leaders be specifically trained to guide systemic change.')),
  },
  levels: [
    { unit: 'state', source: APPENDIX_A_NOTE },
    {
      unit: 'region',
      source: guide(
        'Appendix A — Implementation Team — Process',
        'At the department and regional levels, the transformation leader and the Steering Team can constitute an implementation team.',
      ),
    },
    { unit: 'district', source: APPENDIX_A_NOTE },
    {
      unit: 'school',
      source: cam(
        'Exhibit 4 — First Phase — step 4',
        'Identify a site leader (equivalent to the leader for the Instructional Component) to ensure policy commitments are carried out for establishing the new component',
      ),
      note: 'At a school, the site leader for the learning supports component.',
    },
  ],
};

const steeringBody: MechanismKindEntry = {
  key: 'steering_body',
  name: 'Steering Body',
  aliases: ['Steering Group', 'Steering Team'],
  purpose:
    'Part of a systemic change infrastructure are “champions” who agree to steer the process. Such a group provides a broad-based and ' +
    'potent mechanism for policy alignment and guiding and helping to manage change. At the district and school level, the steering ' +
    'group creates a special leadership body that owns the linked visions for school improvement and systemic change and oversees and ' +
    'supports the work. The members must have an in-depth understanding of what is involved in unifying and developing a comprehensive ' +
    'system of learning supports and be highly motivated not just to help get things underway but to ensure sustainability.',
  purposeSources: [cam('Steering Group'), guide('Appendix A — Steering Body')],
  functions: [
    ...listed(guide('Appendix A — Steering Body — Functions'), [
      [
        'provide-leadership-and-oversight',
        'provides a broad-based and potent leadership and oversight mechanism for maintaining the vision and overseeing and supporting progress',
      ],
      ['support-transformation-leader', 'provides support for the Transformation Leader'],
      ['champion-and-inform', 'champions the new system and ensures that key stakeholders are informed and engaged'],
      [
        'map-resources-and-infrastructure',
        'arranges for and analyzes the mapping of resources and infrastructure and delineates implications for systemic change',
      ],
      ['approve-action-plan', 'reviews and approves the action plan the Planning Team develops'],
      ['monitor-progress', 'monitors and evaluates progress and addresses barriers that interfere with moving forward'],
      ['work-with-external-collaborators', WORKS_WITH_EXTERNAL_COLLABORATORS],
      [
        'recommend-policy-changes',
        'recommends policy changes to facilitate unifying and developing a comprehensive system of learning supports and implementing the necessary systemic changes',
      ],
      ['indicate-championship', 'uses a variety of platforms and venues to indicate championship of the new system'],
      [
        'recommend-institutionalization',
        'recommends ways to institutionalize and sustain the systemic changes (e.g., changes in organizational and operational infrastructure, strategic plans, and budgets; capacity building)',
      ],
      ['celebrate-progress', 'celebrates progress'],
    ]),
    // The change-agent document states these in prose; Appendix A does not list them.
    {
      key: 'ensure-capacity-is-built',
      text: 'assuring that capacity is built to accomplish the desired systemic changes',
      source: cam('Steering Group', 'The first focus of a steering group is on assuring that capacity is built to accomplish the desired systemic changes.'),
    },
    {
      key: 'ensure-policy-and-leadership-base',
      text: 'ensuring an adequate policy and leadership base for implementation',
      source: cam('Steering Group', 'This includes ensuring an adequate policy and leadership base for implementation.'),
    },
    {
      key: 'support-change-staff',
      text: 'ensure that staff assigned to facilitate changes (a) maintain a big picture perspective, (b) make appropriate movement toward long-term goals, and (c) have sufficient support and guidance',
      source: cam(
        'Steering Group',
        'Over time, the main functions of a steering group are to ensure that staff assigned to facilitate changes (a) maintain a big picture perspective, (b) make appropriate movement toward long-term goals, and (c) have sufficient support and guidance.',
      ),
    },
  ],
  composition: {
    text:
      'The Steering Group should not be too large. For example, membership should include a few well-connected “champions” and the key ' +
      'change agents (e.g., the administrative leader and other system change staff) who have responsibility for implementation.',
    source: guide('Appendix A — Steering Body — Composition'),
  },
  process: {
    text:
      'Initially, the group probably needs to meet formally once a week, with informal contacts among members as needed. The external ' +
      'collaborators can help provide capacity building input for the group (and the other systemic change mechanisms as they are ' +
      'established). Progress monitoring and process problem solving requires regular input from key change agents. Periodically, to ' +
      'work against the perception that it is a closed, elite group, it can host "focus groups" to elicit input and feedback, provide ' +
      'information, and problem solve.',
    source: guide('Appendix A — Steering Body — Process'),
  },
  guidance: {
    maxMembers: productDefault(
      9,
      guide('Appendix A — Steering Body — Composition', 'The Steering Group should not be too large.'),
      'The documents say only that the group "should not be too large"; 9 is the Trellis default threshold for the warning, and an agency can change it.',
    ),
    meetingCadence: doc(
      'weekly at first',
      guide('Appendix A — Steering Body — Process', 'Initially, the group probably needs to meet formally once a week, with informal contacts among members as needed.'),
    ),
    includesChampions: doc(
      true,
      guide('Appendix A — Steering Body — Composition', 'membership should include a few well-connected “champions” and the key change agents'),
    ),
    requiresLead: leadDefault,
    broadLeadership,
  },
  levels: [
    { unit: 'state', source: APPENDIX_A_NOTE },
    {
      unit: 'region',
      source: guide(
        'Appendix A — Implementation Team — Process',
        'At the department and regional levels, the transformation leader and the Steering Team can constitute an implementation team.',
      ),
    },
    {
      unit: 'district',
      source: cam(
        'Steering Group',
        'At the district and school level, the steering group creates a special leadership body that owns the linked visions for school improvement and systemic change and oversees and supports the work.',
      ),
    },
    {
      unit: 'school',
      source: cam(
        'Steering Group',
        'At the district and school level, the steering group creates a special leadership body that owns the linked visions for school improvement and systemic change and oversees and supports the work.',
      ),
    },
  ],
};

// Thin: the documents name the Design Team only in passing (it produces the design document before
// the other mechanisms are established; the Planning Team draws members from it). Its functions
// here are what the documents say the design document is and contains; nothing else is added.
const designTeam: MechanismKindEntry = {
  key: 'design_team',
  name: 'Design Team',
  purpose:
    'Translates the transformative vision into a “design” document, the state’s design prototype with the intervention framework, ' +
    'which districts and schools adopt and adapt. Once the Design Team has produced its document, the need is for establishing and ' +
    'preparing a set of temporary systemic change mechanisms; the Planning Team draws members from it.',
  purposeSources: [guide(COACHES_SECTION), guide(FUNCTIONS_INTRO), guide('Appendix A — Planning Team — Composition')],
  functions: [
    {
      key: 'translate-vision-into-design',
      text: 'the transformative vision is translated into a “design” document',
      source: guide(COACHES_SECTION, 'As part of this work, time is devoted to ensuring the transformative vision is translated into a “design” document.'),
    },
    {
      key: 'detail-intervention-framework',
      text: 'the intervention framework detailed in the design document',
      source: guide(
        'Appendix C — (1) Building the capacity of the department planning team. — item (c)',
        'If mapping has not been done, plan for establishing and training a work group to map department resources relevant to student and learning supports using the intervention framework detailed in the design document',
      ),
    },
    {
      key: 'design-prototype',
      text: "the state's design prototype and the rationale for adopting (and adapting) it",
      source: guide('Appendix C — (3) Plan for Start-up and Phase-in with DISTRICTS — item a)'),
    },
  ],
  process: {
    text: 'Once the Design Team has produced its document, the need is for establishing and preparing a set of temporary systemic change mechanisms.',
    source: guide(FUNCTIONS_INTRO),
  },
  guidance: { requiresLead: leadDefault, broadLeadership },
  levels: [
    { unit: 'state', source: APPENDIX_A_NOTE, note: 'The state’s design prototype.' },
    {
      unit: 'district',
      source: APPENDIX_A_NOTE,
      note: 'Districts adopt and adapt the state’s design (Appendix C: “Guiding design adoption/adaptation & development of strategic system change plan”).',
    },
  ],
  sourceNote:
    'The documents name the Design Team only in passing and give it no function list, composition or process of its own. Its functions ' +
    'here are what the guide says the design document is and contains (the translated vision, the intervention framework, the state’s ' +
    'design prototype and the rationale for adopting and adapting it).',
};

const planningTeam: MechanismKindEntry = {
  key: 'planning_team',
  name: 'Planning Team',
  aliases: ['Planning Team for Transformative Systemic Changes'],
  purpose:
    'This team develops action plans accounting for both direct implementation and systemic change considerations. The focus of ' +
    'initial action planning is on start-up and phase-in. These involve specific steps and can be broken down into specific tasks for ' +
    'action planning and monitoring of progress. The members must have an in-depth understanding of what is involved in unifying and ' +
    'developing a comprehensive system of learning supports and be highly motivated not just to help get things underway but to ensure sustainability.',
  purposeSources: [guide('Appendix A — Planning Team')],
  functions: listed(guide('Appendix A — Planning Team — Functions'), [
    ['draft-action-plan', 'prepares draft action plan for start-up and phase-in'],
    ['establish-work-groups', 'establishes work groups as necessary to help with plan development'],
    ['submit-plan', 'submits plan for revision and eventual approval'],
    ['draft-sustainability-plan', 'once approved, prepares a draft plan for sustainability'],
    ['submit-sustainability-plan', 'submits sustainability plan revision and eventual approval'],
    ['ensure-implementation-capacity', 'ensures the Implementation Team develops the capacity to carry out the plan effectively'],
    ['develop-benchmark-tool', 'develops a benchmark tool to monitor progress'],
    ['work-with-external-collaborators', WORKS_WITH_EXTERNAL_COLLABORATORS],
    ['adapt-plans', 'adapts and reworks plans as needed'],
  ]),
  composition: {
    text:
      'The Planning Team should not be too large. It needs members who are experienced in formulating action plans and who understand ' +
      'the limitations and gaps in the current system. Logical members are representatives from the Steering Group, the Design Team, ' +
      'and others involved in leadership for school improvement and providing learning/student supports. Where special expertise is ' +
      'needed, work groups can be used.',
    source: guide('Appendix A — Planning Team — Composition'),
  },
  process: {
    text:
      'This should be a time-defined task requiring about 4 weekly meetings, with drafts prepared and shared between meetings. The ' +
      'focus in meetings is on clarifying feedback and guidance for improving sections of the plan that are under development. The ' +
      'external collaborators can help provide capacity building input for the group. To ensure input from those who have been ' +
      'identified as key stakeholders, the team can share the working products of their efforts and encourage feedback. Such an ' +
      'interactive process helps to build consensus and create readiness for action.',
    source: guide('Appendix A — Planning Team — Process'),
  },
  guidance: {
    maxMembers: productDefault(
      9,
      guide('Appendix A — Planning Team — Composition', 'The Planning Team should not be too large.'),
      'The guide says only that the team "should not be too large"; 9 is the Trellis default threshold for the warning, and an agency can change it.',
    ),
    meetings: doc(
      4,
      guide('Appendix A — Planning Team — Process', 'This should be a time-defined task requiring about 4 weekly meetings, with drafts prepared and shared between meetings.'),
      'About four.',
    ),
    meetingCadence: doc(
      'weekly',
      guide('Appendix A — Planning Team — Process', 'This should be a time-defined task requiring about 4 weekly meetings, with drafts prepared and shared between meetings.'),
    ),
    includesSteeringBodyMember: doc(
      true,
      guide(
        'Appendix A — Planning Team — Composition',
        'Logical members are representatives from the Steering Group, the Design Team, and others involved in leadership for school improvement and providing learning/student supports.',
      ),
    ),
    requiresLead: leadDefault,
    broadLeadership,
  },
  levels: [
    {
      unit: 'state',
      source: guide('Appendix C — (1) Building the capacity of the department planning team.', 'Building the capacity of the department planning team.'),
    },
    { unit: 'district', source: APPENDIX_A_NOTE },
  ],
};

const IMPLEMENTATION_COMPOSITION =
  'At each level (department, region, district, school), an Implementation Team consists of 2-3 personnel who are specifically designated and trained to facilitate the planned systemic changes at that level.';

// Not flagged broadLeadership (a product choice): the guide asks for a broad enough range of key
// leaders as each mechanism is established, but this team is 2–3 personnel designated and trained
// for the work, and a warning about missing leadership areas would fire on every team composed as
// the guide says. Appendix C (3)(b) and (4)(a)
// also say what the team provides to the level below (guidance, facilitation, problem-solving,
// support); those are covered by the Appendix A tasks below and belong to the plans module's template.
const implementationTeam: MechanismKindEntry = {
  key: 'implementation_team',
  name: 'Implementation Team',
  purpose:
    'This team facilitates both direct implementation and systemic change as laid out in the action plan. Focus is on implementing ' +
    'specific start-up and phase-in action plan with a view to sustainability. At each level it works with the leader who is ' +
    'responsible for the systemic changes; a district’s team will first facilitate the changes at the district level and then ' +
    'establish a pattern and schedule for working with each participating school and families of schools.',
  purposeSources: [guide('Appendix A — Implementation Team'), guide('Appendix A — Implementation Team — Process')],
  functions: listed(guide('Appendix A — Implementation Team — Functions'), [
    [
      'establish-operational-infrastructure',
      'establishing operational infrastructure for unifying and developing a comprehensive system of learning supports (e.g., Administrative Lead, Learning Supports Leadership Team, Work Groups)',
    ],
    [
      'ensure-infrastructure-processes',
      'ensuring infrastructure establishes processes for communication, visibility of the work, information management, problems solving, etc.',
    ],
    ['increase-stakeholder-readiness', 'working to increase stakeholder readiness for, commitment to, and engagement in planned changes'],
    ['ensure-capacity-building', 'ensuring capacity building for implementation'],
    ['monitor-and-revise-plans', 'ensuring progress is monitored and that plans are revised as needed'],
    [
      'work-with-external-collaborators',
      'working with external collaborators to obtain consultation, professional development, and technical assistance as necessary',
    ],
    ['celebrate-progress', 'celebrating progress'],
  ]),
  composition: { text: IMPLEMENTATION_COMPOSITION, source: guide('Appendix A — Implementation Team — Composition') },
  process: {
    text:
      'At each level (department, region, district, school), an Implementation Team works with the leader who is responsible for the ' +
      'systemic changes. At the department and regional levels, the transformation leader and the Steering Team can constitute an ' +
      'implementation team. At the district level, each district will need to develop such a team. The team will first facilitate the ' +
      'changes at the district level and then establish a pattern and schedule for working with each participating school and families of schools.',
    source: guide('Appendix A — Implementation Team — Process'),
  },
  guidance: {
    minMembers: doc(2, guide('Appendix A — Implementation Team — Composition', IMPLEMENTATION_COMPOSITION)),
    maxMembers: doc(3, guide('Appendix A — Implementation Team — Composition', IMPLEMENTATION_COMPOSITION)),
    membersDesignatedAndTrained: doc(true, guide('Appendix A — Implementation Team — Composition', IMPLEMENTATION_COMPOSITION)),
  },
  levels: (['state', 'region', 'district', 'school'] as const).map((unit) => ({
    unit,
    source: guide('Appendix A — Implementation Team — Composition', IMPLEMENTATION_COMPOSITION),
    ...(unit === 'state' ? { note: 'The guide’s “department” is the state education agency.' } : {}),
  })),
};

// Thin: no Appendix A entry. The functions are the tasks Appendix B and Appendix C give work
// groups and the ad hoc work groups of Exhibit 4; the documents' level-specific wording ("within
// the district") is kept and reworded per unit.
const workGroup: MechanismKindEntry = {
  key: 'work_group',
  name: 'Work Group',
  aliases: ['ad hoc work group'],
  purpose:
    'Where special expertise is needed, work groups can be used: the planning team establishes work groups as necessary to help with ' +
    'plan development, and work groups are organized for each major arena of component activity. Their tasks in the documents are to ' +
    'map and analyze resources and formulate recommendations, to review and recommend changes that fit with the design, to develop ' +
    'benchmarks and information resources, and to enhance component visibility, communication, sharing, and problem solving.',
  purposeSources: [
    guide('Appendix A — Planning Team — Composition'),
    guide('Appendix A — Planning Team — Functions'),
    cam(`${EXHIBIT_4_PHASE_2} — step 8`),
    guide('Appendix B'),
    guide('Appendix C'),
  ],
  functions: [
    {
      key: 'help-with-plan-development',
      text: 'help with plan development',
      source: guide('Appendix A — Planning Team — Functions', 'establishes work groups as necessary to help with plan development'),
    },
    {
      key: 'map-learning-supports',
      text: 'map prevailing status of student and learning supports within the district (e.g., current activity, gaps, redundancies, priority needs, etc.) using the intervention framework in the design document',
      source: guide('Appendix B'),
    },
    {
      key: 'recommend-unification-and-priorities',
      text: 'analyze the resource map and priority needs and recommend … how to unify the work into a system … yearly priorities for developing the system into a comprehensive approach',
      source: guide('Appendix B'),
    },
    {
      key: 'recommend-changes',
      text:
        'analyze and recommend changes that fit with the design for a unified and comprehensive system of learning supports with respect to … ' +
        'current policies (bulletins, guidelines, etc.) … current operational infrastructure … current programs and initiatives … possible ways to redeploy resources',
      source: guide('Appendix B'),
    },
    {
      key: 'adapt-benchmarks',
      text: 'adapt benchmarks & mechanisms to monitor progress at district/school levels',
      source: guide('Appendix B'),
      seeAlso: [
        guide(
          'Appendix C — (2) Plan for changes within the DEPARTMENT and with REGIONAL UNITS — item (f)',
          'Establish a work group to develop a set benchmarks and mechanisms for monitoring progress',
        ),
      ],
    },
    {
      key: 'develop-information-resources',
      text:
        'develop information resources and supports to provide district leadership to enable them to clarify the following for district stakeholders … ' +
        'the imperative for change … the state\'s design prototype and the rationale for adopting (and adapting) it … the current and future plans for ' +
        'roll-out to districts … the systemic changes that will be involved at district and school levels and the process to be used in bringing the changes about',
      source: guide('Appendix C — (3) Plan for Start-up and Phase-in with DISTRICTS — item a)'),
    },
    {
      key: 'enhance-visibility-and-communication',
      text: 'enhance component visibility, communication, sharing, and problem solving',
      source: cam(`${EXHIBIT_4_PHASE_2} — step 10`, 'Develop ad hoc work groups to enhance component visibility, communication, sharing, and problem solving'),
    },
  ],
  composition: { text: 'Where special expertise is needed, work groups can be used.', source: guide('Appendix A — Planning Team — Composition') },
  process: {
    text: 'Build the capacity of the work group to carry out its tasks and provide the group with technical assistance as needed',
    source: guide('Appendix C — (2) Plan for changes within the DEPARTMENT and with REGIONAL UNITS — item (b)'),
  },
  guidance: { requiresLead: leadDefault },
  levels: [
    {
      unit: 'state',
      source: guide(
        'Appendix C — (2) Plan for changes within the DEPARTMENT and with REGIONAL UNITS — item (a)',
        'Establish a work group to review and recommend changes that fit with the design for a unified and comprehensive system of learning supports',
      ),
    },
    { unit: 'district', source: guide('Appendix B', 'Build the capacity of work group(s) to') },
    {
      unit: 'school',
      source: cam(
        `${EXHIBIT_4_PHASE_2} — step 8`,
        'Help organize work groups for each major arena of component activity and facilitate their initial mapping and analysis of resources and formulation of recommendations',
      ),
    },
  ],
  sourceNote:
    'No Appendix A entry. The functions are the tasks Appendix B and Appendix C give work groups and the ad hoc work groups of Exhibit 4; ' +
    'the documents’ level-specific wording (“within the district”) is kept and is reworded per unit.',
};

const LSLT_STEP_7 =
  'Ensure there is a resource-oriented mechanism, such as a Learning Supports Leadership Team, at each school and train those staffing the mechanism in how to perform resource-oriented functions (e.g., mapping, analysis, coordinating, planning, setting priorities for program development, enhancing intervention systems)';
const LSLT_STEP_11 =
  'Attempt to fill program/service gaps and pursue economies of scale through outreach designed to establish formal collaborative linkages with other schools in the feeder pattern and with district-wide and community resources (e.g., through establishing a Learning Supports Leadership Council for the feeder pattern)';

// Thin: no Appendix A entry. Exhibit 4 step 7 gives its resource-oriented functions (as examples)
// and step 11 the feeder-pattern council; Appendix B and the Appendix C exhibits ask that it be
// established and its capacity built but do not assign it tasks, so none are taken from them.
const learningSupportsLeadershipTeam: MechanismKindEntry = {
  key: 'learning_supports_leadership_team',
  name: 'Learning Supports Leadership Team',
  aliases: ['Learning Supports Leadership Council (feeder pattern)'],
  purpose:
    'A resource-oriented mechanism at each school, and the District Learning Supports Leadership Team, whose members are trained in how ' +
    'to perform resource-oriented functions (e.g., mapping, analysis, coordinating, planning, setting priorities for program ' +
    'development, enhancing intervention systems). For a feeder pattern, a Learning Supports Leadership Council helps fill ' +
    'program/service gaps and pursue economies of scale through formal collaborative linkages with other schools in the feeder ' +
    'pattern and with district-wide and community resources.',
  purposeSources: [cam(`${EXHIBIT_4_PHASE_2} — step 7`), cam(`${EXHIBIT_4_PHASE_2} — step 11`), guide(DISTRICT_EXHIBIT)],
  functions: [
    ...listed(cam(`${EXHIBIT_4_PHASE_2} — step 7`, LSLT_STEP_7), [
      ['mapping', 'mapping'],
      ['analysis', 'analysis'],
      ['coordinating', 'coordinating'],
      ['planning', 'planning'],
      ['setting-priorities', 'setting priorities for program development'],
      ['enhancing-intervention-systems', 'enhancing intervention systems'],
    ]),
    {
      key: 'feeder-pattern-linkages',
      text: 'fill program/service gaps and pursue economies of scale through outreach designed to establish formal collaborative linkages with other schools in the feeder pattern and with district-wide and community resources',
      source: cam(`${EXHIBIT_4_PHASE_2} — step 11`, LSLT_STEP_11),
    },
  ],
  process: {
    text: 'Establish and build the capacity of the administrative leader for the learning supports component and of a Learning Supports Leadership Team',
    source: guide('Appendix B'),
  },
  guidance: {
    membersTrained: doc(true, cam(`${EXHIBIT_4_PHASE_2} — step 7`, LSLT_STEP_7)),
    requiresLead: leadDefault,
    broadLeadership,
  },
  levels: [
    {
      unit: 'district',
      source: guide(
        DISTRICT_EXHIBIT,
        'Establishing and building the capacity of a district administrative leader for the learning supports component and the District Learning Supports Leadership Team',
      ),
    },
    {
      unit: 'feeder_pattern',
      source: cam(`${EXHIBIT_4_PHASE_2} — step 11`, LSLT_STEP_11),
      note: 'For a feeder pattern the documents call it a Learning Supports Leadership Council.',
    },
    { unit: 'school', source: cam(`${EXHIBIT_4_PHASE_2} — step 7`, LSLT_STEP_7) },
  ],
  sourceNote:
    'No Appendix A entry. Exhibit 4 step 7 gives its resource-oriented functions, as examples, and step 11 the feeder-pattern council. ' +
    'Appendix B and the Appendix C exhibits ask that it be established and its capacity built but do not list its tasks; none are added from them.',
};

const CHANGE_TEAM_RESPONSIBILITIES =
  'In general, during the period when changes are introduced, the team is responsible for creating readiness, coalition building, resource mapping and analysis, clarifying priorities for developing and implementing strategic plans, establishing work groups, maintaining daily oversight, problem solving, resolving stakeholder conflicts, and so forth.';

// No Appendix A entry; the functions are the phrases of the change-agent document's prose.
const changeTeam: MechanismKindEntry = {
  key: 'change_team',
  name: 'Change Team',
  purpose:
    'A site-based change team (consisting of key site-stakeholders) that has responsibility for coalition building, implementing the ' +
    'strategic plan, and maintaining daily oversight (including problem solving, conflict resolution, and so forth). With the ' +
    'Organization Facilitator initially guiding the work, its members learn to be catalysts and managers of systemic change. It may be ' +
    'a temporary team or a team that will not only facilitate the changes but will continue as a leadership team for the new approach; ' +
    'a district change team is formally linked to the comparable mechanisms at each participating school.',
  purposeSources: [cam(CAM_INFRASTRUCTURE), cam('Change Team'), cam('Exhibit 2')],
  functions: [
    {
      key: 'implement-strategic-plan',
      text: 'implementing the strategic plan',
      source: cam(
        CAM_INFRASTRUCTURE,
        '(3) a site-based change team (consisting of key site-stakeholders) that has responsibility for coalition building, implementing the strategic plan, and maintaining daily oversight (including problem solving, conflict resolution, and so forth)',
      ),
    },
    ...listed(cam('Change Team', CHANGE_TEAM_RESPONSIBILITIES), [
      ['create-readiness', 'creating readiness'],
      ['build-coalitions', 'coalition building'],
      ['map-and-analyze-resources', 'resource mapping and analysis'],
      ['clarify-priorities', 'clarifying priorities for developing and implementing strategic plans'],
      ['establish-work-groups', 'establishing work groups'],
      ['maintain-daily-oversight', 'maintaining daily oversight'],
      ['solve-problems', 'problem solving'],
      ['resolve-conflicts', 'resolving stakeholder conflicts'],
    ]),
    {
      key: 'counter-anticipated-barriers',
      text: 'designing strategies to counter anticipated barriers to change, such as negative reactions and dynamics, common factors interfering with working relationships, and system deficiencies',
      source: cam(
        'Change Team',
        'As problem solvers, they not only respond as problems arise but take a proactive stance by designing strategies to counter anticipated barriers to change, such as negative reactions and dynamics, common factors interfering with working relationships, and system deficiencies.',
      ),
    },
    {
      key: 'keep-true-to-vision',
      text: 'help ensure changes are implemented in ways that are true to the vision and compatible with the local culture',
      source: cam('Change Team', 'Like the steering group, they help ensure changes are implemented in ways that are true to the vision and compatible with the local culture.'),
    },
    {
      key: 'lead-maintenance-and-renewal',
      text: 'assume ongoing leadership for maintenance and renewal or ensure that institutionalized mechanisms take on the essential functions',
      source: cam(
        'Change Team',
        'After initial implementation, the team can assume ongoing leadership for maintenance and renewal or ensure that institutionalized mechanisms take on the essential functions.',
      ),
    },
  ],
  composition: {
    text:
      'Such a team (which includes various work groups) may consist of personnel representing the school administration, specific ' +
      'programs, union chapter chairs, and staff skilled in facilitating problem solving and mediating conflicts. They will likely be ' +
      'drawn from existing teams (e.g., school leadership team, school improvement planning team, a Learning Supports Leadership Team).',
    source: cam('Exhibit 2'),
  },
  process: {
    text:
      'With the Organization Facilitator initially guiding the work, members of the school’s change team learn to be catalysts and ' +
      'managers of systemic change as they develop and facilitate initial implementation of school improvements and reforms.',
    source: cam('Change Team'),
  },
  guidance: {
    requiresLead: doc(true, cam('Exhibit 3 — 1. Infrastructure tasks — item (b)', 'Identifies an administrative lead for the change team')),
    broadLeadership,
  },
  levels: [
    { unit: 'district', source: cam('Exhibit 2', 'a district steering group and a district change team are established') },
    {
      unit: 'school',
      source: cam('Exhibit 2', 'One of an Organization Facilitator\'s first tasks is to help form and train a school site change team.'),
    },
  ],
};

// No Appendix A entry. The functions are the five areas the facilitator's main work revolves
// around (each the heading of a part of Exhibit 3) and the sentences of the change-agent document
// that say what a facilitator does. Exhibit 3's detailed task activities are checks a facilitator
// runs; they belong to the coaching module's catalog and are not repeated here as functions.
const organizationFacilitator: MechanismKindEntry = {
  key: 'organization_facilitator',
  name: 'Organization Facilitator',
  purpose:
    'A specially trained change agent who embodies the necessary expertise to help school sites and complexes substantively ' +
    'adopt/adapt, implement, and institutionalize school improvements. An organization facilitator works with the change team and has ' +
    'responsibility for the daily tasks involved in creating readiness and the initial implementation of desired changes. A cadre of ' +
    'Organization Facilitators represent the type of mechanism districts need to replicate-to-scale desired school improvements and reforms.',
  purposeSources: [cam('Organization Facilitators'), cam(CAM_INFRASTRUCTURE)],
  functions: [
    {
      key: 'operational-infrastructure',
      text: 'effective operational infrastructure (re)development, maintenance, action, mechanism liaison and interface, and priority setting',
      source: cam('Organization Facilitators'),
      seeAlso: [cam('Exhibit 3 — 1. Infrastructure tasks')],
    },
    {
      key: 'stakeholder-development',
      text: 'stakeholder development, coaching and mentoring – with an emphasis on creating readiness and commitment both in terms of motivation and skills, team building, providing technical assistance, and organizing basic interdisciplinary and “cross-training”',
      source: cam('Organization Facilitators'),
      seeAlso: [cam('Exhibit 3 — 2. Stakeholder development')],
    },
    {
      key: 'communication-and-resource-mapping',
      text: 'communication and visibility, resource mapping, analyses, coordination, collaboration, and integration',
      source: cam('Organization Facilitators'),
      seeAlso: [cam('Exhibit 3 — 3. Communication and visibility; resource mapping and analyses; coordination, collaboration, and integration')],
    },
    {
      key: 'formative-evaluation',
      text: 'formative evaluation, progress monitoring, rapid problem solving, and accountability',
      source: cam('Organization Facilitators'),
      seeAlso: [cam('Exhibit 3 — 4. Formative Evaluation, Progress Monitoring, Rapid Problem Solving, and Accountability')],
    },
    {
      key: 'ongoing-support',
      text: 'ongoing support',
      source: cam('Organization Facilitators'),
      seeAlso: [cam('Exhibit 3 — 5. Ongoing Support')],
    },
    {
      key: 'daily-change-tasks',
      text: 'works with the change team and has responsibility for the daily tasks involved in creating readiness and the initial implementation of desired changes',
      source: cam(CAM_INFRASTRUCTURE),
    },
    {
      key: 'help-adopt-implement-institutionalize',
      text: 'help school sites and complexes substantively adopt/adapt, implement, and institutionalize school improvements',
      source: cam('Organization Facilitators'),
    },
    {
      key: 'build-working-relationships',
      text: 'create the trust, knowledge, skills, and the attitudes essential for the kind of working relationships required for effective systemic change',
      source: cam('Organization Facilitators'),
    },
    {
      key: 'coach-and-bring-in-specialists',
      text: 'provide coaching and mentoring and also can bring in speciality coaches or mentors whenever a specialist is needed to assist in replicating a specific type of improvement',
      source: cam('Organization Facilitators'),
    },
    {
      key: 'form-and-train-change-team',
      text: 'help form and train a school site change team',
      source: cam('Exhibit 2', 'One of an Organization Facilitator\'s first tasks is to help form and train a school site change team.'),
    },
  ],
  composition: {
    text:
      'An Organization Facilitator\'s core functions require a background and training for understanding … the innovation to be diffused and ' +
      'the specific systemic changes (content and processes) to be accomplished … how to work with stakeholders as they rethink and rework ' +
      'their policies, interventions, infrastructure, and institutional culture',
    source: cam('Organization Facilitators'),
  },
  process: {
    text:
      'A relatively small cadre of Organization Facilitators and other coaches and mentors can facilitate initial implementation and ' +
      'capacity building by rotating among the first subset of schools and then moving on to the next as the implementation takes hold. ' +
      'They provide ongoing support by cycling back as needed, and they return to facilitate institutionalization.',
    source: cam('Exhibit 2'),
  },
  guidance: {
    membersTrained: doc(true, cam('Exhibit 2', 'a cadre of full time Organization Facilitators are trained')),
  },
  levels: [
    { unit: 'district', source: cam('Exhibit 2', 'a cadre of full time Organization Facilitators are trained') },
    {
      unit: 'feeder_pattern',
      source: cam('Organization Facilitators', 'such an individual might be used as a change agent for one school or a group of schools'),
      note: 'A group of schools; optimally a subset is a high school feeder pattern (Exhibit 2).',
    },
    { unit: 'school', source: cam('Organization Facilitators', 'such an individual might be used as a change agent for one school or a group of schools') },
  ],
  sourceNote:
    'No Appendix A entry. The functions are the five areas the facilitator’s main work revolves around (each heads a part of Exhibit 3) ' +
    'and the change-agent document’s sentences on what a facilitator does. Exhibit 3’s detailed task activities are checks a facilitator ' +
    'runs and belong to the coaching module; they are not repeated here.',
};

// No Appendix A entry; the functions are the guide's and the change-agent document's prose about
// what coaches and mentors do. Appendix B's tasks are what they prepare leaders to do (focus areas
// of a coaching engagement, kept by the coaching module), not functions of the coaches themselves.
const coachesMentors: MechanismKindEntry = {
  key: 'coaches_mentors',
  name: 'Coaches and Mentors',
  purpose:
    'Both internal and external coaches and mentors play key roles in building capacity for systemic change. Coaching generally is a ' +
    'short term process focused on specific tasks; mentoring is expected to be a longer term process focused on deepening ' +
    'understanding, offering guidance, and anticipating and addressing problems. Over time, the aim is to prepare a cadre of internal ' +
    'leaders so they become the primary system change agents and capacity builders. A regularly accessible cadre of mentors and ' +
    'coaches is an indispensable resource in responding to daily calls for help.',
  purposeSources: [guide('Planning Coaching for SEAs/LEAs to Establish a Unified and Comprehensive System of Learning Supports'), guide(COACHES_SECTION), cam('Mentors and Coaches')],
  functions: [
    ...listedAfter(ABOUT_MECHANISMS, 'As each mechanism is established, the focus of coaches and mentors is on', [
      [
        'enlist-broad-leadership',
        'enlisting a broad enough range of key leaders (e.g., those leaders directly involved with student and learning supports and others such as leaders for instruction, school improvement, data/evaluation)',
      ],
      ['clarify-functions-and-interrelationships', "ensuring group/team members understand each mechanism's functions and interrelationship"],
      [
        'build-understanding-and-commitment',
        'providing the type of capacity building that ensures members understand the essence of what needs to be accomplished and are committed to the importance of the work',
      ],
      ['assist-action-plans', 'assisting in development of clear action plans'],
    ]),
    {
      key: 'deepen-leaders-understanding',
      text: 'working with leaders to solidify and deepen their understanding and commitment to desired new directions',
      source: guide(COACHES_SECTION),
    },
    {
      key: 'guide-design-document',
      text: 'ensuring the transformative vision is translated into a “design” document',
      source: guide(COACHES_SECTION),
    },
    {
      key: 'help-strategic-plan',
      text: 'in-depth help focused on developing a strategic system change plan to guide the process',
      source: guide(COACHES_SECTION),
    },
    {
      key: 'establish-mechanisms',
      text: 'assist in establishing and building the capacity of the set of mechanisms required to accomplish transformative change',
      source: guide(COACHES_SECTION),
    },
    {
      key: 'monitor-and-refine',
      text: 'appropriate monitoring of process and progress and related problem solving and refinements',
      source: guide(COACHES_SECTION),
    },
    {
      key: 'model-and-teach',
      text: 'model and teach specific elements of new approaches',
      source: cam(CAM_INFRASTRUCTURE, '(4) other mentors and coaches who model and teach specific elements of new approaches'),
    },
    {
      key: 'stakeholder-development-activities',
      text: 'a variety of stakeholder development activities, including demonstrations of new infrastructure mechanisms and program elements',
      source: cam('Mentors and Coaches'),
    },
    {
      key: 'respond-to-calls-for-help',
      text: 'responding to daily calls for help',
      source: cam('Mentors and Coaches', 'A regularly accessible cadre of mentors and coaches is an indispensable resource in responding to daily calls for help.'),
    },
  ],
  composition: {
    text:
      'An Organization Facilitator is among the first providing mentorship. Members of change teams can also play a role as coaches and ' +
      'mentors. Mentors indigenous to a particular site and others in the system who have relevant expertise also can be brought in. In ' +
      'some cases, the pool may need to be augmented periodically with specially contracted coaches. And, sometimes, external ' +
      'stakeholders can be identified and recruited as volunteers to offer support.',
    source: cam('Mentors and Coaches'),
  },
  process: { text: COACHING_CADENCE, source: guide(COACHES_SECTION) },
  guidance: {
    contactCadence: doc('weekly', COACHING_CADENCE_SOURCE, 'At least weekly; the guide notes e-coaching for this.'),
    onsiteVisitCadence: doc('monthly', COACHING_CADENCE_SOURCE, 'The guide gives monthly as its example of periodic onsite visits.'),
  },
  levels: (['state', 'region', 'district', 'school'] as const).map((unit) => ({
    unit,
    source: guide(
      COACHES_SECTION,
      'With specific respect to transforming education, the emphasis is on major systemic changes at SEA, regional, LEA, and schools levels.',
    ),
  })),
};

const externalChangeAgents: MechanismKindEntry = {
  key: 'external_change_agents',
  name: 'External Change Agents',
  aliases: ['external mentors and coaches'],
  purpose:
    'Change agents from outside the system (including mentors, coaches). Such change agents can add major value in deepening ' +
    'understanding and facilitating implementation of a unified and comprehensive system of learning supports and doing so in ways ' +
    'that enhance sustainability. Their focus is on facilitating the development and operation of all mechanisms; over time, the aim ' +
    'is to prepare a cadre of internal leaders so they become the primary system change agents and capacity builders.',
  purposeSources: [guide('Appendix A — External Change Agents'), guide('Planning Coaching for SEAs/LEAs to Establish a Unified and Comprehensive System of Learning Supports')],
  functions: listedAfter(
    'Appendix A — External Change Agents — Functions',
    'Focus is on facilitating the development and operation of all mechanisms, including',
    [
      [
        'capacity-building',
        'capacity building (including mentoring and coaching) with an emphasis on creating readiness and commitment both in terms of motivation and skills, team building, providing technical assistance, and organizing basic interdisciplinary and “cross-training”',
      ],
      ['priority-setting', 'priority setting'],
      ['task-support', 'support in carrying out specific tasks'],
      ['liaison-among-mechanisms', 'communication, liaison, interface among mechanisms'],
      ['formative-evaluation', 'formative evaluation, progress monitoring, rapid problem solving, and accountability'],
      ['ongoing-support', 'ongoing support'],
      ['recommend-plan-revisions', 'recommending revisions in planning as needed'],
      ['celebrate-progress', 'celebrating progress'],
    ],
  ),
  composition: {
    text:
      'Staffing of systemic change infrastructure mechanisms draws on internal personnel. However, specific functions may require use ' +
      'of persons with expertise who come from outside the system.',
    source: cam(CAM_INFRASTRUCTURE),
  },
  process: {
    text: 'The external collaborators/change agents can help provide capacity building input for all involved in implementation.',
    source: guide('Appendix A — Implementation Team — Process'),
  },
  guidance: {
    contactCadence: doc('weekly', COACHING_CADENCE_SOURCE, 'Said of external coaches and mentors: at least weekly, with e-coaching.'),
    onsiteVisitCadence: doc('monthly', COACHING_CADENCE_SOURCE, 'The guide gives monthly as its example of periodic onsite visits.'),
  },
  levels: [
    { unit: 'state', source: APPENDIX_A_NOTE },
    { unit: 'district', source: APPENDIX_A_NOTE },
  ],
};

const externalCollaborators: MechanismKindEntry = {
  key: 'external_collaborators',
  name: 'External Collaborators',
  purpose:
    'Organizations outside the system (the guide’s examples are UCLA and Scholastic) providing prototypes and expertise for both direct ' +
    'implementation and systemic change considerations, professional development and ongoing technical assistance. The other ' +
    'mechanisms work with external collaborators to obtain consultation, professional development, and technical assistance as ' +
    'necessary, and they can help provide capacity building input for the steering group and the other systemic change mechanisms as ' +
    'they are established.',
  purposeSources: [guide('Appendix A — External Collaborators — Functions'), guide('Appendix A — Steering Body — Process')],
  functions: listed(guide('Appendix A — External Collaborators — Functions'), [
    ['provide-prototypes-and-expertise', 'providing prototypes and expertise for both direct implementation and systemic change considerations'],
    ['provide-professional-development', 'providing professional development and ongoing technical assistance'],
    ['customize-tools', 'customizing and creating additional implementation and outreach tools as needed'],
    ['champion-nationally', 'championing and sharing the work nationally and providing regional and state level platforms'],
    [
      'include-in-dissemination',
      'including the work as part of new directions for student and learning supports dissemination and diffusion efforts',
    ],
    [
      'connect-leadership',
      'connecting leadership with other state and district leaders who are implementing the work in order to help problem solve and share best practice',
    ],
    ['support-documentation', 'supporting overview documentation and progress/outcomes/impact'],
    ['celebrate-progress', 'celebrating progress'],
  ]),
  composition: { text: 'External Collaborators (e.g. UCLA, Scholastic)', source: guide('Appendix A — External Collaborators') },
  process: {
    text: 'The external collaborators can help provide capacity building input for the group (and the other systemic change mechanisms as they are established).',
    source: guide('Appendix A — Steering Body — Process'),
  },
  guidance: {},
  levels: [
    { unit: 'state', source: APPENDIX_A_NOTE },
    { unit: 'district', source: APPENDIX_A_NOTE },
  ],
};

export const MECHANISM_CATALOG: MechanismCatalog = {
  id: 'mechanisms',
  version: '2026.11.0',
  publishedOn: '2026-11-23',
  kinds: [
    superintendentGoverningBody,
    transformationLeader,
    steeringBody,
    designTeam,
    planningTeam,
    implementationTeam,
    workGroup,
    learningSupportsLeadershipTeam,
    changeTeam,
    organizationFacilitator,
    coachesMentors,
    externalChangeAgents,
    externalCollaborators,
  ],
};

export const isMechanismKind = (value: unknown): value is MechanismKind =>
  typeof value === 'string' && (MECHANISM_KINDS as readonly string[]).includes(value);

/** The catalog entry for a kind. */
export function mechanismKindEntry(kind: MechanismKind, catalog: MechanismCatalog = MECHANISM_CATALOG): MechanismKindEntry {
  const entry = catalog.kinds.find((k) => k.key === kind);
  if (!entry) throw invalid(`The mechanism catalog ${catalog.version} has no kind "${kind}".`, [{ field: 'kind', message: 'is not in the catalog' }]);
  return entry;
}

// ---- Life cycle ----------------------------------------------------------------------------------
// "Mechanisms specifically established to facilitate systemic change are temporary ones put in
// place until the transformation is successfully made" (guide, About the Mechanisms); "once
// systemic changes have been accomplished effectively, the temporary mechanisms could be redeployed
// or phased out – with any ongoing essential roles and functions assimilated into regular
// structural mechanisms" (change-agent document, Systemic Change Agents: Individuals or
// Interconnected Mechanisms).

export const LIFECYCLE_SOURCES: readonly SourceRef[] = [
  guide(ABOUT_MECHANISMS, 'Mechanisms specifically established to facilitate systemic change are temporary ones put in place until the transformation is successfully made.'),
  cam(
    'Systemic Change Agents: Individuals or Interconnected Mechanisms',
    'once systemic changes have been accomplished effectively, the temporary mechanisms could be redeployed or phased out – with any ongoing essential roles and functions assimilated into regular structural mechanisms',
  ),
];

export const MECHANISM_STATUSES = ['forming', 'active', 'sunsetting', 'retired'] as const;
export type MechanismStatus = (typeof MECHANISM_STATUSES)[number];

export const MECHANISM_STATUS_LABELS: Record<MechanismStatus, string> = {
  forming: 'Forming',
  active: 'Active',
  sunsetting: 'Sunsetting',
  retired: 'Retired',
};

export const MECHANISM_STATUS_DESCRIPTIONS: Record<MechanismStatus, string> = {
  forming: 'Being established: members are identified and prepared to carry out its functions.',
  active: 'Carrying out its functions.',
  sunsetting: 'Being phased out: its ongoing functions are being assimilated into regular structures.',
  retired: 'Phased out. Its ongoing functions were assimilated into regular structures, or it was abandoned before it became active.',
};

/** Each status and the statuses it may move to, with what the move means in words. */
export const LIFECYCLE_TRANSITIONS: Readonly<Record<MechanismStatus, Readonly<Partial<Record<MechanismStatus, string>>>>> = {
  forming: { active: 'become active', retired: 'be retired if it is abandoned' },
  active: { sunsetting: 'start sunsetting' },
  sunsetting: { retired: 'be retired', active: 'be re-activated' },
  retired: {},
};

export const isMechanismStatus = (value: unknown): value is MechanismStatus =>
  typeof value === 'string' && (MECHANISM_STATUSES as readonly string[]).includes(value);

/** The statuses a mechanism in `from` may move to. */
export const allowedLifecycleTransitions = (from: MechanismStatus): MechanismStatus[] =>
  MECHANISM_STATUSES.filter((to) => LIFECYCLE_TRANSITIONS[from][to] !== undefined);

/** What moving to a status means, for messages. */
const MOVE_WORDS: Record<MechanismStatus, string> = {
  forming: 'go back to forming',
  active: 'become active',
  sunsetting: 'start sunsetting',
  retired: 'be retired',
};

const joinOr = (items: string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`);

/**
 * Throws `conflict` unless a mechanism may move from `from` to `to`. Allowed: forming → active,
 * forming → retired (abandoned), active → sunsetting, sunsetting → retired, sunsetting → active
 * (re-activated). Nothing leaves retired.
 */
export function checkLifecycleTransition(from: MechanismStatus, to: MechanismStatus): void {
  for (const [field, value] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (!isMechanismStatus(value)) {
      throw invalid(`"${String(value)}" is not a mechanism status; use one of ${MECHANISM_STATUSES.join(', ')}.`, [
        { field: field === 'to' ? 'status' : 'currentStatus', message: `must be one of ${MECHANISM_STATUSES.join(', ')}` },
      ]);
    }
  }
  if (LIFECYCLE_TRANSITIONS[from][to] !== undefined) return;

  const fromLabel = MECHANISM_STATUS_LABELS[from].toLowerCase();
  const toLabel = MECHANISM_STATUS_LABELS[to].toLowerCase();
  let message: string;
  if (from === to) {
    message = `This mechanism is already ${fromLabel}.`;
  } else if (from === 'retired') {
    message =
      'This mechanism is retired, and a retired mechanism cannot change status: its functions have been assimilated into regular ' +
      'structures or it was abandoned. Establish a new mechanism instead.';
  } else if (from === 'active' && to === 'retired') {
    message =
      'An active mechanism cannot be retired directly. Start sunsetting it first, so that its ongoing functions can be ' +
      'assimilated into regular structures.';
  } else {
    const options = Object.values(LIFECYCLE_TRANSITIONS[from]);
    message = `A mechanism that is ${fromLabel} cannot ${MOVE_WORDS[to]}. From ${fromLabel} it can ${joinOr(options)}.`;
  }
  throw conflict(message, [{ field: 'status', message: `cannot change from ${fromLabel} to ${toLabel}` }]);
}

// ---- Membership ----------------------------------------------------------------------------------

export const MEMBERSHIP_ROLES = ['lead', 'member', 'champion', 'facilitator', 'external'] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];

export const MEMBERSHIP_ROLE_LABELS: Record<MembershipRole, string> = {
  lead: 'Lead',
  member: 'Member',
  champion: 'Champion',
  facilitator: 'Facilitator',
  external: 'External',
};

export const MEMBERSHIP_ROLE_DESCRIPTIONS: Record<MembershipRole, string> = {
  lead: 'Leads the mechanism and is accountable for its work.',
  member: 'Carries out the mechanism’s functions with the others.',
  champion: 'A well-connected “champion” who has agreed to steer the process.',
  facilitator: 'Facilitates the mechanism’s work, e.g. an organization facilitator or a team facilitator.',
  external: 'Comes from outside the system: an external change agent, coach, mentor or collaborator.',
};

export const isMembershipRole = (value: unknown): value is MembershipRole =>
  typeof value === 'string' && (MEMBERSHIP_ROLES as readonly string[]).includes(value);
