// Reword or add a function, drop one with a reason, restore a dropped one. Changes send the
// version loaded; when someone else changed the function first (409), the latest is offered.
import { useRef, useState } from 'react';
import { Text, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { MechanismFunctionCreate, MechanismFunctionUpdate, type MechanismFunctionEntry } from '@trellis/core';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { FormDialog } from '../../../components/FormDialog';
import { useAnnounce } from '../../../components/StatusAnnouncer';
import { problemFieldErrors, zodFieldErrors, type FieldErrors, useFocusOnErrors } from '../../../lib/forms';
import { useAddFunction, useChangeFunction } from '../api/mechanismMutations';
import { mechanismQuery } from '../api/mechanismQueries';

interface Props {
  mechanismId: string;
  opened: boolean;
  onClose: () => void;
}

/** The latest version of a function, after a stale write. */
function useLatestVersion(mechanismId: string, functionId: string | null) {
  const queryClient = useQueryClient();
  return async () => {
    const fresh = await queryClient.fetchQuery({ ...mechanismQuery(mechanismId), staleTime: 0 });
    return fresh.functions.find((f) => f.id === functionId) ?? null;
  };
}

const short = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}…` : text);

export function FunctionTextDialog({ mechanismId, entry, opened, onClose }: Props & { entry: MechanismFunctionEntry | null }) {
  const [text, setText] = useState(entry?.text ?? '');
  const [version, setVersion] = useState(entry?.version ?? 0);
  const [errors, setErrors] = useState<FieldErrors>({});
  const form = useRef<HTMLFormElement>(null);
  const add = useAddFunction(mechanismId);
  const change = useChangeFunction(mechanismId, entry?.id ?? '');
  const latest = useLatestVersion(mechanismId, entry?.id ?? null);
  const announce = useAnnounce();
  useFocusOnErrors(form, errors);
  const mutation = entry ? change : add;

  const submit = () => {
    const done = {
      onSuccess: () => {
        announce(entry ? 'Reworded the function.' : 'Added the function.');
        onClose();
      },
      onError: (e: unknown) => setErrors(problemFieldErrors(e)),
    };
    if (entry) {
      const parsed = MechanismFunctionUpdate.safeParse({ version, text });
      if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
      setErrors({});
      change.mutate(parsed.data, done);
    } else {
      const parsed = MechanismFunctionCreate.safeParse({ text });
      if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
      setErrors({});
      add.mutate(parsed.data, done);
    }
  };

  const reload = async () => {
    const fresh = await latest();
    if (fresh) {
      setText(fresh.text);
      setVersion(fresh.version);
    }
    setErrors({});
    change.reset();
  };

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={entry ? 'Reword a function' : 'Add a function'}
      submitLabel={entry ? 'Save wording' : 'Add function'}
      pending={mutation.isPending}
      error={mutation.error}
      errorTitle={entry ? 'Could not reword the function' : 'Could not add the function'}
      onSubmit={submit}
      {...(entry ? { onReload: () => void reload() } : {})}
      formRef={form}
    >
      {entry?.catalogText && (
        <Text size="sm" c="dimmed">
          Catalog wording: {entry.catalogText}
        </Text>
      )}
      <Textarea label="Function" description={entry ? undefined : 'A function of the unit’s own, beyond the catalog’s.'} required autosize minRows={3} value={text} onChange={(e) => setText(e.currentTarget.value)} error={errors.text} />
    </FormDialog>
  );
}

export function DropFunctionDialog({ mechanismId, entry, opened, onClose }: Props & { entry: MechanismFunctionEntry }) {
  const [reason, setReason] = useState('');
  const [version, setVersion] = useState(entry.version);
  const [errors, setErrors] = useState<FieldErrors>({});
  const form = useRef<HTMLFormElement>(null);
  const change = useChangeFunction(mechanismId, entry.id);
  const latest = useLatestVersion(mechanismId, entry.id);
  const announce = useAnnounce();
  useFocusOnErrors(form, errors);

  const submit = () => {
    const parsed = MechanismFunctionUpdate.safeParse({ version, droppedReason: reason });
    if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
    setErrors({});
    change.mutate(parsed.data, {
      onSuccess: () => {
        announce('Dropped the function.');
        onClose();
      },
      onError: (e) => setErrors(problemFieldErrors(e)),
    });
  };

  const reload = async () => {
    const fresh = await latest();
    if (fresh) setVersion(fresh.version);
    setErrors({});
    change.reset();
  };

  return (
    <FormDialog opened={opened} onClose={onClose} title="Drop a function" submitLabel="Drop function" pending={change.isPending} error={change.error} errorTitle="Could not drop the function" onSubmit={submit} onReload={() => void reload()} formRef={form}>
      <Text size="sm">“{short(entry.text)}” stays in the list, marked dropped, and can be restored.</Text>
      <Textarea label="Reason" description="Why the unit does not take on this function." required autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors.droppedReason} />
    </FormDialog>
  );
}

export function RestoreFunctionDialog({ mechanismId, entry, opened, onClose }: Props & { entry: MechanismFunctionEntry }) {
  const change = useChangeFunction(mechanismId, entry.id);
  const latest = useLatestVersion(mechanismId, entry.id);
  const [version, setVersion] = useState(entry.version);
  const announce = useAnnounce();
  const confirm = () =>
    change.mutate(
      { version, droppedReason: null },
      {
        onSuccess: () => {
          announce('Restored the function.');
          onClose();
        },
      },
    );
  const reload = async () => {
    const fresh = await latest();
    if (fresh) setVersion(fresh.version);
    change.reset();
  };
  return (
    <ConfirmDialog opened={opened} title="Restore a function" confirmLabel="Restore function" pending={change.isPending} error={change.error} onConfirm={confirm} onClose={onClose} onReload={() => void reload()}>
      Restore “{short(entry.text)}”? It was dropped because: {entry.droppedReason}
    </ConfirmDialog>
  );
}
