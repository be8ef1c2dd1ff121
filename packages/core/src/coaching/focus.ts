// A state's or district's own list of coaching focus areas: the shipped Appendix B catalog as
// adapted by the units above a unit (docs/decisions/0020). Each adapting unit keeps its own entries:
// a shipped or inherited area reworded, an area of its own added, an area retired (or restored).
// The list in force at a unit is the catalog with the entries of every adapting unit on its path
// applied from the top down, so a district's adaptation works on what its state gave it.
//
// Rules this file keeps (packages/core/test/coaching-focus.test.ts checks them):
// - Keys are never removed or reused: an area is retired, not deleted, so engagements, contacts and
//   hand-over plans that name it stay readable. An added key is new in the whole agency.
// - Shipped areas keep their citation when reworded, with the guide's words beside the new ones;
//   added areas cite nothing and say who added them (person, unit, day).
// - Every list keeps at least one area that is not retired.
import { z } from 'zod';
import type { SourceRef } from '../catalogs/sources.js';
import type { FieldIssue } from '../errors.js';
import { COACHING_FOCUS_AREA_CATALOG, type CoachingFocusAreaCatalog, type CoachingFocusAreaPart } from './catalogs.js';

export const COACHING_FOCUS_KEY_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const COACHING_FOCUS_LABEL_MAX = 120;
export const COACHING_FOCUS_TEXT_MAX = 1000;

/** Who made a change, where and when (the day is the server's UTC day). */
export interface CoachingFocusStamp {
  personId: string | null;
  personName: string;
  unitId: string;
  unitName: string;
  on: string;
}

/** One adapting unit's own entry for a focus area, as stored. */
export interface CoachingFocusAreaEntry {
  key: string;
  /** `added`: an area of this unit's own; `changed`: a reword or retirement of an area it inherited. */
  kind: 'added' | 'changed';
  label?: string | undefined;
  text?: string | undefined;
  addedBy?: CoachingFocusStamp | undefined;
  changedBy?: CoachingFocusStamp | undefined;
  retired?: (CoachingFocusStamp & { reason: string | null }) | undefined;
}

export interface CoachingFocusLayer {
  unitId: string;
  unitName: string;
  entries: readonly CoachingFocusAreaEntry[];
}

export type CoachingFocusAreaOrigin = 'catalog' | 'reworded' | 'added';

/** A focus area as it holds at a unit. */
export interface CoachingFocusAreaInForce {
  key: string;
  label: string;
  text: string;
  parts?: CoachingFocusAreaPart[] | undefined;
  /** `catalog`: the guide's words; `reworded`: a shipped area in a unit's words; `added`: a unit's own. */
  origin: CoachingFocusAreaOrigin;
  /** The citation of a shipped area (kept when reworded); null for an added one. */
  source: SourceRef | null;
  /** For a reworded shipped area: the catalog's label and the guide's words. */
  shipped?: { label: string; text: string } | undefined;
  addedBy?: CoachingFocusStamp | undefined;
  /** The last reword. */
  changedBy?: CoachingFocusStamp | undefined;
  /** Set when retired: not offered for new engagements, contacts or plans; still shown where used. */
  retired?: (CoachingFocusStamp & { reason: string | null }) | undefined;
}

/** The list in force at a unit, from the catalog and the adaptations of the units on its path (top down). */
export function coachingFocusAreasInForce(layers: readonly CoachingFocusLayer[], catalog: CoachingFocusAreaCatalog = COACHING_FOCUS_AREA_CATALOG): CoachingFocusAreaInForce[] {
  const areas: CoachingFocusAreaInForce[] = catalog.areas.map((a) => ({ key: a.key, label: a.label, text: a.text, ...(a.parts ? { parts: a.parts } : {}), origin: 'catalog', source: a.source }));
  for (const layer of layers) applyEntries(areas, layer.entries);
  return areas;
}

