// One engagement: its cadence status and why, quick entry of a contact (made for a phone: one
// column, native date input, big targets), the contacts so far with their next steps (each can
// become a task of the unit), and for the unit's leaders, ending the engagement.
import { Badge, Button, Card, Checkbox, Group, NumberInput, Radio, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { CoachingContactMode } from '@trellis/core';
import { AnchorLink } from '../../../components/AnchorLink';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { Loading } from '../../../components/Loading';
import { PageHeader } from '../../../components/PageHeader';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useAnnounce } from '../../../components/StatusAnnouncer';
import { isProblem } from '../../../lib/problem';
import { usePageTitle } from '../../../lib/usePageTitle';
import { engagementQuery, focusAreasQuery, focusLabel, useLogContact, useNextStepToTask, useUpdateEngagement, type ContactRecord, type EngagementDetail } from '../api/coaching';
import { EditEngagementDialog } from './EditEngagementDialog';
import { formatDay, modeLabel, MODE_OPTIONS, StateBadge } from './labels';

export function EngagementPage({ engagementId }: { engagementId: string }) {
  const detail = useQuery(engagementQuery(engagementId));
  usePageTitle(detail.data ? `${detail.data.engagement.targetName} · Coaching` : 'Coaching');
  if (detail.isPending) return <Loading />;
  if (detail.isError) return <ProblemAlert error={detail.error} title="Could not load the engagement" />;
  return <Engagement detail={detail.data} />;
}

function Engagement({ detail }: { detail: EngagementDetail }) {
  const { engagement: e, status } = detail;
  const focus = useQuery(focusAreasQuery(e.unitId));
  const areaLabel = (key: string) => focusLabel(focus.data, key);
  return (
    <>
      <PageHeader
        title={`${e.targetName} — ${e.unitName}`}
        badges={<StateBadge state={status.state} />}
        description={`${e.kind === 'coaching' ? 'Coaching' : 'Mentoring'} by ${e.coachName} (${e.coachAffiliation}), since ${formatDay(e.startOn)}${e.plannedEndOn ? `, planned to end ${formatDay(e.plannedEndOn)}` : ''}${e.endedOn ? `; ended ${formatDay(e.endedOn)}` : ''}.`}
        actions={
          <AnchorLink to="/units/$unitId/coaching" params={{ unitId: e.unitId }}>
            {e.unitName}’s coaching
          </AnchorLink>
        }
      />
      <Stack gap="lg">
        <Card withBorder padding="md" component="section" aria-labelledby="cadence-heading">
          <Title order={2} size="h4" id="cadence-heading">
            Cadence today ({formatDay(detail.today)})
          </Title>
          <Text size="sm" mt="xs" data-testid="engagement-why">
            {status.message}
          </Text>
          <Group gap="xs" mt="xs">
            {e.focusAreaKeys.map((k) => (
              <Badge key={k} variant="outline" color="#495057">
                {areaLabel(k)}
                {focus.data?.areas.find((a) => a.key === k)?.retired ? ' (retired)' : ''}
              </Badge>
            ))}
          </Group>
          {e.goals && (
            <Text size="sm" mt="xs">
              Goals: {e.goals}
            </Text>
          )}
        </Card>
        {detail.mayLog && e.status !== 'ended' && <QuickContact detail={detail} areaLabel={areaLabel} />}
        <section aria-labelledby="contacts-heading">
          <Title order={2} size="h3" id="contacts-heading" mb="sm">
            Contacts ({detail.contacts.length})
          </Title>
          {detail.contacts.length === 0 ? (
            <Text c="dimmed">No contact logged yet.</Text>
          ) : (
            <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} data-testid="contacts">
              {detail.contacts.map((c) => (
                <ContactCard key={c.id} contact={c} mayLog={detail.mayLog} areaLabel={areaLabel} />
              ))}
            </Stack>
          )}
        </section>
        {detail.mayManage && e.status !== 'ended' && <EndEngagement detail={detail} />}
      </Stack>
    </>
  );
}

