// Celebrating progress: the milestones a unit has reached (proposed automatically) for a leader to
// confirm or dismiss, the feed of what was celebrated here and in the units below, and a leader's own.
import { useState } from 'react';
import { Button, Group, Paper, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { CelebrationCreate, CelebrationUpdate, formatCitation, type ProposedCelebration, type UnitDetail } from '@trellis/core';
import { FormDialog } from '../../../components/FormDialog';
import { Loading } from '../../../components/Loading';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useAnnounce } from '../../../components/StatusAnnouncer';
import { orNull } from '../../../lib/forms';
import { useDialog } from '../../../lib/useDialog';
import { useDialogForm } from '../../../lib/useDialogForm';
import { usePageTitle } from '../../../lib/usePageTitle';
import { DownloadLinks } from '../../exports/components/DownloadLinks';
import { Section } from '../../plans/components/Section';
import { useCreateCelebration, useDismissCelebration } from '../api/progressMutations';
import { useUpdateCelebration } from '../api/instrumentMutations';
import { celebrationsQuery, type CelebrationRecord, type CelebrationsRecord } from '../api/progressQueries';
import { api, withQuery } from '../../../lib/api';
import { ProgressFrame } from './ProgressFrame';
import { WithUnit } from './WithUnit';
import { formatDay, todayUtc } from './labels';

export function CelebrationsPage({ unitId }: { unitId: string }) {
  return <WithUnit unitId={unitId}>{(access) => <Celebrations {...access} />}</WithUnit>;
}

function Celebrations({ unit, mayManage }: { unit: UnitDetail; mayManage: boolean }) {
  usePageTitle(`Celebrations · ${unit.name}`);
  const feed = useQuery(celebrationsQuery(unit.id, true));
  const add = useDialog();
  const edit = useDialog();
  const [editing, setEditing] = useState<CelebrationRecord | null>(null);
  return (
    <ProgressFrame
      unit={unit}
      section="celebrations"
      title={`Celebrations: ${unit.name}`}
      description="Accomplishments recognized and celebrated, here and in the units below. Milestones reached are proposed for a leader to confirm."
      actions={mayManage && <Button onClick={add.open}>Add a celebration</Button>}
    >
      {feed.isPending ? (
        <Loading label="Loading the celebrations…" />
      ) : feed.isError ? (
        <ProblemAlert error={feed.error} title="Could not load the celebrations" />
      ) : (
        <>
          <Section id="proposed-heading" title={`Milestones to confirm (${feed.data.proposed.length})`} testId="proposed">
            {feed.data.proposed.length === 0 ? (
              <Text size="sm" c="dimmed">
                No milestones are waiting. New ones appear here as {unit.name} reaches them.
              </Text>
            ) : (
              <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                {feed.data.proposed.map((p) => (
                  <Proposal key={p.key} unitId={unit.id} proposal={p} mayManage={mayManage} />
                ))}
              </Stack>
            )}
            {!mayManage && feed.data.proposed.length > 0 && (
              <Text size="sm" mt="sm">
                Leaders of {unit.name} or a unit above confirm or dismiss them.
              </Text>
            )}
          </Section>
          <Section id="feed-heading" title="Celebrated" testId="celebration-feed">
            {feed.data.confirmed.length === 0 ? (
              <Text size="sm" c="dimmed">
                Nothing celebrated yet.
              </Text>
            ) : (
              <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                {feed.data.confirmed.map((c) => (
                  <Paper key={c.id} component="li" withBorder p="sm" radius="md" data-testid="celebration">
                    <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
                      <div>
                        <Text fw={600} id={`celebration-${c.id}`}>
                          {c.title}
                        </Text>
                        <Text size="sm" c="dimmed">
                          {formatDay(c.celebratedOn)}
                          {c.unitId !== unit.id ? ` · ${c.unitName}` : ''}
                        </Text>
                        {c.description && <Text size="sm">{c.description}</Text>}
                      </div>
                      {mayManage && (
                        <Button
                          size="xs"
                          variant="default"
                          aria-describedby={`celebration-${c.id}`}
                          onClick={() => {
                            setEditing(c);
                            edit.open();
                          }}
                        >
                          Edit
                        </Button>
                      )}
                    </Group>
                  </Paper>
                ))}
              </Stack>
            )}
            {feed.data.confirmed.length > 0 && (
              <DownloadLinks path={`/api/units/${unit.id}/celebrations/export`} params={{ subtree: 'true' }} what="the celebrations here and below" testId="download-celebrations" />
            )}
          </Section>
        </>
      )}
      <CelebrationDialog key={add.key} unitId={unit.id} opened={add.opened} onClose={add.close} />
      {editing && <CelebrationEditDialog key={`edit-${edit.key}`} celebration={editing} feedUnitId={unit.id} opened={edit.opened} onClose={edit.close} />}
    </ProgressFrame>
  );
}

