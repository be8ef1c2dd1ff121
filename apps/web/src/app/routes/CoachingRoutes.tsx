// The coaching pages, from the coaching feature.
import { getRouteApi } from '@tanstack/react-router';
import { CaseloadPage } from '../../features/coaching/components/CaseloadPage';
import { EngagementPage } from '../../features/coaching/components/EngagementPage';
import { OutboxPage } from '../../features/coaching/components/OutboxPage';
import { UnitCoachingPage } from '../../features/coaching/components/UnitCoachingPage';

const engagementRoute = getRouteApi('/app/coaching/engagements/$engagementId');
const unitCoachingRoute = getRouteApi('/app/units/$unitId/coaching');

export function CoachingRoute() {
  return <CaseloadPage />;
}

export function CoachingEngagementRoute() {
  const { engagementId } = engagementRoute.useParams();
  return <EngagementPage key={engagementId} engagementId={engagementId} />;
}

export function UnitCoachingRoute() {
  const { unitId } = unitCoachingRoute.useParams();
  return <UnitCoachingPage key={unitId} unitId={unitId} />;
}

export function CoachingOutboxRoute() {
  return <OutboxPage />;
}
