// Changing plans: a new plan, its tasks, moves along the approval path, a new version, the calendar
// feed, recommendations and the design document. Each change refreshes every plan query (a task's
// change moves its plan's progress, the unit's lists and the roll-up of the plan above).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  DesignDocumentCreate,
  DesignDocumentUpdate,
  PlanCreate,
  PlanRecommendationCreate,
  PlanRecommendationDecide,
  PlanTaskCreate,
  PlanTaskUpdate,
  PlanUpdate,
} from '@trellis/core';
import { api } from '../../../lib/api';
import { planKeys, planPath, taskPath, type DesignDocumentRecord, type PlanRecord, type PlanTaskRecord, type RecommendationRecord } from './planQueries';

function useRefresh() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: planKeys.all });
}

export function useCreatePlan() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (input: PlanCreate) => api<PlanRecord>('/api/plans', { method: 'POST', body: input }), onSuccess: refresh });
}

export function useRenamePlan(planId: string) {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (input: PlanUpdate) => api<PlanRecord>(planPath(planId), { method: 'PATCH', body: input }), onSuccess: refresh });
}

export function useDeletePlan() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: ({ id, version }: { id: string; version: number }) => api<void>(`${planPath(id)}?version=${version}`, { method: 'DELETE' }), onSuccess: refresh });
}

export type PlanMovePath = 'submit' | 'withdraw' | 'request-revision' | 'approve';

export function useMovePlan(planId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ path, version, comment }: { path: PlanMovePath; version: number; comment?: string | null }) =>
      api<PlanRecord>(`${planPath(planId)}/${path}`, { method: 'POST', body: { version, ...(comment ? { comment } : {}) } }),
    // A refusal (someone moved it first) refreshes too, so the page shows the plan as it now is.
    onSettled: refresh,
  });
}

export function useNewPlanVersion(planId: string) {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (version: number) => api<PlanRecord>(`${planPath(planId)}/new-version`, { method: 'POST', body: { version } }), onSuccess: refresh });
}

export function useCreateTask(planId: string) {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (input: PlanTaskCreate) => api<PlanTaskRecord>(`${planPath(planId)}/tasks`, { method: 'POST', body: input }), onSuccess: refresh });
}

export function useUpdateTask(taskId: string | undefined) {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (input: PlanTaskUpdate) => api<PlanTaskRecord>(taskPath(taskId ?? ''), { method: 'PATCH', body: input }), onSuccess: refresh });
}

export function useDeleteTask() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: ({ id, version }: { id: string; version: number }) => api<void>(`${taskPath(id)}?version=${version}`, { method: 'DELETE' }), onSuccess: refresh });
}

export function useCalendarFeed() {
  return useMutation({ mutationFn: () => api<{ token: string }>('/api/me/calendar-feed', { method: 'POST' }) });
}

export function useCreateRecommendation() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (input: PlanRecommendationCreate) => api<RecommendationRecord>('/api/plan-recommendations', { method: 'POST', body: input }), onSuccess: refresh });
}

export function useDecideRecommendation(id: string | undefined) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: PlanRecommendationDecide) => api<RecommendationRecord>(`/api/plan-recommendations/${encodeURIComponent(id ?? '')}/decision`, { method: 'POST', body: input }),
    onSuccess: refresh,
  });
}

export function useCreateDesign() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (input: DesignDocumentCreate) => api<DesignDocumentRecord>('/api/design-documents', { method: 'POST', body: input }), onSuccess: refresh });
}

export function useSaveDesign(id: string | undefined) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: DesignDocumentUpdate) => api<DesignDocumentRecord>(`/api/design-documents/${encodeURIComponent(id ?? '')}`, { method: 'PUT', body: input }),
    onSuccess: refresh,
  });
}
