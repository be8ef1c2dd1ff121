// Which requests the benchmark sends: the paths for each latency figure and the mixed read load.
import type { BenchState } from './generate.js';

const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;

export const paths = (s: BenchState) => ({
  districtSubtree: () => `/api/units/${pick(s.districtIds)}/subtree`,
  stateTwoLevels: () => `/api/units/${s.stateId}/subtree?depth=2`,
  roots: () => '/api/units/roots',
  stateChildren: () => `/api/units/${s.stateId}/children`,
  regionChildren: () => `/api/units/${pick(s.regionIds)}/children`,
});

/** One request of the mixed load: subtree, children, unit detail, unit search, people list. */
export function mixedPath(s: BenchState): () => string {
  const p = paths(s);
  const kinds = [
    p.districtSubtree,
    () => `/api/units/${pick(Math.random() < 0.5 ? s.regionIds : s.districtIds)}/children`,
    () => `/api/units/${pick(s.schoolIds)}`,
    () => `/api/units?q=${pick(s.searchWords)}&limit=50`,
    () => `/api/people?limit=50${Math.random() < 0.5 ? `&q=${pick(['ana', 'chen', 'counselor', 'principal'])}` : ''}`,
  ];
  return () => pick(kinds)();
}
