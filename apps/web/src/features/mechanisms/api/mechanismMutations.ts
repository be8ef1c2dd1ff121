// Changing mechanisms. After any change every mechanism query refreshes (unit lists, pages, a
// person's seats), and people's pages too, since seats show there.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  MechanismCreate,
  MechanismDetail,
  MechanismFunctionCreate,
  MechanismFunctionEntry,
  MechanismFunctionUpdate,
  MechanismStatusChange,
  MechanismUpdate,
  Membership,
  MembershipCreate,
  MembershipUpdate,
} from '@trellis/core';
import { api } from '../../../lib/api';
import { mechanismKeys } from './mechanismQueries';

function useRefreshMechanisms() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: mechanismKeys.all });
}

const path = (id: string) => `/api/mechanisms/${encodeURIComponent(id)}`;

export function useEstablishMechanism() {
  const refresh = useRefreshMechanisms();
  return useMutation({ mutationFn: (input: MechanismCreate) => api<MechanismDetail>('/api/mechanisms', { method: 'POST', body: input }), onSuccess: refresh });
}

export function useUpdateMechanism(id: string) {
  const refresh = useRefreshMechanisms();
  return useMutation({ mutationFn: (input: MechanismUpdate) => api<MechanismDetail>(path(id), { method: 'PATCH', body: input }), onSuccess: refresh });
}

export function useChangeMechanismStatus(id: string) {
  const refresh = useRefreshMechanisms();
  return useMutation({ mutationFn: (input: MechanismStatusChange) => api<MechanismDetail>(`${path(id)}/status`, { method: 'POST', body: input }), onSuccess: refresh });
}

export function useAddFunction(id: string) {
  const refresh = useRefreshMechanisms();
  return useMutation({ mutationFn: (input: MechanismFunctionCreate) => api<MechanismFunctionEntry>(`${path(id)}/functions`, { method: 'POST', body: input }), onSuccess: refresh });
}

export function useChangeFunction(id: string, functionId: string) {
  const refresh = useRefreshMechanisms();
  return useMutation({
    mutationFn: (input: MechanismFunctionUpdate) => api<MechanismFunctionEntry>(`${path(id)}/functions/${encodeURIComponent(functionId)}`, { method: 'PATCH', body: input }),
    onSuccess: refresh,
  });
}

export function useAddMember(id: string) {
  const refresh = useRefreshMechanisms();
  return useMutation({ mutationFn: (input: MembershipCreate) => api<Membership>(`${path(id)}/members`, { method: 'POST', body: input }), onSuccess: refresh });
}

export function useChangeMember(id: string, memberId: string) {
  const refresh = useRefreshMechanisms();
  return useMutation({
    mutationFn: (input: MembershipUpdate) => api<Membership>(`${path(id)}/members/${encodeURIComponent(memberId)}`, { method: 'PATCH', body: input }),
    onSuccess: refresh,
  });
}
