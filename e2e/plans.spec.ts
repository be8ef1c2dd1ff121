// Plans: the demo district leader starts a start-up and phase-in action plan for the district from
// the Appendix C template, fills WHO/HOW/WHEN for three tasks and submits it; the state
// administrator returns it with a comment; the leader reads the comment, revises and resubmits; the
// state administrator approves it. The approved plan is frozen (planning fields cannot change,
// progress can), the timeline shows it, and the leader's tasks list it. Axe-clean on every page and
// dialog; the plan page fits a phone.
import { expect, test, type Page } from '@playwright/test';
import { ACCOUNTS } from './support/accounts';
import { expectAccessible } from './support/axe';
import { apiAs, signIn } from './support/session';

interface Task {
  id: string;
  number: string;
  title: string;
  hasSubtasks: boolean;
}

/** Fills WHO (the leader), HOW and WHEN of one task in its dialog. */
async function planTask(page: Page, task: Task, how: string, startOn: string, dueOn: string) {
  await page.getByRole('button', { name: `Edit task ${task.number} ${task.title}` }).click();
  const dialog = page.getByRole('dialog', { name: `Task ${task.number} ${task.title}` });
  const picker = dialog.getByRole('combobox', { name: 'Add a person to WHO' });
  await picker.fill('Marcus Bell');
  await page.getByRole('option', { name: new RegExp(`^Marcus Bell \\(${ACCOUNTS.districtLeader.email}`) }).click();
  await expect(dialog.getByTestId('who-people')).toContainText('Marcus Bell');
  await dialog.getByRole('textbox', { name: 'HOW' }).fill(how);
  await dialog.getByLabel('WHEN: start').fill(startOn);
  await dialog.getByLabel('WHEN: due').fill(dueOn);
  return dialog;
}

