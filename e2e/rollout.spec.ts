// Roll-out planner: the demo district leader plans a phase-in of the district's schools, sees it
// compute, gives the cadre two more facilitators and sees scale come sooner, reads the what-if chart
// as a table, downloads the schedule, compares and adopts it. A school member may plan nothing.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './support/axe';
import { apiAs, signIn } from './support/session';

interface Session {
  grants: { unitId: string; unitName: string; unitKind: string; role: string }[];
}

/** The months to scale the scenario page shows, once its schedule is computed. */
async function monthsToScale(page: Page): Promise<number> {
  const figure = page.getByTestId('months-to-scale');
  await expect(figure).toBeVisible({ timeout: 30_000 });
  return Number(await figure.textContent());
}

/** The demo district leader's district, the default settings, and a client to plan with. */
async function leaderSetUp(baseURL: string) {
  const leader = await apiAs(baseURL, 'districtLeader');
  const session = await leader.get<Session>('/api/auth/session');
  const district = session.grants.find((g) => g.unitKind === 'district')!;
  expect(district, 'the demo district leader leads a district').toBeTruthy();
  const defaults = await leader.get<Record<string, unknown>>('/api/rollout/defaults');
  /** Plans a scenario through the API and waits until it is computed. */
  const plan = async (name: string, count: number) => {
    const created = await leader.post<{ id: string }>('/api/rollout-scenarios', { unitId: district.unitId, name, settings: { ...defaults, cadre: { count, capacity: 3 } } });
    await expect.poll(async () => (await leader.get<{ status: string }>(`/api/rollout-scenarios/${created.id}`)).status, { timeout: 30_000 }).toBe('ready');
    return created.id;
  };
  return { leader, district, defaults, plan };
}

