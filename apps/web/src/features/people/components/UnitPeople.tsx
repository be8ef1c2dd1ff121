// The people of a unit and the units under it, a page at a time, for the unit page.
import { useState } from 'react';
import { Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Loading } from '../../../components/Loading';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { plural } from '../../../lib/format';
import { peopleListQuery } from '../api/peopleQueries';
import { DownloadLinks } from '../../exports/components/DownloadLinks';
import { Pager } from './Pager';
import { PeopleTable } from './PeopleTable';

const PAGE = 10;

export function UnitPeople({ unitId, labelledBy }: { unitId: string; labelledBy: string }) {
  const [offset, setOffset] = useState(0);
  const people = useQuery(peopleListQuery({ unitId, limit: PAGE, offset }));
  if (people.isPending) return <Loading label="Loading people…" />;
  if (people.isError) return <ProblemAlert error={people.error} title="Could not load the people" />;
  if (people.data.total === 0) return <Text c="dimmed">No one has this unit as their home yet.</Text>;
  return (
    <>
      <PeopleTable people={people.data.people} labelledBy={labelledBy} />
      <Pager offset={offset} pageSize={PAGE} shown={people.data.people.length} total={people.data.total} onOffset={setOffset} label="Pages of people" />
      <DownloadLinks path="/api/people/export" params={{ unitId }} what={`all ${plural(people.data.total, 'person', 'people')} of this unit and the units under it`} testId="download-unit-people" />
    </>
  );
}
