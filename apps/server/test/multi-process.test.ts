// Two real server processes on one PostgreSQL, as behind a load balancer: nothing that matters may
// live in one process's memory. A session made by one works on the other, and ends on both.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Unit } from '@trellis/core';
import { connect, migrationFiles, type Db } from '@trellis/db';
import { freePort } from '@trellis/db/testing';
import { freshPostgresUrl, hasPostgres } from './support/databases.js';
import { createPersonWithRole, createUnit, PASSWORD, type TestPerson } from './support/factories.js';

const BIN = fileURLToPath(new URL('../bin/trellis.mjs', import.meta.url));

interface ServerProcess {
  url: string;
  child: ChildProcess;
  output: string[];
}

async function startServer(databaseUrl: string): Promise<ServerProcess> {
  const port = await freePort();
  // Its own process group, so stopping it stops tsx's child node process too.
  const child = spawn(process.execPath, [BIN, 'serve'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', TRELLIS_WEB_DIST: '/nonexistent/trellis-web-dist', TRELLIS_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const server = { url: `http://127.0.0.1:${port}`, child, output: [] as string[] };
  child.stdout!.on('data', (d: Buffer) => server.output.push(d.toString()));
  child.stderr!.on('data', (d: Buffer) => server.output.push(d.toString()));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server on port ${port} exited with ${child.exitCode}:\n${server.output.join('')}`);
    const health = await fetch(`${server.url}/api/health`).catch(() => null);
    if (health?.ok) {
      expect(await health.json()).toEqual({ status: 'ok' });
      return server;
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  await stopServer(server);
  throw new Error(`the server on port ${port} did not answer /api/health within 60 s:\n${server.output.join('')}`);
}

async function stopServer(server: ServerProcess | undefined) {
  if (!server || server.child.pid === undefined || server.child.exitCode !== null) return;
  const exited = new Promise((r) => server.child.once('exit', r));
  process.kill(-server.child.pid, 'SIGTERM');
  const timer = setTimeout(() => server.child.exitCode === null && process.kill(-server.child.pid!, 'SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** A tiny browser: keeps the session cookie and the CSRF token, sends them wherever it is told to. */
class Browser {
  cookie: string | null = null;
  csrfToken: string | null = null;

  async send(server: ServerProcess, method: string, path: string, body?: unknown) {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = `trellis_session=${this.cookie}`;
    if (method !== 'GET' && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${server.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const set = res.headers.getSetCookie().find((c) => c.startsWith('trellis_session='));
    if (set) this.cookie = decodeURIComponent(set.slice('trellis_session='.length).split(';')[0]!) || null;
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : null, text };
  }

  async signIn(server: ServerProcess, email: string, password: string) {
    const res = await this.send(server, 'POST', '/api/auth/login', { email, password });
    if (res.status === 200) this.csrfToken = res.body!.csrfToken as string;
    return res;
  }
}

const postgres = hasPostgres(); // throws when CI=true and there is no PostgreSQL

describe.skipIf(!postgres)('two server processes on one PostgreSQL', () => {
  let db: Db;
  let first: ServerProcess;
  let second: ServerProcess;
  let person: TestPerson;
  let state: Unit;

  beforeAll(async () => {
    // An empty database: both processes migrate it as they start, at the same time.
    const url = await freshPostgresUrl({ empty: true });
    [first, second] = await Promise.all([startServer(url), startServer(url)]);
    db = await connect({ databaseUrl: url, maxConnections: 2 });
    state = await createUnit(db, 'state', null, { name: 'Two-Process State' });
    person = await createPersonWithRole(db, state, 'admin');
  });

  afterAll(async () => {
    await Promise.all([stopServer(first), stopServer(second)]);
    await db?.close();
  });

  it('runs two separate processes, which migrated the empty database once between them', async () => {
    expect(first.child.pid).not.toBe(second.child.pid);
    expect(first.url).not.toBe(second.url);
    const applied = await db.query<{ name: string }>('select name from schema_migrations');
    expect(applied.map((r) => r.name)).toEqual(migrationFiles());
  });

  it('honours a session signed in through one process on the other, for reads and CSRF-protected writes, until it signs out there', async () => {
    const browser = new Browser();
    const signedIn = await browser.signIn(first, person.email, PASSWORD);
    expect(signedIn.status, signedIn.text).toBe(200);
    expect(browser.cookie).toBeTruthy();

    const session = await browser.send(second, 'GET', '/api/auth/session');
    expect(session.status, session.text).toBe(200);
    expect((session.body!.person as { id: string }).id).toBe(person.id);
    expect(session.body!.csrfToken).toBe(browser.csrfToken);

    const created = await browser.send(second, 'POST', '/api/units', { kind: 'district', name: 'Made On The Second Process', parentId: state.id });
    expect(created.status, created.text).toBe(201);
    const readBack = await browser.send(first, 'GET', `/api/units/${created.body!.id as string}`);
    expect(readBack.status).toBe(200);
    expect(readBack.body!.name).toBe('Made On The Second Process');

    // The CSRF check holds on the other process too.
    const token = browser.csrfToken;
    browser.csrfToken = 'forged';
    expect((await browser.send(second, 'POST', '/api/units', { kind: 'district', name: 'Forged', parentId: state.id })).status).toBe(403);
    browser.csrfToken = token;

    const cookie = browser.cookie;
    const signedOut = await browser.send(second, 'POST', '/api/auth/logout');
    expect(signedOut.status, signedOut.text).toBe(204);
    browser.cookie = cookie; // replay the old cookie, as a stolen copy would
    const afterSignOut = await browser.send(first, 'GET', '/api/auth/session');
    expect(afterSignOut.status).toBe(401);
    expect((await browser.send(second, 'GET', '/api/auth/session')).status).toBe(401);
  });

  it('counts failed sign-ins across both processes', async () => {
    const target = await createPersonWithRole(db, state, 'viewer');
    const browser = new Browser();
    for (let i = 0; i < 5; i++) expect((await browser.signIn(i % 2 ? second : first, target.email, `wrong password ${i}`)).status).toBe(401);
    const limited = await browser.signIn(second, target.email, PASSWORD);
    expect(limited.status).toBe(429);
  });
});
