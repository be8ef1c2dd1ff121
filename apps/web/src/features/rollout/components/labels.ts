// How roll-out months, phases and figures read on screen.
import type { RolloutPhaseKind, RolloutPriorityKey } from '@trellis/core';

const longMonth = new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const shortMonth = new Intl.DateTimeFormat('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const monthOnly = new Intl.DateTimeFormat('en-US', { month: 'short', timeZone: 'UTC' });
const monthName = new Intl.DateTimeFormat('en-US', { month: 'long', timeZone: 'UTC' });

const toDate = (label: string) => {
  const [y, m] = label.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1, 1));
};

/** "2027-09" → "September 2027". */
export const formatMonth = (label: string | null | undefined) => (label ? longMonth.format(toDate(label)) : '—');
/** "2027-09" → "Sep 2027". */
export const formatShortMonth = (label: string | null | undefined) => (label ? shortMonth.format(toDate(label)) : '—');
/** "2027-09" → "Sep". */
export const monthAbbreviation = (label: string) => monthOnly.format(toDate(label));
/** "2027-09" → "27". */
export const yearDigits = (label: string) => label.slice(2, 4);
/** "Sep 2027–Oct 2027", or "Sep 2027" when it is one month. */
export const formatMonthRange = (start: string | null, end: string | null) => {
  if (!start && !end) return '—';
  if (!start) return `until ${formatShortMonth(end)}`;
  if (!end || start === end) return formatShortMonth(start);
  return `${formatShortMonth(start)}–${formatShortMonth(end)}`;
};

/** Month numbers 1–12 with their names, for the blackout checkboxes. */
export const MONTHS = Array.from({ length: 12 }, (_, i) => ({ number: i + 1, name: monthName.format(new Date(Date.UTC(2000, i, 1))) }));

export const PHASE_KIND_LABELS: Record<RolloutPhaseKind, string> = {
  readiness: 'Readiness',
  intensive: 'Intensive',
  'cycling-back': 'Cycling back',
  institutionalization: 'Institutionalization',
};

export const PRIORITY_KEY_LABELS: Record<RolloutPriorityKey, string> = {
  need: 'Need (highest first)',
  readiness: 'Readiness (highest first)',
  enrollment: 'Enrollment (largest first)',
};

const oneDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
export const formatYears = (years: number) => `${oneDecimal.format(years)} ${years === 1 ? 'year' : 'years'}`;
export const formatMonths = (months: number) => `${months} ${months === 1 ? 'month' : 'months'}`;
export const formatLoad = (load: number) => twoDecimals.format(load);
export const formatPercent = (p: number) => `${oneDecimal.format(p)}%`;

/** What a unit's schools are grouped in: feeder patterns in a district, districts above it. */
export const groupWordOf = (unitKind: string) => (unitKind === 'district' ? 'feeder pattern' : 'district');

/** A fieldset's legend read as a subheading of the form. */
export const LEGEND_STYLES = { legend: { fontWeight: 700, fontSize: 'var(--mantine-font-size-md)', marginBottom: 4 } } as const;
