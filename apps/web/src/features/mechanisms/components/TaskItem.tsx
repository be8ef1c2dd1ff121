// One action item as a task: what, who, by when, overdue or not, and its status, which members
// change in place. Blocking asks what blocks it.
import { useState } from 'react';
import { Badge, Group, NativeSelect, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { TASK_STATUS_LABELS, TASK_STATUSES, TaskUpdate, type Task, type TaskStatus } from '@trellis/core';
import { FormDialog } from '../../../components/FormDialog';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useAnnounce } from '../../../components/StatusAnnouncer';
import { useDialog } from '../../../lib/useDialog';
import { useChangeTask } from '../api/mechanismMutations';
import { mechanismKeys, mechanismTasksQuery } from '../api/mechanismQueries';
import { useDialogForm } from '../../../lib/useDialogForm';
import { formatDay } from './labels';

const statusOptions = TASK_STATUSES.map((s) => ({ value: s, label: s === 'blocked' ? 'Blocked…' : TASK_STATUS_LABELS[s] }));

function BlockTaskDialog({ task, mechanismId, opened, onClose }: { task: Task; mechanismId: string; opened: boolean; onClose: () => void }) {
  const queryClient = useQueryClient();
  const change = useChangeTask(task.id);
  const [reason, setReason] = useState('');
  const [version, setVersion] = useState(task.version);
  const form = useDialogForm(onClose);
  const submit = () => form.send(TaskUpdate, { version, status: 'blocked', blockedReason: reason }, change.mutateAsync, (t) => `“${t.title}” is blocked.`);
  const reload = form.reloader(change, async () => (await queryClient.fetchQuery({ ...mechanismTasksQuery(mechanismId), staleTime: 0 })).find((t) => t.id === task.id), (fresh) => setVersion(fresh.version));
  return (
    <FormDialog opened={opened} onClose={onClose} title={`Block “${task.title}”`} submitLabel="Mark blocked" pending={change.isPending} error={change.error} errorTitle="Could not change the task" onSubmit={submit} onReload={reload} formRef={form.formRef} size="md">
      <Textarea label="What blocks it" required autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={form.errors.blockedReason} />
    </FormDialog>
  );
}

export function TaskItem({ task, mechanismId, mayUpdate }: { task: Task; mechanismId: string; mayUpdate: boolean }) {
  const queryClient = useQueryClient();
  const change = useChangeTask(task.id);
  const block = useDialog();
  const announce = useAnnounce();

  const move = (status: TaskStatus) => {
    if (status === 'blocked') return block.open();
    change.mutate({ version: task.version, status }, { onSuccess: (t) => announce(`“${t.title}” is now ${TASK_STATUS_LABELS[t.status].toLowerCase()}.`) });
  };
  const reload = async () => {
    await queryClient.invalidateQueries({ queryKey: mechanismKeys.all });
    change.reset();
  };

  return (
    <Paper component="li" withBorder p="xs" radius="sm" data-testid="task" data-status={task.status}>
      <Group justify="space-between" align="flex-start" gap="sm" wrap="wrap">
        <Stack gap={2} style={{ minWidth: 0, flex: '1 1 14rem' }}>
          <Text size="sm" fw={500} td={task.status === 'done' ? 'line-through' : undefined} style={{ overflowWrap: 'anywhere' }}>
            {task.title}
          </Text>
          <Group gap="xs" wrap="wrap">
            <Text size="xs">{task.ownerName ? `Owner: ${task.ownerName}` : 'No owner yet'}</Text>
            <Text size="xs">{task.dueOn ? `Due ${formatDay(task.dueOn)}` : 'No due date'}</Text>
            {task.overdue && (
              <Badge color="red.9" variant="outline" size="sm">
                Overdue
              </Badge>
            )}
          </Group>
          {task.status === 'blocked' && task.blockedReason && <Text size="xs">Blocked: {task.blockedReason}</Text>}
        </Stack>
        {mayUpdate ? (
          <NativeSelect size="xs" aria-label={`Status of “${task.title}”`} data={statusOptions} value={task.status} onChange={(e) => move(e.currentTarget.value as TaskStatus)} disabled={change.isPending} />
        ) : (
          <Badge variant="outline" color={task.status === 'blocked' ? 'red.9' : 'gray.7'}>
            {TASK_STATUS_LABELS[task.status]}
          </Badge>
        )}
      </Group>
      <ProblemAlert error={change.error} title="Could not change the task" onReload={() => void reload()} />
      {mayUpdate && <BlockTaskDialog key={block.key} task={task} mechanismId={mechanismId} opened={block.opened} onClose={block.close} />}
    </Paper>
  );
}
