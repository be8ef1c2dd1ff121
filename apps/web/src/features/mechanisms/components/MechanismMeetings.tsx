// A mechanism at work: whether it meets as often as the documents suggest, its open action items,
// and its meetings (latest first) with attendees, agenda, minutes, decisions and action items.
// Members of its unit record meetings and action items and move tasks along.
import { useState, type ReactNode } from 'react';
import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { MEETING_KIND_LABELS, type MechanismDetail, type Meeting } from '@trellis/core';
import { Loading } from '../../../components/Loading';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { plural } from '../../../lib/format';
import { useDialog } from '../../../lib/useDialog';
import { mechanismTasksQuery, meetingsQuery } from '../api/mechanismQueries';
import { GuidanceAlert } from './GuidanceAlert';
import { citation, formatDay } from './labels';
import { ActionItemDialog, DeleteMeetingDialog, MeetingDialog } from './MeetingDialogs';
import { TaskItem } from './TaskItem';

type Action = { kind: 'record' } | { kind: 'edit' | 'remove' | 'action'; meeting: Meeting };

const listStyle = { listStyle: 'none', padding: 0, margin: 0 };

function CadenceNote({ cadence }: { cadence: MechanismDetail['cadence'] }) {
  // The cadence's schema types its source loosely (a string, not one of the source ids).
  const source = cadence.source && `${citation(cadence.source)}${cadence.basis === 'product-default' ? ' (the interval is a Trellis default)' : ''}`;
  if (cadence.state === 'behind')
    return (
      <GuidanceAlert title="Meetings behind cadence" testId="cadence" mb="sm">
        <Text size="sm">{cadence.message}</Text>
        {source && (
          <Text size="xs" mt={4}>
            {source}
          </Text>
        )}
      </GuidanceAlert>
    );
  return (
    <Stack gap={2} mb="sm" data-testid="cadence">
      <Text size="sm">{cadence.message}</Text>
      {source && (
        <Text size="xs" c="dimmed">
          {source}
        </Text>
      )}
    </Stack>
  );
}

/** Long text folded away until asked for: agenda, minutes, decisions. */
function Folded({ label, text }: { label: string; text: string | null }) {
  if (!text) return null;
  return (
    <details>
      <Text component="summary" size="sm" fw={500} style={{ cursor: 'pointer' }}>
        {label}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} mt={4}>
        {text}
      </Text>
    </details>
  );
}

function MeetingItem({ meeting, mechanismId, mayRecord, actions }: { meeting: Meeting; mechanismId: string; mayRecord: boolean; actions: ReactNode }) {
  const headingId = `meeting-${meeting.id}`;
  return (
    <Paper component="li" withBorder p="sm" radius="sm" aria-labelledby={headingId} data-testid="meeting">
      <Group justify="space-between" align="flex-start" gap="xs" wrap="wrap">
        <Title order={4} id={headingId} size="h5">
          {formatDay(meeting.heldOn)} · {MEETING_KIND_LABELS[meeting.kind]}
        </Title>
        {actions}
      </Group>
      <Text size="sm" mt={4}>
        {meeting.attendees.length ? `Attended: ${meeting.attendees.map((a) => a.name).join(', ')}` : 'No attendees recorded.'}
      </Text>
      <Stack gap={4} mt={4}>
        <Folded label="Agenda" text={meeting.agenda} />
        <Folded label="Minutes" text={meeting.minutes} />
        <Folded label="Decisions" text={meeting.decisions} />
      </Stack>
      {meeting.actionItems.length > 0 && (
        <Stack component="ul" gap="xs" mt="xs" style={listStyle} aria-label={`Action items of ${formatDay(meeting.heldOn)}`}>
          {meeting.actionItems.map((t) => (
            <TaskItem key={t.id} task={t} mechanismId={mechanismId} mayUpdate={mayRecord} />
          ))}
        </Stack>
      )}
    </Paper>
  );
}

