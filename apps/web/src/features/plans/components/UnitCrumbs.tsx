// The breadcrumb trail of a unit's plan pages: the organization, the unit's ancestors (links where
// the reader has access), the unit, then the page.
import type { ReactNode } from 'react';
import { Text } from '@mantine/core';
import type { UnitDetail } from '@trellis/core';
import { AnchorLink } from '../../../components/AnchorLink';
import { Breadcrumbs } from '../../../components/Breadcrumbs';
import { useSession } from '../../../lib/session';

export function UnitCrumbs({ unit, extra = [], current }: { unit: UnitDetail; extra?: { key: string; content: ReactNode }[]; current: ReactNode }) {
  const session = useSession();
  const granted = new Set(session.grants.map((g) => g.unitId));
  const firstReachable = session.person.isSystemAdmin ? 0 : unit.ancestors.findIndex((a) => granted.has(a.id));
  const crumbs = [
    { key: 'org', content: <AnchorLink to="/organization" size="sm">Organization</AnchorLink> },
    ...unit.ancestors.map((a, i) => ({
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
    })),
    { key: unit.id, content: <AnchorLink to="/units/$unitId" params={{ unitId: unit.id }} size="sm">{unit.name}</AnchorLink> },
    ...extra,
  ];
  return <Breadcrumbs crumbs={crumbs} current={current} />;
}
