// Reading mechanisms: the catalog of kinds, a unit's mechanisms and infrastructure, one mechanism in
// full with its meetings, tasks and link candidates, a person's seats.
import { queryOptions } from '@tanstack/react-query';
import type { Infrastructure, Mechanism, MechanismDetail, MechanismKind, Meeting, PersonMechanism, Task, UnitDetail } from '@trellis/core';
import { api } from '../../../lib/api';

/** A kind as the catalog route returns it: what the establish dialog shows. */
export interface CatalogKind {
  key: MechanismKind;
  name: string;
  purpose: string;
  functions: { key: string; text: string }[];
  levels?: { unit: string }[];
}

export interface MechanismCatalogResponse {
  id: 'mechanisms';
  version: string;
  publishedOn: string;
  kinds: CatalogKind[];
}

export const mechanismKeys = {
  all: ['mechanisms'] as const,
  catalog: ['mechanisms', 'catalog'] as const,
  unit: (unitId: string) => ['mechanisms', 'unit', unitId] as const,
  detail: (id: string) => ['mechanisms', 'detail', id] as const,
  person: (personId: string) => ['mechanisms', 'person', personId] as const,
  meetings: (id: string) => ['mechanisms', 'meetings', id] as const,
  tasks: (id: string) => ['mechanisms', 'tasks', id] as const,
  linkCandidates: (id: string) => ['mechanisms', 'link-candidates', id] as const,
  infrastructure: (unitId: string) => ['mechanisms', 'infrastructure', unitId] as const,
};

const path = (id: string) => `/api/mechanisms/${encodeURIComponent(id)}`;

export const mechanismCatalogQuery = queryOptions({
  queryKey: mechanismKeys.catalog,
  queryFn: ({ signal }) => api<MechanismCatalogResponse>('/api/catalogs/mechanisms', { signal }),
  staleTime: Infinity,
});

export const unitMechanismsQuery = (unitId: string) =>
  queryOptions({ queryKey: mechanismKeys.unit(unitId), queryFn: ({ signal }) => api<Mechanism[]>(`/api/units/${encodeURIComponent(unitId)}/mechanisms`, { signal }) });

export const mechanismQuery = (id: string) =>
  queryOptions({ queryKey: mechanismKeys.detail(id), queryFn: ({ signal }) => api<MechanismDetail>(path(id), { signal }) });

export const personMechanismsQuery = (personId: string) =>
  queryOptions({ queryKey: mechanismKeys.person(personId), queryFn: ({ signal }) => api<PersonMechanism[]>(`/api/people/${encodeURIComponent(personId)}/mechanisms`, { signal }) });

/** The mechanism's unit with its ancestors: the reader's role there decides which actions show. */
export const mechanismUnitQuery = (unitId: string) =>
  queryOptions({ queryKey: ['units', 'detail', unitId], queryFn: ({ signal }) => api<UnitDetail>(`/api/units/${encodeURIComponent(unitId)}`, { signal }) });

export const meetingsQuery = (id: string) =>
  queryOptions({ queryKey: mechanismKeys.meetings(id), queryFn: ({ signal }) => api<Meeting[]>(`${path(id)}/meetings`, { signal }) });

/** The tasks raised at the mechanism's meetings, open ones first by due date. */
export const mechanismTasksQuery = (id: string) =>
  queryOptions({ queryKey: mechanismKeys.tasks(id), queryFn: ({ signal }) => api<Task[]>(`${path(id)}/tasks`, { signal }) });

/** Mechanisms above it could link up to, and unlinked ones below that could link to it (editors only). */
export const linkCandidatesQuery = (id: string) =>
  queryOptions({ queryKey: mechanismKeys.linkCandidates(id), queryFn: ({ signal }) => api<{ up: Mechanism[]; down: Mechanism[] }>(`${path(id)}/link-candidates`, { signal }) });

export const infrastructureQuery = (unitId: string) =>
  queryOptions({ queryKey: mechanismKeys.infrastructure(unitId), queryFn: ({ signal }) => api<Infrastructure>(`/api/units/${encodeURIComponent(unitId)}/infrastructure`, { signal }) });
