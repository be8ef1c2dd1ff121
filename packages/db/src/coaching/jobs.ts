// The job queue and the mail outbox (migration 0008). Several server processes share them: a job
// or a message is claimed with FOR UPDATE SKIP LOCKED and a lease, so exactly one process works on
// it at a time, and a lease that ran out (its process died) lets another take it again.
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../client.js';
import { iso } from '../rows.js';

export interface JobRecord {
  id: string;
  kind: string;
  key: string;
  payload: Record<string, unknown>;
  runAt: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  attempts: number;
  maxAttempts: number;
  lockedBy: string | null;
  lastError: string | null;
}

interface JobRow {
  id: string;
  kind: string;
  key: string;
  payload: Record<string, unknown>;
  run_at: Date;
  status: JobRecord['status'];
  attempts: number;
  max_attempts: number;
  locked_by: string | null;
  last_error: string | null;
}

const toJob = (r: JobRow): JobRecord => ({
  id: r.id,
  kind: r.kind,
  key: r.key,
  payload: r.payload,
  runAt: iso(r.run_at),
  status: r.status,
  attempts: r.attempts,
  maxAttempts: r.max_attempts,
  lockedBy: r.locked_by,
  lastError: r.last_error,
});

/** Adds a job unless one with this key exists; true when it was added. */
export async function enqueueJob(q: Queryable, job: { kind: string; key: string; payload?: Record<string, unknown>; runAt?: Date }): Promise<boolean> {
  const rows = await q.query(
    `insert into jobs (id, kind, key, payload, run_at) values ($1, $2, $3, $4::jsonb, $5) on conflict (key) do nothing returning id`,
    [randomUUID(), job.kind, job.key, JSON.stringify(job.payload ?? {}), job.runAt ?? new Date()],
  );
  return rows.length > 0;
}

/**
 * Claims the next job that is due (queued, or running with a lease that ran out) for `workerId`
 * for `leaseSeconds`, counting the attempt. SKIP LOCKED: a row another process is claiming at the
 * same moment is passed over instead of waited for, so two runners never claim one job.
 */
export async function claimJob(q: Queryable, workerId: string, now: Date, leaseSeconds: number, kinds?: readonly string[]): Promise<JobRecord | null> {
  const params: unknown[] = [workerId, now, leaseSeconds];
  let kindFilter = '';
  if (kinds) {
    params.push([...kinds]);
    kindFilter = `and kind = any($${params.length}::text[])`;
  }
  const rows = await q.query<JobRow>(
    `update jobs set status = 'running', locked_by = $1, locked_until = $2::timestamptz + make_interval(secs => $3), attempts = attempts + 1
     where id = (
       select id from jobs
       where run_at <= $2 and (status = 'queued' or (status = 'running' and locked_until < $2)) ${kindFilter}
       order by run_at, id limit 1 for update skip locked
     )
     returning id, kind, key, payload, run_at, status, attempts, max_attempts, locked_by, last_error`,
    params,
  );
  return rows[0] ? toJob(rows[0]) : null;
}

/** Marks a job done, if `workerId` still holds it; false when the lease was lost to another runner. */
export async function finishJob(q: Queryable, id: string, workerId: string): Promise<boolean> {
  const rows = await q.query(`update jobs set status = 'done', finished_at = now(), locked_by = null, locked_until = null where id = $1 and locked_by = $2 and status = 'running' returning id`, [id, workerId]);
  return rows.length > 0;
}

/** Records a failure: queued again after `retryAfterSeconds`, or failed for good after its last attempt. */
export async function failJob(q: Queryable, id: string, workerId: string, error: string, now: Date, retryAfterSeconds: number): Promise<void> {
  await q.query(
    `update jobs set status = case when attempts >= max_attempts then 'failed' else 'queued' end, last_error = $3, locked_by = null, locked_until = null,
       run_at = $4::timestamptz + make_interval(secs => $5), finished_at = case when attempts >= max_attempts then now() else null end
     where id = $1 and locked_by = $2`,
    [id, workerId, error.slice(0, 2000), now, retryAfterSeconds],
  );
}

export async function findJobByKey(q: Queryable, key: string): Promise<JobRecord | null> {
  const rows = await q.query<JobRow>(`select id, kind, key, payload, run_at, status, attempts, max_attempts, locked_by, last_error from jobs where key = $1`, [key]);
  return rows[0] ? toJob(rows[0]) : null;
}

