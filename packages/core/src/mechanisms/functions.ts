// Where a unit's list of a mechanism's functions departs from the catalog it was copied from.
// A unit starts from the catalog's functions and customizes its copy: rewords one, drops one with a
// reason, adds its own. Departures are computed against the catalog version the mechanism records.
import type { SourceRef } from '../catalogs/sources.js';
import type { MechanismFunction } from './catalog.js';

export const FUNCTION_DEPARTURES = ['as-catalog', 'reworded', 'dropped', 'added'] as const;
export type FunctionDeparture = (typeof FUNCTION_DEPARTURES)[number];

/** A unit's function as departures need it: the catalog key it came from (null when added locally). */
export interface UnitFunction {
  catalogKey: string | null;
  text: string;
  droppedReason: string | null;
}

export type AnnotatedFunction<F extends UnitFunction> = F & {
  departure: FunctionDeparture;
  /** The catalog's words, for a function that came from the catalog (null when added locally). */
  catalogText: string | null;
  /** Where the documents state it (null when added locally). */
  source: SourceRef | null;
};

export interface FunctionDepartures<F extends UnitFunction> {
  /** Every unit function, in the order given, with its departure. */
  functions: AnnotatedFunction<F>[];
  asCatalog: AnnotatedFunction<F>[];
  /** Kept, but in the unit's own words; `catalogText` has the catalog's. */
  reworded: AnnotatedFunction<F>[];
  /** Dropped with a reason (`droppedReason`), whatever their wording. */
  dropped: AnnotatedFunction<F>[];
  /** Added by the unit (or from a catalog key the catalog no longer has). */
  added: AnnotatedFunction<F>[];
  /** Catalog functions with no entry at all in the unit's list. */
  missing: MechanismFunction[];
  /** True when anything departs from the catalog. */
  departs: boolean;
}

/** Whitespace does not count as rewording. */
const normalize = (text: string) => text.trim().replace(/\s+/g, ' ');

export function functionDepartures<F extends UnitFunction>(catalogFunctions: readonly MechanismFunction[], unitFunctions: readonly F[]): FunctionDepartures<F> {
  const byKey = new Map(catalogFunctions.map((f) => [f.key, f]));
  const functions = unitFunctions.map((f): AnnotatedFunction<F> => {
    const entry = f.catalogKey === null ? undefined : byKey.get(f.catalogKey);
    const departure: FunctionDeparture =
      f.droppedReason !== null ? 'dropped' : entry === undefined ? 'added' : normalize(entry.text) === normalize(f.text) ? 'as-catalog' : 'reworded';
    return { ...f, departure, catalogText: entry?.text ?? null, source: entry?.source ?? null };
  });
  const present = new Set(unitFunctions.map((f) => f.catalogKey));
  const missing = catalogFunctions.filter((f) => !present.has(f.key));
  const of = (d: FunctionDeparture) => functions.filter((f) => f.departure === d);
  const result = { functions, asCatalog: of('as-catalog'), reworded: of('reworded'), dropped: of('dropped'), added: of('added'), missing };
  return { ...result, departs: result.reworded.length + result.dropped.length + result.added.length + missing.length > 0 };
}
