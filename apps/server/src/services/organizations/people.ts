// People and their accounts. Who may see or edit a person follows from the person's home unit.
import { authorize, conflict, forbidden, notFound, scopeRoots, staleVersion, type Person, type PersonCreate, type PersonUpdate } from '@trellis/core';
import {
  deleteSessionsOfPerson,
  findPerson,
  findUnit,
  insertPerson,
  listPeople,
  publicPerson,
  recordAuditEvent,
  setPasswordHash,
  uniqueViolation,
  updatePerson,
  type PersonRecord,
  type Queryable,
} from '@trellis/db';
import type { Action } from '@trellis/core';
import type { ServiceContext } from '../../context.js';
import { hashPassword, verifyPassword } from '../passwords.js';
import { findPersonByEmail, recordLoginAttempt } from '@trellis/db';
import { checkPasswordAttemptLimit } from '../auth.js';

function duplicateEmail(e: unknown): never {
  if (uniqueViolation(e) === 'people_email_key') throw conflict('Someone already has this email address.', [{ field: 'email', message: 'is already used by another person' }]);
  throw e;
}

/** Loads a person the caller may act on. People outside the caller's subtrees are invisible (404). */
async function personFor(ctx: ServiceContext, q: Queryable, id: string, action: Action): Promise<PersonRecord> {
  const person = await findPerson(q, id);
  if (!person) throw notFound('The person');
  if (person.id === ctx.caller.personId && action === 'person.read') return person;
  if (person.homeUnitPath === null) {
    if (!ctx.caller.isSystemAdmin) throw notFound('The person');
  } else {
    authorize(ctx.caller, action, person.homeUnitPath, 'The person');
  }
  return person;
}

async function homeUnitFor(ctx: ServiceContext, q: Queryable, unitId: string, action: Action) {
  const unit = await findUnit(q, unitId);
  if (!unit) throw notFound('The home unit');
  authorize(ctx.caller, action, unit.path, 'The home unit');
  return unit;
}

const audited = (p: PersonRecord) => {
  const { homeUnitPath: _p, homeUnitName: _n, createdAt: _c, updatedAt: _u, ...rest } = p;
  return rest;
};

export async function getPerson(ctx: ServiceContext, id: string): Promise<Person> {
  return publicPerson(await personFor(ctx, ctx.db, id, 'person.read'));
}

export async function findPeople(ctx: ServiceContext, query: { q?: string | undefined; unitId?: string | undefined; limit?: number | undefined; offset?: number | undefined }) {
  const unitPath = query.unitId ? (await homeUnitFor(ctx, ctx.db, query.unitId, 'person.read')).path : undefined;
  const { people, total } = await listPeople(ctx.db, {
    roots: scopeRoots(ctx.caller, 'person.read'),
    q: query.q,
    unitPath,
    limit: query.limit ?? 50,
    offset: query.offset ?? 0,
  });
  return { people: people.map(publicPerson), total };
}

export async function createPerson(ctx: ServiceContext, input: PersonCreate): Promise<Person> {
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return ctx.db.transaction(async (tx) => {
    await homeUnitFor(ctx, tx, input.homeUnitId, 'person.create');
    const person = await insertPerson(tx, { ...input, passwordHash }).catch(duplicateEmail);
    await recordAuditEvent(tx, { actorId: ctx.caller.personId, action: 'person.create', entityType: 'person', entityId: person.id, unitId: person.homeUnitId, before: null, after: audited(person), requestId: ctx.requestId });
    return publicPerson(person);
  });
}

export async function updatePersonDetails(ctx: ServiceContext, id: string, input: PersonUpdate): Promise<Person> {
  const { version, ...changes } = input;
  return ctx.db.transaction(async (tx) => {
    const before = await personFor(ctx, tx, id, 'person.update');
    if (changes.homeUnitId !== undefined && changes.homeUnitId !== before.homeUnitId) await homeUnitFor(ctx, tx, changes.homeUnitId, 'person.update');
    if (before.version !== version) throw staleVersion('This person');
    const after = await updatePerson(tx, id, version, changes).catch(duplicateEmail);
    if (!after) throw staleVersion('This person');
    await recordAuditEvent(tx, { actorId: ctx.caller.personId, action: 'person.update', entityType: 'person', entityId: id, unitId: after.homeUnitId, before: audited(before), after: audited(after), requestId: ctx.requestId });
    return publicPerson(after);
  });
}

/** An administrator sets (or resets) a person's password; their sessions end. */
export async function setPassword(ctx: ServiceContext, id: string, password: string): Promise<void> {
  const hash = await hashPassword(password);
  await ctx.db.transaction(async (tx) => {
    const person = await personFor(ctx, tx, id, 'account.manage');
    if (person.isSystemAdmin && !ctx.caller.isSystemAdmin) throw forbidden('Only a system administrator can reset a system administrator’s password.');
    await setPasswordHash(tx, id, hash);
    await deleteSessionsOfPerson(tx, id);
    await recordAuditEvent(tx, { actorId: ctx.caller.personId, action: 'person.password_set', entityType: 'person', entityId: id, unitId: person.homeUnitId, before: null, after: null, requestId: ctx.requestId });
  });
}

/** A signed-in person changes their own password, proving they know the current one. */
export async function changeOwnPassword(ctx: ServiceContext, currentPassword: string, newPassword: string): Promise<void> {
  const me = await findPerson(ctx.db, ctx.caller.personId);
  const withHash = me ? await findPersonByEmail(ctx.db, me.email) : null;
  if (!withHash) throw notFound('Your account');
  const ip = ctx.ip ?? 'unknown';
  await checkPasswordAttemptLimit(ctx.db, withHash.email, ip);
  if (!withHash.passwordHash || !(await verifyPassword(withHash.passwordHash, currentPassword))) {
    await recordLoginAttempt(ctx.db, { email: withHash.email, ip, succeeded: false });
    throw conflict('Your current password is not right.', [{ field: 'currentPassword', message: 'does not match' }]);
  }
  const hash = await hashPassword(newPassword);
  await ctx.db.transaction(async (tx) => {
    await setPasswordHash(tx, ctx.caller.personId, hash);
    await recordAuditEvent(tx, { actorId: ctx.caller.personId, action: 'person.password_change', entityType: 'person', entityId: ctx.caller.personId, unitId: withHash.homeUnitId, before: null, after: null, requestId: ctx.requestId });
  });
}
