// Agency benchmark instruments in the browser. The demo district leader opens the district's
// instruments (the shipped checklist with its version and citations), builds one from it — leaves an
// item out, adds one of the district's own from the keyboard (area, phase, evidence) — and saves it;
// the list shows who built it and what it changed, the added item saying who added it and citing no
// document. A school assessment is started on it (the left-out item is not there, the district's own
// is), and the team is recorded: two assessors chosen from the keyboard and an overall note. A
// leader publishes a new version (an item reworded, who changed it and what it said shown) and retires
// the old one (no longer offered), and edits a celebration they added. Axe-clean on every page state
// and dialog.
import { expect, test, type Page } from '@playwright/test';
import { ACCOUNTS } from './support/accounts';
import { expectAccessible } from './support/axe';
import { apiAs, signIn } from './support/session';

interface Instrument {
  id: string;
  version: string;
  name: string;
  areas: { key: string; label: string }[];
  items: { key: string; title: string; area: string; addedBy?: string; source?: unknown }[];
  removed?: { key: string; title: string }[];
  owner: { unitId: string; unitName: string } | null;
  createdByName: string | null;
}

/** The calendar quarter now and the seven before it (as the period picker offers them). */
function recentQuarters(count: number): string[] {
  const now = new Date();
  let year = now.getUTCFullYear();
  let q = Math.floor(now.getUTCMonth() / 3) + 1;
  const out: string[] = [];
  while (out.length < count) {
    out.push(`${year}-Q${q}`);
    q -= 1;
    if (q === 0) {
      q = 4;
      year -= 1;
    }
  }
  return out;
}

const tab = async (page: Page, times = 1) => {
  for (let i = 0; i < times; i++) await page.keyboard.press('Tab');
};

