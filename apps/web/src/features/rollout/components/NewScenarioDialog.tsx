// Start a scenario for a unit: a name, when it starts and the cadre; the phases, blackout months and
// priorities start as Trellis's defaults and are changed on the scenario's page.
import { useRef, useState } from 'react';
import { Group, NumberInput, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { RolloutScenarioCreate, type UnitDetail } from '@trellis/core';
import { FormDialog } from '../../../components/FormDialog';
import { useAnnounce } from '../../../components/StatusAnnouncer';
import { problemFieldErrors, useFocusOnErrors, zodFieldErrors, type FieldErrors } from '../../../lib/forms';
import { useCreateScenario } from '../api/rolloutMutations';
import { rolloutDefaultsQuery, type RolloutScenarioRecord } from '../api/rolloutQueries';
import { groupWordOf } from './labels';

interface Props {
  unit: UnitDetail;
  opened: boolean;
  onClose: () => void;
  onCreated: (scenario: RolloutScenarioRecord) => void;
}

export function NewScenarioDialog({ unit, opened, onClose, onCreated }: Props) {
  const defaults = useQuery(rolloutDefaultsQuery);
  const [name, setName] = useState('');
  const [startMonth, setStartMonth] = useState<string | null>(null);
  const [count, setCount] = useState<number | string | null>(null);
  const [capacity, setCapacity] = useState<number | string | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const form = useRef<HTMLFormElement>(null);
  const create = useCreateScenario();
  const announce = useAnnounce();
  useFocusOnErrors(form, errors);

  const d = defaults.data;
  const defaultCadre = d && 'count' in d.cadre ? d.cadre : { count: 2, capacity: 3 };
  const month = startMonth ?? d?.startMonth ?? '';
  const cadreCount = count ?? defaultCadre.count;
  const cadreCapacity = capacity ?? defaultCadre.capacity;

  const submit = () => {
    if (!d) return;
    const empty: FieldErrors = {};
    if (cadreCount === '') empty['settings.cadre.count'] = 'Enter a number';
    if (cadreCapacity === '') empty['settings.cadre.capacity'] = 'Enter a number';
    if (Object.keys(empty).length > 0) return setErrors(empty);
    const parsed = RolloutScenarioCreate.safeParse({
      unitId: unit.id,
      name,
      settings: { ...d, startMonth: month.trim(), cadre: { count: Number(cadreCount), capacity: Number(cadreCapacity) } },
    });
    if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
    setErrors({});
    create.mutate(parsed.data, {
      onSuccess: (s) => {
        announce(`Created ${s.name}. Computing its schedule…`);
        onClose();
        onCreated(s);
      },
      onError: (e) => setErrors(problemFieldErrors(e)),
    });
  };

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={`New roll-out scenario for ${unit.name}`}
      submitLabel="Create and compute"
      pending={create.isPending}
      error={create.error ?? defaults.error}
      errorTitle="Could not create the scenario"
      onSubmit={submit}
      formRef={form}
    >
      <Text size="sm" c="dimmed">
        Its schools are grouped by {groupWordOf(unit.kind)}. The phases (readiness, intensive implementation, cycling back, return for
        institutionalization), blackout months and priorities start as Trellis’s defaults; change them on the scenario’s page.
      </Text>
      <TextInput label="Name" required value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} data-autofocus />
      <TextInput label="Start month" description="Year and month, e.g. 2027-09" type="month" required value={month} onChange={(e) => setStartMonth(e.currentTarget.value)} error={errors['settings.startMonth']} />
      <Group grow align="flex-start" wrap="wrap">
        <NumberInput label="Number of facilitators" min={1} max={1000} allowDecimal={false} allowNegative={false} value={cadreCount} onChange={setCount} error={errors['settings.cadre.count'] ?? errors['settings.cadre']} miw="10rem" />
        <NumberInput
          label="Capacity per facilitator"
          description="Schools at full load each carries at once"
          min={0.01}
          step={0.25}
          decimalScale={2}
          allowNegative={false}
          value={cadreCapacity}
          onChange={setCapacity}
          error={errors['settings.cadre.capacity']}
          miw="10rem"
        />
      </Group>
      {errors.unitId && (
        <Text size="sm" c="var(--mantine-color-error)">
          {errors.unitId}
        </Text>
      )}
    </FormDialog>
  );
}
