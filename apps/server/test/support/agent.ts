// Signs in through the API and returns an agent that sends the session cookie on every request
// and the CSRF header on every write, as the web app does.
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { SessionInfo } from '@trellis/core';
import type { TrellisApp } from '../../src/app.js';

export const SESSION_COOKIE = 'trellis_session';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RequestOptions {
  method: Method;
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Send the session's CSRF token on a write (default), none (false), or this value. */
  csrf?: boolean | string;
}

export interface Agent {
  /** Null for an anonymous agent. */
  session: SessionInfo | null;
  cookie: string | null;
  request(opts: RequestOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
}

/** The value of the session cookie a response sets, or null. */
export function sessionCookieOf(res: LightMyRequestResponse): string | null {
  return res.cookies.find((c) => c.name === SESSION_COOKIE)?.value ?? null;
}

function makeAgent(app: TrellisApp, cookie: string | null, session: SessionInfo | null): Agent {
  const request = ({ method, url, body, headers = {}, csrf = true }: RequestOptions) => {
    const h: Record<string, string> = { ...headers };
    if (cookie) h.cookie = `${SESSION_COOKIE}=${cookie}`;
    if (method !== 'GET' && session && csrf !== false) h['x-csrf-token'] = csrf === true ? session.csrfToken : csrf;
    const opts: InjectOptions = { method, url, headers: h };
    if (body !== undefined) {
      if (typeof body === 'string' || Buffer.isBuffer(body)) opts.payload = body;
      else opts.payload = JSON.stringify(body);
      h['content-type'] ??= 'application/json';
    }
    return app.inject(opts);
  };
  return {
    session,
    cookie,
    request,
    get: (url) => request({ method: 'GET', url }),
    post: (url, body) => request({ method: 'POST', url, body }),
    patch: (url, body) => request({ method: 'PATCH', url, body }),
    put: (url, body) => request({ method: 'PUT', url, body }),
    delete: (url) => request({ method: 'DELETE', url }),
  };
}

/** Signs in (the test fails if it cannot) and returns an agent carrying the cookie and CSRF token. */
export async function signIn(app: TrellisApp, email: string, password: string): Promise<Agent> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  expect(res.statusCode, `sign in as ${email}: ${res.body}`).toBe(200);
  const cookie = sessionCookieOf(res);
  expect(cookie, 'the sign-in response sets the session cookie').toBeTruthy();
  return makeAgent(app, cookie, res.json() as SessionInfo);
}

/** Someone with no session. */
export const anonymous = (app: TrellisApp): Agent => makeAgent(app, null, null);

/** An agent with an arbitrary cookie value (e.g. a session that has ended). */
export const withCookie = (app: TrellisApp, cookie: string, session: SessionInfo | null = null): Agent => makeAgent(app, cookie, session);
