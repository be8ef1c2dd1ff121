// Access-control matrix entries for the backup and export routes (spread into ROUTES in ../access-matrix.test.ts).
import type { MatrixEntries } from '../support/matrix.js';
import { createMechanism, createRolloutScenario } from '../support/factories.js';
import { createEngagement } from '../support/coaching-factories.js';
import { createPlan } from '../support/plan-factories.js';
import { createBarrier, createCelebration } from '../support/progress-factories.js';

/** The path of the top-level unit (the state) above a unit. */
const rootOf = (path: string) => `/${path.split('/')[1]}/`;

/** Routes decided at the top-level unit, above both districts of the matrix (the test names say so too). */
export const decidedAtTheTop = ['GET /api/admin/backup'];

export const backupMatrix: MatrixEntries = {
  // A backup holds every unit: decided at the top-level unit (the service decides at every one).
  'GET /api/admin/backup': async ({ at }) => ({ method: 'GET', url: '/api/admin/backup', decidedAt: rootOf(at.district.path) }),

  // Exports: the list's access, decided where the list's is.
  'GET /api/units/:id/subtree/export': async ({ at }) => ({ method: 'GET', url: `/api/units/${at.district.id}/subtree/export?format=csv&depth=1` }),
  'GET /api/units/:id/oneroster/orgs.csv': async ({ at }) => ({ method: 'GET', url: `/api/units/${at.district.id}/oneroster/orgs.csv` }),
  'GET /api/people/export': async ({ at }) => ({ method: 'GET', url: `/api/people/export?format=xlsx&q=${encodeURIComponent(at.person.name)}`, decidedAt: at.school.path }),
  'GET /api/units/:id/mechanisms/export': async ({ api, at }) => {
    await createMechanism(api.db, at.school);
    return { method: 'GET', url: `/api/units/${at.school.id}/mechanisms/export?format=csv`, decidedAt: at.school.path };
  },
  'GET /api/rollout-scenarios/:id/schedule/export': async ({ api, at }) => ({ method: 'GET', url: `/api/rollout-scenarios/${(await createRolloutScenario(api.db, at.district)).id}/schedule/export?format=xlsx` }),
  'GET /api/audit/export': async ({ at }) => ({ method: 'GET', url: `/api/audit/export?unitId=${at.district.id}&format=csv` }),
  'GET /api/units/:id/plan-tasks/export': async ({ api, at }) => {
    await createPlan(api.db, at.school, { tasks: 2 });
    return { method: 'GET', url: `/api/units/${at.school.id}/plan-tasks/export?filter=incomplete&subtree=true&format=xlsx`, decidedAt: at.school.path };
  },
  'GET /api/me/plan-tasks/export': async () => ({ method: 'GET', url: '/api/me/plan-tasks/export?format=xlsx' }),
  'GET /api/coaching/caseload/export': async () => ({ method: 'GET', url: '/api/coaching/caseload/export?includeEnded=true' }),
  'GET /api/units/:id/coaching/engagements/export': async ({ api, at }) => {
    await createEngagement(api.db, at.school, at.person.id);
    return { method: 'GET', url: `/api/units/${at.school.id}/coaching/engagements/export?format=xlsx`, decidedAt: at.school.path };
  },
  'GET /api/units/:id/celebrations/export': async ({ api, at }) => {
    await createCelebration(api.db, at.school);
    return { method: 'GET', url: `/api/units/${at.school.id}/celebrations/export?subtree=true`, decidedAt: at.school.path };
  },
  'GET /api/units/:id/barriers/export': async ({ api, at }) => {
    await createBarrier(api.db, at.school, at.person.id);
    return { method: 'GET', url: `/api/units/${at.school.id}/barriers/export?subtree=true`, decidedAt: at.school.path };
  },
};
