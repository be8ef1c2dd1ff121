// Setting up an engagement at a unit (leaders): the coach (internal or external), who is coached
// (a leader, or the unit itself), coaching or mentoring, focus areas from the unit's list (Appendix B
// as its state or district adapted it), dates, goals
// and the cadence (default: a contact every week, an onsite visit every month).
import { Checkbox, Group, NumberInput, Radio, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { CoachingEngagementCreate } from '@trellis/core';
import { FormDialog } from '../../../components/FormDialog';
import { PersonPicker } from '../../../components/PersonPicker';
import { SearchSelect, type SearchOption } from '../../../components/SearchSelect';
import { api, withQuery } from '../../../lib/api';
import { useDialogForm } from '../../../lib/useDialogForm';
import { focusAreasQuery, useCreateEngagement } from '../api/coaching';

export function EngagementDialog({ unitId, unitName, opened, onClose }: { unitId: string; unitName: string; opened: boolean; onClose: () => void }) {
  const focus = useQuery(focusAreasQuery(unitId));
  const create = useCreateEngagement();
  const { errors, formRef, send } = useDialogForm(onClose);
  const [coach, setCoach] = useState<SearchOption | null>(null);
  const [affiliation, setAffiliation] = useState<'internal' | 'external'>('external');
  const [kind, setKind] = useState<'coaching' | 'mentoring'>('coaching');
  const [targetKind, setTargetKind] = useState<'leader' | 'unit'>('leader');
  const [leader, setLeader] = useState<SearchOption | null>(null);
  const [areas, setAreas] = useState<string[]>([]);
  const [startOn, setStartOn] = useState(new Date().toISOString().slice(0, 10));
  const [plannedEndOn, setPlannedEndOn] = useState('');
  const [goals, setGoals] = useState('');
  const [contactEvery, setContactEvery] = useState<number | string>(7);
  const [onsiteMonths, setOnsiteMonths] = useState<number | string>(1);

  const submit = () =>
    send(
      CoachingEngagementCreate,
      {
        unitId,
        coachPersonId: coach?.value ?? '',
        kind,
        coachAffiliation: affiliation,
        target: targetKind === 'unit' ? { unitId } : { leaderPersonId: leader?.value ?? '' },
        focusAreaKeys: areas,
        startOn,
        ...(plannedEndOn ? { plannedEndOn } : {}),
        ...(goals.trim() ? { goals: goals.trim() } : {}),
        cadence: { contactEveryDays: Number(contactEvery), onsite: { unit: 'months', every: Number(onsiteMonths) } },
      },
      create.mutateAsync,
      (saved) => `Set up ${saved.engagement.kind} of ${saved.engagement.targetName} by ${saved.engagement.coachName}.`,
    );

  return (
    <FormDialog opened={opened} onClose={onClose} title={`New engagement at ${unitName}`} submitLabel="Set up engagement" pending={create.isPending} error={create.error} errorTitle="Could not set up the engagement" onSubmit={submit} formRef={formRef}>
      <SearchSelect
        label="Coach or mentor"
        description="People of this unit, or an external coach (no home unit) by at least three letters of their name or email"
        placeholder="Type a name or email"
        required
        value={coach}
        onChange={setCoach}
        error={errors.coachPersonId}
        queryKey={['coaching', 'coach-candidates', unitId]}
        search={async (q, signal) => {
          const { people } = await api<{ people: { id: string; name: string; email: string; homeUnitName: string | null; external: boolean }[] }>(withQuery(`/api/units/${unitId}/coaching/coach-candidates`, { q, limit: 20 }), { signal });
          return people.map((p) => ({ value: p.id, label: `${p.name} (${p.email})${p.external ? ' — external, no home unit' : ''}` }));
        }}
      />
      <Radio.Group label="The coach is" value={affiliation} onChange={(v) => setAffiliation(v as 'internal' | 'external')} description="An external coach gets access to this unit while the engagement lasts.">
        <Group gap="md" mt={4}>
          <Radio value="external" label="External" />
          <Radio value="internal" label="Internal" />
        </Group>
      </Radio.Group>
      <Radio.Group label="Kind" value={kind} onChange={(v) => setKind(v as 'coaching' | 'mentoring')} description="Coaching is short-term and task-focused; mentoring is longer-term.">
        <Group gap="md" mt={4}>
          <Radio value="coaching" label="Coaching" />
          <Radio value="mentoring" label="Mentoring" />
        </Group>
      </Radio.Group>
      <Radio.Group label="Works with" value={targetKind} onChange={(v) => setTargetKind(v as 'leader' | 'unit')}>
        <Group gap="md" mt={4}>
          <Radio value="leader" label="A leader" />
          <Radio value="unit" label={`${unitName} as a whole`} />
        </Group>
      </Radio.Group>
      {targetKind === 'leader' && <PersonPicker label="Leader coached" required value={leader} onChange={setLeader} error={errors['target.leaderPersonId'] ?? errors.target} />}
      <Checkbox.Group label="Focus areas" description={`Appendix B as ${unitName} uses it (see the Focus areas tab)`} required value={areas} onChange={setAreas} error={errors.focusAreaKeys ?? Object.entries(errors).find(([k]) => k.startsWith('focusAreaKeys.'))?.[1]}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={4} mt={4}>
          {(focus.data?.areas ?? []).filter((a) => !a.retired).map((a) => (
            <Checkbox key={a.key} value={a.key} label={a.label} />
          ))}
        </SimpleGrid>
      </Checkbox.Group>
      <Stack gap="sm">
        <Group grow align="flex-start">
          <TextInput type="date" label="Starts" required value={startOn} onChange={(e) => setStartOn(e.currentTarget.value)} error={errors.startOn} />
          <TextInput type="date" label="Planned end" value={plannedEndOn} onChange={(e) => setPlannedEndOn(e.currentTarget.value)} error={errors.plannedEndOn} />
        </Group>
        <Textarea label="Goals" autosize minRows={2} value={goals} onChange={(e) => setGoals(e.currentTarget.value)} error={errors.goals} />
        <Group grow align="flex-start">
          <NumberInput label="A contact every (days)" min={1} max={90} value={contactEvery} onChange={setContactEvery} error={errors['cadence.contactEveryDays']} />
          <NumberInput label="An onsite visit every (months)" min={1} max={12} value={onsiteMonths} onChange={setOnsiteMonths} error={errors['cadence.onsite.every']} />
        </Group>
      </Stack>
    </FormDialog>
  );
}
