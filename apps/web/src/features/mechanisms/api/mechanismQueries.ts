// Reading mechanisms: the catalog of kinds, a unit's mechanisms, one mechanism in full, a person's seats.
import { queryOptions } from '@tanstack/react-query';
import type { Mechanism, MechanismDetail, MechanismKind, PersonMechanism, UnitDetail } from '@trellis/core';
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
};

export const mechanismCatalogQuery = queryOptions({
  queryKey: mechanismKeys.catalog,
  queryFn: ({ signal }) => api<MechanismCatalogResponse>('/api/catalogs/mechanisms', { signal }),
  staleTime: Infinity,
});

export const unitMechanismsQuery = (unitId: string) =>
  queryOptions({ queryKey: mechanismKeys.unit(unitId), queryFn: ({ signal }) => api<Mechanism[]>(`/api/units/${encodeURIComponent(unitId)}/mechanisms`, { signal }) });

export const mechanismQuery = (id: string) =>
  queryOptions({ queryKey: mechanismKeys.detail(id), queryFn: ({ signal }) => api<MechanismDetail>(`/api/mechanisms/${encodeURIComponent(id)}`, { signal }) });

export const personMechanismsQuery = (personId: string) =>
  queryOptions({ queryKey: mechanismKeys.person(personId), queryFn: ({ signal }) => api<PersonMechanism[]>(`/api/people/${encodeURIComponent(personId)}/mechanisms`, { signal }) });

/** The mechanism's unit with its ancestors: the reader's role there decides which actions show. */
export const mechanismUnitQuery = (unitId: string) =>
  queryOptions({ queryKey: ['units', 'detail', unitId], queryFn: ({ signal }) => api<UnitDetail>(`/api/units/${encodeURIComponent(unitId)}`, { signal }) });
