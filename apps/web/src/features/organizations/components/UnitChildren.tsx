// The units directly under this one, archived ones included (so they can be found and restored).
import { Anchor, Badge, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { UNIT_KIND_LABELS, type Unit } from '@trellis/core';
import { Loading } from '../../../components/Loading';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatNumber } from '../../../lib/format';
import { childrenQuery } from '../api/unitQueries';
import { AnchorLink } from '../../../components/AnchorLink';
import { DownloadLinks } from '../../exports/components/DownloadLinks';

export function UnitChildren({ unit, captionId }: { unit: Unit; captionId: string }) {
  const children = useQuery(childrenQuery(unit.id, true));
  if (children.isPending) return <Loading label="Loading units…" />;
  if (children.isError) return <ProblemAlert error={children.error} title="Could not load the units under it" />;
  if (children.data.length === 0) return <Text c="dimmed">No units under this {UNIT_KIND_LABELS[unit.kind].toLowerCase()} yet.</Text>;
  return (
    <Stack gap="xs">
      <Table.ScrollContainer minWidth={480}>
        <Table striped highlightOnHover aria-labelledby={captionId} data-testid="unit-children">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Name</Table.Th>
              <Table.Th scope="col">Kind</Table.Th>
              <Table.Th scope="col">NCES id</Table.Th>
              <Table.Th scope="col">Units under it</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {children.data.map((child) => (
              <Table.Tr key={child.id}>
                <Table.Td>
                  <AnchorLink to="/units/$unitId" params={{ unitId: child.id }}>
                    {child.name}
                  </AnchorLink>{' '}
                  {child.archived && (
                    <Badge variant="outline" color="gray" size="sm" ml={4}>
                      Archived
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{UNIT_KIND_LABELS[child.kind]}</Table.Td>
                <Table.Td ff="monospace">{child.ncesId ?? '—'}</Table.Td>
                <Table.Td>{formatNumber(child.childCount)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <DownloadLinks
        path={`/api/units/${unit.id}/subtree/export`}
        params={{ includeArchived: 'true' }}
        what={`this ${UNIT_KIND_LABELS[unit.kind].toLowerCase()} and every unit under it, archived ones included,`}
        testId="download-units"
      />
      <Text size="sm">
        For rostering systems:{' '}
        <Anchor href={`/api/units/${unit.id}/oneroster/orgs.csv`} download data-testid="download-oneroster">
          OneRoster 1.1 orgs.csv
        </Anchor>{' '}
        of this {UNIT_KIND_LABELS[unit.kind].toLowerCase()} and the units under it.
      </Text>
    </Stack>
  );
}
