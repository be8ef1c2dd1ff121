import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ALLOWED_PARENTS,
  allowedChildKinds,
  ancestorIds,
  checkMoveMakesNoCycle,
  checkParentKind,
  checkUnitFields,
  DomainError,
  depthOf,
  gradeSpanIssue,
  isWithin,
  ncesIdIssue,
  pathOf,
  rebasePath,
  subtreeRange,
  UNIT_KINDS,
  type UnitKind,
} from '../src/index.js';

const kindOf = (fn: () => void) => {
  try {
    fn();
    return null;
  } catch (e) {
    return e instanceof DomainError ? e.kind : 'other';
  }
};

describe('parent rules', () => {
  it('lets a school sit under a feeder pattern or a district, and nowhere else', () => {
    expect(kindOf(() => checkParentKind('school', 'feeder_pattern'))).toBeNull();
    expect(kindOf(() => checkParentKind('school', 'district'))).toBeNull();
    for (const parent of ['state', 'region', 'school', 'department', null] as const) {
      expect(kindOf(() => checkParentKind('school', parent))).toBe('invalid');
    }
  });

  it('lets a district sit under a region or a state', () => {
    expect(kindOf(() => checkParentKind('district', 'region'))).toBeNull();
    expect(kindOf(() => checkParentKind('district', 'state'))).toBeNull();
    expect(kindOf(() => checkParentKind('district', 'district'))).toBe('invalid');
  });

  it('keeps a state at the top and a feeder pattern inside a district', () => {
    expect(kindOf(() => checkParentKind('state', null))).toBeNull();
    expect(kindOf(() => checkParentKind('state', 'state'))).toBe('invalid');
    expect(kindOf(() => checkParentKind('feeder_pattern', 'district'))).toBeNull();
    expect(kindOf(() => checkParentKind('feeder_pattern', 'region'))).toBe('invalid');
  });

  it('lets an agency (state, region, district) have departments, and departments have sub-departments', () => {
    for (const parent of ['state', 'region', 'district', 'department'] as const) expect(kindOf(() => checkParentKind('department', parent))).toBeNull();
    expect(kindOf(() => checkParentKind('department', 'school'))).toBe('invalid');
  });

  it('names the parent field and what it must be when refusing', () => {
    try {
      checkParentKind('school', 'region');
      expect.unreachable();
    } catch (e) {
      expect((e as DomainError).issues).toEqual([{ field: 'parentId', message: 'must be a feeder pattern or a district' }]);
      expect((e as DomainError).message).toMatch(/school cannot sit under a region/);
    }
  });

  it('offers as child kinds exactly the kinds whose rules allow that parent', () => {
    for (const parent of UNIT_KINDS) {
      for (const child of UNIT_KINDS) {
        expect(allowedChildKinds(parent).includes(child)).toBe(ALLOWED_PARENTS[child].includes(parent));
      }
    }
  });
});

describe('materialized paths', () => {
  const id = fc.uuid();
  const chain = fc.array(id, { minLength: 1, maxLength: 6 });
  const pathFromIds = (ids: string[]) => ids.reduce<string | null>((p, i) => pathOf(p, i), null)!;

  it('puts every descendant inside its ancestor and nothing else', () => {
    fc.assert(
      fc.property(chain, chain, (a, b) => {
        const pa = pathFromIds(a);
        const pab = pathFromIds([...a, ...b]);
        expect(isWithin(pab, pa)).toBe(true);
        expect(depthOf(pab)).toBe(a.length + b.length - 1);
        expect(ancestorIds(pab)).toEqual([...a, ...b].slice(0, -1));
      }),
    );
  });

  it('has a subtree range that holds exactly the paths within the unit', () => {
    fc.assert(
      fc.property(chain, chain, (a, b) => {
        const root = pathFromIds(a);
        const other = pathFromIds(b);
        const { from, to } = subtreeRange(root);
        const inRange = other >= from && other < to;
        expect(inRange).toBe(isWithin(other, root));
      }),
    );
  });

  it('refuses a move that would make a cycle: under itself or anything inside it', () => {
    fc.assert(
      fc.property(chain, fc.array(id, { maxLength: 4 }), (a, below) => {
        const unit = pathFromIds(a);
        const target = pathFromIds([...a, ...below]);
        expect(kindOf(() => checkMoveMakesNoCycle(unit, target))).toBe('conflict');
      }),
    );
  });

  it('allows a move under a unit outside the subtree', () => {
    fc.assert(
      fc.property(chain, chain, (a, b) => {
        fc.pre(!isWithin(pathFromIds(b), pathFromIds(a)));
        expect(kindOf(() => checkMoveMakesNoCycle(pathFromIds(a), pathFromIds(b)))).toBeNull();
      }),
    );
  });

  it('rebases every path of a moved subtree onto the new parent', () => {
    expect(rebasePath('/s/r/d/f/', '/s/r/d/', '/s/x/d/')).toBe('/s/x/d/f/');
    expect(() => rebasePath('/s/q/', '/s/r/', '/s/x/')).toThrow();
  });
});

describe('official identifiers and grade spans', () => {
  const cases: [UnitKind, string, boolean][] = [
    ['state', '48', true],
    ['district', '4800001', true],
    ['district', '480001', false],
    ['school', '480000100001', true],
    ['school', '4800001', false],
    ['feeder_pattern', '4800001', false],
    ['region', '4800029', true],
  ];
  it.each(cases)('checks a %s NCES id %s (ok: %s)', (kind, nces, ok) => {
    expect(ncesIdIssue(kind, nces) === null).toBe(ok);
  });

  it('accepts no NCES id at all', () => {
    expect(ncesIdIssue('school', null)).toBeNull();
    expect(ncesIdIssue('school', '')).toBeNull();
  });

  it('wants both ends of a grade span, low not above high', () => {
    expect(gradeSpanIssue('PK', '05')).toBeNull();
    expect(gradeSpanIssue('09', '12')).toBeNull();
    expect(gradeSpanIssue('KG', 'KG')).toBeNull();
    expect(gradeSpanIssue('06', null)?.field).toBe('gradeHigh');
    expect(gradeSpanIssue('12', '09')).toEqual({ field: 'gradeHigh', message: 'must not be below the lowest grade (12)' });
  });

  it('reports every problem of a unit at once', () => {
    try {
      checkUnitFields('school', { ncesId: '12', gradeLow: '12', gradeHigh: '01' });
      expect.unreachable();
    } catch (e) {
      expect((e as DomainError).issues.map((i) => i.field)).toEqual(['ncesId', 'gradeHigh']);
    }
  });
});
