// An agency's own benchmark instrument, built from another (the shipped checklist, or one of its own
// for a new version) or from nothing: items left out, reworded or added, areas added. Items kept from
// the base keep their citation; reworded ones say who changed them and what they said before; added
// ones cite no document and say who added them (docs/decisions/0021).
import { z } from 'zod';
import { invalid, type FieldIssue } from '../errors.js';
import { PLAN_PHASES } from '../plans/templates.js';
import { BENCHMARK_SCALE, type BenchmarkArea, type BenchmarkInstrument, type BenchmarkItem, type BenchmarkItemDepartures } from './instruments.js';
import type { BenchmarkInstrumentCreate } from './report.js';
import { ProgressInstrumentRefSchema } from './schemas.js';

/** Retire an agency's instrument: it is no longer offered for new assessments; those made with it stay. */
export const BenchmarkInstrumentRetire = z.strictObject({
  instrument: ProgressInstrumentRefSchema,
});
export type BenchmarkInstrumentRetire = z.infer<typeof BenchmarkInstrumentRetire>;

/** Orders calendar versions (2026.11.0 < 2026.11.2 < 2026.12.0) by their numbers, not as text. */
export function compareInstrumentVersions(a: string, b: string): number {
  const parts = (v: string) => v.split(/[-+]/)[0]!.split('.').map(Number);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

type Changes = Pick<BenchmarkInstrumentCreate, 'id' | 'version' | 'name' | 'summary' | 'areas' | 'items' | 'removeItems' | 'changeItems'>;

const REWORDABLE = ['title', 'area', 'phase', 'evidence'] as const;

/**
 * The instrument `changes` make of `base` (null: a blank instrument), built by `by` (the unit's name)
 * on `publishedOn`. Throws `invalid` naming every problem: an item left out or reworded that the base
 * does not have, an added item whose key the base already uses, an area that is not one, an added area
 * with no item, an instrument left with no item.
 */
export function buildBenchmarkInstrument(base: BenchmarkInstrument | null, changes: Changes, by: string, publishedOn: string): BenchmarkInstrument {
  const issues: FieldIssue[] = [];
  const baseItems = new Map((base?.items ?? []).map((i) => [i.key, i] as const));
  const baseName = base ? `${base.name} ${base.version}` : 'a blank instrument';

  const removed = new Set<string>();
  changes.removeItems.forEach((key, i) => {
    if (!baseItems.has(key)) issues.push({ field: `removeItems.${i}`, message: `"${key}" is not an item of ${baseName}` });
    removed.add(key);
  });

  const areaKeys = new Set((base?.areas ?? []).map((a) => a.key));
  changes.areas.forEach((a, i) => {
    if (areaKeys.has(a.key)) issues.push({ field: `areas.${i}.key`, message: `"${a.key}" is already an area; area keys must be unique` });
    areaKeys.add(a.key);
  });
  const areaRule = () => (areaKeys.size ? `use one of ${[...areaKeys].join(', ')}` : 'add an area first');

  const changed = new Map<string, Changes['changeItems'][number]>();
  changes.changeItems.forEach((c, i) => {
    if (!baseItems.has(c.key)) issues.push({ field: `changeItems.${i}.key`, message: `"${c.key}" is not an item of ${baseName}` });
    else if (removed.has(c.key)) issues.push({ field: `changeItems.${i}.key`, message: `"${c.key}" is left out (removeItems); reword it or leave it out, not both` });
    if (c.area !== undefined && !areaKeys.has(c.area)) issues.push({ field: `changeItems.${i}.area`, message: `"${c.area}" is not an area; ${areaRule()}` });
    changed.set(c.key, c);
  });

  const added = new Set<string>();
  changes.items.forEach((it, i) => {
    if (baseItems.has(it.key)) issues.push({ field: `items.${i}.key`, message: `"${it.key}" is already an item of ${baseName}; give the new item its own key, or reword that one` });
    else if (added.has(it.key)) issues.push({ field: `items.${i}.key`, message: `"${it.key}" is used twice; keys must be unique` });
    added.add(it.key);
    if (!areaKeys.has(it.area)) issues.push({ field: `items.${i}.area`, message: `"${it.area}" is not an area; ${areaRule()}` });
    if (it.phase !== null && !(PLAN_PHASES as readonly string[]).includes(it.phase)) issues.push({ field: `items.${i}.phase`, message: `must be one of ${PLAN_PHASES.join(', ')}, or null` });
  });

  const items: BenchmarkItem[] = [];
  for (const item of base?.items ?? []) {
    if (removed.has(item.key)) continue;
    const c = changed.get(item.key);
    if (!c) {
      items.push(item);
      continue;
    }
    const departures: BenchmarkItemDepartures = {};
    const next: BenchmarkItem = { ...item };
    for (const field of REWORDABLE) {
      const value = c[field];
      if (value === undefined || value === item[field]) continue;
      (departures as Record<string, unknown>)[field] = item[field];
      (next as unknown as Record<string, unknown>)[field] = value;
    }
    if (Object.keys(departures).length === 0) {
      items.push(item);
      continue;
    }
    // What the item said first (the shipped wording) wins over what a later copy said.
    items.push({ ...next, changedBy: by, departures: { ...departures, ...item.departures } });
  }
  for (const it of changes.items) items.push({ key: it.key, title: it.title, area: it.area, phase: it.phase, evidence: it.evidence, addedBy: by });

  if (items.length === 0) issues.push({ field: 'items', message: 'must leave the instrument at least one item' });
  const used = new Set(items.map((i) => i.area));
  changes.areas.forEach((a, i) => {
    if (!used.has(a.key)) issues.push({ field: `areas.${i}`, message: `"${a.label}" has no item; add one to it or leave the area out` });
  });
  if (issues.length > 0) throw invalid(`The instrument cannot be built: ${issues.map((x) => `${x.field} ${x.message}`).join('; ')}.`, issues);

  // Areas of the base that lose all their items go too, so that no assessment shows an empty area.
  const areas: BenchmarkArea[] = [...(base?.areas ?? []).filter((a) => used.has(a.key)), ...changes.areas];
  const instrument: BenchmarkInstrument = {
    kind: 'benchmark',
    id: changes.id,
    version: changes.version,
    publishedOn,
    name: changes.name,
    summary: changes.summary ?? (base ? `${base.name}, as ${by} adapted it.` : `${by}’s own benchmark checklist.`),
    scale: BENCHMARK_SCALE,
    areas,
    items,
    builtBy: by,
  };
  if (base) {
    instrument.basedOn = { id: base.id, version: base.version };
    if (removed.size) instrument.removed = base.items.filter((i) => removed.has(i.key)).map((i) => ({ key: i.key, title: i.title }));
  }
  return instrument;
}

/** How an agency's instrument departs from the one it was built from, for showing beside it. */
export function instrumentDepartures(instrument: Pick<BenchmarkInstrument, 'items' | 'removed'>) {
  return {
    kept: instrument.items.filter((i) => !i.addedBy && !i.changedBy).length,
    reworded: instrument.items.filter((i) => i.changedBy),
    added: instrument.items.filter((i) => i.addedBy),
    removed: instrument.removed ?? [],
  };
}
