// The job runner every server process starts (unless TRELLIS_JOBS=off): once a minute it queues
// today's coaching digests, runs the jobs that are due, and delivers unsent mail by SMTP when SMTP
// is configured. Several processes may run it at once: jobs and messages are claimed with
// FOR UPDATE SKIP LOCKED and a lease, a digest job's key is unique per coach per day, and its
// message's key is the job's key, so each digest is written once and sent once
// (docs/decisions/0016-coaching-access-and-jobs.md).
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import {
  claimJob,
  claimOutboxMessage,
  enqueueCoachingDigests,
  failJob,
  finishJob,
  insertOutboxMessage,
  markOutboxFailed,
  markOutboxSent,
  type Db,
  type JobRecord,
} from '@trellis/db';
import type { SmtpConfig } from '../../config.js';
import { buildCoachDigest } from './digest.js';

export interface Mailer {
  send(message: { to: string; subject: string; text: string }): Promise<{ messageId: string | null }>;
  close(): void;
}

/** A nodemailer SMTP transport, or null when SMTP is not configured (mail then stays in the outbox). */
export function smtpMailer(smtp: SmtpConfig | null): Mailer | null {
  if (!smtp) return null;
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.port === 465,
    auth: smtp.user ? { user: smtp.user, pass: smtp.pass ?? '' } : undefined,
  });
  return {
    async send(m) {
      const info = await transport.sendMail({ from: smtp.from, to: m.to, subject: m.subject, text: m.text });
      return { messageId: info.messageId ?? null };
    },
    close: () => transport.close(),
  };
}

export const DIGEST_JOB = 'coaching.digest';

export interface JobRunnerOptions {
  mailer: Mailer | null;
  /** Queue each day's digests from this UTC hour on (0–23). */
  digestHourUtc: number;
  appUrl?: string | undefined;
  workerId?: string;
  clock?: () => Date;
  intervalMs?: number;
  leaseSeconds?: number;
  log?: { warn(obj: unknown, msg: string): void; error(obj: unknown, msg: string): void };
}

export interface TickResult {
  queued: number;
  ran: number;
  written: number;
  sent: number;
}

export class JobRunner {
  readonly workerId: string;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly opts: JobRunnerOptions,
  ) {
    this.workerId = opts.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  }

  private now() {
    return this.opts.clock ? this.opts.clock() : new Date();
  }

  /** One pass: queue today's digests (from the digest hour on), run due jobs, deliver mail. */
  async tick(): Promise<TickResult> {
    const result: TickResult = { queued: 0, ran: 0, written: 0, sent: 0 };
    const now = this.now();
    if (now.getUTCHours() >= this.opts.digestHourUtc) {
      result.queued = await enqueueCoachingDigests(this.db, now.toISOString().slice(0, 10), now);
    }
    const lease = this.opts.leaseSeconds ?? 300;
    for (let job = await claimJob(this.db, this.workerId, this.now(), lease, [DIGEST_JOB]); job && !this.stopped; job = await claimJob(this.db, this.workerId, this.now(), lease, [DIGEST_JOB])) {
      result.ran += 1;
      try {
        if (await this.runDigest(job)) result.written += 1;
      } catch (err) {
        this.opts.log?.error({ err, job: job.key }, 'a coaching digest job failed; it will be retried');
        await failJob(this.db, job.id, this.workerId, err instanceof Error ? err.message : String(err), this.now(), 60 * job.attempts);
      }
    }
    if (this.opts.mailer) result.sent = await this.deliver(this.opts.mailer, lease);
    return result;
  }

  /** Writes the digest to the outbox and finishes the job in one transaction; true when a message was written. */
  private async runDigest(job: JobRecord): Promise<boolean> {
    const coachPersonId = String(job.payload.coachPersonId);
    return this.db.transaction(async (tx) => {
      const digest = await buildCoachDigest(tx, coachPersonId, this.now(), { appUrl: this.opts.appUrl });
      const written = digest ? await insertOutboxMessage(tx, { key: job.key, toPersonId: digest.toPersonId, toAddress: digest.toAddress, subject: digest.subject, bodyText: digest.bodyText }) : false;
      // Lost the lease to another runner: roll back, so the message is written by that one only.
      if (!(await finishJob(tx, job.id, this.workerId))) throw new Error(`lost the lease on job ${job.key}`);
      return written;
    });
  }

  private async deliver(mailer: Mailer, lease: number): Promise<number> {
    let sent = 0;
    for (let m = await claimOutboxMessage(this.db, this.workerId, this.now(), lease); m && !this.stopped; m = await claimOutboxMessage(this.db, this.workerId, this.now(), lease)) {
      try {
        const info = await mailer.send({ to: m.toAddress, subject: m.subject, text: m.bodyText });
        await markOutboxSent(this.db, m.id, this.workerId, info.messageId);
        sent += 1;
      } catch (err) {
        this.opts.log?.warn({ err, message: m.key }, 'could not send a message; it stays in the outbox and will be retried');
        await markOutboxFailed(this.db, m.id, this.workerId, err instanceof Error ? err.message : String(err));
      }
    }
    return sent;
  }

  /** Ticks now and then every `intervalMs` (default a minute); a tick never overlaps the previous one. */
  start(): void {
    const run = () => {
      if (this.running || this.stopped) return;
      this.running = this.tick()
        .catch((err) => this.opts.log?.warn({ err }, 'the job runner’s tick failed; it will try again'))
        .finally(() => {
          this.running = null;
        });
    };
    run();
    this.timer = setInterval(run, this.opts.intervalMs ?? 60_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
    this.opts.mailer?.close();
  }
}
