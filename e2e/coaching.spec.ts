// Coaching: the demo's external coach (coach@demo.trellis.test, no grant: their access comes from
// their engagements) signs in on a phone, sees only their caseload with the overdue engagement
// first and why, logs an e-coaching call and an onsite visit for it and watches it turn on track;
// then the district leader ends the engagement and the coach's access to that school goes.
// Axe-clean on the caseload, the engagement page and the unit's coaching views.
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './support/axe';
import { DEMO_PASSWORD } from './support/accounts';
import { signIn } from './support/session';

const COACH = { email: 'coach@demo.trellis.test', name: 'Jordan Avery' };

async function signInAsCoach(page: Page) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(COACH.email);
  await page.getByRole('textbox', { name: 'Password' }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/organization$/);
}

/** The page does not scroll sideways (everything fits the phone's width). */
async function expectFitsWidth(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('an external coach logs a call and an onsite visit for an overdue engagement, which turns on track; when it ends their access goes', async ({ page, browser }) => {
    test.setTimeout(120_000);
    await signInAsCoach(page);
    await page.getByRole('button', { name: 'Open navigation' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Coaching' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Coaching' })).toBeVisible();

    // Only their own engagements (the ended one is not listed), most urgent first, each with why.
    const items = page.getByTestId('caseload-item');
    await expect(items).toHaveCount(3);
    await expect(items.nth(0)).toHaveAttribute('data-state', 'overdue');
    await expect(items.nth(1)).toHaveAttribute('data-state', 'due_soon');
    await expect(items.nth(2)).toHaveAttribute('data-state', 'on_track');
    await expect(items.nth(0).getByTestId('cadence-why')).toContainText(/A contact is overdue by \d+ days/);
    await expectFitsWidth(page);
    await expectAccessible(page, 'a coach’s caseload on a phone');
    // The caseload downloads in the same order, with why.
    const caseloadCsv = await page.request.get((await page.getByTestId('download-caseload-csv').getAttribute('href'))!);
    expect(caseloadCsv.status()).toBe(200);
    const csvLines = (await caseloadCsv.text()).trim().split('\n');
    expect(csvLines).toHaveLength(4);
    expect(csvLines[1]).toMatch(/,Overdue,A contact is overdue by \d+ days/);

    const overdueLink = items.nth(0).getByRole('link');
    const title = (await overdueLink.textContent())!;
    await overdueLink.click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    await expect(page.getByTestId('cadence-state').first()).toHaveText('Overdue');
    const engagementUrl = page.url();
    await expectFitsWidth(page);
    await expectAccessible(page, 'an overdue engagement on a phone');

    // An e-coaching call: the weekly contact is met, the monthly visit still overdue.
    const form = page.getByRole('region', { name: 'Log a contact' });
    await form.getByRole('radio', { name: 'Call (e-coaching)' }).check();
    await form.getByLabel('Minutes').fill('30');
    await form.getByRole('checkbox').first().check();
    await form.getByLabel('Notes').fill('Went over the team roster; two seats still open.');
    await form.getByLabel('Next step').fill('Send the principal the invitation template');
    await form.getByRole('button', { name: 'Log contact' }).click();
    await expect(page.getByTestId('status-message')).toContainText('Logged the call');
    await expect(page.getByTestId('engagement-why')).toContainText('An onsite visit is overdue');
    await expect(page.getByTestId('cadence-state').first()).toHaveText('Overdue');

    // The onsite visit: on track.
    await form.getByRole('radio', { name: 'Onsite visit' }).check();
    await form.getByLabel('Minutes').fill('90');
    await form.getByRole('button', { name: 'Log contact' }).click();
    await expect(page.getByTestId('cadence-state').first()).toHaveText('On track');
    await expect(page.getByTestId('contact')).toHaveCount(5);
    // The call's next step becomes a task of the school.
    await page.getByRole('button', { name: 'Make it a task' }).first().click();
    await expect(page.getByText('Task made').first()).toBeVisible();
    await expectFitsWidth(page);
    await expectAccessible(page, 'an engagement on track after two contacts');

    // The caseload: it is no longer first, and on track.
    await page.goBack();
    await page.goto('/coaching');
    await expect(items.nth(0)).toHaveAttribute('data-state', 'due_soon');
    await expect(page.getByTestId('caseload-item').filter({ hasText: title })).toHaveAttribute('data-state', 'on_track');

    // The district leader ends the engagement (in a desktop browser of their own).
    const leaderContext = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const leaderPage = await leaderContext.newPage();
    await signIn(leaderPage, 'districtLeader');
    await leaderPage.goto(engagementUrl);
    await expect(leaderPage.getByRole('heading', { level: 1 })).toHaveText(title);
    await expect(leaderPage.getByText('Went over the team roster')).toBeVisible(); // a leader reads the notes
    await leaderPage.getByRole('button', { name: 'End engagement' }).click();
    await leaderPage.getByRole('dialog').getByRole('button', { name: 'End engagement' }).click();
    await expect(leaderPage.getByTestId('status-message')).toContainText('The engagement has ended');
    await leaderContext.close();

    // The coach's access to that school is gone at their next request.
    await page.goto(engagementUrl);
    await expect(page.getByTestId('problem-alert')).toContainText('was not found');
    await page.goto('/coaching');
    await expect(items).toHaveCount(2);
    await expect(page.getByTestId('caseload-item').filter({ hasText: title })).toHaveCount(0);
  });
});

