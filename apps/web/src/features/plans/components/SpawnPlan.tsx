// The cascade from a plan's page: start a plan for a unit below that carries this one out (the
// state's roll-out plan spawns a district plan, a district plan school plans). The unit is chosen
// first; the new-plan dialog then offers the templates that suit it, with this plan as the one above.
import { useState } from 'react';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { UnitDetail } from '@trellis/core';
import { ProblemAlert } from '../../../components/ProblemAlert';
import type { SearchOption } from '../../../components/SearchSelect';
import { UnitPicker } from '../../../components/UnitPicker';
import { useDialog } from '../../../lib/useDialog';
import { planTemplatesQuery, planUnitQuery, type PlanDetail, type PlanRecord } from '../api/planQueries';
import { NewPlanDialog } from './NewPlanDialog';

export function SpawnPlan({ plan, onCreated }: { plan: PlanDetail; onCreated: (p: PlanRecord) => void }) {
  const queryClient = useQueryClient();
  const templates = useQuery(planTemplatesQuery);
  const pick = useDialog();
  const create = useDialog();
  const [choice, setChoice] = useState<SearchOption | null>(null);
  const [unit, setUnit] = useState<UnitDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState(false);
  if (plan.status === 'superseded' || !templates.data) return null;
  return (
    <>
      <Button variant="default" onClick={pick.open}>
        Start a plan for a unit below
      </Button>
      <Modal opened={pick.opened} onClose={pick.close} title="Start a plan for a unit below" centered closeButtonProps={{ 'aria-label': 'Close' }}>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (!choice) return setMissing(true);
            queryClient.fetchQuery(planUnitQuery(choice.value)).then(
              (u) => {
                setUnit(u);
                setError(null);
                pick.close();
                create.open();
              },
              setError,
            );
          }}
        >
          <Stack gap="md">
            <Text size="sm">The new plan carries out “{plan.title}”: its progress counts toward this plan’s.</Text>
            <ProblemAlert error={error} title="Could not open the unit" />
            <UnitPicker
              key={pick.key}
              label={`Unit below ${plan.unitName}`}
              required
              value={choice}
              excludeId={plan.unitId}
              onChange={(o) => {
                setChoice(o);
                setMissing(false);
              }}
              error={missing ? 'Choose the unit the plan is for' : undefined}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={pick.close}>
                Cancel
              </Button>
              <Button type="submit">Continue</Button>
            </Group>
          </Stack>
        </form>
      </Modal>
      {unit && <NewPlanDialog key={create.key} unit={unit} catalog={templates.data} opened={create.opened} onClose={create.close} onCreated={onCreated} initialParentId={plan.id} />}
    </>
  );
}
