// The audit trail of the units the reader administers: who changed what and when, newest first,
// filtered by person and by kind of thing, 50 at a time.
import { useState } from 'react';
import { Alert, Button, Group, NativeSelect, Paper, Stack, Table, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Loading } from '../../../components/Loading';
import { PageHeader } from '../../../components/PageHeader';
import { PersonPicker } from '../../../components/PersonPicker';
import { ProblemAlert } from '../../../components/ProblemAlert';
import type { SearchOption } from '../../../components/SearchSelect';
import { plural } from '../../../lib/format';
import { isAdministrator } from '../../../lib/access';
import { isProblem } from '../../../lib/problem';
import { useSession } from '../../../lib/session';
import { usePageTitle } from '../../../lib/usePageTitle';
import { auditQuery } from '../api/auditQueries';
import { BackupPanel, mayDownloadBackup } from '../../backup/components/BackupPanel';
import { DownloadLinks } from '../../exports/components/DownloadLinks';
import { AuditRow } from './AuditRow';
import { ENTITY_TYPES } from './describeEvent';

export function AuditPage() {
  usePageTitle('Audit');
  const session = useSession();
  if (!isAdministrator(session)) return <NotForYou />;
  return <AuditTrail />;
}

/** The server would answer with an empty trail; say why instead. */
function NotForYou() {
  return (
    <>
      <PageHeader title="Audit" />
      <Alert color="gray" title="Only administrators can read the audit trail" role="note">
        The audit trail shows who changed what in the units you administer. Ask an administrator of your district or state if you need it.
      </Alert>
    </>
  );
}

function AuditTrail() {
  const session = useSession();
  const [person, setPerson] = useState<SearchOption | null>(null);
  const [entityType, setEntityType] = useState('');
  const trail = useInfiniteQuery(auditQuery({ actorId: person?.value, entityType: entityType || undefined }));
  const events = trail.data?.pages.flat() ?? [];

  return (
    <>
      <PageHeader title="Audit" description="Every change in the units you administer: who made it, when, and what it changed. Newest first." />
      <Stack gap="md">
        {mayDownloadBackup(session) && <BackupPanel />}
        <Paper withBorder p="md" radius="md" component="section" aria-label="Filters">
          <Group align="flex-start" gap="md" grow wrap="wrap">
            <PersonPicker label="Person" description="Changes made by this person" value={person} onChange={setPerson} data-testid="audit-person" />
            <NativeSelect
              label="Kind of thing"
              description="What was changed"
              data={[{ value: '', label: 'Everything' }, ...ENTITY_TYPES]}
              value={entityType}
              onChange={(e) => setEntityType(e.currentTarget.value)}
              data-testid="audit-entity-type"
            />
          </Group>
        </Paper>
        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="audit-events-heading">
          <Text id="audit-events-heading" fw={600} mb="xs" component="h2" size="lg">
            Events
          </Text>
          <Text size="sm" c="dimmed" role="status" aria-live="polite" mb="sm">
            {trail.data ? `Showing ${plural(events.length, 'event')}${trail.hasNextPage ? '; more are available' : ''}` : ''}
          </Text>
          {trail.isPending && <Loading label="Loading the audit trail…" />}
          {trail.isError &&
            (isProblem(trail.error, 403) || isProblem(trail.error, 404) ? (
              <ProblemAlert error={trail.error} title="Only administrators can read the audit trail" />
            ) : (
              <ProblemAlert error={trail.error} title="Could not load the audit trail" />
            ))}
          {trail.data && events.length === 0 && <Text c="dimmed">No events match these filters.</Text>}
          {events.length > 0 && (
            <Table.ScrollContainer minWidth={720}>
              <Table aria-labelledby="audit-events-heading" data-testid="audit-table" verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">When</Table.Th>
                    <Table.Th scope="col">Who</Table.Th>
                    <Table.Th scope="col">Action</Table.Th>
                    <Table.Th scope="col">What</Table.Th>
                    <Table.Th scope="col">Details</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {events.map((e) => (
                    <AuditRow key={e.id} event={e} />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          {events.length > 0 && (
            <DownloadLinks path="/api/audit/export" params={{ actorId: person?.value, entityType: entityType || undefined }} what="every event these filters match" testId="download-audit" />
          )}
          {trail.hasNextPage && (
            <Button mt="md" variant="default" loading={trail.isFetchingNextPage} onClick={() => void trail.fetchNextPage()}>
              Load more
            </Button>
          )}
          {trail.isFetchNextPageError && <ProblemAlert error={trail.error} title="Could not load more events" />}
        </Paper>
      </Stack>
    </>
  );
}
