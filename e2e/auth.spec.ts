// Signing in and out, and what the app does without a session.
import { expect, test } from '@playwright/test';
import { ACCOUNTS, DEMO_PASSWORD } from './support/accounts';
import { expectAccessible } from './support/axe';
import { signIn } from './support/session';

test('sends a visitor without a session to sign-in, then on to the page they asked for', async ({ page }) => {
  await page.goto('/people?q=ana');
  await expect(page).toHaveURL(/\/sign-in\?redirect=/);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expect(page).toHaveTitle('Sign in · Trellis');
  await expectAccessible(page, 'the sign-in page');

  await page.getByLabel('Email').fill(ACCOUNTS.stateAdmin.email);
  await page.getByRole('textbox', { name: 'Password' }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/people\?q=ana$/);
  await expect(page.getByRole('heading', { level: 1, name: 'People' })).toBeVisible();
});

test('says clearly when the password is wrong, and when there were too many attempts', async ({ page }) => {
  await page.goto('/sign-in');
  const email = `nobody.${Date.now()}@demo.trellis.test`;
  await page.getByLabel('Email').fill(email);
  const password = page.getByRole('textbox', { name: 'Password' });
  const submit = page.getByRole('button', { name: 'Sign in', exact: true });

  // The server allows five failed attempts per email in 15 minutes; the sixth is refused with 429.
  for (let attempt = 1; attempt <= 5; attempt++) {
    await password.fill(`wrong-password-${attempt}`);
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/auth/login'));
    await submit.click();
    expect((await answer).status()).toBe(401);
    await expect(page.getByTestId('sign-in-error')).toContainText('The email or password is not right');
  }
  await expectAccessible(page, 'the sign-in page with an error');

  await password.fill('wrong-password-6');
  const answer = page.waitForResponse((r) => r.url().endsWith('/api/auth/login'));
  await submit.click();
  expect((await answer).status()).toBe(429);
  await expect(page.getByTestId('sign-in-error')).toContainText('Too many attempts');
  await expect(page.getByTestId('sign-in-error')).toContainText('Too many failed sign-in attempts');
  await expect(page).toHaveURL(/\/sign-in/);
});

test('asks for the email and password before sending anything', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Email')).toBeFocused();
  await expect(page.getByText('Enter your email address')).toBeVisible();
  await expect(page.getByText('Enter your password')).toBeVisible();
});

test('a member sees no audit link, and the audit page tells them it is for administrators', async ({ page }) => {
  await signIn(page, 'schoolMember');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Organization' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'People' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Audit' })).toHaveCount(0);

  await page.goto('/audit');
  await expect(page.getByText('Only administrators can read the audit trail')).toBeVisible();
  await expectAccessible(page, 'the audit page refused to a member');
});

test('signing out ends the session: the app asks to sign in again', async ({ page }) => {
  await signIn(page, 'districtLeader');
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto('/organization');
  await expect(page).toHaveURL(/\/sign-in\?redirect=/);
});

test('the skip link is the first stop on the keyboard and moves to the main content', async ({ page }) => {
  await signIn(page, 'stateAdmin');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Organization' })).toBeVisible();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
});

test('when the session ends while the app is open, the next request leads back to sign-in', async ({ page, context }) => {
  await signIn(page, 'stateAdmin');
  // Let the page finish loading (the tree opens its top unit) so that only our click meets the 401.
  await expect(page.getByRole('tree').getByRole('treeitem', { level: 2 }).first()).toBeVisible();
  await context.clearCookies(); // as if the session expired on the server
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
  await expect(page).toHaveURL(/\/sign-in\?redirect=%2Fpeople/);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
});
