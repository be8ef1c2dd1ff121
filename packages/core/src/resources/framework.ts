// The intervention framework a resource map is drawn on: content arenas × levels of the continuum of
// interventions. It is product content shipped as versioned data; a unit adapts it through its
// design document (rename, add or drop an arena or a level), and every map records the framework
// id and version it used.
//
// Rules this file keeps (packages/core/test/resources-framework.test.ts checks them):
// - The two source documents call for mapping "using the intervention framework in the design
//   document" and for work groups "for each major arena of component activity", but neither names
//   the arenas or the levels. The six arenas and three levels are the framework of the documents'
//   authors, as issue 5 asks; their names are not quoted from shared/seeds/, and every entry says so
//   in `sourceNote`. The descriptions are Trellis's own short summaries.
// - Every `source` quotes, word for word, where the documents call for the framework or the arena;
//   `seeAlso` quotes passages that touch an entry's subject. No quote is invented.
// - Keys are stable: resources are placed by cell key (`arena:level`), so a key is never renamed or
//   reused. Change a name, add a key, or publish a new version, but keep old keys meaning what they meant.
import { invalid, type FieldIssue } from '../errors.js';
import type { SourceRef } from '../catalogs/sources.js';

// ---- Shapes --------------------------------------------------------------------------------------

export const INTERVENTION_AXES = ['arena', 'level'] as const;
/** `arena`: a content arena (what the support is about); `level`: a level of the continuum (how intensive). */
export type InterventionAxis = (typeof INTERVENTION_AXES)[number];

/** Where an entry of an adapted framework comes from. */
export type InterventionEntryOrigin = 'framework' | 'renamed' | 'added';

export interface InterventionFrameworkEntry {
  /** Stable slug: cell keys are made of it. */
  key: string;
  name: string;
  /** For matrix headers and narrow screens. */
  shortName: string;
  description: string;
  /** Where the documents call for it. */
  source: SourceRef;
  /** Other passages of the documents on the same subject. */
  seeAlso?: SourceRef[];
  /** What the documents do and do not say about it. */
  sourceNote?: string;
  /** Set on the entries of an adapted framework. */
  origin?: InterventionEntryOrigin;
}

/** What a map records: which framework, which version. */
export interface InterventionFrameworkRef {
  id: string;
  version: string;
}

export interface InterventionDroppedEntry {
  axis: InterventionAxis;
  key: string;
  name: string;
  reason: string;
}

export interface InterventionFramework {
  id: string;
  /** Calendar versioning (year.month.patch) for the shipped framework; the design document's own for an adaptation. */
  version: string;
  publishedOn: string;
  name: string;
  arenas: readonly InterventionFrameworkEntry[];
  levels: readonly InterventionFrameworkEntry[];
  source: SourceRef;
  sourceNote?: string;
  /** For an adapted framework: the framework it adapts. */
  basedOn?: InterventionFrameworkRef;
  /** For an adapted framework: entries of the base it leaves out, with the unit's reason. */
  dropped?: readonly InterventionDroppedEntry[];
}

/** One cell of the matrix. */
export interface InterventionCell {
  /** `arena:level`, e.g. `crisis-assistance:early-intervention`. */
  key: string;
  arena: string;
  level: string;
  /** "Crisis assistance and prevention — Early intervention". */
  name: string;
}

// ---- Citations -----------------------------------------------------------------------------------

const guide = (section: string, quote: string): SourceRef => ({ source: 'planning-coaching-guide', section, quote });
const cam = (section: string, quote: string): SourceRef => ({ source: 'change-agent-mechanisms', section, quote });

/** Appendix B: the work groups map "using the intervention framework in the design document". */
export const INTERVENTION_FRAMEWORK_SOURCE = guide(
  'Appendix B',
  'map prevailing status of student and learning supports within the district (e.g., current activity, gaps, redundancies, priority needs, etc.) using the intervention framework in the design document',
);
const FRAMEWORK_IN_DESIGN_DOCUMENT = guide(
  'Appendix C — (1) Building the capacity of the department planning team. — item (c)',
  'If mapping has not been done, plan for establishing and training a work group to map department resources relevant to student and learning supports using the intervention framework detailed in the design document',
);
/** Exhibit 4, step 8: a work group "for each major arena of component activity". */
const ARENA_SOURCE = cam(
  'Exhibit 4 — Second Phase — step 8',
  'Help organize work groups for each major arena of component activity and facilitate their initial mapping and analysis of resources and formulation of recommendations',
);
/** Exhibit 4, step 7: "enhancing intervention systems" among the resource-oriented functions. */
const LEVEL_SOURCE = cam(
  'Exhibit 4 — Second Phase — step 7',
  'perform resource-oriented functions (e.g., mapping, analysis, coordinating, planning, setting priorities for program development, enhancing intervention systems)',
);

