// Change a person's name, email, title or home unit; a stale version (409) offers a reload.
import { useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { PersonUpdate, type Person } from '@trellis/core';
import { FormDialog } from '../../../components/FormDialog';
import { useAnnounce } from '../../../components/StatusAnnouncer';
import { problemFieldErrors, zodFieldErrors, type FieldErrors, useFocusOnErrors } from '../../../lib/forms';
import { useUpdatePerson } from '../api/peopleMutations';
import { personQuery } from '../api/peopleQueries';
import { personFormFrom, toPersonUpdate, type PersonFormValues } from './personForm';
import { PersonFormFields } from './PersonFormFields';

export function EditPersonDialog({ person, opened, onClose }: { person: Person; opened: boolean; onClose: () => void }) {
  const [values, setValues] = useState<PersonFormValues>(() => personFormFrom(person));
  const [version, setVersion] = useState(person.version);
  const [errors, setErrors] = useState<FieldErrors>({});
  const form = useRef<HTMLFormElement>(null);
  const update = useUpdatePerson(person.id);
  const announce = useAnnounce();
  const queryClient = useQueryClient();

  const showErrors = setErrors;
  useFocusOnErrors(form, errors);

  const submit = () => {
    const parsed = PersonUpdate.safeParse(toPersonUpdate(values, version));
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
    const fresh = await queryClient.fetchQuery({ ...personQuery(person.id), staleTime: 0 });
    setValues(personFormFrom(fresh));
    setVersion(fresh.version);
    setErrors({});
    update.reset();
  };

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={`Edit ${person.name}`}
      submitLabel="Save changes"
      pending={update.isPending}
      error={update.error}
      errorTitle="Could not save the person"
      onSubmit={submit}
      onReload={() => void reload()}
      formRef={form}
    >
      <PersonFormFields values={values} errors={errors} onChange={(patch) => setValues((v) => ({ ...v, ...patch }))} />
    </FormDialog>
  );
}
