// The progress pages, from the progress feature.
import { getRouteApi } from '@tanstack/react-router';
import { AssessmentPage } from '../../features/progress/components/AssessmentPage';
import { BarriersPage } from '../../features/progress/components/BarriersPage';
import { BenchmarksPage } from '../../features/progress/components/BenchmarksPage';
import { CelebrationsPage } from '../../features/progress/components/CelebrationsPage';
import { InstrumentBuilderPage } from '../../features/progress/components/InstrumentBuilderPage';
import { InstrumentsPage } from '../../features/progress/components/InstrumentsPage';
import { ProgressOverviewPage } from '../../features/progress/components/ProgressOverviewPage';
import { PublicSurveyPage } from '../../features/progress/components/PublicSurveyPage';
import { ReadinessPage } from '../../features/progress/components/ReadinessPage';
import { ReportPage } from '../../features/progress/components/ReportPage';
import { currentQuarter } from '../../features/progress/components/labels';

const overviewRoute = getRouteApi('/app/units/$unitId/progress');
const benchmarksRoute = getRouteApi('/app/units/$unitId/progress/benchmarks');
const assessmentRoute = getRouteApi('/app/benchmark-assessments/$assessmentId');
const barriersRoute = getRouteApi('/app/units/$unitId/progress/barriers');
const readinessRoute = getRouteApi('/app/units/$unitId/progress/readiness');
const celebrationsRoute = getRouteApi('/app/units/$unitId/progress/celebrations');
const reportRoute = getRouteApi('/app/units/$unitId/progress/report');
const instrumentsRoute = getRouteApi('/app/units/$unitId/progress/instruments');
const instrumentBuilderRoute = getRouteApi('/app/units/$unitId/progress/instruments/new');
const surveyRoute = getRouteApi('/survey/$token');

export function ProgressOverviewRoute() {
  const { unitId } = overviewRoute.useParams();
  const { period } = overviewRoute.useSearch();
  const navigate = overviewRoute.useNavigate();
  return <ProgressOverviewPage key={unitId} unitId={unitId} period={period ?? currentQuarter()} onPeriod={(p) => void navigate({ search: { period: p }, replace: true })} />;
}

export function BenchmarksRoute() {
  const { unitId } = benchmarksRoute.useParams();
  const navigate = benchmarksRoute.useNavigate();
  return <BenchmarksPage key={unitId} unitId={unitId} onOpen={(a) => void navigate({ to: '/benchmark-assessments/$assessmentId', params: { assessmentId: a.id } })} />;
}

export function AssessmentRoute() {
  const { assessmentId } = assessmentRoute.useParams();
  return <AssessmentPage key={assessmentId} assessmentId={assessmentId} />;
}

export function BarriersRoute() {
  const { unitId } = barriersRoute.useParams();
  return <BarriersPage key={unitId} unitId={unitId} />;
}

export function ReadinessRoute() {
  const { unitId } = readinessRoute.useParams();
  return <ReadinessPage key={unitId} unitId={unitId} />;
}

export function CelebrationsRoute() {
  const { unitId } = celebrationsRoute.useParams();
  return <CelebrationsPage key={unitId} unitId={unitId} />;
}

export function ReportRoute() {
  const { unitId } = reportRoute.useParams();
  const { period } = reportRoute.useSearch();
  const navigate = reportRoute.useNavigate();
  return <ReportPage key={unitId} unitId={unitId} period={period ?? currentQuarter()} onPeriod={(p) => void navigate({ search: { period: p }, replace: true })} />;
}

export function PublicSurveyRoute() {
  const { token } = surveyRoute.useParams();
  return <PublicSurveyPage key={token} token={token} />;
}

export function InstrumentsRoute() {
  const { unitId } = instrumentsRoute.useParams();
  return <InstrumentsPage key={unitId} unitId={unitId} />;
}

export function InstrumentBuilderRoute() {
  const { unitId } = instrumentBuilderRoute.useParams();
  const { from, newVersion } = instrumentBuilderRoute.useSearch();
  return <InstrumentBuilderPage key={unitId} unitId={unitId} from={from} newVersion={newVersion ?? false} />;
}
