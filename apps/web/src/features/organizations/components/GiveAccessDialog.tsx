// Give a person a role at this unit; it holds throughout the unit's subtree.
import { useRef, useState } from 'react';
import { NativeSelect, Text } from '@mantine/core';
import { GrantCreate, ROLE_LABELS, ROLES, type Role, type Unit } from '@trellis/core';
import { FormDialog } from '../../../components/FormDialog';
import { PersonPicker } from '../../../components/PersonPicker';
import type { SearchOption } from '../../../components/SearchSelect';
import { useAnnounce } from '../../../components/StatusAnnouncer';
import { problemFieldErrors, type FieldErrors, useFocusOnErrors } from '../../../lib/forms';
import { useGiveGrant } from '../api/unitMutations';

const ROLE_HELP: Record<Role, string> = {
  viewer: 'sees this unit and what is under it',
  member: 'takes part in its work',
  editor: 'edits its plans and records',
  leader: 'also adds, edits, moves and archives units and people',
  admin: 'also gives and removes access, and reads the audit trail',
};

export function GiveAccessDialog({ unit, opened, onClose }: { unit: Unit; opened: boolean; onClose: () => void }) {
  const [person, setPerson] = useState<SearchOption | null>(null);
  const [role, setRole] = useState<Role>('viewer');
  const [errors, setErrors] = useState<FieldErrors>({});
  const form = useRef<HTMLFormElement>(null);
  const give = useGiveGrant();
  const announce = useAnnounce();

  const showErrors = setErrors;
  useFocusOnErrors(form, errors);

  const submit = () => {
    const parsed = GrantCreate.safeParse({ personId: person?.value, unitId: unit.id, role });
    if (!parsed.success) return showErrors({ personId: 'Choose a person' });
    setErrors({});
    give.mutate(parsed.data, {
      onSuccess: (grant) => {
        announce(`${grant.personName} is now ${ROLE_LABELS[grant.role].toLowerCase()} at ${grant.unitName}.`);
        onClose();
      },
      onError: (e) => showErrors(problemFieldErrors(e)),
    });
  };

  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={`Give access to ${unit.name}`}
      submitLabel="Give access"
      pending={give.isPending}
      error={give.error}
      errorTitle="Could not give access"
      onSubmit={submit}
      formRef={form}
      size="md"
    >
      <PersonPicker label="Person" required value={person} onChange={setPerson} error={errors.personId} data-testid="grant-person" />
      <NativeSelect
        label="Role"
        required
        data={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
        value={role}
        onChange={(e) => setRole(e.currentTarget.value as Role)}
        error={errors.role}
        description={`${ROLE_LABELS[role]}: ${ROLE_HELP[role]}.`}
      />
      <Text size="sm" c="dimmed">
        The role holds at {unit.name} and at every unit under it.
      </Text>
    </FormDialog>
  );
}