const ARENA_NOTE =
  'The source documents call for a work group for each major arena of component activity but do not name the arenas; this arena is one ' +
  'of the six content arenas of the framework of the documents’ authors (UCLA Center for Mental Health in Schools). Its name is not ' +
  'quoted from the documents and its description is Trellis’s summary.';
const LEVEL_NOTE =
  'The source documents call for an intervention framework but do not describe a continuum of interventions; this level is one of the ' +
  'three levels of the continuum in the framework of the documents’ authors. Its name is not quoted from the documents and its ' +
  'description is Trellis’s summary.';

// ---- The framework -------------------------------------------------------------------------------

const arena = (key: string, name: string, shortName: string, description: string, seeAlso?: SourceRef[]): InterventionFrameworkEntry =>
  seeAlso === undefined
    ? { key, name, shortName, description, source: ARENA_SOURCE, sourceNote: ARENA_NOTE }
    : { key, name, shortName, description, source: ARENA_SOURCE, seeAlso, sourceNote: ARENA_NOTE };
const level = (key: string, name: string, shortName: string, description: string): InterventionFrameworkEntry => ({
  key,
  name,
  shortName,
  description,
  source: LEVEL_SOURCE,
  seeAlso: [FRAMEWORK_IN_DESIGN_DOCUMENT],
  sourceNote: LEVEL_NOTE,
});

export const INTERVENTION_FRAMEWORK: InterventionFramework = {
  id: 'learning-supports-framework',
  version: '2026.11.0',
  publishedOn: '2026-11-23',
  name: 'Intervention framework for a unified and comprehensive system of learning supports',
  source: INTERVENTION_FRAMEWORK_SOURCE,
  sourceNote:
    'The documents require mapping on the intervention framework of the design document without stating the framework. The default is ' +
    'the framework of the documents’ authors: six content arenas across three levels of a continuum of interventions.',
  arenas: [
    arena(
      'classroom-supports',
      'Classroom-based learning supports',
      'Classroom',
      'Help in the classroom so teachers can prevent and handle learning and behavior problems: personalized instruction, extra support, and re-engaging students who have disconnected.',
    ),
    arena(
      'transitions',
      'Supports for transitions',
      'Transitions',
      'Help for students and families through transitions: arriving at a new school, moving between grades and schools, daily transitions before and after school, and moving on to further education or work.',
    ),
    arena(
      'home-involvement',
      'Home involvement and engagement',
      'Home',
      'Engaging families in schooling and supporting the home: family education, participation, volunteering and two-way communication.',
      [
        cam(
          'Change Agent Mechanisms for School Improvement: Infrastructure not Individuals',
          'Nationwide, the emphasis on school improvement and enhancing school-family-community connections has led to many initiatives for major systemic changes.',
        ),
      ],
    ),
    arena(
      'community-outreach',
      'Community outreach and engagement',
      'Community',
      'Outreach to community agencies, organizations, businesses and volunteers to bring their resources into the work and to connect students and families with them.',
      [
        guide('Appendix B', 'Enhance outreach to establish formal collaborative linkages with community resources'),
        cam(
          'Exhibit 4 — Second Phase — step 11',
          'Attempt to fill program/service gaps and pursue economies of scale through outreach designed to establish formal collaborative linkages with other schools in the feeder pattern and with district-wide and community resources',
        ),
      ],
    ),
    arena(
      'crisis-assistance',
      'Crisis assistance and prevention',
      'Crisis',
      'Responding to crises and preventing them: emergency and crisis response, follow-up care, and school-wide prevention of harm such as violence and bullying.',
    ),
    arena(
      'student-family-assistance',
      'Student and family special assistance',
      'Special assistance',
      'Specialized help for students and families whose needs are not met by general supports: assessment, referral, case management and direct services.',
    ),
  ],
  levels: [
    level(
      'prevention',
      'Promoting healthy development and preventing problems',
      'Prevention',
      'Supports for all students that promote healthy development and keep problems from arising.',
    ),
    level('early-intervention', 'Early intervention', 'Early intervention', 'Help as soon as problems appear, for students showing early signs of difficulty.'),
    level(
      'treatment',
      'Treatment of severe and chronic problems',
      'Treatment',
      'Intensive help for the fewer students and families with severe, pervasive or chronic problems.',
    ),
  ],
};

// ---- Cells and lookups ---------------------------------------------------------------------------

