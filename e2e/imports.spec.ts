// Directory import: the demo state administrator uploads a small NCES CCD school file (current
// layout) for the demo state. The preview counts one new school and names the two bad rows (a
// school whose district is missing, a grade that is not a grade); applying with those rows left out
// adds the school, which is then found in the organization tree. Then suggested feeder patterns
// are reviewed, one school moved to another high school from the keyboard, saved and applied.
// Axe-clean at each step.
import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/axe';
import { apiAs, signIn, uniqueDigits, type UnitDetail, type UnitSummary } from './support/session';
import { expandPath } from './support/tree';

test('the state administrator imports a CCD school file: two bad rows named, one school added and found in the tree', async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const admin = await apiAs(baseURL!, 'stateAdmin');
  // A demo district (the demo's LEAIDs are 99000NN) and its place in the tree.
  const [district] = await admin.get<UnitSummary[]>('/api/units?q=9900001&kind=district');
  const districtDetail = await admin.get<UnitDetail>(`/api/units/${district!.id}`);
  const schoolNo = uniqueDigits(5);
  const name = `Harbor View Elementary ${schoolNo}`;
  const file = [
    'SCHOOL_YEAR,FIPST,ST,SCH_NAME,LEA_NAME,ST_LEAID,LEAID,ST_SCHID,NCESSCH,LCITY,LZIP,SY_STATUS,SCH_TYPE,CHARTER_TEXT,GSLO,GSHI,LEVEL',
    `2024-2025,99,LK,${name},${district!.name},LK-1,9900001,LK-1-${schoolNo},9900001${schoolNo},Harbor,55501,1,1,No,KG,05,Elementary`,
    `2024-2025,99,LK,Nowhere Middle School,Nowhere ISD,LK-9,9999999,LK-9-1,999999900001,Nowhere,55502,1,1,No,06,08,Middle`,
    `2024-2025,99,LK,Odd Grades Academy,${district!.name},LK-1,9900001,LK-1-X,990000199998,Harbor,55501,1,1,No,KG,X9,Other`,
  ].join('\n');

  await signIn(page, 'stateAdmin');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Directory import' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Directory import' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Import into' })).toHaveValue(/State of Lakeland \(demo\)/);
  await expectAccessible(page, 'the import page');

  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'CCD school file' }).click();
  await (await chooser).setFiles({ name: 'lakeland-schools.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
  await page.getByRole('button', { name: 'Preview the import' }).click();

  const run = page.getByTestId('import-run');
  await expect(run.getByRole('heading', { name: 'Preview of the directory import into State of Lakeland (demo)' })).toBeVisible();
  const counts = page.getByRole('table', { name: /What applying would do/ });
  await expect(counts.getByRole('row', { name: /^Schools/ })).toHaveText(/Schools1000/);
  const problems = page.getByTestId('import-problems');
  await expect(run.getByRole('heading', { name: '2 problems: rows that cannot be used' })).toBeVisible();
  await expect(problems.getByRole('row').filter({ hasText: 'Nowhere Middle School' })).toContainText('its district (LEAID 9999999) is neither in the LEA file nor in State of Lakeland (demo)');
  await expect(problems.getByRole('row').filter({ hasText: 'Odd Grades Academy' })).toContainText('"X9" is not a grade');
  await expect(page.getByTestId('import-changes')).toContainText(name);
  await expectAccessible(page, 'a preview with two bad rows');

  // Applying needs the bad rows left out on purpose.
  const apply = page.getByRole('button', { name: /^Apply: 1 change/ });
  await expect(apply).toBeDisabled();
  await page.getByRole('checkbox', { name: 'Leave out the 2 rows with problems and import everything else' }).check();
  await apply.click();
  await expect(run.getByRole('heading', { name: 'Imported into State of Lakeland (demo)' })).toBeVisible();
  await expect(page.getByTestId('status-message')).toContainText('Imported into State of Lakeland (demo): 1 created, 0 updated, 0 archived.');
  await expectAccessible(page, 'the import applied');

  // The new school, in the tree under its district.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organization' }).click();
  const item = await expandPath(page, [...districtDetail.ancestors.map((a) => a.name), district!.name, name]);
  await expect(item).toBeVisible();
  await expect(item).toHaveAccessibleDescription('School');
  await expectAccessible(page, 'the tree opened down to the imported school');
  await admin.dispose();
});

