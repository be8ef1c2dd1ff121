import { describe, expect, it } from 'vitest';
import { isSourceId, SOURCE_IDS, type SourceRef } from '../src/catalogs/sources.js';
import { DomainError } from '../src/errors.js';
import {
  adaptInterventionFramework,
  checkInterventionCells,
  INTERVENTION_FRAMEWORK,
  INTERVENTION_FRAMEWORK_SOURCE,
  interventionCellIndex,
  interventionCellKey,
  interventionCellName,
  interventionCells,
  interventionFrameworkRef,
  isInterventionCell,
  parseInterventionCellKey,
  resolveInterventionCell,
  type InterventionFrameworkAdaptation,
  type InterventionFrameworkEntry,
} from '../src/resources/framework.js';
import { RESOURCE_FINDING_CODES, RESOURCE_FINDING_SOURCES } from '../src/resources/analysis.js';
import { normalize, documents, sectionStart, occursInSection } from './support/seeds.js';

// ---- The source documents (the same reading as mechanisms-catalog.test.ts) ------------------------


const framework = INTERVENTION_FRAMEWORK;
const entries = (): { where: string; entry: InterventionFrameworkEntry }[] => [
  ...framework.arenas.map((entry) => ({ where: `arena ${entry.key}`, entry })),
  ...framework.levels.map((entry) => ({ where: `level ${entry.key}`, entry })),
];
const everyRef = (): { where: string; ref: SourceRef }[] => [
  { where: 'framework', ref: framework.source },
  ...entries().flatMap(({ where, entry }) => [entry.source, ...(entry.seeAlso ?? [])].map((ref) => ({ where, ref }))),
  ...RESOURCE_FINDING_CODES.map((code) => ({ where: `finding ${code}`, ref: RESOURCE_FINDING_SOURCES[code] })),
];
const inEitherDocument = (text: string) => SOURCE_IDS.some((id) => documents[id].toLowerCase().includes(normalize(text).toLowerCase()));

