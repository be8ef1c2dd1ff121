// A unit's page: where it sits, its details, the units under it, its people and who has access.
// The people and change-infrastructure sections come from their features, composed in by the route.
import type { ReactNode } from 'react';
import { Badge, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { allowedChildKinds, atLeast, ROLE_LABELS, UNIT_KIND_LABELS } from '@trellis/core';
import { Loading } from '../../../components/Loading';
import { NotFoundMessage } from '../../../components/NotFoundMessage';
import { PageHeader } from '../../../components/PageHeader';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { roleAt } from '../../../lib/access';
import { isProblem } from '../../../lib/problem';
import { useSession } from '../../../lib/session';
import { usePageTitle } from '../../../lib/usePageTitle';
import { unitQuery } from '../api/unitQueries';
import { UnitActions } from './UnitActions';
import { UnitBreadcrumbs } from './UnitBreadcrumbs';
import { UnitChildren } from './UnitChildren';
import { UnitDetails } from './UnitDetails';
import { UnitGrants } from './UnitGrants';

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={id}>
      <Title order={2} id={id} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

export function UnitPage({ unitId, people, mechanisms }: { unitId: string; people: ReactNode; mechanisms?: ReactNode }) {
  const session = useSession();
  const unit = useQuery(unitQuery(unitId));
  usePageTitle(unit.data?.name ?? (unit.isError ? (isProblem(unit.error, 404) ? 'Not found' : 'Error') : 'Unit'));

  if (unit.isPending) return <Loading label="Loading the unit…" />;
  if (unit.isError) return isProblem(unit.error, 404) ? <NotFoundMessage what="unit" /> : <ProblemAlert error={unit.error} title="Could not load the unit" />;

  const u = unit.data;
  const role = roleAt(session, [...u.ancestors.map((a) => a.id), u.id]);
  const isLeader = role !== null && atLeast(role, 'leader');
  const kind = UNIT_KIND_LABELS[u.kind];
  const mayHaveChildren = allowedChildKinds(u.kind).length > 0;

  return (
    <>
      <UnitBreadcrumbs unit={u} session={session} />
      <Stack gap="lg" mt="sm">
        <PageHeader
          title={u.name}
          badges={
            <>
              <Badge variant="light" size="lg">
                {kind}
              </Badge>
              {u.archived && (
                <Badge variant="filled" color="gray.7" size="lg">
                  Archived
                </Badge>
              )}
            </>
          }
          description={role ? `Your role here: ${ROLE_LABELS[role]}${isLeader ? '' : '. Changes to units need a leader or administrator.'}` : undefined}
          actions={isLeader ? <UnitActions unit={u} /> : undefined}
        />
        <Section id="details-heading" title="Details">
          <UnitDetails unit={u} />
        </Section>
        {(mayHaveChildren || u.childCount > 0) && (
          <Section id="children-heading" title={`Units in this ${kind.toLowerCase()}`}>
            <UnitChildren unit={u} captionId="children-heading" />
          </Section>
        )}
        {mechanisms && (
          <Section id="mechanisms-heading" title="Change infrastructure">
            {mechanisms}
          </Section>
        )}
        <Section id="people-heading" title="People">
          <Text size="sm" c="dimmed" mb="sm">
            People whose home is this {kind.toLowerCase()} or a unit under it.
          </Text>
          {people}
        </Section>
        <Section id="access-heading" title="Access">
          <UnitGrants unit={u} canManage={role === 'admin'} captionId="access-heading" />
        </Section>
      </Stack>
    </>
  );
}
