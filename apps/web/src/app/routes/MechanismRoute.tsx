import { getRouteApi } from '@tanstack/react-router';
import { MechanismPage } from '../../features/mechanisms/components/MechanismPage';

const route = getRouteApi('/app/mechanisms/$mechanismId');

export function MechanismRoute() {
  const { mechanismId } = route.useParams();
  return <MechanismPage key={mechanismId} mechanismId={mechanismId} />;
}
