// The daily coaching digest with two real server processes (`trellis serve`, as behind a load
// balancer) on one PostgreSQL, each running its job runner against a real SMTP server started here
// (smtp-server): each coach with something overdue or due soon gets exactly one message.
import { spawn, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { connect, type Db } from '@trellis/db';
import { freePort } from '@trellis/db/testing';
import { freshPostgresUrl, hasPostgres } from './support/databases.js';
import { createPerson, createStateTree, type TestPerson } from './support/factories.js';
import { createContact, createEngagement, dayFromToday } from './support/coaching-factories.js';
import { countRows } from './support/problems.js';

const BIN = fileURLToPath(new URL('../bin/trellis.mjs', import.meta.url));

interface ServerProcess {
  url: string;
  child: ChildProcess;
  output: string[];
}

async function startServer(databaseUrl: string, smtpPort: number): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [BIN, 'serve'], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      TRELLIS_WEB_DIST: '/nonexistent/trellis-web-dist',
      TRELLIS_LOG_LEVEL: 'warn',
      TRELLIS_JOBS: 'on',
      TRELLIS_DIGEST_HOUR_UTC: '0',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtpPort),
      SMTP_FROM: 'trellis@test.trellis',
    },
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
    if (health?.ok) return server;
    await new Promise((r) => setTimeout(r, 150));
  }
  await stopServer(server);
  throw new Error(`the server on port ${port} did not answer within 60 s:\n${server.output.join('')}`);
}

async function stopServer(server: ServerProcess | undefined) {
  if (!server || server.child.pid === undefined || server.child.exitCode !== null) return;
  const exited = new Promise((r) => server.child.once('exit', r));
  process.kill(-server.child.pid, 'SIGTERM');
  const timer = setTimeout(() => server.child.exitCode === null && process.kill(-server.child.pid!, 'SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

const postgres = hasPostgres();

describe.skipIf(!postgres)('the coaching digest with two server processes', () => {
  let db: Db;
  let smtp: SMTPServer;
  let servers: ServerProcess[] = [];
  const received: string[][] = [];
  let coaches: TestPerson[];

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        stream.on('data', () => {});
        stream.on('end', () => {
          received.push(session.envelope.rcptTo.map((r) => r.address));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const smtpPort = (smtp.server.address() as AddressInfo).port;
    const url = await freshPostgresUrl();
    db = await connect({ databaseUrl: url, maxConnections: 2 });
    const tree = await createStateTree(db);
    const school = tree.north.feederPatterns[0]!.schools[0]!;
    coaches = [];
    for (let i = 0; i < 5; i++) {
      const coach = await createPerson(db, { home: null, name: `Racing Coach ${i}` });
      coaches.push(coach);
      const e = await createEngagement(db, school, coach.id, { startOn: dayFromToday(-30) });
      if (i === 4) await createContact(db, e.id, { date: dayFromToday(0), mode: 'onsite' }); // on track: no digest
    }
    servers = await Promise.all([startServer(url, smtpPort), startServer(url, smtpPort)]);
  });

  afterAll(async () => {
    await Promise.all(servers.map(stopServer));
    await db?.close();
    await new Promise<void>((resolve) => smtp?.close(() => resolve()));
  });

  it('sends each digest once between them', async () => {
    // Each runner ticks as its process starts; wait for the mail, then a little longer for any duplicate.
    const deadline = Date.now() + 30_000;
    while (received.length < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    await new Promise((r) => setTimeout(r, 2_000));
    expect(received.map((r) => r[0]).sort()).toEqual(coaches.slice(0, 4).map((c) => c.email).sort());
    expect(await countRows(db, 'jobs', `kind = 'coaching.digest' and status = 'done'`)).toBe(5);
    expect(await countRows(db, 'mail_outbox', 'sent_at is not null')).toBe(4);
    // Both processes took part in the queue (neither was idle by accident of timing is not asserted:
    // which one claims a job is up to the race).
  });
});