export const INTERVENTION_KEY_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const INTERVENTION_CELL_SEPARATOR = ':';
export const INTERVENTION_CELL_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*:[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const interventionCellKey = (arenaKey: string, levelKey: string): string => `${arenaKey}${INTERVENTION_CELL_SEPARATOR}${levelKey}`;

/** The arena and level of a cell key, or null when it is not shaped `arena:level`. */
export function parseInterventionCellKey(key: string): { arena: string; level: string } | null {
  if (!INTERVENTION_CELL_PATTERN.test(key)) return null;
  const at = key.indexOf(INTERVENTION_CELL_SEPARATOR);
  return { arena: key.slice(0, at), level: key.slice(at + 1) };
}

export const interventionFrameworkRef = (framework: InterventionFramework): InterventionFrameworkRef => ({ id: framework.id, version: framework.version });

export const sameInterventionFramework = (a: InterventionFrameworkRef, b: InterventionFrameworkRef): boolean => a.id === b.id && a.version === b.version;

export const findInterventionArena = (framework: InterventionFramework, key: string): InterventionFrameworkEntry | undefined =>
  framework.arenas.find((a) => a.key === key);
export const findInterventionLevel = (framework: InterventionFramework, key: string): InterventionFrameworkEntry | undefined =>
  framework.levels.find((l) => l.key === key);

// Cells of a framework are asked for once per analysis and per import row: keep them per framework object.
const cellCache = new WeakMap<InterventionFramework, { cells: InterventionCell[]; index: Map<string, number> }>();

function cellsOf(framework: InterventionFramework) {
  let cached = cellCache.get(framework);
  if (!cached) {
    const cells: InterventionCell[] = [];
    for (const a of framework.arenas) {
      for (const l of framework.levels) cells.push({ key: interventionCellKey(a.key, l.key), arena: a.key, level: l.key, name: `${a.name} — ${l.name}` });
    }
    cached = { cells, index: new Map(cells.map((c, i) => [c.key, i])) };
    cellCache.set(framework, cached);
  }
  return cached;
}

/** Every cell, arena by arena, each arena's levels in continuum order. */
export const interventionCells = (framework: InterventionFramework): readonly InterventionCell[] => cellsOf(framework).cells;

/** Position of each cell key in `interventionCells`, for array-backed tallies. */
export const interventionCellIndex = (framework: InterventionFramework): ReadonlyMap<string, number> => cellsOf(framework).index;

export const isInterventionCell = (framework: InterventionFramework, key: string): boolean => cellsOf(framework).index.has(key);

/** "Crisis assistance and prevention — Early intervention"; the key itself when the framework has no such cell. */
export function interventionCellName(framework: InterventionFramework, key: string): string {
  const i = cellsOf(framework).index.get(key);
  return i === undefined ? key : (cellsOf(framework).cells[i]?.name ?? key);
}

const loose = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

function resolveEntry(entries: readonly InterventionFrameworkEntry[], text: string): InterventionFrameworkEntry | undefined {
  const t = loose(text);
  return entries.find((e) => loose(e.key) === t || loose(e.name) === t || loose(e.shortName) === t);
}

/**
 * The cell key a person typed: a key (`crisis-assistance:early-intervention`), or an arena and a
 * level by key, name or short name joined by ":" or "/" ("Crisis / Early intervention"), in any
 * case and spacing. Undefined when it names no cell of the framework.
 */
export function resolveInterventionCell(framework: InterventionFramework, text: string): string | undefined {
  const trimmed = text.trim().toLowerCase();
  if (isInterventionCell(framework, trimmed)) return trimmed;
  const parts = text.split(/[:/]/);
  if (parts.length !== 2) return undefined;
  const a = resolveEntry(framework.arenas, parts[0] ?? '');
  const l = resolveEntry(framework.levels, parts[1] ?? '');
  return a && l ? interventionCellKey(a.key, l.key) : undefined;
}

/** Problems with a list of cell keys against a framework, each naming `field[i]`. */
export function checkInterventionCells(framework: InterventionFramework, cells: readonly string[], field = 'cells'): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  cells.forEach((key, i) => {
    const parsed = parseInterventionCellKey(key);
    if (!parsed) issues.push({ field: `${field}.${i}`, message: `"${key}" is not a cell key: write arena:level, e.g. ${interventionCells(framework)[0]?.key ?? 'arena:level'}` });
    else if (!findInterventionArena(framework, parsed.arena)) {
      issues.push({ field: `${field}.${i}`, message: `"${parsed.arena}" is not an arena of ${framework.name} ${framework.version}: use one of ${framework.arenas.map((a) => a.key).join(', ')}` });
    } else if (!findInterventionLevel(framework, parsed.level)) {
      issues.push({ field: `${field}.${i}`, message: `"${parsed.level}" is not a level of ${framework.name} ${framework.version}: use one of ${framework.levels.map((l) => l.key).join(', ')}` });
    } else if (seen.has(key)) issues.push({ field: `${field}.${i}`, message: `"${key}" is listed twice` });
    seen.add(key);
  });
  return issues;
}