function OpenActionItems({ mechanismId, mayRecord }: { mechanismId: string; mayRecord: boolean }) {
  const tasks = useQuery(mechanismTasksQuery(mechanismId));
  if (tasks.isPending) return <Loading label="Loading action items…" />;
  if (tasks.isError) return <ProblemAlert error={tasks.error} title="Could not load the action items" />;
  const open = tasks.data.filter((t) => t.status !== 'done');
  const overdue = open.filter((t) => t.overdue).length;
  return (
    <div data-testid="open-action-items">
      <Title order={3} size="h4">
        Open action items
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {open.length === 0 ? 'None open.' : `${plural(open.length, 'open item')}${overdue ? `, ${overdue} overdue` : ''}.`}
      </Text>
      {open.length > 0 && (
        <Stack component="ul" gap="xs" style={listStyle}>
          {open.map((t) => (
            <TaskItem key={t.id} task={t} mechanismId={mechanismId} mayUpdate={mayRecord} />
          ))}
        </Stack>
      )}
    </div>
  );
}

export function MechanismMeetings({ mechanism, mayRecord }: { mechanism: MechanismDetail; mayRecord: boolean }) {
  const meetings = useQuery(meetingsQuery(mechanism.id));
  const dialog = useDialog();
  const [action, setAction] = useState<Action>({ kind: 'record' });
  const start = (a: Action) => {
    setAction(a);
    dialog.open();
  };
  const recordable = mayRecord && mechanism.status !== 'retired';

  let list;
  if (meetings.isPending) list = <Loading label="Loading meetings…" />;
  else if (meetings.isError) list = <ProblemAlert error={meetings.error} title="Could not load the meetings" />;
  else if (meetings.data.length === 0) list = <Text c="dimmed">No meetings recorded yet.</Text>;
  else
    list = (
      <Stack component="ol" gap="sm" style={listStyle} aria-label="Meetings, latest first" data-testid="meetings">
        {meetings.data.map((mt) => (
          <MeetingItem
            key={mt.id}
            meeting={mt}
            mechanismId={mechanism.id}
            mayRecord={mayRecord}
            actions={
              recordable && (
                <Group gap="xs" wrap="wrap">
                  <Button size="xs" variant="default" onClick={() => start({ kind: 'action', meeting: mt })}>
                    Add action item
                  </Button>
                  <Button size="xs" variant="default" onClick={() => start({ kind: 'edit', meeting: mt })}>
                    Edit
                  </Button>
                  <Button size="xs" variant="default" onClick={() => start({ kind: 'remove', meeting: mt })}>
                    Remove
                  </Button>
                </Group>
              )
            }
          />
        ))}
      </Stack>
    );

  return (
    <>
      <CadenceNote cadence={mechanism.cadence} />
      <Group justify="space-between" align="flex-start" mb="sm">
        <Text size="sm" c="dimmed" style={{ flex: '1 1 16rem' }}>
          {plural(mechanism.cadence.formalMeetings, 'formal meeting')} held{mechanism.cadence.lastFormalOn ? `, the last on ${formatDay(mechanism.cadence.lastFormalOn)}` : ''}.
        </Text>
        {recordable && <Button onClick={() => start({ kind: 'record' })}>Record meeting</Button>}
      </Group>
      <Stack gap="md">
        <OpenActionItems mechanismId={mechanism.id} mayRecord={mayRecord} />
        <div>
          <Title order={3} size="h4" mb="xs">
            Meetings held
          </Title>
          {list}
        </div>
      </Stack>
      {recordable && action.kind === 'record' && <MeetingDialog key={dialog.key} mechanism={mechanism} meeting={null} opened={dialog.opened} onClose={dialog.close} />}
      {recordable && action.kind === 'edit' && <MeetingDialog key={dialog.key} mechanism={mechanism} meeting={action.meeting} opened={dialog.opened} onClose={dialog.close} />}
      {recordable && action.kind === 'remove' && <DeleteMeetingDialog key={dialog.key} mechanism={mechanism} meeting={action.meeting} opened={dialog.opened} onClose={dialog.close} />}
      {recordable && action.kind === 'action' && <ActionItemDialog key={dialog.key} mechanism={mechanism} meeting={action.meeting} opened={dialog.opened} onClose={dialog.close} />}
    </>
  );
}
