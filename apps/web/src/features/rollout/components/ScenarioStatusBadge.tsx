import { Badge, type BadgeProps } from '@mantine/core';
import type { RolloutScenarioStatus } from '@trellis/core';

const LOOK: Record<RolloutScenarioStatus, { label: string; variant: 'light' | 'filled'; color?: string }> = {
  computing: { label: 'Computing', variant: 'filled', color: 'blue.9' },
  ready: { label: 'Ready', variant: 'light' },
  failed: { label: 'Failed', variant: 'filled', color: 'red.9' },
};

/** A scenario's status in words (the colour only repeats them). */
export function ScenarioStatusBadge({ status, size }: { status: RolloutScenarioStatus; size?: BadgeProps['size'] }) {
  const look = LOOK[status];
  return (
    <Badge variant={look.variant} color={look.color} size={size}>
      {look.label}
    </Badge>
  );
}
