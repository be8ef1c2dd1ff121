// A state's or district's own focus areas (src/coaching/focus.ts): layers applied top down, rewords
// keeping the citation and the guide's words, added areas saying who added them, retirements that
// keep the key readable, keys never reused, at least one area in use, and the choice check.
import { describe, expect, it } from 'vitest';
import {
  applyCoachingFocusAreaChanges,
  COACHING_FOCUS_AREA_CATALOG,
  coachingFocusAreasInForce,
  coachingFocusKeyFrom,
  coachingFocusKeyIssues,
  type CoachingFocusAreaChange,
  type CoachingFocusAreaEntry,
  type CoachingFocusStamp,
} from '../src/index.js';

const state: CoachingFocusStamp = { personId: 'p-state', personName: 'Sam State', unitId: 'u-state', unitName: 'Texas', on: '2026-12-01' };
const district: CoachingFocusStamp = { personId: 'p-district', personName: 'Dana District', unitId: 'u-district', unitName: 'Austin ISD', on: '2026-12-02' };

function apply(inherited: ReturnType<typeof coachingFocusAreasInForce>, own: CoachingFocusAreaEntry[], changes: CoachingFocusAreaChange[], stamp: CoachingFocusStamp, taken = new Set<string>()) {
  return applyCoachingFocusAreaChanges(inherited, own, changes, stamp, taken);
}

describe('coaching focus areas in force', () => {
  it('are the catalog, cited, when nobody adapted them', () => {
    const areas = coachingFocusAreasInForce([]);
    expect(areas.map((a) => a.key)).toEqual(COACHING_FOCUS_AREA_CATALOG.areas.map((a) => a.key));
    expect(areas.every((a) => a.origin === 'catalog' && a.source !== null && !a.retired)).toBe(true);
  });

  it('apply a state’s and then a district’s changes: rewords keep the citation and the guide’s words, additions say who added them', () => {
    const s = apply(coachingFocusAreasInForce([]), [], [
      { op: 'add', label: 'Attendance supports', text: 'Build attendance supports' },
      { op: 'reword', key: 'celebrate-progress', label: 'Celebrating wins' },
    ], state);
    expect(s.issues).toEqual([]);
    const stateLayer = { unitId: state.unitId, unitName: state.unitName, entries: s.entries };
    const atState = coachingFocusAreasInForce([stateLayer]);
    const d = apply(atState, [], [
      { op: 'reword', key: 'attendance-supports', text: 'Build attendance and engagement supports' },
      { op: 'retire', key: 'celebrate-progress', reason: 'Folded into visibility' },
      { op: 'reword', key: 'work-group-capacity', text: 'Build work groups that map and analyze resources' },
    ], district);
    expect(d.issues).toEqual([]);
    const areas = coachingFocusAreasInForce([stateLayer, { unitId: district.unitId, unitName: district.unitName, entries: d.entries }]);
    const celebrate = areas.find((a) => a.key === 'celebrate-progress')!;
    expect(celebrate).toMatchObject({ origin: 'reworded', label: 'Celebrating wins', shipped: { label: 'Celebrating progress', text: 'Celebrate progress' }, changedBy: state, retired: { ...district, reason: 'Folded into visibility' } });
    expect(celebrate.source).toEqual(COACHING_FOCUS_AREA_CATALOG.areas.find((a) => a.key === 'celebrate-progress')!.source);
    expect(areas.find((a) => a.key === 'attendance-supports')).toMatchObject({ origin: 'added', source: null, addedBy: state, changedBy: district, text: 'Build attendance and engagement supports' });
    // A reworded text stands alone: the guide's sub-items go with its words.
    expect(areas.find((a) => a.key === 'work-group-capacity')!.parts).toBeUndefined();
    expect(COACHING_FOCUS_AREA_CATALOG.areas.find((a) => a.key === 'work-group-capacity')!.parts).toHaveLength(3);
    // The state's own list is untouched by the district's changes.
    expect(atState.find((a) => a.key === 'celebrate-progress')!.retired).toBeUndefined();
  });

  it('never reuse a key: a given key that exists is refused; one derived from the label gets a suffix', () => {
    const base = coachingFocusAreasInForce([]);
    expect(apply(base, [], [{ op: 'add', key: 'celebrate-progress', label: 'Parties', text: 'Throw parties' }], district).issues).toEqual([
      { field: 'changes.0.key', message: '"celebrate-progress" is already a focus area key: choose a new key (keys are never reused)' },
    ]);
    const r = apply(base, [], [{ op: 'add', label: 'Family nights', text: 'Hold them' }], district, new Set(['family-nights']));
    expect(r.entries.map((e) => e.key)).toEqual(['family-nights-2']);
    expect(coachingFocusKeyFrom('Élan & “Wellness” — Year 2!')).toBe('elan-and-wellness-year-2');
  });

  it('keep at least one area in use, restore only what the unit itself retired, and name each problem', () => {
    const base = coachingFocusAreasInForce([]);
    const all = base.map((a) => ({ op: 'retire' as const, key: a.key }));
    const r = apply(base, [], all, district);
    expect(r.issues).toEqual([{ field: `changes.${all.length - 1}.key`, message: 'is the last focus area in use: keep at least one (add another first)' }]);
    const s = apply(base, [], [{ op: 'retire', key: 'community-outreach' }], state);
    const atState = coachingFocusAreasInForce([{ unitId: state.unitId, unitName: state.unitName, entries: s.entries }]);
    expect(apply(atState, [], [{ op: 'restore', key: 'community-outreach' }], district).issues[0]!.message).toBe('was retired by Texas, not here: only Texas can restore it');
    expect(apply(atState, [], [{ op: 'retire', key: 'community-outreach' }], district).issues[0]!.message).toBe('was already retired by Texas on 2026-12-01');
    expect(apply(base, [], [{ op: 'reword', key: 'juggling', label: 'Juggling' }], district).issues[0]!.field).toBe('changes.0.key');
    expect(apply(base, [], [{ op: 'reword', key: 'update-resource-mapping', label: 'celebrating PROGRESS' }], district).issues[0]).toMatchObject({ field: 'changes.0.label' });
    // Restoring its own retirement takes the entry away again when nothing else was changed.
    const own = apply(base, [], [{ op: 'retire', key: 'celebrate-progress' }], district).entries;
    expect(apply(base, own, [{ op: 'restore', key: 'celebrate-progress' }], district)).toEqual({ entries: [], issues: [] });
  });

  it('let a choice keep a retired area it already had, and refuse it otherwise', () => {
    const d = apply(coachingFocusAreasInForce([]), [], [{ op: 'retire', key: 'celebrate-progress' }], district);
    const areas = coachingFocusAreasInForce([{ unitId: district.unitId, unitName: district.unitName, entries: d.entries }]);
    expect(coachingFocusKeyIssues(areas, ['celebrate-progress'], 'focusAreaKeys', ['celebrate-progress'])).toEqual([]);
    expect(coachingFocusKeyIssues(areas, ['readiness-and-commitment', 'celebrate-progress'], 'focusAreaKeys')).toEqual([
      { field: 'focusAreaKeys.1', message: '"Celebrating progress" was retired by Austin ISD on 2026-12-02: choose a focus area in use' },
    ]);
    expect(coachingFocusKeyIssues(areas, ['gossip'], 'topics', [], 'Austin ISD')[0]!.message).toMatch(/^must be a focus area from Appendix B or one added for Austin ISD: readiness-and-commitment, /);
  });
});
