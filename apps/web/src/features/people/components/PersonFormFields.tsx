import { SimpleGrid, TextInput } from '@mantine/core';
import { UnitPicker } from '../../../components/UnitPicker';
import type { FieldErrors } from '../../../lib/forms';
import type { PersonFormValues } from './personForm';

interface PersonFormFieldsProps {
  values: PersonFormValues;
  errors: FieldErrors;
  onChange: (patch: Partial<PersonFormValues>) => void;
}

export function PersonFormFields({ values, errors, onChange }: PersonFormFieldsProps) {
  return (
    <>
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
        <TextInput label="Name" required autoComplete="off" value={values.name} onChange={(e) => onChange({ name: e.currentTarget.value })} error={errors.name} data-autofocus />
        <TextInput label="Email" type="email" required autoComplete="off" value={values.email} onChange={(e) => onChange({ email: e.currentTarget.value })} error={errors.email} />
      </SimpleGrid>
      <TextInput label="Title" description="Their job title, e.g. School Counselor" value={values.title} onChange={(e) => onChange({ title: e.currentTarget.value })} error={errors.title} />
      <UnitPicker
        label="Home unit"
        description="Where they work; leaders of this unit and above may edit their record"
        required
        value={values.homeUnit}
        onChange={(homeUnit) => onChange({ homeUnit })}
        error={errors.homeUnitId}
        data-testid="home-unit"
      />
    </>
  );
}
