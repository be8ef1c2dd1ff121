// Reading plans: the shipped templates, a unit's plans and its overdue or incompletely planned
// tasks, one plan in full (outline, progress, roll-up, history, what the reader may do), my tasks,
// recommendations and the unit's design document. Keys all start with 'plans'.
import { queryOptions } from '@tanstack/react-query';
import type {
  DesignComparison,
  DesignDocumentContent,
  DesignChange,
  InterventionFramework,
  Mechanism,
  PlanKind,
  PlanPhase,
  PlanProgress,
  PlanRecommendationDecision,
  PlanRecommendationSubject,
  PlanStatus,
  PlanTemplateCatalog,
  SourceRef,
  TaskStatus,
  UnitDetail,
} from '@trellis/core';
import { api, withQuery } from '../../../lib/api';

export interface PlanRecord {
  id: string;
  lineageId: string;
  planVersion: number;
  unitId: string;
  unitName: string;
  unitKind: string;
  kind: PlanKind;
  title: string;
  status: PlanStatus;
  templateKey: string | null;
  templateVersion: string | null;
  parentPlanId: string | null;
  createdBy: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type PlanWithProgress = PlanRecord & { progress: PlanProgress };

export interface Named {
  id: string;
  name: string;
}

export interface PlanTaskLink {
  url: string;
  label?: string | null;
}

export interface PlanTaskRecord {
  id: string;
  planId: string;
  unitId: string;
  parentId: string | null;
  position: number;
  title: string;
  how: string | null;
  people: Named[];
  mechanisms: Named[];
  startOn: string | null;
  dueOn: string | null;
  phase: PlanPhase | null;
  status: TaskStatus;
  blockedReason: string | null;
  completedOn: string | null;
  dependsOn: string[];
  evidence: string | null;
  links: PlanTaskLink[];
  templateNodeKey: string | null;
  overdue: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type OutlineTask = PlanTaskRecord & { depth: number; number: string; hasSubtasks: boolean; source: SourceRef | null };

export interface PlanPermissions {
  edit: boolean;
  submit: boolean;
  withdraw: boolean;
  requestRevision: boolean;
  approve: boolean;
  startNewVersion: boolean;
  approveReason: string;
}

export interface PlanHistoryEntry {
  id: string;
  planId: string;
  fromStatus: string;
  toStatus: string;
  comment: string | null;
  actorId: string | null;
  actorName: string | null;
  at: string;
}

export interface PlanDetail extends PlanRecord {
  tasks: OutlineTask[];
  progress: PlanProgress;
  rollUp: PlanProgress;
  plansBelow: number;
  children: PlanWithProgress[];
  hiddenChildren: number;
  parent: { id: string; title: string; unitName: string; status: PlanStatus } | null;
  versions: { id: string; planVersion: number; status: PlanStatus; updatedAt: string }[];
  history: PlanHistoryEntry[];
  permissions: PlanPermissions;
}

/** A task as the lists across plans give it (my tasks, a unit's overdue and incomplete ones). */
export interface PlanTaskListItem extends PlanTaskRecord {
  planTitle: string;
  planStatus: PlanStatus;
  planVersion: number;
  unitName: string;
  hasSubtasks: boolean;
  gaps: ('who' | 'when')[];
}

export interface RecommendationRecord {
  id: string;
  unitId: string;
  planId: string | null;
  fromMechanismId: string | null;
  fromMechanismName: string | null;
  subject: PlanRecommendationSubject;
  title: string;
  rationale: string;
  authority: string;
  authorityPersonId: string | null;
  authorityPersonName: string | null;
  submittedOn: string;
  decision: PlanRecommendationDecision | null;
  decidedOn: string | null;
  decisionNote: string | null;
  taskIds: string[];
  version: number;
  /** In a unit's list: whether the reader may record the decision. */
  mayDecide?: boolean;
}

export interface DesignDocumentRecord {
  id: string;
  unitId: string;
  unitName: string;
  adoptedFromId: string | null;
  content: DesignDocumentContent;
  version: number;
  createdAt: string;
  updatedAt: string;
  prototype: { id: string; unitId: string; unitName: string; version: number; content: DesignDocumentContent } | null;
  comparison: DesignComparison | null;
  adaptedBy: { id: string; unitId: string; unitName: string; adaptations: number; essentialChanges: number }[];
}

export interface UnitDesignAnswer {
  document: DesignDocumentRecord | null;
  prototypes: { id: string; unitId: string; unitName: string; content: DesignDocumentContent; version: number }[];
}

export interface DesignRevision {
  revision: number;
  content: DesignDocumentContent;
  savedAt?: string;
  savedBy?: string | null;
  savedByName?: string | null;
}

export interface DesignCompareAnswer {
  a: number;
  b: number;
  changes: DesignChange[];
}

export const planKeys = {
  all: ['plans'] as const,
  templates: ['plans', 'templates'] as const,
  unit: (unitId: string) => ['plans', 'unit', unitId] as const,
  unitPlans: (unitId: string) => ['plans', 'unit', unitId, 'list'] as const,
  unitTasks: (unitId: string, filter: 'overdue' | 'incomplete' | 'open') => ['plans', 'unit', unitId, 'tasks', filter] as const,
  recommendations: (unitId: string) => ['plans', 'unit', unitId, 'recommendations'] as const,
  design: (unitId: string) => ['plans', 'unit', unitId, 'design'] as const,
  designVersions: (id: string) => ['plans', 'design', id, 'versions'] as const,
  designCompare: (id: string, a: number, b: number) => ['plans', 'design', id, 'compare', a, b] as const,
  detail: (id: string) => ['plans', 'detail', id] as const,
  mine: ['plans', 'mine'] as const,
};

const unitPath = (unitId: string) => `/api/units/${encodeURIComponent(unitId)}`;
export const planPath = (id: string) => `/api/plans/${encodeURIComponent(id)}`;
export const taskPath = (id: string) => `/api/plan-tasks/${encodeURIComponent(id)}`;

export const planTemplatesQuery = queryOptions({
  queryKey: planKeys.templates,
  queryFn: ({ signal }) => api<PlanTemplateCatalog>('/api/catalogs/plan-templates', { signal }),
  staleTime: 60 * 60_000,
});

export const unitPlansQuery = (unitId: string) =>
  queryOptions({ queryKey: planKeys.unitPlans(unitId), queryFn: ({ signal }) => api<PlanWithProgress[]>(`${unitPath(unitId)}/plans`, { signal }) });

export const unitPlanTasksQuery = (unitId: string, filter: 'overdue' | 'incomplete' | 'open', subtree = true) =>
  queryOptions({
    queryKey: [...planKeys.unitTasks(unitId, filter), subtree],
    queryFn: ({ signal }) => api<PlanTaskListItem[]>(withQuery(`${unitPath(unitId)}/plan-tasks`, { filter, subtree: subtree ? 'true' : undefined }), { signal }),
  });

export const planQuery = (id: string) => queryOptions({ queryKey: planKeys.detail(id), queryFn: ({ signal }) => api<PlanDetail>(planPath(id), { signal }) });

export const myTasksQuery = queryOptions({ queryKey: planKeys.mine, queryFn: ({ signal }) => api<PlanTaskListItem[]>('/api/me/plan-tasks', { signal }) });

export const recommendationsQuery = (unitId: string) =>
  queryOptions({ queryKey: planKeys.recommendations(unitId), queryFn: ({ signal }) => api<RecommendationRecord[]>(`${unitPath(unitId)}/plan-recommendations`, { signal }) });

export const unitDesignQuery = (unitId: string) =>
  queryOptions({ queryKey: planKeys.design(unitId), queryFn: ({ signal }) => api<UnitDesignAnswer>(`${unitPath(unitId)}/design-document`, { signal }) });

export const designVersionsQuery = (id: string) =>
  queryOptions({ queryKey: planKeys.designVersions(id), queryFn: ({ signal }) => api<DesignRevision[]>(`/api/design-documents/${encodeURIComponent(id)}/versions`, { signal }) });

export const designCompareQuery = (id: string, a: number, b: number) =>
  queryOptions({
    queryKey: planKeys.designCompare(id, a, b),
    queryFn: ({ signal }) => api<DesignCompareAnswer>(withQuery(`/api/design-documents/${encodeURIComponent(id)}/compare`, { a, b }), { signal }),
  });

/** The unit with its ancestors (same key as the organization feature's, so they share the cache). */
export const planUnitQuery = (unitId: string) =>
  queryOptions({ queryKey: ['units', 'detail', unitId], queryFn: ({ signal }) => api<UnitDetail>(unitPath(unitId), { signal }) });

/** The unit's mechanisms, for WHO (same key as the mechanisms feature's). */
export const planMechanismsQuery = (unitId: string) =>
  queryOptions({ queryKey: ['mechanisms', 'unit', unitId], queryFn: ({ signal }) => api<Mechanism[]>(`${unitPath(unitId)}/mechanisms`, { signal }) });

export const planFrameworkQuery = queryOptions({
  queryKey: ['resources', 'framework'],
  queryFn: ({ signal }) => api<InterventionFramework>('/api/catalogs/intervention-framework', { signal }),
  staleTime: 60 * 60_000,
});