function applyEntries(areas: CoachingFocusAreaInForce[], entries: readonly CoachingFocusAreaEntry[]): void {
  for (const e of entries) {
    if (e.kind === 'added') {
      if (areas.some((a) => a.key === e.key)) continue;
      areas.push({ key: e.key, label: e.label ?? e.key, text: e.text ?? '', origin: 'added', source: null, addedBy: e.addedBy, changedBy: e.changedBy, retired: e.retired });
      continue;
    }
    const a = areas.find((x) => x.key === e.key);
    if (!a) continue;
    if (e.label !== undefined || e.text !== undefined) {
      if (a.origin === 'catalog') {
        a.shipped = { label: a.label, text: a.text };
        a.origin = 'reworded';
      }
      if (e.label !== undefined) a.label = e.label;
      if (e.text !== undefined) {
        a.text = e.text;
        // The guide's sub-items belong to its words; a reworded text stands alone.
        delete a.parts;
      }
      a.changedBy = e.changedBy;
    }
    if (e.retired) a.retired = e.retired;
  }
}

// ---- Changing one unit's adaptation ----------------------------------------------------------------

const label = z.string({ error: 'must be text' }).trim().min(1, 'must not be empty').max(COACHING_FOCUS_LABEL_MAX, `must be at most ${COACHING_FOCUS_LABEL_MAX} characters`);
const areaText = z.string({ error: 'must be text' }).trim().min(1, 'must not be empty').max(COACHING_FOCUS_TEXT_MAX, `must be at most ${COACHING_FOCUS_TEXT_MAX.toLocaleString('en-US')} characters`);
export const CoachingFocusKeySchema = z
  .string({ error: 'must be a focus area key like celebrate-progress' })
  .max(80, 'must be at most 80 characters')
  .regex(COACHING_FOCUS_KEY_PATTERN, 'must be a focus area key like celebrate-progress (lowercase letters, digits and single hyphens)');

export const CoachingFocusAreaChangeSchema = z.discriminatedUnion(
  'op',
  [
    z
      .strictObject({ op: z.literal('reword'), key: CoachingFocusKeySchema, label: label.optional(), text: areaText.optional() })
      .refine((c) => c.label !== undefined || c.text !== undefined, { path: ['label'], message: 'or text must be given: the new words' }),
    z.strictObject({ op: z.literal('add'), key: CoachingFocusKeySchema.optional(), label, text: areaText }),
    z.strictObject({ op: z.literal('retire'), key: CoachingFocusKeySchema, reason: z.string({ error: 'must be text' }).trim().max(500, 'must be at most 500 characters').nullable().optional() }),
    z.strictObject({ op: z.literal('restore'), key: CoachingFocusKeySchema }),
  ],
  { error: 'must be a change: { op: "reword" | "add" | "retire" | "restore", … }' },
);
export type CoachingFocusAreaChange = z.infer<typeof CoachingFocusAreaChangeSchema>;

export const CoachingFocusAreasUpdate = z.strictObject({
  version: z.int({ error: 'must be a whole number: the version you loaded (0 when the unit has not adapted its focus areas yet)' }).min(0, 'must be 0 or more'),
  changes: z.array(CoachingFocusAreaChangeSchema, { error: 'must be a list of changes' }).min(1, 'must make at least one change').max(50, 'must make at most 50 changes'),
});
export type CoachingFocusAreasUpdate = z.infer<typeof CoachingFocusAreasUpdate>;

/** A key for an added area, from its label: "Family engagement nights" → "family-engagement-nights". */
export function coachingFocusKeyFrom(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  return slug || 'area';
}

/**
 * Applies changes to one unit's own entries. `inherited` is the list in force at the unit's parent;
 * `taken` every key added anywhere in the agency (added keys are new everywhere). Returns the new
 * entries, or the problems, each naming `changes.<i>…`.
 */
