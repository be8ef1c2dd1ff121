// Backup and exports in the browser: the state administrator downloads a backup of the whole
// database from the Audit page (a gzip'd file whose first line is the manifest), and lists as CSV
// or Excel with their filters; a district leader is offered no backup. Axe-clean.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/axe';
import { apiAs, signIn, type UnitSummary } from './support/session';

test('the state administrator downloads a backup of the whole database from the keyboard, and the audit trail as CSV', async ({ page }) => {
  await signIn(page, 'stateAdmin');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }).click();
  await expect(page).toHaveTitle('Audit · Trellis');
  const panel = page.getByRole('region', { name: 'Backup' });
  await expect(panel).toBeVisible();
  await expectAccessible(page, 'the audit page with the backup panel');

  const button = panel.getByRole('link', { name: 'Download a backup' });
  await button.focus();
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(download.suggestedFilename()).toMatch(/^trellis-backup-\d{4}-\d{2}-\d{2}-\d{4}\.jsonl\.gz$/);
  const lines = gunzipSync(readFileSync((await download.path())!)).toString('utf8').trimEnd().split('\n');
  const manifest = JSON.parse(lines[0]!) as { format: string; formatVersion: number; migrations: string[]; tables: { name: string; rows: number }[] };
  expect(manifest).toMatchObject({ format: 'trellis-backup', formatVersion: 1 });
  expect(manifest.migrations[0]).toBe('0001_foundation.sql');
  expect(manifest.tables.find((t) => t.name === 'units')!.rows).toBeGreaterThanOrEqual(190);
  expect(JSON.parse(lines.at(-1)!)).toMatchObject({ end: 'trellis-backup', tables: manifest.tables.length });

  // Who took it is in the trail.
  await page.reload();
  const newest = page.getByTestId('audit-table').locator(':scope > tbody > tr:not([hidden])').first();
  await expect(newest).toContainText('Downloaded a backup');
  await expect(newest).toContainText('The whole database');

  // The trail, filtered to units, as CSV: the filter travels with the download.
  await page.getByTestId('audit-entity-type').selectOption('unit');
  const csvLink = page.getByTestId('download-audit-csv');
  await expect(csvLink).toHaveAttribute('href', /^\/api\/audit\/export\?entityType=unit&format=csv$/);
  const [csvDownload] = await Promise.all([page.waitForEvent('download'), csvLink.click()]);
  expect(csvDownload.suggestedFilename()).toBe('audit-unit.csv');
  const csv = readFileSync((await csvDownload.path())!, 'utf8');
  expect(csv.split('\n')[0]).toBe('\ufeffWhen (UTC),Who,Action,Kind of thing,Thing id,Unit,Before,After,Who (id),Unit id,Event id');
  for (const line of csv.trim().split('\n').slice(1)) expect(line.split(',')[3]).toBe('unit');
  await expectAccessible(page, 'the audit page filtered, with its downloads');
});

test('a district leader downloads the units of their district and the people search as CSV, and is offered no backup', async ({ page, baseURL }) => {
  const leader = await apiAs(baseURL!, 'districtLeader');
  const session = await leader.get<{ grants: { unitId: string; unitName: string }[] }>('/api/auth/session');
  const district = session.grants[0]!;
  const [school] = await leader.get<UnitSummary[]>(`/api/units?kind=school&limit=1`);
  await leader.dispose();

  await signIn(page, 'districtLeader');
  await page.goto(`/units/${district.unitId}`);
  const units = page.getByTestId('download-units');
  await expect(units).toContainText('Download this district and every unit under it');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-units-csv').click()]);
  expect(download.suggestedFilename()).toMatch(/-units\.csv$/);
  const rows = readFileSync((await download.path())!, 'utf8').trimEnd().split('\n');
  expect(rows[0]).toMatch(/^\ufeffName,Kind,Under,Parent,NCES id/);
  expect(rows[1]).toContain(district.unitName);
  expect(rows.some((r) => r.includes(school!.name))).toBe(true);
  await expect(page.getByTestId('download-oneroster')).toHaveAttribute('href', `/api/units/${district.unitId}/oneroster/orgs.csv`);
  await expect(page.getByTestId('download-unit-people-csv')).toHaveAttribute('href', `/api/people/export?unitId=${district.unitId}&format=csv`);
  await expectAccessible(page, 'the unit page with its downloads');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
  await page.getByTestId('people-search').fill('Counselor');
  const people = page.getByTestId('download-people');
  await expect(people).toContainText('matching “Counselor”');
  const [peopleDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-people-csv').click()]);
  const peopleRows = readFileSync((await peopleDownload.path())!, 'utf8').trimEnd().split('\n');
  expect(peopleRows[0]).toBe('\ufeffName,Email,Title,Home unit,System administrator,Can sign in,Id,Last changed');
  expect(peopleRows.length).toBeGreaterThan(1);
  await expectAccessible(page, 'the people page with its downloads');

  await page.goto('/audit');
  await expect(page.getByRole('region', { name: 'Backup' })).toHaveCount(0);
  expect((await page.request.get('/api/admin/backup')).status()).toBe(404);
});