function Proposal({ unitId, proposal: p, mayManage }: { unitId: string; proposal: ProposedCelebration; mayManage: boolean }) {
  const confirm = useCreateCelebration();
  const dismiss = useDismissCelebration();
  const announce = useAnnounce();
  const id = `proposal-${p.key.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
  return (
    <Paper component="li" withBorder p="sm" radius="md" data-testid="proposed-celebration">
      <Stack gap={4}>
        <Text fw={600} id={id}>
          {p.title}
        </Text>
        <Text size="sm">{p.description}</Text>
        <Text size="xs" c="dimmed">
          Source: {formatCitation(p.source)}
        </Text>
        {mayManage && (
          <Group gap="xs" mt={4}>
            <Button
              size="xs"
              aria-describedby={id}
              loading={confirm.isPending}
              onClick={() =>
                confirm.mutate(
                  { unitId, title: p.title, description: p.description, celebratedOn: todayUtc(), milestoneKey: p.key },
                  { onSuccess: () => announce(`Celebrated: ${p.title}.`) },
                )
              }
            >
              Confirm
            </Button>
            <Button
              size="xs"
              variant="default"
              aria-describedby={id}
              loading={dismiss.isPending}
              onClick={() => dismiss.mutate({ unitId, milestoneKey: p.key }, { onSuccess: () => announce(`Dismissed: ${p.title}. It will not be proposed again.`) })}
            >
              Dismiss
            </Button>
          </Group>
        )}
        <ProblemAlert error={confirm.error ?? dismiss.error} title="Could not record the decision" />
      </Stack>
    </Paper>
  );
}

function CelebrationDialog({ unitId, opened, onClose }: { unitId: string; opened: boolean; onClose: () => void }) {
  const create = useCreateCelebration();
  const form = useDialogForm(onClose);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [celebratedOn, setCelebratedOn] = useState(todayUtc());
  const e = form.errors;
  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title="Add a celebration"
      submitLabel="Add"
      pending={create.isPending}
      error={create.error}
      errorTitle="Could not add the celebration"
      onSubmit={() =>
        form.send(CelebrationCreate, { unitId, title, description: orNull(description), celebratedOn, milestoneKey: null }, (input) => create.mutateAsync(input), (saved) => `Celebrated: ${saved.title}.`)
      }
      formRef={form.formRef}
    >
      <TextInput label="What is celebrated" required value={title} onChange={(ev) => setTitle(ev.currentTarget.value)} error={e.title} data-autofocus />
      <Textarea label="Description" description="Optional" autosize minRows={2} value={description} onChange={(ev) => setDescription(ev.currentTarget.value)} error={e.description} />
      <TextInput label="Date" type="date" required value={celebratedOn} onChange={(ev) => setCelebratedOn(ev.currentTarget.value)} error={e.celebratedOn} style={{ maxWidth: '14rem' }} />
    </FormDialog>
  );
}

/** A leader corrects a celebration: what is celebrated, its description, its date. A stale edit (409) offers the latest. */
function CelebrationEditDialog({ celebration, feedUnitId, opened, onClose }: { celebration: CelebrationRecord; feedUnitId: string; opened: boolean; onClose: () => void }) {
  const update = useUpdateCelebration(celebration.id);
  const form = useDialogForm(onClose);
  const [title, setTitle] = useState(celebration.title);
  const [description, setDescription] = useState(celebration.description ?? '');
  const [celebratedOn, setCelebratedOn] = useState(celebration.celebratedOn.slice(0, 10));
  const [version, setVersion] = useState(celebration.version);
  const e = form.errors;
  const reload = form.reloader(
    update,
    () => api<CelebrationsRecord>(withQuery(`/api/units/${encodeURIComponent(feedUnitId)}/celebrations`, { subtree: 'true' })).then((feed) => feed.confirmed.find((c) => c.id === celebration.id)),
    (fresh) => {
      setTitle(fresh.title);
      setDescription(fresh.description ?? '');
      setCelebratedOn(fresh.celebratedOn.slice(0, 10));
      setVersion(fresh.version);
    },
  );
  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title="Edit the celebration"
      submitLabel="Save"
      pending={update.isPending}
      error={update.error}
      errorTitle="Could not save the celebration"
      onReload={reload}
      onSubmit={() => form.send(CelebrationUpdate, { version, title, description: orNull(description), celebratedOn }, (input) => update.mutateAsync(input), (saved) => `Saved: ${saved.title}.`)}
      formRef={form.formRef}
    >
      <TextInput label="What is celebrated" required value={title} onChange={(ev) => setTitle(ev.currentTarget.value)} error={e.title} data-autofocus />
      <Textarea label="Description" description="Optional" autosize minRows={2} value={description} onChange={(ev) => setDescription(ev.currentTarget.value)} error={e.description} />
      <TextInput label="Date" type="date" required value={celebratedOn} onChange={(ev) => setCelebratedOn(ev.currentTarget.value)} error={e.celebratedOn} style={{ maxWidth: '14rem' }} />
    </FormDialog>
  );
}
