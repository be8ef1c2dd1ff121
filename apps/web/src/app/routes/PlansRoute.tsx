// A unit's plans, from the plans feature.
import { getRouteApi } from '@tanstack/react-router';
import { UnitPlansPage } from '../../features/plans/components/UnitPlansPage';

const route = getRouteApi('/app/units/$unitId/plans');

export function PlansRoute() {
  const { unitId } = route.useParams();
  const navigate = route.useNavigate();
  return <UnitPlansPage key={unitId} unitId={unitId} onCreated={(p) => void navigate({ to: '/plans/$planId', params: { planId: p.id } })} />;
}
