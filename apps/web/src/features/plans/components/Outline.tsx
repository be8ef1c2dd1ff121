// The plan's outline: every task in order, numbered and indented as the outline nests it, with WHO,
// HOW, WHEN, phase, status, dependencies, evidence, links, the source a template task comes from,
// and a marker when WHO or WHEN is missing. Status (and, in a draft, the due date) change in place;
// everything else in the task's dialog; a draft adds and deletes tasks.
import { useRef, useState } from 'react';
import { Anchor, Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { formatCitation, planningGaps, type TaskStatus } from '@trellis/core';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { useAnnounce } from '../../../components/StatusAnnouncer';
import { useDialog } from '../../../lib/useDialog';
import { useDeleteTask } from '../api/planMutations';
import type { Named, OutlineTask, PlanDetail } from '../api/planQueries';
import { InlineTaskControls } from './InlineTaskControls';
import { TaskStatusBadge } from './PlanBadges';
import { TaskDialog } from './TaskDialog';
import { focusedElement, returnFocusTo } from './returnFocus';
import { formatDay, gapWords, phaseLabel, whoWords } from './labels';

export const gapsOf = (t: OutlineTask) =>
  planningGaps({ status: t.status, personIds: t.people.map((p) => p.id), mechanismIds: t.mechanisms.map((m) => m.id), dueOn: t.dueOn, hasSubtasks: t.hasSubtasks });

interface Props {
  plan: PlanDetail;
  mechanisms: Named[];
  /** May record progress (status, evidence, links) even when the plan is frozen. */
  mayRecordProgress: boolean;
}

export function Outline({ plan, mechanisms, mayRecordProgress }: Props) {
  const dialog = useDialog();
  const [editing, setEditing] = useState<{ task: OutlineTask | null; parent: OutlineTask | null; preset?: TaskStatus }>({ task: null, parent: null });
  const [deleting, setDeleting] = useState<OutlineTask | null>(null);
  const remove = useDeleteTask();
  const announce = useAnnounce();
  const planning = plan.permissions.edit;
  const mayOpen = planning || (mayRecordProgress && (plan.status === 'approved' || plan.status === 'submitted'));
  const numberOf = new Map(plan.tasks.map((t) => [t.id, t.number]));
  const incomplete = plan.tasks.filter((t) => gapsOf(t).length > 0).length;
  const trigger = useRef<HTMLElement | null>(null);
  const open = (task: OutlineTask | null, parent: OutlineTask | null, preset?: TaskStatus) => {
    trigger.current = focusedElement();
    setEditing(preset ? { task, parent, preset } : { task, parent });
    dialog.open();
  };
  const close = () => {
    dialog.close();
    returnFocusTo(trigger.current);
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between" gap="sm">
        <Text size="sm" data-testid="outline-summary">
          {plan.tasks.length} task{plan.tasks.length === 1 ? '' : 's'}
          {incomplete ? `; ${incomplete} with incomplete planning (no WHO or no WHEN)` : '; every task has a WHO and a WHEN'}.
        </Text>
        {planning && <Button onClick={() => open(null, null)}>Add a task</Button>}
      </Group>
      {plan.tasks.length === 0 && (
        <Text size="sm" c="dimmed">
          No tasks yet.
        </Text>
      )}
      <Stack gap="xs" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="Outline of tasks">
        {plan.tasks.map((t) => {
          const gaps = gapsOf(t);
          const who = whoWords(t);
          return (
            <Paper
              key={t.id}
              component="li"
              withBorder
              p="sm"
              data-testid="outline-task"
              data-number={t.number}
              style={{ marginInlineStart: `min(${t.depth * 1.25}rem, 15vw)`, borderInlineStart: gaps.length ? '4px solid var(--mantine-color-orange-9)' : undefined }}
            >
              <Stack gap={4}>
                <Group gap="xs" wrap="nowrap" align="flex-start" justify="space-between">
                  <Text fw={t.hasSubtasks ? 700 : 600} style={{ overflowWrap: 'anywhere' }}>
                    <Text span c="dimmed" fw={600} mr={6}>
                      {t.number}
                    </Text>
                    {t.title}
                  </Text>
                  <Group gap={4} wrap="nowrap">
                    {mayOpen && (
                      <Button size="compact-sm" variant="default" aria-label={`${planning ? 'Edit' : 'Record progress on'} task ${t.number} ${t.title}`} onClick={() => open(t, null)}>
                        {planning ? 'Edit' : 'Progress'}
                      </Button>
                    )}
                  </Group>
                </Group>
                <Group gap="xs" wrap="wrap">
                  <span data-testid="task-status">
                    <TaskStatusBadge status={t.status} />
                  </span>
                  {t.overdue && (
                    <Badge color="red.9" variant="filled" size="sm">
                      Overdue
                    </Badge>
                  )}
                  {gaps.length > 0 && (
                    <Badge color="#9c3b00" variant="outline" size="sm" title={gapWords(gaps)} data-testid="incomplete-marker">
                      Incomplete planning: {gaps.map((g) => (g === 'who' ? 'no WHO' : 'no WHEN')).join(', ')}
                    </Badge>
                  )}
                  {t.phase && (
                    <Text size="xs" c="dimmed">
                      {phaseLabel(t.phase)}
                    </Text>
                  )}
                </Group>
                {mayOpen && <InlineTaskControls task={t} planning={planning} onNeedsDialog={(x) => open(x, null, 'blocked')} />}
                {t.status === 'blocked' && t.blockedReason && <Text size="sm">Blocked: {t.blockedReason}</Text>}
                {!t.hasSubtasks || who || t.how || t.dueOn || t.startOn ? (
                  <Text size="sm" data-testid="task-who-how-when">
                    <b>WHO:</b> {who || '—'} · <b>HOW:</b> {t.how || '—'} · <b>WHEN:</b>{' '}
                    {t.startOn || t.dueOn ? `${t.startOn ? formatDay(t.startOn) : '…'} to ${t.dueOn ? formatDay(t.dueOn) : '…'}` : '—'}
                  </Text>
                ) : null}
                {t.dependsOn.length > 0 && <Text size="sm">Waits for: {t.dependsOn.map((d) => numberOf.get(d) ?? '?').join(', ')}</Text>}
                {t.evidence && <Text size="sm">Evidence: {t.evidence}</Text>}
                {t.links.length > 0 && (
                  <Text size="sm">
                    Links:{' '}
                    {t.links.map((l, i) => (
                      <span key={l.url + i}>
                        {i > 0 && ', '}
                        <Anchor href={l.url} target="_blank" rel="noopener noreferrer">
                          {l.label || l.url}
                        </Anchor>
                      </span>
                    ))}
                  </Text>
                )}
                {t.source && (
                  <Text size="xs" c="dimmed">
                    Source: {formatCitation(t.source)}
                  </Text>
                )}
                {planning && (
                  <Group gap="xs">
                    <Button size="compact-xs" variant="subtle" aria-label={`Add a task under ${t.number} ${t.title}`} onClick={() => open(null, t)}>
                      Add a task under it
                    </Button>
                    <Button size="compact-xs" variant="default" aria-label={`Delete task ${t.number} ${t.title}`} onClick={() => setDeleting(t)}>
                      Delete
                    </Button>
                  </Group>
                )}
              </Stack>
            </Paper>
          );
        })}
      </Stack>
      <TaskDialog key={dialog.key} plan={plan} task={editing.task} parent={editing.parent} mechanisms={mechanisms} opened={dialog.opened} onClose={close} presetStatus={editing.preset} />
      <ConfirmDialog
        opened={deleting !== null}
        title="Delete the task?"
        confirmLabel="Delete the task"
        danger
        pending={remove.isPending}
        error={remove.error}
        onClose={() => {
          setDeleting(null);
          remove.reset();
        }}
        onConfirm={() =>
          deleting &&
          remove.mutate(
            { id: deleting.id, version: deleting.version },
            {
              onSuccess: () => {
                announce(`Deleted the task ${deleting.title}.`);
                setDeleting(null);
              },
            },
          )
        }
      >
        {deleting && (
          <>
            “{deleting.number} {deleting.title}”{deleting.hasSubtasks ? ' and the tasks nested under it' : ''} will be removed from this draft.
          </>
        )}
      </ConfirmDialog>
    </Stack>
  );
}