test('the state administrator reviews suggested feeder patterns, moves a school by keyboard and applies', async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const admin = await apiAs(baseURL!, 'stateAdmin');
  await signIn(page, 'stateAdmin');
  await page.goto('/imports');
  await expect(page.getByRole('heading', { level: 1, name: 'Directory import' })).toBeVisible();
  await page.getByRole('button', { name: 'Suggest feeder patterns' }).click();
  const review = page.getByTestId('feeder-review');
  await expect(review).toContainText('with several high schools');
  // The demo's schools carry a ZIP and a town but no coordinates: suggestions come by ZIP code or town.
  const firstTable = review.getByTestId('feeder-district').first();
  await expect(firstTable).toBeVisible();
  const district = ((await firstTable.locator('caption').textContent()) ?? '').split(':')[0]!;
  const select = firstTable.getByRole('combobox').first();
  const suggested = await select.locator('option:checked').textContent();
  const schoolName = (await firstTable.getByRole('rowheader').first().textContent())!;
  await expectAccessible(page, 'suggested feeder patterns');

  // Choose, from the keyboard, the district's high school whose feeder pattern the school is not in; save, apply.
  // The demo repeats school names across districts: the one of this district.
  const schoolInDistrict = async () => {
    for (const u of await admin.get<UnitSummary[]>(`/api/units?q=${encodeURIComponent(schoolName)}&kind=school`)) {
      const d = await admin.get<UnitDetail>(`/api/units/${u.id}`);
      if (u.name === schoolName && d.ancestors.some((a) => a.name === district)) return d;
    }
    throw new Error(`no ${schoolName} in ${district}`);
  };
  const before = await schoolInDistrict();
  const around = await admin.get<UnitSummary[]>(`/api/units/${before!.parentId}/children`);
  await select.focus();
  const options = await select.locator('option').allTextContents();
  // A high school other than the suggested one; one whose pattern the school is not in yet when there is one.
  const others = options.slice(1).filter((o) => o !== suggested);
  const target = others.find((o) => !around.some((u) => u.name === o)) ?? others[0]!;
  await select.selectOption({ label: target });
  await page.getByRole('button', { name: 'Save 1 change' }).click();
  await expect(page.getByTestId('status-message')).toContainText('Saved 1 change to the feeder patterns.');
  const feederRun = review.getByTestId('import-run');
  await expect(feederRun.getByRole('button', { name: /^Apply: \d+ change/ })).toBeEnabled();
  await feederRun.getByRole('button', { name: /^Apply: \d+ change/ }).press('Enter');
  await expect(feederRun.getByRole('heading', { name: /^Imported into / })).toBeVisible();
  await expectAccessible(page, 'feeder patterns applied');

  // The school now sits in the feeder pattern of the high school chosen for it.
  const detail = await schoolInDistrict();
  expect(detail.ancestors.map((a) => a.name)).toContain(district);
  expect(detail.ancestors.at(-1)!.kind).toBe('feeder_pattern');
  const pattern = await admin.get<UnitSummary[]>(`/api/units/${detail.ancestors.at(-1)!.id}/children`);
  expect(pattern.map((p) => p.name)).toContain(target);
  await admin.dispose();
});

