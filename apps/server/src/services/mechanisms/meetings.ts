// A mechanism at work: its meetings (with attendees, agenda, minutes, decisions), the action items
// they raise as tasks, and the capacity-building record of each function. Members of the unit may
// record these (`mechanism.record`); staffing and shaping the mechanism stays with editors.
import {
  authorize,
  conflict,
  decide,
  functionDepartures,
  invalid,
  MECHANISM_CATALOG,
  mechanismKindEntry,
  notFound,
  staleVersion,
  type ActionItemCreate,
  type FunctionCapacityChange,
  type Meeting,
  type MeetingCreate,
  type MeetingUpdate,
  type MechanismFunctionEntry,
  type Task,
  type TaskUpdate,
} from '@trellis/core';
import {
  deleteMeeting,
  findMechanismFunction,
  findMeeting,
  findPerson,
  findTask,
  insertMeeting,
  insertTask,
  listMeetings,
  listMeetingTasks,
  listMechanismTasks,
  listMembers,
  missingPeople,
  publicTask,
  recordAuditEvent,
  updateMechanismFunction,
  updateMeeting,
  updateTask,
  type MechanismRecord,
  type MeetingRecord,
  type Queryable,
} from '@trellis/db';
import type { ServiceContext } from '../../context.js';
import { checkNotRetired, mechanismFor, today } from './mechanisms.js';

/**
 * People named at a meeting (attendees, owners) must exist, and be members of the mechanism or
 * people the caller may read: a school team may record that the district's facilitator attended.
 */
async function checkPeople(ctx: ServiceContext, q: Queryable, m: MechanismRecord, personIds: readonly string[], field: string): Promise<void> {
  if (personIds.length === 0) return;
  const missing = await missingPeople(q, personIds);
  const members = new Set((await listMembers(q, m.id)).map((x) => x.personId));
  const unknown = [...missing];
  for (const id of personIds) {
    if (missing.includes(id) || members.has(id) || id === ctx.caller.personId) continue;
    const person = await findPerson(q, id);
    const visible = person && (person.homeUnitPath === null ? ctx.caller.isSystemAdmin : decide(ctx.caller, 'person.read', person.homeUnitPath) === 'allow');
    if (!visible) unknown.push(id);
  }
  if (unknown.length) {
    throw invalid(`${unknown.length === 1 ? 'A person named' : `${unknown.length} people named`} here ${unknown.length === 1 ? 'was' : 'were'} not found among the people you can see.`, unknown.map((id) => ({ field, message: `${id} is not a person you can see` })));
  }
}

async function withActionItems(q: Queryable, meetings: MeetingRecord[]): Promise<Meeting[]> {
  const tasks = await listMeetingTasks(q, meetings.map((x) => x.id));
  return meetings.map((mt) => ({ ...mt, actionItems: tasks.filter((t) => t.meetingId === mt.id).map(publicTask) }));
}

const auditedMeeting = (m: MeetingRecord) => ({ ...m, attendees: m.attendees.map((a) => a.personId) });

export async function getMeetings(ctx: ServiceContext, mechanismId: string): Promise<Meeting[]> {
  const m = await mechanismFor(ctx, ctx.db, mechanismId, 'mechanism.read');
  return withActionItems(ctx.db, await listMeetings(ctx.db, m.id));
}

export async function recordMeeting(ctx: ServiceContext, mechanismId: string, input: MeetingCreate): Promise<Meeting> {
  return ctx.db.transaction(async (tx) => {
    const m = await mechanismFor(ctx, tx, mechanismId, 'mechanism.record', { lock: true });
    checkNotRetired(m);
    await checkPeople(ctx, tx, m, input.attendeeIds ?? [], 'attendeeIds');
    const meeting = await insertMeeting(tx, { ...input, mechanismId: m.id });
    await recordAuditEvent(tx, { actorId: ctx.caller.personId, action: 'mechanism_meeting.create', entityType: 'mechanism_meeting', entityId: meeting.id, unitId: m.unitId, before: null, after: auditedMeeting(meeting), requestId: ctx.requestId });
    return { ...meeting, actionItems: [] };
  });
}

export async function changeMeeting(ctx: ServiceContext, mechanismId: string, meetingId: string, input: MeetingUpdate): Promise<Meeting> {
  const { version, ...changes } = input;
  return ctx.db.transaction(async (tx) => {
    const m = await mechanismFor(ctx, tx, mechanismId, 'mechanism.record', { lock: true });
    const before = await findMeeting(tx, m.id, meetingId);
    if (!before) throw notFound('The meeting');
    if (before.version !== version) throw staleVersion('This meeting');
    checkNotRetired(m);
    await checkPeople(ctx, tx, m, changes.attendeeIds ?? [], 'attendeeIds');
    const after = await updateMeeting(tx, m.id, meetingId, version, changes);
    if (!after) throw staleVersion('This meeting');
    await recordAuditEvent(tx, { actorId: ctx.caller.personId, action: 'mechanism_meeting.update', entityType: 'mechanism_meeting', entityId: meetingId, unitId: m.unitId, before: auditedMeeting(before), after: auditedMeeting(after), requestId: ctx.requestId });
    return (await withActionItems(tx, [after]))[0]!;
  });
}

/** Removes a meeting recorded by mistake. Its action items stay: they are work someone owns. */
export async function removeMeeting(ctx: ServiceContext, mechanismId: string, meetingId: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const m = await mechanismFor(ctx, tx, mechanismId, 'mechanism.record', { lock: true });
    const before = await findMeeting(tx, m.id, meetingId);
    if (!before) throw notFound('The meeting');
    checkNotRetired(m);
    await deleteMeeting(tx, meetingId);
    await recordAuditEvent(tx, { actorId: ctx.caller.personId, action: 'mechanism_meeting.delete', entityType: 'mechanism_meeting', entityId: meetingId, unitId: m.unitId, before: auditedMeeting(before), after: null, requestId: ctx.requestId });
  });
}

