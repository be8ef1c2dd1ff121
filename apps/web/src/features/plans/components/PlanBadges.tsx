import { Badge } from '@mantine/core';
import { PLAN_STATUS_LABELS, TASK_STATUS_LABELS, type PlanStatus, type TaskStatus } from '@trellis/core';
import { PLAN_STATUS_COLORS, TASK_STATUS_COLORS } from './labels';

export function PlanStatusBadge({ status, size }: { status: PlanStatus; size?: string }) {
  return (
    <Badge variant="filled" color={PLAN_STATUS_COLORS[status]} size={size} data-testid="plan-status">
      {PLAN_STATUS_LABELS[status]}
    </Badge>
  );
}

export function TaskStatusBadge({ status }: { status: TaskStatus }) {
  return (
    <Badge variant="filled" color={TASK_STATUS_COLORS[status]} size="sm">
      {TASK_STATUS_LABELS[status]}
    </Badge>
  );
}
