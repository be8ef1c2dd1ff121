// Ranking a priority need, or re-ranking and rewording one: its rank (1 is the highest), a title,
// the work group's rationale, and the cells of the framework it is in (none for a need across the
// map). A change sends the version it loaded; after someone else saved first it offers the latest.
import { useState } from 'react';
import { Textarea, TextInput } from '@mantine/core';
import { ResourcePriorityNeedCreate, ResourcePriorityNeedUpdate, type InterventionFramework } from '@trellis/core';
import { FormDialog } from '../../../components/FormDialog';
import { api } from '../../../lib/api';
import { useCreatePriorityNeed, useUpdatePriorityNeed } from '../api/resourceMutations';
import { priorityNeedsPath, type PriorityNeedRecord } from '../api/resourceQueries';
import { useDialogForm } from '../../../lib/useDialogForm';
import { CellCheckboxes } from './CellCheckboxes';

/** What a new need starts from: the next rank, and for one drawn from a finding its cells and words. */
export interface PriorityNeedSeed {
  rank: number;
  title?: string;
  rationale?: string;
  cells?: string[];
}

interface Props {
  unitId: string;
  framework: InterventionFramework;
  /** The need to change; null to rank a new one. */
  need: PriorityNeedRecord | null;
  seed: PriorityNeedSeed;
  opened: boolean;
  onClose: () => void;
}

interface Values {
  rank: string;
  title: string;
  rationale: string;
  cells: string[];
}

const valuesOf = (n: PriorityNeedRecord | null, seed: PriorityNeedSeed): Values => ({
  rank: String(n?.rank ?? seed.rank),
  title: n?.title ?? seed.title ?? '',
  rationale: n?.rationale ?? seed.rationale ?? '',
  cells: n?.cells ?? seed.cells ?? [],
});

/** A whole number when it reads as one; otherwise the text, for the schema to refuse in words. */
const rankOf = (s: string): number | string => {
  const t = s.trim();
  const n = Number(t);
  return t !== '' && Number.isFinite(n) ? n : s;
};

export function PriorityNeedDialog({ unitId, framework, need, seed, opened, onClose }: Props) {
  const create = useCreatePriorityNeed(unitId);
  const update = useUpdatePriorityNeed(unitId, need?.id);
  const mutation = need ? update : create;
  const form = useDialogForm(onClose);
  const [values, setValues] = useState<Values>(() => valuesOf(need, seed));
  const [version, setVersion] = useState(need?.version ?? 0);
  const change = (patch: Partial<Values>) => setValues((v) => ({ ...v, ...patch }));
  const e = form.errors;

  const submit = () => {
    const fields = { rank: rankOf(values.rank), title: values.title, rationale: values.rationale, cells: values.cells };
    if (need) form.send(ResourcePriorityNeedUpdate, { version, ...fields }, (input) => update.mutateAsync(input), (saved) => `Saved the priority need ${saved.title} (rank ${saved.rank}).`);
    else form.send(ResourcePriorityNeedCreate, { unitId, ...fields }, (input) => create.mutateAsync(input), (saved) => `Ranked ${saved.title} as priority need ${saved.rank}.`);
  };

  const reload = need
    ? form.reloader(
        update,
        () => api<PriorityNeedRecord[]>(priorityNeedsPath(unitId)).then((all) => all.find((n) => n.id === need.id)),
        (fresh) => {
          setValues(valuesOf(fresh, seed));
          setVersion(fresh.version);
        },
      )
    : undefined;

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={need ? `Change the priority need ${need.title}` : 'Rank a priority need'}
      submitLabel={need ? 'Save' : 'Rank the need'}
      pending={mutation.isPending}
      error={mutation.error}
      errorTitle={need ? 'Could not save the priority need' : 'Could not rank the need'}
      onSubmit={submit}
      {...(reload ? { onReload: reload } : {})}
      formRef={form.formRef}
    >
      <TextInput
        label="Rank"
        description="1 is the highest priority"
        required
        inputMode="numeric"
        value={values.rank}
        onChange={(ev) => change({ rank: ev.currentTarget.value })}
        error={e.rank}
        style={{ maxWidth: '10rem' }}
      />
      <TextInput label="Title" required value={values.title} onChange={(ev) => change({ title: ev.currentTarget.value })} error={e.title} />
      <Textarea
        label="Rationale"
        description="Why the work group ranks it here"
        required
        autosize
        minRows={3}
        value={values.rationale}
        onChange={(ev) => change({ rationale: ev.currentTarget.value })}
        error={e.rationale}
      />
      <CellCheckboxes framework={framework} label="Cells of the framework it is in (none for a need across the map)" value={values.cells} onChange={(cells) => change({ cells })} errors={e} idPrefix="need" />
    </FormDialog>
  );
}
