// Record whether a function is understood and in place (not started, developing, in place) with
// evidence: the record a coach uses. Sends the function's version; 409 offers the latest.
import { useState } from 'react';
import { Radio, Stack, Text, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { CAPACITY_LABELS, CAPACITY_SOURCE, CAPACITY_STATES, FunctionCapacityChange, type CapacityState, type MechanismFunctionEntry } from '@trellis/core';
import { FormDialog } from '../../../components/FormDialog';
import { orNull } from '../../../lib/forms';
import { useChangeCapacity } from '../api/mechanismMutations';
import { mechanismQuery } from '../api/mechanismQueries';
import { useDialogForm } from '../../../lib/useDialogForm';
import { citation } from './labels';

interface Props {
  mechanismId: string;
  entry: MechanismFunctionEntry;
  opened: boolean;
  onClose: () => void;
}

export function CapacityDialog({ mechanismId, entry, opened, onClose }: Props) {
  const queryClient = useQueryClient();
  const change = useChangeCapacity(mechanismId, entry.id);
  const [capacity, setCapacity] = useState<CapacityState>(entry.capacity);
  const [evidence, setEvidence] = useState(entry.capacityEvidence ?? '');
  const [version, setVersion] = useState(entry.version);
  const form = useDialogForm(onClose);

  const submit = () =>
    form.send(FunctionCapacityChange, { version, capacity, evidence: orNull(evidence) }, change.mutateAsync, (saved) => `Capacity recorded: ${CAPACITY_LABELS[saved.capacity].toLowerCase()}.`);

  const reload = form.reloader(
    change,
    async () => (await queryClient.fetchQuery({ ...mechanismQuery(mechanismId), staleTime: 0 })).functions.find((f) => f.id === entry.id),
    (fresh) => {
      setCapacity(fresh.capacity);
      setEvidence(fresh.capacityEvidence ?? '');
      setVersion(fresh.version);
    },
  );

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title="Record capacity"
      submitLabel="Save capacity"
      pending={change.isPending}
      error={change.error}
      errorTitle="Could not record the capacity"
      onSubmit={submit}
      onReload={reload}
      formRef={form.formRef}
      size="md"
    >
      <Text size="sm">{entry.text}</Text>
      <Radio.Group label="Is this function understood and in place?" description={citation(CAPACITY_SOURCE)} value={capacity} onChange={(v) => setCapacity(v as CapacityState)} error={form.errors.capacity}>
        <Stack gap="xs" mt="xs">
          {CAPACITY_STATES.map((s) => (
            <Radio key={s} value={s} label={CAPACITY_LABELS[s]} />
          ))}
        </Stack>
      </Radio.Group>
      <Textarea label="Evidence" description="What shows it: a document, an observation, a coach’s note." autosize minRows={3} value={evidence} onChange={(e) => setEvidence(e.currentTarget.value)} error={form.errors.evidence} />
    </FormDialog>
  );
}
