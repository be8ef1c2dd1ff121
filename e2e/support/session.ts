// Signing in through the page, and an API client for arranging data as the state administrator.
import { expect, request, type APIRequestContext, type Page } from '@playwright/test';
import { ACCOUNTS, DEMO_PASSWORD, type Account } from './accounts';

export async function signIn(page: Page, who: Account, landing: RegExp = /\/organization$/) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(ACCOUNTS[who].email);
  await page.getByRole('textbox', { name: 'Password' }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(landing);
  await expect(page.getByTestId('signed-in-person')).toHaveText(ACCOUNTS[who].name);
}

export interface ApiClient {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
  patch<T>(path: string, body: unknown): Promise<T>;
  dispose(): Promise<void>;
}

/** A signed-in API client of its own (not the page's session), for setting up what a test needs. */
export async function apiAs(baseURL: string, who: Account): Promise<ApiClient> {
  const context: APIRequestContext = await request.newContext({ baseURL });
  const login = await context.post('/api/auth/login', { data: { email: ACCOUNTS[who].email, password: DEMO_PASSWORD } });
  expect(login.ok(), `sign-in of ${who} for the API`).toBe(true);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const send = async <T>(method: 'get' | 'post' | 'patch', path: string, body?: unknown): Promise<T> => {
    const response = await context[method](path, { headers: { 'x-csrf-token': csrfToken }, ...(body === undefined ? {} : { data: body }) });
    expect(response.ok(), `${method.toUpperCase()} ${path}: ${await response.text()}`).toBe(true);
    return (await response.json()) as T;
  };
  return {
    get: (path) => send('get', path),
    post: (path, body) => send('post', path, body),
    patch: (path, body) => send('patch', path, body),
    dispose: () => context.dispose(),
  };
}

export interface UnitSummary {
  id: string;
  name: string;
  kind: string;
  ncesId: string | null;
  version: number;
  parentId: string | null;
  childCount: number;
}

export interface UnitDetail extends UnitSummary {
  ancestors: { id: string; name: string; kind: string }[];
}

/** A number of `digits` digits that no demo unit has (the demo's NCES ids start with 99). */
export const uniqueDigits = (digits: number) => `1${String(Date.now()).slice(-(digits - 3))}${Math.floor(Math.random() * 90 + 10)}`.slice(0, digits).padEnd(digits, '0');
