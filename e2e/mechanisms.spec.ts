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
  // The search goes into the address after a pause; a click before then would be overtaken by it.
  await expect(page).toHaveURL(/q=school\.member/);
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

interface MechanismRow {
  id: string;
  name: string;
  kind: string;
  unitName: string;
  version: number;
}

/** As the district leader: a new steering body at the demo district with the leader and a colleague on it. */
async function establishSteeringBody(baseURL: string) {
  const leader = await apiAs(baseURL, 'districtLeader');
  const session = await leader.get<{ person: { id: string }; grants: { unitId: string; unitName: string }[] }>('/api/auth/session');
  const { unitId: districtId, unitName: districtName } = session.grants[0]!;
  const { people } = await leader.get<{ people: PersonRow[] }>(`/api/people?unitId=${districtId}&limit=50`);
  const [colleague, guest] = people.filter((p) => p.email !== ACCOUNTS.districtLeader.email);
  const name = `Steering Body ${Date.now()}`;
  const made = await leader.post<{ id: string }>('/api/mechanisms', { unitId: districtId, kind: 'steering_body', name });
  await leader.post(`/api/mechanisms/${made.id}/members`, { personId: session.person.id, role: 'lead', designated: true, trained: false });
  await leader.post(`/api/mechanisms/${made.id}/members`, { personId: colleague!.id, role: 'member', designated: true, trained: false });
  const candidates = await leader.get<{ down: MechanismRow[] }>(`/api/mechanisms/${made.id}/link-candidates`);
  await leader.dispose();
  return { districtId, districtName, id: made.id, name, colleague: colleague!, guest: guest!, below: candidates.down };
}

