// Adapting the intervention framework in a design document: rename an arena or level (local words),
// add one the unit needs, or drop one it does not use (saying why). Resource maps at the unit and
// below use the adapted framework; every map records the version it used.
import { Button, Group, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import type { InterventionFramework, InterventionFrameworkChange } from '@trellis/core';
import type { FieldErrors } from '../../../lib/forms';

interface Props {
  changes: InterventionFrameworkChange[];
  onChange: (changes: InterventionFrameworkChange[]) => void;
  framework: InterventionFramework | null;
  errors: FieldErrors;
}

const OPS = [
  { value: 'rename', label: 'Rename' },
  { value: 'add', label: 'Add' },
  { value: 'drop', label: 'Drop' },
];
const AXES = [
  { value: 'arena', label: 'Content arena' },
  { value: 'level', label: 'Level of intervention' },
];

/** A change of another kind keeps the axis and key, and fills what the new kind needs. */
function withOp(c: InterventionFrameworkChange, op: string): InterventionFrameworkChange {
  if (op === 'drop') return { op: 'drop', axis: c.axis, key: c.key, reason: c.op === 'drop' ? c.reason : '' };
  const name = c.op === 'drop' ? '' : c.name;
  if (op === 'add') return { op: 'add', axis: c.axis, key: c.key, name, description: c.op === 'drop' ? '' : (c.description ?? '') };
  return { op: 'rename', axis: c.axis, key: c.key, name };
}

export function FrameworkChangesEditor({ changes, onChange, framework, errors: e }: Props) {
  const entries = (axis: 'arena' | 'level') => (framework ? (axis === 'arena' ? framework.arenas : framework.levels) : []).map((x) => ({ value: x.key, label: x.name }));
  const update = (i: number, c: InterventionFrameworkChange) => onChange(changes.map((x, j) => (j === i ? c : x)));
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        Adapting the intervention framework
      </Title>
      <Text size="sm" c="dimmed">
        Leave this empty to use the framework as it is. Resource maps here and in the units below use the adapted framework.
      </Text>
      {changes.map((c, i) => {
        const n = i + 1;
        return (
          <Paper key={i} withBorder p="sm">
            <Stack gap="xs">
              <Group gap="sm" align="flex-end" wrap="wrap">
                <Select label={`Change ${n}`} data={OPS} value={c.op} allowDeselect={false} onChange={(op) => op && update(i, withOp(c, op))} style={{ flex: '1 1 8rem' }} />
                <Select label={`What change ${n} is about`} data={AXES} value={c.axis} allowDeselect={false} onChange={(axis) => axis && update(i, { ...c, axis: axis as 'arena' | 'level' })} style={{ flex: '1 1 12rem' }} />
                {c.op === 'add' ? (
                  <TextInput
                    label={`Short key of the new ${c.axis}`}
                    description="Lowercase words joined by hyphens, e.g. after-school"
                    value={c.key}
                    onChange={(ev) => update(i, { ...c, key: ev.currentTarget.value })}
                    error={e[`frameworkChanges.${i}.key`]}
                    style={{ flex: '1 1 12rem' }}
                  />
                ) : (
                  <Select
                    label={`The ${c.axis} to ${c.op}`}
                    data={entries(c.axis)}
                    value={c.key || null}
                    onChange={(key) => update(i, { ...c, key: key ?? '' })}
                    error={e[`frameworkChanges.${i}.key`]}
                    style={{ flex: '1 1 16rem' }}
                  />
                )}
              </Group>
              {c.op === 'drop' ? (
                <TextInput label={`Why change ${n} drops it`} required value={c.reason} onChange={(ev) => update(i, { ...c, reason: ev.currentTarget.value })} error={e[`frameworkChanges.${i}.reason`]} />
              ) : (
                <TextInput label={c.op === 'add' ? `Name of the new ${c.axis}` : `New name (change ${n})`} required value={c.name} onChange={(ev) => update(i, { ...c, name: ev.currentTarget.value })} error={e[`frameworkChanges.${i}.name`]} />
              )}
              {c.op === 'add' && (
                <TextInput label={`What the new ${c.axis} covers`} required value={c.description} onChange={(ev) => update(i, { ...c, description: ev.currentTarget.value })} error={e[`frameworkChanges.${i}.description`]} />
              )}
              <Group>
                <Button variant="default" size="xs" aria-label={`Remove change ${n}`} onClick={() => onChange(changes.filter((_, j) => j !== i))}>
                  Remove
                </Button>
              </Group>
            </Stack>
          </Paper>
        );
      })}
      {e.frameworkChanges && (
        <Text size="sm" c="red.9">
          {e.frameworkChanges}
        </Text>
      )}
      <Group>
        <Button variant="default" size="xs" onClick={() => onChange([...changes, { op: 'rename', axis: 'arena', key: '', name: '' }])}>
          Add a change to the framework
        </Button>
      </Group>
    </Stack>
  );
}
