// Coaching and mentoring: engagements (who coaches whom, on which focus areas, at what cadence),
// contacts, cadence status for any day, a coach's caseload, a unit's coverage, organization
// facilitator checks, the hand-over to internal leaders, and unit settings. Access follows the
// engagement's unit; contact notes are narrower (see `maySeeNotes`). docs/decisions/0016.
import {
  authorize,
  atLeast,
  COACHING_DEFAULT_TARGETS,
  COACHING_FACILITATOR_CATALOG,
  COACHING_SUSTAIN_DEFAULTS,
  coachingCadenceStatus,
  coachingContactIssues,
  coachingCoverage,
  coachingEngagementIssues,
  coachingFacilitatorSummary,
  conflict,
  decide,
  effectiveRole,
  forbidden,
  invalid,
  isCoachingTimeZone,
  localDay,
  notFound,
  readyToSustain,
  sortCoachingCaseload,
  staleVersion,
  type Action,
  type Caller,
  type CoachingCadenceStatus,
  type CoachingCapacityTransferCreate,
  type CoachingCapacityTransferUpdate,
  type CoachingContactCreate,
  type CoachingContactUpdate,
  type CoachingEngagementCreate,
  type CoachingEngagementUpdate,
  type CoachingFacilitatorCheckCreate,
  type CoachingSustainCriteria,
  type CoachingSustainReadiness,
  type FieldIssue,
  type Unit,
} from '@trellis/core';
import {
  coachingSettingsAt,
  coachingTimeZonesFor,
  deleteCoachingCapacityTransfer,
  deleteCoachingContact,
  deleteCoachingEngagement,
  findCoachingCapacityTransfer,
  findCoachingContact,
  findCoachingEngagement,
  findCoachingFacilitatorCheck,
  findMechanism,
  findPerson,
  isUnattachedPerson,
  findUnit,
  insertCoachingCapacityTransfer,
  insertCoachingContact,
  insertCoachingEngagement,
  insertCoachingFacilitatorCheck,
  insertTask,
  linkTaskToCoachingContact,
  listCoachEngagements,
  listCoachingCapacityTransfers,
  listCoachingContacts,
  listCoachingFacilitatorChecks,
  listUnitEngagements,
  recordAuditEvent,
  saveCoachingSettings,
  setCoachingContactNextSteps,
  uniqueViolation,
  updateCoachingCapacityTransfer,
  updateCoachingContact,
  updateCoachingEngagement,
  updateCoachingFacilitatorCheck,
  type CoachingCapacityTransferRecord,
  type CoachingContactRecord,
  type CoachingEngagementFields,
  type CoachingEngagementRecord,
  type CoachingFacilitatorCheckRecord,
  type Queryable,
} from '@trellis/db';
import type { ServiceContext } from '../../context.js';
import { checkFocusKeys } from './focus.js';

/** The time zone of a unit with no coaching settings above it (Trellis's first users are in Texas). */
export const DEFAULT_COACHING_TIME_ZONE = 'America/Chicago';

type CoachingAction = Extract<Action, `coaching.${string}`>;

// ---- Access ----------------------------------------------------------------------------------------

async function unitFor(ctx: ServiceContext, q: Queryable, unitId: string, action: CoachingAction): Promise<Unit> {
  const unit = await findUnit(q, unitId);
  if (!unit) throw notFound('The unit');
  authorize(ctx.caller, action, unit.path);
  return unit;
}

async function engagementFor(ctx: ServiceContext, q: Queryable, id: string, action: CoachingAction, opts: { lock?: boolean } = {}): Promise<CoachingEngagementRecord> {
  const e = await findCoachingEngagement(q, id, opts);
  if (!e) throw notFound('The engagement');
  authorize(ctx.caller, action, e.unitPath, 'The engagement');
  return e;
}

const isLeaderAt = (caller: Caller, unitPath: string) => {
  if (caller.isSystemAdmin) return true;
  const role = effectiveRole(caller, unitPath);
  return role !== null && atLeast(role, 'leader');
};

/** The engagement's people: its coach and the leader coached. */
const isEngagementPerson = (caller: Caller, e: CoachingEngagementRecord) => caller.personId === e.coachPersonId || caller.personId === e.target.leaderPersonId;

/**
 * Contact notes, agreements and next steps are for the engagement's people (its coach, the leader
 * coached, whoever took part in or wrote the contact) and the unit's leaders (leader or above).
 * Anyone else who may read the engagement sees that the contact happened, not what was said.
 */
export function maySeeNotes(caller: Caller, e: CoachingEngagementRecord, c: Pick<CoachingContactRecord, 'participantIds' | 'createdBy'>): boolean {
  return isEngagementPerson(caller, e) || c.participantIds.includes(caller.personId) || c.createdBy === caller.personId || isLeaderAt(caller, e.unitPath);
}

