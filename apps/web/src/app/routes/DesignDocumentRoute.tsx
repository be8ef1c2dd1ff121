// A unit's design document, from the plans feature.
import { getRouteApi } from '@tanstack/react-router';
import { DesignDocumentPage } from '../../features/plans/components/DesignDocumentPage';

const route = getRouteApi('/app/units/$unitId/design');

export function DesignDocumentRoute() {
  const { unitId } = route.useParams();
  return <DesignDocumentPage key={unitId} unitId={unitId} />;
}