test('a district leader records a steering body’s meeting with an action item and moves the task along', async ({ page, baseURL }) => {
  const { districtId, id, name, colleague, guest } = await establishSteeringBody(baseURL!);

  await signInAs(page, 'districtLeader');
  // The unit's list flags the demo's planning team, which has not kept its weekly meetings.
  await page.goto(`/units/${districtId}`);
  const seeded = page.getByTestId('unit-mechanisms').getByRole('row').filter({ has: page.getByRole('link', { name: 'Planning Team', exact: true }) });
  await expect(seeded).toContainText('Behind cadence');

  await page.goto(`/mechanisms/${id}`);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  const meetings = page.getByRole('region', { name: 'Meetings', exact: true });
  await expect(meetings.getByText('0 formal meetings held.')).toBeVisible();

  // Record a formal meeting: two members ticked, a guest found by search.
  await meetings.getByRole('button', { name: 'Record meeting', exact: true }).click();
  const record = page.getByRole('dialog', { name: `Record a meeting of ${name}` });
  await record.getByLabel('Date').fill('');
  await record.getByRole('button', { name: 'Record meeting', exact: true }).click();
  await expect(record.getByLabel('Date')).toHaveAttribute('aria-invalid', 'true');
  await record.getByLabel('Date').fill('2026-11-02');
  await record.getByLabel('Kind').selectOption({ label: 'Formal meeting' });
  await record.getByRole('checkbox', { name: ACCOUNTS.districtLeader.name }).check();
  await record.getByRole('checkbox', { name: colleague.name }).check();
  await record.getByRole('combobox', { name: 'Another attendee' }).fill(guest.email);
  await page.getByRole('option', { name: new RegExp(guest.email.replace(/[.+]/g, '\\$&')) }).click();
  await expect(record.getByRole('list', { name: 'Other attendees' })).toContainText(guest.name);
  await record.getByLabel('Agenda').fill('Charter; resource mapping; first steps.');
  await record.getByLabel('Minutes').fill('Agreed the charter and who maps current resources.');
  await record.getByLabel('Decisions').fill('Meet weekly through December.');
  await expectAccessible(page, 'the record-meeting dialog');
  await record.getByRole('button', { name: 'Record meeting', exact: true }).click();
  await expect(record).toBeHidden();
  await expect(page.getByTestId('status-message')).toContainText('Recorded the meeting of Nov 2, 2026.');
  const meeting = meetings.getByTestId('meeting').first();
  await expect(meeting).toContainText('Nov 2, 2026 · Formal meeting');
  await expect(meeting).toContainText(`Attended: `);
  await expect(meeting).toContainText(guest.name);
  await meeting.getByText('Minutes', { exact: true }).click();
  await expect(meeting.getByText('Agreed the charter and who maps current resources.')).toBeVisible();
  await expect(meetings.getByText('1 formal meeting held, the last on Nov 2, 2026.')).toBeVisible();

  // An action item with an owner and a due date becomes an open task.
  await meeting.getByRole('button', { name: 'Add action item', exact: true }).click();
  const item = page.getByRole('dialog', { name: 'Add an action item to the meeting of Nov 2, 2026' });
  await item.getByRole('button', { name: 'Add action item', exact: true }).click();
  await expect(item.getByLabel('Action item')).toHaveAttribute('aria-invalid', 'true');
  await item.getByLabel('Action item').fill('Map the district’s current learning supports');
  await item.getByLabel('Owner').selectOption({ label: colleague.name });
  await item.getByLabel('Due date').fill('2027-01-15');
  await expectAccessible(page, 'the action-item dialog');
  await item.getByRole('button', { name: 'Add action item', exact: true }).click();
  await expect(item).toBeHidden();
  const open = meetings.getByTestId('open-action-items');
  const task = open.getByTestId('task').filter({ hasText: 'Map the district’s current learning supports' });
  await expect(task).toContainText(`Owner: ${colleague.name}`);
  await expect(task).toContainText('Due Jan 15, 2027');
  await expect(meeting.getByTestId('task')).toHaveCount(1);

  // Its status moves in place; blocking asks what blocks it.
  const status = task.getByRole('combobox', { name: 'Status of “Map the district’s current learning supports”' });
  await status.selectOption({ label: 'Under way' });
  await expect(page.getByTestId('status-message')).toContainText('is now under way.');
  await expect(task).toHaveAttribute('data-status', 'under_way');
  await status.selectOption({ label: 'Blocked…' });
  const block = page.getByRole('dialog', { name: 'Block “Map the district’s current learning supports”' });
  await block.getByRole('button', { name: 'Mark blocked', exact: true }).click();
  await expect(block.getByLabel('What blocks it')).toHaveAttribute('aria-invalid', 'true');
  await block.getByLabel('What blocks it').fill('Waiting for the resource inventory template.');
  await expectAccessible(page, 'the block-task dialog');
  await block.getByRole('button', { name: 'Mark blocked', exact: true }).click();
  await expect(block).toBeHidden();
  await expect(task).toContainText('Blocked: Waiting for the resource inventory template.');
  await expectAccessible(page, 'a mechanism page with a meeting and an open action item');
});

