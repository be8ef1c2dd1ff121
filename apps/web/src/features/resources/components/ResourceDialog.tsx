// Adding or changing a resource: what it is, who provides it (a community agency is named), the
// cells of the framework it sits in (checkboxes, arena by arena), who and how many it serves, its
// staff and cost, and its funding. A change sends the version it loaded; after someone else saved
// first it offers the latest version.
import { useState } from 'react';
import { Group, NativeSelect, SimpleGrid, Switch, Textarea, TextInput } from '@mantine/core';
import {
  RESOURCE_KIND_LABELS,
  RESOURCE_KINDS,
  RESOURCE_PROVIDER_TYPE_LABELS,
  RESOURCE_PROVIDER_TYPES,
  ResourceCreate,
  ResourceUpdate,
  type InterventionFramework,
  type ResourceKind,
  type ResourceProviderType,
} from '@trellis/core';
import { FormDialog } from '../../../components/FormDialog';
import { api } from '../../../lib/api';
import { orNull } from '../../../lib/forms';
import { useCreateResource, useUpdateResource } from '../api/resourceMutations';
import { resourcePath, type ResourceRecord } from '../api/resourceQueries';
import { useDialogForm } from '../../../lib/useDialogForm';
import { CellCheckboxes } from './CellCheckboxes';

interface Values {
  name: string;
  description: string;
  kind: ResourceKind;
  providerType: ResourceProviderType;
  partnerName: string;
  cells: string[];
  populationServed: string;
  capacity: string;
  staffFte: string;
  annualCost: string;
  fundingSource: string;
  fundingEndsOn: string;
  coordinated: boolean;
  purposeTags: string;
  targetPopulation: string;
}

const str = (n: number | null) => (n === null ? '' : String(n));

function valuesOf(r: ResourceRecord | null): Values {
  return {
    name: r?.name ?? '',
    description: r?.description ?? '',
    kind: r?.kind ?? 'program',
    providerType: r?.providerType ?? 'school',
    partnerName: r?.partnerName ?? '',
    cells: r?.cells ?? [],
    populationServed: str(r?.populationServed ?? null),
    capacity: str(r?.capacity ?? null),
    staffFte: str(r?.staffFte ?? null),
    annualCost: str(r?.annualCost ?? null),
    fundingSource: r?.fundingSource ?? '',
    fundingEndsOn: r?.fundingEndsOn ?? '',
    coordinated: r?.coordinated ?? false,
    purposeTags: (r?.purposeTags ?? []).join(', '),
    targetPopulation: r?.targetPopulation ?? '',
  };
}

/** '' → null; a number when it reads as one; otherwise the text, for the schema to refuse in words. */
const numberOrNull = (s: string): number | string | null => {
  const t = s.trim().replace(/[$,]/g, '');
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : s;
};

function fieldsOf(v: Values) {
  return {
    name: v.name,
    description: orNull(v.description),
    kind: v.kind,
    providerType: v.providerType,
    partnerName: orNull(v.partnerName),
    cells: v.cells,
    populationServed: numberOrNull(v.populationServed),
    capacity: numberOrNull(v.capacity),
    staffFte: numberOrNull(v.staffFte),
    annualCost: numberOrNull(v.annualCost),
    fundingSource: orNull(v.fundingSource),
    fundingEndsOn: orNull(v.fundingEndsOn),
    coordinated: v.coordinated,
    purposeTags: v.purposeTags
      .split(/[,;]/)
      .map((t) => t.trim())
      .filter((t) => t !== ''),
    targetPopulation: orNull(v.targetPopulation),
  };
}

interface Props {
  unitId: string;
  framework: InterventionFramework;
  /** The resource to change; null to add one. */
  resource: ResourceRecord | null;
  opened: boolean;
  onClose: () => void;
}

