import { describe, expect, it } from 'vitest';
import { ELLIPSIS, SECTION_SEPARATOR, isSourceId, type SourceRef } from '../src/catalogs/sources.js';
import { COACHING_CADENCE_SOURCE } from '../src/coaching/cadence.js';
import {
  COACHING_FACILITATOR_CATALOG,
  COACHING_FACILITATOR_ITEM_KEYS,
  COACHING_FACILITATOR_ITEMS,
  COACHING_FOCUS_AREA_CATALOG,
  COACHING_FOCUS_AREA_KEYS,
  coachingFacilitatorItem,
  coachingFocusArea,
  isCoachingFacilitatorItemKey,
  isCoachingFocusAreaKey,
  type CoachingFocusAreaPart,
} from '../src/coaching/catalogs.js';
import { COACHING_SUSTAIN_SOURCE } from '../src/coaching/schemas.js';
import { normalize, documents, findInOrder, fragmentsOf, sectionStart, occursInSection } from './support/seeds.js';

// ---- The source documents (as in mechanisms-catalog.test.ts) ---------------------------------------

const isPartOf = (quote: string, text: string) => findInOrder(fragmentsOf(quote).join(' '), fragmentsOf(text)) >= 0;

const flatParts = (parts: readonly CoachingFocusAreaPart[] | undefined): CoachingFocusAreaPart[] =>
  (parts ?? []).flatMap((p) => [p, ...flatParts(p.parts)]);

const focus = COACHING_FOCUS_AREA_CATALOG;
const exhibit = COACHING_FACILITATOR_CATALOG;

const everyRef = (): { where: string; ref: SourceRef }[] => [
  { where: 'focus areas', ref: focus.source },
  ...focus.areas.map((a) => ({ where: `focus ${a.key}`, ref: a.source })),
  { where: 'exhibit 3', ref: exhibit.source },
  ...exhibit.groups.flatMap((g) => [{ where: `group ${g.key}`, ref: g.source }, ...g.items.map((i) => ({ where: `item ${i.key}`, ref: i.source }))]),
  { where: 'cadence', ref: COACHING_CADENCE_SOURCE },
  { where: 'sustain', ref: COACHING_SUSTAIN_SOURCE },
];

