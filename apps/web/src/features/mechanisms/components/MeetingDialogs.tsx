// Record a meeting or change its record, remove one recorded by mistake, and add an action item
// (a task with an owner and a due date). A change sends the meeting's version; 409 offers the latest.
import { useState } from 'react';
import { Group, NativeSelect, Textarea, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { ActionItemCreate, MEETING_KIND_LABELS, MEETING_KINDS, MeetingCreate, MeetingUpdate, type MechanismDetail, type Meeting, type MeetingKind } from '@trellis/core';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { FormDialog } from '../../../components/FormDialog';
import { useAnnounce } from '../../../components/StatusAnnouncer';
import { orNull } from '../../../lib/forms';
import { useAddActionItem, useChangeMeeting, useRecordMeeting, useRemoveMeeting } from '../api/mechanismMutations';
import { meetingsQuery } from '../api/mechanismQueries';
import { useDialogForm } from '../../../lib/useDialogForm';
import { formatDay, today } from './labels';
import { AttendeesField, attendeeIds, OwnerField, type Attendance, type Owner } from './MeetingPeople';

interface Props {
  mechanism: MechanismDetail;
  opened: boolean;
  onClose: () => void;
}

const kindOptions = MEETING_KINDS.map((k) => ({ value: k, label: MEETING_KIND_LABELS[k] }));
const currentMembers = (m: MechanismDetail) => m.members.filter((x) => x.active);
/** "the meeting of Sep 1, 2026" */
export const meetingOf = (m: { heldOn: string }) => `the meeting of ${formatDay(m.heldOn)}`;

function formOf(mechanism: MechanismDetail, meeting: Meeting | null) {
  const members = new Set(currentMembers(mechanism).map((x) => x.personId));
  const attendees = meeting?.attendees ?? [];
  const attendance: Attendance = {
    memberIds: attendees.filter((a) => members.has(a.personId)).map((a) => a.personId),
    others: attendees.filter((a) => !members.has(a.personId)).map((a) => ({ value: a.personId, label: a.name })),
  };
  return { heldOn: meeting?.heldOn ?? today(), kind: meeting?.kind ?? ('formal' as MeetingKind), attendance, agenda: meeting?.agenda ?? '', minutes: meeting?.minutes ?? '', decisions: meeting?.decisions ?? '' };
}

export function MeetingDialog({ mechanism, meeting, opened, onClose }: Props & { meeting: Meeting | null }) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState(() => formOf(mechanism, meeting));
  const [version, setVersion] = useState(meeting?.version ?? 0);
  const record = useRecordMeeting(mechanism.id);
  const change = useChangeMeeting(mechanism.id, meeting?.id ?? '');
  const mutation = meeting ? change : record;
  const form = useDialogForm(onClose);
  const set = (patch: Partial<typeof values>) => setValues((v) => ({ ...v, ...patch }));

  const submit = () => {
    const body = { heldOn: values.heldOn, kind: values.kind, attendeeIds: attendeeIds(values.attendance), agenda: orNull(values.agenda), minutes: orNull(values.minutes), decisions: orNull(values.decisions) };
    if (meeting) form.send(MeetingUpdate, { version, ...body }, change.mutateAsync, (saved) => `Saved ${meetingOf(saved)}.`);
    else form.send(MeetingCreate, body, record.mutateAsync, (saved) => `Recorded ${meetingOf(saved)}.`);
  };

  const reload = form.reloader(
    change,
    async () => (await queryClient.fetchQuery({ ...meetingsQuery(mechanism.id), staleTime: 0 })).find((x) => x.id === meeting?.id),
    (fresh) => {
      setValues(formOf(mechanism, fresh));
      setVersion(fresh.version);
    },
  );

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={meeting ? `Edit ${meetingOf(meeting)}` : `Record a meeting of ${mechanism.name}`}
      submitLabel={meeting ? 'Save meeting' : 'Record meeting'}
      pending={mutation.isPending}
      error={mutation.error}
      errorTitle={meeting ? 'Could not save the meeting' : 'Could not record the meeting'}
      onSubmit={submit}
      {...(meeting ? { onReload: reload } : {})}
      formRef={form.formRef}
    >
      <Group grow align="flex-start" wrap="wrap">
        <TextInput type="date" label="Date" required value={values.heldOn} onChange={(e) => set({ heldOn: e.currentTarget.value })} error={form.errors.heldOn} style={{ minWidth: '10rem' }} />
        <NativeSelect label="Kind" description="Only formal meetings count toward the cadence." data={kindOptions} value={values.kind} onChange={(e) => set({ kind: e.currentTarget.value as MeetingKind })} error={form.errors.kind} style={{ minWidth: '10rem' }} />
      </Group>
      <AttendeesField members={currentMembers(mechanism)} value={values.attendance} onChange={(attendance) => set({ attendance })} error={form.errors.attendeeIds} />
      <Textarea label="Agenda" autosize minRows={2} value={values.agenda} onChange={(e) => set({ agenda: e.currentTarget.value })} error={form.errors.agenda} />
      <Textarea label="Minutes" autosize minRows={3} value={values.minutes} onChange={(e) => set({ minutes: e.currentTarget.value })} error={form.errors.minutes} />
      <Textarea label="Decisions" autosize minRows={2} value={values.decisions} onChange={(e) => set({ decisions: e.currentTarget.value })} error={form.errors.decisions} />
    </FormDialog>
  );
}

export function DeleteMeetingDialog({ mechanism, meeting, opened, onClose }: Props & { meeting: Meeting }) {
  const remove = useRemoveMeeting(mechanism.id, meeting.id);
  const announce = useAnnounce();
  const confirm = () =>
    remove.mutate(undefined, {
      onSuccess: () => {
        announce(`Removed ${meetingOf(meeting)}.`);
        onClose();
      },
    });
  return (
    <ConfirmDialog opened={opened} title="Remove a meeting" confirmLabel="Remove meeting" danger pending={remove.isPending} error={remove.error} onConfirm={confirm} onClose={onClose}>
      Remove the record of {meetingOf(meeting)}? Use this for a meeting recorded by mistake; its action items stay as tasks.
    </ConfirmDialog>
  );
}

export function ActionItemDialog({ mechanism, meeting, opened, onClose }: Props & { meeting: Meeting }) {
  const add = useAddActionItem(mechanism.id, meeting.id);
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState<Owner>({ searching: false, person: null });
  const [dueOn, setDueOn] = useState('');
  const form = useDialogForm(onClose);
  const submit = () => {
    if (owner.searching && !owner.person) return form.refuse({ ownerPersonId: 'Find the owner, or choose “No owner yet”' });
    form.send(ActionItemCreate, { title, ownerPersonId: owner.person?.value ?? null, dueOn: dueOn || null }, add.mutateAsync, (task) => `Added the action item “${task.title}”.`);
  };

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={`Add an action item to ${meetingOf(meeting)}`}
      submitLabel="Add action item"
      pending={add.isPending}
      error={add.error}
      errorTitle="Could not add the action item"
      onSubmit={submit}
      formRef={form.formRef}
      size="md"
    >
      <TextInput label="Action item" description="What is to be done." required value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={form.errors.title} />
      <OwnerField members={currentMembers(mechanism)} value={owner} onChange={setOwner} error={form.errors.ownerPersonId} />
      <TextInput type="date" label="Due date" value={dueOn} onChange={(e) => setDueOn(e.currentTarget.value)} error={form.errors.dueOn} />
    </FormDialog>
  );
}
