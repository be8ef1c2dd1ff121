// Add a unit under this one: only the kinds that may sit here are offered.
import { useRef, useState } from 'react';
import { NativeSelect } from '@mantine/core';
import { allowedChildKinds, UNIT_KIND_LABELS, UnitCreate, type Unit } from '@trellis/core';
import { FormDialog } from '../../../components/FormDialog';
import { useAnnounce } from '../../../components/StatusAnnouncer';
import { problemFieldErrors, zodFieldErrors, type FieldErrors, useFocusOnErrors } from '../../../lib/forms';
import { useCreateUnit } from '../api/unitMutations';
import { emptyUnitForm, toUnitCreate, type UnitFormValues } from './unitForm';
import { UnitFormFields } from './UnitFormFields';

export function AddUnitDialog({ parent, opened, onClose }: { parent: Unit; opened: boolean; onClose: () => void }) {
  const kinds = allowedChildKinds(parent.kind);
  const [values, setValues] = useState<UnitFormValues>(() => emptyUnitForm(kinds.includes('school') ? 'school' : kinds[0]!));
  const [errors, setErrors] = useState<FieldErrors>({});
  const form = useRef<HTMLFormElement>(null);
  const create = useCreateUnit();
  const announce = useAnnounce();

  const showErrors = setErrors;
  useFocusOnErrors(form, errors);

  const submit = () => {
    const parsed = UnitCreate.safeParse(toUnitCreate(values, parent.id));
    if (!parsed.success) return showErrors(zodFieldErrors(parsed.error));
    setErrors({});
    create.mutate(parsed.data, {
      onSuccess: (unit) => {
        announce(`Added ${UNIT_KIND_LABELS[unit.kind].toLowerCase()} ${unit.name} under ${parent.name}.`);
        onClose();
      },
      onError: (e) => showErrors(problemFieldErrors(e)),
    });
  };

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={`Add a unit under ${parent.name}`}
      submitLabel="Add unit"
      pending={create.isPending}
      error={create.error}
      errorTitle="Could not add the unit"
      onSubmit={submit}
      formRef={form}
    >
      <NativeSelect
        label="Kind"
        required
        data={kinds.map((k) => ({ value: k, label: UNIT_KIND_LABELS[k] }))}
        value={values.kind}
        onChange={(e) => setValues((v) => ({ ...v, kind: e.currentTarget.value as UnitFormValues['kind'] }))}
        error={errors.kind}
      />
      <UnitFormFields values={values} errors={errors} onChange={(patch) => setValues((v) => ({ ...v, ...patch }))} />
    </FormDialog>
  );
}