test('a district leader reads a school’s coverage, checklists, hand-over and reports, each axe-clean', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, 'districtLeader');
  const session = await page.evaluate(() => fetch('/api/auth/session').then((r) => r.json() as Promise<{ grants: { unitId: string }[] }>));
  const districtId = session.grants[0]!.unitId;
  await page.goto(`/units/${districtId}/coaching`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Coaching at');
  await expect(page.getByTestId('caseload-item').first()).toBeVisible();
  await expectAccessible(page, 'a district’s coaching coverage');
  // A leader logs a contact from the keyboard alone: type, Tab to the button, Enter.
  const first = page.getByTestId('caseload-item').first().getByRole('link');
  await first.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: 'Log a contact' })).toBeVisible();
  const contacts = page.getByTestId('contact');
  const before = await contacts.count();
  await page.getByLabel('Notes').focus();
  await page.keyboard.type('Checked in by phone about the agenda.');
  await page.keyboard.press('Tab'); // Next step
  await page.keyboard.press('Tab'); // Log contact
  await expect(page.getByRole('button', { name: 'Log contact' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('status-message')).toContainText('Logged the call');
  await expect(contacts).toHaveCount(before + 1);
  // Adjusting the cadence: a contact every 10 days instead of 7.
  await page.getByRole('button', { name: 'Change engagement' }).click();
  const change = page.getByRole('dialog', { name: 'Change the engagement' });
  await expect(change.getByLabel('A contact every (days)')).toHaveValue('7');
  await expectAccessible(page, 'the change engagement dialog');
  await change.getByLabel('A contact every (days)').fill('10');
  await change.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('status-message')).toContainText('Saved the engagement');
  // The contact just logged (today in Chicago) is now due again ten days on.
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Chicago' }).format(new Date());
  const inTenDays = new Date(Date.parse(`${today}T00:00:00Z`) + 10 * 86_400_000).toISOString().slice(0, 10);
  await expect(page.getByTestId('engagement-why')).toContainText(`A contact is due by ${inTenDays}`);
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Coaching at');

  // Setting up an engagement: the dialog is axe-clean and closes from the keyboard.
  await page.getByRole('button', { name: 'New engagement' }).click();
  const dialog = page.getByRole('dialog', { name: /New engagement at/ });
  await expect(dialog.getByRole('checkbox', { name: 'Celebrating progress' })).toBeVisible();
  await expectAccessible(page, 'the new engagement dialog');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  // The school with the demo's facilitator checklist.
  const schoolId = await page.evaluate(async (id) => {
    const items = (await fetch(`/api/units/${id}/coaching/engagements?subtree=true&includeEnded=true`).then((r) => r.json())) as { engagement: { unitId: string } }[];
    for (const unitId of new Set(items.map((i) => i.engagement.unitId))) {
      // coaching-focus.spec.ts (run first) adds checklists of its own: find the demo's by its words.
      const checks = await fetch(`/api/units/${unitId}/coaching/facilitator-checks`).then((r) => r.text());
      if (checks.includes('Two of the five seats are still empty')) return unitId;
    }
    return null;
  }, districtId);
  expect(schoolId).not.toBeNull();
  await page.goto(`/units/${schoolId}/coaching`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Coaching at');
  await page.getByRole('tab', { name: 'Facilitator checklists' }).click();
  await expect(page.getByTestId('facilitator-check').filter({ hasText: 'Two of the five seats are still empty' })).toHaveCount(1);
  await expectAccessible(page, 'facilitator checklists');
  await page.getByRole('tab', { name: 'Hand-over' }).click();
  await expect(page.getByTestId('sustain-readiness')).toBeVisible();
  await expectAccessible(page, 'the hand-over plan');
  await page.getByRole('tab', { name: 'Reports' }).click();
  await expect(page.getByTestId('contacts-by-month')).toBeVisible();
  await expect(page.getByTestId('compliance-table').getByRole('row').nth(1)).toBeVisible();
  await expectAccessible(page, 'coaching reports');

  // The mail outbox (an administrator's own messages; all of them for a system administrator).
  await page.goto('/coaching/outbox');
  await expect(page.getByRole('heading', { level: 1, name: 'Mail outbox' })).toBeVisible();
  await expect(page.getByText('Mail is not being sent')).toBeVisible();
  await expectAccessible(page, 'the mail outbox');
});