/** Contacts are logged by the engagement's coach or a leader of its unit (the route checks coaching.record first). */
function checkMayLog(caller: Caller, e: CoachingEngagementRecord): void {
  if (caller.personId === e.coachPersonId || isLeaderAt(caller, e.unitPath)) return;
  throw forbidden('Only the engagement’s coach or a leader of its unit may log or change its contacts.');
}

// ---- Time zones and today --------------------------------------------------------------------------

async function timeZoneOf(q: Queryable, unit: { id: string; path: string }): Promise<string> {
  return (await coachingSettingsAt(q, unit.id, unit.path)).timeZone ?? DEFAULT_COACHING_TIME_ZONE;
}

/** Each unit's time zone (nearest settings row on its path, else the default), for many units at once. */
async function timeZonesOf(q: Queryable, unitPaths: readonly string[]): Promise<(path: string) => string> {
  const zones = await coachingTimeZonesFor(q, unitPaths);
  return (path) => {
    const ids = path.split('/').filter(Boolean).reverse();
    for (const id of ids) {
      const z = zones.get(id);
      if (z) return z;
    }
    return DEFAULT_COACHING_TIME_ZONE;
  };
}

// ---- Engagements as the API returns them -----------------------------------------------------------

export const publicEngagement = ({ unitPath: _p, coachEmail: _m, ...e }: CoachingEngagementRecord) => e;
export type PublicEngagement = ReturnType<typeof publicEngagement>;

export interface EngagementWithStatus {
  engagement: PublicEngagement;
  timeZone: string;
  status: CoachingCadenceStatus;
}

/** Cadence status of each engagement on `on`, or on each unit's own today. */
async function withStatuses(q: Queryable, engagements: readonly CoachingEngagementRecord[], on: string | undefined, now: Date = new Date()): Promise<EngagementWithStatus[]> {
  const contacts = await listCoachingContacts(q, engagements.map((e) => e.id));
  const byEngagement = new Map<string, { date: string; mode: CoachingContactRecord['mode'] }[]>();
  for (const c of contacts) {
    if (!byEngagement.has(c.engagementId)) byEngagement.set(c.engagementId, []);
    byEngagement.get(c.engagementId)!.push({ date: c.date, mode: c.mode });
  }
  const zoneOf = await timeZonesOf(q, engagements.map((e) => e.unitPath));
  return engagements.map((e) => {
    const timeZone = zoneOf(e.unitPath);
    const day = on ?? localDay(now, timeZone);
    return { engagement: publicEngagement(e), timeZone, status: statusOf(e, byEngagement.get(e.id) ?? [], day) };
  });
}

function statusOf(e: CoachingEngagementRecord, contacts: readonly { date: string; mode: CoachingContactRecord['mode'] }[], on: string): CoachingCadenceStatus {
  return coachingCadenceStatus({ id: e.id, startOn: e.startOn, endedOn: e.endedOn, plannedEndOn: e.plannedEndOn, pauses: e.pauses, targets: e.cadence }, contacts, on);
}

const sortByUrgency = (items: EngagementWithStatus[]) => {
  const byId = new Map(items.map((i) => [i.engagement.id, i]));
  return sortCoachingCaseload(items.map((i) => i.status)).map((s) => byId.get(s.engagementId)!);
};

/**
 * A coach's caseload, most urgent first, with why. Without `coachId` the caller's own (every
 * engagement they coach, wherever it is); another coach's shows only the engagements at units the
 * caller may read.
 */
export async function caseload(ctx: ServiceContext, opts: { coachId?: string | undefined; on?: string | undefined; includeEnded?: boolean | undefined }): Promise<{ coachPersonId: string; items: EngagementWithStatus[] }> {
  const coachPersonId = opts.coachId ?? ctx.caller.personId;
  let engagements = await listCoachEngagements(ctx.db, coachPersonId, { includeEnded: opts.includeEnded ?? false });
  if (coachPersonId !== ctx.caller.personId) {
    engagements = engagements.filter((e) => ctx.caller.isSystemAdmin || effectiveRole(ctx.caller, e.unitPath) !== null);
  }
  return { coachPersonId, items: sortByUrgency(await withStatuses(ctx.db, engagements, opts.on)) };
}

/** A unit's coverage: its engagements and those below it (not ended), by state, most urgent first. */
export async function unitCoverage(ctx: ServiceContext, unitId: string, opts: { on?: string | undefined }) {
  const unit = await unitFor(ctx, ctx.db, unitId, 'coaching.read');
  const engagements = await listUnitEngagements(ctx.db, unit.path, { subtree: true, includeEnded: false });
  const items = sortByUrgency(await withStatuses(ctx.db, engagements, opts.on));
  const units = new Map<string, { unitId: string; unitName: string; states: string[] }>();
  for (const i of items) {
    const u = units.get(i.engagement.unitId) ?? { unitId: i.engagement.unitId, unitName: i.engagement.unitName, states: [] };
    u.states.push(i.status.state);
    units.set(i.engagement.unitId, u);
  }
  return {
    unitId: unit.id,
    unitName: unit.name,
    counts: coachingCoverage(items.map((i) => i.status)),
    byUnit: [...units.values()]
      .map((u) => ({ unitId: u.unitId, unitName: u.unitName, counts: coachingCoverage(u.states.map((state) => ({ state: state as CoachingCadenceStatus['state'] }))) }))
      .sort((a, b) => b.counts.overdue - a.counts.overdue || a.unitName.localeCompare(b.unitName)),
    items,
  };
}