function QuickContact({ detail, areaLabel }: { detail: EngagementDetail; areaLabel: (k: string) => string }) {
  const log = useLogContact(detail.engagement.id);
  const announce = useAnnounce();
  const [date, setDate] = useState(detail.today);
  const [mode, setMode] = useState<CoachingContactMode>('call');
  const [minutes, setMinutes] = useState<number | string>(30);
  const [topics, setTopics] = useState<string[]>([]);
  const [notes, setNotes] = useState('');
  const [nextStep, setNextStep] = useState('');
  const fieldError = (field: string) => (isProblem(log.error) ? log.error.errors.find((x) => x.field === field || x.field.startsWith(`${field}.`))?.message : undefined);

  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    log.mutate(
      {
        date,
        mode,
        durationMinutes: Number(minutes),
        topics,
        ...(notes.trim() ? { notes: notes.trim() } : {}),
        ...(nextStep.trim() ? { nextSteps: [{ text: nextStep.trim() }] } : {}),
      },
      {
        onSuccess: (r) => {
          announce(`Logged the ${modeLabel(mode).toLowerCase()} on ${formatDay(date)}. The engagement is ${r.status.state.replace('_', ' ')}.`);
          setNotes('');
          setNextStep('');
          setTopics([]);
        },
      },
    );
  };
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="log-heading">
      <Title order={2} size="h4" id="log-heading" mb="sm">
        Log a contact
      </Title>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput type="date" label="Date" required value={date} max={detail.today} onChange={(e) => setDate(e.currentTarget.value)} error={fieldError('date')} />
          <Radio.Group label="How" required value={mode} onChange={(v) => setMode(v as CoachingContactMode)} error={fieldError('mode')}>
            <Group gap="md" mt={4} wrap="wrap">
              {MODE_OPTIONS.map((o) => (
                <Radio key={o.value} value={o.value} label={o.label} />
              ))}
            </Group>
          </Radio.Group>
          <NumberInput label="Minutes" required min={1} max={1440} value={minutes} onChange={setMinutes} error={fieldError('durationMinutes')} inputMode="numeric" />
          <Checkbox.Group label="Topics" value={topics} onChange={setTopics} error={fieldError('topics')}>
            <Stack gap={6} mt={4}>
              {detail.engagement.focusAreaKeys.map((k) => (
                <Checkbox key={k} value={k} label={areaLabel(k)} />
              ))}
            </Stack>
          </Checkbox.Group>
          <Textarea label="Notes" description="Seen only by the engagement’s people and the unit’s leaders" autosize minRows={2} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} error={fieldError('notes')} />
          <TextInput label="Next step" description="Optional; you can make it a task afterwards" value={nextStep} onChange={(e) => setNextStep(e.currentTarget.value)} error={fieldError('nextSteps')} />
          <ProblemAlert error={log.error} title="Could not log the contact" />
          <Button type="submit" loading={log.isPending} fullWidth>
            Log contact
          </Button>
        </Stack>
      </form>
    </Card>
  );
}

