// Establish a mechanism at a unit from a kind in the catalog; its functions start as the catalog's.
import { useRef, useState } from 'react';
import { NativeSelect, Text, Textarea, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { MechanismCreate, type MechanismDetail, type Unit } from '@trellis/core';
import { FormDialog } from '../../../components/FormDialog';
import { useAnnounce } from '../../../components/StatusAnnouncer';
import { orNull, problemFieldErrors, zodFieldErrors, type FieldErrors, useFocusOnErrors } from '../../../lib/forms';
import { useEstablishMechanism } from '../api/mechanismMutations';
import { mechanismCatalogQuery } from '../api/mechanismQueries';

interface Props {
  unit: Unit;
  opened: boolean;
  onClose: () => void;
  onEstablished: (mechanism: MechanismDetail) => void;
}

export function EstablishMechanismDialog({ unit, opened, onClose, onEstablished }: Props) {
  const catalog = useQuery(mechanismCatalogQuery);
  const [kind, setKind] = useState('');
  const [name, setName] = useState('');
  const [charter, setCharter] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const form = useRef<HTMLFormElement>(null);
  const establish = useEstablishMechanism();
  const announce = useAnnounce();
  useFocusOnErrors(form, errors);

  const kinds = (catalog.data?.kinds ?? []).filter((k) => !k.levels || k.levels.some((l) => l.unit === unit.kind));
  const chosen = kinds.find((k) => k.key === kind);

  const submit = () => {
    if (!chosen) return setErrors({ kind: 'Choose a kind of mechanism' });
    const parsed = MechanismCreate.safeParse({ unitId: unit.id, kind: chosen.key, ...(name.trim() ? { name: name.trim() } : {}), charter: orNull(charter) });
    if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
    setErrors({});
    establish.mutate(parsed.data, {
      onSuccess: (m) => {
        announce(`Established ${m.name}.`);
        onClose();
        onEstablished(m);
      },
      onError: (e) => setErrors(problemFieldErrors(e)),
    });
  };

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={`Establish a mechanism at ${unit.name}`}
      submitLabel="Establish"
      pending={establish.isPending}
      error={establish.error ?? catalog.error}
      errorTitle="Could not establish the mechanism"
      onSubmit={submit}
      formRef={form}
    >
      <NativeSelect
        label="Kind"
        description="From the mechanism catalog; its functions are copied in and can be customized afterwards."
        data={[{ value: '', label: catalog.isPending ? 'Loading the catalog…' : 'Choose a kind' }, ...kinds.map((k) => ({ value: k.key, label: k.name }))]}
        value={kind}
        onChange={(e) => setKind(e.currentTarget.value)}
        error={errors.kind}
        required
      />
      {chosen && (
        <div data-testid="kind-purpose">
          <Text size="sm" fw={600}>
            Purpose
          </Text>
          <Text size="sm">{chosen.purpose}</Text>
          <Text size="sm" c="dimmed" mt={4}>
            {chosen.functions.length} functions in the catalog.
          </Text>
        </div>
      )}
      <TextInput label="Name" description={chosen ? `Leave empty to use “${chosen.name}”.` : 'Leave empty to use the kind’s name.'} value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} />
      <Textarea label="Charter" description="Optional: what the unit charges it with." autosize minRows={3} value={charter} onChange={(e) => setCharter(e.currentTarget.value)} error={errors.charter} />
    </FormDialog>
  );
}
