// The roll-out planner, with the unit planned for in the address (?unit=) so that it survives
// going to a scenario and back.
import { getRouteApi } from '@tanstack/react-router';
import { RolloutPlannerPage } from '../../features/rollout/components/RolloutPlannerPage';

const route = getRouteApi('/app/rollout');

export function RolloutRoute() {
  const { unit } = route.useSearch();
  const navigate = route.useNavigate();
  return (
    <RolloutPlannerPage
      unitId={unit}
      onUnit={(id) => void navigate({ search: id ? { unit: id } : {}, replace: true })}
      onCreated={(s) => void navigate({ to: '/rollout/$scenarioId', params: { scenarioId: s.id } })}
    />
  );
}
