// The people directory, a person's page, and adding and editing people.
import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/axe';
import { apiAs, signIn, type UnitSummary } from './support/session';

test('the directory searches and pages, and opens a person with their roles', async ({ page, baseURL }) => {
  // The demo's 403 people, and any an earlier spec imported (imports.spec.ts adds some).
  const admin = await apiAs(baseURL!, 'stateAdmin');
  const { total } = await admin.get<{ total: number }>('/api/people?limit=1');
  await admin.dispose();
  expect(total).toBeGreaterThanOrEqual(403);
  const all = total.toLocaleString('en-US');
  await signIn(page, 'stateAdmin');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
  await expect(page).toHaveTitle('People · Trellis');
  const table = page.getByTestId('people-table');
  await expect(table.getByRole('row')).toHaveCount(26); // a header and 25 people
  await expect(page.getByRole('status').filter({ hasText: /people/ })).toContainText(`${all} people`);
  await expectAccessible(page, 'the people directory');

  const pages = page.getByRole('navigation', { name: 'Pages of people' });
  await expect(pages).toContainText(`1–25 of ${all}`);
  await pages.getByRole('button', { name: 'Next', exact: true }).click();
  await expect(pages).toContainText(`26–50 of ${all}`);
  await expect(page).toHaveURL(/page=2/);
  await pages.getByRole('button', { name: 'Previous', exact: true }).click();
  await expect(pages).toContainText(`1–25 of ${all}`);

  await page.getByTestId('people-search').fill('whitfield');
  await expect(page).toHaveURL(/q=whitfield/);
  await expect(table.getByRole('row')).toHaveCount(2);
  await table.getByRole('link', { name: 'Dana Whitfield' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Dana Whitfield' })).toBeVisible();
  await expect(page).toHaveTitle('Dana Whitfield · Trellis');
  await expect(page.getByTestId('person-grants')).toContainText('Administrator');
  await expectAccessible(page, 'a person’s page');
});

test('a leader adds a person with a home unit found by search, then edits them', async ({ page, baseURL }) => {
  const admin = await apiAs(baseURL!, 'stateAdmin');
  const [school] = await admin.get<UnitSummary[]>('/api/units?kind=school&q=Elementary&limit=1');
  await admin.dispose();
  const stamp = Date.now();
  const email = `jordan.lee.${stamp}@example.org`;

  await signIn(page, 'stateAdmin');
  await page.goto('/people');
  await page.getByRole('button', { name: 'Add person', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a person' });
  await expectAccessible(page, 'the add-person dialog');

  // Nothing filled in: the browser's checks name each missing field.
  await dialog.getByRole('button', { name: 'Add person', exact: true }).click();
  await expect(dialog.getByLabel('Name')).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByRole('combobox', { name: 'Home unit' })).toHaveAccessibleDescription(/Choose their home unit/);
  await expectAccessible(page, 'the add-person dialog with errors');

  await dialog.getByLabel('Name').fill('Jordan Lee');
  await dialog.getByLabel('Email').fill(email);
  await dialog.getByLabel('Title').fill('Organization Facilitator');
  await dialog.getByRole('combobox', { name: 'Home unit' }).fill(school!.ncesId!);
  await page.getByRole('option', { name: new RegExp(school!.ncesId!) }).click();
  await dialog.getByRole('textbox', { name: 'Password (optional)' }).fill('short');
  await dialog.getByRole('button', { name: 'Add person', exact: true }).click();
  await expect(dialog.getByRole('textbox', { name: 'Password (optional)' })).toHaveAccessibleDescription(/at least 12 characters/);
  await dialog.getByRole('textbox', { name: 'Password (optional)' }).fill('a-long-enough-password');
  await dialog.getByRole('button', { name: 'Add person', exact: true }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Jordan Lee' })).toBeVisible();
  await expect(page.getByTestId('status-message')).toContainText('Added Jordan Lee.');
  await expect(page.getByRole('link', { name: school!.name })).toBeVisible();
  await expect(page.getByText('Yes', { exact: true })).toBeVisible(); // can sign in

  // The same email again is refused, with the server's message on the field.
  await page.goto('/people');
  await page.getByRole('button', { name: 'Add person', exact: true }).click();
  const again = page.getByRole('dialog', { name: 'Add a person' });
  await again.getByLabel('Name').fill('Jordan Lee');
  await again.getByLabel('Email').fill(email);
  await again.getByRole('combobox', { name: 'Home unit' }).fill(school!.ncesId!);
  await page.getByRole('option', { name: new RegExp(school!.ncesId!) }).click();
  await again.getByRole('button', { name: 'Add person', exact: true }).click();
  await expect(again.getByLabel('Email')).toHaveAccessibleDescription(/already used by another person/);
  await again.getByRole('button', { name: 'Cancel', exact: true }).click();

  // Edit the person.
  await page.getByTestId('people-search').fill(email);
  await page.getByTestId('people-table').getByRole('link', { name: 'Jordan Lee' }).click();
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  const edit = page.getByRole('dialog', { name: 'Edit Jordan Lee' });
  await expectAccessible(page, 'the edit-person dialog');
  await edit.getByLabel('Title').fill('Lead Organization Facilitator');
  await edit.getByRole('button', { name: 'Save changes', exact: true }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByTestId('status-message')).toContainText('Saved Jordan Lee.');
  await expect(page.getByText('Lead Organization Facilitator').first()).toBeVisible();
});

test('a unit page lists the people whose home is there', async ({ page, baseURL }) => {
  const admin = await apiAs(baseURL!, 'stateAdmin');
  const [district] = await admin.get<UnitSummary[]>('/api/units?kind=district&limit=1');
  const { total } = await admin.get<{ total: number }>(`/api/people?unitId=${district!.id}&limit=1`);
  await admin.dispose();

  await signIn(page, 'stateAdmin');
  await page.goto(`/units/${district!.id}`);
  const section = page.getByRole('region', { name: 'People' });
  await expect(section.getByTestId('people-table').getByRole('row')).toHaveCount(Math.min(total, 10) + 1);
  if (total > 10) await expect(section.getByRole('navigation', { name: 'Pages of people' })).toContainText(`1–10 of ${total}`);
});
