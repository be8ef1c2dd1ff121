// The audit trail: newest first, filters, the changes of one event, loading more.
import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/axe';
import { apiAs, signIn, type UnitDetail, type UnitSummary } from './support/session';

test('an administrator reads the trail, filters it, unfolds a change and loads more', async ({ page, baseURL }) => {
  const admin = await apiAs(baseURL!, 'stateAdmin');
  const [school] = await admin.get<UnitSummary[]>('/api/units?kind=school&q=Middle&limit=1');
  // Enough changes for more than one page of 50.
  let version = (await admin.get<UnitDetail>(`/api/units/${school!.id}`)).version;
  for (let i = 1; i <= 55; i++) version = (await admin.patch<UnitSummary>(`/api/units/${school!.id}`, { version, enrollment: 500 + i })).version;
  await admin.dispose();

  await signIn(page, 'stateAdmin');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }).click();
  await expect(page).toHaveTitle('Audit · Trellis');
  const table = page.getByTestId('audit-table');
  const events = table.locator(':scope > tbody > tr:not([hidden])');
  await expect(events).toHaveCount(50);
  // Newest first: this sign-in is the latest event.
  await expect(events.first()).toContainText('Signed in');
  await expect(events.first()).toContainText('Dana Whitfield');
  await expectAccessible(page, 'the audit page');

  await page.getByTestId('audit-entity-type').selectOption('unit');
  await expect(events.first()).toContainText('Edited a unit');
  await expect(events.first()).toContainText(school!.name);
  await events.first().getByRole('button', { name: 'Show changes', exact: true }).click();
  const changes = table.getByRole('table', { name: /Changes: edited a unit/ }).first();
  await expect(changes).toBeVisible();
  await expect(changes.getByRole('row', { name: /enrollment/ })).toContainText('554');
  await expect(changes.getByRole('row', { name: /enrollment/ })).toContainText('555');
  await expectAccessible(page, 'the audit page with a change unfolded');

  // The next page starts before the last event shown.
  const nextPage = page.waitForRequest((r) => r.url().includes('/api/audit') && r.url().includes('before='));
  await page.getByRole('button', { name: 'Load more', exact: true }).click();
  expect(new URL((await nextPage).url()).searchParams.get('before')).toMatch(/^\d+$/);
  await expect.poll(() => events.count()).toBeGreaterThan(50);

  // By person: the district leader has made no unit changes.
  await page.getByRole('combobox', { name: 'Person' }).fill('Marcus Bell');
  await page.getByRole('option', { name: /Marcus Bell/ }).click();
  await expect(page.getByText('No events match these filters.')).toBeVisible();
  await expectAccessible(page, 'the audit page filtered to one person');
});
