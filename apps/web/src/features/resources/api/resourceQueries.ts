// Reading resource maps: the intervention framework, a unit's resources, its map with the findings,
// its snapshots and recommendations. Keys all start with 'resources' so an import can refresh them together.
import { queryOptions } from '@tanstack/react-query';
import type {
  InterventionFramework,
  ResourceAnalysis,
  ResourceFindingCode,
  ResourceKind,
  ResourceProviderType,
  ResourceRecommendationStatus,
  ResourceRecommendationType,
  ResourceSnapshotComparison,
} from '@trellis/core';
import { api, withQuery } from '../../../lib/api';

/** A resource as `GET /api/units/:id/resources` returns it. */
export interface ResourceRecord {
  id: string;
  unitId: string;
  unitName: string;
  name: string;
  description: string | null;
  kind: ResourceKind;
  providerType: ResourceProviderType;
  partnerName: string | null;
  cells: string[];
  populationServed: number | null;
  capacity: number | null;
  staffFte: number | null;
  annualCost: number | null;
  fundingSource: string | null;
  fundingEndsOn: string | null;
  coordinated: boolean;
  purposeTags: string[];
  targetPopulation: string | null;
  version: number;
}

/** A finding as the API sends it. */
export interface Finding {
  key: string;
  code: ResourceFindingCode;
  level: 'unit' | 'feeder_pattern' | 'scope';
  unitIds: string[];
  cells: string[];
  resourceIds: string[];
  figures: Record<string, unknown>;
  explanation: string;
}

export type ResourceMapAnswer = Omit<ResourceAnalysis, 'findings'> & { findings: Finding[]; unitName: string; schools: number };

export interface ImportProblem {
  row: number;
  column: string;
  message: string;
}

export interface ImportPreview {
  ok: boolean;
  format: 'csv' | 'xlsx';
  rows: number;
  creates: number;
  updates: number;
  unchanged: number;
  problems: ImportProblem[];
  warnings: ImportProblem[];
  actions: { row: number; name: string; action: 'create' | 'update' | 'unchanged' }[];
}

export interface SnapshotRecord {
  id: string;
  unitId: string;
  title: string;
  asOf: string;
  resourceCount: number;
  createdAt: string;
}

export type SnapshotComparison = ResourceSnapshotComparison & { from: SnapshotRecord; to: SnapshotRecord | null };

export interface RecommendationRecord {
  id: string;
  unitId: string;
  type: ResourceRecommendationType;
  title: string;
  rationale: string;
  findings: { key: string; code: string; explanation: string }[];
  priorityNeedIds: string[];
  status: ResourceRecommendationStatus;
  version: number;
  createdAt: string;
}

/** A priority need as `GET /api/units/:id/resource-priority-needs` returns it (rank 1 is the highest). */
export interface PriorityNeedRecord {
  id: string;
  unitId: string;
  rank: number;
  title: string;
  rationale: string;
  cells: string[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** The most resources one cell lists across a unit and the units below it (the API's cap). */
export const CELL_RESOURCES_LIMIT = 1000;

export const resourceKeys = {
  all: ['resources'] as const,
  framework: ['resources', 'framework'] as const,
  unit: (unitId: string) => ['resources', 'unit', unitId] as const,
  list: (unitId: string) => ['resources', 'unit', unitId, 'list'] as const,
  map: (unitId: string, minCoverage: number) => ['resources', 'unit', unitId, 'map', minCoverage] as const,
  snapshots: (unitId: string) => ['resources', 'unit', unitId, 'snapshots'] as const,
  recommendations: (unitId: string) => ['resources', 'unit', unitId, 'recommendations'] as const,
  priorityNeeds: (unitId: string) => ['resources', 'unit', unitId, 'priority-needs'] as const,
  cell: (unitId: string, cell: string) => ['resources', 'unit', unitId, 'cell', cell] as const,
  compare: (unitId: string, snapshotId: string) => ['resources', 'unit', unitId, 'compare', snapshotId] as const,
};

const unitPath = (unitId: string) => `/api/units/${encodeURIComponent(unitId)}`;
export const resourcePath = (id: string) => `/api/resources/${encodeURIComponent(id)}`;

/** The framework the unit maps on: the shipped one, or as its (or a unit above's) design document adapts it. */
export const frameworkQuery = (unitId: string) =>
  queryOptions({
    queryKey: [...resourceKeys.framework, unitId] as const,
    queryFn: ({ signal }) => api<InterventionFramework>(`${unitPath(unitId)}/intervention-framework`, { signal }),
    staleTime: 5 * 60_000,
  });

export const unitResourcesQuery = (unitId: string) =>
  queryOptions({ queryKey: resourceKeys.list(unitId), queryFn: ({ signal }) => api<ResourceRecord[]>(`${unitPath(unitId)}/resources`, { signal }) });

/** The resources in one cell at the unit and every unit below it, each with its unit's name. */
export const cellResourcesQuery = (unitId: string, cell: string) =>
  queryOptions({
    queryKey: resourceKeys.cell(unitId, cell),
    queryFn: ({ signal }) => api<ResourceRecord[]>(withQuery(`${unitPath(unitId)}/resources`, { subtree: 'true', cell }), { signal }),
  });

export const priorityNeedsPath = (unitId: string) => `${unitPath(unitId)}/resource-priority-needs`;

export const priorityNeedsQuery = (unitId: string) =>
  queryOptions({ queryKey: resourceKeys.priorityNeeds(unitId), queryFn: ({ signal }) => api<PriorityNeedRecord[]>(priorityNeedsPath(unitId), { signal }) });

export const resourceMapQuery = (unitId: string, minCoverage: number) =>
  queryOptions({
    queryKey: resourceKeys.map(unitId, minCoverage),
    queryFn: ({ signal }) => api<ResourceMapAnswer>(withQuery(`${unitPath(unitId)}/resource-map`, { minCoverage }), { signal }),
  });

export const snapshotsQuery = (unitId: string) =>
  queryOptions({ queryKey: resourceKeys.snapshots(unitId), queryFn: ({ signal }) => api<SnapshotRecord[]>(`${unitPath(unitId)}/resource-snapshots`, { signal }) });

/** Under the unit's key, so a change to the map refreshes an open comparison with now. */
/** A snapshot compared with a later one (`to`), or with the map now. */
export const compareQuery = (unitId: string, snapshotId: string, to: string | null = null) =>
  queryOptions({
    queryKey: [...resourceKeys.compare(unitId, snapshotId), to ?? 'now'] as const,
    queryFn: ({ signal }) =>
      api<SnapshotComparison>(`/api/resource-snapshots/${encodeURIComponent(snapshotId)}/compare${to ? `?to=${encodeURIComponent(to)}` : ''}`, { signal }),
  });

export const recommendationsQuery = (unitId: string) =>
  queryOptions({
    queryKey: resourceKeys.recommendations(unitId),
    queryFn: ({ signal }) => api<RecommendationRecord[]>(`${unitPath(unitId)}/resource-recommendations`, { signal }),
  });

export const exportUrl = (unitId: string, format: 'csv' | 'xlsx') => `${unitPath(unitId)}/resources/export?format=${format}`;
export const importPath = (unitId: string, preview: boolean) => `${unitPath(unitId)}/resources/import${preview ? '/preview' : ''}`;
