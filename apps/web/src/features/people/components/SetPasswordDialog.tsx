// An administrator sets or resets someone's password; their open sessions end.
import { useRef, useState } from 'react';
import { PasswordInput, Text } from '@mantine/core';
import type { Person } from '@trellis/core';
import { FormDialog } from '../../../components/FormDialog';
import { useAnnounce } from '../../../components/StatusAnnouncer';
import { problemFieldErrors, type FieldErrors, useFocusOnErrors } from '../../../lib/forms';
import { useSetPassword } from '../api/peopleMutations';

export function SetPasswordDialog({ person, opened, onClose }: { person: Person; opened: boolean; onClose: () => void }) {
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const form = useRef<HTMLFormElement>(null);
  const setter = useSetPassword(person.id);
  const announce = useAnnounce();

  const showErrors = setErrors;
  useFocusOnErrors(form, errors);

  const submit = () => {
    if (password.length < 12) return showErrors({ password: 'Must be at least 12 characters' });
    setErrors({});
    setter.mutate(password, {
      onSuccess: () => {
        announce(`Set a new password for ${person.name}.`);
        onClose();
      },
      onError: (e) => showErrors(problemFieldErrors(e)),
    });
  };

  return (
    <FormDialog opened={opened} onClose={onClose} title={`Set a password for ${person.name}`} submitLabel="Set password" pending={setter.isPending} error={setter.error} errorTitle="Could not set the password" onSubmit={submit} formRef={form} size="md">
      <Text size="sm">They will be signed out everywhere and must use the new password. Tell it to them in person or by phone.</Text>
      <PasswordInput label="New password" description="At least 12 characters" required autoComplete="new-password" value={password} onChange={(e) => setPassword(e.currentTarget.value)} error={errors.password} data-autofocus />
    </FormDialog>
  );
}
