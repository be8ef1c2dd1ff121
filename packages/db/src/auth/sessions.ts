// Sessions live in the database so any server process can serve any request.
import type { Queryable } from '../client.js';

export interface SessionRow {
  personId: string;
  isSystemAdmin: boolean;
  csrfToken: string;
  expiresAt: Date;
  lastSeenAt: Date;
}

export async function insertSession(q: Queryable, s: { idHash: string; personId: string; csrfToken: string; expiresAt: Date }): Promise<void> {
  await q.query('insert into sessions (id, person_id, csrf_token, expires_at) values ($1, $2, $3, $4)', [s.idHash, s.personId, s.csrfToken, s.expiresAt]);
}

/** The live session with this id hash, or null when there is none or it has expired. */
export async function findLiveSession(q: Queryable, idHash: string): Promise<SessionRow | null> {
  const rows = await q.query<SessionRow>(
    `select s.person_id as "personId", p.is_system_admin as "isSystemAdmin", s.csrf_token as "csrfToken",
       s.expires_at as "expiresAt", s.last_seen_at as "lastSeenAt"
     from sessions s join people p on p.id = s.person_id where s.id = $1 and s.expires_at > now()`,
    [idHash],
  );
  return rows[0] ?? null;
}

/** Slides the expiry forward; called at most once a minute per session to keep writes rare. */
export async function touchSession(q: Queryable, idHash: string, expiresAt: Date): Promise<void> {
  await q.query('update sessions set last_seen_at = now(), expires_at = $2 where id = $1', [idHash, expiresAt]);
}

export async function deleteSession(q: Queryable, idHash: string): Promise<void> {
  await q.query('delete from sessions where id = $1', [idHash]);
}

export async function deleteSessionsOfPerson(q: Queryable, personId: string): Promise<void> {
  await q.query('delete from sessions where person_id = $1', [personId]);
}

export async function deleteExpiredSessions(q: Queryable): Promise<number> {
  return (await q.query('delete from sessions where expires_at <= now() returning 1')).length;
}

// ---- Sign-in attempts (rate limiting shared by all server processes) --------------------------

export async function recordLoginAttempt(q: Queryable, a: { email: string; ip: string; succeeded: boolean }): Promise<void> {
  await q.query('insert into login_attempts (email, ip, succeeded) values ($1, $2, $3)', [a.email, a.ip, a.succeeded]);
}

/** Failed attempts since `since` for this email and from this address, and when the oldest was. */
export async function countFailedLogins(q: Queryable, email: string, ip: string, since: Date) {
  const [row] = await q.query<{ by_email: number; by_ip: number; oldest_email: Date | null; oldest_ip: Date | null }>(
    `select count(*) filter (where email = $1)::int as by_email, count(*) filter (where ip = $2)::int as by_ip,
       min(at) filter (where email = $1) as oldest_email, min(at) filter (where ip = $2) as oldest_ip
     from login_attempts where (email = $1 or ip = $2) and at > $3 and not succeeded`,
    [email, ip, since],
  );
  return row!;
}

export async function pruneLoginAttempts(q: Queryable, before: Date): Promise<void> {
  await q.query('delete from login_attempts where at < $1', [before]);
}
