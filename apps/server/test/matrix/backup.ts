// Access-control matrix entries for the backup and export routes (spread into ROUTES in ../access-matrix.test.ts).
import type { MatrixEntries } from '../support/matrix.js';

/** The path of the top-level unit (the state) above a unit. */
const rootOf = (path: string) => `/${path.split('/')[1]}/`;

export const backupMatrix: MatrixEntries = {
  // A backup holds every unit: decided at the top-level unit (the service decides at every one).
  'GET /api/admin/backup': async ({ at }) => ({
    method: 'GET',
    url: '/api/admin/backup',
    decidedAt: rootOf(at.district.path),
  }),
};
