// Change a person's name, email, title or home unit; a stale version (409) offers a reload.
import { useQueryClient } from '@tanstack/react-query';
import { PersonUpdate, type Person } from '@trellis/core';
import { FormDialog } from '../../../components/FormDialog';
import { useVersionedEdit } from '../../../lib/useVersionedEdit';
import { useUpdatePerson } from '../api/peopleMutations';
import { personQuery } from '../api/peopleQueries';
import { personFormFrom, toPersonUpdate } from './personForm';
import { PersonFormFields } from './PersonFormFields';

export function EditPersonDialog({ person, opened, onClose }: { person: Person; opened: boolean; onClose: () => void }) {
  const update = useUpdatePerson(person.id);
  const queryClient = useQueryClient();
  const edit = useVersionedEdit({
    initialValues: () => personFormFrom(person),
    initialVersion: person.version,
    schema: PersonUpdate,
    toInput: toPersonUpdate,
    mutation: update,
    fetchLatest: () => queryClient.fetchQuery({ ...personQuery(person.id), staleTime: 0 }),
    valuesFrom: personFormFrom,
    onSaved: onClose,
  });

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={`Edit ${person.name}`}
      submitLabel="Save changes"
      pending={update.isPending}
      error={update.error}
      errorTitle="Could not save the person"
      onSubmit={edit.submit}
      onReload={edit.reload}
      formRef={edit.formRef}
    >
      <PersonFormFields values={edit.values} errors={edit.errors} onChange={edit.change} />
    </FormDialog>
  );
}