/** The engagements of a unit (its own; with `subtree`, also those below it). */
export async function unitEngagements(ctx: ServiceContext, unitId: string, opts: { subtree: boolean; includeEnded: boolean }): Promise<EngagementWithStatus[]> {
  const unit = await unitFor(ctx, ctx.db, unitId, 'coaching.read');
  return withStatuses(ctx.db, await listUnitEngagements(ctx.db, unit.path, { subtree: opts.subtree, includeEnded: opts.includeEnded }), undefined);
}

export async function getEngagement(ctx: ServiceContext, id: string, opts: { on?: string | undefined } = {}) {
  const e = await engagementFor(ctx, ctx.db, id, 'coaching.read');
  const [item] = await withStatuses(ctx.db, [e], opts.on);
  const contacts = (await listCoachingContacts(ctx.db, [e.id])).map((c) => publicContact(ctx.caller, e, c));
  return {
    ...item!,
    today: localDay(new Date(), item!.timeZone),
    contacts,
    mayLog: ctx.caller.personId === e.coachPersonId || isLeaderAt(ctx.caller, e.unitPath),
    mayManage: isLeaderAt(ctx.caller, e.unitPath),
  };
}

export async function engagementCadence(ctx: ServiceContext, id: string, on: string | undefined): Promise<CoachingCadenceStatus> {
  const e = await engagementFor(ctx, ctx.db, id, 'coaching.read');
  return (await withStatuses(ctx.db, [e], on))[0]!.status;
}

// ---- Engagement writes ---------------------------------------------------------------------------------

const issuesError = (issues: FieldIssue[], what = 'The engagement') => invalid(`${what} has a problem: ${issues.map((i) => `${i.field} ${i.message}`).join('; ')}.`, issues);

/**
 * Whether the caller may name this person in an engagement, a facilitator check or a hand-over plan: themselves, someone they may see (as
 * GET /api/people finds them), or an external coach (no home unit, no grant) — the coach picker's
 * rule (docs/decisions/0020), so that an id typed directly neither reveals another district's
 * person (the engagement answers with their name and email) nor gives them a district's school.
 */
async function mayName(ctx: ServiceContext, q: Queryable, person: { id: string; homeUnitPath: string | null }): Promise<boolean> {
  if (ctx.caller.isSystemAdmin || person.id === ctx.caller.personId) return true;
  if (person.homeUnitPath !== null && decide(ctx.caller, 'person.read', person.homeUnitPath) === 'allow') return true;
  return isUnattachedPerson(q, person.id);
}

const NOT_NAMEABLE = 'must be someone you may see or an external coach (no home unit, no role anywhere)';

/**
 * The people and the mechanism an engagement names exist, people newly named are ones the caller may
 * name (`mayName`; people already on the engagement stay), and a mechanism coached is at the unit or below it.
 */
async function checkReferences(ctx: ServiceContext, q: Queryable, unit: Unit, f: Pick<CoachingEngagementFields, 'coachPersonId' | 'target'>, before?: { coachPersonId: string; target: { leaderPersonId?: string | null | undefined } }): Promise<void> {
  const issues: FieldIssue[] = [];
  const coach = await findPerson(q, f.coachPersonId);
  if (!coach) issues.push({ field: 'coachPersonId', message: 'is not a person in Trellis' });
  else if (coach.id !== before?.coachPersonId && !(await mayName(ctx, q, coach))) issues.push({ field: 'coachPersonId', message: NOT_NAMEABLE });
  if (f.target.leaderPersonId) {
    const leader = await findPerson(q, f.target.leaderPersonId);
    if (!leader) issues.push({ field: 'target.leaderPersonId', message: 'is not a person in Trellis' });
    else if (leader.id !== before?.target.leaderPersonId && !(await mayName(ctx, q, leader))) issues.push({ field: 'target.leaderPersonId', message: NOT_NAMEABLE.replace(' or an external coach (no home unit, no role anywhere)', '') });
  }
  if (f.target.mechanismId) {
    const m = await findMechanism(q, f.target.mechanismId);
    if (!m) issues.push({ field: 'target.mechanismId', message: 'is not a mechanism in Trellis' });
    else if (!m.unitPath.startsWith(unit.path)) issues.push({ field: 'target.mechanismId', message: `must be a mechanism of ${unit.name} or a unit below it` });
  }
  if (issues.length) throw issuesError(issues);
}

