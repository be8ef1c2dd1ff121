import { Badge } from '@mantine/core';
import { MECHANISM_STATUS_LABELS, type MechanismStatus } from '@trellis/core';

export function MechanismStatusBadge({ status, size }: { status: MechanismStatus; size?: string }) {
  return (
    <Badge variant={status === 'retired' ? 'filled' : 'light'} color={status === 'retired' ? 'gray.7' : undefined} size={size}>
      {MECHANISM_STATUS_LABELS[status]}
    </Badge>
  );
}