export function applyCoachingFocusAreaChanges(
  inherited: readonly CoachingFocusAreaInForce[],
  own: readonly CoachingFocusAreaEntry[],
  changes: readonly CoachingFocusAreaChange[],
  stamp: CoachingFocusStamp,
  taken: ReadonlySet<string>,
): { entries: CoachingFocusAreaEntry[]; issues: FieldIssue[] } {
  const entries: CoachingFocusAreaEntry[] = own.map((e) => ({ ...e }));
  const issues: FieldIssue[] = [];
  const inForce = () => {
    const areas = inherited.map((a) => ({ ...a }));
    applyEntries(areas, entries);
    return areas;
  };
  changes.forEach((c, i) => {
    const field = `changes.${i}`;
    const areas = inForce();
    if (c.op === 'add') {
      const base = c.key ?? coachingFocusKeyFrom(c.label);
      let key = base;
      if (c.key !== undefined) {
        if (areas.some((a) => a.key === key) || taken.has(key)) {
          issues.push({ field: `${field}.key`, message: `"${key}" is already a focus area key: choose a new key (keys are never reused)` });
          return;
        }
      } else {
        for (let n = 2; areas.some((a) => a.key === key) || taken.has(key); n++) key = `${base}-${n}`;
      }
      const sameLabel = areas.find((a) => !a.retired && a.label.toLowerCase() === c.label.toLowerCase());
      if (sameLabel) {
        issues.push({ field: `${field}.label`, message: `is already the label of the focus area "${sameLabel.key}": reword that one or choose another label` });
        return;
      }
      entries.push({ key, kind: 'added', label: c.label, text: c.text, addedBy: stamp });
      return;
    }
    const area = areas.find((a) => a.key === c.key);
    if (!area) {
      issues.push({ field: `${field}.key`, message: `is not a focus area here: use one of ${areas.map((a) => a.key).join(', ')}` });
      return;
    }
    let entry = entries.find((e) => e.key === c.key);
    const ensure = () => {
      if (!entry) {
        entry = { key: c.key, kind: 'changed' };
        entries.push(entry);
      }
      return entry;
    };
    if (c.op === 'reword') {
      if (c.label !== undefined) {
        const clash = areas.find((a) => a.key !== c.key && !a.retired && a.label.toLowerCase() === c.label!.toLowerCase());
        if (clash) {
          issues.push({ field: `${field}.label`, message: `is already the label of the focus area "${clash.key}": choose another label` });
          return;
        }
      }
      const e = ensure();
      if (c.label !== undefined) e.label = c.label;
      if (c.text !== undefined) e.text = c.text;
      e.changedBy = stamp;
    } else if (c.op === 'retire') {
      if (area.retired) {
        issues.push({ field: `${field}.key`, message: `was already retired by ${area.retired.unitName} on ${area.retired.on}` });
        return;
      }
      if (areas.filter((a) => !a.retired).length <= 1) {
        issues.push({ field: `${field}.key`, message: 'is the last focus area in use: keep at least one (add another first)' });
        return;
      }
      ensure().retired = { ...stamp, reason: c.reason ?? null };
    } else {
      if (!entry?.retired) {
        issues.push({
          field: `${field}.key`,
          message: area.retired ? `was retired by ${area.retired.unitName}, not here: only ${area.retired.unitName} can restore it` : 'is not retired',
        });
        return;
      }
      delete entry.retired;
      if (entry.kind === 'changed' && entry.label === undefined && entry.text === undefined) entries.splice(entries.indexOf(entry), 1);
    }
  });
  return { entries, issues };
}

/**
 * Problems with focus area keys chosen at a unit: each must be in the list in force there and not
 * retired, unless it is in `keep` (already chosen before it was retired: it stays readable).
 */
export function coachingFocusKeyIssues(areas: readonly CoachingFocusAreaInForce[], keys: readonly string[], field: string, keep: readonly string[] = [], unitName = 'this unit'): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const active = areas.filter((a) => !a.retired).map((a) => a.key);
  keys.forEach((k, i) => {
    const a = areas.find((x) => x.key === k);
    if (!a) issues.push({ field: `${field}.${i}`, message: `must be a focus area from Appendix B or one added for ${unitName}: ${active.join(', ')}` });
    else if (a.retired && !keep.includes(k)) issues.push({ field: `${field}.${i}`, message: `"${a.label}" was retired by ${a.retired.unitName} on ${a.retired.on}: choose a focus area in use` });
  });
  return issues;
}
