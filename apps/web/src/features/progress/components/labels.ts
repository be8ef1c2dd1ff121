// How progress figures read on screen: periods, means on the 0–3 benchmark scale, shares, changes,
// and why a barrier needs attention.
import { BARRIER_STATUS_LABELS, READINESS_PRIVACY_FLOOR, BENCHMARK_RATING_LABELS, type BarrierStaleness, type BarrierStatus, type BenchmarkDistribution, parseProgressPeriod, previousProgressPeriod, progressPeriodContaining } from '@trellis/core';
import { plural } from '../../../lib/format';

/** Today as the server counts it (UTC), so a date sent as "today" is never in the server's future. */
export const todayUtc = () => new Date().toISOString().slice(0, 10);

export const currentQuarter = () => progressPeriodContaining(todayUtc());

/** The current quarter and the seven before it, newest first. */
export function recentQuarters(count = 8, from = currentQuarter()): string[] {
  const out = [from];
  while (out.length < count) out.push(previousProgressPeriod(out.at(-1)!));
  return out;
}

const monthName = new Intl.DateTimeFormat('en-US', { month: 'long', timeZone: 'UTC' });
const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' });

/** "2026-Q4 (October to December 2026)". */
export function periodLabel(period: string): string {
  try {
    const p = parseProgressPeriod(period);
    const from = monthName.format(new Date(`${p.start}T00:00:00Z`));
    const to = monthName.format(new Date(`${p.end}T00:00:00Z`));
    return p.kind === 'quarter' ? `${period} (${from} to ${to} ${p.year})` : `${from} ${p.year}`;
  } catch {
    return period;
  }
}

/** A YYYY-MM-DD day as "Nov 23, 2026". */
export const formatDay = (day: string) => dateFormat.format(new Date(`${day.slice(0, 10)}T00:00:00Z`));

export const formatMean = (mean: number | null | undefined, digits = 1) => (mean === null || mean === undefined ? '—' : mean.toFixed(digits));
export const formatShare = (share: number | null | undefined) => (share === null || share === undefined ? '—' : `${Math.round(share * 100)}%`);
export const formatChange = (change: number | null | undefined, digits = 2) =>
  change === null || change === undefined ? 'no earlier figure to compare' : change === 0 ? 'no change' : `${change > 0 ? '+' : '−'}${Math.abs(change).toFixed(digits)}`;

/** The nearest scale point of a 0–3 mean, in words: "between planned and developing" reads worse than the nearest label. */
export function meanWords(mean: number | null): string {
  if (mean === null) return 'nothing rated';
  const labels = [BENCHMARK_RATING_LABELS.not_yet, BENCHMARK_RATING_LABELS.planned, BENCHMARK_RATING_LABELS.developing, BENCHMARK_RATING_LABELS.fully_in_place];
  return `${mean.toFixed(1)} of 3 (about “${labels[Math.round(mean)]!.toLowerCase()}”)`;
}

/** "12 rated: 3 fully in place, 5 developing, 2 planned, 2 not yet". */
export function distributionWords(d: BenchmarkDistribution): string {
  if (d.rated === 0) return 'nothing rated';
  const parts = (['fully_in_place', 'developing', 'planned', 'not_yet'] as const).map((r) => `${d.counts[r]} ${BENCHMARK_RATING_LABELS[r].toLowerCase()}`);
  return `${plural(d.rated, 'rating')}: ${parts.join(', ')}`;
}

export const barrierStatusLabel = (s: BarrierStatus) => BARRIER_STATUS_LABELS[s];

/** Why a barrier needs attention, in words. */
export function staleWords(s: BarrierStaleness): string {
  const reasons: string[] = [];
  if (s.reasons.includes('no_update')) reasons.push(`no update for ${plural(s.daysSinceUpdate, 'day')}`);
  if (s.reasons.includes('past_target') && s.daysPastTarget !== null) reasons.push(`${plural(s.daysPastTarget, 'day')} past its target date`);
  return reasons.join(' and ');
}

export const RATING_COLORS = { not_yet: '#adb5bd', planned: '#74c0fc', developing: '#1c7ed6', fully_in_place: '#1f6b44' } as const;

const WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
/** Small numbers in words, as plain prose writes them ("once five have answered"). */
export const numberWord = (n: number) => WORDS[n] ?? String(n);

/** The readiness privacy floor in words: results are "shown once five have answered". */
export const FLOOR_WORDS = numberWord(READINESS_PRIVACY_FLOOR);
