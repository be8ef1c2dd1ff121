// People as a table: name (to their page), email, title, home unit (to its page).
import { Table, Text } from '@mantine/core';
import type { Person } from '@trellis/core';
import { AnchorLink } from '../../../components/AnchorLink';

export function PeopleTable({ people, labelledBy, label }: { people: Person[]; labelledBy?: string; label?: string }) {
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped highlightOnHover aria-labelledby={labelledBy} aria-label={label} data-testid="people-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Name</Table.Th>
            <Table.Th scope="col">Email</Table.Th>
            <Table.Th scope="col">Title</Table.Th>
            <Table.Th scope="col">Home unit</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {people.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td>
                <AnchorLink to="/people/$personId" params={{ personId: p.id }} fw={500}>
                  {p.name}
                </AnchorLink>
              </Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{p.email}</Table.Td>
              <Table.Td>{p.title ?? <Text span c="dimmed">—</Text>}</Table.Td>
              <Table.Td>
                {p.homeUnitId && p.homeUnitName ? (
                  <AnchorLink to="/units/$unitId" params={{ unitId: p.homeUnitId }}>
                    {p.homeUnitName}
                  </AnchorLink>
                ) : (
                  <Text span c="dimmed">
                    —
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
