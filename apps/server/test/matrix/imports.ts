// Access-control matrix entries for the imports routes (spread into ROUTES in ../access-matrix.test.ts).
// Imports are decided at the unit imported into: here the place's district (an import into one
// district takes its schools from a CCD file by its LEAID).
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { emptyCounts, type Unit } from '@trellis/core';
import { insertImportRun, type Queryable } from '@trellis/db';
import { createImportRun, multipart, oneSchoolFile } from '../support/imports-factories.js';
import { createUnit, ncesIdFor } from '../support/factories.js';
import type { MatrixEntries, PlaceFixtures } from '../support/matrix.js';

/** The district's LEAID, given one the first time. */
async function leaIdOf(db: Queryable, at: PlaceFixtures): Promise<string> {
  await db.query('update units set nces_id = $2 where id = $1 and nces_id is null', [at.district.id, ncesIdFor('district')]);
  const [row] = await db.query<{ nces_id: string }>('select nces_id from units where id = $1', [at.district.id]);
  return row!.nces_id;
}

/** A feeder run of the district: the place's high school and a new elementary school of its feeder pattern. */
async function feederRun(db: Queryable, at: PlaceFixtures) {
  const elementary = await createUnit(db, 'school', at.feederPattern);
  const run = await createImportRun(db, at.district, [
    { districtId: at.district.id, highSchoolIds: [at.school.id], assignments: [{ schoolId: elementary.id, highSchoolId: null, reason: 'none', distanceKm: null }] },
  ]);
  return { run, elementary };
}

