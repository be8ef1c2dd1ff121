// The daily coaching digest through a real SMTP server (smtp-server, started here): two job runners
// race on one database — on PostgreSQL each with its own connection pool, as two server processes
// would be — and each coach with an engagement overdue or due soon gets exactly one message; a
// coach with nothing to tell gets none. Without SMTP the digest waits in the outbox, which a system
// administrator reads through the API (and a coach only their own).
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { connect, type Db } from '@trellis/db';
import { buildApp, type TrellisApp } from '../src/app.js';
import { JobRunner, smtpMailer } from '../src/services/coaching/jobs.js';
import { signIn } from './support/agent.js';
import { testConfig } from './support/api.js';
import { freshPostgresUrl, pgliteTarget, testDatabases } from './support/databases.js';
import { createPerson, createStateTree, createSystemAdmin, PASSWORD, type TestPerson } from './support/factories.js';
import { createContact, createEngagement, dayFromToday } from './support/coaching-factories.js';
import { countRows } from './support/problems.js';

interface Received {
  to: string[];
  data: string;
}

/** Two connections to one database: two pools on PostgreSQL; PGlite has one session, shared. */
async function openTwice(name: string): Promise<[Db, Db]> {
  if (name === 'PGlite') {
    const db = await pgliteTarget.open();
    return [db, db];
  }
  const url = await freshPostgresUrl();
  return [await connect({ databaseUrl: url, maxConnections: 3 }), await connect({ databaseUrl: url, maxConnections: 3 })];
}

describe.each(testDatabases())('the coaching digest on $name', (target) => {
  let dbA: Db;
  let dbB: Db;
  let smtp: SMTPServer;
  let port: number;
  const received: Received[] = [];
  let overdueCoach: TestPerson;
  let dueSoonCoach: TestPerson;
  let calmCoach: TestPerson;
  let endedCoach: TestPerson;

  beforeAll(async () => {
    [dbA, dbB] = await openTwice(target.name);
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), data: Buffer.concat(chunks).toString('utf8') });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    port = (smtp.server.address() as AddressInfo).port;

    const tree = await createStateTree(dbA);
    const school = tree.north.feederPatterns[0]!.schools[0]!;
    overdueCoach = await createPerson(dbA, { home: null, name: 'Olive Overdue' });
    dueSoonCoach = await createPerson(dbA, { home: null, name: 'Dana Duesoon' });
    calmCoach = await createPerson(dbA, { home: null, name: 'Carl Calm' });
    endedCoach = await createPerson(dbA, { home: null, name: 'Ed Ended' });
    // Overdue: started 30 days ago, no contact.
    await createEngagement(dbA, school, overdueCoach.id, { startOn: dayFromToday(-30), target: { unitId: school.id } });
    // Due soon: a weekly contact last made 6 days ago (no onsite target).
    const soon = await createEngagement(dbA, school, dueSoonCoach.id, { startOn: dayFromToday(-10), cadence: { contactEveryDays: 7, onsite: null } });
    await createContact(dbA, soon.id, { date: dayFromToday(-6) });
    // On track: started yesterday.
    await createEngagement(dbA, school, calmCoach.id, { startOn: dayFromToday(-1) });
    // Ended: no digest, no job.
    await createEngagement(dbA, school, endedCoach.id, { startOn: dayFromToday(-60), status: 'ended', endedOn: dayFromToday(-2) });
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => smtp?.close(() => resolve()));
    await dbA?.close();
    if (dbB !== dbA) await dbB?.close();
  });

  const runner = (db: Db, id: string, withSmtp = true) =>
    new JobRunner(db, { workerId: id, digestHourUtc: 0, mailer: withSmtp ? smtpMailer({ host: '127.0.0.1', port, user: undefined, pass: undefined, from: 'trellis@test.trellis' }) : null });

  it('sends each coach with something overdue or due soon exactly one digest, with two runners racing', async () => {
    const a = runner(dbA, 'runner-a');
    const b = runner(dbB, 'runner-b');
    try {
      const results = await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
      // One digest job per coach with an engagement not ended, queued once between them.
      expect(results.reduce((n, r) => n + r.queued, 0)).toBe(3);
      expect(results.reduce((n, r) => n + r.ran, 0)).toBe(3);
      expect(results.reduce((n, r) => n + r.written, 0)).toBe(2);
      expect(results.reduce((n, r) => n + r.sent, 0)).toBe(2);
      // Again (a minute later, the same day): nothing new.
      const again = await Promise.all([a.tick(), b.tick()]);
      expect(again.reduce((n, r) => n + r.queued + r.ran + r.sent, 0)).toBe(0);
    } finally {
      await a.stop();
      await b.stop();
    }
    expect(received.map((r) => r.to).sort()).toEqual([[overdueCoach.email], [dueSoonCoach.email]].sort());
    const toOverdue = received.find((r) => r.to[0] === overdueCoach.email)!.data;
    expect(toOverdue).toMatch(/Subject: Trellis coaching for \d{4}-\d{2}-\d{2}: 1 overdue/);
    expect(toOverdue).toContain('Hello Olive Overdue');
    expect(toOverdue).toMatch(/A contact is overdue by/);
    expect(received.find((r) => r.to[0] === dueSoonCoach.email)!.data).toMatch(/1 due soon/);
    expect(await countRows(dbA, 'jobs', `kind = 'coaching.digest' and status = 'done'`)).toBe(3);
    expect(await countRows(dbA, 'mail_outbox', 'sent_at is not null')).toBe(2);
  });

  describe('without SMTP', () => {
    let app: TrellisApp;
    let db: Db;
    let coach: TestPerson;
    beforeAll(async () => {
      db = await pgliteTarget.open();
      if (target.name === 'PostgreSQL') {
        await db.close();
        db = await connect({ databaseUrl: await freshPostgresUrl(), maxConnections: 3 });
      }
      app = await buildApp({ db, config: testConfig() });
      const tree = await createStateTree(db);
      coach = await createPerson(db, { home: null, name: 'Nia No-SMTP' });
      await createEngagement(db, tree.north.feederPatterns[0]!.schools[0]!, coach.id, { startOn: dayFromToday(-30) });
      const other = await createPerson(db, { home: null, name: 'Other coach' });
      await createEngagement(db, tree.north.feederPatterns[0]!.schools[1]!, other.id, { startOn: dayFromToday(-30) });
    });
    afterAll(async () => {
      await app?.close();
      await db?.close();
    });

    it('keeps the digest in the outbox, which a system administrator reads (a coach only their own)', async () => {
      const r = runner(db, 'runner-no-smtp', false);
      const result = await r.tick();
      await r.stop();
      expect(result).toMatchObject({ written: 2, sent: 0 });
      const admin = await signIn(app, (await createSystemAdmin(db)).email, PASSWORD);
      const all = (await admin.get('/api/coaching/outbox')).json() as { smtpConfigured: boolean; messages: { toAddress: string; sentAt: string | null; bodyText: string }[] };
      expect(all.smtpConfigured).toBe(false);
      expect(all.messages).toHaveLength(2);
      expect(all.messages.every((m) => m.sentAt === null)).toBe(true);
      const own = (await (await signIn(app, coach.email, PASSWORD)).get('/api/coaching/outbox')).json() as { messages: { toAddress: string }[] };
      expect(own.messages.map((m) => m.toAddress)).toEqual([coach.email]);
    });
  });
});

