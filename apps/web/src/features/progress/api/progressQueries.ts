// Reading progress: a unit's benchmark assessments, one assessment with its ratings, roll-ups and
// trends, readiness surveys and results, barriers, celebrations and the progress report. Keys all
// start with 'progress', so that any change refreshes every progress view at once.
import { queryOptions } from '@tanstack/react-query';
import type {
  BarrierCategory,
  BarrierStaleness,
  BarrierStatus,
  BenchmarkAssessmentCompleteness,
  BenchmarkAssessmentStatus,
  BenchmarkChange,
  BenchmarkDistribution,
  BenchmarkInstrument,
  BenchmarkPeriodSummary,
  BenchmarkRating,
  BenchmarkUnitBehind,
  BenchmarkUnitTrendPoint,
  BarrierPeriodSummary,
  MechanismKind,
  MechanismStatus,
  PlanProgress,
  PlanStatus,
  ProposedCelebration,
  ReadinessResults,
  ReadinessSurveyInstrument,
  ReadinessTrendPoint,
  UnitKind,
} from '@trellis/core';
import { api, withQuery } from '../../../lib/api';

export const progressKeys = {
  all: ['progress'] as const,
  unit: (unitId: string) => ['progress', 'unit', unitId] as const,
};

export interface ProgressLinkRecord {
  url: string;
  label?: string | null;
}

export interface BenchmarkRatingRecord {
  itemKey: string;
  rating: BenchmarkRating;
  evidence: string | null;
  links: ProgressLinkRecord[];
  ratedBy: string | null;
  ratedByName: string | null;
  ratedAt: string;
}

