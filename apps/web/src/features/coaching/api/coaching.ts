// Reading and changing coaching: a coach's caseload, an engagement with its contacts, a unit's
// coverage, facilitator checklists, the hand-over plan, reports, and the mail outbox. Keys all
// start with 'coaching' so logging a contact refreshes every view that shows a cadence status.
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  CoachingCadenceStatus,
  CoachingContactCreate,
  CoachingContactMode,
  CoachingEngagementUpdate,
  CoachingFacilitatorCatalog,
  CoachingFacilitatorCheckCreate,
  CoachingFocusAreaCatalog,
  CoachingFocusAreaInForce,
  CoachingFocusAreasUpdate,
  CoachingCapacityTransferCreate,
  CoachingSustainReadiness,
  CoachingCoverage,
} from '@trellis/core';
import { api, withQuery } from '../../../lib/api';

export interface EngagementRecord {
  id: string;
  unitId: string;
  unitName: string;
  coachPersonId: string;
  coachName: string;
  kind: 'coaching' | 'mentoring';
  coachAffiliation: 'internal' | 'external';
  target: { leaderPersonId: string | null; mechanismId: string | null; unitId: string | null };
  targetName: string;
  focusAreaKeys: string[];
  startOn: string;
  plannedEndOn: string | null;
  goals: string | null;
  status: 'active' | 'paused' | 'ended';
  pauses: { from: string; to: string | null }[];
  endedOn: string | null;
  cadence: { contactEveryDays: number | null; onsite: { unit: 'months' | 'days'; every: number } | null };
  version: number;
}

export interface EngagementItem {
  engagement: EngagementRecord;
  timeZone: string;
  status: CoachingCadenceStatus;
}

export interface ContactRecord {
  id: string;
  engagementId: string;
  date: string;
  mode: CoachingContactMode;
  durationMinutes: number;
  participantIds: string[];
  topics: string[];
  notes: string | null;
  agreements: string | null;
  nextSteps: { text: string; dueOn: string | null; taskId: string | null }[] | null;
  notesHidden: boolean;
  version: number;
}

export interface EngagementDetail extends EngagementItem {
  today: string;
  contacts: ContactRecord[];
  mayLog: boolean;
  mayManage: boolean;
}

export interface CoverageRecord {
  unitId: string;
  unitName: string;
  counts: CoachingCoverage;
  byUnit: { unitId: string; unitName: string; counts: CoachingCoverage }[];
  items: EngagementItem[];
}

export interface FacilitatorCheckRecord {
  id: string;
  unitId: string;
  facilitatorPersonId: string;
  facilitatorName: string;
  checkedOn: string;
  answers: { itemKey: string; answer: 'yes' | 'no'; why?: string; actionTaken?: string; note?: string | null }[];
  summary: {
    groups: { key: string; number: number; name: string; yes: number; no: number; open: number }[];
    breakdowns: { itemKey: string; letter: string; text: string; why?: string; actionTaken?: string; groupKey: string }[];
  };
  version: number;
}

export interface CapacityRecord {
  unitId: string;
  unitName: string;
  on: string;
  transfers: { id: string; internalLeaderPersonId: string; internalLeaderName: string; capacities: string[]; plannedHandOverOn: string; note: string | null; version: number }[];
  readiness: CoachingSustainReadiness;
}

export interface ReportRecord {
  unitId: string;
  unitName: string;
  from: string;
  to: string;
  asOf: string;
  groupBy: 'coach' | 'unit';
  contactsByMonth: ({ month: string; total: number } & Record<CoachingContactMode, number>)[];
  compliance: { key: string; name: string; month: string; onTrackDays: number; dueSoonDays: number; overdueDays: number; pausedDays: number; measuredDays: number; compliance: number | null }[];
  topics: { key: string; label: string; contacts: number }[];
}

export interface OutboxRecord {
  smtpConfigured: boolean;
  messages: { id: string; toAddress: string; subject: string; bodyText: string; createdAt: string; sentAt: string | null; lastError: string | null; attempts: number }[];
}

export interface CoachingCatalog {
  focusAreas: CoachingFocusAreaCatalog;
  facilitator: CoachingFacilitatorCatalog;
}

/** The focus areas in force at a unit (Appendix B as its state or district adapted it). */
export interface FocusAreaList {
  unitId: string;
  unitName: string;
  basedOn: { id: string; version: string };
  adaptedBy: { unitId: string; unitName: string; version: number; updatedAt: string }[];
  adaptable: boolean;
  version: number;
  areas: CoachingFocusAreaInForce[];
}

export const coachingKeys = {
  all: ['coaching'] as const,
  caseload: () => ['coaching', 'caseload'] as const,
  engagement: (id: string) => ['coaching', 'engagement', id] as const,
  unit: (unitId: string) => ['coaching', 'unit', unitId] as const,
};

