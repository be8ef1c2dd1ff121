// The people directory, its search and page kept in the address.
import { useCallback } from 'react';
import { getRouteApi } from '@tanstack/react-router';
import type { Person } from '@trellis/core';
import { PeoplePage } from '../../features/people/components/PeoplePage';

const route = getRouteApi('/app/people');

export function PeopleRoute() {
  const { q = '', page = 1 } = route.useSearch();
  const navigate = route.useNavigate();
  const onSearch = useCallback(
    (nextQ: string, nextPage: number) => void navigate({ search: { ...(nextQ ? { q: nextQ } : {}), ...(nextPage > 1 ? { page: nextPage } : {}) }, replace: nextQ !== q }),
    [navigate, q],
  );
  const onOpenPerson = useCallback((p: Person) => void navigate({ to: '/people/$personId', params: { personId: p.id } }), [navigate]);
  return <PeoplePage q={q} page={page} onSearch={onSearch} onOpenPerson={onOpenPerson} />;
}