test('a district action plan from Appendix C is drafted, returned for revision, resubmitted, approved and frozen', async ({ page, browser, baseURL }) => {
  // Four people-steps with axe on a 40-task outline in each state: well over the default minute.
  test.setTimeout(420_000);
  const leader = await apiAs(baseURL!, 'districtLeader');
  const session = await leader.get<{ grants: { unitId: string }[] }>('/api/auth/session');
  const districtId = session.grants[0]!.unitId;
  const district = await leader.get<{ name: string }>(`/api/units/${districtId}`);
  const title = `Start-up and phase-in (e2e ${Date.now()})`;

  // The leader finds the district's plans from its page and starts a plan from the Appendix C template.
  await signIn(page, 'districtLeader');
  await page.goto(`/units/${districtId}`);
  await page.getByRole('link', { name: /^Plans:/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Plans: ${district.name}` })).toBeVisible();
  await expectAccessible(page, 'the district’s plans');
  await page.getByRole('button', { name: 'New plan' }).click();
  const start = page.getByRole('dialog', { name: 'Start a new plan' });
  await expect(start.getByRole('combobox', { name: 'Kind of plan' })).toHaveValue('start_up_phase_in');
  // Only the templates written for a district's action plan are offered, each with its summary.
  await expect(start.getByRole('radio')).toHaveCount(3);
  await expect(start.getByRole('radio', { name: 'Strategic plan outline for the state department (Appendix C)' })).toHaveCount(0);
  await start.getByRole('textbox', { name: 'Title' }).fill(title);
  await start.getByRole('radio', { name: 'Strategic plan outline for a district (Appendix C)' }).check();
  await expect(start).toContainText('The guide’s outline read for a district');
  await expectAccessible(page, 'the new-plan dialog');
  await start.getByRole('button', { name: 'Start the plan' }).click();
  await expect(start).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByTestId('plan-status').first()).toHaveText('Draft');
  const planId = page.url().split('/plans/')[1]!.split('?')[0]!;
  const plan = await leader.get<{ tasks: Task[] }>(`/api/plans/${planId}`);
  expect(plan.tasks).toHaveLength(40);
  const leaves = plan.tasks.filter((t) => !t.hasSubtasks);
  const outline = page.getByTestId('outline-task');
  await expect(outline).toHaveCount(40);
  await expect(outline.first()).toContainText('Source:');
  await expect(outline.filter({ hasText: leaves[0]!.title }).first().getByTestId('incomplete-marker')).toHaveText('Incomplete planning: no WHO, no WHEN');
  await expectAccessible(page, 'a draft plan’s outline');

  // WHO, HOW and WHEN for three tasks.
  for (const [i, task] of leaves.slice(0, 3).entries()) {
    const dialog = await planTask(page, task, `Step ${i + 1}: the planning team leads it at its weekly meeting`, '2026-12-01', `2027-0${i + 1}-15`);
    if (i === 0) await expectAccessible(page, 'the task dialog of a draft');
    if (i === 2) {
      // WHO can also name a team of the unit.
      await dialog.getByRole('combobox', { name: 'WHO: teams and work groups' }).click();
      await page.getByRole('option', { name: 'Planning Team', exact: true }).click();
      await page.keyboard.press('Escape');
      await expect(dialog).toBeVisible();
    }
    await dialog.getByRole('button', { name: 'Save the task' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('status-message')).toContainText(`Saved the task ${task.title}.`);
    const row = page.locator(`[data-testid="outline-task"][data-number="${task.number}"]`);
    await expect(row.getByTestId('task-who-how-when')).toContainText(i === 2 ? 'Marcus Bell, Planning Team' : 'Marcus Bell');
    await expect(row.getByTestId('incomplete-marker')).toHaveCount(0);
  }

  // Submitted for approval.
  await page.getByRole('button', { name: 'Submit for approval' }).click();
  const submit = page.getByRole('dialog', { name: 'Submit the plan for approval' });
  await expectAccessible(page, 'the submit dialog');
  await submit.getByRole('button', { name: 'Submit for approval' }).click();
  await expect(submit).toBeHidden();
  await expect(page.getByTestId('plan-status').first()).toHaveText('Submitted');

  // The state administrator returns it; a comment is required.
  const adminContext = await browser.newContext({ baseURL: baseURL!, locale: 'en-US', timezoneId: 'America/Chicago' });
  const admin = await adminContext.newPage();
  await signIn(admin, 'stateAdmin');
  await admin.goto(`/plans/${planId}`);
  await expect(admin.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(admin.getByRole('button', { name: 'Approve' })).toBeVisible();
  await admin.getByRole('button', { name: 'Request revision' }).click();
  const back = admin.getByRole('dialog', { name: 'Return the plan for revision' });
  await back.getByRole('button', { name: 'Request revision' }).click();
  await expect(back.getByRole('textbox', { name: 'What to revise' })).toHaveAttribute('aria-invalid', 'true');
  await expect(back.getByRole('textbox', { name: 'What to revise' })).toBeFocused();
  await expectAccessible(admin, 'the request-revision dialog with its error');
  const comment = `Name who leads “${leaves[3]!.title}” and when it is due.`;
  await back.getByRole('textbox', { name: 'What to revise' }).fill(comment);
  await back.getByRole('button', { name: 'Request revision' }).click();
  await expect(back).toBeHidden();
  await expect(admin.getByTestId('plan-status').first()).toHaveText('Revision requested');

  // The leader reads the comment, revises the task it names and resubmits.
  await page.reload();
  await expect(page.getByTestId('revision-comment')).toContainText(comment);
  await expect(page.getByTestId('revision-comment')).toContainText('Dana Whitfield');
  await expectAccessible(page, 'a plan returned for revision');
  const revised = await planTask(page, leaves[3]!, 'The coordinator leads it with the principals', '2027-01-05', '2027-04-30');
  await revised.getByRole('button', { name: 'Save the task' }).click();
  await expect(revised).toBeHidden();
  await page.getByRole('button', { name: 'Resubmit for approval' }).click();
  const resubmit = page.getByRole('dialog', { name: 'Submit the plan for approval' });
  await resubmit.getByRole('button', { name: 'Submit for approval' }).click();
  await expect(resubmit).toBeHidden();
  await expect(page.getByTestId('plan-status').first()).toHaveText('Submitted');

  // The state administrator approves it.
  await admin.reload();
  await admin.getByRole('button', { name: 'Approve' }).click();
  const approve = admin.getByRole('dialog', { name: 'Approve the plan' });
  await approve.getByRole('textbox', { name: /^Note/ }).fill('Approved at the December steering meeting.');
  await approve.getByRole('button', { name: 'Approve' }).click();
  await expect(approve).toBeHidden();
  await expect(admin.getByTestId('plan-status').first()).toHaveText('Approved');
  await admin.getByRole('tab', { name: 'History' }).click();
  await expect(admin.getByTestId('approval-history')).toContainText(comment);
  await expect(admin.getByTestId('approval-history')).toContainText('Approved at the December steering meeting.');
  await expectAccessible(admin, 'the approval history');
  await adminContext.close();

  // Approved and frozen: the planning fields cannot change, progress can.
  await page.reload();
  await expect(page.getByTestId('plan-status').first()).toHaveText('Approved');
  await expect(page.getByTestId('frozen-banner')).toContainText('cannot change');
  await expect(page.getByRole('button', { name: 'Add a task' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Delete task/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Start new version' })).toBeVisible();
  await page.getByRole('button', { name: `Record progress on task ${leaves[0]!.number} ${leaves[0]!.title}` }).click();
  const progress = page.getByRole('dialog', { name: `Task ${leaves[0]!.number} ${leaves[0]!.title}` });
  await expect(progress.getByTestId('frozen-note')).toContainText('approved and frozen');
  await expect(progress.getByRole('textbox', { name: 'Task (WHAT)' })).toBeDisabled();
  await expect(progress.getByRole('textbox', { name: 'HOW' })).toBeDisabled();
  await expect(progress.getByLabel('WHEN: due')).toBeDisabled();
  await expect(progress.getByRole('combobox', { name: 'Add a person to WHO' })).toHaveCount(0);
  await expectAccessible(page, 'the progress dialog of an approved plan');
  await progress.getByRole('combobox', { name: 'Status' }).selectOption('under_way');
  await progress.getByRole('textbox', { name: 'Evidence' }).fill('Agenda of the first planning team meeting.');
  await progress.getByRole('button', { name: 'Save the task' }).click();
  await expect(progress).toBeHidden();
  await expect(page.locator(`[data-testid="outline-task"][data-number="${leaves[0]!.number}"]`).getByTestId('task-status')).toHaveText('Under way');
  await expectAccessible(page, 'an approved plan');

  // The timeline shows the dated tasks by phase, today marked, with the table beside it.
  await page.getByRole('tab', { name: 'Timeline' }).click();
  await expect(page.getByTestId('timeline-chart')).toBeVisible();
  await expect(page.getByTestId('timeline-chart')).toContainText('Today');
  const table = page.getByTestId('timeline-table');
  for (const t of leaves.slice(0, 4)) await expect(table).toContainText(t.title);
  await expect(table).toContainText('Jan 15, 2027');
  await expectAccessible(page, 'the timeline');

  // The leader's tasks list the ones that name him, linked to the plan.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My tasks' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My tasks' })).toBeVisible();
  const mine = page.getByTestId('task-list-item').filter({ hasText: leaves[0]!.title }).filter({ hasText: title });
  await expect(mine).toHaveCount(1);
  await expect(mine).toContainText('Due Jan 15, 2027');
  await expectAccessible(page, 'my tasks');
  await page.getByRole('button', { name: 'Subscribe' }).click();
  await expect(page.getByTestId('calendar-url')).toHaveValue(new RegExp(`^${baseURL}/api/calendar/[A-Za-z0-9_-]{32}\\.ics$`));
  const feedUrl = await page.getByTestId('calendar-url').inputValue();
  const feed = await page.request.get(feedUrl);
  expect(await feed.text()).toContain(`Due: ${leaves[0]!.title}`);
  await expectAccessible(page, 'my tasks with the calendar address');
  await mine.getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();

  // The district's plans list it as approved, with its progress by phase in words.
  await page.goto(`/units/${districtId}/plans`);
  const card = page.getByTestId('plan-card').filter({ hasText: title });
  await expect(card.getByTestId('plan-status')).toHaveText('Approved');
  await expect(card).toContainText('Start-up and phase-in action plan · version 1');
  await expect(card.getByTestId('phase-progress')).toContainText('Overall: 0 of');
  await card.getByRole('link', { name: title }).click();

  // The plan page on a phone: nothing scrolls sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(page.getByTestId('outline-task').first()).toBeVisible();
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await expectAccessible(page, 'the plan page on a phone');
  await page.setViewportSize({ width: 1280, height: 860 });

  // Changing the approved plan starts version 2, a draft; version 1 stays in force.
  await page.getByRole('button', { name: 'Start new version' }).click();
  const next = page.getByRole('dialog', { name: 'Start a new version' });
  await next.getByRole('button', { name: 'Start version 2' }).click();
  await expect(page.getByText('Version 2', { exact: true })).toBeVisible();
  await expect(page.getByTestId('plan-status').first()).toHaveText('Draft');
  await expect(page.getByRole('button', { name: `Edit task ${leaves[0]!.number} ${leaves[0]!.title}` })).toBeVisible();
  await leader.dispose();
});

test('a district adopts the state’s design, sees its change to an essential feature flagged, and compares two versions', async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  const admin = await apiAs(baseURL!, 'stateAdmin');
  const session = await admin.get<{ grants: { unitId: string }[] }>('/api/auth/session');
  const stateId = session.grants[0]!.unitId;
  const state = await admin.get<{ name: string }>(`/api/units/${stateId}`);
  // The state's design: the demo's, or one written here.
  const stateDesign = await admin.get<{ document: { content: { essentialFeatures: { key: string; text: string; essential: boolean }[] } } | null }>(`/api/units/${stateId}/design-document`);
  let feature = stateDesign.document?.content.essentialFeatures.find((f) => f.essential);
  if (!stateDesign.document || !feature) {
    feature = { key: 'six-arenas', text: 'Supports are organized in six content arenas.', essential: true };
    if (!stateDesign.document) {
      await admin.post('/api/design-documents', {
        unitId: stateId,
        vision: 'Every student has the supports to learn.',
        aims: ['Unify student supports', 'Embed them in school improvement'],
        rationale: 'Fragmented supports fail students.',
        framework: null,
        essentialFeatures: [feature],
      });
    }
  }
  // A district with no design document of its own (the last of the demo's districts).
  const districts = await admin.get<{ id: string; name: string }[]>('/api/units?kind=district&limit=50');
  let district: { id: string; name: string } | undefined;
  for (const d of [...districts].reverse()) {
    if ((await admin.get<{ document: unknown }>(`/api/units/${d.id}/design-document`)).document === null) {
      district = d;
      break;
    }
  }
  expect(district, 'a district without a design document').toBeDefined();

  await signIn(page, 'stateAdmin');
  await page.goto(`/units/${district!.id}`);
  await page.getByRole('link', { name: 'Design document' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Design document: ${district!.name}` })).toBeVisible();
  await expectAccessible(page, 'a unit without a design document');
  await page.getByRole('button', { name: `Adopt the design of ${state.name}` }).click();
  // Prefilled from the prototype; the district rewords an essential feature and adds an aim.
  const featureIndex = (await page.getByRole('textbox', { name: /^Feature \d+$/ }).evaluateAll((els, text) => els.findIndex((e) => (e as HTMLTextAreaElement).value === text), feature.text)) + 1;
  expect(featureIndex).toBeGreaterThan(0);
  await page.getByRole('textbox', { name: `Feature ${featureIndex}`, exact: true }).fill('Supports are organized in four arenas that fit our district.');
  await page.getByRole('button', { name: 'Add an aim' }).click();
  const aims = page.getByRole('textbox', { name: /^Aim \d+$/ });
  await aims.last().fill('Reach every feeder pattern by 2028');
  await expectAccessible(page, 'the design form prefilled from the prototype');
  await page.getByRole('button', { name: 'Save the design document' }).click();
  await expect(page.getByTestId('status-message')).toContainText(`Saved the design document of ${district!.name}.`);
  await expect(page.getByTestId('design-document')).toContainText('Reach every feeder pattern by 2028');
  const comparison = page.getByTestId('design-comparison');
  await expect(comparison.getByTestId('essential-changes')).toContainText('rewords it as “Supports are organized in four arenas');
  await expect(comparison).toContainText('Adds aim');
  await expectAccessible(page, 'an adapted design with its comparison');

  // A second version, compared with the first.
  await page.getByRole('button', { name: 'Change the design document' }).click();
  await page.getByRole('textbox', { name: 'Vision' }).fill('Every student in our district has the supports to learn and thrive.');
  await page.getByRole('button', { name: 'Save a new version' }).click();
  await expect(page.getByTestId('status-message')).toContainText('Saved version 2 of the design document.');
  const versions = page.getByTestId('design-versions');
  await expect(versions.getByRole('combobox', { name: 'Compare' })).toHaveValue('1');
  await expect(versions.getByRole('combobox', { name: 'with' })).toHaveValue('2');
  await expect(versions.getByTestId('design-version-changes')).toContainText('Vision changed from');
  await expect(versions.getByTestId('design-version-changes')).toContainText('to “Every student in our district has the supports to learn and thrive.”');
  await expectAccessible(page, 'two versions of a design compared');
  await admin.dispose();
});

