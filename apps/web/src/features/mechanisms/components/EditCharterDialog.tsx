// Rename a mechanism or change its charter, sending the version loaded (409 offers the latest).
import { useRef, useState } from 'react';
import { Textarea, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { MechanismUpdate, type MechanismDetail } from '@trellis/core';
import { FormDialog } from '../../../components/FormDialog';
import { useAnnounce } from '../../../components/StatusAnnouncer';
import { orNull, problemFieldErrors, zodFieldErrors, type FieldErrors, useFocusOnErrors } from '../../../lib/forms';
import { useUpdateMechanism } from '../api/mechanismMutations';
import { mechanismQuery } from '../api/mechanismQueries';

export function EditCharterDialog({ mechanism, opened, onClose }: { mechanism: MechanismDetail; opened: boolean; onClose: () => void }) {
  const [name, setName] = useState(mechanism.name);
  const [charter, setCharter] = useState(mechanism.charter ?? '');
  const [version, setVersion] = useState(mechanism.version);
  const [errors, setErrors] = useState<FieldErrors>({});
  const form = useRef<HTMLFormElement>(null);
  const update = useUpdateMechanism(mechanism.id);
  const announce = useAnnounce();
  const queryClient = useQueryClient();
  useFocusOnErrors(form, errors);

  const submit = () => {
    const parsed = MechanismUpdate.safeParse({ version, name, charter: orNull(charter) });
    if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
    setErrors({});
    update.mutate(parsed.data, {
      onSuccess: (saved) => {
        announce(`Saved ${saved.name}.`);
        onClose();
      },
      onError: (e) => setErrors(problemFieldErrors(e)),
    });
  };

  const reload = async () => {
    const fresh = await queryClient.fetchQuery({ ...mechanismQuery(mechanism.id), staleTime: 0 });
    setName(fresh.name);
    setCharter(fresh.charter ?? '');
    setVersion(fresh.version);
    setErrors({});
    update.reset();
  };

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={`Edit ${mechanism.name}`}
      submitLabel="Save changes"
      pending={update.isPending}
      error={update.error}
      errorTitle="Could not save the mechanism"
      onSubmit={submit}
      onReload={() => void reload()}
      formRef={form}
    >
      <TextInput label="Name" required value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} />
      <Textarea label="Charter" autosize minRows={4} value={charter} onChange={(e) => setCharter(e.currentTarget.value)} error={errors.charter} />
    </FormDialog>
  );
}