test('a district leader plans a roll-out, sees it compute, reaches scale sooner with 4 facilitators than with 2, and adopts it', async ({ page, baseURL }) => {
  const { leader, district, plan } = await leaderSetUp(baseURL!);
  const baseline = await plan(`Baseline ${Date.now()}`, 2);
  await leader.dispose();
  const name = `Phase-in ${Date.now()}`;

  await signIn(page, 'districtLeader');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Roll-out planner' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Roll-out planner' })).toBeVisible();
  await expect(page).toHaveTitle('Roll-out planner · Trellis');
  // The leader's own district is chosen for them; its scenarios show their time to scale.
  const scenarios = page.getByRole('region', { name: `Scenarios for ${district.unitName}` });
  await expect(scenarios).toBeVisible();
  await expect(scenarios.getByTestId('scenario-list').getByRole('row').filter({ has: page.locator(`a[href="/rollout/${baseline}"]`) })).toContainText('months');
  await expectAccessible(page, 'the roll-out planner');

  // A new scenario with a cadre of 2; the page shows it computing (its first read is held back so
  // that the computing state stays on screen while it is checked).
  await scenarios.getByRole('button', { name: 'New scenario' }).click();
  const dialog = page.getByRole('dialog', { name: `New roll-out scenario for ${district.unitName}` });
  await dialog.getByRole('button', { name: 'Create and compute' }).click();
  await expect(dialog.getByRole('textbox', { name: 'Name' })).toHaveAttribute('aria-invalid', 'true');
  await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
  await dialog.getByRole('textbox', { name: 'Number of facilitators' }).fill('2');
  await expectAccessible(page, 'the new-scenario dialog');
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/api\/rollout-scenarios\/[0-9a-f-]+$/, async (route) => {
    if (route.request().method() === 'GET') await held;
    await route.continue();
  });
  await dialog.getByRole('button', { name: 'Create and compute' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByTestId('computing-stage')).toContainText('Computing the schedule');
  await expect(page.getByRole('status').filter({ hasText: 'Computing the schedule' })).toBeVisible();
  await expectAccessible(page, 'a scenario while it computes');
  release();
  await page.unrouteAll({ behavior: 'wait' });

  const withTwo = await monthsToScale(page);
  expect(withTwo).toBeGreaterThan(0);
  await expect(page.getByTestId('time-to-scale')).toContainText(`Reaches scale in ${withTwo} months`);
  await expect(page.getByTestId('explanation')).toContainText('lower bound');
  await expect(page.getByTestId('scenario-status')).toContainText(`Schedule ready: reaches scale in ${withTwo} months.`);
  await expectAccessible(page, 'a computed scenario');

  // The what-if chart and its table: the same figures, the scenario's own cadre marked.
  const whatIf = page.getByRole('region', { name: 'What if the cadre were smaller or larger' });
  await expect(whatIf.getByTestId('what-if-chart').locator('svg').first()).toBeVisible();
  const whatIfTable = whatIf.getByRole('table', { name: 'Cadre size against years to scale' });
  await expect(whatIfTable).toBeVisible();
  await expect(whatIfTable.getByRole('row', { name: /^2 \(this scenario\)/ })).toContainText(`${withTwo} months`);

  // The timeline, by feeder pattern and by facilitator, and as a table.
  const timeline = page.getByRole('region', { name: 'Timeline', exact: true });
  await expect(timeline.getByRole('region', { name: 'Timeline of schools by month (scrolls sideways)' })).toBeVisible();
  await expect(timeline.getByRole('list', { name: 'Legend' })).toContainText('Intensive initial implementation');
  await timeline.getByText('Facilitator', { exact: true }).click();
  await expect(timeline.getByRole('region', { name: 'Timeline of schools by month (scrolls sideways)' })).toContainText('Facilitator 1 ·');
  await timeline.getByText('Table', { exact: true }).click();
  const scheduleTable = timeline.getByRole('table', { name: 'Each school’s phases, facilitator and months' });
  await expect(scheduleTable).toBeVisible();
  const school = (await scheduleTable.getByRole('rowheader').first().textContent())!.replace(' (under way)', '').trim();
  expect(school.length).toBeGreaterThan(0);
  await expectAccessible(page, 'the schedule as a table, by facilitator');

  // The schedule as CSV names the schools.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-csv').click()]);
  expect(download.suggestedFilename()).toMatch(/schedule\.csv$/);
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv).toContain('School');
  expect(csv).toContain(school);
  await expect(page.getByTestId('download-ics').getByRole('link', { name: 'Facilitator 1’s visits (.ics)' })).toHaveAttribute('href', /facilitators\/facilitator-1\/visits\.ics$/);

  // Two more facilitators: scale comes sooner.
  const settings = page.getByRole('form', { name: 'Scenario settings' });
  await settings.getByRole('textbox', { name: 'Number of facilitators' }).fill('4');
  await settings.getByRole('button', { name: 'Save and compute' }).click();
  await expect(page.getByTestId('status-message')).toContainText(`Saved ${name}.`);
  await expect(whatIfTable.getByRole('row', { name: /^4 \(this scenario\)/ })).toBeVisible({ timeout: 30_000 });
  const withFour = await monthsToScale(page);
  expect(withFour, `4 facilitators (${withFour} months) reach scale sooner than 2 (${withTwo} months)`).toBeLessThan(withTwo);

  // And adopts it (the adopt dialog's accessibility is checked in the next test).
  await page.getByRole('button', { name: 'Adopt…' }).click();
  await page.getByRole('dialog', { name: `Adopt ${name}?` }).getByRole('button', { name: 'Adopt', exact: true }).click();
  await expect(page.getByTestId('adopted-badge')).toBeVisible();
  await expect(page.getByTestId('status-message')).toContainText(`Adopted ${name}.`);
});