test('a draft’s tasks are added and nested, a dependency cycle is refused by name, a blocked task needs a reason, a stale save is reloaded, a task is deleted, a school plan is spawned below it; drafts renamed and deleted', async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  const leader = await apiAs(baseURL!, 'districtLeader');
  const session = await leader.get<{ grants: { unitId: string }[] }>('/api/auth/session');
  const districtId = session.grants[0]!.unitId;
  const title = `Strategic plan (e2e ${Date.now()})`;
  const plan = await leader.post<{ id: string }>('/api/plans', { unitId: districtId, kind: 'strategic_system_change', title });

  await signIn(page, 'districtLeader');
  await page.goto(`/plans/${plan.id}`);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByTestId('outline-summary')).toHaveText('0 tasks; every task has a WHO and a WHEN.');

  // Two tasks at the top, one nested under the first.
  for (const name of ['Map current resources', 'Analyze the map']) {
    await page.getByRole('button', { name: 'Add a task', exact: true }).click();
    const add = page.getByRole('dialog', { name: 'Add a task' });
    await add.getByRole('textbox', { name: 'Task (WHAT)' }).fill(name);
    await add.getByRole('button', { name: 'Add the task' }).click();
    await expect(add).toBeHidden();
    await expect(page.getByTestId('status-message')).toContainText(`Added the task ${name}.`);
  }
  await page.getByRole('button', { name: 'Add a task under 1 Map current resources' }).click();
  const sub = page.getByRole('dialog', { name: 'Add a task under 1 Map current resources' });
  await sub.getByRole('textbox', { name: 'Task (WHAT)' }).fill('List the district’s programs');
  await sub.getByRole('button', { name: 'Add the task' }).click();
  await expect(sub).toBeHidden();
  const row = (n: string) => page.locator(`[data-testid="outline-task"][data-number="${n}"]`);
  await expect(row('1.1')).toContainText('List the district’s programs');
  await expect(row('2')).toContainText('Analyze the map');
  await expect(page.getByTestId('outline-summary')).toHaveText('3 tasks; 2 with incomplete planning (no WHO or no WHEN).');
  // The district's incompletely planned tasks download as the list shows them.
  await page.goto(`/units/${districtId}/plans`);
  const incompleteCsv = page.getByTestId('download-incomplete-csv');
  await expect(incompleteCsv).toHaveAttribute('href', `/api/units/${districtId}/plan-tasks/export?filter=incomplete&subtree=true&format=csv`);
  const download = await page.request.get((await incompleteCsv.getAttribute('href'))!);
  expect(download.status()).toBe(200);
  const rows = (await download.text()).split('\n').filter((l) => l.includes(title));
  expect(rows.length).toBe(2);
  expect(rows.join('\n')).toContain('List the district’s programs');
  await page.goto(`/plans/${plan.id}`);

  // The outline works from the keyboard: a task opens with Enter, Escape closes it and focus returns.
  const editTwo = page.getByRole('button', { name: 'Edit task 2 Analyze the map' });
  await editTwo.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Task 2 Analyze the map' })).toBeVisible();
  await expect(page.getByRole('dialog', { name: 'Task 2 Analyze the map' }).getByRole('textbox', { name: 'Task (WHAT)' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Task 2 Analyze the map' })).toBeHidden();
  await expect(editTwo).toBeFocused();

  // 2 waits for 1; making 1 wait for 2 would close a cycle: refused, naming both.
  await page.getByRole('button', { name: 'Edit task 2 Analyze the map' }).click();
  let dialog = page.getByRole('dialog', { name: 'Task 2 Analyze the map' });
  await dialog.getByRole('combobox', { name: 'Waits for (dependencies)' }).click();
  await page.getByRole('option', { name: '1 Map current resources' }).click();
  await dialog.getByRole('button', { name: 'Save the task' }).click();
  await expect(dialog).toBeHidden();
  await expect(row('2')).toContainText('Waits for: 1');
  await page.getByRole('button', { name: 'Edit task 1 Map current resources' }).click();
  dialog = page.getByRole('dialog', { name: 'Task 1 Map current resources' });
  await dialog.getByRole('combobox', { name: 'Waits for (dependencies)' }).click();
  await page.getByRole('option', { name: '2 Analyze the map' }).click();
  await dialog.getByRole('button', { name: 'Save the task' }).click();
  await expect(dialog.getByTestId('problem-alert')).toContainText('Map current resources');
  await expect(dialog.getByTestId('problem-alert')).toContainText('Analyze the map');
  await expectAccessible(page, 'a dependency cycle refused');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // Blocked needs a reason.
  await page.getByRole('button', { name: 'Edit task 1.1 List the district’s programs' }).click();
  dialog = page.getByRole('dialog', { name: 'Task 1.1 List the district’s programs' });
  await dialog.getByRole('combobox', { name: 'Status' }).selectOption('blocked');
  await dialog.getByRole('button', { name: 'Save the task' }).click();
  await expect(dialog.getByRole('textbox', { name: 'What blocks it' })).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByRole('textbox', { name: 'What blocks it' })).toBeFocused();
  await dialog.getByRole('textbox', { name: 'What blocks it' }).fill('Waiting for the finance office’s list');
  await dialog.getByRole('button', { name: 'Save the task' }).click();
  await expect(dialog).toBeHidden();
  await expect(row('1.1')).toContainText('Blocked: Waiting for the finance office’s list');

  // Someone else saves first: the stale save is refused and the latest version reloaded.
  await page.getByRole('button', { name: 'Edit task 2 Analyze the map' }).click();
  dialog = page.getByRole('dialog', { name: 'Task 2 Analyze the map' });
  const detail = await leader.get<{ tasks: { id: string; number: string; version: number }[] }>(`/api/plans/${plan.id}`);
  const two = detail.tasks.find((t) => t.number === '2')!;
  await leader.patch(`/api/plan-tasks/${two.id}`, { version: two.version, how: 'The work group compares the map with the needs.' });
  await dialog.getByLabel('WHEN: due').fill('2027-03-31');
  await dialog.getByRole('button', { name: 'Save the task' }).click();
  await expect(dialog.getByTestId('problem-alert')).toContainText('Someone else changed this');
  await expectAccessible(page, 'a stale task save');
  await dialog.getByRole('button', { name: 'Reload the latest version' }).click();
  await expect(dialog.getByRole('textbox', { name: 'HOW' })).toHaveValue('The work group compares the map with the needs.');
  await dialog.getByLabel('WHEN: due').fill('2027-03-31');
  await dialog.getByRole('button', { name: 'Save the task' }).click();
  await expect(dialog).toBeHidden();
  await expect(row('2')).toContainText('Mar 31, 2027');

  // Quick changes in the outline itself: the status, and a draft task's due date (Enter saves).
  await row('2').getByRole('combobox', { name: 'Status of task 2 Analyze the map' }).selectOption('under_way');
  await expect(row('2').getByTestId('task-status')).toHaveText('Under way');
  await row('2').getByLabel('Due date of task 2 Analyze the map').fill('2027-04-30');
  await row('2').getByLabel('Due date of task 2 Analyze the map').press('Enter');
  await expect(row('2').getByTestId('task-who-how-when')).toContainText('Apr 30, 2027');
  // Someone else changes it first: the quick change is refused in words and the row shows their version.
  const again = (await leader.get<{ tasks: { id: string; number: string; version: number }[] }>(`/api/plans/${plan.id}`)).tasks.find((t) => t.number === '2')!;
  await leader.patch(`/api/plan-tasks/${again.id}`, { version: again.version, how: 'Compared with the needs, school by school.' });
  await row('2').getByRole('combobox', { name: 'Status of task 2 Analyze the map' }).selectOption('done');
  await expect(row('2')).toContainText('Someone else changed this task meanwhile');
  await expect(row('2').getByTestId('task-who-how-when')).toContainText('Compared with the needs, school by school.');
  await expect(row('2').getByTestId('task-status')).toHaveText('Under way');
  await expectAccessible(page, 'a stale quick change in the outline');
  await row('2').getByRole('combobox', { name: 'Status of task 2 Analyze the map' }).selectOption('done');
  await expect(row('2').getByTestId('task-status')).toHaveText('Done');
  // Blocked needs a reason: choosing it in the outline opens the task with Blocked chosen.
  await row('2').getByRole('combobox', { name: 'Status of task 2 Analyze the map' }).selectOption('blocked');
  dialog = page.getByRole('dialog', { name: 'Task 2 Analyze the map' });
  await expect(dialog.getByRole('combobox', { name: 'Status' })).toHaveValue('blocked');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(row('2').getByTestId('task-status')).toHaveText('Done');

  // The printable page lays the outline out as one table; the CSV is offered.
  await expect(page.getByRole('link', { name: 'Download CSV' })).toHaveAttribute('href', `/api/plans/${plan.id}/export.csv`);
  await page.getByRole('link', { name: 'Printable page' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByTestId('print-outline').getByRole('row')).toHaveCount(4);
  await expect(page.getByTestId('print-outline')).toContainText('Blocked: Waiting for the finance office’s list');
  await expectAccessible(page, 'the printable plan');
  await page.getByRole('link', { name: 'Back to the plan' }).click();

  // Deleting a task deletes what is nested under it.
  await page.getByRole('button', { name: 'Delete task 1 Map current resources' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete the task?' });
  await expect(confirm).toContainText('and the tasks nested under it');
  await confirm.getByRole('button', { name: 'Delete the task' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByTestId('outline-task')).toHaveCount(1);
  await expect(row('1')).toContainText('Analyze the map');

  // The cascade: a school plan that carries this one out, started from its page.
  const [school] = await leader.get<{ id: string; name: string; path: string }[]>('/api/units?kind=school&limit=1');
  expect(school!.path).toContain(districtId);
  await page.getByRole('tab', { name: 'Progress' }).click();
  await page.getByRole('button', { name: 'Start a plan for a unit below' }).click();
  const pick = page.getByRole('dialog', { name: 'Start a plan for a unit below' });
  await pick.getByRole('combobox', { name: /^Unit below/ }).fill(school!.name);
  await page.getByRole('option', { name: new RegExp(`^${school!.name} \\(School`) }).click();
  await expectAccessible(page, 'choosing the unit below');
  await pick.getByRole('button', { name: 'Continue' }).click();
  const start = page.getByRole('dialog', { name: 'Start a new plan' });
  await expect(start.getByRole('combobox', { name: /^Carries out a plan of a unit above/ })).toHaveValue(plan.id);
  await start.getByRole('textbox', { name: 'Title' }).fill(`${school!.name} start-up (e2e)`);
  await start.getByRole('radio', { name: 'Tasks the district needs to be ready to help schools accomplish (Exhibit)' }).check();
  await start.getByRole('button', { name: 'Start the plan' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `${school!.name} start-up (e2e)` })).toBeVisible();
  await expect(page.getByText(`Carries out ${title}`)).toBeVisible();
  await page.getByRole('link', { name: title }).click();
  await page.getByRole('tab', { name: 'Progress' }).click();
  await expect(page.getByTestId('child-plans')).toContainText(`${school!.name} start-up (e2e)`);
  await expectAccessible(page, 'a plan’s progress with the plan below it');

  // A draft is renamed; deleting it is refused while a plan below carries it out; the plan below is deleted.
  await page.getByRole('button', { name: 'Rename' }).click();
  const rename = page.getByRole('dialog', { name: 'Rename the plan' });
  await rename.getByRole('textbox', { name: 'Title' }).fill(`${title} (renamed)`);
  await rename.getByRole('button', { name: 'Save' }).click();
  await expect(rename).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: `${title} (renamed)` })).toBeVisible();
  await page.getByRole('button', { name: 'Delete the draft' }).click();
  let remove = page.getByRole('dialog', { name: 'Delete the draft?' });
  await remove.getByRole('button', { name: 'Delete the draft' }).click();
  await expect(remove.getByTestId('problem-alert')).toContainText('Plans below were spawned from this plan');
  await remove.getByRole('button', { name: 'Cancel' }).click();
  await page.getByTestId('child-plans').getByRole('link', { name: `${school!.name} start-up (e2e)` }).click();
  await page.getByRole('button', { name: 'Delete the draft' }).click();
  remove = page.getByRole('dialog', { name: 'Delete the draft?' });
  await remove.getByRole('button', { name: 'Delete the draft' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Plans: ${school!.name}` })).toBeVisible();
  await expect(page.getByTestId('plan-card').filter({ hasText: `${school!.name} start-up (e2e)` })).toHaveCount(0);
  await leader.dispose();
});

test('a work group’s recommendation is submitted to the superintendent and its decision recorded with the task that carries it out', async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const leader = await apiAs(baseURL!, 'districtLeader');
  const session = await leader.get<{ grants: { unitId: string }[] }>('/api/auth/session');
  const districtId = session.grants[0]!.unitId;
  const title = `Redeploy two counselors to the first feeder pattern (e2e ${Date.now()})`;
  await signIn(page, 'districtLeader');
  await page.goto(`/units/${districtId}/plans`);
  const region = page.getByRole('region', { name: 'Recommendations' });
  await region.getByRole('button', { name: 'Submit a recommendation' }).click();
  const dialog = page.getByRole('dialog', { name: 'Submit a recommendation' });
  await dialog.getByRole('combobox', { name: 'Subject' }).selectOption('resource_redeployment');
  await dialog.getByRole('textbox', { name: 'Title' }).fill(title);
  await dialog.getByRole('button', { name: 'Submit the recommendation' }).click();
  await expect(dialog.getByRole('textbox', { name: 'Rationale' })).toHaveAttribute('aria-invalid', 'true');
  await dialog.getByRole('textbox', { name: 'Rationale' }).fill('Two schools run the same program separately.');
  await expectAccessible(page, 'the recommendation dialog');
  await dialog.getByRole('button', { name: 'Submit the recommendation' }).click();
  await expect(dialog).toBeHidden();
  const rec = region.getByTestId('recommendation').filter({ hasText: title });
  await expect(rec).toContainText('Awaiting a decision');
  await expect(rec).toContainText('Redeploying resources');
  await expect(rec).toContainText('to Superintendent');
  await rec.getByRole('button', { name: `Record the decision on ${title}` }).click();
  const decide = page.getByRole('dialog', { name: `Decide: ${title}` });
  await decide.getByRole('textbox', { name: 'Note (optional)' }).fill('Accepted at the board meeting.');
  // An accepted recommendation names a task of the district's plans that carries it out.
  await decide.getByRole('combobox', { name: 'Tasks that carry it out (optional)' }).click();
  await page.getByRole('option', { name: /\(.+\)$/ }).first().click();
  await page.keyboard.press('Escape');
  await expectAccessible(page, 'the decision dialog');
  await decide.getByRole('button', { name: 'Record the decision' }).click();
  await expect(decide).toBeHidden();
  await expect(rec).toContainText('Accepted');
  await expect(rec).toContainText('Decision note: Accepted at the board meeting.');
  await expect(rec).toContainText('Carried out by 1 task.');
  await expect(rec.getByRole('button', { name: /^Record the decision/ })).toHaveCount(0);
  await expectAccessible(page, 'a decided recommendation');

  // The unit's plans and my tasks fit a phone.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await page.goto('/my-tasks');
  await expect(page.getByRole('heading', { level: 1, name: 'My tasks' })).toBeVisible();
  await expect(page.getByTestId('task-list-item').first()).toBeVisible();
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await expectAccessible(page, 'my tasks on a phone');
  await page.setViewportSize({ width: 1280, height: 860 });
  await leader.dispose();
});
