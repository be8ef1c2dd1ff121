// Changing roll-out scenarios. A create or a change of settings answers at once with the scenario
// computing; it goes into the cache so that its page starts polling without waiting for a read.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { RolloutScenarioCreate, RolloutScenarioUpdate } from '@trellis/core';
import { api } from '../../../lib/api';
import { rolloutKeys, scenarioPath, type RolloutScenarioDetail, type RolloutScenarioRecord } from './rolloutQueries';

function useStoreScenario() {
  const queryClient = useQueryClient();
  return (saved: RolloutScenarioRecord) => {
    queryClient.setQueryData<RolloutScenarioDetail>(rolloutKeys.detail(saved.id), (before) => ({
      ...saved,
      // A rename keeps the schedule; new settings make it compute again.
      result: saved.status === 'ready' ? (before?.result ?? null) : null,
    }));
    void queryClient.invalidateQueries({ queryKey: rolloutKeys.unit(saved.unitId) });
    if (saved.status === 'ready') void queryClient.invalidateQueries({ queryKey: rolloutKeys.detail(saved.id) });
  };
}

export function useCreateScenario() {
  const store = useStoreScenario();
  return useMutation({ mutationFn: (input: RolloutScenarioCreate) => api<RolloutScenarioRecord>('/api/rollout-scenarios', { method: 'POST', body: input }), onSuccess: store });
}

export function useUpdateScenario(id: string) {
  const store = useStoreScenario();
  return useMutation({ mutationFn: (input: RolloutScenarioUpdate) => api<RolloutScenarioRecord>(scenarioPath(id), { method: 'PATCH', body: input }), onSuccess: store });
}

export function useAdoptScenario(id: string) {
  const store = useStoreScenario();
  return useMutation({ mutationFn: (version: number) => api<RolloutScenarioRecord>(`${scenarioPath(id)}/adopt`, { method: 'POST', body: { version } }), onSuccess: store });
}

export function useDeleteScenario(id: string, unitId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>(scenarioPath(id), { method: 'DELETE' }),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: rolloutKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: rolloutKeys.unit(unitId) });
    },
  });
}
