// Add a person to the directory; with a password they can also sign in.
import { useRef, useState } from 'react';
import { PasswordInput } from '@mantine/core';
import { PersonCreate, type Person } from '@trellis/core';
import { FormDialog } from '../../../components/FormDialog';
import { useAnnounce } from '../../../components/StatusAnnouncer';
import { problemFieldErrors, zodFieldErrors, type FieldErrors, useFocusOnErrors } from '../../../lib/forms';
import { useCreatePerson } from '../api/peopleMutations';
import { emptyPersonForm, toPersonCreate, type PersonFormValues } from './personForm';
import { PersonFormFields } from './PersonFormFields';

export function AddPersonDialog({ opened, onClose, onAdded }: { opened: boolean; onClose: () => void; onAdded: (person: Person) => void }) {
  const [values, setValues] = useState<PersonFormValues>(emptyPersonForm);
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const form = useRef<HTMLFormElement>(null);
  const create = useCreatePerson();
  const announce = useAnnounce();

  const showErrors = setErrors;
  useFocusOnErrors(form, errors);

  const submit = () => {
    const parsed = PersonCreate.safeParse(toPersonCreate(values, password));
    if (!parsed.success) {
      const found = zodFieldErrors(parsed.error);
      if (!values.homeUnit) found.homeUnitId = 'Choose their home unit';
      return showErrors(found);
    }
    setErrors({});
    create.mutate(parsed.data, {
      onSuccess: (person) => {
        announce(`Added ${person.name}.`);
        onClose();
        onAdded(person);
      },
      onError: (e) => showErrors(problemFieldErrors(e)),
    });
  };

  return (
    <FormDialog opened={opened} onClose={onClose} title="Add a person" submitLabel="Add person" pending={create.isPending} error={create.error} errorTitle="Could not add the person" onSubmit={submit} formRef={form}>
      <PersonFormFields values={values} errors={errors} onChange={(patch) => setValues((v) => ({ ...v, ...patch }))} />
      <PasswordInput
        label="Password (optional)"
        description="At least 12 characters. Without one, they are in the directory but cannot sign in."
        autoComplete="new-password"
        value={password}
        onChange={(e) => setPassword(e.currentTarget.value)}
        error={errors.password}
      />
    </FormDialog>
  );
}
