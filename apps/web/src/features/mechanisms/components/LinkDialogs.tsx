// Linking across levels: link this mechanism up to the comparable one above, unlink it, or link a
// mechanism below up to this one. A link lives on the lower mechanism and sends its version; after
// a stale write (409) the latest version is loaded and the choice kept.
import { useState } from 'react';
import { NativeSelect, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { LINKAGE_SOURCE, MechanismLinkChange, type Mechanism, type MechanismDetail } from '@trellis/core';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { FormDialog } from '../../../components/FormDialog';
import { useAnnounce } from '../../../components/StatusAnnouncer';
import { useLinkMechanism } from '../api/mechanismMutations';
import { linkCandidatesQuery, mechanismQuery } from '../api/mechanismQueries';
import { useDialogForm } from '../../../lib/useDialogForm';
import { citation } from './labels';

interface Props {
  mechanism: MechanismDetail;
  opened: boolean;
  onClose: () => void;
}

const optionOf = (m: Mechanism) => ({ value: m.id, label: `${m.name} — ${m.unitName} (${m.kindName})` });

/** Choose one of the candidates above (`direction` up) or below (down) and link. */
export function LinkDialog({ mechanism, direction, opened, onClose }: Props & { direction: 'up' | 'down' }) {
  const queryClient = useQueryClient();
  const candidates = useQuery(linkCandidatesQuery(mechanism.id));
  const link = useLinkMechanism();
  const [chosenId, setChosenId] = useState('');
  const [upVersion, setUpVersion] = useState(mechanism.version);
  const form = useDialogForm(onClose);
  const options = candidates.data?.[direction] ?? [];
  const chosen = options.find((m) => m.id === chosenId);
  const field = direction === 'up' ? 'upperMechanismId' : 'lowerMechanismId';

  const submit = () => {
    if (!chosen) return form.refuse({ [field]: direction === 'up' ? 'Choose the mechanism above' : 'Choose a mechanism below' });
    if (direction === 'up') {
      form.send(MechanismLinkChange, { version: upVersion, upperMechanismId: chosen.id }, (input) => link.mutateAsync({ id: mechanism.id, ...input }), () => `Linked ${mechanism.name} up to ${chosen.name} at ${chosen.unitName}.`);
    } else {
      form.send(MechanismLinkChange, { version: chosen.version, upperMechanismId: mechanism.id }, (input) => link.mutateAsync({ id: chosen.id, ...input }), () => `Linked ${chosen.name} at ${chosen.unitName} up to ${mechanism.name}.`);
    }
  };

  // Up, the version is this mechanism's; down, the chosen one's, which the candidates carry.
  const reload = form.reloader(
    link,
    () => (direction === 'up' ? queryClient.fetchQuery({ ...mechanismQuery(mechanism.id), staleTime: 0 }) : queryClient.fetchQuery({ ...linkCandidatesQuery(mechanism.id), staleTime: 0 }).then(() => undefined)),
    (fresh) => setUpVersion(fresh.version),
  );

  const none = candidates.isSuccess && options.length === 0;
  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={direction === 'up' ? `Link ${mechanism.name} up` : `Link a mechanism below to ${mechanism.name}`}
      submitLabel="Link"
      pending={link.isPending}
      error={link.error ?? candidates.error}
      errorTitle="Could not link the mechanisms"
      onSubmit={submit}
      onReload={reload}
      formRef={form.formRef}
      size="md"
    >
      <Text size="sm">
        {direction === 'up'
          ? `Link it to the comparable mechanism at a unit above ${mechanism.unitName}.`
          : `Link the comparable mechanism at a participating unit below ${mechanism.unitName} up to this one.`}{' '}
        <Text span size="xs" c="dimmed">
          {citation(LINKAGE_SOURCE)}
        </Text>
      </Text>
      {none ? (
        <Text size="sm" c="dimmed">
          {direction === 'up' ? 'No mechanism above that you can see to link to.' : 'No unlinked mechanism below that you may link.'}
        </Text>
      ) : (
        <NativeSelect
          label={direction === 'up' ? 'Mechanism above' : 'Mechanism below'}
          required
          data={[{ value: '', label: candidates.isPending ? 'Loading…' : 'Choose a mechanism' }, ...options.map(optionOf)]}
          value={chosenId}
          onChange={(e) => setChosenId(e.currentTarget.value)}
          error={form.errors[field]}
        />
      )}
    </FormDialog>
  );
}

export function UnlinkDialog({ mechanism, opened, onClose }: Props) {
  const queryClient = useQueryClient();
  const link = useLinkMechanism();
  const announce = useAnnounce();
  const [version, setVersion] = useState(mechanism.version);
  const upper = mechanism.chain.up[0];
  const confirm = () =>
    link.mutate(
      { id: mechanism.id, version, upperMechanismId: null },
      {
        onSuccess: () => {
          announce(`Unlinked ${mechanism.name}.`);
          onClose();
        },
      },
    );
  const reload = async () => {
    setVersion((await queryClient.fetchQuery({ ...mechanismQuery(mechanism.id), staleTime: 0 })).version);
    link.reset();
  };
  return (
    <ConfirmDialog opened={opened} title={`Unlink ${mechanism.name}`} confirmLabel="Unlink" pending={link.isPending} error={link.error} onConfirm={confirm} onClose={onClose} onReload={() => void reload()}>
      Unlink {mechanism.name} from {upper ? `${upper.name} at ${upper.unitName}` : 'the mechanism above'}? The mechanisms stay; only the link ends.
    </ConfirmDialog>
  );
}
