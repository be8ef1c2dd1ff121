// Reading people: the directory (search, page, optionally one unit's subtree), one person, their roles.
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { Grant, Person, UnitDetail } from '@trellis/core';
import { api, withQuery } from '../../../lib/api';

export interface PeopleListParams {
  q?: string | undefined;
  unitId?: string | undefined;
  limit: number;
  offset: number;
}

export const peopleKeys = {
  all: ['people'] as const,
  list: (p: PeopleListParams) => ['people', 'list', p] as const,
  detail: (id: string) => ['people', 'detail', id] as const,
  grants: (id: string) => ['people', 'grants', id] as const,
};

export const peopleListQuery = (p: PeopleListParams) =>
  queryOptions({
    queryKey: peopleKeys.list(p),
    queryFn: ({ signal }) => api<{ people: Person[]; total: number }>(withQuery('/api/people', { q: p.q, unitId: p.unitId, limit: p.limit, offset: p.offset }), { signal }),
    placeholderData: keepPreviousData,
  });

export const personQuery = (id: string) => queryOptions({ queryKey: peopleKeys.detail(id), queryFn: ({ signal }) => api<Person>(`/api/people/${encodeURIComponent(id)}`, { signal }) });

export const personGrantsQuery = (id: string) =>
  queryOptions({ queryKey: peopleKeys.grants(id), queryFn: ({ signal }) => api<Grant[]>(`/api/people/${encodeURIComponent(id)}/grants`, { signal }) });

/** The person's home unit with its ancestors: where their record sits decides who may edit it. */
export const homeUnitQuery = (unitId: string) =>
  queryOptions({ queryKey: ['units', 'detail', unitId], queryFn: ({ signal }) => api<UnitDetail>(`/api/units/${encodeURIComponent(unitId)}`, { signal }) });
