// Changing mechanisms. After any change every mechanism query refreshes (unit lists, pages, a
// person's seats), and people's pages too, since seats show there.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  ActionItemCreate,
  FunctionCapacityChange,
  Meeting,
  MeetingCreate,
  MeetingUpdate,
  MechanismLinkChange,
  Task,
  TaskUpdate,
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
const meetingPath = (id: string, meetingId: string) => `${path(id)}/meetings/${encodeURIComponent(meetingId)}`;

// The routes that replace one value (link, capacity) take PUT.
const put = <T>(url: string, body: unknown) => api<T>(url, { method: 'PUT', body });

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

/** Link a mechanism up to one at a unit above (or unlink with null). Linking one "down" links the lower one up. */
export function useLinkMechanism() {
  const refresh = useRefreshMechanisms();
  return useMutation({ mutationFn: ({ id, ...input }: MechanismLinkChange & { id: string }) => put<MechanismDetail>(`${path(id)}/upper`, input), onSuccess: refresh });
}

export function useChangeCapacity(id: string, functionId: string) {
  const refresh = useRefreshMechanisms();
  return useMutation({ mutationFn: (input: FunctionCapacityChange) => put<MechanismFunctionEntry>(`${path(id)}/functions/${encodeURIComponent(functionId)}/capacity`, input), onSuccess: refresh });
}

export function useRecordMeeting(id: string) {
  const refresh = useRefreshMechanisms();
  return useMutation({ mutationFn: (input: MeetingCreate) => api<Meeting>(`${path(id)}/meetings`, { method: 'POST', body: input }), onSuccess: refresh });
}

export function useChangeMeeting(id: string, meetingId: string) {
  const refresh = useRefreshMechanisms();
  return useMutation({ mutationFn: (input: MeetingUpdate) => api<Meeting>(meetingPath(id, meetingId), { method: 'PATCH', body: input }), onSuccess: refresh });
}

export function useRemoveMeeting(id: string, meetingId: string) {
  const refresh = useRefreshMechanisms();
  return useMutation({ mutationFn: () => api<void>(meetingPath(id, meetingId), { method: 'DELETE' }), onSuccess: refresh });
}

export function useAddActionItem(id: string, meetingId: string) {
  const refresh = useRefreshMechanisms();
  return useMutation({ mutationFn: (input: ActionItemCreate) => api<Task>(`${meetingPath(id, meetingId)}/action-items`, { method: 'POST', body: input }), onSuccess: refresh });
}

export function useChangeTask(taskId: string) {
  const refresh = useRefreshMechanisms();
  return useMutation({ mutationFn: (input: TaskUpdate) => api<Task>(`/api/tasks/${encodeURIComponent(taskId)}`, { method: 'PATCH', body: input }), onSuccess: refresh });
}
