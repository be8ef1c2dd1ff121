// How the resource map reads on screen: money, FTE, coverage bands (each with a word, never colour
// alone) and the kinds findings are grouped by.
import type { ResourceFindingCode } from '@trellis/core';

const dollars = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const fte = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });

export const formatCost = (n: number | null | undefined) => (n === null || n === undefined ? '—' : dollars.format(n));
export const formatFte = (n: number | null | undefined) => (n === null || n === undefined ? '—' : fte.format(n));
export const formatPercent = (n: number) => percent.format(n);

export type CoverageBand = 'empty' | 'low' | 'some' | 'broad' | 'unknown';

/** The band a cell falls in: empty (nothing mapped), low (under the gap threshold), some, broad (a quarter or more of the students). */
export function coverageBand(count: number, coverage: number | null, minCoverage: number): CoverageBand {
  if (count === 0) return 'empty';
  if (coverage === null) return 'unknown';
  if (coverage < minCoverage) return 'low';
  return coverage >= 0.25 ? 'broad' : 'some';
}

export const COVERAGE_BANDS: Record<CoverageBand, { label: string; describe: (minCoverage: number) => string; background: string; border: string }> = {
  empty: { label: 'Gap', describe: () => 'nothing mapped', background: '#fde2e1', border: '#c92a2a' },
  low: { label: 'Low', describe: (m) => `serves under ${formatPercent(m)} of the students`, background: '#fff3bf', border: '#a86400' },
  some: { label: 'Some', describe: (m) => `serves ${formatPercent(m)} to 25% of the students`, background: '#e7f5ff', border: '#1864ab' },
  broad: { label: 'Broad', describe: () => 'serves 25% of the students or more', background: '#d3f9d8', border: '#2b8a3e' },
  unknown: { label: 'Coverage unknown', describe: () => 'resources mapped, but the number of students is unknown', background: '#f1f3f5', border: '#495057' },
};

export const FINDING_GROUPS: { key: string; title: string; codes: ResourceFindingCode[] }[] = [
  { key: 'gaps', title: 'Gaps', codes: ['no_resources_mapped', 'gap_empty', 'gap_low_coverage'] },
  { key: 'redundancies', title: 'Redundancies', codes: ['redundancy'] },
  { key: 'fragmentation', title: 'Fragmentation', codes: ['fragmentation'] },
  { key: 'funding', title: 'Funding ending', codes: ['funding_expiring', 'funding_ended'] },
  { key: 'economies', title: 'Economies of scale', codes: ['economies_of_scale'] },
];