export function ResourceDialog({ unitId, framework, resource, opened, onClose }: Props) {
  const create = useCreateResource(unitId);
  const update = useUpdateResource(unitId, resource?.id);
  const mutation = resource ? update : create;
  const form = useDialogForm(onClose);
  const [values, setValues] = useState<Values>(() => valuesOf(resource));
  const [version, setVersion] = useState(resource?.version ?? 0);
  const change = (patch: Partial<Values>) => setValues((v) => ({ ...v, ...patch }));
  const e = form.errors;

  const submit = () => {
    if (resource) form.send(ResourceUpdate, { version, ...fieldsOf(values) }, (input) => update.mutateAsync(input), (saved) => `Saved ${saved.name}.`);
    else form.send(ResourceCreate, { unitId, ...fieldsOf(values) }, (input) => create.mutateAsync(input), (saved) => `Added ${saved.name}.`);
  };

  const reload = resource
    ? form.reloader(
        update,
        () => api<ResourceRecord>(resourcePath(resource.id)),
        (fresh) => {
          setValues(valuesOf(fresh));
          setVersion(fresh.version);
        },
      )
    : undefined;


  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={resource ? `Change ${resource.name}` : 'Add a resource'}
      submitLabel={resource ? 'Save' : 'Add the resource'}
      pending={mutation.isPending}
      error={mutation.error}
      errorTitle={resource ? 'Could not save the resource' : 'Could not add the resource'}
      onSubmit={submit}
      {...(reload ? { onReload: reload } : {})}
      formRef={form.formRef}
    >
      <TextInput label="Name" required value={values.name} onChange={(ev) => change({ name: ev.currentTarget.value })} error={e.name} />
      <Textarea label="Description" autosize minRows={2} value={values.description} onChange={(ev) => change({ description: ev.currentTarget.value })} error={e.description} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NativeSelect label="Kind" value={values.kind} onChange={(ev) => change({ kind: ev.currentTarget.value as ResourceKind })} data={RESOURCE_KINDS.map((k) => ({ value: k, label: RESOURCE_KIND_LABELS[k] }))} error={e.kind} />
        <NativeSelect
          label="Provider"
          value={values.providerType}
          onChange={(ev) => change({ providerType: ev.currentTarget.value as ResourceProviderType })}
          data={RESOURCE_PROVIDER_TYPES.map((k) => ({ value: k, label: RESOURCE_PROVIDER_TYPE_LABELS[k] }))}
          error={e.providerType}
        />
      </SimpleGrid>
      {values.providerType === 'community_agency' && (
        <TextInput label="Partner (the community agency)" required value={values.partnerName} onChange={(ev) => change({ partnerName: ev.currentTarget.value })} error={e.partnerName} />
      )}
      <CellCheckboxes framework={framework} label="Cells of the framework (at least one)" value={values.cells} onChange={(cells) => change({ cells })} errors={e} idPrefix="resource" />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label="Students served in a year" inputMode="numeric" value={values.populationServed} onChange={(ev) => change({ populationServed: ev.currentTarget.value })} error={e.populationServed} />
        <TextInput label="Capacity (students)" inputMode="numeric" value={values.capacity} onChange={(ev) => change({ capacity: ev.currentTarget.value })} error={e.capacity} />
        <TextInput label="Staff FTE" inputMode="decimal" value={values.staffFte} onChange={(ev) => change({ staffFte: ev.currentTarget.value })} error={e.staffFte} />
        <TextInput label="Annual cost (dollars)" inputMode="decimal" value={values.annualCost} onChange={(ev) => change({ annualCost: ev.currentTarget.value })} error={e.annualCost} />
        <TextInput label="Funding source" value={values.fundingSource} onChange={(ev) => change({ fundingSource: ev.currentTarget.value })} error={e.fundingSource} />
        <TextInput label="Funding ends on (grants)" type="date" value={values.fundingEndsOn} onChange={(ev) => change({ fundingEndsOn: ev.currentTarget.value })} error={e.fundingEndsOn} />
      </SimpleGrid>
      <TextInput label="Target population" description="Who it serves, e.g. grade 9 students with chronic absence" value={values.targetPopulation} onChange={(ev) => change({ targetPopulation: ev.currentTarget.value })} error={e.targetPopulation} />
      <TextInput label="Purpose tags" description="A few words, separated by commas, e.g. mentoring, attendance" value={values.purposeTags} onChange={(ev) => change({ purposeTags: ev.currentTarget.value })} error={e.purposeTags} />
      <Group>
        <Switch label="Coordinated with the other learning supports" checked={values.coordinated} onChange={(ev) => change({ coordinated: ev.currentTarget.checked })} />
      </Group>
    </FormDialog>
  );
}
