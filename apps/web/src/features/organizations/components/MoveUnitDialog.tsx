// Move a unit, with everything under it, to a new parent found by search. The server refuses a
// move that would make a cycle (409) or put a unit under the wrong kind; its reason shows here.
import { useRef, useState } from 'react';
import { Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { ALLOWED_PARENTS, UNIT_KIND_LABELS, UnitMove, type UnitDetail, type UnitKind } from '@trellis/core';
import { FormDialog } from '../../../components/FormDialog';
import type { SearchOption } from '../../../components/SearchSelect';
import { useAnnounce } from '../../../components/StatusAnnouncer';
import { UnitPicker } from '../../../components/UnitPicker';
import { problemFieldErrors, type FieldErrors, useFocusOnErrors } from '../../../lib/forms';
import { useMoveUnit } from '../api/unitMutations';
import { unitQuery } from '../api/unitQueries';

export function MoveUnitDialog({ unit, opened, onClose }: { unit: UnitDetail; opened: boolean; onClose: () => void }) {
  const parentKinds = ALLOWED_PARENTS[unit.kind].filter((k): k is UnitKind => k !== null);
  const [parent, setParent] = useState<SearchOption | null>(null);
  const [version, setVersion] = useState(unit.version);
  const [errors, setErrors] = useState<FieldErrors>({});
  const form = useRef<HTMLFormElement>(null);
  const move = useMoveUnit(unit.id);
  const announce = useAnnounce();
  const queryClient = useQueryClient();
  const currentParent = unit.ancestors.at(-1);

  const showErrors = setErrors;
  useFocusOnErrors(form, errors);

  const submit = () => {
    const parsed = UnitMove.safeParse({ version, parentId: parent?.value });
    if (!parsed.success) return showErrors({ parentId: 'Choose the new parent unit' });
    setErrors({});
    move.mutate(parsed.data, {
      onSuccess: () => {
        announce(`Moved ${unit.name} under ${parent?.label ?? 'its new parent'}.`);
        onClose();
      },
      onError: (e) => showErrors(problemFieldErrors(e)),
    });
  };

  const reload = async () => {
    const fresh = await queryClient.fetchQuery({ ...unitQuery(unit.id), staleTime: 0 });
    setVersion(fresh.version);
    move.reset();
  };

  const kindsText = parentKinds.map((k) => UNIT_KIND_LABELS[k].toLowerCase()).join(' or ');
  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={`Move ${unit.name}`}
      submitLabel="Move"
      pending={move.isPending}
      error={move.error}
      errorTitle="Could not move the unit"
      onSubmit={submit}
      onReload={() => void reload()}
      formRef={form}
      size="md"
    >
      <Text size="sm">
        It now sits under <strong>{currentParent?.name ?? 'nothing'}</strong>. Everything under it moves with it.
      </Text>
      <UnitPicker
        label="New parent"
        description={`A ${kindsText}`}
        required
        kinds={parentKinds}
        excludeId={unit.id}
        value={parent}
        onChange={setParent}
        error={errors.parentId}
        data-testid="move-parent"
      />
    </FormDialog>
  );
}
