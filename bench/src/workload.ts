// Which requests the benchmark sends: the paths of each latency figure and of the mixed read load.
import type { BenchState } from './generate.js';

const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;
const PEOPLE_WORDS = ['ana', 'chen', 'counselor', 'principal'];

export interface LatencyCase {
  key: string;
  label: string;
  requests: number;
  /** Whether the report shows the mean too (the headline figures). */
  headline?: boolean;
  path: (s: BenchState) => string;
}

/** Each measured one request at a time; bounded by count here and by time in PLAN. */
export const LATENCY_CASES: LatencyCase[] = [
  { key: 'districtSubtree', label: 'district subtree', requests: 200, headline: true, path: (s) => `/api/units/${pick(s.districtIds)}/subtree` },
  { key: 'stateTwoLevels', label: 'state subtree depth=2', requests: 100, headline: true, path: (s) => `/api/units/${s.stateId}/subtree?depth=2` },
  { key: 'roots', label: 'roots', requests: 100, path: () => '/api/units/roots' },
  { key: 'stateChildren', label: 'children of the state', requests: 100, path: (s) => `/api/units/${s.stateId}/children` },
  { key: 'regionChildren', label: 'children of a region', requests: 100, path: (s) => `/api/units/${pick(s.regionIds)}/children` },
  { key: 'unitDetail', label: 'unit detail (a school)', requests: 50, path: (s) => `/api/units/${pick(s.schoolIds)}` },
  { key: 'unitSearch', label: 'unit search ?q=', requests: 50, path: (s) => `/api/units?q=${pick(s.searchWords)}&limit=50` },
  { key: 'peopleList', label: 'people list', requests: 50, path: () => '/api/people?limit=50' },
  { key: 'peopleSearch', label: 'people search ?q=', requests: 50, path: () => `/api/people?limit=50&q=${pick(PEOPLE_WORDS)}` },
];

/** One request of the mixed load: subtree, children, unit detail, unit search, people list. */
export function mixedPath(s: BenchState): () => string {
  const kinds = [
    () => `/api/units/${pick(s.districtIds)}/subtree`,
    () => `/api/units/${pick(Math.random() < 0.5 ? s.regionIds : s.districtIds)}/children`,
    () => `/api/units/${pick(s.schoolIds)}`,
    () => `/api/units?q=${pick(s.searchWords)}&limit=50`,
    () => `/api/people?limit=50${Math.random() < 0.5 ? `&q=${pick(PEOPLE_WORDS)}` : ''}`,
  ];
  return () => pick(kinds)();
}
