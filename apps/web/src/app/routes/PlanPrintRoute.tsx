// A plan laid out for paper, from the plans feature.
import { getRouteApi } from '@tanstack/react-router';
import { PlanPrintPage } from '../../features/plans/components/PlanPrintPage';

const route = getRouteApi('/plans/$planId/print');

export function PlanPrintRoute() {
  const { planId } = route.useParams();
  return <PlanPrintPage key={planId} planId={planId} />;
}
