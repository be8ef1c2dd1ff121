// My tasks: the open plan tasks that name me in WHO, across every plan I can read, soonest due
// first, overdue ones marked. My due dates download as a calendar file, or a calendar app can
// subscribe to them at a private address.
import { useState } from 'react';
import { Alert, Anchor, Button, CopyButton, Group, Stack, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { PageHeader } from '../../../components/PageHeader';
import { Loading } from '../../../components/Loading';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { usePageTitle } from '../../../lib/usePageTitle';
import { useCalendarFeed } from '../api/planMutations';
import { myTasksQuery } from '../api/planQueries';
import { Section } from './Section';
import { DownloadLinks } from '../../exports/components/DownloadLinks';
import { TaskList } from './TaskList';
import { todayIso } from './labels';

export function MyTasksPage() {
  usePageTitle('My tasks');
  const tasks = useQuery(myTasksQuery);
  const feed = useCalendarFeed();
  const [url, setUrl] = useState<string | null>(null);
  const today = todayIso();
  const all = tasks.data ?? [];
  const overdue = all.filter((t) => t.overdue);
  const soon = all.filter((t) => !t.overdue && t.dueOn);
  const undated = all.filter((t) => !t.dueOn);

  return (
    <Stack gap="lg">
      <PageHeader
        title="My tasks"
        description="Open tasks of every plan that names you in WHO, soonest due first."
        actions={
          <Anchor href="/api/me/plan-tasks.ics" download>
            Download calendar (.ics)
          </Anchor>
        }
      />
      {tasks.isPending ? (
        <Loading label="Loading your tasks…" />
      ) : tasks.isError ? (
        <ProblemAlert error={tasks.error} title="Could not load your tasks" />
      ) : all.length === 0 ? (
        <Text data-testid="my-tasks-empty">No plan names you in WHO for an open task.</Text>
      ) : (
        <>
          <Section id="overdue-mine-heading" title={`Overdue (${overdue.length})`}>
            <TaskList tasks={overdue} label="My overdue tasks" empty={`Nothing is overdue as of ${today}.`} showWho={false} limit={100} />
          </Section>
          <Section id="due-mine-heading" title={`Coming up (${soon.length})`}>
            <TaskList tasks={soon} label="My tasks by due date" empty="No dated task coming up." showWho={false} limit={100} />
          </Section>
          {undated.length > 0 && (
            <Section id="undated-mine-heading" title={`No due date (${undated.length})`}>
              <TaskList tasks={undated} label="My tasks without a due date" empty="" showWho={false} limit={100} />
            </Section>
          )}
          <DownloadLinks path="/api/me/plan-tasks/export" what="my open tasks" testId="download-my-tasks" />
        </>
      )}
      <Section id="subscribe-heading" title="Subscribe from a calendar app">
        <Stack gap="sm">
          <Text size="sm">
            A private web address for your due dates: add it to Outlook, Google Calendar or Apple Calendar as a subscription and it stays up to
            date. Anyone with the address can read your task titles, so keep it to yourself.
          </Text>
          <Text size="sm">Making a new address stops the old one from working.</Text>
          <ProblemAlert error={feed.error} title="Could not make the address" />
          <Group>
            <Button variant="default" loading={feed.isPending} onClick={() => feed.mutate(undefined, { onSuccess: ({ token }) => setUrl(`${window.location.origin}/api/calendar/${token}.ics`) })}>
              {url ? 'Make a new address' : 'Subscribe'}
            </Button>
          </Group>
          {url && (
            <Alert color="trellis" variant="light" title="Your calendar address">
              <Group gap="xs" align="flex-end" wrap="wrap">
                <TextInput label="Calendar address" readOnly value={url} style={{ flex: '1 1 18rem' }} onFocus={(e) => e.currentTarget.select()} data-testid="calendar-url" />
                <CopyButton value={url}>{({ copied, copy }) => <Button onClick={copy}>{copied ? 'Copied' : 'Copy the address'}</Button>}</CopyButton>
              </Group>
            </Alert>
          )}
        </Stack>
      </Section>
    </Stack>
  );
}
