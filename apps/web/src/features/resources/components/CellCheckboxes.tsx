// The cells of the framework as checkboxes, arena by arena (a fieldset each), with the refusal of
// the list (or of one cell in it) under them. Shared by the resource and priority-need dialogs.
import { Checkbox, SimpleGrid, Stack, Text } from '@mantine/core';
import { interventionCellKey, type InterventionFramework } from '@trellis/core';
import type { FieldErrors } from '../../../lib/forms';

interface Props {
  framework: InterventionFramework;
  label: string;
  value: string[];
  onChange: (cells: string[]) => void;
  errors: FieldErrors;
  /** Makes the ids unique when two forms could be on the page. */
  idPrefix: string;
}

export function CellCheckboxes({ framework, label, value, onChange, errors, idPrefix }: Props) {
  const error = errors.cells ?? Object.entries(errors).find(([k]) => k.startsWith('cells.'))?.[1];
  const errorId = `${idPrefix}-cells-error`;
  const toggle = (key: string, on: boolean) => onChange(on ? [...value, key] : value.filter((c) => c !== key));
  return (
    <Stack gap={6}>
      <Text size="sm" fw={500} id={`${idPrefix}-cells-label`}>
        {label}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        {framework.arenas.map((a, ai) => (
          <fieldset key={a.key} style={{ border: '1px solid var(--mantine-color-gray-4)', borderRadius: 4, padding: '0.25rem 0.75rem 0.5rem', margin: 0 }}>
            <legend style={{ fontSize: 'var(--mantine-font-size-sm)', fontWeight: 600, padding: '0 0.25rem' }}>{a.name}</legend>
            <Stack gap={4}>
              {framework.levels.map((l, li) => {
                const key = interventionCellKey(a.key, l.key);
                return (
                  <Checkbox
                    key={key}
                    size="sm"
                    label={l.shortName}
                    checked={value.includes(key)}
                    onChange={(ev) => toggle(key, ev.currentTarget.checked)}
                    {...(error && ai === 0 && li === 0 ? { 'aria-invalid': true, 'aria-describedby': errorId } : {})}
                  />
                );
              })}
            </Stack>
          </fieldset>
        ))}
      </SimpleGrid>
      {error && (
        <Text size="sm" c="red.8" id={errorId}>
          Cells: {error}
        </Text>
      )}
    </Stack>
  );
}
