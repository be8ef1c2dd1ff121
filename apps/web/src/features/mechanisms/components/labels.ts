// Words for mechanisms on screen: statuses, departures from the catalog, citations, dates.
import { formatCitation, type FunctionDeparture, type MechanismStatus, type SourceRef } from '@trellis/core';

export const DEPARTURE_LABELS: Record<FunctionDeparture, string> = {
  'as-catalog': 'As in the catalog',
  reworded: 'Reworded',
  dropped: 'Dropped',
  added: 'Added locally',
};

/** The button that moves a mechanism to a status. */
export const STATUS_ACTIONS: Record<MechanismStatus, string> = {
  forming: 'Back to forming',
  active: 'Make active',
  sunsetting: 'Start sunsetting',
  retired: 'Retire',
};

/** "Source: Guide for Planning Coaching (2013), Appendix A — Steering Body — Functions". */
export const citation = (ref: SourceRef | null) => (ref ? `Source: ${formatCitation(ref)}` : null);

const day = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' });
/** A calendar day (YYYY-MM-DD) as "Sep 1, 2026". */
export const formatDay = (iso: string | null) => (iso ? day.format(new Date(`${iso}T00:00:00Z`)) : null);

/** "Sep 1, 2026 – Jun 30, 2027", "From Sep 1, 2026", "Until …", or "—". */
export function formatSpan(startOn: string | null, endOn: string | null) {
  const start = formatDay(startOn);
  const end = formatDay(endOn);
  if (start && end) return `${start} – ${end}`;
  if (start) return `From ${start}`;
  if (end) return `Until ${end}`;
  return '—';
}

/** Today in the browser's calendar, YYYY-MM-DD. */
export function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