export interface AssessmentSummary {
  id: string;
  unitId: string;
  unitName: string;
  period: string;
  instrumentId: string;
  instrumentVersion: string;
  status: BenchmarkAssessmentStatus;
  note: string | null;
  assessors: { id: string; name: string }[];
  createdBy: string | null;
  submittedBy: string | null;
  submittedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface AssessmentRecord extends AssessmentSummary {
  ratings: BenchmarkRatingRecord[];
  completeness: BenchmarkAssessmentCompleteness;
  instrument: { id: string; version: string; name: string };
}

export interface RollUpRecord {
  unitId: string;
  unitName: string;
  level: UnitKind;
  instrument: { id: string; version: string; name: string };
  period: string;
  previousPeriod: string;
  behindBelow: number;
  current: BenchmarkPeriodSummary;
  previous: BenchmarkPeriodSummary;
  change: { overall: BenchmarkChange; areas: Record<string, BenchmarkChange>; items: Record<string, BenchmarkChange>; unitsAssessed: number };
  /** One page of the units behind (the first 50 unless asked otherwise), in order. */
  unitsBehind: (BenchmarkUnitBehind & { unitName: string })[];
  /** All the units behind, of which `unitsBehind` is a page. */
  unitsBehindTotal: number;
  unitsBehindByReason: { not_assessed: number; below_threshold: number };
  unitsBehindPage: { offset: number; limit: number };
}

export interface SurveyRecord {
  id: string;
  unitId: string;
  unitName: string;
  period: string;
  instrumentId: string;
  instrumentVersion: string;
  linkToken: string;
  closesOn: string | null;
  closedAt: string | null;
  responses: number;
  version: number;
  createdAt: string;
  open: boolean;
}

export interface ReadinessResultsRecord {
  trend: ReadinessTrendPoint[];
  latest: ReadinessResults | null;
}

export interface PublicSurvey {
  unitName: string;
  period: string;
  open: boolean;
  closesOn: string | null;
  instrument: {
    name: string;
    summary: string;
    scale: ReadinessSurveyInstrument['scale'];
    factors: { key: string; label: string }[];
    items: { key: string; factor: string; statement: string }[];
  };
}

export interface BarrierRecord {
  id: string;
  unitId: string;
  unitName: string;
  mechanismId: string | null;
  mechanismName: string | null;
  category: BarrierCategory;
  description: string;
  ownerId: string;
  ownerName: string;
  nextStep: string;
  targetOn: string | null;
  status: BarrierStatus;
  resolution: string | null;
  dropReason: string | null;
  raisedOn: string;
  raisedBy: string | null;
  resolvedOn: string | null;
  lastUpdateOn: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  staleness: BarrierStaleness;
  daysToResolution: number | null;
}

export interface CelebrationRecord {
  id: string;
  unitId: string;
  unitName: string;
  title: string;
  description: string | null;
  celebratedOn: string;
  milestoneKey: string | null;
  status: 'confirmed' | 'dismissed';
  createdBy: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface CelebrationsRecord {
  confirmed: CelebrationRecord[];
  proposed: ProposedCelebration[];
}

export interface ProgressReportRecord {
  unit: { id: string; name: string; kind: UnitKind };
  period: string;
  periodStart: string;
  periodEnd: string;
  generatedOn: string;
  phase: { key: string; number: number; label: string } | null;
  mechanisms: { id: string; name: string; kind: MechanismKind; kindLabel: string; status: MechanismStatus; statusLabel: string }[];
  plans: {
    plans: { id: string; title: string; status: PlanStatus; statusLabel: string; planVersion: number; progress: PlanProgress }[];
    rollUp: PlanProgress;
    withPlansBelow: PlanProgress;
    plansBelow: number;
  };
  benchmarks: {
    instrument: { id: string; version: string; name: string };
    trend: { period: string; overall: BenchmarkDistribution; meanChange: number | null }[];
    rollUp: {
      level: UnitKind;
      current: { unitsInScope: number; unitsAssessed: number; overall: BenchmarkDistribution; areas: Record<string, BenchmarkDistribution> };
      change: BenchmarkChange;
      unitsBehind: number;
    } | null;
  };
  barriers: { summary: BarrierPeriodSummary; open: number; stale: number };
  readiness: { period: string; status: 'withheld' | 'shown'; respondents: number; mean: number | null; meanChange: number | null }[];
  celebrations: CelebrationRecord[];
  proposedCelebrations: number;
}

export interface InstrumentsRecord {
  benchmark: BenchmarkInstrument[];
  readiness: ReadinessSurveyInstrument[];
}

const unitPath = (unitId: string) => `/api/units/${encodeURIComponent(unitId)}`;
export const assessmentPath = (id: string) => `/api/benchmark-assessments/${encodeURIComponent(id)}`;
export const reportPdfPath = (unitId: string, period: string) => withQuery(`${unitPath(unitId)}/progress-report.pdf`, { period });

export const instrumentsQuery = (unitId: string) =>
  queryOptions({ queryKey: [...progressKeys.unit(unitId), 'instruments'], queryFn: ({ signal }) => api<InstrumentsRecord>(`${unitPath(unitId)}/progress-instruments`, { signal }), staleTime: 10 * 60_000 });

export const assessmentsQuery = (unitId: string) =>
  queryOptions({ queryKey: [...progressKeys.unit(unitId), 'assessments'], queryFn: ({ signal }) => api<AssessmentSummary[]>(`${unitPath(unitId)}/benchmark-assessments`, { signal }) });

export const assessmentQuery = (id: string) =>
  queryOptions({ queryKey: ['progress', 'assessment', id], queryFn: ({ signal }) => api<AssessmentRecord>(assessmentPath(id), { signal }) });

export const rollUpQuery = (unitId: string, period: string) =>
  queryOptions({ queryKey: [...progressKeys.unit(unitId), 'rollup', period], queryFn: ({ signal }) => api<RollUpRecord>(withQuery(`${unitPath(unitId)}/benchmark-rollup`, { period }), { signal }) });

export const trendQuery = (unitId: string) =>
  queryOptions({ queryKey: [...progressKeys.unit(unitId), 'trend'], queryFn: ({ signal }) => api<BenchmarkUnitTrendPoint[]>(`${unitPath(unitId)}/benchmark-trend`, { signal }) });

export const surveysQuery = (unitId: string) =>
  queryOptions({ queryKey: [...progressKeys.unit(unitId), 'surveys'], queryFn: ({ signal }) => api<SurveyRecord[]>(`${unitPath(unitId)}/readiness-surveys`, { signal }) });

export const readinessResultsQuery = (unitId: string) =>
  queryOptions({ queryKey: [...progressKeys.unit(unitId), 'readiness-results'], queryFn: ({ signal }) => api<ReadinessResultsRecord>(`${unitPath(unitId)}/readiness-results`, { signal }) });

export const barriersQuery = (unitId: string, subtree: boolean) =>
  queryOptions({
    queryKey: [...progressKeys.unit(unitId), 'barriers', subtree],
    queryFn: ({ signal }) => api<BarrierRecord[]>(withQuery(`${unitPath(unitId)}/barriers`, { subtree: subtree ? 'true' : undefined }), { signal }),
  });

export const celebrationsQuery = (unitId: string, subtree: boolean) =>
  queryOptions({
    queryKey: [...progressKeys.unit(unitId), 'celebrations', subtree],
    queryFn: ({ signal }) => api<CelebrationsRecord>(withQuery(`${unitPath(unitId)}/celebrations`, { subtree: subtree ? 'true' : undefined }), { signal }),
  });

export const reportQuery = (unitId: string, period: string) =>
  queryOptions({ queryKey: [...progressKeys.unit(unitId), 'report', period], queryFn: ({ signal }) => api<ProgressReportRecord>(withQuery(`${unitPath(unitId)}/progress-report`, { period }), { signal }) });

export const publicSurveyQuery = (token: string) =>
  queryOptions({ queryKey: ['survey', token], queryFn: ({ signal }) => api<PublicSurvey>(`/api/surveys/${encodeURIComponent(token)}`, { signal }), retry: false });
