// Changing the organization. After any change every unit query is refreshed (tree, pages,
// searches): cheap, because only what is on screen refetches, and never stale.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Grant, GrantCreate, Unit, UnitArchive, UnitCreate, UnitMove, UnitUpdate } from '@trellis/core';
import { api } from '../../../lib/api';
import { unitKeys } from './unitQueries';

function useRefreshUnits() {
  const queryClient = useQueryClient();
  return () => Promise.all([queryClient.invalidateQueries({ queryKey: unitKeys.all }), queryClient.invalidateQueries({ queryKey: ['people'] })]);
}

export function useCreateUnit() {
  const refresh = useRefreshUnits();
  return useMutation({ mutationFn: (input: UnitCreate) => api<Unit>('/api/units', { method: 'POST', body: input }), onSuccess: refresh });
}

export function useUpdateUnit(id: string) {
  const refresh = useRefreshUnits();
  return useMutation({ mutationFn: (input: UnitUpdate) => api<Unit>(`/api/units/${id}`, { method: 'PATCH', body: input }), onSuccess: refresh });
}

export function useMoveUnit(id: string) {
  const refresh = useRefreshUnits();
  return useMutation({ mutationFn: (input: UnitMove) => api<Unit>(`/api/units/${id}/move`, { method: 'POST', body: input }), onSuccess: refresh });
}

export function useArchiveUnit(id: string) {
  const refresh = useRefreshUnits();
  return useMutation({ mutationFn: (input: UnitArchive) => api<Unit>(`/api/units/${id}/archive`, { method: 'POST', body: input }), onSuccess: refresh });
}

export function useGiveGrant() {
  const refresh = useRefreshUnits();
  return useMutation({ mutationFn: (input: GrantCreate) => api<Grant>('/api/grants', { method: 'POST', body: input }), onSuccess: refresh });
}

export function useRemoveGrant() {
  const refresh = useRefreshUnits();
  return useMutation({ mutationFn: (grantId: string) => api<void>(`/api/grants/${grantId}`, { method: 'DELETE' }), onSuccess: refresh });
}
