// Rename a unit or change its details. Sends the version it loaded; when someone else saved first
// (409), it says so and offers the latest version to start again from.
import { useQueryClient } from '@tanstack/react-query';
import { UnitUpdate, type Unit } from '@trellis/core';
import { FormDialog } from '../../../components/FormDialog';
import { useVersionedEdit } from '../../../lib/useVersionedEdit';
import { useUpdateUnit } from '../api/unitMutations';
import { unitQuery } from '../api/unitQueries';
import { toUnitUpdate, unitFormFrom } from './unitForm';
import { UnitFormFields } from './UnitFormFields';

export function EditUnitDialog({ unit, opened, onClose }: { unit: Unit; opened: boolean; onClose: () => void }) {
  const update = useUpdateUnit(unit.id);
  const queryClient = useQueryClient();
  const edit = useVersionedEdit({
    initialValues: () => unitFormFrom(unit),
    initialVersion: unit.version,
    schema: UnitUpdate,
    toInput: toUnitUpdate,
    mutation: update,
    fetchLatest: () => queryClient.fetchQuery({ ...unitQuery(unit.id), staleTime: 0 }),
    valuesFrom: unitFormFrom,
    onSaved: onClose,
  });

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={`Edit ${unit.name}`}
      submitLabel="Save changes"
      pending={update.isPending}
      error={update.error}
      errorTitle="Could not save the unit"
      onSubmit={edit.submit}
      onReload={edit.reload}
      formRef={edit.formRef}
    >
      <UnitFormFields values={edit.values} errors={edit.errors} onChange={edit.change} />
    </FormDialog>
  );
}
