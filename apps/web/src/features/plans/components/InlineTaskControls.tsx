// Quick changes made in the outline itself, without opening the task: its status (whoever may record
// progress) and, while the plan can be edited, its due date. "Blocked" needs a reason, so choosing it
// opens the task's dialog instead. A change someone else made first is shown, not overwritten (409).
import { useEffect, useState } from 'react';
import { Group, NativeSelect, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { TASK_STATUS_LABELS, TASK_STATUSES, type PlanTaskUpdate, type TaskStatus } from '@trellis/core';
import { useAnnounce } from '../../../components/StatusAnnouncer';
import { ProblemError } from '../../../lib/problem';
import { useUpdateTask } from '../api/planMutations';
import { planKeys, type OutlineTask } from '../api/planQueries';

interface Props {
  task: OutlineTask;
  /** May change planning fields (the due date). */
  planning: boolean;
  /** Opens the task's dialog with this status chosen (for "blocked", which needs a reason). */
  onNeedsDialog: (task: OutlineTask) => void;
}

export function InlineTaskControls({ task, planning, onNeedsDialog }: Props) {
  const update = useUpdateTask(task.id);
  const announce = useAnnounce();
  const queryClient = useQueryClient();
  const [due, setDue] = useState(task.dueOn ?? '');
  const [errors, setErrors] = useState<{ status?: string; dueOn?: string }>({});
  const label = `task ${task.number} ${task.title}`;
  // A newer version (saved here, or by someone else) shows its own due date.
  useEffect(() => setDue(task.dueOn ?? ''), [task.dueOn, task.version]);

  const save = (patch: Omit<PlanTaskUpdate, 'version'>, field: 'status' | 'dueOn', done: string) =>
    update.mutate(
      { version: task.version, ...patch },
      {
        onSuccess: () => {
          setErrors({});
          announce(done);
        },
        onError: (e) => {
          if (e instanceof ProblemError && e.status === 409) {
            setErrors({ [field]: 'Someone else changed this task meanwhile; it now shows their version. Make your change again if it is still needed.' });
            void queryClient.invalidateQueries({ queryKey: planKeys.all });
            return;
          }
          const issue = e instanceof ProblemError ? e.errors.find((x) => x.field === field) : undefined;
          setErrors({ [field]: issue ? issue.message : e instanceof Error ? e.message : 'The change was not saved.' });
          if (field === 'dueOn') setDue(task.dueOn ?? '');
        },
      },
    );

  const changeStatus = (status: TaskStatus) => {
    if (status === task.status) return;
    if (status === 'blocked') return onNeedsDialog(task);
    save({ status }, 'status', `Task ${task.number} is now ${TASK_STATUS_LABELS[status].toLowerCase()}.`);
  };

  const saveDue = () => {
    if (due === (task.dueOn ?? '')) return;
    save({ dueOn: due || null }, 'dueOn', due ? `Task ${task.number} is due ${due}.` : `Task ${task.number} has no due date now.`);
  };

  return (
    <Group gap="xs" align="flex-start" wrap="wrap" data-testid="inline-task-controls">
      <NativeSelect
        size="xs"
        label="Status"
        aria-label={`Status of ${label}`}
        data={TASK_STATUSES.map((s) => ({ value: s, label: TASK_STATUS_LABELS[s] }))}
        value={task.status}
        disabled={update.isPending}
        error={errors.status}
        onChange={(e) => changeStatus(e.currentTarget.value as TaskStatus)}
        style={{ flex: '0 1 10rem' }}
      />
      {planning && (
        <TextInput
          size="xs"
          type="date"
          label="Due"
          aria-label={`Due date of ${label}`}
          value={due}
          min={task.startOn ?? undefined}
          disabled={update.isPending}
          error={errors.dueOn}
          onChange={(e) => setDue(e.currentTarget.value)}
          onBlur={saveDue}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              saveDue();
            }
          }}
          style={{ flex: '0 1 10rem' }}
        />
      )}
    </Group>
  );
}
