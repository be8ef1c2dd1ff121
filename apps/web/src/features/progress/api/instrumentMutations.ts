// Building and retiring an agency's benchmark instrument, naming the team that assessed (and its
// note), and editing a celebration. Each change refreshes every progress query.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { BenchmarkInstrumentCreate, BenchmarkInstrumentRetire, CelebrationUpdate } from '@trellis/core';
import { api } from '../../../lib/api';
import type { BenchmarkInstrumentRecord } from './instrumentQueries';
import { progressKeys, type CelebrationRecord } from './progressQueries';

function useRefresh() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: progressKeys.all });
}

export function useBuildInstrument() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (input: BenchmarkInstrumentCreate) => api<BenchmarkInstrumentRecord>('/api/progress-instruments', { method: 'POST', body: input }), onSuccess: refresh });
}

export function useRetireInstrument() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: BenchmarkInstrumentRetire) => api<BenchmarkInstrumentRecord>('/api/progress-instruments/retirements', { method: 'POST', body: input }),
    onSettled: refresh,
  });
}

export function useUpdateCelebration(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: CelebrationUpdate) => api<CelebrationRecord>(`/api/celebrations/${encodeURIComponent(id)}`, { method: 'PATCH', body: input }),
    onSuccess: refresh,
  });
}
