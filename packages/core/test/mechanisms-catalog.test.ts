import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  allowedLifecycleTransitions,
  checkLifecycleTransition,
  DomainError,
  formatCitation,
  isSourceId,
  LIFECYCLE_SOURCES,
  MECHANISM_CATALOG,
  MECHANISM_KINDS,
  MECHANISM_LEVELS,
  MECHANISM_STATUSES,
  MEMBERSHIP_ROLE_LABELS,
  MEMBERSHIP_ROLES,
  mechanismKindEntry,
  SECTION_SEPARATOR,
  SOURCE_IDS,
  SOURCES,
  type MechanismStatus,
  type SourceRef,
} from '../src/index.js';
import { seedFile, normalize, documents, findInOrder, fragmentsOf, sectionStart, occursInSection } from './support/seeds.js';

// ---- The source documents, read from shared/seeds/ next to the repository -------------------------


const catalog = MECHANISM_CATALOG;
const everyRef = (): { where: string; ref: SourceRef }[] =>
  catalog.kinds.flatMap((k) => [
    ...k.purposeSources.map((ref) => ({ where: `${k.key} purpose`, ref })),
    ...k.functions.flatMap((f) => [f.source, ...(f.seeAlso ?? [])].map((ref) => ({ where: `${k.key}.${f.key}`, ref }))),
    ...(k.composition ? [{ where: `${k.key} composition`, ref: k.composition.source }] : []),
    ...(k.process ? [{ where: `${k.key} process`, ref: k.process.source }] : []),
    ...Object.entries(k.guidance).flatMap(([name, g]) => (g?.source ? [{ where: `${k.key} guidance ${name}`, ref: g.source }] : [])),
    ...k.levels.map((l) => ({ where: `${k.key} level ${l.unit}`, ref: l.source })),
  ]);

describe('the source documents', () => {
  it('are found in shared/seeds next to the repository', () => {
    for (const id of SOURCE_IDS) {
      expect(existsSync(seedFile(id)), seedFile(id)).toBe(true);
      expect(documents[id].length).toBeGreaterThan(10_000);
    }
  });

  it('are described as citable sources', () => {
    for (const id of SOURCE_IDS) {
      const doc = SOURCES[id];
      expect(doc.id).toBe(id);
      expect(doc.title.length).toBeGreaterThan(20);
      expect(doc.authors.length).toBeGreaterThan(0);
      expect(doc.publisher).toMatch(/UCLA/);
    }
    // The titles are the documents' own.
    expect(documents['planning-coaching-guide']).toContain(normalize(SOURCES['planning-coaching-guide'].title));
    expect(documents['change-agent-mechanisms']).toContain(normalize(SOURCES['change-agent-mechanisms'].title));
    expect(formatCitation({ source: 'planning-coaching-guide', section: 'Appendix A — Steering Body — Functions' })).toBe(
      'Guide for Planning Coaching (2013), Appendix A — Steering Body — Functions',
    );
  });

  it('are compared after normalizing list markers, emphasis and whitespace', () => {
    expect(normalize('- **Composition.** The  Steering\n  - >unifying & developing\n    - >>how to “unify”')).toBe(
      'Composition. The Steering unifying & developing how to "unify"',
    );
  });
});

