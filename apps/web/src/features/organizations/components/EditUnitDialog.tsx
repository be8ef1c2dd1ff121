// Rename a unit or change its details. Sends the version it loaded; when someone else saved first
// (409), it says so and offers the latest version to start again from.
import { useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { UnitUpdate, type Unit } from '@trellis/core';
import { FormDialog } from '../../../components/FormDialog';
import { useAnnounce } from '../../../components/StatusAnnouncer';
import { problemFieldErrors, zodFieldErrors, type FieldErrors, useFocusOnErrors } from '../../../lib/forms';
import { useUpdateUnit } from '../api/unitMutations';
import { unitQuery } from '../api/unitQueries';
import { toUnitUpdate, unitFormFrom, type UnitFormValues } from './unitForm';
import { UnitFormFields } from './UnitFormFields';

export function EditUnitDialog({ unit, opened, onClose }: { unit: Unit; opened: boolean; onClose: () => void }) {
  const [values, setValues] = useState<UnitFormValues>(() => unitFormFrom(unit));
  const [version, setVersion] = useState(unit.version);
  const [errors, setErrors] = useState<FieldErrors>({});
  const form = useRef<HTMLFormElement>(null);
  const update = useUpdateUnit(unit.id);
  const announce = useAnnounce();
  const queryClient = useQueryClient();

  const showErrors = setErrors;
  useFocusOnErrors(form, errors);

  const submit = () => {
    const parsed = UnitUpdate.safeParse(toUnitUpdate(values, version));
    if (!parsed.success) return showErrors(zodFieldErrors(parsed.error));
    setErrors({});
    update.mutate(parsed.data, {
      onSuccess: (saved) => {
        announce(`Saved ${saved.name}.`);
        onClose();
      },
      onError: (e) => showErrors(problemFieldErrors(e)),
    });
  };

  const reload = async () => {
    const fresh = await queryClient.fetchQuery({ ...unitQuery(unit.id), staleTime: 0 });
    setValues(unitFormFrom(fresh));
    setVersion(fresh.version);
    setErrors({});
    update.reset();
  };

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={`Edit ${unit.name}`}
      submitLabel="Save changes"
      pending={update.isPending}
      error={update.error}
      errorTitle="Could not save the unit"
      onSubmit={submit}
      onReload={() => void reload()}
      formRef={form}
    >
      <UnitFormFields values={values} errors={errors} onChange={(patch) => setValues((v) => ({ ...v, ...patch }))} />
    </FormDialog>
  );
}
