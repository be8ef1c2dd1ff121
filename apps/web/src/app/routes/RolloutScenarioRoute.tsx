// A roll-out scenario's page (its chunk carries the chart library, loaded only here).
import { getRouteApi } from '@tanstack/react-router';
import { ScenarioPage } from '../../features/rollout/components/ScenarioPage';

const route = getRouteApi('/app/rollout/$scenarioId');

export function RolloutScenarioRoute() {
  const { scenarioId } = route.useParams();
  const navigate = route.useNavigate();
  return (
    <ScenarioPage
      key={scenarioId}
      scenarioId={scenarioId}
      onDeleted={(unitId) => void navigate({ to: '/rollout', search: { unit: unitId } })}
      onOpen={(id) => void navigate({ to: '/rollout/$scenarioId', params: { scenarioId: id } })}
    />
  );
}
