// The way down to a unit. Levels above the reader's own access are named, for orientation, but
// not linked: opening them would only say "not found".
import { Text } from '@mantine/core';
import type { SessionInfo, UnitDetail } from '@trellis/core';
import { Breadcrumbs } from '../../../components/Breadcrumbs';
import { AnchorLink } from '../../../components/AnchorLink';

export function UnitBreadcrumbs({ unit, session }: { unit: UnitDetail; session: SessionInfo }) {
  const granted = new Set(session.grants.map((g) => g.unitId));
  const firstReachable = session.person.isSystemAdmin ? 0 : unit.ancestors.findIndex((a) => granted.has(a.id));
  const crumbs = unit.ancestors.map((a, i) => ({
    key: a.id,
    content:
      firstReachable !== -1 && i >= firstReachable ? (
        <AnchorLink to="/units/$unitId" params={{ unitId: a.id }} size="sm">
          {a.name}
        </AnchorLink>
      ) : (
        <Text span size="sm" c="dimmed">
          {a.name}
        </Text>
      ),
  }));
  return <Breadcrumbs crumbs={[{ key: 'org', content: <AnchorLink to="/organization" size="sm">Organization</AnchorLink> }, ...crumbs]} current={unit.name} />;
}
