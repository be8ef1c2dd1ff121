// The organization: the tree, search, the unit page and its forms, and what each role sees.
import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/axe';
import { apiAs, signIn, uniqueDigits, type UnitDetail, type UnitSummary } from './support/session';
import { expandPath, itemIn, tree } from './support/tree';

test('the state admin finds schools by name and NCES id, adds a school to a feeder pattern, finds it in the tree, and signs out', async ({ page, baseURL }) => {
  const admin = await apiAs(baseURL!, 'stateAdmin');
  const [school] = await admin.get<UnitSummary[]>('/api/units?kind=school&q=Elementary&limit=1');
  const [feeder] = await admin.get<UnitSummary[]>('/api/units?kind=feeder_pattern&limit=1');
  expect(school?.ncesId).toBeTruthy();

  await signIn(page, 'stateAdmin');
  await expect(page).toHaveTitle('Organization · Trellis');
  await expect(tree(page)).toBeVisible();
  await expectAccessible(page, 'the organization page');

  // Search by name, then by NCES id.
  const search = page.getByTestId('unit-search');
  const results = page.getByTestId('unit-search-results');
  await search.fill(school!.name);
  await expect(results.getByRole('link', { name: school!.name }).first()).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /found/ })).toBeVisible();
  await expectAccessible(page, 'the organization page with search results');
  await search.fill(school!.ncesId!);
  await expect(results.getByRole('listitem')).toHaveCount(1);
  await expect(results).toContainText(`NCES ${school!.ncesId}`);
  await results.getByRole('link', { name: school!.name }).click();
  await expect(page.getByRole('heading', { level: 1, name: school!.name })).toBeVisible();
  await expect(page).toHaveTitle(`${school!.name} · Trellis`);
  // Its directory entry: the NCES level and where it is.
  const details = page.getByRole('region', { name: 'Details' });
  await expect(details.getByText('School level')).toBeVisible();
  await expect(details.getByText('Elementary', { exact: true })).toBeVisible();
  await expect(details.getByText(/^\d+ [A-Z][a-z]+ [A-Z][a-z]+, .+ \d{5}$/)).toBeVisible();
  await expect(details.getByText('Regular school')).toBeVisible();
  await expectAccessible(page, 'a school’s page with its directory entry');

  // Open the feeder pattern through search and add a school to it.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organization' }).click();
  await search.fill(feeder!.name);
  await results.getByRole('link', { name: feeder!.name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: feeder!.name })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Breadcrumb' })).toBeVisible();
  await expectAccessible(page, 'a feeder pattern’s page');

  const name = `Juniper Ridge Academy ${Date.now()}`;
  await page.getByRole('button', { name: 'Add unit', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Add a unit under ${feeder!.name}` });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Kind')).toHaveValue('school');
  await expectAccessible(page, 'the add-unit dialog');
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByLabel('NCES id').fill(uniqueDigits(12));
  await dialog.getByLabel('State id').fill(`E2E-${Date.now()}`);
  await dialog.getByLabel('Lowest grade').selectOption('KG');
  await dialog.getByLabel('Highest grade').selectOption('05');
  await dialog.getByLabel('Enrollment').fill('420');
  await dialog.getByRole('button', { name: 'Add unit', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('status-message')).toContainText(`Added school ${name} under ${feeder!.name}.`);
  await expect(page.getByTestId('unit-children').getByRole('link', { name })).toBeVisible();

  // The new school's place in the tree, from its page's ancestors.
  await page.getByTestId('unit-children').getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  const [created] = await admin.get<UnitSummary[]>(`/api/units?q=${encodeURIComponent(name)}`);
  const detail = await admin.get<UnitDetail>(`/api/units/${created!.id}`);
  await expectAccessible(page, 'the new school’s page');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organization' }).click();
  const item = await expandPath(page, [...detail.ancestors.map((a) => a.name), name]);
  await expect(item).toBeVisible();
  await expect(item).not.toHaveAttribute('aria-expanded');
  await expect(item).toHaveAccessibleDescription('School');
  await expectAccessible(page, 'the tree opened down to a school');

  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await admin.dispose();
});

test('the tree works with the keyboard alone', async ({ page, baseURL }) => {
  // The demo's 3 regions, and any unit an earlier spec imported under the state (imports.spec.ts).
  const admin = await apiAs(baseURL!, 'stateAdmin');
  const [state] = await admin.get<UnitSummary[]>('/api/units/roots');
  const underState = (await admin.get<UnitSummary[]>(`/api/units/${state!.id}/children`)).length;
  await admin.dispose();
  expect(underState).toBeGreaterThanOrEqual(3);
  await signIn(page, 'stateAdmin');
  const root = tree(page).getByRole('treeitem', { level: 1 });
  await expect(root).toHaveCount(1);
  await expect(root).toHaveAttribute('aria-expanded', 'true');
  const regions = root.locator(':scope > [role="group"] > [role="treeitem"]');
  await expect(regions).toHaveCount(underState);

  // Tab into the tree: it is one tab stop, on the first item.
  for (let i = 0; i < 30 && !(await root.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(root).toBeFocused();
  await expect(tree(page).locator('[role="treeitem"][tabindex="0"]')).toHaveCount(1);

  const firstRegion = regions.first();
  await page.keyboard.press('ArrowDown');
  await expect(firstRegion).toBeFocused();
  await expect(firstRegion).toHaveAttribute('aria-expanded', 'false');

  await page.keyboard.press('ArrowRight'); // opens, loading its districts
  await expect(firstRegion).toHaveAttribute('aria-expanded', 'true');
  const districts = firstRegion.locator(':scope > [role="group"] > [role="treeitem"]');
  await expect(districts.first()).toBeVisible();
  await expect(firstRegion).toBeFocused();

  await page.keyboard.press('ArrowRight'); // into the first child
  await expect(districts.first()).toBeFocused();
  await expect(districts.first()).toHaveAttribute('aria-level', '3');

  await page.keyboard.press('ArrowLeft'); // up to the parent
  await expect(firstRegion).toBeFocused();
  await page.keyboard.press('ArrowLeft'); // closes it
  await expect(firstRegion).toHaveAttribute('aria-expanded', 'false');
  await expect(districts).toHaveCount(0);

  await page.keyboard.press('End');
  await expect(regions.last()).toBeFocused();
  await page.keyboard.press('Home');
  await expect(root).toBeFocused();
  await page.keyboard.press('ArrowUp'); // nothing above the first item
  await expect(root).toBeFocused();

  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const second = regions.nth(1);
  await expect(second).toBeFocused();
  const secondName = (await second.getAttribute('data-name'))!;
  await expectAccessible(page, 'the tree while moving with the keyboard');

  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/units\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name: secondName })).toBeVisible();
  // Focus moves to the new page's heading, so a screen reader announces where we are.
  await expect(page.getByRole('heading', { level: 1, name: secondName })).toBeFocused();
});

test('the add-unit form shows the server’s message beside a bad NCES id', async ({ page, baseURL }) => {
  const admin = await apiAs(baseURL!, 'stateAdmin');
  const [feeder] = await admin.get<UnitSummary[]>('/api/units?kind=feeder_pattern&limit=1');
  await admin.dispose();

  await signIn(page, 'stateAdmin');
  await page.goto(`/units/${feeder!.id}`);
  await page.getByRole('button', { name: 'Add unit', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill('Misnumbered Elementary');
  await dialog.getByLabel('NCES id').fill('12345'); // digits, so the browser's check passes; a school needs 12

  const answer = page.waitForResponse((r) => r.url().endsWith('/api/units') && r.request().method() === 'POST');
  await dialog.getByRole('button', { name: 'Add unit', exact: true }).click();
  const response = await answer;
  expect(response.status()).toBe(400);
  const problem = (await response.json()) as { errors: { field: string; message: string }[] };
  const serverMessage = problem.errors.find((e) => e.field === 'ncesId')!.message;
  expect(serverMessage).toBe('must be 12 digits for a school');

  const nces = dialog.getByLabel('NCES id');
  await expect(nces).toHaveAttribute('aria-invalid', 'true');
  await expect(nces).toHaveAccessibleDescription(new RegExp(serverMessage, 'i'));
  await expect(nces).toBeFocused();
  await expect(dialog.getByRole('alert')).toContainText('ncesId must be 12 digits for a school');
  await expectAccessible(page, 'the add-unit dialog showing a server error');

  // A check the browser makes itself, before asking the server: letters are not digits.
  await nces.fill('12ab');
  await dialog.getByLabel('Name').fill('');
  await dialog.getByRole('button', { name: 'Add unit', exact: true }).click();
  await expect(dialog.getByLabel('Name')).toHaveAccessibleDescription(/must not be empty/i);
  await expect(nces).toHaveAccessibleDescription(/must be digits only/i);
});

test('a district leader sees only their district, and another district is "not found"', async ({ page, baseURL }) => {
  const admin = await apiAs(baseURL!, 'stateAdmin');
  const leader = await apiAs(baseURL!, 'districtLeader');
  const [own] = await leader.get<UnitSummary[]>('/api/units/roots');
  const districts = await admin.get<UnitSummary[]>('/api/units?kind=district&limit=50');
  const other = districts.find((d) => d.id !== own!.id)!;
  await Promise.all([admin.dispose(), leader.dispose()]);

  await signIn(page, 'districtLeader');
  const top = tree(page).getByRole('treeitem', { level: 1 });
  await expect(top).toHaveCount(1);
  await expect(itemIn(tree(page), own!.name, 1)).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' })).toHaveCount(0);
  await expectAccessible(page, 'the district leader’s tree');

  // Searching does not reach outside the district either.
  await page.getByTestId('unit-search').fill(other.name);
  await expect(page.getByRole('status').filter({ hasText: /found/ })).toContainText('0 units found');

  await page.goto(`/units/${other.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Not found' })).toBeVisible();
  await expect(page.getByText(other.name)).toHaveCount(0);
  await expect(page).toHaveTitle('Not found · Trellis');
  await expectAccessible(page, 'a unit page outside the leader’s district');

  // Their own district: breadcrumbs above it are named but not links, and they may add units.
  await page.goto(`/units/${own!.id}`);
  await expect(page.getByRole('heading', { level: 1, name: own!.name })).toBeVisible();
  const crumbs = page.getByRole('navigation', { name: 'Breadcrumb' });
  await expect(crumbs.getByRole('link', { name: 'Organization' })).toBeVisible();
  await expect(crumbs.getByRole('link')).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Add unit', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Give access', exact: true })).toHaveCount(0);
});