/** Focus areas the unit's contacts already use must stay in the engagement. */
async function checkTopicsKept(q: Queryable, engagementId: string, focusAreaKeys: readonly string[]): Promise<void> {
  const used = new Set((await listCoachingContacts(q, [engagementId])).flatMap((c) => c.topics));
  const dropped = [...used].filter((t) => !focusAreaKeys.includes(t));
  if (dropped.length) {
    throw invalid(`Contacts of this engagement covered ${dropped.join(', ')}; keep those focus areas or change the contacts first.`, [
      { field: 'focusAreaKeys', message: `must keep the focus areas its contacts covered (${dropped.join(', ')})` },
    ]);
  }
}

export async function createEngagement(ctx: ServiceContext, body: CoachingEngagementCreate): Promise<EngagementWithStatus> {
  return ctx.db.transaction(async (tx) => {
    const unit = await unitFor(ctx, tx, body.unitId, 'coaching.manage');
    const fields: CoachingEngagementFields = {
      unitId: unit.id,
      coachPersonId: body.coachPersonId,
      kind: body.kind,
      coachAffiliation: body.coachAffiliation,
      target: body.target,
      focusAreaKeys: body.focusAreaKeys,
      startOn: body.startOn,
      plannedEndOn: body.plannedEndOn ?? null,
      goals: body.goals ?? null,
      status: body.status ?? 'active',
      pauses: body.pauses ?? [],
      endedOn: body.endedOn ?? null,
      cadence: body.cadence ?? COACHING_DEFAULT_TARGETS,
    };
    await checkReferences(ctx, tx, unit, fields);
    await checkFocusKeys(tx, unit, [{ field: 'focusAreaKeys', keys: fields.focusAreaKeys }], 'The engagement');
    const e = await insertCoachingEngagement(tx, fields, ctx.caller.personId);
    await recordAuditEvent(tx, { actorId: ctx.caller.personId, action: 'coaching_engagement.create', entityType: 'coaching_engagement', entityId: e.id, unitId: unit.id, before: null, after: publicEngagement(e), requestId: ctx.requestId });
    return (await withStatuses(tx, [e], undefined))[0]!;
  });
}

export async function changeEngagement(ctx: ServiceContext, id: string, body: CoachingEngagementUpdate): Promise<EngagementWithStatus> {
  return ctx.db.transaction(async (tx) => {
    const before = await engagementFor(ctx, tx, id, 'coaching.manage', { lock: true });
    if (before.version !== body.version) throw staleVersion('The engagement');
    const unit = (await findUnit(tx, before.unitId))!;
    const target = body.target ?? { leaderPersonId: before.target.leaderPersonId ?? undefined, mechanismId: before.target.mechanismId ?? undefined, unitId: before.target.unitId ?? undefined };
    const status = body.status ?? before.status;
    const fields: CoachingEngagementFields = {
      unitId: before.unitId,
      coachPersonId: body.coachPersonId ?? before.coachPersonId,
      kind: body.kind ?? before.kind,
      coachAffiliation: body.coachAffiliation ?? before.coachAffiliation,
      target,
      focusAreaKeys: body.focusAreaKeys ?? before.focusAreaKeys,
      startOn: body.startOn ?? before.startOn,
      plannedEndOn: body.plannedEndOn !== undefined ? body.plannedEndOn : before.plannedEndOn,
      goals: body.goals !== undefined ? body.goals : before.goals,
      status,
      pauses: body.pauses ?? before.pauses,
      // Leaving "ended" clears the end day unless one is given.
      endedOn: body.endedOn !== undefined ? body.endedOn : status === 'ended' ? before.endedOn : null,
      cadence: body.cadence ?? before.cadence,
    };
    const issues = coachingEngagementIssues({
      unitId: fields.unitId,
      target: Object.fromEntries(Object.entries(fields.target).filter(([, v]) => v !== null && v !== undefined)),
      startOn: fields.startOn,
      plannedEndOn: fields.plannedEndOn,
      status: fields.status,
      pauses: fields.pauses,
      endedOn: fields.endedOn,
    });
    if (issues.length) throw issuesError(issues);
    await checkReferences(ctx, tx, unit, fields, before);
    await checkFocusKeys(tx, unit, [{ field: 'focusAreaKeys', keys: body.focusAreaKeys, keep: before.focusAreaKeys }], 'The engagement');
    if (body.focusAreaKeys) await checkTopicsKept(tx, id, body.focusAreaKeys);
    const contacts = await listCoachingContacts(tx, [id]);
    const outside = contacts.filter((c) => c.date < fields.startOn || (fields.endedOn !== null && c.date > fields.endedOn));
    if (outside.length) {
      const field = outside.some((c) => c.date < fields.startOn) ? 'startOn' : 'endedOn';
      throw invalid(`A contact was logged on ${outside[0]!.date}, outside the engagement’s dates.`, [{ field, message: `must keep every contact inside the engagement (one is on ${outside[0]!.date})` }]);
    }
    const after = await updateCoachingEngagement(tx, id, body.version, fields);
    if (!after) throw staleVersion('The engagement');
    const action = before.status !== after.status ? `coaching_engagement.${after.status === 'ended' ? 'end' : after.status === 'paused' ? 'pause' : 'resume'}` : 'coaching_engagement.update';
    await recordAuditEvent(tx, { actorId: ctx.caller.personId, action, entityType: 'coaching_engagement', entityId: id, unitId: after.unitId, before: publicEngagement(before), after: publicEngagement(after), requestId: ctx.requestId });
    return (await withStatuses(tx, [after], undefined))[0]!;
  });
}

