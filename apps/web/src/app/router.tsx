// The routes of the web app. Each page is its own chunk, loaded when first visited, so the
// sign-in page stays light. Pages behind sign-in share a layout whose beforeLoad checks the session.
import { createRootRouteWithContext, createRoute, createRouter, lazyRouteComponent, Outlet, redirect } from '@tanstack/react-router';
import type { QueryClient } from '@tanstack/react-query';
import { isProblem } from '../lib/problem';
import { safeRedirect } from '../lib/redirect';
import { sessionQuery } from '../lib/session';
import { Loading } from '../components/Loading';
import { RouteError } from './RouteError';
import { RouteFocus } from './RouteFocus';
import { NotFoundPage } from './NotFoundPage';

interface RouterContext {
  queryClient: QueryClient;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: () => (
    <>
      <RouteFocus />
      <Outlet />
    </>
  ),
  notFoundComponent: NotFoundPage,
});

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  validateSearch: (search: Record<string, unknown>): { redirect?: string } => (typeof search.redirect === 'string' ? { redirect: search.redirect } : {}),
  beforeLoad: async ({ context, search }) => {
    // Someone already signed in goes straight on.
    const session = await context.queryClient.ensureQueryData(sessionQuery).catch(() => null);
    if (session) throw redirect({ href: safeRedirect(search.redirect) });
  },
  component: lazyRouteComponent(() => import('./routes/SignInRoute'), 'SignInRoute'),
});

const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context, location }) => {
    try {
      await context.queryClient.ensureQueryData(sessionQuery);
    } catch (e) {
      if (isProblem(e, 401)) throw redirect({ to: '/sign-in', search: { redirect: location.href } });
      throw e;
    }
  },
  component: lazyRouteComponent(() => import('./AppLayout'), 'AppLayout'),
  notFoundComponent: NotFoundPage,
});

const indexRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/organization' });
  },
});

const organizationRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/organization',
  component: lazyRouteComponent(() => import('../features/organizations/components/OrganizationPage'), 'OrganizationPage'),
});

const unitRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/units/$unitId',
  component: lazyRouteComponent(() => import('./routes/UnitRoute'), 'UnitRoute'),
});

const resourceMapRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/units/$unitId/resources',
  component: lazyRouteComponent(() => import('./routes/ResourceMapRoute'), 'ResourceMapRoute'),
});

export interface PeopleSearch {
  q?: string;
  page?: number;
}

const peopleRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/people',
  validateSearch: (search: Record<string, unknown>): PeopleSearch => {
    const page = Number(search.page);
    return {
      ...(typeof search.q === 'string' && search.q !== '' ? { q: search.q } : {}),
      ...(Number.isInteger(page) && page > 1 ? { page } : {}),
    };
  },
  component: lazyRouteComponent(() => import('./routes/PeopleRoute'), 'PeopleRoute'),
});

const personRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/people/$personId',
  component: lazyRouteComponent(() => import('./routes/PersonRoute'), 'PersonRoute'),
});

const mechanismRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/mechanisms/$mechanismId',
  component: lazyRouteComponent(() => import('./routes/MechanismRoute'), 'MechanismRoute'),
});

export interface RolloutSearch {
  unit?: string;
}

const rolloutRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/rollout',
  validateSearch: (search: Record<string, unknown>): RolloutSearch => (typeof search.unit === 'string' && search.unit !== '' ? { unit: search.unit } : {}),
  component: lazyRouteComponent(() => import('./routes/RolloutRoute'), 'RolloutRoute'),
});

const rolloutScenarioRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/rollout/$scenarioId',
  component: lazyRouteComponent(() => import('./routes/RolloutScenarioRoute'), 'RolloutScenarioRoute'),
});

const unitPlansRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/units/$unitId/plans',
  component: lazyRouteComponent(() => import('./routes/PlansRoute'), 'PlansRoute'),
});

const designDocumentRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/units/$unitId/design',
  component: lazyRouteComponent(() => import('./routes/DesignDocumentRoute'), 'DesignDocumentRoute'),
});

export interface PlanSearch {
  tab?: 'outline' | 'timeline' | 'progress' | 'history';
}

const planRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/plans/$planId',
  validateSearch: (search: Record<string, unknown>): PlanSearch =>
    search.tab === 'timeline' || search.tab === 'progress' || search.tab === 'history' ? { tab: search.tab } : {},
  component: lazyRouteComponent(() => import('./routes/PlanRoute'), 'PlanRoute'),
});

const myTasksRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/my-tasks',
  component: lazyRouteComponent(() => import('./routes/MyTasksRoute'), 'MyTasksRoute'),
});

// The printable plan stands outside the app's frame (no header or navigation on paper), behind the
// same sign-in check.
const planPrintRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/plans/$planId/print',
  beforeLoad: async ({ context, location }) => {
    try {
      await context.queryClient.ensureQueryData(sessionQuery);
    } catch (e) {
      if (isProblem(e, 401)) throw redirect({ to: '/sign-in', search: { redirect: location.href } });
      throw e;
    }
  },
  component: lazyRouteComponent(() => import('./routes/PlanPrintRoute'), 'PlanPrintRoute'),
});

const coachingRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/coaching',
  component: lazyRouteComponent(() => import('./routes/CoachingRoutes'), 'CoachingRoute'),
});

const coachingEngagementRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/coaching/engagements/$engagementId',
  component: lazyRouteComponent(() => import('./routes/CoachingRoutes'), 'CoachingEngagementRoute'),
});

const coachingOutboxRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/coaching/outbox',
  component: lazyRouteComponent(() => import('./routes/CoachingRoutes'), 'CoachingOutboxRoute'),
});

const unitCoachingRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/units/$unitId/coaching',
  component: lazyRouteComponent(() => import('./routes/CoachingRoutes'), 'UnitCoachingRoute'),
});

const importsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/imports',
  validateSearch: (search: Record<string, unknown>): RolloutSearch => (typeof search.unit === 'string' && search.unit !== '' ? { unit: search.unit } : {}),
  component: lazyRouteComponent(() => import('./routes/ImportsRoute'), 'ImportsRoute'),
});

const auditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/audit',
  component: lazyRouteComponent(() => import('../features/audit/components/AuditPage'), 'AuditPage'),
});

export interface ProgressSearch {
  period?: string;
}

const validatePeriod = (search: Record<string, unknown>): ProgressSearch =>
  typeof search.period === 'string' && /^\d{4}-(Q[1-4]|0[1-9]|1[0-2])$/.test(search.period) ? { period: search.period } : {};

const progressRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/units/$unitId/progress',
  validateSearch: validatePeriod,
  component: lazyRouteComponent(() => import('./routes/ProgressRoutes'), 'ProgressOverviewRoute'),
});

const progressBenchmarksRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/units/$unitId/progress/benchmarks',
  component: lazyRouteComponent(() => import('./routes/ProgressRoutes'), 'BenchmarksRoute'),
});

const benchmarkAssessmentRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/benchmark-assessments/$assessmentId',
  component: lazyRouteComponent(() => import('./routes/ProgressRoutes'), 'AssessmentRoute'),
});

const progressBarriersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/units/$unitId/progress/barriers',
  component: lazyRouteComponent(() => import('./routes/ProgressRoutes'), 'BarriersRoute'),
});

const progressReadinessRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/units/$unitId/progress/readiness',
  component: lazyRouteComponent(() => import('./routes/ProgressRoutes'), 'ReadinessRoute'),
});

const progressCelebrationsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/units/$unitId/progress/celebrations',
  component: lazyRouteComponent(() => import('./routes/ProgressRoutes'), 'CelebrationsRoute'),
});

const progressInstrumentsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/units/$unitId/progress/instruments',
  component: lazyRouteComponent(() => import('./routes/ProgressRoutes'), 'InstrumentsRoute'),
});

export interface InstrumentBuilderSearch {
  /** The starting instrument, as id@version, or "blank". */
  from?: string;
  /** Publish a new version of `from` (one of the unit's own). */
  newVersion?: boolean;
}

const progressInstrumentBuilderRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/units/$unitId/progress/instruments/new',
  validateSearch: (search: Record<string, unknown>): InstrumentBuilderSearch => ({
    ...(typeof search.from === 'string' && search.from.length <= 200 ? { from: search.from } : {}),
    ...(search.newVersion === true || search.newVersion === 'true' ? { newVersion: true } : {}),
  }),
  component: lazyRouteComponent(() => import('./routes/ProgressRoutes'), 'InstrumentBuilderRoute'),
});

const progressReportRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/units/$unitId/progress/report',
  validateSearch: validatePeriod,
  component: lazyRouteComponent(() => import('./routes/ProgressRoutes'), 'ReportRoute'),
});

// A readiness survey's link opens for anyone who has it, signed in or not: outside the signed-in
// layout and its session check.
const publicSurveyRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/survey/$token',
  component: lazyRouteComponent(() => import('./routes/ProgressRoutes'), 'PublicSurveyRoute'),
});

const routeTree = rootRoute.addChildren([
  signInRoute,
  planPrintRoute,
  publicSurveyRoute,
  appRoute.addChildren([indexRoute, organizationRoute, unitRoute, resourceMapRoute, peopleRoute, personRoute, mechanismRoute, rolloutRoute, rolloutScenarioRoute, auditRoute, unitPlansRoute, designDocumentRoute, planRoute, myTasksRoute, coachingRoute, coachingEngagementRoute, coachingOutboxRoute, unitCoachingRoute, importsRoute, progressRoute, progressBenchmarksRoute, benchmarkAssessmentRoute, progressBarriersRoute, progressReadinessRoute, progressCelebrationsRoute, progressReportRoute, progressInstrumentsRoute, progressInstrumentBuilderRoute]),
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    defaultPreloadStaleTime: 0,
    defaultPendingComponent: () => <Loading />,
    defaultErrorComponent: RouteError,
    scrollRestoration: true,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
