// The unit's recommendations with their status: a draft is submitted (to the superintendent or
// principal), who accepts or declines it.
import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { RESOURCE_RECOMMENDATION_TYPE_LABELS, type ResourceRecommendationStatus } from '@trellis/core';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useAnnounce } from '../../../components/StatusAnnouncer';
import { formatDateTime, plural } from '../../../lib/format';
import { useUpdateRecommendation } from '../api/resourceMutations';
import type { PriorityNeedRecord, RecommendationRecord } from '../api/resourceQueries';

const STATUS_LABELS: Record<ResourceRecommendationStatus, string> = {
  draft: 'Draft',
  submitted: 'Submitted',
  accepted: 'Accepted',
  declined: 'Declined',
  withdrawn: 'Withdrawn',
};

const NEXT: Partial<Record<ResourceRecommendationStatus, { status: ResourceRecommendationStatus; label: string }[]>> = {
  draft: [{ status: 'submitted', label: 'Submit' }],
  submitted: [
    { status: 'accepted', label: 'Accept' },
    { status: 'declined', label: 'Decline' },
  ],
};

export function Recommendations({ unitId, recommendations, needs, mayChange }: { unitId: string; recommendations: RecommendationRecord[]; needs: PriorityNeedRecord[]; mayChange: boolean }) {
  const needById = new Map(needs.map((n) => [n.id, n]));
  const update = useUpdateRecommendation(unitId);
  const announce = useAnnounce();
  if (recommendations.length === 0) return <Text size="sm">No recommendations yet. Write one from a finding above (“Recommend…”).</Text>;
  return (
    <Stack gap="sm">
      <ProblemAlert error={update.error} title="Could not change the recommendation" onReload={() => update.reset()} />
      <Table.ScrollContainer minWidth={560}>
        <Table verticalSpacing="xs" data-testid="recommendations">
          <caption style={{ textAlign: 'left', captionSide: 'top' }}>Recommendations from the analysis, newest first</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Recommendation</Table.Th>
              <Table.Th scope="col">Type</Table.Th>
              <Table.Th scope="col">Status</Table.Th>
              {mayChange && <Table.Th scope="col">Actions</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {recommendations.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {r.title}
                  </Text>
                  <Text size="xs">
                    {plural(r.findings.length, 'finding')} linked · {formatDateTime(r.createdAt)}
                  </Text>
                  {r.priorityNeedIds.length > 0 && (
                    <Text size="xs">
                      Priority {r.priorityNeedIds.length === 1 ? 'need' : 'needs'}:{' '}
                      {r.priorityNeedIds
                        .map((id) => needById.get(id))
                        .map((n) => (n ? `${n.rank}. ${n.title}` : 'one since removed'))
                        .join('; ')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{RESOURCE_RECOMMENDATION_TYPE_LABELS[r.type]}</Table.Td>
                <Table.Td>
                  <Badge variant="outline" color="gray.7">
                    {STATUS_LABELS[r.status]}
                  </Badge>
                </Table.Td>
                {mayChange && (
                  <Table.Td>
                    <Group gap="xs">
                      {(NEXT[r.status] ?? []).map((n) => (
                        <Button
                          key={n.status}
                          size="xs"
                          variant="default"
                          aria-label={`${n.label}: ${r.title}`}
                          loading={update.isPending && update.variables?.id === r.id && update.variables.input.status === n.status}
                          onClick={() => update.mutate({ id: r.id, input: { version: r.version, status: n.status } }, { onSuccess: (saved) => announce(`${STATUS_LABELS[saved.status]}: ${saved.title}.`) })}
                        >
                          {n.label}
                        </Button>
                      ))}
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