export async function removeEngagement(ctx: ServiceContext, id: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const e = await engagementFor(ctx, tx, id, 'coaching.manage', { lock: true });
    const contacts = await listCoachingContacts(tx, [id]);
    if (contacts.length) {
      throw conflict(`This engagement has ${contacts.length} logged contact${contacts.length === 1 ? '' : 's'}: end it instead of removing it, so its record stays.`, [
        { field: 'id', message: 'has contacts; end the engagement instead' },
      ]);
    }
    await deleteCoachingEngagement(tx, id);
    await recordAuditEvent(tx, { actorId: ctx.caller.personId, action: 'coaching_engagement.delete', entityType: 'coaching_engagement', entityId: id, unitId: e.unitId, before: publicEngagement(e), after: null, requestId: ctx.requestId });
  });
}

// ---- Contacts --------------------------------------------------------------------------------------------

export type PublicContact = Omit<CoachingContactRecord, 'createdBy' | 'nextSteps'> & { nextSteps: CoachingContactRecord['nextSteps'] | null; notesHidden: boolean };

export function publicContact(caller: Caller, e: CoachingEngagementRecord, c: CoachingContactRecord): PublicContact {
  const { createdBy: _c, ...rest } = c;
  if (maySeeNotes(caller, e, c)) return { ...rest, notesHidden: false };
  return { ...rest, notes: null, agreements: null, nextSteps: null, notesHidden: true };
}

export async function listContacts(ctx: ServiceContext, engagementId: string): Promise<PublicContact[]> {
  const e = await engagementFor(ctx, ctx.db, engagementId, 'coaching.read');
  return (await listCoachingContacts(ctx.db, [e.id])).map((c) => publicContact(ctx.caller, e, c));
}

async function checkContact(q: Queryable, e: CoachingEngagementRecord, c: { date: string; topics: readonly string[]; participantIds: readonly string[] }): Promise<void> {
  const today = localDay(new Date(), await timeZoneOf(q, { id: e.unitId, path: e.unitPath }));
  const issues = coachingContactIssues(c, e, today);
  if (c.participantIds.length) {
    const found = new Set((await q.query<{ id: string }>('select id from people where id = any($1::uuid[])', [[...c.participantIds]])).map((r) => r.id));
    c.participantIds.forEach((p, i) => {
      if (!found.has(p)) issues.push({ field: `participantIds.${i}`, message: 'is not a person in Trellis' });
    });
  }
  if (issues.length) throw issuesError(issues, 'The contact');
}

type ContactResult = { contact: PublicContact; status: CoachingCadenceStatus };

async function contactResult(ctx: ServiceContext, q: Queryable, e: CoachingEngagementRecord, c: CoachingContactRecord): Promise<ContactResult> {
  return { contact: publicContact(ctx.caller, e, c), status: (await withStatuses(q, [e], undefined))[0]!.status };
}

/** Logs a contact; returns it with the engagement's cadence status now. */
export async function createContact(ctx: ServiceContext, engagementId: string, body: CoachingContactCreate): Promise<ContactResult> {
  return ctx.db.transaction(async (tx) => {
    const e = await engagementFor(ctx, tx, engagementId, 'coaching.record', { lock: true });
    checkMayLog(ctx.caller, e);
    const fields = {
      date: body.date,
      mode: body.mode,
      durationMinutes: body.durationMinutes,
      participantIds: body.participantIds ?? [],
      topics: body.topics ?? [],
      notes: body.notes ?? null,
      agreements: body.agreements ?? null,
      nextSteps: (body.nextSteps ?? []).map((s) => ({ text: s.text, dueOn: s.dueOn ?? null, taskId: null })),
    };
    await checkContact(tx, e, fields);
    const c = await insertCoachingContact(tx, e.id, fields, ctx.caller.personId);
    await recordAuditEvent(tx, { actorId: ctx.caller.personId, action: 'coaching_contact.create', entityType: 'coaching_contact', entityId: c.id, unitId: e.unitId, before: null, after: c, requestId: ctx.requestId });
    return contactResult(ctx, tx, e, c);
  });
}

async function contactFor(ctx: ServiceContext, q: Queryable, id: string, opts: { lock?: boolean } = {}) {
  const c = await findCoachingContact(q, id, opts);
  if (!c) throw notFound('The contact');
  const e = await engagementFor(ctx, q, c.engagementId, 'coaching.record', opts);
  return { c, e };
}

