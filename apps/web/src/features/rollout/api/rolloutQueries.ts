// Reading roll-out scenarios: the defaults for a new one, a unit's scenarios with their summaries,
// one scenario with its schedule (polled while the server computes it), and the unit planned for.
import { queryOptions } from '@tanstack/react-query';
import type { RolloutAdoptionStep, RolloutResult, RolloutScenarioStatus, RolloutSettings, RolloutSummary, UnitDetail } from '@trellis/core';
import { api } from '../../../lib/api';

export type { RolloutResult, RolloutSummary } from '@trellis/core';

export interface RolloutScenarioRecord {
  id: string;
  unitId: string;
  unitName: string;
  unitKind: string;
  name: string;
  settings: RolloutSettings;
  status: RolloutScenarioStatus;
  /** What the computation is doing now (while computing). */
  stage: string | null;
  error: string | null;
  computedAt: string | null;
  adoptedAt: string | null;
  adoptedBy: string | null;
  adoption: RolloutAdoptionStep[] | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type RolloutScenarioListItem = RolloutScenarioRecord & { summary: RolloutSummary | null };
export type RolloutScenarioDetail = RolloutScenarioRecord & { result: RolloutResult | null };

export const rolloutKeys = {
  all: ['rollout'] as const,
  defaults: ['rollout', 'defaults'] as const,
  unit: (unitId: string) => ['rollout', 'unit', unitId] as const,
  detail: (id: string) => ['rollout', 'detail', id] as const,
};

/** How often a scenario being computed is read again. */
export const COMPUTING_POLL_MS = 500;

export const scenarioPath = (id: string) => `/api/rollout-scenarios/${encodeURIComponent(id)}`;

export const rolloutDefaultsQuery = queryOptions({
  queryKey: rolloutKeys.defaults,
  queryFn: ({ signal }) => api<RolloutSettings>('/api/rollout/defaults', { signal }),
  staleTime: 60 * 60_000,
});

export const unitScenariosQuery = (unitId: string) =>
  queryOptions({
    queryKey: rolloutKeys.unit(unitId),
    queryFn: ({ signal }) => api<RolloutScenarioListItem[]>(`/api/units/${encodeURIComponent(unitId)}/rollout-scenarios`, { signal }),
    // A scenario in the list still computing: read the list again until it is done.
    refetchInterval: (query) => (query.state.data?.some((s) => s.status === 'computing') ? 2000 : false),
  });

export const scenarioQuery = (id: string) =>
  queryOptions({
    queryKey: rolloutKeys.detail(id),
    queryFn: ({ signal }) => api<RolloutScenarioDetail>(scenarioPath(id), { signal }),
    refetchInterval: (query) => (query.state.data?.status === 'computing' ? COMPUTING_POLL_MS : false),
  });

/** The unit planned for, with its ancestors: the reader's role there decides what shows. */
export const rolloutUnitQuery = (unitId: string) =>
  queryOptions({ queryKey: ['units', 'detail', unitId], queryFn: ({ signal }) => api<UnitDetail>(`/api/units/${encodeURIComponent(unitId)}`, { signal }) });

export const scheduleCsvUrl = (id: string) => `${scenarioPath(id)}/schedule.csv`;
export const facilitatorVisitsUrl = (id: string, facilitatorId: string) => `${scenarioPath(id)}/facilitators/${encodeURIComponent(facilitatorId)}/visits.ics`;