test('a district leader links the steering body to a school’s and opens it from the district’s diagram by keyboard', async ({ page, baseURL }) => {
  const { districtId, districtName, id, name, below: unlinked } = await establishSteeringBody(baseURL!);
  // The school steering body the demo seeds, not yet linked: the one this steering body links to.
  const school = unlinked.find((m) => m.kind === 'steering_body');
  expect(school, 'the demo seeds an unlinked steering body at a school of the district').toBeDefined();

  await signInAs(page, 'districtLeader');
  await page.goto(`/mechanisms/${id}`);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();

  // Link the school's steering body below this one.
  const links = page.getByRole('region', { name: 'Linked across levels' });
  await expect(links.getByTestId('chain-down')).toContainText('No mechanism below is linked to this one.');
  await links.getByRole('button', { name: 'Link a mechanism below…', exact: true }).click();
  const link = page.getByRole('dialog', { name: `Link a mechanism below to ${name}` });
  await link.getByLabel('Mechanism below').selectOption({ label: `${school!.name} — ${school!.unitName} (Steering Body)` });
  await expectAccessible(page, 'the link-below dialog');
  await link.getByRole('button', { name: 'Link', exact: true }).click();
  await expect(link).toBeHidden();
  await expect(page.getByTestId('status-message')).toContainText(`Linked ${school!.name} at ${school!.unitName} up to ${name}.`);
  await expect(links.getByTestId('chain-down').getByRole('link', { name: school!.unitName })).toBeVisible();
  await expectAccessible(page, 'a mechanism page with a link below');

  // The district's diagram draws it among those who steer, the school's below, joined by a line.
  await page.goto(`/units/${districtId}`);
  const diagram = page.getByTestId('infrastructure-diagram');
  await expect(diagram.getByRole('list', { name: `Who steers at ${districtName}` })).toContainText(name);
  const below = diagram.getByRole('list', { name: 'Linked below' });
  const schoolNode = below.getByRole('link', { name: new RegExp(`${school!.unitName}`) });
  await expect(schoolNode).toBeVisible();
  await expect(diagram.locator(`svg path[data-lower="${school!.id}"][data-upper="${id}"]`)).toHaveCount(1);
  await diagram.getByText('Text description', { exact: true }).click();
  await expect(diagram.getByTestId('infrastructure-description')).toContainText(`${school!.name} at ${school!.unitName} is linked up to ${name} at`);
  await expectAccessible(page, 'a unit page with the infrastructure diagram');

  // By keyboard: Tab from the first node reaches the school's, and Enter opens it.
  await diagram.getByRole('link').first().focus();
  for (let i = 0; i < 12 && !(await schoolNode.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(schoolNode).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/mechanisms/${school!.id}$`));
  await expect(page.getByRole('heading', { level: 1, name: school!.name })).toBeVisible();
  const up = page.getByRole('region', { name: 'Linked across levels' }).getByTestId('chain-up');
  await expect(up.getByRole('link', { name })).toBeVisible();
  await expectAccessible(page, 'a school mechanism page with its chain up');

  // From the school's side: unlink, then link up again by choosing from the mechanisms above.
  await up.getByRole('button', { name: 'Unlink', exact: true }).click();
  const unlink = page.getByRole('dialog', { name: `Unlink ${school!.name}` });
  await expectAccessible(page, 'the unlink dialog');
  await unlink.getByRole('button', { name: 'Unlink', exact: true }).click();
  await expect(unlink).toBeHidden();
  await expect(up).toContainText('Not linked to a mechanism above.');
  await up.getByRole('button', { name: 'Link up…', exact: true }).click();
  const linkUp = page.getByRole('dialog', { name: `Link ${school!.name} up` });
  await linkUp.getByRole('button', { name: 'Link', exact: true }).click();
  await expect(linkUp.getByLabel('Mechanism above')).toHaveAttribute('aria-invalid', 'true');
  await linkUp.getByLabel('Mechanism above').selectOption({ label: `${name} — ${districtName} (Steering Body)` });
  await expectAccessible(page, 'the link-up dialog');
  await linkUp.getByRole('button', { name: 'Link', exact: true }).click();
  await expect(linkUp).toBeHidden();
  await expect(up.getByRole('link', { name })).toBeVisible();
});

test('a school member records a meeting and the capacity of a function, without the editors’ actions', async ({ page, baseURL }) => {
  const member = await apiAs(baseURL!, 'schoolMember');
  const session = await member.get<{ grants: { unitId: string }[] }>('/api/auth/session');
  const schoolId = session.grants[0]!.unitId;
  const changeTeam = (await member.get<MechanismRow[]>(`/api/units/${schoolId}/mechanisms`)).find((m) => m.kind === 'change_team');
  expect(changeTeam, 'the demo seeds a change team at the school member’s school').toBeDefined();
  await member.dispose();

  await signInAs(page, 'schoolMember');
  await page.goto(`/units/${schoolId}`);
  await expect(page.getByTestId('infrastructure-diagram').getByRole('link', { name: /Change Team/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Establish mechanism', exact: true })).toHaveCount(0);

  await page.goto(`/mechanisms/${changeTeam!.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Change Team' })).toBeVisible();
  for (const action of ['Link up…', 'Link a mechanism below…', 'Unlink', 'Add member', 'Edit charter', 'Drop']) {
    await expect(page.getByRole('button', { name: action, exact: true })).toHaveCount(0);
  }

  // Capacity: the first function is developing, with evidence.
  const functions = page.getByRole('region', { name: 'Functions' });
  const summary = functions.getByTestId('capacity-summary');
  await expect(summary).toContainText(/^0 of \d+ functions in place\.$/);
  const first = functions.getByTestId('mechanism-functions').getByRole('listitem').first();
  await expect(first).toContainText('Not started');
  await first.getByRole('button', { name: 'Capacity', exact: true }).click();
  const capacity = page.getByRole('dialog', { name: 'Record capacity' });
  await capacity.getByRole('radio', { name: 'Developing' }).check();
  await capacity.getByLabel('Evidence').fill('Drafted at the October retreat; not yet used.');
  await expectAccessible(page, 'the capacity dialog');
  await capacity.getByRole('button', { name: 'Save capacity', exact: true }).click();
  await expect(capacity).toBeHidden();
  await expect(first).toContainText('Developing');
  await expect(first).toContainText('Evidence: Drafted at the October retreat; not yet used.');
  await expect(summary).toContainText(/^0 of \d+ functions in place, 1 developing\.$/);

  // A meeting, with the member among those who attended.
  const meetings = page.getByRole('region', { name: 'Meetings', exact: true });
  await meetings.getByRole('button', { name: 'Record meeting', exact: true }).click();
  const record = page.getByRole('dialog', { name: 'Record a meeting of Change Team' });
  await record.getByLabel('Kind').selectOption({ label: 'Focus group' });
  await record.getByRole('checkbox', { name: ACCOUNTS.schoolMember.name }).check();
  await record.getByLabel('Decisions').fill('Survey families about attendance barriers.');
  await record.getByRole('button', { name: 'Record meeting', exact: true }).click();
  await expect(record).toBeHidden();
  const held = meetings.getByTestId('meeting').filter({ hasText: 'Focus group' }).filter({ hasText: ACCOUNTS.schoolMember.name });
  await expect(held).toHaveCount(1);
  await expectAccessible(page, 'a change team page after a member’s meeting and capacity record');

  // Its record is corrected afterwards, and a meeting recorded by mistake is removed.
  await held.getByRole('button', { name: 'Edit', exact: true }).click();
  const edit = page.getByRole('dialog', { name: /^Edit the meeting of / });
  await expect(edit.getByRole('checkbox', { name: ACCOUNTS.schoolMember.name })).toBeChecked();
  await edit.getByLabel('Minutes').fill('Nine families came; transport is the barrier most named.');
  await expectAccessible(page, 'the edit-meeting dialog');
  await edit.getByRole('button', { name: 'Save meeting', exact: true }).click();
  await expect(edit).toBeHidden();
  await held.getByText('Minutes', { exact: true }).click();
  await expect(held.getByText('Nine families came; transport is the barrier most named.')).toBeVisible();

  const before = await meetings.getByTestId('meeting').count();
  await meetings.getByRole('button', { name: 'Record meeting', exact: true }).click();
  await record.getByLabel('Kind').selectOption({ label: 'Informal contact' });
  await record.getByLabel('Agenda').fill('Recorded by mistake');
  await record.getByRole('button', { name: 'Record meeting', exact: true }).click();
  await expect(record).toBeHidden();
  const mistake = meetings.getByTestId('meeting').filter({ hasText: 'Informal contact' }).filter({ hasText: 'Recorded by mistake' });
  await mistake.getByRole('button', { name: 'Remove', exact: true }).click();
  const remove = page.getByRole('dialog', { name: 'Remove a meeting' });
  await expectAccessible(page, 'the remove-meeting dialog');
  await remove.getByRole('button', { name: 'Remove meeting', exact: true }).click();
  await expect(remove).toBeHidden();
  await expect(meetings.getByTestId('meeting')).toHaveCount(before);
});