export const importMatrix: MatrixEntries = {
  'POST /api/imports/ccd/preview': async ({ api, at }) => {
    const { body, headers } = multipart({ schools: { content: oneSchoolFile(await leaIdOf(api.db, at), '1') } });
    return { method: 'POST', url: `/api/imports/ccd/preview?unitId=${at.district.id}`, body, headers, check: (run) => expect((run as { counts: { creates: number } }).counts.creates).toBe(1) };
  },
  'POST /api/imports/ccd/feeders/preview': async ({ at }) => {
    const { body, headers } = multipart({ feeders: { content: 'NCESSCH,high school\n' } });
    return { method: 'POST', url: `/api/imports/ccd/feeders/preview?unitId=${at.district.id}`, body, headers };
  },
  'POST /api/imports/ccd/feeders/suggest': async ({ at }) => ({ method: 'POST', url: '/api/imports/ccd/feeders/suggest', body: { unitId: at.district.id } }),
  'GET /api/imports/ccd/runs': async ({ api, at }) => {
    const run = await createImportRun(api.db, at.district);
    return { method: 'GET', url: `/api/imports/ccd/runs?unitId=${at.district.id}`, check: (runs) => expect((runs as { id: string }[]).map((r) => r.id)).toContain(run.id) };
  },
  'GET /api/imports/ccd/runs/:id': async ({ api, at }) => ({ method: 'GET', url: `/api/imports/ccd/runs/${(await createImportRun(api.db, at.district)).id}` }),
  'GET /api/imports/ccd/runs/:id/problems': async ({ api, at }) => ({ method: 'GET', url: `/api/imports/ccd/runs/${(await createImportRun(api.db, at.district)).id}/problems` }),
  'GET /api/imports/ccd/runs/:id/changes': async ({ api, at }) => ({ method: 'GET', url: `/api/imports/ccd/runs/${(await createImportRun(api.db, at.district)).id}/changes` }),
  'GET /api/imports/ccd/runs/:id/feeders': async ({ api, at }) => ({ method: 'GET', url: `/api/imports/ccd/runs/${(await feederRun(api.db, at)).run.id}/feeders` }),
  'PUT /api/imports/ccd/runs/:id/feeders': async ({ api, at }) => {
    const { run, elementary } = await feederRun(api.db, at);
    return { method: 'PUT', url: `/api/imports/ccd/runs/${run.id}/feeders`, body: { version: run.version, assignments: [{ schoolId: elementary.id, highSchoolId: at.school.id }] } };
  },
  'POST /api/imports/ccd/runs/:id/apply': async ({ api, at }) => {
    const run = await createImportRun(api.db, at.district);
    return { method: 'POST', url: `/api/imports/ccd/runs/${run.id}/apply`, body: { version: run.version, skipProblems: false } };
  },
  'POST /api/imports/ccd/runs/:id/discard': async ({ api, at }) => {
    const run = await createImportRun(api.db, at.district);
    return { method: 'POST', url: `/api/imports/ccd/runs/${run.id}/discard`, body: { version: run.version } };
  },
  // OneRoster and Ed-Fi (decided, like CCD, at the unit imported into: the place's district).
  'POST /api/imports/oneroster/preview': async ({ at }) => {
    const { body, headers } = multipart({ orgs: { content: `sourcedId,name,type,parentSourcedId\nmatrix-${randomUUID()},Matrix School,school,\n` } });
    return { method: 'POST', url: `/api/imports/oneroster/preview?unitId=${at.district.id}`, body, headers, check: (run) => expect((run as { counts: { creates: number } }).counts.creates).toBe(1) };
  },
  'POST /api/imports/edfi/preview': async ({ at }) => {
    const id = Math.floor(Math.random() * 1e9);
    const { body, headers } = multipart({ edfi: { name: 'schools.json', content: JSON.stringify([{ schoolId: id, nameOfInstitution: 'Matrix School', localEducationAgencyReference: { localEducationAgencyId: id + 1 } }, { localEducationAgencyId: id + 1, nameOfInstitution: at.district.name }]) } });
    return { method: 'POST', url: `/api/imports/edfi/preview?unitId=${at.district.id}`, body, headers, check: (run) => expect((run as { counts: { creates: number } }).counts.creates).toBe(1) };
  },
  'GET /api/imports/oneroster/runs/:id/people': async ({ api, at }) => ({ method: 'GET', url: `/api/imports/oneroster/runs/${(await rosterRun(api.db, at.district, 'oneroster')).id}/people` }),
  'PUT /api/imports/oneroster/runs/:id/roles': async ({ api, at }) => {
    const run = await rosterRun(api.db, at.district, 'oneroster');
    return { method: 'PUT', url: `/api/imports/oneroster/runs/${run.id}/roles`, body: { version: run.version, mapping: { teacher: 'leader' } } };
  },
  'POST /api/imports/oneroster/runs/:id/apply': async ({ api, at }) => {
    const run = await rosterRun(api.db, at.district, 'oneroster');
    return { method: 'POST', url: `/api/imports/oneroster/runs/${run.id}/apply`, body: { version: run.version, skipProblems: false } };
  },
  'POST /api/imports/edfi/runs/:id/apply': async ({ api, at }) => {
    const run = await rosterRun(api.db, at.district, 'edfi');
    return { method: 'POST', url: `/api/imports/edfi/runs/${run.id}/apply`, body: { version: run.version, skipProblems: false } };
  },
};

/** A previewed OneRoster (with users: one teacher role, mapped to member) or Ed-Fi run of `unit` with nothing to write. */
export async function rosterRun(db: Queryable, unit: Unit, kind: 'oneroster' | 'edfi'): Promise<{ id: string; version: number }> {
  const id = randomUUID();
  const counts = { creates: 0, updates: 0, unchanged: 0, skipped: 0, grants: 0, learners: 0, withoutRole: 0, inactive: 0 };
  const roleMapping = kind === 'oneroster' ? { mapping: { teacher: 'member' }, usersByRole: { teacher: 1 }, learners: 0, withoutRole: 0, inactive: 0, counts } : undefined;
  await insertImportRun(db, { id, kind, unitId: unit.id, unitPath: unit.path, counts: emptyCounts(), problemCount: 0, files: [], roleMapping, createdBy: null });
  return { id, version: 1 };
}
