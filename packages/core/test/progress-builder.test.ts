// An agency's own benchmark instrument built from the shipped checklist (items left out, reworded,
// added), from one of its own (a new version), or blank; the problems named when it cannot be.
import { describe, expect, it } from 'vitest';
import { DomainError } from '../src/errors.js';
import { buildBenchmarkInstrument, compareInstrumentVersions, instrumentDepartures } from '../src/progress/builder.js';
import { BENCHMARK_DEFAULT_INSTRUMENT as checklist } from '../src/progress/instruments.js';
import { BenchmarkInstrumentCreate } from '../src/progress/report.js';

const none = { areas: [], items: [], removeItems: [], changeItems: [] };
const first = checklist.items[0]!;
const second = checklist.items[1]!;

function problems(f: () => unknown): string[] {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    return ((e as DomainError).issues ?? []).map((i) => `${i.field}: ${i.message}`);
  }
  throw new Error('expected the instrument to be refused');
}

describe('buildBenchmarkInstrument', () => {
  it('copies the checklist, leaves one item out, rewords one and adds one of its own', () => {
    const built = buildBenchmarkInstrument(
      checklist,
      {
        ...none,
        id: 'north-checklist',
        version: '2026.12.0',
        name: 'North checklist',
        removeItems: [second.key],
        changeItems: [{ key: first.key, title: 'Our reworded first item' }],
        items: [{ key: 'family-nights', title: 'Family nights are held each term', area: 'communication', phase: null, evidence: 'Sign-in sheets.' }],
      },
      'North District',
      '2026-12-07',
    );
    expect(built.items).toHaveLength(checklist.items.length);
    expect(built.items.find((i) => i.key === second.key)).toBeUndefined();
    expect(built.removed).toEqual([{ key: second.key, title: second.title }]);
    const reworded = built.items.find((i) => i.key === first.key)!;
    expect(reworded).toMatchObject({ title: 'Our reworded first item', changedBy: 'North District', departures: { title: first.title }, source: first.source });
    const own = built.items.at(-1)!;
    expect(own).toMatchObject({ key: 'family-nights', addedBy: 'North District' });
    expect(own.source).toBeUndefined();
    expect(built.basedOn).toEqual({ id: checklist.id, version: checklist.version });
    const d = instrumentDepartures(built);
    expect([d.kept, d.reworded.length, d.added.length, d.removed.length]).toEqual([checklist.items.length - 2, 1, 1, 1]);
  });

  it('keeps the shipped wording as what a reworded item departs from across versions', () => {
    const v1 = buildBenchmarkInstrument(checklist, { ...none, id: 'x', version: '2026.12.0', name: 'X', changeItems: [{ key: first.key, title: 'Second wording' }] }, 'North', '2026-12-07');
    const v2 = buildBenchmarkInstrument(v1, { ...none, id: 'x', version: '2026.12.1', name: 'X', changeItems: [{ key: first.key, title: 'Third wording', evidence: 'Minutes.' }] }, 'North', '2026-12-08');
    expect(v2.items[0]).toMatchObject({ title: 'Third wording', departures: { title: first.title, evidence: first.evidence } });
    expect(v2.basedOn).toEqual({ id: 'x', version: '2026.12.0' });
  });

  it('treats a change that changes nothing as no change, and drops areas left with no items', () => {
    const area = checklist.areas.find((a) => a.key === 'celebration')!;
    const inArea = checklist.items.filter((i) => i.area === area.key).map((i) => i.key);
    const built = buildBenchmarkInstrument(checklist, { ...none, id: 'y', version: '2026.12.0', name: 'Y', removeItems: inArea, changeItems: [{ key: first.key, title: first.title }] }, 'North', '2026-12-07');
    expect(built.items[0]).toBe(first);
    expect(built.areas.map((a) => a.key)).not.toContain(area.key);
  });

  it('builds a blank instrument from its own areas and items', () => {
    const built = buildBenchmarkInstrument(
      null,
      { ...none, id: 'blank', version: '2026.12.0', name: 'Blank', areas: [{ key: 'family', label: 'Family', description: 'Families.' }], items: [{ key: 'a', title: 'A', area: 'family', phase: 'orientation', evidence: 'E.' }] },
      'North',
      '2026-12-07',
    );
    expect(built.areas.map((a) => a.key)).toEqual(['family']);
    expect(built.basedOn).toBeUndefined();
    expect(built.items[0]!.addedBy).toBe('North');
  });

  it('names every problem', () => {
    const found = problems(() =>
      buildBenchmarkInstrument(
        checklist,
        {
          ...none,
          id: 'z',
          version: '2026.12.0',
          name: 'Z',
          areas: [{ key: 'empty', label: 'Empty', description: 'No items.' }],
          removeItems: ['no-such-item', second.key],
          changeItems: [{ key: second.key, title: 'Both' }, { key: first.key, area: 'nowhere' }],
          items: [{ key: first.key, title: 'T', area: 'readiness', phase: null, evidence: 'E' }],
        },
        'North',
        '2026-12-07',
      ),
    );
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^removeItems\.0: "no-such-item" is not an item/),
        expect.stringMatching(/^changeItems\.0\.key: .* is left out/),
        expect.stringMatching(/^changeItems\.1\.area: "nowhere" is not an area/),
        expect.stringMatching(/^items\.0\.key: .* is already an item/),
        expect.stringMatching(/^areas\.0: "Empty" has no item/),
      ]),
    );
    expect(problems(() => buildBenchmarkInstrument(null, { ...none, id: 'b', version: '2026.12.0', name: 'B', items: [{ key: 'a', title: 'A', area: 'x', phase: null, evidence: 'E' }] }, 'N', '2026-12-07'))).toEqual([
      'items.0.area: "x" is not an area; add an area first',
    ]);
  });
});

describe('the request shape', () => {
  it('refuses a copy that changes nothing, and one that lists an item twice', () => {
    const base = { unitId: '00000000-0000-4000-8000-000000000001', id: 'a', version: '2026.12.0', name: 'A' };
    const nothing = BenchmarkInstrumentCreate.safeParse(base);
    expect(nothing.success).toBe(false);
    expect(nothing.error!.issues[0]).toMatchObject({ path: ['items'], message: expect.stringMatching(/at least one item/) });
    expect(BenchmarkInstrumentCreate.safeParse({ ...base, removeItems: [first.key] }).success).toBe(true);
    expect(BenchmarkInstrumentCreate.safeParse({ ...base, removeItems: [first.key, first.key] }).success).toBe(false);
  });
});

describe('compareInstrumentVersions', () => {
  it('orders by number, not text', () => {
    expect(compareInstrumentVersions('2026.9.0', '2026.10.0')).toBeLessThan(0);
    expect(compareInstrumentVersions('2026.11.10', '2026.11.9')).toBeGreaterThan(0);
    expect(compareInstrumentVersions('2026.11.1', '2026.11.1')).toBe(0);
  });
});
