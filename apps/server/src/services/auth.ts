// Sign-in, sessions and sign-in rate limiting. Sessions and attempts live in the database, so any
// number of server processes share them.
import { createHash, randomBytes } from 'node:crypto';
import { DomainError, unauthenticated, type Caller, type SessionInfo } from '@trellis/core';
import {
  countFailedLogins,
  deleteSession,
  findLiveSession,
  findPerson,
  findPersonByEmail,
  grantScopesOf,
  grantsOfPerson,
  insertSession,
  recordAuditEvent,
  recordLoginAttempt,
  touchSession,
  type Db,
} from '@trellis/db';
import { dummyPasswordHash, verifyPassword } from './passwords.js';

/** Failed sign-ins allowed in the window: per email (guessing one account's password) and per address. */
export const LOGIN_LIMITS = { windowMinutes: 15, perEmail: 5, perAddress: 50 };

export const sessionHash = (token: string) => createHash('sha256').update(token).digest('hex');
const newToken = () => randomBytes(32).toString('base64url');

export interface SignedIn {
  token: string;
  info: SessionInfo;
}

/**
 * Refuses (429) when this email or address has failed too often lately. Shared by sign-in and by
 * changing one's own password, so a stolen session cannot be used to guess the password either.
 */
export async function checkPasswordAttemptLimit(db: Db, email: string, ip: string): Promise<void> {
  const since = new Date(Date.now() - LOGIN_LIMITS.windowMinutes * 60_000);
  const counts = await countFailedLogins(db, email, ip, since);
  if (counts.by_email >= LOGIN_LIMITS.perEmail || counts.by_ip >= LOGIN_LIMITS.perAddress) {
    const oldest = counts.by_email >= LOGIN_LIMITS.perEmail ? counts.oldest_email : counts.oldest_ip;
    const retry = Math.max(1, Math.ceil(((oldest ? new Date(oldest).getTime() : Date.now()) + LOGIN_LIMITS.windowMinutes * 60_000 - Date.now()) / 1000));
    throw new DomainError('rate_limited', `Too many failed sign-in attempts. Wait ${Math.ceil(retry / 60)} minute(s) and try again, or ask an administrator to reset your password.`, {
      retryAfterSeconds: retry,
    });
  }
}

export async function signIn(db: Db, input: { email: string; password: string; ip: string; idleHours: number; requestId: string }): Promise<SignedIn> {
  await checkPasswordAttemptLimit(db, input.email, input.ip);
  const person = await findPersonByEmail(db, input.email);
  const ok = await verifyPassword(person?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!person || !person.passwordHash || !ok) {
    await recordLoginAttempt(db, { email: input.email, ip: input.ip, succeeded: false });
    throw unauthenticated('The email or password is not right.');
  }
  const token = newToken();
  const csrfToken = newToken();
  await db.transaction(async (tx) => {
    await recordLoginAttempt(tx, { email: input.email, ip: input.ip, succeeded: true });
    await insertSession(tx, { idHash: sessionHash(token), personId: person.id, csrfToken, expiresAt: expiry(input.idleHours) });
    await recordAuditEvent(tx, {
      actorId: person.id,
      action: 'auth.sign_in',
      entityType: 'person',
      entityId: person.id,
      unitId: person.homeUnitId,
      before: null,
      after: null,
      requestId: input.requestId,
    });
  });
  return { token, info: await sessionInfo(db, person.id, csrfToken) };
}

const expiry = (idleHours: number) => new Date(Date.now() + idleHours * 3_600_000);

export interface ResolvedSession {
  caller: Caller;
  csrfToken: string;
}

/** The caller behind a session cookie, or null. Slides the expiry at most once a minute. */
export async function resolveSession(db: Db, token: string, idleHours: number): Promise<ResolvedSession | null> {
  const idHash = sessionHash(token);
  const session = await findLiveSession(db, idHash);
  if (!session) return null;
  if (Date.now() - new Date(session.lastSeenAt).getTime() > 60_000) await touchSession(db, idHash, expiry(idleHours));
  return {
    caller: { personId: session.personId, isSystemAdmin: session.isSystemAdmin, grants: await grantScopesOf(db, session.personId) },
    csrfToken: session.csrfToken,
  };
}

export async function sessionInfo(db: Db, personId: string, csrfToken: string): Promise<SessionInfo> {
  const person = await findPerson(db, personId);
  if (!person) throw unauthenticated();
  const grants = await grantsOfPerson(db, personId);
  return {
    person: { id: person.id, name: person.name, email: person.email, isSystemAdmin: person.isSystemAdmin },
    grants: grants.map((g) => ({ unitId: g.unitId, unitName: g.unitName, unitKind: g.unitKind, role: g.role })),
    csrfToken,
  };
}

export async function signOut(db: Db, token: string, caller: Caller | null, requestId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await deleteSession(tx, sessionHash(token));
    if (caller) {
      const person = await findPerson(tx, caller.personId);
      await recordAuditEvent(tx, { actorId: caller.personId, action: 'auth.sign_out', entityType: 'person', entityId: caller.personId, unitId: person?.homeUnitId ?? null, before: null, after: null, requestId });
    }
  });
}