/** An action item raised at a meeting becomes a task of the mechanism's unit. */
export async function addActionItem(ctx: ServiceContext, mechanismId: string, meetingId: string, input: ActionItemCreate): Promise<Task> {
  return ctx.db.transaction(async (tx) => {
    const m = await mechanismFor(ctx, tx, mechanismId, 'mechanism.record', { lock: true });
    const meeting = await findMeeting(tx, m.id, meetingId);
    if (!meeting) throw notFound('The meeting');
    checkNotRetired(m);
    if (input.ownerPersonId) await checkPeople(ctx, tx, m, [input.ownerPersonId], 'ownerPersonId');
    const task = await insertTask(tx, { ...input, unitId: m.unitId, mechanismId: m.id, meetingId });
    await recordAuditEvent(tx, { actorId: ctx.caller.personId, action: 'task.create', entityType: 'task', entityId: task.id, unitId: m.unitId, before: null, after: publicTask(task), requestId: ctx.requestId });
    return publicTask(task);
  });
}

export async function getMechanismTasks(ctx: ServiceContext, mechanismId: string): Promise<Task[]> {
  const m = await mechanismFor(ctx, ctx.db, mechanismId, 'mechanism.read');
  return (await listMechanismTasks(ctx.db, m.id)).map(publicTask);
}

/** Move a task along, or change what it is, who owns it and when it is due. */
export async function changeTask(ctx: ServiceContext, taskId: string, input: TaskUpdate): Promise<Task> {
  const { version, ...changes } = input;
  return ctx.db.transaction(async (tx) => {
    const before = await findTask(tx, taskId, { lock: true });
    if (!before) throw notFound('The task');
    authorize(ctx.caller, 'task.update', before.unitPath, 'The task');
    // A plan's task follows its plan's rules (frozen once approved): it changes through /api/plan-tasks/:id.
    const [inPlan] = await tx.query<{ plan_id: string | null }>('select plan_id from tasks where id = $1', [taskId]);
    if (inPlan?.plan_id) throw conflict('This task belongs to a plan; change it in the plan (PATCH /api/plan-tasks/:id), where the plan’s approval rules apply.', [{ field: 'id', message: 'is a plan task' }]);
    if (before.version !== version) throw staleVersion('This task');
    const status = changes.status ?? before.status;
    if (changes.blockedReason && status !== 'blocked') throw invalid('Only a blocked task has a reason it is blocked.', [{ field: 'blockedReason', message: 'is only given when a task is blocked' }]);
    if (changes.blockedReason === null && status === 'blocked') throw invalid('A blocked task needs a reason; unblock it by changing its status.', [{ field: 'blockedReason', message: 'is required while the task is blocked' }]);
    if (changes.ownerPersonId) {
      const owner = await findPerson(tx, changes.ownerPersonId);
      const visible = owner && (owner.homeUnitPath === null ? ctx.caller.isSystemAdmin : decide(ctx.caller, 'person.read', owner.homeUnitPath) === 'allow');
      if (!visible && changes.ownerPersonId !== before.ownerPersonId) throw invalid('The owner was not found among the people you can see.', [{ field: 'ownerPersonId', message: 'is not a person you can see' }]);
    }
    const after = await updateTask(tx, taskId, version, {
      ...changes,
      blockedReason: status === 'blocked' ? (changes.blockedReason ?? before.blockedReason) : null,
      completedOn: changes.status === undefined || changes.status === before.status ? undefined : changes.status === 'done' ? today() : null,
    });
    if (!after) throw staleVersion('This task');
    await recordAuditEvent(tx, { actorId: ctx.caller.personId, action: 'task.update', entityType: 'task', entityId: taskId, unitId: after.unitId, before: publicTask(before), after: publicTask(after), requestId: ctx.requestId });
    return publicTask(after);
  });
}

/** Record how far a function is understood and in place, with the evidence for it. */
export async function changeFunctionCapacity(ctx: ServiceContext, mechanismId: string, functionId: string, input: FunctionCapacityChange): Promise<MechanismFunctionEntry> {
  return ctx.db.transaction(async (tx) => {
    const m = await mechanismFor(ctx, tx, mechanismId, 'mechanism.record', { lock: true });
    const before = await findMechanismFunction(tx, m.id, functionId);
    if (!before) throw notFound('The function');
    if (before.version !== input.version) throw staleVersion('This function');
    checkNotRetired(m);
    if (before.droppedReason !== null) {
      throw conflict('This function was dropped, so its capacity is not tracked. Restore it first.', [{ field: 'capacity', message: 'cannot be set on a dropped function' }]);
    }
    const after = await updateMechanismFunction(tx, functionId, input.version, {
      capacity: input.capacity,
      capacityEvidence: input.evidence === undefined ? undefined : input.evidence === '' ? null : input.evidence,
      capacityUpdatedOn: today(),
    });
    if (!after) throw staleVersion('This function');
    await recordAuditEvent(tx, { actorId: ctx.caller.personId, action: 'mechanism_function.capacity', entityType: 'mechanism_function', entityId: functionId, unitId: m.unitId, before, after, requestId: ctx.requestId });
    const [entry] = functionDepartures(mechanismKindEntry(m.kind, MECHANISM_CATALOG).functions, [after]).functions;
    return { ...entry!, source: entry!.source ?? null };
  });
}
