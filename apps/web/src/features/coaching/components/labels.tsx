// Words and badges shared by the coaching pages: a cadence state's badge, the mode names, dates.
import { Badge } from '@mantine/core';
import { COACHING_CADENCE_STATE_LABELS, COACHING_CONTACT_MODE_LABELS, type CoachingCadenceState, type CoachingContactMode } from '@trellis/core';

// Dark enough on the light variant's tint for 4.5:1 text contrast.
const STATE_COLORS: Record<CoachingCadenceState, string> = { overdue: '#a61e1e', due_soon: '#8a3a00', on_track: '#1e6b32', paused: '#495057', not_applicable: '#495057' };

export function StateBadge({ state }: { state: CoachingCadenceState }) {
  return (
    <Badge color={STATE_COLORS[state]} variant="outline" data-testid="cadence-state">
      {COACHING_CADENCE_STATE_LABELS[state]}
    </Badge>
  );
}

export const modeLabel = (mode: CoachingContactMode) => COACHING_CONTACT_MODE_LABELS[mode];
export const MODE_OPTIONS = (Object.keys(COACHING_CONTACT_MODE_LABELS) as CoachingContactMode[]).map((m) => ({ value: m, label: m === 'onsite' ? 'Onsite visit' : `${COACHING_CONTACT_MODE_LABELS[m]} (e-coaching)` }));

const dayFormat = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
export const formatDay = (day: string) => dayFormat.format(new Date(`${day}T00:00:00Z`));
export const percent = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)}%`);