test('editing a unit that someone else changed meanwhile says so and reloads it', async ({ page, baseURL }) => {
  const admin = await apiAs(baseURL!, 'stateAdmin');
  const [school] = await admin.get<UnitSummary[]>('/api/units?kind=school&q=Middle&limit=1');

  await signIn(page, 'stateAdmin');
  await page.goto(`/units/${school!.id}`);
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Edit ${school!.name}` });
  await expect(dialog.getByLabel('Name')).toHaveValue(school!.name);
  await expectAccessible(page, 'the edit-unit dialog');

  // Someone else saves first.
  const current = await admin.get<UnitDetail>(`/api/units/${school!.id}`);
  await admin.patch(`/api/units/${school!.id}`, { version: current.version, enrollment: 999 });

  await dialog.getByLabel('Name').fill(`${school!.name} (renamed)`);
  await dialog.getByRole('button', { name: 'Save changes', exact: true }).click();
  await expect(dialog.getByRole('alert')).toContainText('Someone else changed this');
  await dialog.getByRole('button', { name: 'Reload the latest version', exact: true }).click();
  await expect(dialog.getByLabel('Enrollment')).toHaveValue('999');
  await dialog.getByLabel('Name').fill(`${school!.name} (renamed)`);
  await dialog.getByRole('button', { name: 'Save changes', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('status-message')).toContainText(`Saved ${school!.name} (renamed).`);
  await expect(page.getByRole('heading', { level: 1, name: `${school!.name} (renamed)` })).toBeVisible();
  await admin.dispose();
});

test('moving a unit under one of its own shows the cycle message; archiving and restoring work', async ({ page, baseURL }) => {
  const admin = await apiAs(baseURL!, 'stateAdmin');
  const [state] = await admin.get<UnitSummary[]>('/api/units/roots');
  const stamp = Date.now();
  const outer = await admin.post<UnitSummary>('/api/units', { kind: 'department', name: `Office of Learning Supports ${stamp}`, parentId: state!.id });
  const inner = await admin.post<UnitSummary>('/api/units', { kind: 'department', name: `Coaching Unit ${stamp}`, parentId: outer.id });
  await admin.dispose();

  await signIn(page, 'stateAdmin');
  await page.goto(`/units/${outer.id}`);
  await page.getByRole('button', { name: 'Move', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Move ${outer.name}` });
  const picker = dialog.getByRole('combobox', { name: 'New parent' });
  await picker.fill(`Coaching Unit ${stamp}`);
  await page.getByRole('option', { name: new RegExp(`Coaching Unit ${stamp}`) }).click();
  await expectAccessible(page, 'the move dialog');
  await dialog.getByRole('button', { name: 'Move', exact: true }).click();
  await expect(dialog.getByRole('alert')).toContainText('would make a cycle');
  await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();

  // Archive the inner department, then restore it.
  await page.goto(`/units/${inner.id}`);
  await page.getByRole('button', { name: 'Archive', exact: true }).click();
  const confirm = page.getByRole('dialog', { name: `Archive ${inner.name}?` });
  await expectAccessible(page, 'the archive dialog');
  await confirm.getByRole('button', { name: 'Archive', exact: true }).click();
  await expect(page.getByTestId('status-message')).toContainText(`Archived ${inner.name}.`);
  await expect(page.getByText('Archived', { exact: true }).first()).toBeVisible();
  await page.getByRole('button', { name: 'Restore', exact: true }).click();
  await page.getByRole('dialog', { name: `Restore ${inner.name}?` }).getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(page.getByTestId('status-message')).toContainText(`Restored ${inner.name}.`);
  await expect(page.getByRole('button', { name: 'Archive', exact: true })).toBeVisible();
});