describe('the intervention framework', () => {
  it('is versioned data with an id, a version and a publication day', () => {
    expect(framework.id).toBe('learning-supports-framework');
    expect(framework.version).toMatch(/^\d{4}\.\d{1,2}\.\d+$/);
    expect(framework.publishedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(interventionFrameworkRef(framework)).toEqual({ id: framework.id, version: framework.version });
  });

  it('has the six content arenas of the documents’ authors, in order', () => {
    expect(framework.arenas.map((a) => a.name)).toEqual([
      'Classroom-based learning supports',
      'Supports for transitions',
      'Home involvement and engagement',
      'Community outreach and engagement',
      'Crisis assistance and prevention',
      'Student and family special assistance',
    ]);
  });

  it('has the three levels of the continuum of interventions, in order', () => {
    expect(framework.levels.map((l) => l.name)).toEqual([
      'Promoting healthy development and preventing problems',
      'Early intervention',
      'Treatment of severe and chronic problems',
    ]);
  });

  // Resources are placed by cell key. Renaming or removing a key strands them: change this list only
  // together with a new framework version and a migration of maps.
  it('keeps its keys stable', () => {
    expect({ arenas: framework.arenas.map((a) => a.key), levels: framework.levels.map((l) => l.key) }).toMatchInlineSnapshot(`
      {
        "arenas": [
          "classroom-supports",
          "transitions",
          "home-involvement",
          "community-outreach",
          "crisis-assistance",
          "student-family-assistance",
        ],
        "levels": [
          "prevention",
          "early-intervention",
          "treatment",
        ],
      }
    `);
  });

  it('gives every arena and level a slug key, a name, a short name and a description', () => {
    for (const { where, entry } of entries()) {
      expect(entry.key, where).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(entry.name.trim(), where).not.toBe('');
      expect(entry.shortName.length, where).toBeLessThanOrEqual(entry.name.length);
      expect(entry.description.length, where).toBeGreaterThan(40);
    }
    expect(new Set(framework.arenas.map((a) => a.key)).size).toBe(6);
    expect(new Set(framework.levels.map((l) => l.key)).size).toBe(3);
  });
});

describe('framework citations', () => {
  it('cite one of the two sources under a heading it has', () => {
    for (const { where, ref } of everyRef()) {
      expect(isSourceId(ref.source), where).toBe(true);
      expect(sectionStart(ref), `${where}: "${ref.section}" is not a heading path of ${ref.source}`).toBeGreaterThanOrEqual(0);
    }
  });

  // The test that keeps the framework honest: every quote is the documents' own words, found under
  // the heading it cites.
  it('quote the documents word for word, in the section they cite', () => {
    const misquoted: string[] = [];
    for (const { where, ref } of everyRef()) {
      expect(ref.quote, `${where} cites without quoting`).toBeDefined();
      if (ref.quote !== undefined && !occursInSection(ref, ref.quote)) misquoted.push(`${where}: "${ref.quote}" not in ${ref.source} § ${ref.section}`);
    }
    expect(misquoted).toEqual([]);
  });

  it('cite where the documents call for mapping on the intervention framework', () => {
    expect(INTERVENTION_FRAMEWORK_SOURCE.quote).toMatch(/using the intervention framework in the design document/);
    for (const a of framework.arenas) expect(a.source.quote, a.key).toMatch(/each major arena of component activity/);
  });

  // The documents do not name the arenas or the levels. Each entry says so instead of quoting words
  // the documents do not have; should a seed ever gain the wording, this test asks for a quote.
  it('say where the documents do not have an entry’s wording, and invent no quote of it', () => {
    for (const { where, entry } of entries()) {
      const named = inEitherDocument(entry.name);
      expect(named, `${where}: "${entry.name}" is in a seed now — quote it`).toBe(false);
      expect(entry.sourceNote ?? '', where).toMatch(/not quoted from the documents/);
      for (const ref of [entry.source, ...(entry.seeAlso ?? [])]) expect(normalize(ref.quote ?? '').toLowerCase(), where).not.toContain(entry.name.toLowerCase());
    }
    expect(framework.sourceNote).toMatch(/without stating the framework/);
  });
});

describe('framework cells', () => {
  it('are the 18 arena × level pairs, arena by arena', () => {
    const cells = interventionCells(framework);
    expect(cells).toHaveLength(18);
    expect(cells[0]).toEqual({
      key: 'classroom-supports:prevention',
      arena: 'classroom-supports',
      level: 'prevention',
      name: 'Classroom-based learning supports — Promoting healthy development and preventing problems',
    });
    expect(cells[4]?.key).toBe('transitions:early-intervention');
    expect(cells[17]?.key).toBe('student-family-assistance:treatment');
    expect(interventionCellIndex(framework).get('crisis-assistance:treatment')).toBe(14);
  });

  it('have keys arena:level that parse back', () => {
    const key = interventionCellKey('crisis-assistance', 'early-intervention');
    expect(key).toBe('crisis-assistance:early-intervention');
    expect(parseInterventionCellKey(key)).toEqual({ arena: 'crisis-assistance', level: 'early-intervention' });
    for (const bad of ['crisis-assistance', 'Crisis:treatment', 'a:b:c', ':treatment', 'crisis assistance:treatment']) expect(parseInterventionCellKey(bad), bad).toBeNull();
    expect(isInterventionCell(framework, key)).toBe(true);
    expect(isInterventionCell(framework, 'crisis-assistance:aftercare')).toBe(false);
    expect(interventionCellName(framework, key)).toBe('Crisis assistance and prevention — Early intervention');
    expect(interventionCellName(framework, 'nowhere:never')).toBe('nowhere:never');
  });

  it('resolve what a person types: a key, or arena and level by name or short name', () => {
    expect(resolveInterventionCell(framework, ' Crisis-Assistance:Treatment ')).toBe('crisis-assistance:treatment');
    expect(resolveInterventionCell(framework, 'Crisis / Early intervention')).toBe('crisis-assistance:early-intervention');
    expect(resolveInterventionCell(framework, 'Home involvement & engagement: Promoting healthy development and preventing problems')).toBe('home-involvement:prevention');
    expect(resolveInterventionCell(framework, 'special assistance/treatment')).toBe('student-family-assistance:treatment');
    expect(resolveInterventionCell(framework, 'Crisis')).toBeUndefined();
    expect(resolveInterventionCell(framework, 'Sports / Prevention')).toBeUndefined();
  });

  it('are checked against the framework with messages that name the fix', () => {
    expect(checkInterventionCells(framework, ['transitions:prevention', 'crisis-assistance:treatment'])).toEqual([]);
    expect(checkInterventionCells(framework, ['transitions', 'sports:prevention', 'transitions:aftercare', 'transitions:prevention', 'transitions:prevention'])).toEqual([
      { field: 'cells.0', message: '"transitions" is not a cell key: write arena:level, e.g. classroom-supports:prevention' },
      { field: 'cells.1', message: expect.stringMatching(/^"sports" is not an arena of .* use one of classroom-supports, transitions/) },
      { field: 'cells.2', message: expect.stringMatching(/^"aftercare" is not a level of .* use one of prevention, early-intervention, treatment$/) },
      { field: 'cells.4', message: '"transitions:prevention" is listed twice' },
    ]);
  });
});

describe('adapting the framework', () => {
  const adaptation = (changes: InterventionFrameworkAdaptation['changes'], basedOn = interventionFrameworkRef(framework)): InterventionFrameworkAdaptation => ({
    id: 'design-document:lincoln-district',
    version: '3',
    publishedOn: '2026-11-01',
    basedOn,
    changes,
  });

  it('renames, adds and drops arenas and levels, and records what it is based on', () => {
    const adapted = adaptInterventionFramework(
      framework,
      adaptation([
        { op: 'rename', axis: 'arena', key: 'home-involvement', name: 'Family engagement' },
        { op: 'add', axis: 'arena', key: 'after-school', name: 'Before- and after-school supports', description: 'Programs outside the school day.' },
        { op: 'drop', axis: 'level', key: 'treatment', reason: 'The county provides treatment; the district maps referrals under early intervention.' },
      ]),
    );
    expect(interventionFrameworkRef(adapted)).toEqual({ id: 'design-document:lincoln-district', version: '3' });
    expect(adapted.basedOn).toEqual(interventionFrameworkRef(framework));
    expect(adapted.arenas.map((a) => [a.key, a.origin])).toEqual([
      ['classroom-supports', 'framework'],
      ['transitions', 'framework'],
      ['home-involvement', 'renamed'],
      ['community-outreach', 'framework'],
      ['crisis-assistance', 'framework'],
      ['student-family-assistance', 'framework'],
      ['after-school', 'added'],
    ]);
    expect(adapted.arenas[2]?.name).toBe('Family engagement');
    expect(adapted.arenas[2]?.description).toBe(framework.arenas[2]?.description);
    expect(adapted.levels.map((l) => l.key)).toEqual(['prevention', 'early-intervention']);
    expect(adapted.dropped).toEqual([{ axis: 'level', key: 'treatment', name: 'Treatment of severe and chronic problems', reason: expect.stringMatching(/county/) }]);
    expect(interventionCells(adapted)).toHaveLength(14);
    expect(isInterventionCell(adapted, 'after-school:prevention')).toBe(true);
    expect(isInterventionCell(adapted, 'crisis-assistance:treatment')).toBe(false);
    // The shipped framework is untouched.
    expect(framework.arenas[2]?.name).toBe('Home involvement and engagement');
    expect(interventionCells(framework)).toHaveLength(18);
  });

  it('refuses an adaptation of another framework version, unknown or reused keys, two changes to a key, and an empty axis', () => {
    const refusal = (a: InterventionFrameworkAdaptation) => {
      try {
        adaptInterventionFramework(framework, a);
      } catch (e) {
        expect(e).toBeInstanceOf(DomainError);
        return (e as DomainError).issues;
      }
      throw new Error('expected a refusal');
    };
    expect(refusal(adaptation([], { id: framework.id, version: '2020.1.0' }))).toEqual([
      { field: 'basedOn', message: `adapts ${framework.id} 2020.1.0, not ${framework.id} ${framework.version}` },
    ]);
    expect(refusal(adaptation([{ op: 'rename', axis: 'arena', key: 'sports', name: 'Sports' }]))[0]?.message).toMatch(/has no arena "sports"/);
    expect(refusal(adaptation([{ op: 'add', axis: 'level', key: 'prevention', name: 'Prevention', description: 'Again.' }]))[0]?.message).toMatch(/keys are never reused/);
    expect(refusal(adaptation([{ op: 'add', axis: 'level', key: 'Bad Key', name: 'x', description: 'y' }]))[0]?.field).toBe('changes.0.key');
    expect(
      refusal(
        adaptation([
          { op: 'rename', axis: 'arena', key: 'transitions', name: 'Transitions' },
          { op: 'drop', axis: 'arena', key: 'transitions', reason: 'No.' },
        ]),
      )[0]?.message,
    ).toMatch(/a second time/);
    expect(
      refusal(
        adaptation(framework.levels.map((l) => ({ op: 'drop' as const, axis: 'level' as const, key: l.key, reason: 'Testing.' }))),
      ),
    ).toEqual([{ field: 'changes', message: 'leaves the framework without any level: keep at least one' }]);
  });

  it('never reuses a key its base dropped', () => {
    const once = adaptInterventionFramework(framework, adaptation([{ op: 'drop', axis: 'arena', key: 'crisis-assistance', reason: 'Handled by the district.' }]));
    expect(() =>
      adaptInterventionFramework(once, {
        ...adaptation([{ op: 'add', axis: 'arena', key: 'crisis-assistance', name: 'Crisis', description: 'Back again.' }]),
        basedOn: interventionFrameworkRef(once),
      }),
    ).toThrow(/cannot be applied/);
  });
});