// ---- Mail outbox ---------------------------------------------------------------------------------------------

export interface OutboxMessageRecord {
  id: string;
  key: string;
  toPersonId: string | null;
  toAddress: string;
  subject: string;
  bodyText: string;
  createdAt: string;
  attempts: number;
  sentAt: string | null;
  smtpMessageId: string | null;
  lastError: string | null;
}

interface OutboxRow {
  id: string;
  key: string;
  to_person_id: string | null;
  to_address: string;
  subject: string;
  body_text: string;
  created_at: Date;
  attempts: number;
  sent_at: Date | null;
  smtp_message_id: string | null;
  last_error: string | null;
}

const OUTBOX_COLUMNS = 'id, key, to_person_id, to_address, subject, body_text, created_at, attempts, sent_at, smtp_message_id, last_error';

const toMessage = (r: OutboxRow): OutboxMessageRecord => ({
  id: r.id,
  key: r.key,
  toPersonId: r.to_person_id,
  toAddress: r.to_address,
  subject: r.subject,
  bodyText: r.body_text,
  createdAt: iso(r.created_at),
  attempts: r.attempts,
  sentAt: r.sent_at ? iso(r.sent_at) : null,
  smtpMessageId: r.smtp_message_id,
  lastError: r.last_error,
});

/** Writes a message unless one with this key exists (the same digest twice); true when written. */
export async function insertOutboxMessage(q: Queryable, m: { key: string; toPersonId: string | null; toAddress: string; subject: string; bodyText: string }): Promise<boolean> {
  const rows = await q.query(
    `insert into mail_outbox (id, key, to_person_id, to_address, subject, body_text) values ($1, $2, $3, $4, $5, $6) on conflict (key) do nothing returning id`,
    [randomUUID(), m.key, m.toPersonId, m.toAddress, m.subject, m.bodyText],
  );
  return rows.length > 0;
}

/** Claims one unsent message for delivery (SKIP LOCKED and a lease, as claimJob); at most `maxAttempts` tries. */
export async function claimOutboxMessage(q: Queryable, workerId: string, now: Date, leaseSeconds: number, maxAttempts = 5): Promise<OutboxMessageRecord | null> {
  const rows = await q.query<OutboxRow>(
    `update mail_outbox set locked_by = $1, locked_until = $2::timestamptz + make_interval(secs => $3), attempts = attempts + 1
     where id = (
       select id from mail_outbox where sent_at is null and attempts < $4 and (locked_until is null or locked_until < $2)
       order by created_at, id limit 1 for update skip locked
     )
     returning ${OUTBOX_COLUMNS}`,
    [workerId, now, leaseSeconds, maxAttempts],
  );
  return rows[0] ? toMessage(rows[0]) : null;
}

export async function markOutboxSent(q: Queryable, id: string, workerId: string, smtpMessageId: string | null): Promise<void> {
  await q.query(`update mail_outbox set sent_at = now(), smtp_message_id = $3, locked_by = null, locked_until = null, last_error = null where id = $1 and locked_by = $2`, [
    id,
    workerId,
    smtpMessageId,
  ]);
}

/** Records a failed delivery; the message is tried again after `retryAfterSeconds` (until it has had its attempts). */
export async function markOutboxFailed(q: Queryable, id: string, workerId: string, error: string, retryAfterSeconds = 300): Promise<void> {
  await q.query(`update mail_outbox set last_error = $3, locked_by = null, locked_until = now() + make_interval(secs => $4) where id = $1 and locked_by = $2`, [
    id,
    workerId,
    error.slice(0, 2000),
    retryAfterSeconds,
  ]);
}

/** Messages, newest first; `toPersonId` keeps one person's. */
export async function listOutboxMessages(q: Queryable, opts: { toPersonId?: string; limit: number }): Promise<OutboxMessageRecord[]> {
  const params: unknown[] = [opts.limit];
  let where = 'true';
  if (opts.toPersonId) {
    params.push(opts.toPersonId);
    where = `to_person_id = $2`;
  }
  return (await q.query<OutboxRow>(`select ${OUTBOX_COLUMNS} from mail_outbox where ${where} order by created_at desc, id limit $1`, params)).map(toMessage);
}
