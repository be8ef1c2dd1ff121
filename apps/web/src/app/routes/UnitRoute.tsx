// The unit page, with the people section from the people feature composed in.
import { getRouteApi } from '@tanstack/react-router';
import { UnitPage } from '../../features/organizations/components/UnitPage';
import { UnitPeople } from '../../features/people/components/UnitPeople';

const route = getRouteApi('/app/units/$unitId');

export function UnitRoute() {
  const { unitId } = route.useParams();
  // Keyed by unit, so moving from one unit page to another starts each section afresh.
  return <UnitPage key={unitId} unitId={unitId} people={<UnitPeople unitId={unitId} labelledBy="people-heading" />} />;
}
