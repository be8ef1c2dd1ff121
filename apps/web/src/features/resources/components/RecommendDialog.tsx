// Writing a recommendation from a finding: its type (redeploy resources unless chosen otherwise),
// a title and rationale prefilled from the finding, and the finding linked.
import { useState } from 'react';
import { Checkbox, NativeSelect, Paper, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { RESOURCE_FINDING_LABELS, RESOURCE_RECOMMENDATION_TYPE_LABELS, RESOURCE_RECOMMENDATION_TYPES, ResourceRecommendationCreate, type ResourceRecommendationType } from '@trellis/core';
import { FormDialog } from '../../../components/FormDialog';
import { useCreateRecommendation } from '../api/resourceMutations';
import type { Finding, PriorityNeedRecord } from '../api/resourceQueries';
import { useDialogForm } from '../../../lib/useDialogForm';

interface Props {
  unitId: string;
  finding: Finding | null;
  /** The unit's ranked priority needs, to link. */
  needs: PriorityNeedRecord[];
  opened: boolean;
  onClose: () => void;
}

const defaultType = (f: Finding | null): ResourceRecommendationType => {
  if (!f) return 'redeploy_resources';
  if (f.code === 'fragmentation' || f.code === 'economies_of_scale') return 'unify';
  return 'redeploy_resources';
};

export function RecommendDialog({ unitId, finding, needs, opened, onClose }: Props) {
  const create = useCreateRecommendation(unitId);
  const form = useDialogForm(onClose);
  const [type, setType] = useState<ResourceRecommendationType>(defaultType(finding));
  const [title, setTitle] = useState(finding ? `${finding.code === 'redundancy' ? 'Redeploy overlapping resources' : RESOURCE_FINDING_LABELS[finding.code]}`.slice(0, 200) : '');
  const [rationale, setRationale] = useState(finding?.explanation ?? '');
  const [linked, setLinked] = useState(true);
  const [needIds, setNeedIds] = useState<string[]>([]);

  const submit = () =>
    form.send(
      ResourceRecommendationCreate,
      {
        unitId,
        type,
        title,
        rationale,
        findings: finding && linked ? [{ key: finding.key, code: finding.code, explanation: finding.explanation.slice(0, 2000) }] : [],
        priorityNeedIds: needs.filter((n) => needIds.includes(n.id)).map((n) => n.id),
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
      {needs.length > 0 && (
        <fieldset style={{ border: '1px solid var(--mantine-color-gray-4)', borderRadius: 4, padding: '0.25rem 0.75rem 0.5rem', margin: 0 }}>
          <legend style={{ fontSize: 'var(--mantine-font-size-sm)', fontWeight: 600, padding: '0 0.25rem' }}>Priority needs it answers</legend>
          <Stack gap={4}>
            {needs.map((n) => (
              <Checkbox
                key={n.id}
                size="sm"
                label={`${n.rank}. ${n.title}`}
                checked={needIds.includes(n.id)}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  setNeedIds((ids) => (on ? [...ids, n.id] : ids.filter((id) => id !== n.id)));
                }}
              />
            ))}
          </Stack>
          {form.errors.priorityNeedIds && (
            <Text size="sm" c="red.8">
              Priority needs: {form.errors.priorityNeedIds}
            </Text>
          )}
        </fieldset>
      )}
    </FormDialog>
  );
}
