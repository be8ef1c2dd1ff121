// Which group of schools goes first: sorted by scores (need, readiness, enrollment — each highest
// first), or in an order the planner sets by moving groups up and down.
import { Button, Fieldset, Group, NativeSelect, Radio, Text } from '@mantine/core';
import type { RolloutPriorityKey } from '@trellis/core';
import type { FieldErrors } from '../../../lib/forms';
import { focusMoved } from './focusMoved';
import { PRIORITY_KEY_LABELS, LEGEND_STYLES } from './labels';
import { PRIORITY_KEYS, type SettingsValues } from './settingsForm';

interface Props {
  values: SettingsValues;
  errors: FieldErrors;
  change: (patch: Partial<SettingsValues>) => void;
  /** The groups of the unit (from its last computed schedule), by id. */
  subsetNames: Record<string, string>;
  /** What a group is here: "feeder pattern" or "district". */
  groupWord: string;
}

const ORDINALS = ['First by', 'Then by', 'Then by'];

export function PriorityFields({ values, errors, change, subsetNames, groupWord }: Props) {
  const known = values.priorityOrder.filter((id) => id in subsetNames);
  // Groups the form did not know when it opened (the schedule came later) join at the end.
  const order = [...known, ...Object.keys(subsetNames).filter((id) => !known.includes(id))];
  const canOrder = order.length > 0;
  const moveGroup = (from: number, to: number) => {
    const next = [...order];
    const [id] = next.splice(from, 1);
    next.splice(to, 0, id!);
    change({ priorityOrder: next });
  };

  return (
    <Fieldset legend="Priority" variant="unstyled" styles={LEGEND_STYLES} data-testid="priority-fields">
      <Radio.Group label={`Which ${groupWord} starts first`} value={values.priorityMode} onChange={(v) => change({ priorityMode: v as SettingsValues['priorityMode'] })}>
        <Group gap="lg" mt={4}>
          <Radio value="by" label="By scores" />
          <Radio value="order" label="In an order I set" disabled={!canOrder} />
        </Group>
      </Radio.Group>
      {!canOrder && (
        <Text size="xs" c="dimmed" mt={4}>
          Setting an order needs a computed schedule (it lists the groups).
        </Text>
      )}
      {values.priorityMode === 'by' ? (
        <Group gap="md" mt="sm" align="flex-start" wrap="wrap">
          {values.priorityBy.map((key, i) => (
            <NativeSelect
              key={i}
              label={`${ORDINALS[i]}`}
              aria-label={`Priority key ${i + 1}: ${ORDINALS[i]}`}
              data={[{ value: '', label: 'Nothing' }, ...PRIORITY_KEYS.map((k) => ({ value: k, label: PRIORITY_KEY_LABELS[k] }))]}
              value={key}
              onChange={(e) => change({ priorityBy: values.priorityBy.map((k, j) => (j === i ? (e.currentTarget.value as RolloutPriorityKey | '') : k)) })}
              error={errors[`settings.priority.by.${i}`]}
              w="14rem"
            />
          ))}
        </Group>
      ) : (
        <ol style={{ margin: 0, marginTop: 'var(--mantine-spacing-sm)', paddingInlineStart: '1.5rem' }} aria-label={`Order of the ${groupWord}s`}>
          {order.map((id, i) => (
            <li key={id} style={{ marginBottom: 4 }}>
              <Group gap="xs" wrap="wrap" justify="space-between">
                <Text size="sm">{subsetNames[id]}</Text>
                <Group gap={4}>
                  <Button
                    variant="subtle"
                    size="xs"
                    disabled={i === 0}
                    data-move={`${id}-up`}
                    onClick={() => {
                      moveGroup(i, i - 1);
                      focusMoved(id, 'up');
                    }}
                    aria-label={`Move ${subsetNames[id]} earlier`}
                  >
                    Earlier
                  </Button>
                  <Button
                    variant="subtle"
                    size="xs"
                    disabled={i === order.length - 1}
                    data-move={`${id}-down`}
                    onClick={() => {
                      moveGroup(i, i + 1);
                      focusMoved(id, 'down');
                    }}
                    aria-label={`Move ${subsetNames[id]} later`}
                  >
                    Later
                  </Button>
                </Group>
              </Group>
            </li>
          ))}
        </ol>
      )}
      {errors['settings.priority'] && (
        <Text size="sm" c="var(--mantine-color-error)" mt="xs">
          {errors['settings.priority']}
        </Text>
      )}
    </Fieldset>
  );
}
