// Adopting a scenario: the question, with what adoption will start (the first group's coaching
// engagements and school plans, which wait for modules not built yet), and the record afterwards.
import { Badge, List, Stack, Text } from '@mantine/core';
import type { RolloutAdoptionStep, RolloutSchedule } from '@trellis/core';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { useAnnounce } from '../../../components/StatusAnnouncer';
import { formatDateTime } from '../../../lib/format';
import { useAdoptScenario } from '../api/rolloutMutations';
import type { RolloutScenarioDetail } from '../api/rolloutQueries';

const MODULE_NAMES: Record<RolloutAdoptionStep['module'], string> = { coaching: 'coaching', plans: 'plans' };

export function AdoptDialog({ scenario, schedule, opened, onClose }: { scenario: RolloutScenarioDetail; schedule: RolloutSchedule; opened: boolean; onClose: () => void }) {
  const adopt = useAdoptScenario(scenario.id);
  const announce = useAnnounce();
  const first = schedule.subsets[0];
  const firstSchools = first ? schedule.sites.filter((s) => s.subsetId === first.subsetId).length : 0;
  const firstName = first?.name ?? 'the first group';
  return (
    <ConfirmDialog
      opened={opened}
      title={`Adopt ${scenario.name}?`}
      confirmLabel="Adopt"
      pending={adopt.isPending}
      error={adopt.error}
      onClose={onClose}
      onConfirm={() =>
        adopt.mutate(scenario.version, {
          onSuccess: (saved) => {
            announce(`Adopted ${saved.name}.`);
            onClose();
          },
        })
      }
    >
      <Stack gap="xs">
        <Text size="sm">
          This records {scenario.name} as the roll-out {scenario.unitName} has decided on. Its settings then no longer change (copy it into a new
          scenario to plan further). Adoption starts, for {firstName}:
        </Text>
        <List size="sm" spacing={6} data-testid="adoption-preview">
          <List.Item>
            <Text span fw={600} size="sm">
              Coaching:
            </Text>{' '}
            {firstSchools} coaching {firstSchools === 1 ? 'engagement' : 'engagements'}, one for each school, with the facilitator the schedule
            assigns. This will start when the coaching module is available.
          </List.Item>
          <List.Item>
            <Text span fw={600} size="sm">
              School plans:
            </Text>{' '}
            a plan for each school from the district’s template. This will start when the plans module is available.
          </List.Item>
        </List>
      </Stack>
    </ConfirmDialog>
  );
}

export function AdoptionRecord({ scenario }: { scenario: RolloutScenarioDetail }) {
  return (
    <Stack gap="sm" data-testid="adoption-record">
      <Text size="sm">Adopted {scenario.adoptedAt ? formatDateTime(scenario.adoptedAt) : ''}. What adoption starts:</Text>
      <List size="sm" spacing="xs">
        {(scenario.adoption ?? []).map((step) => (
          <List.Item key={step.module}>
            <Badge variant="outline" color={step.status === 'done' ? 'trellis' : 'gray.8'} mr="xs">
              {step.status === 'done' ? 'Done' : 'Waiting'}
            </Badge>
            {step.description}{' '}
            {step.status === 'pending' && <Text span size="sm" c="dimmed">Will start when the {MODULE_NAMES[step.module]} module is available.</Text>}
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}
