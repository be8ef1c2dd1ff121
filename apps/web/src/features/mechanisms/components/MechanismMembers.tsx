// The people on a mechanism: role, dates, designated and trained. Editors add, change and end
// memberships (an ended membership stays, for the record).
import { useState } from 'react';
import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { MEMBERSHIP_ROLE_LABELS, type MechanismDetail, type Membership } from '@trellis/core';
import { AnchorLink } from '../../../components/AnchorLink';
import { useDialog } from '../../../lib/useDialog';
import { formatSpan } from './labels';
import { EndMembershipDialog, MemberDialog } from './MemberDialogs';

type Action = { kind: 'add' } | { kind: 'edit' | 'end'; member: Membership };

export function MechanismMembers({ mechanism, mayManage, labelledBy }: { mechanism: MechanismDetail; mayManage: boolean; labelledBy: string }) {
  const dialog = useDialog();
  const [action, setAction] = useState<Action>({ kind: 'add' });
  const start = (a: Action) => {
    setAction(a);
    dialog.open();
  };
  const members = mechanism.members;

  return (
    <>
      <Group justify="space-between" align="flex-start" mb="sm">
        <Text size="sm" c="dimmed" style={{ flex: '1 1 20rem' }}>
          {mechanism.memberCount === 1 ? '1 member today.' : `${mechanism.memberCount} members today.`}
        </Text>
        {mayManage && mechanism.status !== 'retired' && <Button onClick={() => start({ kind: 'add' })}>Add member</Button>}
      </Group>
      {members.length === 0 ? (
        <Text c="dimmed">No members yet.</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover aria-labelledby={labelledBy} data-testid="mechanism-members">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Name</Table.Th>
                <Table.Th scope="col">Role</Table.Th>
                <Table.Th scope="col">Dates</Table.Th>
                <Table.Th scope="col">Designated</Table.Th>
                <Table.Th scope="col">Trained</Table.Th>
                {mayManage && <Table.Th scope="col">Actions</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {members.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td>
                    <AnchorLink to="/people/$personId" params={{ personId: m.personId }} fw={500}>
                      {m.personName}
                    </AnchorLink>
                    {m.personTitle && (
                      <Text size="xs" c="dimmed">
                        {m.personTitle}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{MEMBERSHIP_ROLE_LABELS[m.role]}</Table.Td>
                  <Table.Td>
                    {formatSpan(m.startOn, m.endOn)}
                    {!m.active && (
                      <Badge variant="filled" color="gray.7" ml="xs" size="sm">
                        Not current
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{m.designated ? 'Yes' : 'No'}</Table.Td>
                  <Table.Td>{m.trained ? 'Yes' : 'No'}</Table.Td>
                  {mayManage && (
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Button size="xs" variant="default" onClick={() => start({ kind: 'edit', member: m })}>
                          Edit
                        </Button>
                        {m.endOn === null && (
                          <Button size="xs" variant="default" onClick={() => start({ kind: 'end', member: m })}>
                            End
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {mayManage && action.kind === 'add' && <MemberDialog key={dialog.key} mechanism={mechanism} member={null} opened={dialog.opened} onClose={dialog.close} />}
      {mayManage && action.kind === 'edit' && <MemberDialog key={dialog.key} mechanism={mechanism} member={action.member} opened={dialog.opened} onClose={dialog.close} />}
      {mayManage && action.kind === 'end' && <EndMembershipDialog key={dialog.key} mechanism={mechanism} member={action.member} opened={dialog.opened} onClose={dialog.close} />}
    </>
  );
}