// ---- Adapting the framework ----------------------------------------------------------------------

export type InterventionFrameworkChange =
  | { op: 'rename'; axis: InterventionAxis; key: string; name: string; shortName?: string; description?: string }
  | { op: 'add'; axis: InterventionAxis; key: string; name: string; shortName?: string; description: string }
  | { op: 'drop'; axis: InterventionAxis; key: string; reason: string };

/** A unit's adaptation of a framework, as its design document records it. */
export interface InterventionFrameworkAdaptation {
  /** The adapted framework's own id, e.g. `design-document:<id>`. */
  id: string;
  version: string;
  publishedOn: string;
  name?: string;
  basedOn: InterventionFrameworkRef;
  changes: readonly InterventionFrameworkChange[];
}

/**
 * The framework a unit works with: the base with the adaptation's renames, additions (at the end of
 * their axis) and drops applied. Refuses an adaptation of another framework or version, a change to
 * a key the base does not have, an added key the base already has (keys are never reused, even
 * dropped ones), two changes to one key, and an adaptation that leaves an axis empty.
 */
export function adaptInterventionFramework(base: InterventionFramework, adaptation: InterventionFrameworkAdaptation): InterventionFramework {
  const issues: FieldIssue[] = [];
  if (!sameInterventionFramework(base, adaptation.basedOn)) {
    issues.push({
      field: 'basedOn',
      message: `adapts ${adaptation.basedOn.id} ${adaptation.basedOn.version}, not ${base.id} ${base.version}`,
    });
  }
  const entries: Record<InterventionAxis, InterventionFrameworkEntry[]> = {
    arena: base.arenas.map((e) => ({ ...e, origin: 'framework' as const })),
    level: base.levels.map((e) => ({ ...e, origin: 'framework' as const })),
  };
  const baseKeys: Record<InterventionAxis, Set<string>> = { arena: new Set(base.arenas.map((e) => e.key)), level: new Set(base.levels.map((e) => e.key)) };
  const touched = new Set<string>();
  const dropped: InterventionDroppedEntry[] = [...(base.dropped ?? [])];
  adaptation.changes.forEach((change, i) => {
    const field = `changes.${i}`;
    const list = entries[change.axis];
    const touchKey = `${change.axis}:${change.key}`;
    if (touched.has(touchKey)) {
      issues.push({ field: `${field}.key`, message: `changes the ${change.axis} "${change.key}" a second time: make one change per key` });
      return;
    }
    touched.add(touchKey);
    if (change.op === 'add') {
      if (!INTERVENTION_KEY_PATTERN.test(change.key)) {
        issues.push({ field: `${field}.key`, message: 'must be lowercase letters, digits and single hyphens, e.g. after-school' });
      } else if (baseKeys[change.axis].has(change.key) || (base.dropped ?? []).some((d) => d.axis === change.axis && d.key === change.key)) {
        issues.push({ field: `${field}.key`, message: `"${change.key}" is already a key of ${base.id}: choose a new key (keys are never reused)` });
      } else {
        list.push({
          key: change.key,
          name: change.name,
          shortName: change.shortName ?? change.name,
          description: change.description,
          source: base.source,
          sourceNote: `Added by ${adaptation.id}; not part of ${base.id} ${base.version}.`,
          origin: 'added',
        });
      }
      return;
    }
    const at = list.findIndex((e) => e.key === change.key && e.origin !== 'added');
    const existing = list[at];
    if (at < 0 || !existing) {
      issues.push({ field: `${field}.key`, message: `${base.id} ${base.version} has no ${change.axis} "${change.key}"` });
      return;
    }
    if (change.op === 'rename') {
      list[at] = {
        ...existing,
        name: change.name,
        shortName: change.shortName ?? change.name,
        description: change.description ?? existing.description,
        origin: 'renamed',
      };
    } else {
      list.splice(at, 1);
      dropped.push({ axis: change.axis, key: change.key, name: existing.name, reason: change.reason });
    }
  });
  for (const axis of INTERVENTION_AXES) {
    if (entries[axis].length === 0) issues.push({ field: 'changes', message: `leaves the framework without any ${axis}: keep at least one` });
  }
  if (issues.length > 0) throw invalid(`This adaptation of the intervention framework cannot be applied.`, issues);
  const adapted: InterventionFramework = {
    id: adaptation.id,
    version: adaptation.version,
    publishedOn: adaptation.publishedOn,
    name: adaptation.name ?? base.name,
    arenas: entries.arena,
    levels: entries.level,
    source: base.source,
    basedOn: interventionFrameworkRef(base),
    dropped,
  };
  if (base.sourceNote !== undefined) adapted.sourceNote = base.sourceNote;
  return adapted;
}
