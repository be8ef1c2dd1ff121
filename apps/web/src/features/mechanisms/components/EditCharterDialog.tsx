// Rename a mechanism or change its charter, sending the version loaded (409 offers the latest).
import { Textarea, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { MechanismUpdate, type MechanismDetail } from '@trellis/core';
import { FormDialog } from '../../../components/FormDialog';
import { orNull } from '../../../lib/forms';
import { useVersionedEdit } from '../../../lib/useVersionedEdit';
import { useUpdateMechanism } from '../api/mechanismMutations';
import { mechanismQuery } from '../api/mechanismQueries';

const charterForm = (m: { name: string; charter: string | null }) => ({ name: m.name, charter: m.charter ?? '' });

export function EditCharterDialog({ mechanism, opened, onClose }: { mechanism: MechanismDetail; opened: boolean; onClose: () => void }) {
  const update = useUpdateMechanism(mechanism.id);
  const queryClient = useQueryClient();
  const edit = useVersionedEdit({
    initialValues: () => charterForm(mechanism),
    initialVersion: mechanism.version,
    schema: MechanismUpdate,
    toInput: (values, version) => ({ version, name: values.name, charter: orNull(values.charter) }),
    mutation: update,
    fetchLatest: () => queryClient.fetchQuery({ ...mechanismQuery(mechanism.id), staleTime: 0 }),
    valuesFrom: charterForm,
    onSaved: onClose,
  });

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={`Edit ${mechanism.name}`}
      submitLabel="Save changes"
      pending={update.isPending}
      error={update.error}
      errorTitle="Could not save the mechanism"
      onSubmit={edit.submit}
      onReload={edit.reload}
      formRef={edit.formRef}
    >
      <TextInput label="Name" required value={edit.values.name} onChange={(e) => edit.change({ name: e.currentTarget.value })} error={edit.errors.name} />
      <Textarea label="Charter" autosize minRows={4} value={edit.values.charter} onChange={(e) => edit.change({ charter: e.currentTarget.value })} error={edit.errors.charter} />
    </FormDialog>
  );
}