test('the district leader builds an instrument from the checklist, a school assesses with it, and the team is recorded', async ({ page, baseURL }) => {
  test.setTimeout(240_000);
  const leader = await apiAs(baseURL!, 'districtLeader');
  const member = await apiAs(baseURL!, 'schoolMember');
  const districtId = (await leader.get<{ grants: { unitId: string }[] }>('/api/auth/session')).grants[0]!.unitId;
  const schoolId = (await member.get<{ grants: { unitId: string }[] }>('/api/auth/session')).grants[0]!.unitId;
  const district = await leader.get<{ name: string }>(`/api/units/${districtId}`);
  const school = await leader.get<{ name: string }>(`/api/units/${schoolId}`);
  const shipped = (await leader.get<{ benchmark: Instrument[] }>(`/api/units/${districtId}/progress-instruments`)).benchmark.find((i) => i.owner === null)!;
  const leftOut = shipped.items[1]!;
  const name = `Family partnership checklist ${Date.now().toString(36)}`;
  const own = { title: 'Family nights are held each term', evidence: 'Sign-in sheets and the flyer sent home.' };

  // The district's instruments: the shipped checklist with its version, each item citing its source.
  await signIn(page, 'districtLeader');
  await page.goto(`/units/${districtId}/progress`);
  await page.getByRole('navigation', { name: 'Progress sections' }).getByRole('link', { name: 'Instruments' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Benchmark instruments: ${district.name}` })).toBeVisible();
  const shippedCard = page.getByTestId('instrument').filter({ has: page.getByRole('heading', { name: shipped.name }) });
  await expect(shippedCard).toContainText(`Version ${shipped.version}`);
  await expect(shippedCard).toContainText('Shipped checklist');
  await shippedCard.getByText(`Show the ${shipped.items.length} items`).click();
  await expect(shippedCard.getByTestId('instrument-item')).toHaveCount(shipped.items.length);
  await expect(shippedCard.getByTestId('instrument-item').filter({ hasText: leftOut.title })).toContainText('Source:');
  await expectAccessible(page, 'the district’s instruments with the checklist’s items shown');

  // Build one from the checklist.
  await page.getByRole('link', { name: 'Build an instrument' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Build a benchmark instrument for ${district.name}` })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Starting point' })).toHaveValue(`${shipped.id}@${shipped.version}`);
  await expect(page.getByTestId('builder-item')).toHaveCount(shipped.items.length);
  await expectAccessible(page, 'the instrument builder');
  await page.getByRole('textbox', { name: 'Name' }).fill(name);
  await expect(page.getByRole('textbox', { name: 'Id' })).toHaveValue(name.toLowerCase().replace(/ /g, '-'));

  // One item left out: it moves to "Left out", from where it could be put back.
  await page.getByTestId('builder-item').filter({ hasText: leftOut.title }).getByRole('button', { name: 'Leave out' }).click();
  await expect(page.getByTestId('builder-item')).toHaveCount(shipped.items.length - 1);
  await expect(page.getByTestId('builder-left-out')).toContainText(leftOut.title);
  await expectAccessible(page, 'the builder with an item left out');

  // One item of the district's own, added from the keyboard.
  await page.getByRole('button', { name: 'Add an item' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Add an item' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('textbox', { name: 'Item' })).toBeFocused();
  await expect(dialog).toContainText(`cites no document; it says that ${district.name} added it`);
  await expectAccessible(page, 'the add-an-item dialog');
  await page.keyboard.type(own.title);
  await tab(page);
  await expect(dialog.getByRole('combobox', { name: 'Area' })).toBeFocused();
  await page.keyboard.type('Communication');
  await expect(dialog.getByRole('combobox', { name: 'Area' })).toHaveValue('communication');
  await tab(page);
  await expect(dialog.getByRole('combobox', { name: 'Phase' })).toBeFocused();
  await page.keyboard.type('Ongoing');
  await tab(page);
  await expect(dialog.getByRole('textbox', { name: 'What counts as evidence' })).toBeFocused();
  // Sent without evidence first: refused in the dialog, the box named and focused.
  await tab(page, 2);
  await expect(dialog.getByRole('button', { name: 'Add the item' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('textbox', { name: 'What counts as evidence' })).toBeFocused();
  await expect(dialog).toContainText('Must not be empty: say what counts as evidence');
  await expectAccessible(page, 'the add-an-item dialog refusing an item without evidence');
  await page.keyboard.type(own.evidence);
  await tab(page, 2);
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  const added = page.getByTestId('builder-item').filter({ hasText: own.title });
  await expect(added).toContainText('Added');
  await expect(added).toContainText('Ongoing');
  await expect(page.getByTestId('builder-summary')).toContainText(`${shipped.items.length} items: ${shipped.items.length - 1} as the starting point has them, 0 reworded, 1 added; 1 left out.`);
  await expectAccessible(page, 'the builder with an item added');

  await page.getByRole('button', { name: 'Save the instrument' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Benchmark instruments: ${district.name}` })).toBeVisible();
  const card = page.getByTestId('instrument').filter({ has: page.getByRole('heading', { name }) });
  await expect(card).toContainText(`Built for ${district.name} by ${ACCOUNTS.districtLeader.name}`);
  await expect(card.getByTestId('instrument-departures')).toContainText(`${shipped.items.length - 1} kept as written, 0 reworded, 1 left out, 1 added. Left out: ${leftOut.title}.`);
  await card.getByText(`Show the ${shipped.items.length} items`).click();
  const ownItem = card.getByTestId('instrument-item').filter({ hasText: own.title });
  await expect(ownItem.getByTestId('added-by')).toHaveText(`Added by ${district.name}; it cites no document.`);
  await expect(ownItem).not.toContainText('Source:');
  await expectAccessible(page, 'the instruments with the district’s own');

  // What the server holds.
  const built = (await leader.get<{ benchmark: Instrument[] }>(`/api/units/${schoolId}/progress-instruments`)).benchmark.find((i) => i.name === name)!;
  expect(built.items.map((i) => i.key)).not.toContain(leftOut.key);
  expect(built.items.find((i) => i.title === own.title)).toMatchObject({ area: 'communication', addedBy: district.name });
  expect(built.removed).toEqual([{ key: leftOut.key, title: leftOut.title }]);

  // A school assessment started on it, from the school's instruments.
  // The oldest quarter offered that the school has not assessed: progress.spec.ts takes the newest
  // free one for the school's own assessment, and its milestones read the latest period's ratings.
  const taken = new Set((await leader.get<{ period: string }[]>(`/api/units/${schoolId}/benchmark-assessments`)).map((a) => a.period));
  const period = recentQuarters(8).reverse().find((p) => !taken.has(p))!;
  await page.goto(`/units/${schoolId}/progress/instruments`);
  await expect(page.getByRole('heading', { level: 1, name: `Benchmark instruments: ${school.name}` })).toBeVisible();
  await page.getByRole('combobox', { name: 'Instrument' }).selectOption(`${built.id}@${built.version}`);
  await page.getByRole('combobox', { name: 'Period' }).selectOption(period);
  await expectAccessible(page, 'the school’s instruments, an instrument chosen to assess with');
  await page.getByRole('button', { name: `Start the ${period} assessment` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Benchmark assessment ${period}: ${school.name}` })).toBeVisible();
  await expect(page.getByText(`${name} (version ${built.version})`)).toBeVisible();
  await expect(page.getByTestId('rated-count')).toHaveText(`0 of ${built.items.length} rated`);
  await expect(page.getByRole('radiogroup', { name: own.title })).toBeVisible();
  await expect(page.getByRole('radiogroup', { name: leftOut.title })).toHaveCount(0);
  await expect(page.getByTestId('assessors')).toHaveText(ACCOUNTS.districtLeader.name);
  await expectAccessible(page, 'an assessment on the district’s instrument');

  // The team: the leader who started it and the school's member, chosen from the keyboard, and a note.
  await page.getByRole('button', { name: 'Name the team and note' }).click();
  const team = page.getByRole('dialog', { name: 'Who assessed' });
  await expect(team).toBeVisible();
  await expectAccessible(page, 'the team dialog');
  const picker = team.getByRole('combobox', { name: 'Assessors' });
  await picker.focus();
  await page.keyboard.type(ACCOUNTS.schoolMember.name.split(' ')[0]!);
  const option = page.getByRole('option', { name: new RegExp(`^${ACCOUNTS.schoolMember.name}`) });
  await expect(option).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await expect(team).toBeVisible();
  await team.getByRole('textbox', { name: 'Overall note' }).fill('Rated together at the school’s planning team meeting.');
  await expectAccessible(page, 'the team dialog with two assessors');
  await team.getByRole('button', { name: 'Save the team' }).click();
  await expect(team).toHaveCount(0);
  await expect(page.getByTestId('assessors')).toHaveText([ACCOUNTS.districtLeader.name, ACCOUNTS.schoolMember.name].sort().join(', '));
  await expect(page.getByTestId('assessment-note')).toHaveText('Note: Rated together at the school’s planning team meeting.');
  await expectAccessible(page, 'the assessment with its team');
  const assessmentId = page.url().split('/').pop()!;
  const saved = await leader.get<{ assessors: { name: string }[]; note: string; instrument: { id: string } }>(`/api/benchmark-assessments/${assessmentId}`);
  expect(saved.assessors.map((p) => p.name).sort()).toEqual([ACCOUNTS.districtLeader.name, ACCOUNTS.schoolMember.name].sort());
  expect(saved.instrument.id).toBe(built.id);
  await leader.dispose();
  await member.dispose();
});

test('a leader edits a celebration they added', async ({ page, baseURL }) => {
  const leader = await apiAs(baseURL!, 'districtLeader');
  const districtId = (await leader.get<{ grants: { unitId: string }[] }>('/api/auth/session')).grants[0]!.unitId;
  const title = `First family night ${Date.now().toString(36)}`;
  await leader.post('/api/celebrations', { unitId: districtId, title, celebratedOn: new Date().toISOString().slice(0, 10) });
  await signIn(page, 'districtLeader');
  await page.goto(`/units/${districtId}/progress/celebrations`);
  const item = page.getByTestId('celebration').filter({ hasText: title });
  await item.getByRole('button', { name: 'Edit' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit the celebration' });
  await expect(dialog.getByRole('textbox', { name: 'What is celebrated' })).toHaveValue(title);
  await expectAccessible(page, 'the edit-a-celebration dialog');
  await dialog.getByRole('textbox', { name: 'What is celebrated' }).fill(`${title}, 80 families came`);
  await dialog.getByRole('textbox', { name: 'Description' }).fill('The gym was full.');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('celebration').filter({ hasText: `${title}, 80 families came` })).toContainText('The gym was full.');
  await expectAccessible(page, 'the celebrations after an edit');
  await leader.dispose();
});

test('a leader publishes a new version of the district’s instrument, rewording an item, and retires the old one', async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const leader = await apiAs(baseURL!, 'districtLeader');
  const districtId = (await leader.get<{ grants: { unitId: string }[] }>('/api/auth/session')).grants[0]!.unitId;
  const district = await leader.get<{ name: string }>(`/api/units/${districtId}`);
  const id = `versioned-${Date.now().toString(36)}`;
  const name = `Versioned checklist ${id}`;
  const v1 = await leader.post<Instrument>('/api/progress-instruments', {
    unitId: districtId,
    id,
    version: '2026.1.0',
    name,
    items: [{ key: 'family-nights', title: 'Family nights are held each term', area: 'communication', evidence: 'Sign-in sheets.' }],
  });
  const reworded = v1.items[0]!;

  await signIn(page, 'districtLeader');
  await page.goto(`/units/${districtId}/progress/instruments`);
  const card = (version: string) => page.getByTestId('instrument').filter({ has: page.getByRole('heading', { name }) }).filter({ hasText: `Version ${version}` });
  await card('2026.1.0').getByRole('link', { name: 'Publish a new version' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `New version of ${name}` })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Id' })).toHaveValue(id);
  await expect(page.getByRole('textbox', { name: 'Id' })).toBeDisabled();
  const version = await page.getByRole('textbox', { name: 'Version' }).inputValue();
  expect(version).toMatch(/^\d{4}\.\d{1,2}\.\d+$/);
  await page.getByTestId('builder-item').filter({ hasText: reworded.title }).getByRole('button', { name: 'Reword' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reword the item' });
  await expect(dialog).toContainText(`will say that ${district.name} reworded it`);
  await expectAccessible(page, 'the reword dialog');
  await dialog.getByRole('textbox', { name: 'Item' }).fill('The leadership team has a shared agenda for learning supports');
  await dialog.getByRole('button', { name: 'Keep the change' }).click();
  await expect(page.getByTestId('builder-item').filter({ hasText: 'The leadership team has a shared agenda' })).toContainText('Reworded');
  await page.getByRole('button', { name: 'Save the instrument' }).click();

  await expect(card(version)).toBeVisible();
  await expect(card(version).getByTestId('instrument-departures')).toContainText('1 reworded');
  await card(version).getByText(/^Show the \d+ items$/).click();
  await expect(card(version).getByTestId('changed-by')).toHaveText(`Reworded by ${district.name}; it said “${reworded.title}”.`);
  // Only the latest version offers a new one.
  await expect(card('2026.1.0').getByRole('link', { name: 'Publish a new version' })).toHaveCount(0);
  await expectAccessible(page, 'the instruments with two versions');

  await card('2026.1.0').getByRole('button', { name: 'Retire' }).click();
  const confirm = page.getByRole('dialog', { name: `Retire ${name} 2026.1.0?` });
  await expectAccessible(page, 'the retire dialog');
  await confirm.getByRole('button', { name: 'Retire' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(page.getByTestId('instruments-retired').getByRole('heading', { name })).toBeVisible();
  await expect(page.getByTestId('instruments-retired')).toContainText(`Retired by ${ACCOUNTS.districtLeader.name}`);
  // A retired instrument is not offered for a new assessment.
  const offered = await page.getByRole('combobox', { name: 'Instrument' }).locator('option').allTextContents();
  expect(offered).toContain(`${name} (${version})`);
  expect(offered).not.toContain(`${name} (2026.1.0)`);
  await expectAccessible(page, 'the instruments with one retired');
  await leader.dispose();
});
