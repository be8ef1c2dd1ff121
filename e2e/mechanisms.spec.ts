// Mechanisms: a district leader establishes a steering body from the catalog, staffs it, drops a
// function with a reason, reads the guidance, makes it active, and finds it on a member's page.
import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/axe';
import { ACCOUNTS } from './support/accounts';
import { apiAs, signIn as signInAs } from './support/session';

interface PersonRow {
  id: string;
  name: string;
  email: string;
}

test('a district leader establishes and staffs a steering body, customizes it and makes it active', async ({ page, baseURL }) => {
  const leader = await apiAs(baseURL!, 'districtLeader');
  const session = await leader.get<{ person: { id: string }; grants: { unitId: string; role: string }[] }>('/api/auth/session');
  const districtId = session.grants[0]!.unitId;
  const { people } = await leader.get<{ people: PersonRow[] }>(`/api/people?unitId=${districtId}&limit=50`);
  const seats = await leader.get<{ mechanismName: string }[]>(`/api/people/${session.person.id}/mechanisms`);
  await leader.dispose();
  // The leader sits on the demo district's mechanisms already; two colleagues join them.
  expect(seats.length, 'the demo seats the district leader on mechanisms').toBeGreaterThan(0);
  const others = people.filter((p) => p.email !== ACCOUNTS.districtLeader.email).slice(0, 2);
  expect(others).toHaveLength(2);
  const name = `Steering Body ${Date.now()}`;

  await signInAs(page, 'districtLeader');
  await page.goto(`/units/${districtId}`);
  const infrastructure = page.getByRole('region', { name: 'Change infrastructure' });
  await expect(infrastructure.getByTestId('unit-mechanisms')).toContainText('Planning Team');
  await expectAccessible(page, 'a unit page with its change infrastructure');

  // Establish from the catalog: the kind's purpose shows before establishing.
  await infrastructure.getByRole('button', { name: 'Establish mechanism', exact: true }).click();
  const establish = page.getByRole('dialog', { name: /^Establish a mechanism at/ });
  await establish.getByRole('button', { name: 'Establish', exact: true }).click();
  await expect(establish.getByLabel('Kind')).toHaveAttribute('aria-invalid', 'true');
  await establish.getByLabel('Kind').selectOption({ label: 'Steering Body' });
  await expect(establish.getByTestId('kind-purpose')).toContainText('Purpose');
  await establish.getByLabel('Name').fill(name);
  await establish.getByLabel('Charter').fill('Champions the learning supports system and keeps its development on course.');
  await expectAccessible(page, 'the establish-mechanism dialog');
  await establish.getByRole('button', { name: 'Establish', exact: true }).click();

  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page).toHaveTitle(`${name} · Trellis`);
  await expect(page.getByTestId('status-message')).toContainText(`Established ${name}.`);
  await expect(page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Organization' })).toBeVisible();
  await expect(page.getByText('Forming', { exact: true }).first()).toBeVisible();
  await expectAccessible(page, 'a mechanism page');

  // Three members: the leader (already on other mechanisms) and two colleagues.
  const members = page.getByRole('region', { name: 'Members' });
  const addMember = async (email: string, role: string, first = false) => {
    await members.getByRole('button', { name: 'Add member', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: `Add a member to ${name}` });
    await dialog.getByRole('combobox', { name: 'Person' }).fill(email);
    await page.getByRole('option', { name: new RegExp(email.replace(/[.+]/g, '\\$&')) }).click();
    await dialog.getByLabel('Role').selectOption({ label: role });
    if (first) await expectAccessible(page, 'the add-member dialog');
    await dialog.getByRole('button', { name: 'Add member', exact: true }).click();
    await expect(dialog).toBeHidden();
  };
  await addMember(ACCOUNTS.districtLeader.email, 'Lead', true);
  await addMember(others[0]!.email, 'Member');
  await addMember(others[1]!.email, 'Champion');
  const table = members.getByTestId('mechanism-members');
  await expect(table.getByRole('row')).toHaveCount(4);
  await expect(table.getByRole('link', { name: ACCOUNTS.districtLeader.name })).toBeVisible();
  await expect(members).toContainText('3 members today.');

  // Drop a function with a reason: it stays, marked dropped, with the reason and its source.
  const functions = page.getByTestId('mechanism-functions');
  const first = functions.getByRole('listitem').first();
  await expect(first).toContainText('As in the catalog');
  await expect(first).toContainText('Source:');
  await first.getByRole('button', { name: 'Drop', exact: true }).click();
  const drop = page.getByRole('dialog', { name: 'Drop a function' });
  await drop.getByRole('button', { name: 'Drop function', exact: true }).click();
  await expect(drop.getByLabel('Reason')).toHaveAttribute('aria-invalid', 'true');
  await drop.getByLabel('Reason').fill('The district leadership team already does this.');
  await expectAccessible(page, 'the drop-function dialog');
  await drop.getByRole('button', { name: 'Drop function', exact: true }).click();
  await expect(drop).toBeHidden();
  await expect(first).toContainText('Dropped');
  await expect(first).toContainText('Reason dropped: The district leadership team already does this.');
  await expect(first.getByRole('button', { name: 'Restore', exact: true })).toBeVisible();
  await expect(page.getByTestId('function-summary')).toContainText('1 dropped');

  // Guidance: warnings with their citations, never blocking.
  const guidance = page.getByRole('region', { name: 'Guidance' });
  await expect(guidance.getByRole('alert').first()).toBeVisible();
  await expect(guidance.getByTestId('mechanism-warnings')).toContainText('Source:');
  await expectAccessible(page, 'a mechanism page with members, a dropped function and guidance');

  // forming → active.
  await page.getByRole('button', { name: 'Make active', exact: true }).click();
  const activate = page.getByRole('dialog', { name: `Make active: ${name}` });
  await expectAccessible(page, 'the status dialog');
  await activate.getByRole('button', { name: 'Make active', exact: true }).click();
  await expect(activate).toBeHidden();
  await expect(page.getByTestId('status-message')).toContainText(`${name} is now active.`);
  await expect(page.getByRole('button', { name: 'Start sunsetting', exact: true })).toBeVisible();

  // A member's page lists the mechanism.
  await table.getByRole('link', { name: others[0]!.name }).click();
  await expect(page.getByRole('heading', { level: 1, name: others[0]!.name })).toBeVisible();
  const theirs = page.getByRole('region', { name: 'Mechanisms' });
  await expect(theirs.getByRole('link', { name })).toBeVisible();
  await expectAccessible(page, 'a person’s page with their mechanisms');
});

