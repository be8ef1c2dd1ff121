// Who holds a role at this unit, given here or at a unit above, and (for administrators) giving
// and removing access.
import { useState } from 'react';
import { Button, Group, Table, Text, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { ROLE_LABELS, type Grant, type Unit } from '@trellis/core';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { Loading } from '../../../components/Loading';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useAnnounce } from '../../../components/StatusAnnouncer';
import { useDialog } from '../../../lib/useDialog';
import { useRemoveGrant } from '../api/unitMutations';
import { unitGrantsQuery } from '../api/unitQueries';
import { GiveAccessDialog } from './GiveAccessDialog';
import { AnchorLink } from '../../../components/AnchorLink';

export function UnitGrants({ unit, canManage, captionId }: { unit: Unit; canManage: boolean; captionId: string }) {
  const grants = useQuery(unitGrantsQuery(unit.id));
  const giving = useDialog();
  const [removing, setRemoving] = useState<Grant | null>(null);
  const remove = useRemoveGrant();
  const announce = useAnnounce();

  return (
    <>
      {canManage && (
        <Group mb="sm">
          <Button variant="light" onClick={giving.open} disabled={unit.archived}>
            Give access
          </Button>
        </Group>
      )}
      {grants.isPending && <Loading label="Loading access…" />}
      {grants.isError && <ProblemAlert error={grants.error} title="Could not load who has access" />}
      {grants.data && grants.data.length === 0 && <Text c="dimmed">No one has a role here yet.</Text>}
      {grants.data && grants.data.length > 0 && (
        <Table.ScrollContainer minWidth={480}>
          <Table striped aria-labelledby={captionId} data-testid="unit-grants">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Person</Table.Th>
                <Table.Th scope="col">Role</Table.Th>
                <Table.Th scope="col">Given at</Table.Th>
                {canManage && (
                  <Table.Th scope="col">
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {grants.data.map((g) => (
                <Table.Tr key={g.id}>
                  <Table.Td>
                    <AnchorLink to="/people/$personId" params={{ personId: g.personId }}>
                      {g.personName}
                    </AnchorLink>
                    <Text size="xs" c="dimmed">
                      {g.personEmail}
                    </Text>
                  </Table.Td>
                  <Table.Td>{ROLE_LABELS[g.role]}</Table.Td>
                  <Table.Td>{g.unitId === unit.id ? 'This unit' : g.unitName}</Table.Td>
                  {canManage && (
                    <Table.Td>
                      <Button size="xs" variant="light" color="red" onClick={() => setRemoving(g)} aria-label={`Remove ${g.personName}’s ${ROLE_LABELS[g.role].toLowerCase()} role at ${g.unitName}`}>
                        Remove
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {canManage && <GiveAccessDialog key={giving.key} unit={unit} opened={giving.opened} onClose={giving.close} />}
      <ConfirmDialog
        opened={removing !== null}
        onClose={() => {
          setRemoving(null);
          remove.reset();
        }}
        title="Remove access?"
        confirmLabel="Remove"
        danger
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() => {
          if (!removing) return;
          remove.mutate(removing.id, {
            onSuccess: () => {
              announce(`Removed ${removing.personName}’s ${ROLE_LABELS[removing.role].toLowerCase()} role at ${removing.unitName}.`);
              setRemoving(null);
            },
          });
        }}
      >
        {removing && (
          <>
            {removing.personName} will no longer be {ROLE_LABELS[removing.role].toLowerCase()} at {removing.unitName} and the units under it.
          </>
        )}
      </ConfirmDialog>
    </>
  );
}