export async function changeContact(ctx: ServiceContext, id: string, body: CoachingContactUpdate): Promise<ContactResult> {
  return ctx.db.transaction(async (tx) => {
    const { c: before, e } = await contactFor(ctx, tx, id, { lock: true });
    if (!(ctx.caller.personId === before.createdBy || ctx.caller.personId === e.coachPersonId || isLeaderAt(ctx.caller, e.unitPath))) checkMayLog(ctx.caller, e);
    if (before.version !== body.version) throw staleVersion('The contact');
    // A next step keeps the task it became while its text stays the same.
    const nextSteps = body.nextSteps
      ? body.nextSteps.map((s) => ({ text: s.text, dueOn: s.dueOn ?? null, taskId: before.nextSteps.find((o) => o.text === s.text)?.taskId ?? null }))
      : before.nextSteps;
    const fields = {
      date: body.date ?? before.date,
      mode: body.mode ?? before.mode,
      durationMinutes: body.durationMinutes ?? before.durationMinutes,
      participantIds: body.participantIds ?? before.participantIds,
      topics: body.topics ?? before.topics,
      notes: body.notes !== undefined ? body.notes : before.notes,
      agreements: body.agreements !== undefined ? body.agreements : before.agreements,
      nextSteps,
    };
    await checkContact(tx, e, fields);
    const after = await updateCoachingContact(tx, id, body.version, fields);
    if (!after) throw staleVersion('The contact');
    await recordAuditEvent(tx, { actorId: ctx.caller.personId, action: 'coaching_contact.update', entityType: 'coaching_contact', entityId: id, unitId: e.unitId, before, after, requestId: ctx.requestId });
    return contactResult(ctx, tx, e, after);
  });
}

export async function removeContact(ctx: ServiceContext, id: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const { c, e } = await contactFor(ctx, tx, id, { lock: true });
    if (!(ctx.caller.personId === c.createdBy || ctx.caller.personId === e.coachPersonId || isLeaderAt(ctx.caller, e.unitPath))) checkMayLog(ctx.caller, e);
    await deleteCoachingContact(tx, id);
    await recordAuditEvent(tx, { actorId: ctx.caller.personId, action: 'coaching_contact.delete', entityType: 'coaching_contact', entityId: id, unitId: e.unitId, before: c, after: null, requestId: ctx.requestId });
  });
}

/** Turns a contact's next step into a task of the engagement's unit (owned by the leader coached, if any). */
export async function nextStepToTask(ctx: ServiceContext, contactId: string, index: number): Promise<ContactResult & { taskId: string }> {
  return ctx.db.transaction(async (tx) => {
    const { c, e } = await contactFor(ctx, tx, contactId, { lock: true });
    checkMayLog(ctx.caller, e);
    const step = c.nextSteps[index];
    if (!step) throw notFound('The next step');
    if (step.taskId) throw conflict('This next step is already a task.', [{ field: 'index', message: 'is already a task' }]);
    const task = await insertTask(tx, {
      unitId: e.unitId,
      title: step.text.slice(0, 300),
      notes: `From a ${e.kind} contact on ${c.date} (${e.coachName} with ${e.targetName}).`,
      ownerPersonId: e.target.leaderPersonId,
      dueOn: step.dueOn,
    });
    await linkTaskToCoachingContact(tx, task.id, c.id);
    const nextSteps = c.nextSteps.map((s, i) => (i === index ? { ...s, taskId: task.id } : s));
    await setCoachingContactNextSteps(tx, c.id, nextSteps);
    await recordAuditEvent(tx, { actorId: ctx.caller.personId, action: 'task.create', entityType: 'task', entityId: task.id, unitId: e.unitId, before: null, after: { ...task, coachingContactId: c.id }, requestId: ctx.requestId });
    return { ...(await contactResult(ctx, tx, e, { ...c, nextSteps })), taskId: task.id };
  });
}

// ---- Facilitator checks --------------------------------------------------------------------------------

const publicCheck = ({ unitPath: _p, ...c }: CoachingFacilitatorCheckRecord) => ({ ...c, summary: coachingFacilitatorSummary(c.answers) });
export type PublicFacilitatorCheck = ReturnType<typeof publicCheck>;

export async function listFacilitatorChecks(ctx: ServiceContext, unitId: string): Promise<PublicFacilitatorCheck[]> {
  const unit = await unitFor(ctx, ctx.db, unitId, 'coaching.read');
  return (await listCoachingFacilitatorChecks(ctx.db, unit.id)).map(publicCheck);
}

export async function getFacilitatorCheck(ctx: ServiceContext, id: string): Promise<PublicFacilitatorCheck> {
  const c = await findCoachingFacilitatorCheck(ctx.db, id);
  if (!c) throw notFound('The checklist');
  authorize(ctx.caller, 'coaching.read', c.unitPath, 'The checklist');
  return publicCheck(c);
}

