// Reading the organization: the top of the tree, one level of children at a time, one unit with
// its ancestors, search, and the roles that hold at a unit. Keys all start with 'units' so a
// change anywhere can refresh them together.
import { queryOptions } from '@tanstack/react-query';
import type { Grant, Unit, UnitDetail } from '@trellis/core';
import { api, withQuery } from '../../../lib/api';

export const unitKeys = {
  all: ['units'] as const,
  roots: () => ['units', 'roots'] as const,
  detail: (id: string) => ['units', 'detail', id] as const,
  children: (id: string, includeArchived: boolean) => ['units', 'children', id, includeArchived] as const,
  search: (q: string) => ['units', 'search', q] as const,
  grants: (id: string) => ['units', 'grants', id] as const,
};

export const rootsQuery = () => queryOptions({ queryKey: unitKeys.roots(), queryFn: ({ signal }) => api<Unit[]>('/api/units/roots', { signal }) });

export const unitQuery = (id: string) => queryOptions({ queryKey: unitKeys.detail(id), queryFn: ({ signal }) => api<UnitDetail>(`/api/units/${encodeURIComponent(id)}`, { signal }) });

export const childrenQuery = (id: string, includeArchived = false) =>
  queryOptions({
    queryKey: unitKeys.children(id, includeArchived),
    queryFn: ({ signal }) => api<Unit[]>(withQuery(`/api/units/${encodeURIComponent(id)}/children`, { includeArchived: includeArchived ? 'true' : undefined }), { signal }),
  });

export const unitSearchQuery = (q: string) =>
  queryOptions({ queryKey: unitKeys.search(q), queryFn: ({ signal }) => api<Unit[]>(withQuery('/api/units', { q, limit: 25 }), { signal }), enabled: q.length > 0 });

export const unitGrantsQuery = (id: string) => queryOptions({ queryKey: unitKeys.grants(id), queryFn: ({ signal }) => api<Grant[]>(`/api/units/${encodeURIComponent(id)}/grants`, { signal }) });
