// A person's page: their details, their roles, and (for leaders of their home unit) editing.
import type { ReactNode } from 'react';
import { Anchor, Badge, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { DetailList } from '../../../components/DetailList';
import { Loading } from '../../../components/Loading';
import { NotFoundMessage } from '../../../components/NotFoundMessage';
import { PageHeader } from '../../../components/PageHeader';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { mayAt } from '../../../lib/access';
import { formatDateTime } from '../../../lib/format';
import { isProblem } from '../../../lib/problem';
import { useSession } from '../../../lib/session';
import { useDialog } from '../../../lib/useDialog';
import { usePageTitle } from '../../../lib/usePageTitle';
import { homeUnitQuery, personQuery } from '../api/peopleQueries';
import { EditPersonDialog } from './EditPersonDialog';
import { PersonGrants } from './PersonGrants';
import { SetPasswordDialog } from './SetPasswordDialog';
import { AnchorLink } from '../../../components/AnchorLink';

export function PersonPage({ personId, mechanisms }: { personId: string; mechanisms?: ReactNode }) {
  const session = useSession();
  const person = useQuery(personQuery(personId));
  const homeUnitId = person.data?.homeUnitId ?? null;
  const home = useQuery({ ...homeUnitQuery(homeUnitId ?? ''), enabled: homeUnitId !== null });
  const edit = useDialog();
  const password = useDialog();
  usePageTitle(person.data?.name ?? (person.isError ? 'Not found' : 'Person'));

  if (person.isPending) return <Loading label="Loading the person…" />;
  if (person.isError) return isProblem(person.error, 404) ? <NotFoundMessage what="person" /> : <ProblemAlert error={person.error} title="Could not load the person" />;

  const p = person.data;
  const homePath = home.data ? [...home.data.ancestors.map((a) => a.id), home.data.id] : null;
  const mayEdit = session.person.isSystemAdmin || (homePath !== null && mayAt(session, homePath, 'leader'));
  const mayManageAccount = session.person.isSystemAdmin || (homePath !== null && mayAt(session, homePath, 'admin') && !p.isSystemAdmin);

  return (
    <>
      <AnchorLink to="/people" size="sm">
        ← People
      </AnchorLink>
      <Stack gap="lg" mt="sm">
        <PageHeader
          title={p.name}
          description={p.title ?? undefined}
          badges={p.isSystemAdmin ? <Badge variant="filled" color="gray.7">System administrator</Badge> : undefined}
          actions={
            <>
              {mayEdit && <Button onClick={edit.open}>Edit</Button>}
              {mayManageAccount && (
                <Button variant="default" onClick={password.open}>
                  {p.hasPassword ? 'Reset password' : 'Set password'}
                </Button>
              )}
            </>
          }
        />
        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="person-details-heading">
          <Title order={2} id="person-details-heading" mb="sm">
            Details
          </Title>
          <DetailList
            items={[
              { label: 'Email', value: <Anchor href={`mailto:${p.email}`}>{p.email}</Anchor> },
              { label: 'Title', value: p.title ?? '—' },
              {
                label: 'Home unit',
                value: p.homeUnitId ? (
                  <AnchorLink to="/units/$unitId" params={{ unitId: p.homeUnitId }}>
                    {p.homeUnitName}
                  </AnchorLink>
                ) : (
                  '—'
                ),
              },
              { label: 'Can sign in', value: p.hasPassword ? 'Yes' : 'No (no password set)' },
              { label: 'Last changed', value: formatDateTime(p.updatedAt) },
            ]}
          />
        </Paper>
        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="person-roles-heading">
          <Title order={2} id="person-roles-heading" mb="xs">
            Roles
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            Each role holds at its unit and at every unit under it.
          </Text>
          <PersonGrants personId={p.id} labelledBy="person-roles-heading" />
        </Paper>
        {mechanisms && (
          <Paper withBorder p="md" radius="md" component="section" aria-labelledby="person-mechanisms-heading">
            <Title order={2} id="person-mechanisms-heading" mb="sm">
              Mechanisms
            </Title>
            {mechanisms}
          </Paper>
        )}
      </Stack>
      {mayEdit && <EditPersonDialog key={edit.key} person={p} opened={edit.opened} onClose={edit.close} />}
      {mayManageAccount && <SetPasswordDialog key={`pw-${password.key}`} person={p} opened={password.opened} onClose={password.close} />}
    </>
  );
}