function ContactCard({ contact: c, mayLog, areaLabel }: { contact: ContactRecord; mayLog: boolean; areaLabel: (k: string) => string }) {
  const toTask = useNextStepToTask();
  const announce = useAnnounce();
  return (
    <Card component="li" withBorder padding="sm" data-testid="contact">
      <Group justify="space-between" gap="xs">
        <Text fw={600}>
          {formatDay(c.date)} · {modeLabel(c.mode)}
        </Text>
        <Text size="sm" c="dimmed">
          {c.durationMinutes} min
        </Text>
      </Group>
      {c.topics.length > 0 && <Text size="sm">Topics: {c.topics.map(areaLabel).join(', ')}</Text>}
      {c.notesHidden ? (
        <Text size="sm" c="dimmed" fs="italic">
          Notes are for the engagement’s people and the unit’s leaders.
        </Text>
      ) : (
        <>
          {c.notes && <Text size="sm">{c.notes}</Text>}
          {c.agreements && <Text size="sm">Agreed: {c.agreements}</Text>}
          {c.nextSteps && c.nextSteps.length > 0 && (
            <Stack gap={4} mt={4}>
              {c.nextSteps.map((s, i) => (
                <Group key={i} gap="xs" justify="space-between" wrap="wrap">
                  <Text size="sm">
                    Next step: {s.text}
                    {s.dueOn ? ` (by ${formatDay(s.dueOn)})` : ''}
                  </Text>
                  {s.taskId ? (
                    <Badge variant="outline" color="#1e6b32">
                      Task made
                    </Badge>
                  ) : (
                    mayLog && (
                      <Button size="xs" variant="default" loading={toTask.isPending && toTask.variables?.contactId === c.id && toTask.variables.index === i} onClick={() => toTask.mutate({ contactId: c.id, index: i }, { onSuccess: () => announce(`“${s.text}” is now a task of the unit.`) })}>
                        Make it a task
                      </Button>
                    )
                  )}
                </Group>
              ))}
            </Stack>
          )}
        </>
      )}
      <ProblemAlert error={toTask.error} title="Could not make the task" />
    </Card>
  );
}

function EndEngagement({ detail }: { detail: EngagementDetail }) {
  const [open, setOpen] = useState(false);
  const [editing, setEditing] = useState(false);
  const update = useUpdateEngagement(detail.engagement.id);
  const announce = useAnnounce();
  return (
    <section aria-labelledby="end-heading">
      <Title order={2} size="h4" id="end-heading" mb="xs">
        Change, pause or end the engagement
      </Title>
      <Text size="sm" mb="xs">
        Ending it keeps its record. {detail.engagement.coachAffiliation === 'external' ? `${detail.engagement.coachName} loses access to ${detail.engagement.unitName} at once.` : ''}
      </Text>
      <Group gap="sm">
        <Button variant="default" onClick={() => setEditing(true)}>
          Change engagement
        </Button>
        <PauseResume detail={detail} />
        <Button variant="default" color="red.8" onClick={() => setOpen(true)}>
          End engagement
        </Button>
      </Group>
      {editing && <EditEngagementDialog detail={detail} opened={editing} onClose={() => setEditing(false)} />}
      <ConfirmDialog
        opened={open}
        title="End this engagement?"
        confirmLabel="End engagement"
        danger
        pending={update.isPending}
        error={update.error}
        onClose={() => setOpen(false)}
        onConfirm={() =>
          update.mutate(
            { version: detail.engagement.version, status: 'ended', endedOn: detail.today, ...(detail.engagement.status === 'paused' ? { pauses: detail.engagement.pauses.map((p) => ({ from: p.from, to: p.to ?? detail.today })) } : {}) },
            {
              onSuccess: () => {
                setOpen(false);
                announce('The engagement has ended.');
              },
            },
          )
        }
      >
        The engagement of {detail.engagement.coachName} with {detail.engagement.targetName} ends today. Its contacts stay on record.
      </ConfirmDialog>
    </section>
  );
}

const dayBefore = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** Pausing opens a pause from today (no lateness accrues while paused); resuming closes it. */
function PauseResume({ detail }: { detail: EngagementDetail }) {
  const update = useUpdateEngagement(detail.engagement.id);
  const announce = useAnnounce();
  const e = detail.engagement;
  const paused = e.status === 'paused';
  const run = () => {
    const pauses = paused
      ? e.pauses.map((p) => (p.to === null ? { from: p.from, to: dayBefore(detail.today) >= p.from ? dayBefore(detail.today) : p.from } : p))
      : [...e.pauses, { from: detail.today, to: null }];
    update.mutate({ version: e.version, status: paused ? 'active' : 'paused', pauses }, { onSuccess: () => announce(paused ? 'The engagement is resumed.' : 'The engagement is paused.') });
  };
  return (
    <>
      <Button variant="default" loading={update.isPending} onClick={run}>
        {paused ? 'Resume engagement' : 'Pause engagement'}
      </Button>
      <ProblemAlert error={update.error} title={paused ? 'Could not resume' : 'Could not pause'} />
    </>
  );
}