const duplicateCheck = (e: unknown): never => {
  if (uniqueViolation(e) === 'coaching_facilitator_checks_once') {
    throw conflict('This facilitator already has a checklist for this site on this day: change that one instead.', [{ field: 'checkedOn', message: 'already has a checklist by this facilitator for this site' }]);
  }
  throw e;
};

export async function createFacilitatorCheck(ctx: ServiceContext, body: CoachingFacilitatorCheckCreate): Promise<PublicFacilitatorCheck> {
  return ctx.db
    .transaction(async (tx) => {
      const unit = await unitFor(ctx, tx, body.unitId, 'coaching.record');
      const facilitator = await findPerson(tx, body.facilitatorPersonId);
      if (!facilitator) throw invalid('The facilitator was not found.', [{ field: 'facilitatorPersonId', message: 'is not a person in Trellis' }]);
      if (!(await mayName(ctx, tx, facilitator))) throw invalid('The facilitator is not someone you may choose.', [{ field: 'facilitatorPersonId', message: NOT_NAMEABLE }]);
      const today = localDay(new Date(), await timeZoneOf(tx, unit));
      if (body.checkedOn > today) throw invalid('A checklist records what was found: it cannot be dated in the future.', [{ field: 'checkedOn', message: `must not be in the future (today is ${today})` }]);
      const c = await insertCoachingFacilitatorCheck(tx, { ...body, unitId: unit.id, catalogVersion: COACHING_FACILITATOR_CATALOG.version }, ctx.caller.personId);
      await recordAuditEvent(tx, { actorId: ctx.caller.personId, action: 'coaching_facilitator_check.create', entityType: 'coaching_facilitator_check', entityId: c.id, unitId: unit.id, before: null, after: c, requestId: ctx.requestId });
      return publicCheck(c);
    })
    .catch(duplicateCheck);
}

export async function changeFacilitatorCheck(ctx: ServiceContext, id: string, body: { version: number; answers: CoachingFacilitatorCheckCreate['answers'] }): Promise<PublicFacilitatorCheck> {
  return ctx.db.transaction(async (tx) => {
    const before = await findCoachingFacilitatorCheck(tx, id, { lock: true });
    if (!before) throw notFound('The checklist');
    authorize(ctx.caller, 'coaching.record', before.unitPath, 'The checklist');
    if (before.version !== body.version) throw staleVersion('The checklist');
    const after = await updateCoachingFacilitatorCheck(tx, id, body.version, body.answers, COACHING_FACILITATOR_CATALOG.version);
    if (!after) throw staleVersion('The checklist');
    await recordAuditEvent(tx, { actorId: ctx.caller.personId, action: 'coaching_facilitator_check.update', entityType: 'coaching_facilitator_check', entityId: id, unitId: after.unitId, before, after, requestId: ctx.requestId });
    return publicCheck(after);
  });
}

// ---- Capacity transfer -----------------------------------------------------------------------------------

const publicTransfer = ({ unitPath: _p, ...t }: CoachingCapacityTransferRecord) => t;

export async function capacityTransfer(ctx: ServiceContext, unitId: string, opts: { on?: string | undefined }) {
  const unit = await unitFor(ctx, ctx.db, unitId, 'coaching.read');
  return capacityOf(ctx.db, unit, opts.on);
}

async function capacityOf(q: Queryable, unit: Unit, on: string | undefined) {
  const settings = await coachingSettingsAt(q, unit.id, unit.path);
  const day = on ?? localDay(new Date(), settings.timeZone ?? DEFAULT_COACHING_TIME_ZONE);
  const transfers = await listCoachingCapacityTransfers(q, unit.id);
  const engagements = await listUnitEngagements(q, unit.path, { subtree: false, includeEnded: true });
  const criteria: CoachingSustainCriteria = settings.sustain ?? COACHING_SUSTAIN_DEFAULTS;
  const readiness: CoachingSustainReadiness = readyToSustain(criteria, { on: day, engagements, transfers });
  return { unitId: unit.id, unitName: unit.name, on: day, criteria, transfers: transfers.map(publicTransfer), readiness };
}

const duplicateTransfer = (e: unknown): never => {
  if (uniqueViolation(e) === 'coaching_capacity_transfers_once') {
    throw conflict('This leader is already in the unit’s hand-over plan: change their entry instead.', [{ field: 'internalLeaderPersonId', message: 'is already in the hand-over plan' }]);
  }
  throw e;
};