test('an administrator gives access to a unit and takes it away', async ({ page, baseURL }) => {
  const admin = await apiAs(baseURL!, 'stateAdmin');
  const [school] = await admin.get<UnitSummary[]>('/api/units?kind=school&q=High&limit=1');
  const { people } = await admin.get<{ people: { id: string; name: string; email: string }[] }>(`/api/people?unitId=${school!.id}&limit=1`);
  const person = people[0]!;
  await admin.dispose();

  await signIn(page, 'stateAdmin');
  await page.goto(`/units/${school!.id}`);
  await page.getByRole('button', { name: 'Give access', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Give access to ${school!.name}` });
  await dialog.getByRole('combobox', { name: 'Person' }).fill(person.email);
  await page.getByRole('option', { name: new RegExp(person.email.replace('.', '\\.')) }).click();
  await dialog.getByLabel('Role').selectOption('editor');
  await expectAccessible(page, 'the give-access dialog');
  await dialog.getByRole('button', { name: 'Give access', exact: true }).click();
  await expect(page.getByTestId('status-message')).toContainText(`${person.name} is now editor at ${school!.name}.`);
  const row = page.getByTestId('unit-grants').getByRole('row').filter({ hasText: person.email });
  await expect(row).toContainText('Editor');
  await expect(row).toContainText('This unit');

  await row.getByRole('button', { name: new RegExp(`Remove ${person.name}`) }).click();
  const confirm = page.getByRole('dialog', { name: 'Remove access?' });
  await confirm.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(page.getByTestId('status-message')).toContainText(`Removed ${person.name}’s editor role`);
  await expect(page.getByTestId('unit-grants').getByRole('row').filter({ hasText: person.email })).toHaveCount(0);
});

test('on a phone-width screen the navigation sits behind a menu button', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, 'stateAdmin');
  const menu = page.getByRole('button', { name: 'Open navigation', exact: true });
  await expect(menu).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' })).toBeHidden();
  await expectAccessible(page, 'the organization page on a phone');
  await menu.click();
  const people = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' });
  await expect(people).toBeVisible();
  await expectAccessible(page, 'the open navigation on a phone');
  await people.click();
  await expect(page.getByRole('heading', { level: 1, name: 'People' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Open navigation', exact: true })).toBeVisible();
  const sideways = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(await sideways(), 'the people page scrolls sideways').toBeLessThanOrEqual(0);
  await expectAccessible(page, 'the people directory on a phone');

  // A unit page: its wide tables scroll inside their own boxes, not the whole page.
  await page.getByTestId('people-table').getByRole('link').nth(1).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(await sideways(), 'a unit page scrolls sideways').toBeLessThanOrEqual(0);
  await expectAccessible(page, 'a unit page on a phone');
});

test('a unit with hundreds of units under it opens a hundred at a time', async ({ page, baseURL }) => {
  const admin = await apiAs(baseURL!, 'stateAdmin');
  const [district] = await admin.get<UnitSummary[]>('/api/units?kind=district&limit=1');
  const stamp = Date.now();
  const feeder = await admin.post<UnitSummary>('/api/units', { kind: 'feeder_pattern', name: `Big Feeder ${stamp}`, parentId: district!.id });
  for (let i = 1; i <= 120; i++) await admin.post('/api/units', { kind: 'school', name: `School ${String(i).padStart(3, '0')} of Big Feeder ${stamp}`, parentId: feeder.id });
  const detail = await admin.get<UnitDetail>(`/api/units/${feeder.id}`);
  await admin.dispose();

  await signIn(page, 'stateAdmin');
  const big = await expandPath(page, [...detail.ancestors.map((a) => a.name), feeder.name]);
  await big.focus();
  await page.keyboard.press('ArrowRight');
  const schools = big.locator(':scope > [role="group"] > [role="treeitem"][data-unit-id]');
  await expect(schools).toHaveCount(100);
  await expect(schools.first()).toHaveAttribute('aria-setsize', '120');
  const more = big.getByRole('treeitem', { name: 'Show 20 more of 120' });
  await schools.last().focus();
  await page.keyboard.press('ArrowDown');
  await expect(more).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(schools).toHaveCount(120);
  await expect(schools.nth(100)).toBeFocused();
  await expect(schools.nth(100)).toHaveAttribute('aria-posinset', '101');
  await expect(more).toHaveCount(0);
});
