// A person's roles, at the units the reader can see.
import { Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { ROLE_LABELS, UNIT_KIND_LABELS, UNIT_KINDS, type UnitKind } from '@trellis/core';
import { Loading } from '../../../components/Loading';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { personGrantsQuery } from '../api/peopleQueries';
import { AnchorLink } from '../../../components/AnchorLink';

const kindLabel = (kind: string) => ((UNIT_KINDS as readonly string[]).includes(kind) ? UNIT_KIND_LABELS[kind as UnitKind] : kind);

export function PersonGrants({ personId, labelledBy }: { personId: string; labelledBy: string }) {
  const grants = useQuery(personGrantsQuery(personId));
  if (grants.isPending) return <Loading label="Loading roles…" />;
  if (grants.isError) return <ProblemAlert error={grants.error} title="Could not load their roles" />;
  if (grants.data.length === 0) return <Text c="dimmed">No roles at units you can see. Give access from a unit’s page.</Text>;
  return (
    <Table.ScrollContainer minWidth={420}>
      <Table striped aria-labelledby={labelledBy} data-testid="person-grants">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Unit</Table.Th>
            <Table.Th scope="col">Kind</Table.Th>
            <Table.Th scope="col">Role</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {grants.data.map((g) => (
            <Table.Tr key={g.id}>
              <Table.Td>
                <AnchorLink to="/units/$unitId" params={{ unitId: g.unitId }}>
                  {g.unitName}
                </AnchorLink>
              </Table.Td>
              <Table.Td>{kindLabel(g.unitKind)}</Table.Td>
              <Table.Td>{ROLE_LABELS[g.role]}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
