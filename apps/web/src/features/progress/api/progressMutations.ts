// Changing progress: assessments (start, save ratings, submit), readiness surveys (send, close, and
// the anonymous answer by link), barriers (log, update, move) and celebrations (confirm, dismiss,
// add). Each change refreshes every progress query: a rating moves the roll-up, a barrier the report.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  BarrierCreate,
  BarrierTransition,
  BarrierUpdate,
  BenchmarkAssessmentCreate,
  CelebrationCreate,
  CelebrationDismiss,
  ReadinessResponseInput,
  ReadinessSurveyCreate,
} from '@trellis/core';
import { api } from '../../../lib/api';
import { assessmentPath, progressKeys, type AssessmentRecord, type BarrierRecord, type CelebrationRecord, type SurveyRecord } from './progressQueries';

function useRefresh() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: progressKeys.all });
}

export function useStartAssessment() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (input: BenchmarkAssessmentCreate) => api<AssessmentRecord>('/api/benchmark-assessments', { method: 'POST', body: input }), onSuccess: refresh });
}

export function useSubmitAssessment(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (version: number) => api<AssessmentRecord>(`${assessmentPath(id)}/submit`, { method: 'POST', body: { version, to: 'submitted' } }),
    onSuccess: refresh,
  });
}

export function useCreateSurvey() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (input: ReadinessSurveyCreate) => api<SurveyRecord>('/api/readiness-surveys', { method: 'POST', body: input }), onSuccess: refresh });
}

export function useCloseSurvey() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) => api<SurveyRecord>(`/api/readiness-surveys/${encodeURIComponent(id)}/close`, { method: 'POST', body: { version } }),
    onSettled: refresh,
  });
}

/** An anonymous answer: nothing but the answers goes to the server. */
export function useAnswerSurvey(token: string) {
  return useMutation({ mutationFn: (input: ReadinessResponseInput) => api<void>(`/api/surveys/${encodeURIComponent(token)}/responses`, { method: 'POST', body: input }) });
}

export function useRaiseBarrier() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (input: BarrierCreate) => api<BarrierRecord>('/api/barriers', { method: 'POST', body: input }), onSuccess: refresh });
}

export function useUpdateBarrier(id: string) {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (input: BarrierUpdate) => api<BarrierRecord>(`/api/barriers/${encodeURIComponent(id)}`, { method: 'PATCH', body: input }), onSuccess: refresh });
}

export function useMoveBarrier(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: BarrierTransition) => api<BarrierRecord>(`/api/barriers/${encodeURIComponent(id)}/status`, { method: 'POST', body: input }),
    onSuccess: refresh,
  });
}

export function useCreateCelebration() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (input: CelebrationCreate) => api<CelebrationRecord>('/api/celebrations', { method: 'POST', body: input }), onSuccess: refresh });
}

export function useDismissCelebration() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (input: CelebrationDismiss) => api<CelebrationRecord>('/api/celebrations/dismissals', { method: 'POST', body: input }), onSuccess: refresh });
}
