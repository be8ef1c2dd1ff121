// The mechanisms a person sits on (or sat on), for their page.
import { Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { MEMBERSHIP_ROLE_LABELS } from '@trellis/core';
import { AnchorLink } from '../../../components/AnchorLink';
import { Loading } from '../../../components/Loading';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { isProblem } from '../../../lib/problem';
import { personMechanismsQuery } from '../api/mechanismQueries';
import { formatSpan } from './labels';
import { MechanismStatusBadge } from './MechanismStatusBadge';

export function PersonMechanisms({ personId, labelledBy }: { personId: string; labelledBy: string }) {
  const seats = useQuery(personMechanismsQuery(personId));
  if (seats.isPending) return <Loading label="Loading mechanisms…" />;
  if (seats.isError) return isProblem(seats.error, 403) ? <Text c="dimmed">You may not see this person’s mechanisms.</Text> : <ProblemAlert error={seats.error} title="Could not load the mechanisms" />;
  if (seats.data.length === 0) return <Text c="dimmed">Not on any mechanism you can see.</Text>;
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped highlightOnHover aria-labelledby={labelledBy} data-testid="person-mechanisms">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Mechanism</Table.Th>
            <Table.Th scope="col">Unit</Table.Th>
            <Table.Th scope="col">Role</Table.Th>
            <Table.Th scope="col">Dates</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {seats.data.map((s) => (
            <Table.Tr key={s.id}>
              <Table.Td>
                <AnchorLink to="/mechanisms/$mechanismId" params={{ mechanismId: s.mechanismId }} fw={500}>
                  {s.mechanismName}
                </AnchorLink>
              </Table.Td>
              <Table.Td>
                <AnchorLink to="/units/$unitId" params={{ unitId: s.unitId }}>
                  {s.unitName}
                </AnchorLink>
              </Table.Td>
              <Table.Td>{MEMBERSHIP_ROLE_LABELS[s.role]}</Table.Td>
              <Table.Td>{formatSpan(s.startOn, s.endOn)}</Table.Td>
              <Table.Td>
                <MechanismStatusBadge status={s.mechanismStatus} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
