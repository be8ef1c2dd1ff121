// The unit page, with the people and change-infrastructure sections from their features composed in.
import { getRouteApi } from '@tanstack/react-router';
import { AnchorLink } from '../../components/AnchorLink';
import { UnitMechanisms } from '../../features/mechanisms/components/UnitMechanisms';
import { UnitPage } from '../../features/organizations/components/UnitPage';
import { UnitPeople } from '../../features/people/components/UnitPeople';

const route = getRouteApi('/app/units/$unitId');

export function UnitRoute() {
  const { unitId } = route.useParams();
  const navigate = route.useNavigate();
  // Keyed by unit, so moving from one unit page to another starts each section afresh.
  return (
    <UnitPage
      key={unitId}
      unitId={unitId}
      people={<UnitPeople unitId={unitId} labelledBy="people-heading" />}
      mechanisms={
        <>
          <UnitMechanisms unitId={unitId} labelledBy="mechanisms-heading" onEstablished={(m) => void navigate({ to: '/mechanisms/$mechanismId', params: { mechanismId: m.id } })} />
          <AnchorLink to="/units/$unitId/resources" params={{ unitId }} display="block" mt="md">
            Resource map of student and learning supports
          </AnchorLink>
          <AnchorLink to="/units/$unitId/plans" params={{ unitId }} display="block" mt="xs">
            Plans: strategic, start-up and phase-in, sustainability
          </AnchorLink>
          <AnchorLink to="/units/$unitId/design" params={{ unitId }} display="block" mt="xs">
            Design document
          </AnchorLink>
          <AnchorLink to="/units/$unitId/progress" params={{ unitId }} display="block" mt="xs">
            Progress: benchmarks, barriers, readiness, celebrations and reports
          </AnchorLink>
        </>
      }
    />
  );
}
