// Health, sign-in, the session, sign-out and the CSRF check on writes.
import { describe, expect, it } from 'vitest';
import { buildApp, type TrellisApp } from '../src/app.js';
import type { Config } from '../src/config.js';
import { anonymous, sessionCookieOf, signIn, withCookie } from './support/agent.js';
import { testConfig, useApi } from './support/api.js';
import { testDatabases } from './support/databases.js';
import { createPerson, createPersonWithRole, createStateTree, PASSWORD, uniqueEmail, type StateTree } from './support/factories.js';
import { countRows, expectProblem, fingerprint } from './support/problems.js';

describe.each(testDatabases())('auth on $name', (target) => {
  let tree: StateTree;
  const api = useApi(target, async ({ db }) => {
    tree = await createStateTree(db);
  });
  const leader = () => createPersonWithRole(api.db, tree.north.unit, 'leader');
  /** A second app on the same database with other settings (as a server behind a proxy would run). */
  async function withAppConfigured<T>(changes: Partial<Config>, fn: (app: TrellisApp) => Promise<T>): Promise<T> {
    const app = await buildApp({ db: api.db, config: { ...testConfig(), ...changes } });
    try {
      return await fn(app);
    } finally {
      await app.close();
    }
  }

  describe('health', () => {
    it('answers GET /api/health with {"status":"ok"} and no session', async () => {
      const res = await api.app.inject({ method: 'GET', url: '/api/health' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ status: 'ok' });
    });
  });

  describe('signing in', () => {
    it('returns the person, their grants and a CSRF token, and sets an httpOnly SameSite session cookie', async () => {
      const person = await leader();
      const res = await api.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: person.email, password: PASSWORD } });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.person).toEqual({ id: person.id, name: person.name, email: person.email, isSystemAdmin: false });
      expect(body.grants).toEqual([{ unitId: tree.north.unit.id, unitName: tree.north.unit.name, unitKind: 'district', role: 'leader' }]);
      expect(body.csrfToken).toMatch(/^[\w-]{20,}$/);
      const cookie = res.cookies.find((c) => c.name === 'trellis_session')!;
      expect(cookie).toBeDefined();
      expect(cookie.value.length).toBeGreaterThanOrEqual(32);
      expect(cookie.httpOnly).toBe(true);
      expect(cookie.sameSite).toBe('Lax');
      expect(cookie.path).toBe('/');
      expect(cookie.secure).toBeFalsy(); // plain http in tests; Secure is set when the request came over https
      expect(cookie.maxAge).toBeGreaterThan(0);
      // The database keeps a hash of the token, never the token itself.
      expect(await countRows(api.db, 'sessions', 'id = $1', [cookie.value])).toBe(0);
      expect(await countRows(api.db, 'sessions', 'person_id = $1', [person.id])).toBe(1);
    });

    it('accepts the email in any case and with spaces around it', async () => {
      const person = await leader();
      const res = await api.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: `  ${person.email.toUpperCase()} `, password: PASSWORD } });
      expect(res.statusCode).toBe(200);
      expect(res.json().person.id).toBe(person.id);
    });

    it('refuses a wrong password with 401 and sets no cookie', async () => {
      const person = await leader();
      const res = await api.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: person.email, password: 'not the password' } });
      expectProblem(res, 401, { rule: 'email or password is not right' });
      expect(sessionCookieOf(res)).toBeNull();
      expect(await countRows(api.db, 'sessions', 'person_id = $1', [person.id])).toBe(0);
    });

    it('refuses an unknown email with the same 401, so accounts cannot be discovered', async () => {
      const person = await leader();
      const wrongPassword = await api.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: person.email, password: 'not the password' } });
      const unknown = await api.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: uniqueEmail('nobody'), password: PASSWORD } });
      const body = expectProblem(unknown, 401);
      expect(body.detail).toBe(wrongPassword.json().detail);
      expect(sessionCookieOf(unknown)).toBeNull();
    });

    it('refuses a person who has no password yet', async () => {
      const person = await createPerson(api.db, { home: tree.north.unit, password: null });
      const res = await api.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: person.email, password: PASSWORD } });
      expectProblem(res, 401);
    });

    it('answers 429 with Retry-After after five failures for one email, even with the right password, and leaves other emails alone', async () => {
      const person = await leader();
      const other = await leader();
      const attempt = (email: string, password: string) => api.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
      for (let i = 0; i < 5; i++) expect((await attempt(person.email, `wrong password ${i}`)).statusCode).toBe(401);
      const limited = await attempt(person.email, PASSWORD);
      expectProblem(limited, 429, { rule: 'Too many failed sign-in attempts' });
      const retryAfter = Number(limited.headers['retry-after']);
      expect(Number.isInteger(retryAfter)).toBe(true);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);
      expect(sessionCookieOf(limited)).toBeNull();
      expect(await countRows(api.db, 'sessions', 'person_id = $1', [person.id])).toBe(0);
      expect((await attempt(other.email, PASSWORD)).statusCode).toBe(200);
    });

    it('counts failures per email whatever case they were typed in', async () => {
      const person = await leader();
      for (let i = 0; i < 5; i++) {
        const email = i % 2 ? person.email.toUpperCase() : person.email;
        expect((await api.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: 'wrong wrong wrong' } })).statusCode).toBe(401);
      }
      expectProblem(await api.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: person.email, password: PASSWORD } }), 429);
    });

    it('marks the cookie Secure when a trusted proxy says the request came over https, or when configured to', async () => {
      const person = await leader();
      const login = (app: TrellisApp, headers: Record<string, string> = {}) =>
        app.inject({ method: 'POST', url: '/api/auth/login', headers, payload: { email: person.email, password: PASSWORD } });
      await withAppConfigured({ trustProxy: true }, async (app) => {
        const res = await login(app, { 'x-forwarded-proto': 'https' });
        expect(res.cookies.find((c) => c.name === 'trellis_session')!.secure).toBe(true);
        expect((await login(app)).cookies.find((c) => c.name === 'trellis_session')!.secure).toBeFalsy();
      });
      // Without trustProxy a client cannot claim https for itself.
      expect((await login(api.app, { 'x-forwarded-proto': 'https' })).cookies.find((c) => c.name === 'trellis_session')!.secure).toBeFalsy();
      await withAppConfigured({ cookieSecure: true }, async (app) => {
        expect((await login(app)).cookies.find((c) => c.name === 'trellis_session')!.secure).toBe(true);
      });
    });

    it('answers 429 to an address after fifty failures, whatever the emails, and leaves other addresses alone', async () => {
      const person = await leader();
      await withAppConfigured({ trustProxy: true }, async (app) => {
        const from = (ip: string, email: string, password: string) =>
          app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'x-forwarded-for': ip }, payload: { email, password } });
        for (let i = 0; i < 50; i++) expect((await from('203.0.113.9', uniqueEmail(`guess ${i}`), 'guessing a password')).statusCode).toBe(401);
        const limited = await from('203.0.113.9', person.email, PASSWORD);
        expectProblem(limited, 429);
        expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
        expect((await from('198.51.100.7', person.email, PASSWORD)).statusCode).toBe(200);
      });
    });
  });

  describe('the session', () => {
    it('tells who is signed in and repeats the CSRF token given at sign-in', async () => {
      const person = await leader();
      const agent = await signIn(api.app, person.email, PASSWORD);
      const res = await agent.get('/api/auth/session');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual(agent.session);
    });

    it('answers 401 without a cookie and with a cookie that matches no session', async () => {
      expectProblem(await anonymous(api.app).get('/api/auth/session'), 401, { rule: 'Sign in' });
      expectProblem(await withCookie(api.app, 'made-up-token').get('/api/auth/session'), 401, { rule: 'session has ended' });
    });

    it('keeps two sessions of one person apart, each with its own CSRF token', async () => {
      const person = await leader();
      const first = await signIn(api.app, person.email, PASSWORD);
      const second = await signIn(api.app, person.email, PASSWORD);
      expect(first.cookie).not.toBe(second.cookie);
      expect(first.session!.csrfToken).not.toBe(second.session!.csrfToken);
      // The CSRF token of one session does not authorize a write through the other.
      const res = await first.request({ method: 'PATCH', url: `/api/units/${tree.north.unit.id}`, body: { version: 1, name: 'x' }, csrf: second.session!.csrfToken });
      expectProblem(res, 403, { rule: 'x-csrf-token' });
    });

    it('refuses a session that has expired, and slides the expiry of one in use', async () => {
      const person = await leader();
      const agent = await signIn(api.app, person.email, PASSWORD);
      // Last used two minutes ago and about to expire: using it pushes the expiry a full idle period on.
      await api.db.query(`update sessions set last_seen_at = now() - interval '2 minutes', expires_at = now() + interval '1 minute' where person_id = $1`, [person.id]);
      expect((await agent.get('/api/auth/session')).statusCode).toBe(200);
      const [row] = await api.db.query<{ hours: number }>(`select extract(epoch from expires_at - now()) / 3600 as hours from sessions where person_id = $1`, [person.id]);
      expect(Number(row!.hours)).toBeGreaterThan(11.9);
      await api.db.query(`update sessions set expires_at = now() - interval '1 second' where person_id = $1`, [person.id]);
      expectProblem(await agent.get('/api/auth/session'), 401, { rule: 'session has ended' });
    });
  });

  describe('signing out', () => {
    it('ends the session, clears the cookie, and the old cookie no longer works', async () => {
      const person = await leader();
      const agent = await signIn(api.app, person.email, PASSWORD);
      const res = await agent.post('/api/auth/logout');
      expect(res.statusCode).toBe(204);
      const cleared = res.cookies.find((c) => c.name === 'trellis_session')!;
      expect(cleared).toBeDefined();
      expect(cleared.value).toBe('');
      expect(cleared.maxAge === 0 || (cleared.expires !== undefined && cleared.expires.getTime() <= Date.now())).toBe(true);
      expect(await countRows(api.db, 'sessions', 'person_id = $1', [person.id])).toBe(0);
      expectProblem(await agent.get('/api/auth/session'), 401, { rule: 'session has ended' });
      expectProblem(await agent.get(`/api/units/${tree.north.unit.id}`), 401);
    });

    it('ends only the session it is sent with', async () => {
      const person = await leader();
      const laptop = await signIn(api.app, person.email, PASSWORD);
      const phone = await signIn(api.app, person.email, PASSWORD);
      expect((await laptop.post('/api/auth/logout')).statusCode).toBe(204);
      expect((await phone.get('/api/auth/session')).statusCode).toBe(200);
    });

    it('refuses to end a live session without its CSRF token (a cross-site form cannot sign someone out)', async () => {
      const person = await leader();
      const agent = await signIn(api.app, person.email, PASSWORD);
      expectProblem(await agent.request({ method: 'POST', url: '/api/auth/logout', csrf: false }), 403, { rule: 'x-csrf-token' });
      expectProblem(await agent.request({ method: 'POST', url: '/api/auth/logout', csrf: 'wrong' }), 403);
      expect((await agent.get('/api/auth/session')).statusCode).toBe(200);
    });

    it('succeeds without a session, and with an ended one, so a stale cookie can always be cleared', async () => {
      expect((await anonymous(api.app).post('/api/auth/logout')).statusCode).toBe(204);
      const res = await withCookie(api.app, 'ended-long-ago').post('/api/auth/logout');
      expect(res.statusCode).toBe(204);
      expect(res.cookies.find((c) => c.name === 'trellis_session')?.value).toBe('');
    });
  });

  describe('CSRF protection', () => {
    it('refuses a write without the x-csrf-token header, and writes nothing', async () => {
      const person = await createPersonWithRole(api.db, tree.state, 'admin');
      const agent = await signIn(api.app, person.email, PASSWORD);
      const before = await fingerprint(api.db);
      const writes = [
        { method: 'POST' as const, url: '/api/units', body: { kind: 'district', name: 'Sneaky District', parentId: tree.state.id } },
        { method: 'PATCH' as const, url: `/api/units/${tree.north.unit.id}`, body: { version: 1, name: 'Renamed by a forged form' } },
        { method: 'POST' as const, url: '/api/people', body: { name: 'Forged Person', email: uniqueEmail('forged'), homeUnitId: tree.state.id } },
        { method: 'POST' as const, url: '/api/grants', body: { personId: person.id, unitId: tree.south.unit.id, role: 'viewer' } },
      ];
      for (const w of writes) expectProblem(await agent.request({ ...w, csrf: false }), 403, { rule: 'x-csrf-token' });
      expect(await fingerprint(api.db)).toEqual(before);
    });

    it('refuses a write with a wrong x-csrf-token header, and writes nothing', async () => {
      const person = await createPersonWithRole(api.db, tree.state, 'admin');
      const agent = await signIn(api.app, person.email, PASSWORD);
      const before = await fingerprint(api.db);
      const res = await agent.request({ method: 'POST', url: '/api/units', body: { kind: 'district', name: 'Sneaky District', parentId: tree.state.id }, csrf: `${agent.session!.csrfToken}x` });
      expectProblem(res, 403, { rule: 'x-csrf-token' });
      expect(await fingerprint(api.db)).toEqual(before);
    });

    it('accepts the same write with the header, and reads need no header', async () => {
      const person = await createPersonWithRole(api.db, tree.state, 'admin');
      const agent = await signIn(api.app, person.email, PASSWORD);
      const res = await agent.post('/api/units', { kind: 'district', name: 'Honest District', parentId: tree.state.id });
      expect(res.statusCode).toBe(201);
      expect((await agent.request({ method: 'GET', url: `/api/units/${res.json().id}`, csrf: false })).statusCode).toBe(200);
    });
  });

  describe('changing one’s own password', () => {
    it('needs the current password, then only the new one signs in', async () => {
      const person = await leader();
      const agent = await signIn(api.app, person.email, PASSWORD);
      expectProblem(await agent.post('/api/auth/password', { currentPassword: 'not my password', newPassword: 'a brand new passphrase' }), 409, { field: 'currentPassword' });
      expect((await agent.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' })).statusCode).toBe(204);
      expectProblem(await api.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: person.email, password: PASSWORD } }), 401);
      await signIn(api.app, person.email, 'a brand new passphrase');
    });

    it('stops guessing the current password after five wrong tries (429), even with the right one, and changes nothing', async () => {
      const person = await leader();
      const agent = await signIn(api.app, person.email, PASSWORD);
      for (let i = 0; i < 5; i++) {
        expectProblem(await agent.post('/api/auth/password', { currentPassword: `guess number ${i}`, newPassword: 'a brand new passphrase' }), 409, { field: 'currentPassword' });
      }
      const limited = await agent.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' });
      expectProblem(limited, 429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expectProblem(await api.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: person.email, password: 'a brand new passphrase' } }), 429);
    });
  });
});