describe('mechanism catalog', () => {
  it('is versioned', () => {
    expect(catalog.id).toBe('mechanisms');
    expect(catalog.version).toMatch(/^\d{4}\.\d{1,2}\.\d+$/);
    expect(catalog.publishedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('has the 13 kinds, once each, in the documented order', () => {
    expect(catalog.kinds.map((k) => k.key)).toEqual([...MECHANISM_KINDS]);
    expect(MECHANISM_KINDS).toHaveLength(13);
    for (const kind of MECHANISM_KINDS) expect(mechanismKindEntry(kind).key).toBe(kind);
  });

  it('gives every kind a name, a purpose and at least one function', () => {
    for (const k of catalog.kinds) {
      expect(k.name.trim(), k.key).not.toBe('');
      expect(k.purpose.length, k.key).toBeGreaterThan(80);
      expect(k.purposeSources.length, k.key).toBeGreaterThan(0);
      expect(k.functions.length, k.key).toBeGreaterThan(0);
    }
  });

  it('keys functions by slugs unique within their kind', () => {
    for (const k of catalog.kinds) {
      const keys = k.functions.map((f) => f.key);
      expect(new Set(keys).size, `${k.key}: ${keys.join(', ')}`).toBe(keys.length);
      for (const key of keys) expect(key, k.key).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    }
  });

  // Units' customizations refer to function keys. Renaming or removing one strands them: change
  // this list only together with a new catalog version and a migration of customizations.
  it('keeps its function keys stable', () => {
    expect(Object.fromEntries(catalog.kinds.map((k) => [k.key, k.functions.map((f) => f.key).join(' ')]))).toMatchInlineSnapshot(`
      {
        "change_team": "implement-strategic-plan create-readiness build-coalitions map-and-analyze-resources clarify-priorities establish-work-groups maintain-daily-oversight solve-problems resolve-conflicts counter-anticipated-barriers keep-true-to-vision lead-maintenance-and-renewal",
        "coaches_mentors": "enlist-broad-leadership clarify-functions-and-interrelationships build-understanding-and-commitment assist-action-plans deepen-leaders-understanding guide-design-document help-strategic-plan establish-mechanisms monitor-and-refine model-and-teach stakeholder-development-activities respond-to-calls-for-help",
        "design_team": "translate-vision-into-design detail-intervention-framework design-prototype",
        "external_change_agents": "capacity-building priority-setting task-support liaison-among-mechanisms formative-evaluation ongoing-support recommend-plan-revisions celebrate-progress",
        "external_collaborators": "provide-prototypes-and-expertise provide-professional-development customize-tools champion-nationally include-in-dissemination connect-leadership support-documentation celebrate-progress",
        "implementation_team": "establish-operational-infrastructure ensure-infrastructure-processes increase-stakeholder-readiness ensure-capacity-building monitor-and-revise-plans work-with-external-collaborators celebrate-progress",
        "learning_supports_leadership_team": "mapping analysis coordinating planning setting-priorities enhancing-intervention-systems feeder-pattern-linkages",
        "organization_facilitator": "operational-infrastructure stakeholder-development communication-and-resource-mapping formative-evaluation ongoing-support daily-change-tasks help-adopt-implement-institutionalize build-working-relationships coach-and-bring-in-specialists form-and-train-change-team",
        "planning_team": "draft-action-plan establish-work-groups submit-plan draft-sustainability-plan submit-sustainability-plan ensure-implementation-capacity develop-benchmark-tool work-with-external-collaborators adapt-plans",
        "steering_body": "provide-leadership-and-oversight support-transformation-leader champion-and-inform map-resources-and-infrastructure approve-action-plan monitor-progress work-with-external-collaborators recommend-policy-changes indicate-championship recommend-institutionalization celebrate-progress ensure-capacity-is-built ensure-policy-and-leadership-base support-change-staff",
        "superintendent_governing_body": "appoint-transformation-leader ensure-policy champion-and-engage review-progress-reports institutionalize-changes use-external-collaborators celebrate-progress",
        "transformation_leader": "provide-leadership-and-oversight work-with-superintendent establish-mechanisms ensure-capacity-building build-consensus work-with-external-collaborators monitor-progress report-to-superintendent celebrate-progress",
        "work_group": "help-with-plan-development map-learning-supports recommend-unification-and-priorities recommend-changes adapt-benchmarks develop-information-resources enhance-visibility-and-communication",
      }
    `);
  });

  it('cites one of the two sources with a section for everything it states', () => {
    const refs = everyRef();
    expect(refs.length).toBeGreaterThan(100);
    for (const { where, ref } of refs) {
      expect(isSourceId(ref.source), where).toBe(true);
      expect(ref.section.trim(), where).not.toBe('');
      expect(ref.section.split(SECTION_SEPARATOR).every((s) => s.trim() === s && s.length > 0), `${where}: ${ref.section}`).toBe(true);
    }
  });

  it('names sections by headings the documents have', () => {
    for (const { where, ref } of [...everyRef(), ...LIFECYCLE_SOURCES.map((ref) => ({ where: 'life cycle', ref }))]) {
      expect(sectionStart(ref), `${where}: "${ref.section}" is not a heading path of ${ref.source}`).toBeGreaterThanOrEqual(0);
    }
  });

  // The test that keeps the catalog honest: every function is the documents' own words, found in
  // the document it cites, under the heading it cites.
  it('quotes every function from the section it cites', () => {
    const misquoted: string[] = [];
    for (const k of catalog.kinds) {
      for (const f of k.functions) {
        if (!occursInSection(f.source, f.text)) misquoted.push(`${k.key}.${f.key}: "${f.text}" not in ${f.source.source} § ${f.source.section}`);
        if (f.source.quote !== undefined) {
          // A short entry ("coordinating") must come from the sentence quoted for it.
          if (findInOrder(fragmentsOf(f.source.quote).join(' '), fragmentsOf(f.text)) < 0) {
            misquoted.push(`${k.key}.${f.key}: "${f.text}" is not part of its quote`);
          }
        }
      }
    }
    expect(misquoted).toEqual([]);
  });

  it('quotes composition, process, guidance, level and life-cycle citations from the section they cite', () => {
    const misquoted: string[] = [];
    const check = (where: string, ref: SourceRef, passage: string | undefined) => {
      if (passage !== undefined && !occursInSection(ref, passage)) misquoted.push(`${where}: "${passage}" not in ${ref.source} § ${ref.section}`);
    };
    for (const k of catalog.kinds) {
      if (k.composition) check(`${k.key} composition`, k.composition.source, k.composition.text);
      if (k.process) check(`${k.key} process`, k.process.source, k.process.text);
    }
    for (const { where, ref } of everyRef()) check(where, ref, ref.quote);
    for (const ref of LIFECYCLE_SOURCES) check('life cycle', ref, ref.quote);
    expect(misquoted).toEqual([]);
  });

  it('transcribes the Appendix A function lists whole and in order', () => {
    const guide = documents['planning-coaching-guide'];
    const appendixA: [string, string, string][] = [
      ['superintendent_governing_body', 'Superintendent and Governing Body', 'Transformation Leader'],
      ['transformation_leader', 'Transformation Leader', 'Steering Body'],
      ['steering_body', 'Steering Body', 'Composition.'],
      ['planning_team', 'Planning Team for Transformative Systemic Changes', 'Composition.'],
      ['implementation_team', 'Implementation Team --', 'Composition.'],
      ['external_change_agents', 'External Change Agents (including mentors, coaches)', 'External Collaborators'],
      ['external_collaborators', 'External Collaborators (e.g. UCLA, Scholastic)', 'Appendix B'],
    ];
    for (const [kind, heading, next] of appendixA) {
      const start = guide.indexOf(heading, guide.indexOf('Functions of the Systemic Change Mechanisms'));
      const block = guide.slice(guide.indexOf('Functions', start + heading.length), guide.indexOf(next, start + heading.length));
      const fromAppendixA = mechanismKindEntry(kind as (typeof MECHANISM_KINDS)[number]).functions.filter((f) => f.source.section.startsWith('Appendix A'));
      // Every item of the list is in the catalog, in the document's order, and nothing else is.
      const texts = fromAppendixA.map((f) => normalize(f.text));
      expect(findInOrder(block, texts), kind).toBeGreaterThan(0);
      expect(texts.join(' ').length, `${kind}: the catalog leaves out part of the Appendix A list`).toBeGreaterThan(
        block.replace(/^Functions\s*/, '').replace(/^Focus is on .*?including\s*|^Focus is on .*?Examples of tasks include\s*/, '').length - 5,
      );
    }
  });

  it('marks each guidance value as the document’s or a product default, with its source', () => {
    for (const k of catalog.kinds) {
      for (const [name, g] of Object.entries(k.guidance)) {
        if (!g) continue;
        expect(['document', 'product-default'], `${k.key}.${name}`).toContain(g.basis);
        expect(g.source, `${k.key}.${name}`).toBeDefined();
        if (g.basis === 'product-default') expect(g.note ?? '', `${k.key}.${name} must say why it is a default`).not.toBe('');
      }
    }
  });

  it('carries the documents’ composition and process numbers', () => {
    const implementation = mechanismKindEntry('implementation_team').guidance;
    expect(implementation.minMembers).toMatchObject({ value: 2, basis: 'document' });
    expect(implementation.maxMembers).toMatchObject({ value: 3, basis: 'document' });
    expect(implementation.membersDesignatedAndTrained).toMatchObject({ value: true, basis: 'document' });

    const steering = mechanismKindEntry('steering_body').guidance;
    expect(steering.maxMembers).toMatchObject({ basis: 'product-default' }); // the document: "should not be too large"
    expect(steering.maxMembers?.value).toBeGreaterThan(3);
    expect(steering.meetingCadence).toMatchObject({ value: 'weekly at first', basis: 'document' });
    expect(steering.broadLeadership?.value).toBe(true);

    const planning = mechanismKindEntry('planning_team').guidance;
    expect(planning.meetings).toMatchObject({ value: 4, basis: 'document' });
    expect(planning.meetingCadence).toMatchObject({ value: 'weekly', basis: 'document' });
    expect(planning.includesSteeringBodyMember).toMatchObject({ value: true, basis: 'document' });

    const coaching = mechanismKindEntry('coaches_mentors').guidance;
    expect(coaching.contactCadence?.value).toBe('weekly');
    expect(coaching.onsiteVisitCadence?.value).toBe('monthly');
  });

  it('places every kind at documented levels', () => {
    for (const k of catalog.kinds) {
      expect(k.levels.length, k.key).toBeGreaterThan(0);
      const units = k.levels.map((l) => l.unit);
      expect(new Set(units).size, k.key).toBe(units.length);
      for (const u of units) expect(MECHANISM_LEVELS, k.key).toContain(u);
    }
    expect(mechanismKindEntry('implementation_team').levels.map((l) => l.unit)).toEqual(['state', 'region', 'district', 'school']);
    expect(mechanismKindEntry('learning_supports_leadership_team').levels.map((l) => l.unit)).toContain('feeder_pattern');
  });

  it('says where the documents are thin', () => {
    for (const kind of ['design_team', 'work_group', 'learning_supports_leadership_team', 'organization_facilitator'] as const) {
      expect(mechanismKindEntry(kind).sourceNote, kind).toBeTruthy();
    }
  });
});

describe('mechanism life cycle', () => {
  const allowed: [MechanismStatus, MechanismStatus][] = [
    ['forming', 'active'],
    ['forming', 'retired'],
    ['active', 'sunsetting'],
    ['sunsetting', 'retired'],
    ['sunsetting', 'active'],
  ];
  const key = ([a, b]: [MechanismStatus, MechanismStatus]) => `${a}->${b}`;
  const allowedKeys = new Set(allowed.map(key));

  it('allows forming → active → sunsetting → retired, re-activation, and abandoning a forming mechanism', () => {
    for (const [from, to] of allowed) expect(() => checkLifecycleTransition(from, to), `${from} → ${to}`).not.toThrow();
  });

  it('refuses every other move with a conflict a person can act on', () => {
    for (const from of MECHANISM_STATUSES) {
      for (const to of MECHANISM_STATUSES) {
        if (allowedKeys.has(key([from, to]))) continue;
        let error: unknown;
        try {
          checkLifecycleTransition(from, to);
        } catch (e) {
          error = e;
        }
        expect(error, `${from} → ${to}`).toBeInstanceOf(DomainError);
        expect((error as DomainError).kind).toBe('conflict');
        expect((error as DomainError).message).toMatch(/mechanism/i);
        expect((error as DomainError).issues[0]?.field).toBe('status');
      }
    }
    expect(() => checkLifecycleTransition('forming', 'sunsetting')).toThrow(
      'A mechanism that is forming cannot start sunsetting. From forming it can become active or be retired if it is abandoned.',
    );
    expect(() => checkLifecycleTransition('active', 'retired')).toThrow(/Start sunsetting it first/);
    expect(() => checkLifecycleTransition('sunsetting', 'forming')).toThrow(
      'A mechanism that is sunsetting cannot go back to forming. From sunsetting it can be retired or be re-activated.',
    );
    expect(() => checkLifecycleTransition('retired', 'active')).toThrow(/retired mechanism cannot change status/);
    expect(() => checkLifecycleTransition('active', 'active')).toThrow('This mechanism is already active.');
  });

  it('lets nothing leave retired', () => {
    expect(allowedLifecycleTransitions('retired')).toEqual([]);
    expect(allowedLifecycleTransitions('sunsetting')).toEqual(['active', 'retired']);
  });

  it('refuses an unknown status as invalid', () => {
    expect(() => checkLifecycleTransition('paused' as MechanismStatus, 'active')).toThrow(expect.objectContaining({ kind: 'invalid' }));
  });
});

describe('membership roles', () => {
  it('are lead, member, champion, facilitator and external, each labelled', () => {
    expect([...MEMBERSHIP_ROLES]).toEqual(['lead', 'member', 'champion', 'facilitator', 'external']);
    for (const role of MEMBERSHIP_ROLES) expect(MEMBERSHIP_ROLE_LABELS[role]).toMatch(/^[A-Z]/);
  });
});
