// Bad input on every import write route (the routes listed in bad-input/imports.ts): for the
// upload routes, a body that is not multipart, a missing or wrong unitId, a field that is not one of
// the files, a file sent twice, files that cannot be used at all (wrong columns, UTF-16, empty), a
// unit that cannot be imported into; for the JSON routes, the generic cases plus stale versions, an
// apply with problems not skipped, an import applied twice, an assignment to a high school of
// another district. Each must be a 4xx problem+json naming the field — never a 500 — and leave the
// database unchanged; the valid request each was made from then goes through.
import { describe, expect, it } from 'vitest';
import type { Unit } from '@trellis/core';
import { signIn, type Agent } from './support/agent.js';
import { useApi } from './support/api.js';
import { expectRefused, jsonCases, MISSING_ID, NOT_A_UUID, type BadCase } from './support/bad-input.js';
import { testDatabases } from './support/databases.js';
import { createStateTree, createSystemAdmin, createUnit, PASSWORD, type StateTree } from './support/factories.js';
import { createImportRun, fixture, multipart, oneSchoolFile } from './support/imports-factories.js';
import { expectProblem, fingerprint } from './support/problems.js';
import { ccdImportBadInput } from './bad-input/imports.js';

describe.each(testDatabases())('bad input to the import routes on $name', (target) => {
  let tree: StateTree;
  let system: Agent;
  let district: Unit;
  const api = useApi(target, async ({ db, app }) => {
    tree = await createStateTree(db);
    district = await createUnit(db, 'district', tree.state, { ncesId: '9977001', name: 'Bad Input ISD' });
    system = await signIn(app, (await createSystemAdmin(db)).email, PASSWORD);
  });

  const send = (url: string, body: Buffer | string, contentType: string) => system.request({ method: 'POST', url, body, headers: { 'content-type': contentType } });
  const refusedUpload = async (name: string, url: string, files: Record<string, string | Buffer> | { raw: Buffer | string; type: string }, status: number, field?: string, rule?: string | RegExp) => {
    const before = await fingerprint(api.db);
    const res =
      'raw' in files && 'type' in files
        ? await send(url, files.raw as Buffer | string, files.type as string)
        : await (async () => {
            const { body, headers } = multipart(Object.fromEntries(Object.entries(files as Record<string, string | Buffer>).map(([k, content]) => [k, { content }])));
            return send(url, body, headers['content-type']!);
          })();
    expect(res.statusCode, `${name}: ${res.body}`).toBeLessThan(500);
    try {
      expectProblem(res, status, { field, rule });
    } catch (e) {
      (e as Error).message = `${name}: ${(e as Error).message}`;
      throw e;
    }
    expect(await fingerprint(api.db), `${name} changed the database`).toEqual(before);
  };

  it('lists exactly the write routes this file covers', () => {
    expect(ccdImportBadInput.sort()).toEqual(
      [
        'POST /api/imports/ccd/preview',
        'POST /api/imports/ccd/feeders/preview',
        'POST /api/imports/ccd/feeders/suggest',
        'PUT /api/imports/ccd/runs/:id/feeders',
        'POST /api/imports/ccd/runs/:id/apply',
        'POST /api/imports/ccd/runs/:id/discard',
      ].sort(),
    );
  });

  it('POST /api/imports/ccd/preview refuses what it cannot read, naming the field', async () => {
    const url = `/api/imports/ccd/preview?unitId=${district.id}`;
    const good = oneSchoolFile('9977001', '1');
    await refusedUpload('JSON instead of a form', url, { raw: JSON.stringify({ schools: good }), type: 'application/json' }, 415, undefined, 'multipart/form-data');
    await refusedUpload('plain CSV instead of a form', url, { raw: good, type: 'text/csv' }, 415);
    await refusedUpload('no unitId', '/api/imports/ccd/preview', { schools: good }, 400, 'unitId');
    await refusedUpload('a unitId that is not a UUID', `/api/imports/ccd/preview?unitId=${NOT_A_UUID}`, { schools: good }, 400, 'unitId', 'must be an id');
    await refusedUpload('an unknown query field', `${url}&dryRun=1`, { schools: good }, 400, 'dryRun');
    await refusedUpload('a unit that does not exist', `/api/imports/ccd/preview?unitId=${MISSING_ID}`, { schools: good }, 404);
    await refusedUpload('a school as the unit', `/api/imports/ccd/preview?unitId=${tree.north.feederPatterns[0]!.schools[0]!.id}`, { schools: good }, 400, 'unitId', 'must be a state or a district');
    await refusedUpload('a district without an LEAID', `/api/imports/ccd/preview?unitId=${tree.north.unit.id}`, { schools: good }, 400, 'unitId', 'has no NCES id');
    await refusedUpload('a file field that is not a slot', url, { students: good }, 400, 'students');
    await refusedUpload('no file at all', url, { raw: `--b\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--b--\r\n`, type: 'multipart/form-data; boundary=b' }, 400, 'note');
    await refusedUpload('an empty form', url, { raw: '--b--\r\n', type: 'multipart/form-data; boundary=b' }, 400, 'schools');
    await refusedUpload('wrong columns', url, { schools: 'School,District\nA,B\n' }, 400, 'schools', /NCESSCH/);
    await refusedUpload('an LEA file as the school file', url, { schools: fixture('tx-leas-2013.csv') }, 400, 'schools', /LEA \(district\) file/);
    await refusedUpload('a school file as the LEA file', url, { leas: fixture('tx-schools-2013.csv') }, 400, 'leas', /school file/);
    await refusedUpload('an empty file', url, { schools: '' }, 400, 'schools', 'is empty');
    await refusedUpload('a UTF-16 file', url, { leas: Buffer.from([0xff, 0xfe, 0x4c, 0, 0x45, 0, 0x41, 0]) }, 400, 'leas', /UTF-16/);
    const twice = `--b\r\nContent-Disposition: form-data; name="schools"; filename="a.csv"\r\n\r\n${good}\r\n--b\r\nContent-Disposition: form-data; name="schools"; filename="b.csv"\r\n\r\n${good}\r\n--b--\r\n`;
    await refusedUpload('the same slot twice', url, { raw: twice, type: 'multipart/form-data; boundary=b' }, 400, 'schools', 'twice');
    // The valid upload goes through.
    const { body, headers } = multipart({ schools: { content: good } });
    expect((await send(url, body, headers['content-type']!)).statusCode).toBe(201);
  });

  it('POST /api/imports/ccd/feeders/preview refuses what it cannot read', async () => {
    const url = `/api/imports/ccd/feeders/preview?unitId=${district.id}`;
    await refusedUpload('JSON instead of a form', url, { raw: '{}', type: 'application/json' }, 415);
    await refusedUpload('no unitId', '/api/imports/ccd/feeders/preview', { feeders: 'NCESSCH,high school\n' }, 400, 'unitId');
    await refusedUpload('a CCD file in the feeder slot', url, { schools: 'NCESSCH,high school\n' }, 400, 'schools');
    await refusedUpload('no feeder file', url, { raw: '--b--\r\n', type: 'multipart/form-data; boundary=b' }, 400, 'feeders', 'is missing');
    await refusedUpload('a feeder file without the columns', url, { feeders: 'a,b\n1,2\n' }, 400, 'feeders', /school column/);
    const { body, headers } = multipart({ feeders: { content: 'NCESSCH,high school\n' } });
    expect((await send(url, body, headers['content-type']!)).statusCode).toBe(201);
  });

  it('POST /api/imports/ccd/feeders/suggest', async () => {
    const url = '/api/imports/ccd/feeders/suggest';
    const cases: BadCase[] = [
      ...jsonCases({ url, valid: { unitId: tree.state.id }, hasId: false, required: ['unitId'], invalid: [['unitId', 'x', 'must be an id'], ['minHighSchools', 0, 'at least 1'], ['minHighSchools', 1.5, 'whole number']] }),
      { name: 'a school as the unit', body: { unitId: tree.north.feederPatterns[0]!.schools[0]!.id }, status: 400, field: 'unitId', rule: 'must be a state or a district' },
      { name: 'a unit that does not exist', body: { unitId: MISSING_ID }, status: 404 },
    ];
    await expectRefused(api.db, system, 'POST', url, cases, 'POST /api/imports/ccd/feeders/suggest');
    expect((await system.post(url, { unitId: tree.state.id })).statusCode).toBe(201);
  });

  it('PUT /api/imports/ccd/runs/:id/feeders', async () => {
    const fp = tree.north.feederPatterns[0]!;
    const [high, elementary] = fp.schools;
    const southHigh = tree.south.feederPatterns[0]!.schools[0]!;
    const run = await createImportRun(api.db, tree.state, [{ districtId: tree.north.unit.id, highSchoolIds: [high!.id], assignments: [{ schoolId: elementary!.id, highSchoolId: null, reason: 'none', distanceKm: null }] }]);
    const ccdRun = await createImportRun(api.db, tree.state);
    const url = `/api/imports/ccd/runs/${run.id}/feeders`;
    const valid = { version: 1, assignments: [{ schoolId: elementary!.id, highSchoolId: high!.id }] };
    const cases: BadCase[] = [
      ...jsonCases({ url, valid, hasId: true, required: ['version', 'assignments'], invalid: [['version', 0, 'must be 1 or more'], ['assignments', [], 'at least one']] }),
      { name: 'a stale version', body: { ...valid, version: 7 }, status: 409, field: 'version' },
      { name: 'a high school of another district', body: { ...valid, assignments: [{ schoolId: elementary!.id, highSchoolId: southHigh.id }] }, status: 400, field: 'assignments.0.highSchoolId', rule: 'same district' },
      { name: 'a school not in the review', body: { ...valid, assignments: [{ schoolId: southHigh.id, highSchoolId: null }] }, status: 400, field: 'assignments.0.schoolId' },
      { name: 'a school id that is not a UUID', body: { ...valid, assignments: [{ schoolId: 'x', highSchoolId: null }] }, status: 400, field: 'assignments.0.schoolId', rule: 'must be an id' },
      { name: 'a directory import, which has no assignments', url: `/api/imports/ccd/runs/${ccdRun.id}/feeders`, body: valid, status: 400, field: 'assignments' },
      { name: 'an import that does not exist', url: `/api/imports/ccd/runs/${MISSING_ID}/feeders`, body: valid, status: 404 },
    ];
    await expectRefused(api.db, system, 'PUT', url, cases, 'PUT /api/imports/ccd/runs/:id/feeders');
    expect((await system.put(url, valid)).statusCode).toBe(200);
  });

  it('POST /api/imports/ccd/runs/:id/apply and /discard', async () => {
    const run = await createImportRun(api.db, tree.state);
    const url = `/api/imports/ccd/runs/${run.id}/apply`;
    const valid = { version: 1, skipProblems: false };
    // A preview with a problem (a school whose district is missing).
    const { body, headers } = multipart({ schools: { content: oneSchoolFile('9977999', '1') } });
    const withProblem = (await send(`/api/imports/ccd/preview?unitId=${tree.state.id}`, body, headers['content-type']!)).json() as { id: string; version: number; problemCount: number };
    expect(withProblem.problemCount).toBe(1);
    const cases: BadCase[] = [
      ...jsonCases({ url, valid, hasId: true, required: ['version', 'skipProblems'], invalid: [['skipProblems', 'yes', 'true or false'], ['version', 'one', 'whole number']] }),
      { name: 'a stale version', body: { ...valid, version: 2 }, status: 409, field: 'version' },
      { name: 'problems not skipped', url: `/api/imports/ccd/runs/${withProblem.id}/apply`, body: { version: withProblem.version, skipProblems: false }, status: 400, field: 'skipProblems', rule: 'must be true' },
      { name: 'an import that does not exist', url: `/api/imports/ccd/runs/${MISSING_ID}/apply`, body: valid, status: 404 },
    ];
    await expectRefused(api.db, system, 'POST', url, cases, 'POST /api/imports/ccd/runs/:id/apply');
    expect((await system.post(url, valid)).statusCode).toBe(200);
    await expectRefused(api.db, system, 'POST', url, [{ name: 'an import applied already', body: { version: 2, skipProblems: false }, status: 409, field: 'version', rule: 'already applied' }], 'apply twice');

    const spare = await createImportRun(api.db, tree.state);
    const discardUrl = `/api/imports/ccd/runs/${spare.id}/discard`;
    await expectRefused(api.db, system, 'POST', discardUrl, [
      ...jsonCases({ url: discardUrl, valid: { version: 1 }, hasId: true, required: ['version'], invalid: [['version', -1, 'must be 1 or more']] }),
      { name: 'a stale version', body: { version: 3 }, status: 409, field: 'version' },
      { name: 'an import applied already', url: `/api/imports/ccd/runs/${run.id}/discard`, body: { version: 2 }, status: 409, field: 'version' },
    ], 'POST /api/imports/ccd/runs/:id/discard');
    expect((await system.post(discardUrl, { version: 1 })).statusCode).toBe(200);
  });
});
