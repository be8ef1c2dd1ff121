import { getRouteApi } from '@tanstack/react-router';
import { PersonPage } from '../../features/people/components/PersonPage';

const route = getRouteApi('/app/people/$personId');

export function PersonRoute() {
  const { personId } = route.useParams();
  return <PersonPage key={personId} personId={personId} />;
}
