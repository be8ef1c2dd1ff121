// The unit's own resources, with add, change and remove for those who map them.
import { useState } from 'react';
import { Button, Group, Stack, Table, Text } from '@mantine/core';
import { interventionCellName, RESOURCE_KIND_LABELS, RESOURCE_PROVIDER_TYPE_LABELS, type InterventionFramework } from '@trellis/core';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { useAnnounce } from '../../../components/StatusAnnouncer';
import { plural } from '../../../lib/format';
import { useDialog } from '../../../lib/useDialog';
import { useDeleteResource } from '../api/resourceMutations';
import type { ResourceRecord } from '../api/resourceQueries';
import { formatCost, formatFte } from './labels';
import { ResourceDialog } from './ResourceDialog';

interface Props {
  unitId: string;
  unitName: string;
  framework: InterventionFramework;
  resources: ResourceRecord[];
  mayManage: boolean;
}

export function Inventory({ unitId, unitName, framework, resources, mayManage }: Props) {
  const edit = useDialog();
  const [editing, setEditing] = useState<ResourceRecord | null>(null);
  const [removing, setRemoving] = useState<ResourceRecord | null>(null);
  const remove = useDeleteResource(unitId);
  const announce = useAnnounce();

  const open = (r: ResourceRecord | null) => {
    setEditing(r);
    edit.open();
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" data-testid="inventory-count">
          {resources.length === 0 ? `Nothing is mapped at ${unitName} itself yet.` : `${plural(resources.length, 'resource')} mapped at ${unitName} itself.`}
        </Text>
        {mayManage && <Button onClick={() => open(null)}>Add a resource</Button>}
      </Group>
      {resources.length > 0 && (
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="xs" striped data-testid="inventory">
            <caption style={{ textAlign: 'left', captionSide: 'top' }}>Resources mapped at {unitName}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Name</Table.Th>
                <Table.Th scope="col">Provider</Table.Th>
                <Table.Th scope="col">Cells</Table.Th>
                <Table.Th scope="col">Students</Table.Th>
                <Table.Th scope="col">FTE</Table.Th>
                <Table.Th scope="col">Cost a year</Table.Th>
                {mayManage && <Table.Th scope="col">Actions</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {resources.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Th scope="row" fw={600}>
                    {r.name}
                    <Text size="xs" fw={400}>
                      {RESOURCE_KIND_LABELS[r.kind]}
                      {r.coordinated ? ' · coordinated' : ' · not coordinated'}
                      {r.fundingEndsOn ? ` · funding ends ${r.fundingEndsOn}` : ''}
                    </Text>
                  </Table.Th>
                  <Table.Td>
                    {RESOURCE_PROVIDER_TYPE_LABELS[r.providerType]}
                    {r.partnerName ? `: ${r.partnerName}` : ''}
                  </Table.Td>
                  <Table.Td>
                    {r.cells.map((c) => (
                      <Text key={c} size="xs">
                        {interventionCellName(framework, c)}
                      </Text>
                    ))}
                  </Table.Td>
                  <Table.Td>{r.populationServed ?? '—'}</Table.Td>
                  <Table.Td>{formatFte(r.staffFte)}</Table.Td>
                  <Table.Td>{formatCost(r.annualCost)}</Table.Td>
                  {mayManage && (
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Button size="xs" variant="default" onClick={() => open(r)} aria-label={`Change ${r.name}`}>
                          Change
                        </Button>
                        <Button
                          size="xs"
                          variant="default"
                          color="red.8"
                          onClick={() => {
                            remove.reset();
                            setRemoving(r);
                          }}
                          aria-label={`Remove ${r.name}`}
                        >
                          Remove
                        </Button>
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <ResourceDialog key={edit.key} unitId={unitId} framework={framework} resource={editing} opened={edit.opened} onClose={edit.close} />
      <ConfirmDialog
        opened={removing !== null}
        title={`Remove ${removing?.name ?? 'the resource'}?`}
        confirmLabel="Remove"
        danger
        pending={remove.isPending}
        error={remove.error}
        onClose={() => setRemoving(null)}
        onConfirm={() =>
          removing &&
          remove.mutate(removing.id, {
            onSuccess: () => {
              announce(`Removed ${removing.name}.`);
              setRemoving(null);
            },
          })
        }
      >
        It leaves the map of {unitName}; snapshots taken earlier keep it.
      </ConfirmDialog>
    </Stack>
  );
}
