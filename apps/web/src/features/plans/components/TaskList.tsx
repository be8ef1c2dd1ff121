// Plan tasks from across plans (my tasks, a unit's overdue or incompletely planned ones): each with
// its plan (a link), unit, WHO, WHEN, status and what it lacks, overdue ones marked in words.
import { useState } from 'react';
import { Badge, Button, Group, List, Stack, Text } from '@mantine/core';
import { PLAN_PHASE_CATALOG } from '@trellis/core';
import { AnchorLink } from '../../../components/AnchorLink';
import type { PlanTaskListItem } from '../api/planQueries';
import { TaskStatusBadge } from './PlanBadges';
import { formatDay, gapWords, whoWords } from './labels';

export function TaskList({ tasks, empty, label, showWho = true, limit = 10 }: { tasks: PlanTaskListItem[]; empty: string; label: string; showWho?: boolean; limit?: number }) {
  const [all, setAll] = useState(false);
  if (tasks.length === 0) return <Text size="sm" c="dimmed">{empty}</Text>;
  const shown = all ? tasks : tasks.slice(0, limit);
  return (
    <Stack gap="sm">
      <List listStyleType="none" spacing="sm" aria-label={label} data-testid="task-list">
        {shown.map((t) => (
          <List.Item key={t.id} data-testid="task-list-item" styles={{ itemWrapper: { width: '100%' }, itemLabel: { width: '100%' } }}>
            <Stack gap={2} style={{ borderInlineStart: `4px solid var(--mantine-color-${t.overdue ? 'red-9' : 'gray-4'})`, paddingInlineStart: 'var(--mantine-spacing-sm)' }}>
              <Group gap="xs" wrap="wrap">
                <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                  {t.title}
                </Text>
                <TaskStatusBadge status={t.status} />
                {t.overdue && (
                  <Badge color="red.9" variant="filled" size="sm">
                    Overdue
                  </Badge>
                )}
                {t.gaps.length > 0 && (
                  <Badge color="#9c3b00" variant="outline" size="sm">
                    Incomplete planning
                  </Badge>
                )}
              </Group>
              <Text size="sm">
                In{' '}
                <AnchorLink to="/plans/$planId" params={{ planId: t.planId }}>
                  {t.planTitle}
                </AnchorLink>{' '}
                (version {t.planVersion}, {t.unitName})
              </Text>
              <Text size="sm" c="dimmed">
                {[
                  t.dueOn ? `Due ${formatDay(t.dueOn)}` : 'No due date',
                  t.startOn ? `starts ${formatDay(t.startOn)}` : null,
                  t.phase ? PLAN_PHASE_CATALOG[t.phase].label : null,
                  showWho ? (whoWords(t) ? `WHO: ${whoWords(t)}` : 'No one named') : null,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
              {t.gaps.length > 0 && <Text size="sm">{gapWords(t.gaps)}.</Text>}
            </Stack>
          </List.Item>
        ))}
      </List>
      {shown.length < tasks.length && (
        <Group>
          <Button variant="default" size="xs" onClick={() => setAll(true)}>
            Show all {tasks.length}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
