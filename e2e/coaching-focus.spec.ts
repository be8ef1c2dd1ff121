// Coaching focus areas and checklists (docs/decisions/0020): the demo district leader adapts the
// district's focus areas from the keyboard (adds one, rewords one), finds the demo's external coach
// (no home unit) in the new-engagement dialog, starts an engagement with the new area, and changes a
// saved facilitator checklist's answer to "no" with why and the action taken — meeting a stale
// version on the way (409: shown, reloaded, saved). Axe-clean on every state and dialog.
//
// It leaves the demo's own engagements, coach caseload and checklist as they were (coaching.spec.ts
// reads them): the engagement is coached by the district leader, the checklist is at a school with
// no engagement.
import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/axe';
import { ACCOUNTS } from './support/accounts';
import { apiAs, signIn } from './support/session';

const ADDED = { label: 'Family learning nights', text: 'Plan and hold family learning nights with every feeder pattern' };
const REWORDED = { from: 'Updating resource mapping', label: 'Refreshing the resource map', text: 'Refresh the resource map each fall and share what changed' };

test('a district leader adapts the focus areas, starts an engagement with the new one, and changes a saved checklist answer to no', async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  await signIn(page, 'districtLeader');
  const session = await page.evaluate(() => fetch('/api/auth/session').then((r) => r.json() as Promise<{ person: { id: string }; grants: { unitId: string }[] }>));
  const districtId = session.grants[0]!.unitId;
  await page.goto(`/units/${districtId}/coaching`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Coaching at');

  // ---- Focus areas: the shipped list, cited.
  await page.getByRole('tab', { name: 'Focus areas' }).click();
  const table = page.getByTestId('focus-areas');
  await expect(table.getByRole('row')).toHaveCount(16);
  await expect(page.getByTestId('focus-area-celebrate-progress')).toContainText('Appendix B, Planning Coaching guide');
  await expectAccessible(page, 'the district’s focus areas as shipped');

  // Adding one, from the keyboard alone.
  await page.getByRole('button', { name: 'Add a focus area' }).focus();
  await page.keyboard.press('Enter');
  const add = page.getByRole('dialog', { name: /Add a focus area for/ });
  await expect(add.getByLabel('Short name')).toBeFocused();
  await expectAccessible(page, 'the add focus area dialog');
  // Sending it empty: the fields say what is missing.
  await add.getByRole('button', { name: 'Add focus area' }).click();
  await expect(add.getByText('must not be empty').first()).toBeVisible();
  await expectAccessible(page, 'the add focus area dialog refusing empty fields');
  await add.getByLabel('Short name').focus();
  await page.keyboard.type(ADDED.label);
  await page.keyboard.press('Tab');
  await page.keyboard.type(ADDED.text);
  await page.keyboard.press('Tab'); // Cancel
  await page.keyboard.press('Tab'); // Add focus area
  await expect(add.getByRole('button', { name: 'Add focus area' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('status-message')).toContainText(`Added the focus area “${ADDED.label}”`);
  await expect(add).toHaveCount(0);
  const added = page.getByTestId('focus-area-family-learning-nights');
  await expect(added).toContainText(ADDED.text);
  await expect(added).toContainText(`Added by ${ACCOUNTS.districtLeader.name}`);

  // Rewording a shipped one: it keeps its citation and shows the guide's words beside the new ones.
  await page.getByRole('button', { name: `Reword ${REWORDED.from}` }).click();
  const reword = page.getByRole('dialog', { name: `Reword “${REWORDED.from}”` });
  await expect(reword.getByLabel('Short name')).toHaveValue(REWORDED.from);
  await expectAccessible(page, 'the reword focus area dialog');
  await reword.getByLabel('Short name').fill(REWORDED.label);
  await reword.getByLabel('Coaches and mentors can prepare leaders to…').fill(REWORDED.text);
  await reword.getByRole('button', { name: 'Save words' }).click();
  await expect(page.getByTestId('status-message')).toContainText(`Saved the new words of “${REWORDED.label}”`);
  const reworded = page.getByTestId('focus-area-update-resource-mapping');
  await expect(reworded.getByRole('rowheader')).toHaveText(REWORDED.label);
  await expect(reworded).toContainText(`Reworded by ${ACCOUNTS.districtLeader.name}`);
  await expect(reworded).toContainText('says: “Updating resource mapping” — “Update and deepen resource mapping and analyses”');
  await expectAccessible(page, 'the district’s adapted focus areas');
  // Retiring asks why (optional) and says what stays; cancelled here.
  await page.getByRole('button', { name: `Retire ${ADDED.label}` }).click();
  const retire = page.getByRole('dialog', { name: `Retire “${ADDED.label}”?` });
  await expect(retire).toContainText('Engagements and contacts that named it keep it.');
  await expectAccessible(page, 'the retire focus area dialog');
  await page.keyboard.press('Escape');
  await expect(retire).toHaveCount(0);
  await expect(page.getByRole('button', { name: `Retire ${ADDED.label}` })).toBeFocused();

  // ---- A new engagement chooses from the adapted list; the external coach (no home unit) is findable.
  await page.getByRole('tab', { name: 'Coverage' }).click();
  await page.getByRole('button', { name: 'New engagement' }).click();
  const dialog = page.getByRole('dialog', { name: /New engagement at/ });
  await expect(dialog.getByRole('checkbox', { name: ADDED.label })).toBeVisible();
  await expect(dialog.getByRole('checkbox', { name: REWORDED.label })).toBeVisible();
  await expect(dialog.getByRole('checkbox', { name: REWORDED.from })).toHaveCount(0);
  const coach = dialog.getByRole('combobox', { name: 'Coach or mentor' });
  await coach.fill('Avery');
  await expect(page.getByRole('option', { name: /^Jordan Avery \(coach@demo\.trellis\.test\) — external, no home unit/ })).toBeVisible();
  await expectAccessible(page, 'the new engagement dialog finding an external coach');
  await coach.fill('Marcus Bell');
  await page.getByRole('option', { name: new RegExp(`^Marcus Bell \\(${ACCOUNTS.districtLeader.email.replace(/\./g, '\\.')}`) }).click();
  await dialog.getByRole('radio', { name: 'Internal' }).check();
  await dialog.getByRole('radio', { name: /as a whole$/ }).check();
  await dialog.getByRole('checkbox', { name: ADDED.label }).check();
  await dialog.getByLabel('Goals').fill('Family nights in every feeder pattern by spring.');
  await expectAccessible(page, 'the new engagement dialog filled in');
  await dialog.getByRole('button', { name: 'Set up engagement' }).click();
  await expect(page.getByTestId('status-message')).toContainText('by Marcus Bell');
  await expect(dialog).toHaveCount(0);
  const engagementId = await page.evaluate(async (id) => {
    const items = (await fetch(`/api/units/${id}/coaching/engagements`).then((r) => r.json())) as { engagement: { id: string; focusAreaKeys: string[] } }[];
    return items.find((i) => i.engagement.focusAreaKeys.includes('family-learning-nights'))?.engagement.id ?? null;
  }, districtId);
  expect(engagementId).not.toBeNull();
  await page.goto(`/coaching/engagements/${engagementId}`);
  await expect(page.getByRole('region', { name: /Cadence today/ })).toContainText(ADDED.label);
  await expectAccessible(page, 'an engagement on the district’s own focus area');

  // ---- A saved checklist: changed to "no" with why and the action taken; a stale save is reloaded.
  const leader = await apiAs(baseURL!, 'districtLeader');
  const schools = (await leader.get<{ id: string; kind: string }[]>(`/api/units/${districtId}/subtree`)).filter((u) => u.kind === 'school');
  const site = schools[schools.length - 1]!;
  const yesterday = new Date(Date.parse(`${new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Chicago' }).format(new Date())}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const check = await leader.post<{ id: string; version: number }>('/api/coaching/facilitator-checks', {
    facilitatorPersonId: session.person.id,
    unitId: site.id,
    checkedOn: yesterday,
    answers: [
      { itemKey: 'negotiate-agreements', answer: 'yes' },
      { itemKey: 'identify-administrative-lead', answer: 'yes' },
    ],
  });
  await page.goto(`/units/${site.id}/coaching`);
  await page.getByRole('tab', { name: 'Facilitator checklists' }).click();
  const card = page.getByTestId('facilitator-check').filter({ hasText: ACCOUNTS.districtLeader.name });
  await expect(card).toContainText('2 yes');
  await card.getByRole('button', { name: /^Change the answers of Marcus Bell/ }).click();
  const edit = page.getByRole('dialog', { name: /^Checklist of Marcus Bell/ });
  const item = edit.getByRole('radiogroup', { name: /Identifies an administrative lead/ });
  await expect(item.getByRole('radio', { name: 'Yes' })).toBeChecked();
  await expectAccessible(page, 'the change checklist dialog');
  await item.getByRole('radio', { name: 'No' }).check();
  // A no without why or action is refused, naming both.
  await edit.getByRole('button', { name: 'Save checklist' }).click();
  await expect(edit.getByText('is required for a no: say why it is not so')).toBeVisible();
  await expect(edit.getByText('is required for a no: say what was done to address the breakdown')).toBeVisible();
  await expectAccessible(page, 'the change checklist dialog refusing a no without why');
  await edit.getByLabel('Why not').fill('The superintendent has not named a lead yet.');
  await edit.getByLabel('Action taken to address the breakdown').fill('Asked the superintendent to name one by Friday.');
  // Someone else changes the checklist meanwhile: the save is refused as stale.
  await leader.patch(`/api/coaching/facilitator-checks/${check.id}`, { version: check.version, answers: [{ itemKey: 'negotiate-agreements', answer: 'yes' }, { itemKey: 'identify-administrative-lead', answer: 'yes' }, { itemKey: 'help-form-and-prepare-team', answer: 'yes' }] });
  await edit.getByRole('button', { name: 'Save checklist' }).click();
  await expect(edit.getByTestId('problem-alert')).toContainText('changed by someone else');
  await expectAccessible(page, 'the change checklist dialog after a stale save');
  await edit.getByRole('button', { name: 'Reload the latest version' }).click();
  await expect(edit.getByTestId('problem-alert')).toHaveCount(0);
  // The reload brought the other person's answers (the no is gone): answer it again.
  await expect(item.getByRole('radio', { name: 'Yes' })).toBeChecked();
  await item.getByRole('radio', { name: 'No' }).check();
  await edit.getByLabel('Why not').fill('The superintendent has not named a lead yet.');
  await edit.getByLabel('Action taken to address the breakdown').fill('Asked the superintendent to name one by Friday.');
  await edit.getByRole('button', { name: 'Save checklist' }).click();
  await expect(page.getByTestId('status-message')).toContainText('Saved the checklist of Marcus Bell');
  await expect(edit).toHaveCount(0);
  await expect(card.getByRole('button', { name: /^Change the answers of Marcus Bell/ })).toBeFocused();
  await expect(card).toContainText('Infrastructure tasks: 2 yes, 1 no, 0 open');
  await expect(card).toContainText('Why: The superintendent has not named a lead yet.. Action taken: Asked the superintendent to name one by Friday.');
  await expectAccessible(page, 'the checklist with its breakdown');
  await leader.dispose();
});
