// The phases every school goes through, in order: name, kind, length in working months and the
// load it asks of its facilitator. Rows move up and down with buttons (no dragging needed).
import { Button, Fieldset, Group, NativeSelect, NumberInput, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { ROLLOUT_PHASE_KINDS, type RolloutPhaseKind } from '@trellis/core';
import type { FieldErrors } from '../../../lib/forms';
import { PHASE_KIND_LABELS, LEGEND_STYLES } from './labels';
import { focusLater, focusMoved } from './focusMoved';
import { newRowKey, type PhaseRow, type SettingsValues } from './settingsForm';

interface Props {
  values: SettingsValues;
  errors: FieldErrors;
  change: (patch: Partial<SettingsValues>) => void;
}

function move<T>(list: T[], from: number, to: number): T[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item!);
  return next;
}

export function PhaseFields({ values, errors, change }: Props) {
  const phases = values.phases;
  const setRow = (index: number, patch: Partial<PhaseRow>) => change({ phases: phases.map((p, i) => (i === index ? { ...p, ...patch } : p)) });
  const label = (p: PhaseRow, i: number) => p.name.trim() || `phase ${i + 1}`;

  return (
    <Fieldset legend="Phases every school goes through" variant="unstyled" styles={LEGEND_STYLES} data-testid="phase-fields">
      <Text size="sm" c="dimmed">
        In order. Months are working months (blackout months pause a phase). Load is what one school asks of its facilitator: 1 is a
        school at full load, 0.5 at half.
      </Text>
      <Table.ScrollContainer minWidth={640} mt="xs">
        <Table aria-label="Phases" verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">#</Table.Th>
              <Table.Th scope="col">Name</Table.Th>
              <Table.Th scope="col">Kind</Table.Th>
              <Table.Th scope="col">Months</Table.Th>
              <Table.Th scope="col">Load</Table.Th>
              <Table.Th scope="col">
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {phases.map((p, i) => (
              <Table.Tr key={p.key}>
                <Table.Td>{i + 1}</Table.Td>
                <Table.Td miw="12rem">
                  <TextInput aria-label={`Name of phase ${i + 1}`} value={p.name} onChange={(e) => setRow(i, { name: e.currentTarget.value })} error={errors[`settings.phases.${i}.name`]} />
                </Table.Td>
                <Table.Td>
                  <NativeSelect
                    aria-label={`Kind of phase ${i + 1}`}
                    data={ROLLOUT_PHASE_KINDS.map((k) => ({ value: k, label: PHASE_KIND_LABELS[k] }))}
                    value={p.kind}
                    onChange={(e) => setRow(i, { kind: e.currentTarget.value as RolloutPhaseKind })}
                    error={errors[`settings.phases.${i}.kind`]}
                  />
                </Table.Td>
                <Table.Td>
                  <NumberInput aria-label={`Months of phase ${i + 1}`} min={1} max={120} allowDecimal={false} allowNegative={false} value={p.months} onChange={(v) => setRow(i, { months: v })} error={errors[`settings.phases.${i}.months`]} w="6rem" />
                </Table.Td>
                <Table.Td>
                  <NumberInput aria-label={`Load of phase ${i + 1}`} min={0.01} step={0.25} decimalScale={2} allowNegative={false} value={p.load} onChange={(v) => setRow(i, { load: v })} error={errors[`settings.phases.${i}.load`]} w="6rem" />
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Button
                      variant="subtle"
                      size="xs"
                      disabled={i === 0}
                      data-move={`${p.key}-up`}
                      onClick={() => {
                        change({ phases: move(phases, i, i - 1) });
                        focusMoved(p.key, 'up');
                      }}
                      aria-label={`Move ${label(p, i)} up`}
                    >
                      Up
                    </Button>
                    <Button
                      variant="subtle"
                      size="xs"
                      disabled={i === phases.length - 1}
                      data-move={`${p.key}-down`}
                      onClick={() => {
                        change({ phases: move(phases, i, i + 1) });
                        focusMoved(p.key, 'down');
                      }}
                      aria-label={`Move ${label(p, i)} down`}
                    >
                      Down
                    </Button>
                    <Button variant="default" size="xs" disabled={phases.length <= 1} onClick={() => {
                        change({ phases: phases.filter((_, j) => j !== i) });
                        focusLater('[data-add="phase"]');
                      }}
                      aria-label={`Remove ${label(p, i)}`}
                    >
                      Remove
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {errors['settings.phases'] && (
        <Text size="sm" c="var(--mantine-color-error)" mt="xs">
          {errors['settings.phases']}
        </Text>
      )}
      <Button
        variant="default"
        size="xs"
        mt="xs"
        data-add="phase"
        disabled={phases.length >= 12}
        onClick={() => change({ phases: [...phases, { key: newRowKey(), name: `Phase ${phases.length + 1}`, kind: 'cycling-back', months: 3, load: 0.5 }] })}
      >
        Add phase
      </Button>
    </Fieldset>
  );
}
