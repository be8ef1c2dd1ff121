// The fields of a unit shared by the add and edit forms. Which appear depends on the kind: only
// states, regions, districts and schools have NCES ids; schools and districts have grades.
import { Group, NativeSelect, NumberInput, SimpleGrid, TextInput } from '@mantine/core';
import { GRADES, NCES_ID_DIGITS, UNIT_KIND_LABELS } from '@trellis/core';
import type { FieldErrors } from '../../../lib/forms';
import { hasNcesId, hasStudents, type UnitFormValues } from './unitForm';

const GRADE_LABELS: Record<string, string> = { PK: 'Pre-kindergarten', KG: 'Kindergarten' };
const gradeOptions = [{ value: '', label: 'Not set' }, ...GRADES.map((g) => ({ value: g, label: GRADE_LABELS[g] ?? `Grade ${Number(g)}` }))];

interface UnitFormFieldsProps {
  values: UnitFormValues;
  errors: FieldErrors;
  onChange: (patch: Partial<UnitFormValues>) => void;
}

export function UnitFormFields({ values, errors, onChange }: UnitFormFieldsProps) {
  const digits = NCES_ID_DIGITS[values.kind];
  return (
    <>
      <TextInput label="Name" required value={values.name} onChange={(e) => onChange({ name: e.currentTarget.value })} error={errors.name} data-autofocus />
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
        {hasNcesId(values.kind) && (
          <TextInput
            label="NCES id"
            description={`${digits} digits for a ${UNIT_KIND_LABELS[values.kind].toLowerCase()}`}
            inputMode="numeric"
            value={values.ncesId}
            onChange={(e) => onChange({ ncesId: e.currentTarget.value })}
            error={errors.ncesId}
          />
        )}
        <TextInput label="State id" description="The state’s own identifier" value={values.stateId} onChange={(e) => onChange({ stateId: e.currentTarget.value })} error={errors.stateId} />
      </SimpleGrid>
      {hasStudents(values.kind) && (
        <Group grow align="flex-start" gap="md" wrap="wrap">
          <NativeSelect label="Lowest grade" data={gradeOptions} value={values.gradeLow} onChange={(e) => onChange({ gradeLow: e.currentTarget.value })} error={errors.gradeLow} miw="9rem" />
          <NativeSelect label="Highest grade" data={gradeOptions} value={values.gradeHigh} onChange={(e) => onChange({ gradeHigh: e.currentTarget.value })} error={errors.gradeHigh} miw="9rem" />
          <NumberInput label="Enrollment" min={0} allowDecimal={false} allowNegative={false} thousandSeparator="," value={values.enrollment} onChange={(v) => onChange({ enrollment: v })} error={errors.enrollment} miw="9rem" />
        </Group>
      )}
    </>
  );
}
