// Writing a recommendation from a finding: its type (redeploy resources unless chosen otherwise),
// a title and rationale prefilled from the finding, and the finding linked.
import { useState } from 'react';
import { Checkbox, NativeSelect, Paper, Text, Textarea, TextInput } from '@mantine/core';
import { RESOURCE_FINDING_LABELS, RESOURCE_RECOMMENDATION_TYPE_LABELS, RESOURCE_RECOMMENDATION_TYPES, ResourceRecommendationCreate, type ResourceRecommendationType } from '@trellis/core';
import { FormDialog } from '../../../components/FormDialog';
import { useCreateRecommendation } from '../api/resourceMutations';
import type { Finding } from '../api/resourceQueries';
import { useDialogForm } from '../hooks/useDialogForm';

interface Props {
  unitId: string;
  finding: Finding | null;
  opened: boolean;
  onClose: () => void;
}

const defaultType = (f: Finding | null): ResourceRecommendationType => {
  if (!f) return 'redeploy_resources';
  if (f.code === 'fragmentation' || f.code === 'economies_of_scale') return 'unify';
  return 'redeploy_resources';
};

export function RecommendDialog({ unitId, finding, opened, onClose }: Props) {
  const create = useCreateRecommendation(unitId);
  const form = useDialogForm(onClose);
  const [type, setType] = useState<ResourceRecommendationType>(defaultType(finding));
  const [title, setTitle] = useState(finding ? `${finding.code === 'redundancy' ? 'Redeploy overlapping resources' : RESOURCE_FINDING_LABELS[finding.code]}`.slice(0, 200) : '');
  const [rationale, setRationale] = useState(finding?.explanation ?? '');
  const [linked, setLinked] = useState(true);

  const submit = () =>
    form.send(
      ResourceRecommendationCreate,
      {
        unitId,
        type,
        title,
        rationale,
        findings: finding && linked ? [{ key: finding.key, code: finding.code, explanation: finding.explanation.slice(0, 2000) }] : [],
      },
      (input) => create.mutateAsync(input),
      (saved) => `Recommended: ${saved.title}.`,
    );

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title="Recommend"
      submitLabel="Save the recommendation"
      pending={create.isPending}
      error={create.error}
      errorTitle="Could not save the recommendation"
      onSubmit={submit}
      formRef={form.formRef}
    >
      <NativeSelect
        label="Type"
        value={type}
        onChange={(e) => setType(e.currentTarget.value as ResourceRecommendationType)}
        data={RESOURCE_RECOMMENDATION_TYPES.map((t) => ({ value: t, label: RESOURCE_RECOMMENDATION_TYPE_LABELS[t] }))}
        error={form.errors.type}
      />
      <TextInput label="Title" required value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={form.errors.title} />
      <Textarea label="Rationale" required autosize minRows={3} value={rationale} onChange={(e) => setRationale(e.currentTarget.value)} error={form.errors.rationale} />
      {finding && (
        <Paper withBorder p="sm" radius="sm">
          <Checkbox label={`Link the finding: ${RESOURCE_FINDING_LABELS[finding.code]}`} checked={linked} onChange={(e) => setLinked(e.currentTarget.checked)} />
          <Text size="sm" mt="xs">
            {finding.explanation}
          </Text>
        </Paper>
      )}
    </FormDialog>
  );
}
