// Changing an engagement (leaders): its focus areas, planned end, goals and cadence targets. A stale
// save (someone else changed it) offers to reload the latest version.
import { Checkbox, Group, NumberInput, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { CoachingEngagementUpdate } from '@trellis/core';
import { FormDialog } from '../../../components/FormDialog';
import { useDialogForm } from '../../../lib/useDialogForm';
import { engagementQuery, focusAreasQuery, useUpdateEngagement, type EngagementDetail } from '../api/coaching';

export function EditEngagementDialog({ detail, opened, onClose }: { detail: EngagementDetail; opened: boolean; onClose: () => void }) {
  const focus = useQuery(focusAreasQuery(detail.engagement.unitId));
  const queryClient = useQueryClient();
  const update = useUpdateEngagement(detail.engagement.id);
  const { errors, formRef, send, reloader } = useDialogForm(onClose);
  const [base, setBase] = useState(detail.engagement);
  const [areas, setAreas] = useState<string[]>(base.focusAreaKeys);
  const [plannedEndOn, setPlannedEndOn] = useState(base.plannedEndOn ?? '');
  const [goals, setGoals] = useState(base.goals ?? '');
  const [contactEvery, setContactEvery] = useState<number | string>(base.cadence.contactEveryDays ?? '');
  const [onsiteMonths, setOnsiteMonths] = useState<number | string>(base.cadence.onsite?.unit === 'months' ? base.cadence.onsite.every : '');
  const take = (fresh: EngagementDetail) => {
    setBase(fresh.engagement);
    setAreas(fresh.engagement.focusAreaKeys);
    setPlannedEndOn(fresh.engagement.plannedEndOn ?? '');
    setGoals(fresh.engagement.goals ?? '');
  };
  const submit = () =>
    send(
      CoachingEngagementUpdate,
      {
        version: base.version,
        focusAreaKeys: areas,
        plannedEndOn: plannedEndOn || null,
        goals: goals.trim() || null,
        cadence: {
          contactEveryDays: contactEvery === '' ? null : Number(contactEvery),
          onsite: onsiteMonths === '' ? (base.cadence.onsite?.unit === 'days' ? base.cadence.onsite : null) : { unit: 'months', every: Number(onsiteMonths) },
        },
      },
      update.mutateAsync,
      () => 'Saved the engagement.',
    );
  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title="Change the engagement"
      submitLabel="Save"
      pending={update.isPending}
      error={update.error}
      errorTitle="Could not save the engagement"
      onSubmit={submit}
      formRef={formRef}
      onReload={reloader(update, () => queryClient.fetchQuery(engagementQuery(detail.engagement.id)), take)}
    >
      <Checkbox.Group label="Focus areas" description="A retired area stays while the engagement names it" required value={areas} onChange={setAreas} error={errors.focusAreaKeys ?? Object.entries(errors).find(([k]) => k.startsWith('focusAreaKeys.'))?.[1]}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={4} mt={4}>
          {(focus.data?.areas ?? [])
            .filter((a) => !a.retired || base.focusAreaKeys.includes(a.key))
            .map((a) => (
              <Checkbox key={a.key} value={a.key} label={a.retired ? `${a.label} (retired)` : a.label} />
            ))}
        </SimpleGrid>
      </Checkbox.Group>
      <TextInput type="date" label="Planned end" value={plannedEndOn} onChange={(e) => setPlannedEndOn(e.currentTarget.value)} error={errors.plannedEndOn} />
      <Textarea label="Goals" autosize minRows={2} value={goals} onChange={(e) => setGoals(e.currentTarget.value)} error={errors.goals} />
      <Group grow align="flex-start">
        <NumberInput label="A contact every (days)" description="Empty: no contact target" min={1} max={90} value={contactEvery} onChange={setContactEvery} error={errors['cadence.contactEveryDays']} />
        <NumberInput label="An onsite visit every (months)" description="Empty: no monthly visit target" min={1} max={12} value={onsiteMonths} onChange={setOnsiteMonths} error={errors['cadence.onsite.every']} />
      </Group>
    </FormDialog>
  );
}
