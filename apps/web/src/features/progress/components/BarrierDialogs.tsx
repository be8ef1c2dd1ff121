// Logging a barrier or updating one (category, what stands in the way, the owner, the next step, the
// target date, optionally the mechanism it is raised against), and moving one along: resolving asks
// how it was resolved, dropping asks why.
import { useState } from 'react';
import { NativeSelect, Textarea, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { BARRIER_CATEGORIES, BARRIER_CATEGORY_CATALOG, BARRIER_CATEGORY_LABELS, BarrierCreate, BarrierTransition, BarrierUpdate, type BarrierCategory, type Mechanism } from '@trellis/core';
import { FormDialog } from '../../../components/FormDialog';
import { PersonPicker } from '../../../components/PersonPicker';
import type { SearchOption } from '../../../components/SearchSelect';
import { api } from '../../../lib/api';
import { orNull } from '../../../lib/forms';
import { useSession } from '../../../lib/session';
import { useDialogForm } from '../../../lib/useDialogForm';
import { useMoveBarrier, useRaiseBarrier, useUpdateBarrier } from '../api/progressMutations';
import type { BarrierRecord } from '../api/progressQueries';

interface Values {
  category: BarrierCategory | '';
  description: string;
  owner: SearchOption | null;
  nextStep: string;
  targetOn: string;
  mechanismId: string;
}

const mechanismsQuery = (unitId: string) => ({ queryKey: ['mechanisms', 'unit', unitId], queryFn: ({ signal }: { signal: AbortSignal }) => api<Mechanism[]>(`/api/units/${encodeURIComponent(unitId)}/mechanisms`, { signal }) });

interface BarrierDialogProps {
  unitId: string;
  unitName: string;
  barrier: BarrierRecord | null;
  opened: boolean;
  onClose: () => void;
}

export function BarrierDialog({ unitId, unitName, barrier, opened, onClose }: BarrierDialogProps) {
  const session = useSession();
  const create = useRaiseBarrier();
  const update = useUpdateBarrier(barrier?.id ?? '');
  const mutation = barrier ? update : create;
  const form = useDialogForm(onClose);
  const targetUnit = barrier?.unitId ?? unitId;
  const mechanisms = useQuery(mechanismsQuery(targetUnit));
  const initial = (): Values =>
    barrier
      ? { category: barrier.category, description: barrier.description, owner: { value: barrier.ownerId, label: barrier.ownerName }, nextStep: barrier.nextStep, targetOn: barrier.targetOn ?? '', mechanismId: barrier.mechanismId ?? '' }
      : { category: '', description: '', owner: { value: session.person.id, label: `${session.person.name} (${session.person.email})` }, nextStep: '', targetOn: '', mechanismId: '' };
  const [values, setValues] = useState<Values>(initial);
  const [version, setVersion] = useState(barrier?.version ?? 0);
  const change = (patch: Partial<Values>) => setValues((v) => ({ ...v, ...patch }));
  const e = form.errors;

  const submit = () => {
    const fields = {
      category: values.category === '' ? undefined : values.category,
      description: values.description,
      ownerId: values.owner?.value,
      nextStep: values.nextStep,
      targetOn: orNull(values.targetOn),
      mechanismId: orNull(values.mechanismId),
    };
    if (barrier) form.send(BarrierUpdate, { version, ...fields }, (input) => update.mutateAsync(input), () => 'Saved the barrier.');
    else form.send(BarrierCreate, { unitId, ...fields }, (input) => create.mutateAsync(input), (saved) => `Logged the barrier at ${saved.unitName}.`);
  };

  const reload = barrier
    ? form.reloader(
        update,
        () => api<BarrierRecord[]>(`/api/units/${encodeURIComponent(barrier.unitId)}/barriers`).then((all) => all.find((b) => b.id === barrier.id)),
        (fresh) => {
          setValues({ category: fresh.category, description: fresh.description, owner: { value: fresh.ownerId, label: fresh.ownerName }, nextStep: fresh.nextStep, targetOn: fresh.targetOn ?? '', mechanismId: fresh.mechanismId ?? '' });
          setVersion(fresh.version);
        },
      )
    : undefined;

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={barrier ? 'Update the barrier' : `Log a barrier at ${unitName}`}
      submitLabel={barrier ? 'Save' : 'Log the barrier'}
      pending={mutation.isPending}
      error={mutation.error}
      errorTitle={barrier ? 'Could not save the barrier' : 'Could not log the barrier'}
      onSubmit={submit}
      {...(reload ? { onReload: reload } : {})}
      formRef={form.formRef}
    >
      <NativeSelect
        label="Kind of barrier"
        required
        description={values.category ? BARRIER_CATEGORY_CATALOG[values.category].description : 'The documents name these barriers to change'}
        data={[{ value: '', label: 'Choose one…' }, ...BARRIER_CATEGORIES.map((c) => ({ value: c, label: BARRIER_CATEGORY_LABELS[c] }))]}
        value={values.category}
        onChange={(ev) => change({ category: ev.currentTarget.value as BarrierCategory | '' })}
        error={e.category}
      />
      <Textarea label="What stands in the way" required autosize minRows={2} value={values.description} onChange={(ev) => change({ description: ev.currentTarget.value })} error={e.description} />
      <PersonPicker label="Owner" description="Who sees to solving it" required value={values.owner} onChange={(owner) => change({ owner })} error={e.ownerId} />
      <Textarea label="Next step" required autosize minRows={1} value={values.nextStep} onChange={(ev) => change({ nextStep: ev.currentTarget.value })} error={e.nextStep} />
      <TextInput label="Target date" description="Optional: when it should be solved by" type="date" value={values.targetOn} onChange={(ev) => change({ targetOn: ev.currentTarget.value })} error={e.targetOn} style={{ maxWidth: '14rem' }} />
      <NativeSelect
        label="Mechanism it is raised against"
        description="Optional"
        data={[{ value: '', label: 'None: the unit as a whole' }, ...(mechanisms.data ?? []).map((m) => ({ value: m.id, label: m.name }))]}
        value={values.mechanismId}
        onChange={(ev) => change({ mechanismId: ev.currentTarget.value })}
        error={e.mechanismId}
      />
    </FormDialog>
  );
}

