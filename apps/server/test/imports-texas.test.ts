// ACCEPTANCE TEST of issue 9's directory import: the WHOLE of Texas from the real files in
// shared/data/texas-directory (NCES CCD 2013-14: 9,336 schools, 1,265 LEAs; the agency's AskTED
// directory for the 20 regions), uploaded through the API as the web page does, applied, feeder
// patterns suggested for the districts with several high schools and applied, the result browsed,
// and a second import of the same files changing nothing. Step times are printed.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportRun, Unit } from '@trellis/core';
import { signIn, type Agent } from './support/agent.js';
import { useApi } from './support/api.js';
import { testDatabases } from './support/databases.js';
import { createPersonWithRole, createUnit, PASSWORD } from './support/factories.js';
import { multipart } from './support/imports-factories.js';
import { countRows } from './support/problems.js';

const DATA = join(import.meta.dirname, '../../../../shared/data/texas-directory');
const present = existsSync(join(DATA, 'ccd_tx-campuses-ccd.csv'));

describe.skipIf(!present).each(testDatabases())('acceptance: the whole of Texas through the API on $name', (target) => {
  let admin: Agent;
  let texas: Unit;
  const api = useApi(target, async ({ db, app }) => {
    texas = await createUnit(db, 'state', null, { name: 'Texas', ncesId: '48' });
    admin = await signIn(app, (await createPersonWithRole(db, texas, 'admin')).email, PASSWORD);
  });
  const files = () =>
    multipart({
      schools: { name: 'ccd_tx-campuses-ccd.csv', content: readFileSync(join(DATA, 'ccd_tx-campuses-ccd.csv')) },
      leas: { name: 'ccd_tx-districts-ccd.csv', content: readFileSync(join(DATA, 'ccd_tx-districts-ccd.csv')) },
      regions: { name: 'askted_directory.csv', content: readFileSync(join(DATA, 'askted_directory.csv')) },
    });
  const timed = async <T>(label: string, fn: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await fn();
    console.log(`[Texas on ${target.name}] ${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return result;
  };

  it('imports 20 regions, every district and school, and suggested feeder patterns; the tree is browsable; again changes nothing', { timeout: 300_000 }, async () => {
    const { body, headers } = files();
    const previewRes = await timed('preview (upload, parse, diff, store)', () => admin.request({ method: 'POST', url: `/api/imports/ccd/preview?unitId=${texas.id}`, body, headers }));
    expect(previewRes.statusCode, previewRes.body).toBe(201);
    const run = previewRes.json() as ImportRun;
    expect(run.files.map((f) => [f.slot, f.rows])).toEqual([
      ['schools', 9336],
      ['leas', 1265],
      ['regions', 9409],
    ]);
    // 1,265 LEAs less the 20 service centers (the regions come from AskTED) and 9 closed districts.
    expect(run.counts.byKind.region.creates).toBe(20);
    expect(run.counts.byKind.district.creates).toBe(1236);
    expect(run.counts.serviceAgencies).toBe(20);
    // 9,336 schools: those closed (never in Trellis) are not created; the open schools of the closed
    // North Forest ISD and Novice ISD are named as problems, one by one.
    const problems = (await admin.get(`/api/imports/ccd/runs/${run.id}/problems?pageSize=500`)).json() as { total: number; problems: { line: number; message: string }[] };
    expect(run.counts.byKind.school.creates + run.counts.closedNotCreated + problems.total).toBe(9336 + 9);
    expect(problems.problems.every((p) => /closed in the LEA file/.test(p.message))).toBe(true);
    console.log(`[Texas on ${target.name}] ${run.counts.byKind.school.creates} schools to create, ${run.counts.closedNotCreated} closed not created, ${problems.total} problems`);

    const applied = await timed('apply (one transaction)', () => admin.post(`/api/imports/ccd/runs/${run.id}/apply`, { version: run.version, skipProblems: true }));
    expect(applied.statusCode, applied.body).toBe(200);
    expect(await countRows(api.db, 'units', "path like $1 || '%' and kind = 'school'", [texas.path])).toBe(run.counts.byKind.school.creates);

    const suggested = await timed('feeder suggestions', () => admin.post('/api/imports/ccd/feeders/suggest', { unitId: texas.id }));
    expect(suggested.statusCode, suggested.body).toBe(201);
    const feederRun = suggested.json() as ImportRun;
    const review = (await admin.get(`/api/imports/ccd/runs/${feederRun.id}/feeders?pageSize=1`)).json() as { total: number };
    console.log(`[Texas on ${target.name}] ${review.total} districts with several high schools; ${feederRun.counts.byKind.feeder_pattern.creates} feeder patterns, ${feederRun.counts.byKind.school.updates} schools moved`);
    expect(review.total).toBeGreaterThan(100);
    const feedersApplied = await timed('apply feeder patterns', () => admin.post(`/api/imports/ccd/runs/${feederRun.id}/apply`, { version: feederRun.version, skipProblems: true }));
    expect(feedersApplied.statusCode, feedersApplied.body).toBe(200);

    // Browsable: the state's children are the 20 regions; Houston ISD is in Region 4 with its schools in feeder patterns.
    const regions = (await admin.get(`/api/units/${texas.id}/children`)).json() as { name: string; kind: string }[];
    expect(regions.filter((r) => r.kind === 'region')).toHaveLength(20);
    const [houston] = (await admin.get('/api/units?q=4823640&kind=district')).json() as Unit[];
    const detail = (await admin.get(`/api/units/${houston!.id}`)).json() as { ancestors: { name: string }[] };
    expect(detail.ancestors.map((a) => a.name)).toEqual(['Texas', 'Region 4']);
    const patterns = (await admin.get(`/api/units/${houston!.id}/children`)).json() as { kind: string; childCount: number }[];
    expect(patterns.filter((p) => p.kind === 'feeder_pattern').length).toBeGreaterThan(10);

    // The same files again: nothing to change, schools stay in their feeder patterns.
    const again = files();
    const rerun = await timed('preview of the same files again', () => admin.request({ method: 'POST', url: `/api/imports/ccd/preview?unitId=${texas.id}`, body: again.body, headers: again.headers }));
    const second = rerun.json() as ImportRun;
    expect(second.counts).toMatchObject({ creates: 0, updates: 0, archives: 0 });
  });
});
