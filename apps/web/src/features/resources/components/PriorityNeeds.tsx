// The priority needs the work group ranked, highest first, each with its rationale and the cells
// it is in; ranked, re-ranked, reworded and removed by those who map the unit.
import { useState } from 'react';
import { Button, Group, Stack, Table, Text } from '@mantine/core';
import { interventionCellName, type InterventionFramework } from '@trellis/core';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { useAnnounce } from '../../../components/StatusAnnouncer';
import { useDeletePriorityNeed } from '../api/resourceMutations';
import type { PriorityNeedRecord } from '../api/resourceQueries';

interface Props {
  unitId: string;
  unitName: string;
  framework: InterventionFramework;
  needs: PriorityNeedRecord[];
  mayManage: boolean;
  /** Opens the dialog: a need to change, or null to rank a new one. */
  onEdit: (need: PriorityNeedRecord | null) => void;
}

export function PriorityNeeds({ unitId, unitName, framework, needs, mayManage, onEdit }: Props) {
  const [removing, setRemoving] = useState<PriorityNeedRecord | null>(null);
  const remove = useDeletePriorityNeed(unitId);
  const announce = useAnnounce();

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" data-testid="priority-needs-count">
          {needs.length === 0
            ? `No priority needs ranked for ${unitName} yet.${mayManage ? ' Rank one here, or from a gap above (“Rank as a need…”).' : ''}`
            : `${needs.length === 1 ? '1 priority need' : `${needs.length} priority needs`} ranked for ${unitName}, highest first.`}
        </Text>
        {mayManage && <Button onClick={() => onEdit(null)}>Rank a need</Button>}
      </Group>
      {needs.length > 0 && (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing="xs" data-testid="priority-needs">
            <caption style={{ textAlign: 'left', captionSide: 'top' }}>Priority needs of {unitName}, rank 1 first</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Rank</Table.Th>
                <Table.Th scope="col">Need and rationale</Table.Th>
                <Table.Th scope="col">Cells</Table.Th>
                {mayManage && <Table.Th scope="col">Actions</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {needs.map((n) => (
                <Table.Tr key={n.id} data-testid="priority-need">
                  <Table.Td fw={700}>{n.rank}</Table.Td>
                  <Table.Th scope="row" fw={400}>
                    <Text size="sm" fw={600}>
                      {n.title}
                    </Text>
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                      {n.rationale}
                    </Text>
                  </Table.Th>
                  <Table.Td>
                    {n.cells.length === 0 ? (
                      <Text size="xs">Across the map</Text>
                    ) : (
                      n.cells.map((c) => (
                        <Text key={c} size="xs">
                          {interventionCellName(framework, c)}
                        </Text>
                      ))
                    )}
                  </Table.Td>
                  {mayManage && (
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Button size="xs" variant="default" onClick={() => onEdit(n)} aria-label={`Change ${n.title}`}>
                          Change
                        </Button>
                        <Button
                          size="xs"
                          variant="default"
                          color="red.8"
                          onClick={() => {
                            remove.reset();
                            setRemoving(n);
                          }}
                          aria-label={`Remove ${n.title}`}
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
      <ConfirmDialog
        opened={removing !== null}
        title={`Remove the priority need ${removing?.title ?? ''}?`}
        confirmLabel="Remove"
        danger
        pending={remove.isPending}
        error={remove.error}
        onClose={() => setRemoving(null)}
        onConfirm={() =>
          removing &&
          remove.mutate(removing.id, {
            onSuccess: () => {
              announce(`Removed the priority need ${removing.title}.`);
              setRemoving(null);
            },
          })
        }
      >
        The other needs keep their ranks.
      </ConfirmDialog>
    </Stack>
  );
}