export type BarrierMove = 'resolved' | 'dropped';

export function BarrierMoveDialog({ barrier, to, opened, onClose }: { barrier: BarrierRecord; to: BarrierMove; opened: boolean; onClose: () => void }) {
  const move = useMoveBarrier(barrier.id);
  const form = useDialogForm(onClose);
  const [text, setText] = useState('');
  const [version, setVersion] = useState(barrier.version);
  const resolving = to === 'resolved';
  const submit = () =>
    form.send(
      BarrierTransition,
      { version, to, ...(resolving ? { resolution: orNull(text) ?? undefined } : { reason: orNull(text) ?? undefined }) },
      (input) => move.mutateAsync(input),
      (saved) => (resolving ? `Resolved the barrier${saved.daysToResolution !== null ? ` in ${saved.daysToResolution === 1 ? '1 day' : `${saved.daysToResolution} days`}` : ''}.` : 'Dropped the barrier.'),
    );
  const reload = form.reloader(
    move,
    () => api<BarrierRecord[]>(`/api/units/${encodeURIComponent(barrier.unitId)}/barriers`).then((all) => all.find((b) => b.id === barrier.id)),
    (fresh) => setVersion(fresh.version),
  );
  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={resolving ? 'Resolve the barrier' : 'Drop the barrier'}
      submitLabel={resolving ? 'Resolve' : 'Drop'}
      pending={move.isPending}
      error={move.error}
      errorTitle={resolving ? 'Could not resolve the barrier' : 'Could not drop the barrier'}
      onSubmit={submit}
      onReload={reload}
      formRef={form.formRef}
    >
      <Textarea
        label={resolving ? 'How it was resolved' : 'Why it is dropped'}
        required
        autosize
        minRows={2}
        value={text}
        onChange={(ev) => setText(ev.currentTarget.value)}
        error={resolving ? e(form.errors, 'resolution') : e(form.errors, 'reason')}
        data-autofocus
      />
    </FormDialog>
  );
}

const e = (errors: Partial<Record<string, string>>, field: string) => errors[field];
