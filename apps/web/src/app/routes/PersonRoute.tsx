// A person's page, with the mechanisms they sit on from the mechanisms feature composed in.
import { getRouteApi } from '@tanstack/react-router';
import { PersonMechanisms } from '../../features/mechanisms/components/PersonMechanisms';
import { PersonPage } from '../../features/people/components/PersonPage';

const route = getRouteApi('/app/people/$personId');

export function PersonRoute() {
  const { personId } = route.useParams();
  return <PersonPage key={personId} personId={personId} mechanisms={<PersonMechanisms personId={personId} labelledBy="person-mechanisms-heading" />} />;
}
