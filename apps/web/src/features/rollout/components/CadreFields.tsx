// The cadre of Organization Facilitators: a number of them with one capacity, or named ones each
// with a capacity and an optional region they prefer to work in.
import { Button, Fieldset, Group, NumberInput, Radio, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import type { FieldErrors } from '../../../lib/forms';
import { focusLater } from './focusMoved';
import { LEGEND_STYLES } from './labels';
import { countedAsNamed, newRowKey, nextFacilitatorId, type FacilitatorRow, type SettingsValues } from './settingsForm';

interface Props {
  values: SettingsValues;
  errors: FieldErrors;
  change: (patch: Partial<SettingsValues>) => void;
}

const CAPACITY_HELP = 'Sites at full load one facilitator carries at once: 3 means three schools in intensive implementation, or six at half load.';

export function CadreFields({ values, errors, change }: Props) {
  const setRow = (index: number, patch: Partial<FacilitatorRow>) => change({ facilitators: values.facilitators.map((f, i) => (i === index ? { ...f, ...patch } : f)) });
  const switchMode = (mode: string) => {
    if (mode === 'named' && values.cadreMode === 'count') change({ cadreMode: 'named', facilitators: countedAsNamed(values.count, values.capacity) });
    else if (mode === 'count' && values.cadreMode === 'named') change({ cadreMode: 'count', count: values.facilitators.length, capacity: values.facilitators[0]?.capacity ?? values.capacity });
  };
  const cadreError = errors['settings.cadre'] ?? errors['settings.cadre.facilitators'];

  return (
    <Fieldset legend="Cadre of facilitators" variant="unstyled" styles={LEGEND_STYLES} data-testid="cadre-fields">
      <Radio.Group label="Describe the cadre by" value={values.cadreMode} onChange={switchMode}>
        <Group gap="lg" mt={4}>
          <Radio value="count" label="A number of facilitators" />
          <Radio value="named" label="Named facilitators" />
        </Group>
      </Radio.Group>
      {values.cadreMode === 'count' ? (
        <Group align="flex-start" gap="md" mt="sm" wrap="wrap">
          <NumberInput
            label="Number of facilitators"
            min={1}
            max={1000}
            allowDecimal={false}
            allowNegative={false}
            value={values.count}
            onChange={(v) => change({ count: v })}
            error={errors['settings.cadre.count']}
            w="12rem"
          />
          <NumberInput
            label="Capacity per facilitator"
            description={CAPACITY_HELP}
            min={0.01}
            step={0.25}
            decimalScale={2}
            allowNegative={false}
            value={values.capacity}
            onChange={(v) => change({ capacity: v })}
            error={errors['settings.cadre.capacity']}
            style={{ flex: '1 1 16rem', maxWidth: '28rem' }}
          />
        </Group>
      ) : (
        <>
          <Text size="sm" c="dimmed" mt="sm">
            {CAPACITY_HELP} A region, when given, is where the facilitator prefers to work.
          </Text>
          <Table.ScrollContainer minWidth={520} mt="xs">
            <Table aria-label="Named facilitators" verticalSpacing={4}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Name</Table.Th>
                  <Table.Th scope="col">Capacity</Table.Th>
                  <Table.Th scope="col">Region (optional)</Table.Th>
                  <Table.Th scope="col">
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {values.facilitators.map((f, i) => (
                  <Table.Tr key={f.key}>
                    <Table.Td>
                      <TextInput aria-label={`Name of facilitator ${i + 1}`} value={f.name} onChange={(e) => setRow(i, { name: e.currentTarget.value })} error={errors[`settings.cadre.facilitators.${i}.name`]} />
                    </Table.Td>
                    <Table.Td>
                      <NumberInput
                        aria-label={`Capacity of facilitator ${i + 1}`}
                        min={0.01}
                        step={0.25}
                        decimalScale={2}
                        allowNegative={false}
                        value={f.capacity}
                        onChange={(v) => setRow(i, { capacity: v })}
                        error={errors[`settings.cadre.facilitators.${i}.capacity`]}
                        w="8rem"
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput aria-label={`Region of facilitator ${i + 1}`} value={f.region} onChange={(e) => setRow(i, { region: e.currentTarget.value })} error={errors[`settings.cadre.facilitators.${i}.region`]} />
                    </Table.Td>
                    <Table.Td>
                      <Button
                        variant="default"
                        size="xs"
                        disabled={values.facilitators.length <= 1}
                        onClick={() => {
                          change({ facilitators: values.facilitators.filter((_, j) => j !== i) });
                          focusLater('[data-add="facilitator"]');
                        }}
                        aria-label={`Remove ${f.name || `facilitator ${i + 1}`}`}
                      >
                        Remove
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Button
            variant="default"
            size="xs"
            mt="xs"
            data-add="facilitator"
            onClick={() => {
              const id = nextFacilitatorId(values.facilitators);
              change({ facilitators: [...values.facilitators, { key: newRowKey(), id, name: `Facilitator ${id.replace('facilitator-', '')}`, capacity: values.facilitators.at(-1)?.capacity ?? 3, region: '' }] });
            }}
          >
            Add facilitator
          </Button>
        </>
      )}
      {cadreError && (
        <Text size="sm" c="var(--mantine-color-error)" mt="xs">
          {cadreError}
        </Text>
      )}
    </Fieldset>
  );
}
