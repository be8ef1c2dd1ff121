// Move a mechanism through its life cycle. Retiring a sunsetting mechanism asks where its ongoing
// functions were assimilated.
import { useRef, useState } from 'react';
import { Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { LIFECYCLE_TRANSITIONS, MECHANISM_STATUS_LABELS, MechanismStatusChange, type MechanismDetail, type MechanismStatus } from '@trellis/core';
import { FormDialog } from '../../../components/FormDialog';
import { useAnnounce } from '../../../components/StatusAnnouncer';
import { problemFieldErrors, zodFieldErrors, type FieldErrors, useFocusOnErrors } from '../../../lib/forms';
import { useChangeMechanismStatus } from '../api/mechanismMutations';
import { mechanismQuery } from '../api/mechanismQueries';
import { STATUS_ACTIONS } from './labels';

export function StatusDialog({ mechanism, to, opened, onClose }: { mechanism: MechanismDetail; to: MechanismStatus; opened: boolean; onClose: () => void }) {
  const [assimilatedInto, setAssimilatedInto] = useState('');
  const [version, setVersion] = useState(mechanism.version);
  const [errors, setErrors] = useState<FieldErrors>({});
  const form = useRef<HTMLFormElement>(null);
  const change = useChangeMechanismStatus(mechanism.id);
  const announce = useAnnounce();
  const queryClient = useQueryClient();
  useFocusOnErrors(form, errors);
  const asksWhere = to === 'retired' && mechanism.status === 'sunsetting';
  const meaning = LIFECYCLE_TRANSITIONS[mechanism.status][to];

  const submit = () => {
    if (asksWhere && assimilatedInto.trim() === '') return setErrors({ assimilatedInto: 'Say which regular structure takes on its ongoing functions' });
    const parsed = MechanismStatusChange.safeParse({ version, status: to, ...(asksWhere ? { assimilatedInto: assimilatedInto.trim() } : {}) });
    if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
    setErrors({});
    change.mutate(parsed.data, {
      onSuccess: (saved) => {
        announce(`${saved.name} is now ${MECHANISM_STATUS_LABELS[saved.status].toLowerCase()}.`);
        onClose();
      },
      onError: (e) => setErrors(problemFieldErrors(e)),
    });
  };

  const reload = async () => {
    const fresh = await queryClient.fetchQuery({ ...mechanismQuery(mechanism.id), staleTime: 0 });
    setVersion(fresh.version);
    setErrors({});
    change.reset();
  };

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={`${STATUS_ACTIONS[to]}: ${mechanism.name}`}
      submitLabel={mechanism.status === 'sunsetting' && to === 'active' ? 'Re-activate' : STATUS_ACTIONS[to]}
      pending={change.isPending}
      error={change.error}
      errorTitle="Could not change the status"
      onSubmit={submit}
      onReload={() => void reload()}
      formRef={form}
      size="md"
    >
      <Text size="sm">
        {mechanism.name} is {MECHANISM_STATUS_LABELS[mechanism.status].toLowerCase()}
        {meaning ? `; it will ${meaning}.` : '.'}
      </Text>
      {asksWhere && (
        <TextInput
          label="Functions assimilated into"
          description="The regular structure that takes on its ongoing functions, e.g. the Learning Supports Leadership Team."
          required
          value={assimilatedInto}
          onChange={(e) => setAssimilatedInto(e.currentTarget.value)}
          error={errors.assimilatedInto}
        />
      )}
    </FormDialog>
  );
}