test('the state administrator imports OneRoster orgs and users, reviews the role mapping from the keyboard and applies', async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const admin = await apiAs(baseURL!, 'stateAdmin');
  const n = uniqueDigits(6);
  const district = `Juniper Unified ${n}`;
  const school = `Juniper Elementary ${n}`;
  const orgs = ['sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId', `e2e-d-${n},active,2026-08-01T00:00:00Z,${district},district,,`, `e2e-s-${n},active,2026-08-01T00:00:00Z,${school},school,,e2e-d-${n}`, `e2e-x-${n},active,2026-08-01T00:00:00Z,Juniper College ${n},college,,e2e-d-${n}`].join('\n');
  const users = [
    'sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password',
    `e2e-u1-${n},active,2026-08-01T00:00:00Z,true,e2e-d-${n},administrator,ada${n},,Ada,Okafor,,,ada${n}@juniper.example.org,,,,,`,
    `e2e-u2-${n},active,2026-08-01T00:00:00Z,true,e2e-s-${n},teacher,ben${n},,Ben,Alvarez,,,ben${n}@juniper.example.org,,,,,`,
    `e2e-u3-${n},active,2026-08-01T00:00:00Z,true,e2e-s-${n},student,cy${n},,Cy,Student,,,cy${n}@student.juniper.example.org,,,,03,`,
  ].join('\n');

  await signIn(page, 'stateAdmin');
  await page.goto('/imports');
  await expect(page.getByRole('heading', { level: 1, name: 'Directory import' })).toBeVisible();
  // The kind of files, from the keyboard.
  await page.getByRole('radio', { name: 'NCES CCD directory files' }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radio', { name: 'OneRoster CSV' })).toBeChecked();
  await expectAccessible(page, 'the import page with OneRoster chosen');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radio', { name: 'Ed-Fi education organizations' })).toBeChecked();
  await expect(page.getByRole('button', { name: 'Ed-Fi JSON files' })).toBeVisible();
  await expectAccessible(page, 'the import page with Ed-Fi chosen');
  await page.keyboard.press('ArrowUp');
  await expect(page.getByRole('radio', { name: 'OneRoster CSV' })).toBeChecked();
  for (const [label, name, content] of [
    ['OneRoster orgs.csv', 'orgs.csv', orgs],
    ['OneRoster users.csv (optional)', 'users.csv', users],
  ] as const) {
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: label }).click();
    await (await chooser).setFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content) });
  }
  await page.getByRole('button', { name: 'Preview the import' }).click();

  const run = page.getByTestId('import-run');
  await expect(run.getByRole('heading', { name: 'Preview of the OneRoster import into State of Lakeland (demo)' })).toBeVisible();
  const counts = page.getByRole('table', { name: /What applying would do/ });
  await expect(counts.getByRole('row', { name: /^Districts/ })).toHaveText(/Districts1000/);
  await expect(counts.getByRole('row', { name: /^Schools/ })).toHaveText(/Schools1000/);
  await expect(page.getByTestId('import-problems').getByRole('row').filter({ hasText: `Juniper College ${n}` })).toContainText('"college" is not an org type Trellis imports');
  const mapping = page.getByTestId('role-mapping');
  await expect(mapping).toContainText('2 people to create');
  await expect(mapping.getByRole('combobox', { name: 'What the OneRoster role administrator becomes' })).toHaveValue('leader');
  await expect(mapping.getByRole('combobox', { name: 'What the OneRoster role teacher becomes' })).toHaveValue('member');
  await expect(mapping.getByRole('row', { name: /^student/ })).toContainText('Never imported');
  await expect(page.getByTestId('import-people')).toContainText(`ben${n}@juniper.example.org`);
  await expectAccessible(page, 'a OneRoster preview with the role mapping');

  // Teachers become viewers: chosen from the keyboard, saved; applying waits for the save.
  const teacher = mapping.getByRole('combobox', { name: 'What the OneRoster role teacher becomes' });
  await teacher.focus();
  await teacher.selectOption('viewer');
  const apply = run.getByRole('button', { name: /^Apply: / });
  await expect(apply).toBeDisabled();
  await page.getByRole('button', { name: 'Save the role mapping (1 change)' }).press('Enter');
  await expect(page.getByTestId('status-message')).toContainText('Role mapping saved: 2 people to create, 2 grants to add.');
  await page.getByRole('checkbox', { name: /Leave out the 1 row with problems/ }).check();
  await expect(apply).toBeEnabled();
  await apply.press('Enter');
  await expect(run.getByRole('heading', { name: 'Imported into State of Lakeland (demo)' })).toBeVisible();
  await expect(run).toContainText('people: 2 created, 0 updated, 2 grants added');
  await expectAccessible(page, 'the OneRoster import applied');

  // The teacher is a viewer at the school; the student is nobody.
  const ben = await admin.get<{ people: { id: string; name: string }[] }>(`/api/people?q=${encodeURIComponent(`ben${n}@`)}`);
  expect(ben.people.map((p) => p.name)).toEqual(['Ben Alvarez']);
  const grants = await admin.get<{ role: string; unitName?: string; unitId: string }[]>(`/api/people/${ben.people[0]!.id}/grants`);
  const [unit] = await admin.get<UnitSummary[]>(`/api/units?q=${encodeURIComponent(school)}&kind=school`);
  expect(grants.map((g) => [g.unitId, g.role])).toEqual([[unit!.id, 'viewer']]);
  const cy = await admin.get<{ people: unknown[] }>(`/api/people?q=${encodeURIComponent(`cy${n}@`)}`);
  expect(cy.people).toEqual([]);
  await admin.dispose();
});
