// One plan, with the open tab in the address (?tab=) so a link can point at the timeline.
import { getRouteApi } from '@tanstack/react-router';
import { PlanPage } from '../../features/plans/components/PlanPage';

const route = getRouteApi('/app/plans/$planId');

export function PlanRoute() {
  const { planId } = route.useParams();
  const { tab } = route.useSearch();
  const navigate = route.useNavigate();
  return (
    <PlanPage
      key={planId}
      planId={planId}
      tab={tab ?? 'outline'}
      onTab={(t) => void navigate({ search: t === 'outline' ? {} : { tab: t }, replace: true })}
      onOpenPlan={(id) => void navigate({ to: '/plans/$planId', params: { planId: id }, search: {} })}
      onDeleted={(unitId) => void navigate({ to: '/units/$unitId/plans', params: { unitId }, replace: true })}
    />
  );
}
