import { Badge, type BadgeProps } from '@mantine/core';
import type { RolloutScenarioStatus } from '@trellis/core';

const LOOK: Record<RolloutScenarioStatus, { label: string; color: string }> = {
  computing: { label: 'Computing', color: 'blue.9' },
  ready: { label: 'Ready', color: 'trellis' },
  failed: { label: 'Failed', color: 'red.9' },
};

/** A scenario's status in words (the colour only repeats them). */
export function ScenarioStatusBadge({ status, size }: { status: RolloutScenarioStatus; size?: BadgeProps['size'] }) {
  return (
    <Badge variant="light" color={LOOK[status].color} size={size}>
      {LOOK[status].label}
    </Badge>
  );
}
