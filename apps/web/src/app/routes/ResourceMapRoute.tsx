// A unit's resource map, from the resources feature.
import { getRouteApi } from '@tanstack/react-router';
import { ResourceMapPage } from '../../features/resources/components/ResourceMapPage';

const route = getRouteApi('/app/units/$unitId/resources');

export function ResourceMapRoute() {
  const { unitId } = route.useParams();
  return <ResourceMapPage key={unitId} unitId={unitId} />;
}