test('a district leader compares two scenarios side by side and adopts one', async ({ page, baseURL }) => {
  const { leader, district, plan } = await leaderSetUp(baseURL!);
  const stamp = Date.now();
  const two = `Two facilitators ${stamp}`;
  const four = `Four facilitators ${stamp}`;
  await plan(two, 2);
  const fourId = await plan(four, 4);
  const list = await leader.get<{ name: string; summary: { monthsToScale: number } }[]>(`/api/units/${district.unitId}/rollout-scenarios`);
  const [withTwo, withFour] = [two, four].map((n) => list.find((s) => s.name === n)!.summary.monthsToScale) as [number, number];
  expect(withFour).toBeLessThan(withTwo);
  await leader.dispose();

  await signIn(page, 'districtLeader');
  await page.goto(`/rollout/${fourId}`);
  await expect(page.getByRole('heading', { level: 1, name: four })).toBeVisible();
  expect(await monthsToScale(page)).toBe(withFour);

  const compare = page.getByRole('region', { name: 'Compare' });
  await compare.getByRole('combobox', { name: 'Compare with…' }).selectOption({ label: two });
  const sideBySide = compare.getByTestId('compare-table');
  await expect(sideBySide.getByRole('row', { name: /^Time to scale/ })).toContainText(`${withFour} months`);
  await expect(sideBySide.getByRole('row', { name: /^Time to scale/ })).toContainText(`${withTwo} months`);
  await expect(sideBySide.getByRole('row', { name: /^Cadre/ })).toContainText('4 (capacity 12)');
  await expect(compare.getByTestId('compare-summary')).toContainText(`${two} reaches scale ${withTwo - withFour} months later`);
  await expectAccessible(page, 'two scenarios side by side');

  // Adopt: the dialog says what adoption starts and that it waits for the coaching and plans modules.
  await page.getByRole('button', { name: 'Adopt…' }).click();
  const adopt = page.getByRole('dialog', { name: `Adopt ${four}?` });
  await expect(adopt.getByTestId('adoption-preview')).toContainText('will start when the coaching module is available');
  await expect(adopt.getByTestId('adoption-preview')).toContainText('will start when the plans module is available');
  await expectAccessible(page, 'the adopt dialog');
  await adopt.getByRole('button', { name: 'Adopt', exact: true }).click();
  await expect(adopt).toBeHidden();
  await expect(page.getByTestId('adopted-badge')).toBeVisible();
  await expect(page.getByTestId('adoption-record')).toContainText('Will start when the coaching module is available.');
  await expect(page.getByRole('button', { name: 'Adopt…' })).toHaveCount(0);
  await expect(page.getByRole('form', { name: 'Scenario settings' })).toHaveCount(0);
  await expectAccessible(page, 'an adopted scenario');

  // On a phone the page does not scroll sideways; the timeline scrolls inside its own region.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByTestId('adopted-badge')).toBeVisible();
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1280, height: 860 });

  // Back in the planner, the list shows it adopted with its time to scale.
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Roll-out planner' }).click();
  const row = page.getByTestId('scenario-list').getByRole('row').filter({ has: page.locator(`a[href="/rollout/${fourId}"]`) });
  await expect(row).toContainText('Adopted');
  await expect(row).toContainText(`${withFour} months`);

  // To plan further from an adopted scenario, copy it: the copy computes to the same schedule.
  await row.getByRole('link', { name: four }).click();
  await page.getByRole('button', { name: 'Copy into a new scenario' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Copy of ${four}` })).toBeVisible();
  expect(await monthsToScale(page)).toBe(withFour);
  await expect(page.getByRole('button', { name: 'Adopt…' })).toBeEnabled();
});

test('a leader saving settings someone else changed first is offered the latest version', async ({ page, baseURL }) => {
  const { leader, plan } = await leaderSetUp(baseURL!);
  const name = `Shared plan ${Date.now()}`;
  const id = await plan(name, 2);

  await signIn(page, 'districtLeader');
  await page.goto(`/rollout/${id}`);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await monthsToScale(page);
  // Meanwhile a colleague renames it.
  const current = await leader.get<{ version: number }>(`/api/rollout-scenarios/${id}`);
  await leader.patch(`/api/rollout-scenarios/${id}`, { version: current.version, name: `${name} (renamed)` });
  await leader.dispose();

  const settings = page.getByRole('form', { name: 'Scenario settings' });
  await settings.getByRole('textbox', { name: 'Number of facilitators' }).fill('3');
  await settings.getByRole('button', { name: 'Save and compute' }).click();
  const alert = settings.getByTestId('problem-alert');
  await expect(alert).toContainText('Someone else changed this');
  await expectAccessible(page, 'a stale save');
  await alert.getByRole('button', { name: 'Reload the latest version' }).click();
  await expect(alert).toHaveCount(0);
  await expect(settings.getByRole('textbox', { name: 'Name', exact: true })).toHaveValue(`${name} (renamed)`);
  await expect(page.getByRole('heading', { level: 1, name: `${name} (renamed)` })).toBeVisible();
  await expect(settings.getByRole('textbox', { name: 'Number of facilitators' })).toHaveValue('2');
});

interface Schedule {
  startMonth: string;
  subsets: { subsetId: string; name: string; startIndex: number | null }[];
  sites: { siteId: string; subsetId: string; facilitatorId: string; underWay: boolean; startIndex: number }[];
}
interface ScenarioRead {
  status: string;
  version: number;
  result: { schedule: Schedule; siteNames: Record<string, string> } | null;
}

test('a district leader gives a school a high need and marks one already under way; an override the cadre cannot meet is refused next to its school', async ({ page, baseURL }) => {
  const { leader, plan } = await leaderSetUp(baseURL!);
  const name = `Schools first ${Date.now()}`;
  const id = await plan(name, 2);
  const read = () => leader.get<ScenarioRead>(`/api/rollout-scenarios/${id}`);
  const before = (await read()).result!;
  const first = before.schedule.subsets[0]!;
  const later = before.schedule.subsets.at(-1)!;
  expect(later.startIndex!, 'with 2 facilitators not every feeder pattern starts at once').toBeGreaterThan(first.startIndex!);
  // Schools with a name of their own (the demo has a few namesakes; their labels add the feeder pattern).
  const named = (subsetId: string) => before.schedule.sites.find((s) => s.subsetId === subsetId && Object.values(before.siteNames).filter((n) => n === before.siteNames[s.siteId]).length === 1)!;
  const needy = named(later.subsetId);
  const needyName = before.siteNames[needy.siteId]!;

  await signIn(page, 'districtLeader');
  await page.goto(`/rollout/${id}`);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await monthsToScale(page);
  const settings = page.getByRole('form', { name: 'Scenario settings' });
  const schools = settings.getByRole('group', { name: 'Schools' });
  await expect(schools.getByRole('table', { name: 'Scores and phases under way, by school' })).toBeVisible();
  await expect(settings.getByRole('combobox', { name: 'Priority key 1: First by' })).toHaveValue('need');

  // A high need at one school of the later feeder pattern: that feeder pattern now starts first.
  await schools.getByRole('textbox', { name: `Need score of ${needyName}` }).fill('100');
  await settings.getByRole('button', { name: 'Save and compute' }).click();
  await expect(page.getByTestId('status-message')).toContainText(`Saved ${name}.`);
  await expect.poll(async () => (await read()).status, { timeout: 30_000 }).toBe('ready');
  const afterNeed = (await read()).result!.schedule;
  expect(afterNeed.subsets[0]!.subsetId).toBe(later.subsetId);
  expect((await leader.get<{ settings: { siteOverrides?: unknown } }>(`/api/rollout-scenarios/${id}`)).settings.siteOverrides).toEqual({ [needy.siteId]: { need: 100 } });
  const timeline = page.getByRole('region', { name: 'Timeline', exact: true });
  await timeline.getByText('Table', { exact: true }).click();
  const scheduleTable = timeline.getByRole('table', { name: 'Each school’s phases, facilitator and months' });
  await expect(scheduleTable.getByRole('row').nth(1).getByRole('cell').first()).toHaveText(later.name);
  await expect(schools.locator(`[data-school="${needy.siteId}"]`)).toContainText('Scored');
  await expectAccessible(page, 'a school given a need score');

  // Another school already under way: intensive implementation, its second month, with Facilitator 1.
  const going = named(first.subsetId);
  const goingName = before.siteNames[going.siteId]!;
  await schools.getByRole('checkbox', { name: `Under way: ${goingName}` }).check();
  await schools.getByRole('combobox', { name: `Phase at ${goingName}` }).selectOption('Intensive initial implementation');
  await schools.getByRole('textbox', { name: `Month of the phase at ${goingName}` }).fill('2');
  await schools.getByRole('combobox', { name: `Facilitator of ${goingName}` }).selectOption({ label: 'Facilitator 1' });
  await expect(settings.getByRole('checkbox', { name: /A school already under way keeps its facilitator \(1 under way\)/ })).toBeChecked();
  await expectAccessible(page, 'a school marked under way');
  // On a phone the schools' table scrolls inside itself; the page does not scroll sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(schools.getByRole('combobox', { name: `Facilitator of ${goingName}` })).toBeVisible();
  await expect(schools.getByRole('table', { name: 'Scores and phases under way, by school' })).toHaveCount(0);
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await expectAccessible(page, 'the schools on a phone');
  await page.setViewportSize({ width: 1280, height: 860 });
  await settings.getByRole('button', { name: 'Save and compute' }).click();
  await expect.poll(async () => (await read()).status, { timeout: 30_000 }).toBe('ready');
  // The timeline starts at the start month with the school in intensive implementation; the table names its facilitator.
  const grid = timeline.getByRole('region', { name: 'Timeline of schools by month (scrolls sideways)' });
  const startLabel = new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${before.schedule.startMonth}-01T00:00:00Z`));
  await expect(grid.getByRole('columnheader').nth(1)).toContainText(startLabel);
  const goingLine = grid.locator('tr').filter({ has: page.getByRole('rowheader', { name: `${goingName} (under way)`, exact: true }) });
  await expect(goingLine.locator('td').first()).toContainText('Intensive initial implementation');
  await timeline.getByText('Table', { exact: true }).click();
  const goingRow = scheduleTable.getByRole('row').filter({ has: page.getByRole('rowheader', { name: `${goingName} (under way)`, exact: true }) });
  await expect(goingRow).toContainText('Facilitator 1');
  await expect(goingRow.getByRole('cell').nth(3)).toHaveText(/^until /);
  const site = (await read()).result!.schedule.sites.find((s) => s.siteId === going.siteId)!;
  expect(site).toMatchObject({ underWay: true, facilitatorId: 'facilitator-1', startIndex: 0 });

  // Facilitator 9 in a cadre of 2: chosen while the cadre had 9, then the cadre set back to 2.
  await settings.getByRole('textbox', { name: 'Number of facilitators' }).fill('9');
  await schools.getByRole('combobox', { name: `Facilitator of ${goingName}` }).selectOption({ label: 'Facilitator 9' });
  await settings.getByRole('textbox', { name: 'Number of facilitators' }).fill('2');
  await expect(schools.getByRole('combobox', { name: `Facilitator of ${goingName}` })).toHaveValue('facilitator-9');
  await settings.getByRole('button', { name: 'Save and compute' }).click();
  const refused = schools.getByRole('combobox', { name: `Facilitator of ${goingName}` });
  await expect(refused).toHaveAttribute('aria-invalid', 'true');
  await expect(schools.locator(`[data-school="${going.siteId}"]`)).toContainText(`${goingName}: is not one of the cadre: facilitator-9`);
  await expect(refused).toBeFocused();
  await expectAccessible(page, 'an override refused next to its school');
  await leader.dispose();
});