test('a school member sees the mechanisms they sit on, without the editors’ actions', async ({ page }) => {
  await signInAs(page, 'schoolMember');
  await page.goto('/people');
  await page.getByTestId('people-search').fill(ACCOUNTS.schoolMember.email);
  await page.getByTestId('people-table').getByRole('link', { name: ACCOUNTS.schoolMember.name }).click();
  const theirs = page.getByRole('region', { name: 'Mechanisms' });
  const link = theirs.getByTestId('person-mechanisms').getByRole('link', { name: 'Change Team' });
  await expect(link).toBeVisible();
  await link.click();

  await expect(page.getByRole('heading', { level: 1, name: 'Change Team' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Members' }).getByRole('link', { name: ACCOUNTS.schoolMember.name })).toBeVisible();
  await expect(page.getByTestId('mechanism-functions').getByRole('listitem').first()).toContainText('Source:');
  for (const action of ['Add member', 'Start sunsetting', 'Edit charter', 'Drop', 'Reword', 'Add function']) {
    await expect(page.getByRole('button', { name: action, exact: true })).toHaveCount(0);
  }
  await expectAccessible(page, 'a mechanism page read by a school member');
});

test('rewording shows the catalog’s words, a dropped function is restored, and retiring asks where the functions went', async ({ page, baseURL }) => {
  const leader = await apiAs(baseURL!, 'districtLeader');
  const session = await leader.get<{ grants: { unitId: string }[] }>('/api/auth/session');
  const name = `Planning Team ${Date.now()}`;
  const made = await leader.post<{ id: string; version: number; functions: { id: string; version: number }[] }>('/api/mechanisms', { unitId: session.grants[0]!.unitId, kind: 'planning_team', name });
  const second = made.functions[1]!;
  await leader.patch(`/api/mechanisms/${made.id}/functions/${second.id}`, { version: second.version, droppedReason: 'Not this year.' });
  await leader.post(`/api/mechanisms/${made.id}/status`, { version: made.version, status: 'active' });
  await leader.dispose();

  await signInAs(page, 'districtLeader');
  await page.goto(`/mechanisms/${made.id}`);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  const items = page.getByTestId('mechanism-functions').getByRole('listitem');

  await items.first().getByRole('button', { name: 'Reword', exact: true }).click();
  const reword = page.getByRole('dialog', { name: 'Reword a function' });
  await reword.getByLabel('Function').fill('Map what the district already does for learning supports.');
  await expectAccessible(page, 'the reword dialog');
  await reword.getByRole('button', { name: 'Save wording', exact: true }).click();
  await expect(reword).toBeHidden();
  await expect(items.first()).toContainText('Reworded');
  await expect(items.first()).toContainText('Catalog wording:');

  await expect(items.nth(1)).toContainText('Reason dropped: Not this year.');
  await items.nth(1).getByRole('button', { name: 'Restore', exact: true }).click();
  const restore = page.getByRole('dialog', { name: 'Restore a function' });
  await expectAccessible(page, 'the restore dialog');
  await restore.getByRole('button', { name: 'Restore function', exact: true }).click();
  await expect(restore).toBeHidden();
  await expect(items.nth(1)).toContainText('As in the catalog');

  await page.getByRole('button', { name: 'Start sunsetting', exact: true }).click();
  await page.getByRole('dialog', { name: `Start sunsetting: ${name}` }).getByRole('button', { name: 'Start sunsetting', exact: true }).click();
  await expect(page.getByTestId('status-message')).toContainText(`${name} is now sunsetting.`);
  await page.getByRole('button', { name: 'Retire', exact: true }).click();
  const retire = page.getByRole('dialog', { name: `Retire: ${name}` });
  await retire.getByRole('button', { name: 'Retire', exact: true }).click();
  await expect(retire.getByLabel('Functions assimilated into')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'the retire dialog with its question');
  await retire.getByLabel('Functions assimilated into').fill('Learning Supports Leadership Team');
  await retire.getByRole('button', { name: 'Retire', exact: true }).click();
  await expect(retire).toBeHidden();
  await expect(page.getByText('Retired; functions assimilated into Learning Supports Leadership Team')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add member', exact: true })).toHaveCount(0);
});