describe('the coaching catalogs', () => {
  it('are versioned', () => {
    for (const c of [focus, exhibit]) {
      expect(c.version).toMatch(/^\d{4}\.\d{1,2}\.\d+$/);
      expect(c.publishedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(c.sourceNote.length).toBeGreaterThan(80);
    }
    expect(focus.id).toBe('coaching-focus-areas');
    expect(exhibit.id).toBe('facilitator-task-activity');
  });

  it('cite headings the documents have', () => {
    for (const { where, ref } of everyRef()) {
      expect(isSourceId(ref.source), where).toBe(true);
      expect(ref.section.split(SECTION_SEPARATOR).every((s) => s.trim() === s && s.length > 0), `${where}: ${ref.section}`).toBe(true);
      expect(sectionStart(ref), `${where}: "${ref.section}" is not a heading path of ${ref.source}`).toBeGreaterThanOrEqual(0);
    }
  });

  it('quote every citation from the section it cites', () => {
    const misquoted = everyRef()
      .filter(({ ref }) => ref.quote !== undefined && !occursInSection(ref, ref.quote))
      .map(({ where, ref }) => `${where}: "${ref.quote}" not in ${ref.source} § ${ref.section}`);
    expect(misquoted).toEqual([]);
  });
});

describe('coaching focus areas (Appendix B)', () => {
  it('are the 15 tasks of Appendix B, keyed by stable slugs', () => {
    expect(focus.areas).toHaveLength(15);
    expect(COACHING_FOCUS_AREA_KEYS).toEqual(focus.areas.map((a) => a.key));
    expect(new Set(COACHING_FOCUS_AREA_KEYS).size).toBe(15);
    for (const a of focus.areas) {
      expect(a.key).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(a.label.trim(), a.key).not.toBe('');
      const partKeys = (a.parts ?? []).map((p) => p.key);
      expect(new Set(partKeys).size, a.key).toBe(partKeys.length);
    }
    // Engagements, contacts and capacity transfers refer to these keys: change them only with a new
    // catalog version and a migration.
    expect(COACHING_FOCUS_AREA_KEYS.join(' ')).toMatchInlineSnapshot(
      `"readiness-and-commitment learning-supports-leadership stakeholder-engagement design-document-and-plan system-change-mechanisms work-group-capacity recommendations-for-change integrate-with-school-improvement visibility-and-communication quality-improvement-and-evaluation connect-resources community-outreach update-resource-mapping continuous-capacity-building celebrate-progress"`,
    );
    expect(isCoachingFocusAreaKey('celebrate-progress')).toBe(true);
    expect(isCoachingFocusAreaKey('celebrating')).toBe(false);
    expect(coachingFocusArea('work-group-capacity')?.parts?.map((p) => p.key)).toEqual(['map-status', 'analyze-and-recommend', 'recommend-changes']);
  });

  it('quote each task, and its sub-items in order, from Appendix B', () => {
    const misquoted: string[] = [];
    for (const a of focus.areas) {
      if (!occursInSection(a.source, a.text)) misquoted.push(`${a.key}: "${a.text}"`);
      if (!isPartOf(a.source.quote ?? '', a.text)) misquoted.push(`${a.key}: text is not part of its quote`);
      if (!occursInSection(a.source, [a.text, ...flatParts(a.parts).map((p) => p.text)].join(ELLIPSIS))) misquoted.push(`${a.key}: parts out of order`);
    }
    expect(misquoted).toEqual([]);
  });

  it('transcribe Appendix B whole: nothing left out, nothing added', () => {
    const guide = documents['planning-coaching-guide'];
    const start = guide.indexOf(normalize(focus.leadIn), sectionStart(focus.source));
    const block = guide
      .slice(start, guide.indexOf('Appendix C', start))
      .replace(/#+\s*$/, '')
      .trim();
    const transcribed = [focus.leadIn, ...focus.areas.flatMap((a) => [a.text, ...flatParts(a.parts).map((p) => p.text)])].map(normalize).join(' ');
    expect(transcribed).toBe(block);
  });
});

describe('organization facilitator checklist (Exhibit 3)', () => {
  it('has the five groups of Exhibit 3 with their own names and numbers', () => {
    expect(exhibit.groups.map((g) => [g.number, g.key, g.name])).toEqual([
      [1, 'infrastructure-tasks', 'Infrastructure tasks'],
      [2, 'stakeholder-development', 'Stakeholder development'],
      [3, 'communication-and-visibility', 'Communication and visibility; resource mapping and analyses; coordination, collaboration, and integration'],
      [4, 'formative-evaluation', 'Formative Evaluation, Progress Monitoring, Rapid Problem Solving, and Accountability'],
      [5, 'ongoing-support', 'Ongoing Support'],
    ]);
    expect(exhibit.groups.map((g) => g.items.length)).toEqual([3, 4, 6, 3, 4]);
    expect(exhibit.title).toBe('Examples of General Task Activity for an Organization Facilitator');
  });

  it('keys every item by a slug unique in the catalog, lettered as the document letters them', () => {
    expect(COACHING_FACILITATOR_ITEM_KEYS).toHaveLength(20);
    expect(new Set(COACHING_FACILITATOR_ITEM_KEYS).size).toBe(20);
    for (const g of exhibit.groups) {
      expect(g.items.map((i) => i.letter)).toEqual(['a', 'b', 'c', 'd', 'e', 'f'].slice(0, g.items.length));
      for (const i of g.items) {
        expect(i.key).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
        expect(i.source.section).toBe(`Exhibit 3 — ${g.number}. ${g.name} — item (${i.letter})`);
      }
    }
    expect(COACHING_FACILITATOR_ITEM_KEYS.join(' ')).toMatchInlineSnapshot(
      `"negotiate-agreements identify-administrative-lead help-form-and-prepare-team orient-governing-agents coach-site-leaders coach-team-members inform-all-stakeholders new-directions-circulated priority-tasks-handled teams-productive communication-adequate problem-identification-systems reforms-visible formative-evaluation-procedures rapid-problem-solving progress-assessment on-call-coaching process-check-in longer-range-planning continuing-capacity-building-sources"`,
    );
    expect(coachingFacilitatorItem('reforms-visible')?.groupKey).toBe('communication-and-visibility');
    expect(isCoachingFacilitatorItemKey('reforms-visible')).toBe(true);
    expect(isCoachingFacilitatorItemKey('visible')).toBe(false);
  });

  it('marks the items that ask the facilitator to find something out as checks, each with its "if not"', () => {
    const checks = COACHING_FACILITATOR_ITEMS.filter((i) => i.kind === 'check');
    expect(checks.map((i) => `${i.groupKey}(${i.letter})`)).toEqual([
      'communication-and-visibility(a)',
      'communication-and-visibility(b)',
      'communication-and-visibility(c)',
      'communication-and-visibility(d)',
      'communication-and-visibility(e)',
      'communication-and-visibility(f)',
      'formative-evaluation(b)',
      'ongoing-support(c)',
    ]);
    for (const i of COACHING_FACILITATOR_ITEMS) {
      if (/^Determines/.test(i.text)) expect(i.kind, i.key).toBe('check');
      if (i.kind === 'check') {
        expect(i.text, i.key).toMatch(/Determines|Checks|asks whether/);
        expect(i.ifNot, i.key).toBeTruthy();
        expect(i.text.endsWith(i.ifNot!) || i.text.includes(i.ifNot!), i.key).toBe(true);
      } else expect(i.ifNot, i.key).toBeUndefined();
    }
  });

  it('quotes every item, its parts and its example from the group it cites', () => {
    const misquoted: string[] = [];
    for (const i of COACHING_FACILITATOR_ITEMS) {
      if (!occursInSection(i.source, i.text)) misquoted.push(`${i.key}: "${i.text}"`);
      const whole = [i.text, ...(i.parts ?? []), ...(i.example ? [i.example] : [])].join(ELLIPSIS);
      if (!occursInSection(i.source, whole)) misquoted.push(`${i.key}: parts or example not after the item`);
    }
    expect(misquoted).toEqual([]);
  });

  it('transcribes Exhibit 3 whole: nothing left out, nothing added', () => {
    const doc = documents['change-agent-mechanisms'];
    const start = doc.indexOf('1. Infrastructure tasks', sectionStart(exhibit.source));
    const block = doc
      .slice(start, doc.indexOf('Exhibit 4', start))
      .replace(' (cont.) Exhibit 3 (cont.) - Examples of General Task Activity for an Organization Facilitator', '')
      .trim();
    const transcribed = exhibit.groups
      .flatMap((g) => [`${g.number}. ${g.name}`, ...g.items.flatMap((i) => [`(${i.letter}) ${i.text}`, ...(i.parts ?? []), ...(i.example ? [i.example.split(ELLIPSIS).join(' ')] : [])])])
      .map(normalize)
      .join(' ');
    expect(transcribed).toBe(block);
  });
});