test('a school member cannot plan a roll-out and is told why', async ({ page, baseURL }) => {
  const { leader, district, defaults } = await leaderSetUp(baseURL!);
  const planned = await leader.post<{ id: string }>('/api/rollout-scenarios', { unitId: district.unitId, name: `Leaders only ${Date.now()}`, settings: defaults });
  await leader.dispose();

  await signIn(page, 'schoolMember');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Roll-out planner' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Roll-out planner' })).toBeVisible();
  await expect(page.getByTestId('no-planning-unit')).toContainText('Roll-outs are planned for a district, a region or the state.');
  await expect(page.getByRole('button', { name: 'New scenario' })).toHaveCount(0);
  await expectAccessible(page, 'the planner for a school member');

  // The district's plans are not theirs to see: said politely, with nothing to press.
  await page.goto(`/rollout?unit=${district.unitId}`);
  await expect(page.getByTestId('not-allowed')).toContainText('You may not see the roll-out plans of this unit.');
  await expect(page.getByRole('button', { name: 'New scenario' })).toHaveCount(0);
  await expect(page.getByTestId('problem-alert')).toHaveCount(0);
  await expectAccessible(page, 'another unit’s plans refused');

  await page.goto(`/rollout/${planned.id}`);
  await expect(page.getByTestId('not-found')).toContainText('This scenario does not exist, or it is outside the units you have access to.');

  // And the API refuses them too.
  const { csrfToken } = (await (await page.request.get('/api/auth/session')).json()) as { csrfToken: string };
  const member = await page.request.post('/api/rollout-scenarios', { headers: { 'x-csrf-token': csrfToken }, data: { unitId: district.unitId, name: 'Not mine', settings: defaults } });
  expect([403, 404]).toContain(member.status());
});