export const catalogQuery = queryOptions({ queryKey: ['coaching', 'catalog'], queryFn: () => api<CoachingCatalog>('/api/catalogs/coaching'), staleTime: Infinity });
export const focusAreasQuery = (unitId: string) =>
  queryOptions({ queryKey: [...coachingKeys.unit(unitId), 'focus-areas'], queryFn: () => api<FocusAreaList>(`/api/units/${unitId}/coaching/focus-areas`) });
/** A focus area's label from a unit's list (retired ones too), else the key. */
export const focusLabel = (list: FocusAreaList | undefined, key: string) => list?.areas.find((a) => a.key === key)?.label ?? key;
export const caseloadQuery = () => queryOptions({ queryKey: coachingKeys.caseload(), queryFn: () => api<{ coachPersonId: string; items: EngagementItem[] }>('/api/coaching/caseload') });
export const engagementQuery = (id: string) => queryOptions({ queryKey: coachingKeys.engagement(id), queryFn: () => api<EngagementDetail>(`/api/coaching/engagements/${id}`) });
export const coverageQuery = (unitId: string) => queryOptions({ queryKey: [...coachingKeys.unit(unitId), 'coverage'], queryFn: () => api<CoverageRecord>(`/api/units/${unitId}/coaching/coverage`) });
export const checksQuery = (unitId: string) => queryOptions({ queryKey: [...coachingKeys.unit(unitId), 'checks'], queryFn: () => api<FacilitatorCheckRecord[]>(`/api/units/${unitId}/coaching/facilitator-checks`) });
export const capacityQuery = (unitId: string) => queryOptions({ queryKey: [...coachingKeys.unit(unitId), 'capacity'], queryFn: () => api<CapacityRecord>(`/api/units/${unitId}/coaching/capacity`) });
export const reportsQuery = (unitId: string, groupBy: 'coach' | 'unit') =>
  queryOptions({ queryKey: [...coachingKeys.unit(unitId), 'reports', groupBy], queryFn: () => api<ReportRecord>(withQuery(`/api/units/${unitId}/coaching/reports`, { groupBy })) });
export const outboxQuery = queryOptions({ queryKey: ['coaching', 'outbox'], queryFn: () => api<OutboxRecord>('/api/coaching/outbox') });

export const reportCsvUrl = (unitId: string, report: 'contacts' | 'compliance' | 'topics', groupBy: 'coach' | 'unit') =>
  withQuery(`/api/units/${unitId}/coaching/reports/export`, { report, groupBy });

function useRefresh() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: coachingKeys.all });
}

export function useLogContact(engagementId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: CoachingContactCreate) => api<{ contact: ContactRecord; status: CoachingCadenceStatus }>(`/api/coaching/engagements/${engagementId}/contacts`, { method: 'POST', body: input }),
    onSuccess: refresh,
  });
}

export function useNextStepToTask() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: ({ contactId, index }: { contactId: string; index: number }) => api<{ taskId: string }>(`/api/coaching/contacts/${contactId}/next-steps/${index}/task`, { method: 'POST' }), onSuccess: refresh });
}

export function useUpdateEngagement(id: string) {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (input: CoachingEngagementUpdate) => api<EngagementItem>(`/api/coaching/engagements/${id}`, { method: 'PATCH', body: input }), onSuccess: refresh });
}

export function useCreateCheck() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (input: CoachingFacilitatorCheckCreate) => api<FacilitatorCheckRecord>('/api/coaching/facilitator-checks', { method: 'POST', body: input }), onSuccess: refresh });
}

export function useCreateTransfer(unitId: string) {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (input: CoachingCapacityTransferCreate) => api<unknown>(`/api/units/${unitId}/coaching/capacity-transfers`, { method: 'POST', body: input }), onSuccess: refresh });
}

export function useCreateEngagement() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (input: import('@trellis/core').CoachingEngagementCreate) => api<EngagementItem>('/api/coaching/engagements', { method: 'POST', body: input }), onSuccess: refresh });
}

export function useRemoveTransfer() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (id: string) => api<void>(`/api/coaching/capacity-transfers/${id}`, { method: 'DELETE' }), onSuccess: refresh });
}

export function useChangeFocusAreas(unitId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CoachingFocusAreasUpdate) => api<FocusAreaList>(`/api/units/${unitId}/coaching/focus-areas`, { method: 'PATCH', body: input }),
    // Every unit below may take this list: refresh all coaching views.
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: coachingKeys.all }),
  });
}

export function useUpdateCheck(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: { version: number; answers: CoachingFacilitatorCheckCreate['answers'] }) => api<FacilitatorCheckRecord>(`/api/coaching/facilitator-checks/${id}`, { method: 'PATCH', body: input }),
    onSuccess: refresh,
  });
}
