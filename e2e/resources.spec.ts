// Resource mapping: the demo district leader imports 30 resources at a school with nothing mapped.
// A file with two bad rows is previewed (both rows named, nothing written); the fixed file imports;
// the map shows the gaps; two priority needs are ranked (one from a gap) and re-ranked; a redundancy
// becomes a redeploy recommendation answering one of them, submitted and accepted; the map is frozen and compared with now. Axe-clean in every state and dialog.
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/axe';
import { apiAs, signIn } from './support/session';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

interface MapAnswer {
  findings: { code: string; unitIds: string[] }[];
}

test('a district leader imports a school’s resources, reads the gaps and turns a redundancy into a redeploy recommendation', async ({ page, baseURL }) => {
  // Many states and dialogs, each checked with axe: longer than the default minute.
  test.setTimeout(180_000);
  const leader = await apiAs(baseURL!, 'districtLeader');
  const session = await leader.get<{ grants: { unitId: string }[] }>('/api/auth/session');
  const districtId = session.grants[0]!.unitId;
  // A school of the demo district with nothing mapped (the demo maps only the district and two schools).
  const districtMap = await leader.get<MapAnswer>(`/api/units/${districtId}/resource-map`);
  const schoolId = districtMap.findings.find((f) => f.code === 'no_resources_mapped')!.unitIds[0]!;
  const school = await leader.get<{ name: string }>(`/api/units/${schoolId}`);
  expect(await leader.get<unknown[]>(`/api/units/${schoolId}/resources`)).toHaveLength(0);

  await signIn(page, 'districtLeader');
  await page.goto(`/units/${schoolId}`);
  await page.getByRole('link', { name: 'Resource map of student and learning supports' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Resource map: ${school.name}` })).toBeVisible();
  await expect(page).toHaveTitle(`Resource map · ${school.name} · Trellis`);
  const matrix = page.getByRole('table', { name: /Intervention framework/ });
  await expect(matrix.getByRole('rowheader')).toHaveCount(6);
  await expect(matrix.getByRole('columnheader')).toHaveCount(4);
  await expect(page.getByTestId('inventory-count')).toHaveText(`Nothing is mapped at ${school.name} itself yet.`);
  await expect(page.getByTestId('findings-gaps')).toContainText('No program, service, initiative or staff role is mapped');
  await expectAccessible(page, 'an empty resource map');

  // The file with two bad rows: the preview names both, and nothing is written.
  const imports = page.getByRole('region', { name: 'Import and export' });
  await imports.getByLabel('Import a CSV or XLSX file').setInputFiles(fixture('resources-30-two-bad-rows.csv'));
  const preview = imports.getByTestId('import-preview');
  await expect(preview).toContainText('resources-30-two-bad-rows.csv: 30 rows — 28 new, 0 to update, 0 unchanged.');
  await expect(preview).toContainText('nothing will be imported');
  const problems = preview.getByRole('table', { name: 'Rows that cannot be imported' });
  await expect(problems.getByRole('row')).toHaveCount(4);
  await expect(problems.getByRole('row').nth(1)).toContainText('7Cells"after-school" is not an arena');
  await expect(problems.getByRole('row').filter({ hasText: 'Partner name' })).toContainText('19');
  await expect(problems.getByRole('row').filter({ hasText: 'Annual cost' })).toContainText('must not be negative');
  await expect(imports.getByRole('button', { name: /^Import \d+ resource/ })).toHaveCount(0);
  await expectAccessible(page, 'an import preview with bad rows');
  await expect(page.getByTestId('inventory-count')).toHaveText(`Nothing is mapped at ${school.name} itself yet.`);
  expect(await leader.get<unknown[]>(`/api/units/${schoolId}/resources`)).toHaveLength(0);

  // The fixed file: 30 new resources, imported all at once.
  await imports.getByLabel('Import a CSV or XLSX file').setInputFiles(fixture('resources-30.csv'));
  await expect(preview).toContainText('resources-30.csv: 30 rows — 30 new, 0 to update, 0 unchanged.');
  await expectAccessible(page, 'an import preview ready to import');
  await imports.getByRole('button', { name: 'Import 30 resources' }).click();
  await expect(page.getByTestId('status-message')).toContainText(`Imported 30 resources into ${school.name}.`);
  await expect(page.getByTestId('inventory-count')).toHaveText(`30 resources mapped at ${school.name} itself.`);
  await expect(page.getByTestId('inventory').getByRole('row')).toHaveCount(31);
  expect(await leader.get<unknown[]>(`/api/units/${schoolId}/resources`)).toHaveLength(30);

  // The map shows the gaps: four empty cells at the treatment level, and cells with too little.
  await expect(matrix.getByRole('button', { name: /: 0 resources, .*, Gap$/ })).toHaveCount(4);
  await expect(matrix.getByRole('button', { name: /^Classroom, Treatment: 0 resources/ })).toBeVisible();
  const gaps = page.getByTestId('findings-gaps');
  // Four empty cells; how many fall under the 5% threshold depends on the school's enrollment (at least the crisis treatment cell).
  await expect(gaps.getByTestId('finding').filter({ hasText: 'Nothing at' })).toHaveCount(4);
  const low = gaps.getByTestId('finding').filter({ hasText: 'below the 5% threshold' });
  // The demo's empty school differs from run to run (ids are random), so the count comes from the API.
  const lowInApi = (await leader.get<MapAnswer>(`/api/units/${schoolId}/resource-map`)).findings.filter((f) => f.code === 'gap_low_coverage').length;
  await expect(low).toHaveCount(lowInApi);
  await expect(gaps.getByRole('heading', { name: `Gaps (${4 + (await low.count())})` })).toBeVisible();
  await expectAccessible(page, 'a resource map with its findings');

  // The work group ranks two priority needs: the first from a gap (its cell and words carried over).
  const needsRegion = page.getByRole('region', { name: 'Priority needs' });
  await expect(page.getByTestId('priority-needs-count')).toContainText(`No priority needs ranked for ${school.name} yet.`);
  const classroomGap = gaps.getByTestId('finding').filter({ hasText: 'Nothing at' }).filter({ hasText: 'Classroom-based learning supports' });
  await classroomGap.getByRole('button', { name: /^Rank as a need…/ }).click();
  const rankNeed = page.getByRole('dialog', { name: 'Rank a priority need' });
  await expect(rankNeed.getByRole('textbox', { name: 'Rank' })).toHaveValue('1');
  await expect(rankNeed.getByRole('textbox', { name: 'Rationale' })).toHaveValue(/^Nothing at/);
  await expect(rankNeed.getByRole('group', { name: 'Classroom-based learning supports' }).getByRole('checkbox', { name: 'Treatment' })).toBeChecked();
  await expect(rankNeed.getByRole('checkbox', { checked: true })).toHaveCount(1);
  await rankNeed.getByRole('textbox', { name: 'Title' }).fill('Classroom help for students with severe problems');
  await expectAccessible(page, 'the rank-a-need dialog drawn from a gap');
  await rankNeed.getByRole('button', { name: 'Rank the need' }).click();
  await expect(rankNeed).toBeHidden();
  await expect(page.getByTestId('status-message')).toContainText('Ranked Classroom help for students with severe problems as priority need 1.');
  // The second by hand: the rank offered is the next one; a rationale is required.
  await needsRegion.getByRole('button', { name: 'Rank a need' }).click();
  const second = page.getByRole('dialog', { name: 'Rank a priority need' });
  await expect(second.getByRole('textbox', { name: 'Rank' })).toHaveValue('2');
  await second.getByRole('textbox', { name: 'Title' }).fill('Chronic absence');
  await second.getByRole('button', { name: 'Rank the need' }).click();
  await expect(second.getByRole('textbox', { name: 'Rationale' })).toHaveAttribute('aria-invalid', 'true');
  await expect(second.getByRole('textbox', { name: 'Rationale' })).toBeFocused();
  await expectAccessible(page, 'the rank-a-need dialog with an error');
  await second.getByRole('textbox', { name: 'Rationale' }).fill('One student in six missed a month of school last year.');
  await second.getByRole('group', { name: 'Student and family special assistance' }).getByRole('checkbox', { name: 'Early intervention' }).check();
  await second.getByRole('button', { name: 'Rank the need' }).click();
  await expect(second).toBeHidden();
  const needRows = page.getByTestId('priority-need');
  await expect(needRows).toHaveCount(2);
  await expect(needRows.nth(0)).toContainText('1Classroom help for students with severe problems');
  await expect(needRows.nth(0)).toContainText('Classroom-based learning supports — ');
  await expect(needRows.nth(1)).toContainText('2Chronic absence');
  await expect(needRows.nth(1)).toContainText('One student in six missed a month of school last year.');
  await expect(needRows.nth(1)).toContainText('Student and family special assistance — Early intervention');
  await expectAccessible(page, 'two priority needs ranked');

  // Re-ranked below the other, after someone else reworded it first: the latest is reloaded.
  const [firstNeed] = await leader.get<{ id: string; version: number }[]>(`/api/units/${schoolId}/resource-priority-needs`);
  await needRows.nth(0).getByRole('button', { name: 'Change Classroom help for students with severe problems' }).click();
  const changeNeed = page.getByRole('dialog', { name: 'Change the priority need Classroom help for students with severe problems' });
  await leader.patch(`/api/resource-priority-needs/${firstNeed!.id}`, { version: firstNeed!.version, rationale: 'No one treats severe problems in the classroom.' });
  await changeNeed.getByRole('textbox', { name: 'Rank' }).fill('3');
  await changeNeed.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(changeNeed.getByTestId('problem-alert')).toContainText('Someone else changed this');
  await expectAccessible(page, 'the change-need dialog after a stale save');
  await changeNeed.getByRole('button', { name: 'Reload the latest version' }).click();
  await expect(changeNeed.getByRole('textbox', { name: 'Rationale' })).toHaveValue('No one treats severe problems in the classroom.');
  await expect(changeNeed.getByRole('textbox', { name: 'Rank' })).toHaveValue('1');
  await changeNeed.getByRole('textbox', { name: 'Rank' }).fill('3');
  await changeNeed.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(changeNeed).toBeHidden();
  await expect(page.getByTestId('status-message')).toContainText('Saved the priority need Classroom help for students with severe problems (rank 3).');
  await expect(needRows.nth(0)).toContainText('2Chronic absence');
  await expect(needRows.nth(1)).toContainText('3Classroom help for students with severe problems');
  await expectAccessible(page, 'a priority need re-ranked');

  // Drilling into a cell (from the keyboard) lists its resources.
  const cell = matrix.getByRole('button', { name: /^Special assistance, Early intervention: 4 resources/ });
  await cell.focus();
  await page.keyboard.press('Enter');
  await expect(cell).toHaveAttribute('aria-pressed', 'true');
  const inCell = page.getByTestId('cell-resources');
  await expect(inCell.getByRole('heading', { name: 'Student and family special assistance — Early intervention' })).toBeVisible();
  await expect(inCell.getByRole('listitem')).toHaveCount(4);
  await expect(inCell.getByTestId('cell-unit')).toHaveCount(1);
  await expect(inCell.getByRole('heading', { name: `${school.name} (4)` })).toBeVisible();
  await expect(inCell).toContainText('Check & Connect mentoring');
  await expectAccessible(page, 'a cell drilled into');

  // The redundancy becomes a redeploy recommendation with the finding linked.
  const redundancies = page.getByTestId('findings-redundancies');
  await expect(redundancies.getByRole('heading', { name: 'Redundancies (1)' })).toBeVisible();
  const redundancy = redundancies.getByTestId('finding');
  await expect(redundancy).toContainText('Attendance mentoring (AmeriCorps), Check & Connect mentoring');
  await redundancy.getByRole('button', { name: /^Recommend…/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Recommend' });
  await expect(dialog.getByLabel('Type')).toHaveValue('redeploy_resources');
  await expect(dialog.getByRole('checkbox', { name: 'Link the finding: Redundancy' })).toBeChecked();
  await dialog.getByLabel('Title').fill('Unify the two attendance mentoring programs');
  const linkNeeds = dialog.getByRole('group', { name: 'Priority needs it answers' });
  await expect(linkNeeds.getByRole('checkbox')).toHaveCount(2);
  await linkNeeds.getByRole('checkbox', { name: '2. Chronic absence' }).check();
  await expectAccessible(page, 'the recommend dialog');
  await dialog.getByRole('button', { name: 'Save the recommendation' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('status-message')).toContainText('Recommended: Unify the two attendance mentoring programs.');
  const recommendations = page.getByTestId('recommendations');
  const row = recommendations.getByRole('row', { name: /Unify the two attendance mentoring programs/ });
  await expect(row).toContainText('Redeploy resources');
  await expect(row).toContainText('1 finding linked');
  await expect(row).toContainText('Priority need: 2. Chronic absence');
  await expect(row).toContainText('Draft');
  await row.getByRole('button', { name: 'Submit: Unify the two attendance mentoring programs' }).click();
  await expect(row).toContainText('Submitted');
  await row.getByRole('button', { name: 'Accept: Unify the two attendance mentoring programs' }).click();
  await expect(row).toContainText('Accepted');
  await expectAccessible(page, 'a recommendation accepted');
  const saved = await leader.get<{ type: string; status: string; findings: { code: string }[]; priorityNeedIds: string[] }[]>(`/api/units/${schoolId}/resource-recommendations`);
  const needs = await leader.get<{ id: string; title: string }[]>(`/api/units/${schoolId}/resource-priority-needs`);
  expect(needs.map((n) => n.title)).toEqual(['Chronic absence', 'Classroom help for students with severe problems']);
  expect(saved.map((r) => ({ type: r.type, status: r.status, codes: r.findings.map((f) => f.code), needs: r.priorityNeedIds }))).toEqual([
    { type: 'redeploy_resources', status: 'accepted', codes: ['redundancy'], needs: [needs[0]!.id] },
  ]);

  // The lower need is removed (after a confirmation); the other keeps its rank and its link.
  await needRows.filter({ hasText: 'Classroom help for students with severe problems' }).getByRole('button', { name: 'Remove Classroom help for students with severe problems' }).click();
  const confirmRemove = page.getByRole('dialog', { name: 'Remove the priority need Classroom help for students with severe problems?' });
  await expectAccessible(page, 'the remove-need confirmation');
  await confirmRemove.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(confirmRemove).toBeHidden();
  await expect(page.getByTestId('status-message')).toContainText('Removed the priority need Classroom help for students with severe problems.');
  await expect(needRows).toHaveCount(1);
  await expect(needRows.nth(0)).toContainText('2Chronic absence');
  await expect(row).toContainText('Priority need: 2. Chronic absence');

  // Freeze the map, and compare it with now.
  const frozen = page.getByRole('region', { name: 'Frozen maps' });
  await frozen.getByLabel('Title').fill('Before the redeployment');
  await frozen.getByRole('button', { name: 'Freeze the map' }).click();
  await expect(page.getByTestId('status-message')).toContainText('Froze the map: Before the redeployment.');
  await frozen.getByRole('button', { name: 'Compare Before the redeployment' }).click();
  const comparison = page.getByTestId('snapshot-comparison');
  await expect(comparison).toContainText('30 resources then, 30 resources now.');
  await expect(comparison).toContainText('Added (0)');
  await expectAccessible(page, 'a frozen map compared with now');

  // One more program, a second frozen map, and the first compared with the second.
  await leader.post('/api/resources', { unitId: schoolId, name: 'Grade 6 summer bridge', kind: 'program', providerType: 'school', cells: ['transitions:prevention'], coordinated: true, annualCost: 5000 });
  await frozen.getByLabel('Title').fill('After the summer bridge');
  await frozen.getByRole('button', { name: 'Freeze the map' }).click();
  await expect(page.getByTestId('status-message')).toContainText('Froze the map: After the summer bridge.');
  const against = page.getByLabel('Compare Before the redeployment with');
  await against.selectOption({ index: 1 });
  await expect(against.locator('option:checked')).toHaveText(/After the summer bridge/);
  await expect(comparison).toContainText('Before the redeployment compared with After the summer bridge');
  await expect(comparison).toContainText('30 resources then, 31 resources as of');
  await expect(comparison).toContainText('Added (1)');
  await expect(comparison).toContainText('Grade 6 summer bridge');
  await expectAccessible(page, 'two frozen maps compared');
  await leader.dispose();
});

test('a resource is added, changed after someone else changed it, and removed; the district map sums its schools on a phone', async ({ page, baseURL }) => {
  const leader = await apiAs(baseURL!, 'districtLeader');
  const session = await leader.get<{ grants: { unitId: string }[] }>('/api/auth/session');
  const districtId = session.grants[0]!.unitId;
  const districtMap = await leader.get<MapAnswer & { schools: number }>(`/api/units/${districtId}/resource-map`);
  const schoolId = districtMap.findings.find((f) => f.code === 'no_resources_mapped')!.unitIds[0]!;
  const school = await leader.get<{ name: string }>(`/api/units/${schoolId}`);
  const name = `Crisis counseling ${Date.now()}`;

  await signIn(page, 'districtLeader');
  await page.goto(`/units/${schoolId}/resources`);
  const inventory = page.getByRole('region', { name: 'Inventory' });
  await expect(page.getByTestId('inventory-count')).toHaveText(`Nothing is mapped at ${school.name} itself yet.`);

  // Add: the form refuses a resource without a name or a cell, and a community agency without its name.
  await inventory.getByRole('button', { name: 'Add a resource' }).click();
  const add = page.getByRole('dialog', { name: 'Add a resource' });
  await add.getByRole('button', { name: 'Add the resource' }).click();
  await expect(add.getByRole('textbox', { name: 'Name', exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(add.getByRole('textbox', { name: 'Name', exact: true })).toBeFocused();
  await expect(add).toContainText('Cells: Must place the resource in at least one cell of the framework');
  await expectAccessible(page, 'the add-resource dialog with errors');
  await add.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  await add.getByLabel('Provider').selectOption({ label: 'Community agency' });
  await add.getByRole('group', { name: 'Crisis assistance and prevention' }).getByRole('checkbox', { name: 'Early intervention' }).check();
  await add.getByLabel('Annual cost (dollars)').fill('4000');
  await add.getByRole('button', { name: 'Add the resource' }).click();
  const partner = add.getByRole('textbox', { name: 'Partner (the community agency)' });
  await expect(partner).toHaveAttribute('aria-invalid', 'true');
  await expect(partner).toBeFocused();
  await partner.fill('Lakeland Family Services');
  await add.getByRole('button', { name: 'Add the resource' }).click();
  await expect(add).toBeHidden();
  await expect(page.getByTestId('status-message')).toContainText(`Added ${name}.`);
  const row = page.getByTestId('inventory').getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText('Community agency: Lakeland Family Services');
  await expect(row).toContainText('Crisis assistance and prevention — Early intervention');
  await expect(page.getByRole('table', { name: /Intervention framework/ }).getByRole('button', { name: /^Crisis, Early intervention: 1 resource,/ })).toBeVisible();

  // Someone else changes it first: the save is refused and the latest version offered.
  const [saved] = await leader.get<{ id: string; version: number }[]>(`/api/units/${schoolId}/resources`);
  await row.getByRole('button', { name: `Change ${name}` }).click();
  const edit = page.getByRole('dialog', { name: `Change ${name}` });
  await expect(edit.getByLabel('Annual cost (dollars)')).toHaveValue('4000');
  await leader.patch(`/api/resources/${saved!.id}`, { version: saved!.version, annualCost: 5000 });
  await edit.getByLabel('Annual cost (dollars)').fill('7000');
  await edit.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(edit.getByTestId('problem-alert')).toContainText('Someone else changed this');
  await expectAccessible(page, 'the change-resource dialog after a stale save');
  await edit.getByRole('button', { name: 'Reload the latest version' }).click();
  await expect(edit.getByLabel('Annual cost (dollars)')).toHaveValue('5000');
  await edit.getByLabel('Annual cost (dollars)').fill('7000');
  await edit.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByTestId('status-message')).toContainText(`Saved ${name}.`);
  await expect(row).toContainText('$7,000');

  // Remove it.
  await row.getByRole('button', { name: `Remove ${name}` }).click();
  const confirm = page.getByRole('dialog', { name: `Remove ${name}?` });
  await expectAccessible(page, 'the remove-resource confirmation');
  await confirm.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(page.getByTestId('status-message')).toContainText(`Removed ${name}.`);
  await expect(page.getByTestId('inventory-count')).toHaveText(`Nothing is mapped at ${school.name} itself yet.`);

  // The district's map on a phone: summed over its schools, the table scrolls on its own.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/units/${districtId}/resources`);
  await expect(page.getByRole('heading', { level: 1, name: /^Resource map: / })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Map', exact: true })).toContainText(`(${districtMap.schools} schools)`);
  // A cell of the district's map lists its schools' resources too, each under its school's name.
  const below = (await leader.get<{ name: string; unitId: string; unitName: string; cells: string[] }[]>(`/api/units/${districtId}/resources?subtree=true`)).find((r) => r.unitId !== districtId)!;
  await page.getByRole('table', { name: /Intervention framework/ }).locator(`[data-cell="${below.cells[0]}"]`).click();
  const districtCell = page.getByTestId('cell-resources');
  const schoolGroup = districtCell.getByTestId('cell-unit').filter({ hasText: below.unitName });
  await expect(schoolGroup.getByRole('listitem').filter({ hasText: below.name })).toHaveCount(1);
  await expect(districtCell).not.toContainText('open their resource maps');
  await expectAccessible(page, 'a cell of the district map listing its schools’ resources');
  const bodyWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(bodyWidth, 'the page itself does not scroll sideways on a phone').toBeLessThanOrEqual(390);
  await expectAccessible(page, 'a district resource map on a phone');
  await leader.dispose();
});

// Last in this file: it adds an arena to the demo district's framework, which the test above counts.
test('a district leader adapts the intervention framework in the design document and the school maps show the new arena', async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const leader = await apiAs(baseURL!, 'districtLeader');
  const session = await leader.get<{ grants: { unitId: string }[] }>('/api/auth/session');
  const districtId = session.grants[0]!.unitId;
  const districtMap = await leader.get<MapAnswer>(`/api/units/${districtId}/resource-map`);
  const schoolId = districtMap.findings.find((f) => f.code === 'no_resources_mapped')!.unitIds[0]!;

  await signIn(page, 'districtLeader');
  await page.goto(`/units/${districtId}/design`);
  await page.getByRole('button', { name: 'Change the design document' }).click();
  await page.getByRole('button', { name: 'Add a change to the framework' }).click();
  await page.getByRole('combobox', { name: 'Change 1', exact: true }).click();
  await page.getByRole('option', { name: 'Add' }).click();
  await page.getByLabel('Short key of the new arena').fill('extended-day');
  await page.getByLabel('Name of the new arena').fill('Extended-day learning');
  await page.getByLabel('What the new arena covers').fill('Before- and after-school and summer programs that support learning.');
  await expectAccessible(page, 'a design document adapting the framework');
  await page.getByRole('button', { name: 'Save a new version' }).click();
  await expect(page.getByText(/Adapts the intervention framework: add arena extended-day/)).toBeVisible();

  await page.goto(`/units/${schoolId}`);
  await page.getByRole('link', { name: 'Resource map of student and learning supports' }).click();
  const matrix = page.getByRole('table', { name: /Intervention framework/ });
  await expect(matrix.getByRole('rowheader')).toHaveCount(7);
  await expect(matrix.getByRole('rowheader', { name: /Extended-day learning/ })).toBeVisible();
  await expectAccessible(page, 'a resource map on the adapted framework');
});
