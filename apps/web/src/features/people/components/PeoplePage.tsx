// The people directory: search by name, email or title; a page of 25 at a time. The search and
// page live in the address, so a result can be bookmarked and Back works.
import { useEffect, useState } from 'react';
import { Button, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import type { Person } from '@trellis/core';
import { Loading } from '../../../components/Loading';
import { PageHeader } from '../../../components/PageHeader';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { isLeaderSomewhere } from '../../../lib/access';
import { plural } from '../../../lib/format';
import { useSession } from '../../../lib/session';
import { useDialog } from '../../../lib/useDialog';
import { usePageTitle } from '../../../lib/usePageTitle';
import { peopleListQuery } from '../api/peopleQueries';
import { DownloadLinks } from '../../exports/components/DownloadLinks';
import { AddPersonDialog } from './AddPersonDialog';
import { Pager } from './Pager';
import { PeopleTable } from './PeopleTable';

const PAGE = 25;

interface PeoplePageProps {
  q: string;
  page: number;
  onSearch: (q: string, page: number) => void;
  onOpenPerson: (person: Person) => void;
}

export function PeoplePage({ q, page, onSearch, onOpenPerson }: PeoplePageProps) {
  usePageTitle('People');
  const session = useSession();
  const add = useDialog();
  const [text, setText] = useState(q);
  const search = useDebouncedCallback((value: string) => {
    if (value.trim() !== q) onSearch(value.trim(), 1);
  }, 300);
  // The address changed by other means (Back, a link): show its search in the box.
  useEffect(() => setText((current) => (current.trim() === q ? current : q)), [q]);

  const offset = (page - 1) * PAGE;
  const people = useQuery(peopleListQuery({ q: q || undefined, limit: PAGE, offset }));

  return (
    <>
      <PageHeader
        title="People"
        description="Everyone whose home is a unit you have access to."
        actions={isLeaderSomewhere(session) ? <Button onClick={add.open}>Add person</Button> : undefined}
      />
      <Paper withBorder p="md" radius="md">
        <Stack gap="sm">
          <TextInput type="search" label="Search people" description="By name, email or title" value={text}
            onChange={(e) => {
              setText(e.currentTarget.value);
              search(e.currentTarget.value);
            }} maw="30rem" data-testid="people-search" />
          <Text size="sm" c="dimmed" role="status" aria-live="polite">
            {people.data ? (q ? `${plural(people.data.total, 'person', 'people')} match “${q}”` : `${plural(people.data.total, 'person', 'people')}`) : ''}
          </Text>
          {people.isPending && <Loading label="Loading people…" />}
          {people.isError && <ProblemAlert error={people.error} title="Could not load people" />}
          {people.data && people.data.people.length > 0 && (
            <>
              <PeopleTable people={people.data.people} label="People" />
              <Pager offset={offset} pageSize={PAGE} shown={people.data.people.length} total={people.data.total} onOffset={(o) => onSearch(q, o / PAGE + 1)} label="Pages of people" />
              <DownloadLinks path="/api/people/export" params={{ q: q || undefined }} what={q ? `all ${plural(people.data.total, 'person', 'people')} matching “${q}”` : 'everyone listed'} testId="download-people" />
            </>
          )}
        </Stack>
      </Paper>
      <AddPersonDialog key={add.key} opened={add.opened} onClose={add.close} onAdded={onOpenPerson} />
    </>
  );
}