export async function createCapacityTransfer(ctx: ServiceContext, unitId: string, body: CoachingCapacityTransferCreate) {
  return ctx.db
    .transaction(async (tx) => {
      const unit = await unitFor(ctx, tx, unitId, 'coaching.manage');
      await checkFocusKeys(tx, unit, [{ field: 'capacities', keys: body.capacities }], 'The hand-over entry');
      const leader = await findPerson(tx, body.internalLeaderPersonId);
      if (!leader) throw invalid('The leader was not found.', [{ field: 'internalLeaderPersonId', message: 'is not a person in Trellis' }]);
      if (!(await mayName(ctx, tx, leader))) throw invalid('The leader is not someone you may choose.', [{ field: 'internalLeaderPersonId', message: NOT_NAMEABLE }]);
      const t = await insertCoachingCapacityTransfer(tx, { unitId: unit.id, internalLeaderPersonId: body.internalLeaderPersonId, capacities: body.capacities, plannedHandOverOn: body.plannedHandOverOn, note: body.note ?? null });
      await recordAuditEvent(tx, { actorId: ctx.caller.personId, action: 'coaching_capacity_transfer.create', entityType: 'coaching_capacity_transfer', entityId: t.id, unitId: unit.id, before: null, after: publicTransfer(t), requestId: ctx.requestId });
      return publicTransfer(t);
    })
    .catch(duplicateTransfer);
}

async function transferFor(ctx: ServiceContext, q: Queryable, id: string) {
  const t = await findCoachingCapacityTransfer(q, id, { lock: true });
  if (!t) throw notFound('The hand-over entry');
  authorize(ctx.caller, 'coaching.manage', t.unitPath, 'The hand-over entry');
  return t;
}

export async function changeCapacityTransfer(ctx: ServiceContext, id: string, body: CoachingCapacityTransferUpdate) {
  return ctx.db.transaction(async (tx) => {
    const before = await transferFor(ctx, tx, id);
    if (before.version !== body.version) throw staleVersion('The hand-over entry');
    await checkFocusKeys(tx, (await findUnit(tx, before.unitId))!, [{ field: 'capacities', keys: body.capacities, keep: before.capacities }], 'The hand-over entry');
    const after = await updateCoachingCapacityTransfer(tx, id, body.version, {
      capacities: body.capacities ?? before.capacities,
      plannedHandOverOn: body.plannedHandOverOn ?? before.plannedHandOverOn,
      note: body.note !== undefined ? body.note : before.note,
    });
    if (!after) throw staleVersion('The hand-over entry');
    await recordAuditEvent(tx, { actorId: ctx.caller.personId, action: 'coaching_capacity_transfer.update', entityType: 'coaching_capacity_transfer', entityId: id, unitId: after.unitId, before: publicTransfer(before), after: publicTransfer(after), requestId: ctx.requestId });
    return publicTransfer(after);
  });
}

export async function removeCapacityTransfer(ctx: ServiceContext, id: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const t = await transferFor(ctx, tx, id);
    await deleteCoachingCapacityTransfer(tx, id);
    await recordAuditEvent(tx, { actorId: ctx.caller.personId, action: 'coaching_capacity_transfer.delete', entityType: 'coaching_capacity_transfer', entityId: id, unitId: t.unitId, before: publicTransfer(t), after: null, requestId: ctx.requestId });
  });
}

// ---- Unit settings -------------------------------------------------------------------------------------------

export async function getSettings(ctx: ServiceContext, unitId: string) {
  const unit = await unitFor(ctx, ctx.db, unitId, 'coaching.read');
  const s = await coachingSettingsAt(ctx.db, unit.id, unit.path);
  return {
    unitId: unit.id,
    inheritedFrom: s.fromUnitId === unit.id ? null : s.fromUnitId,
    timeZone: s.timeZone ?? DEFAULT_COACHING_TIME_ZONE,
    sustain: s.sustain ?? COACHING_SUSTAIN_DEFAULTS,
    version: s.version,
  };
}

export async function saveSettings(ctx: ServiceContext, unitId: string, body: { version: number; timeZone: string; sustain?: CoachingSustainCriteria | null | undefined }) {
  if (!isCoachingTimeZone(body.timeZone)) throw invalid(`"${body.timeZone}" is not a time zone.`, [{ field: 'timeZone', message: 'must be an IANA time zone like America/Chicago' }]);
  await ctx.db.transaction(async (tx) => {
    const unit = await unitFor(ctx, tx, unitId, 'coaching.manage');
    const before = await coachingSettingsAt(tx, unit.id, unit.path);
    if (before.version !== body.version) throw staleVersion('The coaching settings');
    if (!(await saveCoachingSettings(tx, unit.id, body.version, { timeZone: body.timeZone, sustain: body.sustain ?? null }))) throw staleVersion('The coaching settings');
    await recordAuditEvent(tx, { actorId: ctx.caller.personId, action: 'coaching_settings.update', entityType: 'coaching_settings', entityId: unit.id, unitId: unit.id, before, after: { timeZone: body.timeZone, sustain: body.sustain ?? null }, requestId: ctx.requestId });
  });
  return getSettings(ctx, unitId);
}

// ---- Used by reports and the digest ------------------------------------------------------------------------

export { withStatuses, timeZonesOf, unitFor as coachingUnitFor, sortByUrgency };
