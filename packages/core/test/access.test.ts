import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ACTIONS, atLeast, authorize, checkMayGrant, decide, DomainError, effectiveRole, ROLES, scopeRoots, type Action, type Caller, type Role } from '../src/index.js';

const STATE = '/s/';
const DISTRICT_A = '/s/r1/da/';
const SCHOOL_A = '/s/r1/da/fa/sa/';
const DISTRICT_B = '/s/r2/db/';
const SCHOOL_B = '/s/r2/db/sb/';

const caller = (grants: { unitPath: string; role: Role }[], isSystemAdmin = false): Caller => ({ personId: 'p', isSystemAdmin, grants });
const errorKind = (fn: () => void) => {
  try {
    fn();
    return null;
  } catch (e) {
    return (e as DomainError).kind;
  }
};

describe('scope of a grant', () => {
  it('holds in the whole subtree of the unit it was given at', () => {
    const leader = caller([{ unitPath: DISTRICT_A, role: 'leader' }]);
    expect(effectiveRole(leader, DISTRICT_A)).toBe('leader');
    expect(effectiveRole(leader, SCHOOL_A)).toBe('leader');
    expect(effectiveRole(leader, STATE)).toBeNull();
  });

  it('never lets a district leader see another district', () => {
    const leader = caller([{ unitPath: DISTRICT_A, role: 'leader' }]);
    for (const action of Object.keys(ACTIONS) as Action[]) {
      expect(decide(leader, action, DISTRICT_B)).toBe('hidden');
      expect(decide(leader, action, SCHOOL_B)).toBe('hidden');
    }
  });

  it('uses the strongest of several grants that hold at a unit', () => {
    const c = caller([
      { unitPath: STATE, role: 'viewer' },
      { unitPath: DISTRICT_A, role: 'editor' },
    ]);
    expect(effectiveRole(c, SCHOOL_A)).toBe('editor');
    expect(effectiveRole(c, SCHOOL_B)).toBe('viewer');
  });

  it('lets a system administrator do anything anywhere', () => {
    const admin = caller([], true);
    for (const action of Object.keys(ACTIONS) as Action[]) expect(decide(admin, action, SCHOOL_B)).toBe('allow');
    expect(scopeRoots(admin, 'unit.read')).toBeNull();
  });
});

describe('decide', () => {
  it('allows exactly the roles at or above what each action needs, and forbids the rest', () => {
    for (const action of Object.keys(ACTIONS) as Action[]) {
      for (const role of ROLES) {
        const d = decide(caller([{ unitPath: DISTRICT_A, role }]), action, SCHOOL_A);
        expect(d).toBe(atLeast(role, ACTIONS[action]) ? 'allow' : 'forbidden');
      }
    }
  });

  it('answers hidden as 404 and forbidden as 403', () => {
    const member = caller([{ unitPath: SCHOOL_A, role: 'member' }]);
    expect(errorKind(() => authorize(member, 'unit.update', SCHOOL_A))).toBe('forbidden');
    expect(errorKind(() => authorize(member, 'unit.read', SCHOOL_B))).toBe('not_found');
    expect(errorKind(() => authorize(member, 'unit.read', SCHOOL_A))).toBeNull();
  });

  it('never allows more for a caller with fewer grants (monotone)', () => {
    const paths = [STATE, DISTRICT_A, SCHOOL_A, DISTRICT_B, SCHOOL_B];
    const grant = fc.record({ unitPath: fc.constantFrom(...paths), role: fc.constantFrom(...ROLES) });
    fc.assert(
      fc.property(fc.array(grant, { maxLength: 5 }), grant, fc.constantFrom(...(Object.keys(ACTIONS) as Action[])), fc.constantFrom(...paths), (grants, extra, action, target) => {
        if (decide(caller(grants), action, target) === 'allow') expect(decide(caller([...grants, extra]), action, target)).toBe('allow');
      }),
    );
  });
});

describe('scopeRoots', () => {
  it('lists the subtrees where the caller may act, without nested duplicates', () => {
    const c = caller([
      { unitPath: DISTRICT_A, role: 'admin' },
      { unitPath: SCHOOL_A, role: 'viewer' },
      { unitPath: SCHOOL_B, role: 'viewer' },
    ]);
    expect(scopeRoots(c, 'unit.read')?.sort()).toEqual([DISTRICT_A, SCHOOL_B].sort());
    expect(scopeRoots(c, 'audit.read')).toEqual([DISTRICT_A]);
  });

  it('keeps one root when the same unit is granted twice', () => {
    const c = caller([
      { unitPath: DISTRICT_A, role: 'viewer' },
      { unitPath: DISTRICT_A, role: 'admin' },
    ]);
    expect(scopeRoots(c, 'unit.read')).toEqual([DISTRICT_A]);
  });
});

describe('giving roles', () => {
  it('lets an administrator give roles up to their own in their subtree', () => {
    const admin = caller([{ unitPath: DISTRICT_A, role: 'admin' }]);
    expect(errorKind(() => checkMayGrant(admin, SCHOOL_A, 'admin'))).toBeNull();
    expect(errorKind(() => checkMayGrant(admin, DISTRICT_B, 'viewer'))).toBe('not_found');
  });

  it('does not let a leader give roles at all', () => {
    const leader = caller([{ unitPath: DISTRICT_A, role: 'leader' }]);
    expect(errorKind(() => checkMayGrant(leader, SCHOOL_A, 'viewer'))).toBe('forbidden');
  });
});
