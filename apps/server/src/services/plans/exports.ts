// A plan as CSV (one row per task, in outline order), and a person's task due dates as an
// iCalendar feed: downloaded while signed in, or subscribed to at a private address whose secret
// only the person holds (Trellis keeps its SHA-256).
import { createHash, randomBytes } from 'node:crypto';
import ical from 'ical-generator';
import { formatCitation, PLAN_PHASE_CATALOG, planningGaps, TASK_STATUS_LABELS, notFound, type Caller } from '@trellis/core';
import { findPersonByCalendarTokenHash, grantScopesOf, recordAuditEvent, setCalendarTokenHash } from '@trellis/db';
import type { ServiceContext } from '../../context.js';
import { writeCsv } from '../resources/files.js';
import { getPlan } from './plans.js';
import { myPlanTasks, type PlanTaskListItem } from './tasks.js';

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'plan';

export const PLAN_CSV_HEADER = ['Number', 'Task', 'Phase', 'Status', 'Blocked because', 'WHO (people)', 'WHO (mechanisms)', 'HOW', 'Start', 'Due', 'Depends on', 'Evidence', 'Links', 'Planning gaps', 'Source'] as const;

export async function planCsv(ctx: ServiceContext, id: string): Promise<{ fileName: string; body: string }> {
  const plan = await getPlan(ctx, id);
  const numberOf = new Map(plan.tasks.map((t) => [t.id, t.number]));
  const rows = plan.tasks.map((t) => [
    t.number,
    `${'  '.repeat(t.depth)}${t.title}`,
    t.phase ? PLAN_PHASE_CATALOG[t.phase].label : '',
    TASK_STATUS_LABELS[t.status],
    t.blockedReason ?? '',
    t.people.map((p) => p.name).join('; '),
    t.mechanisms.map((m) => m.name).join('; '),
    t.how ?? '',
    t.startOn ?? '',
    t.dueOn ?? '',
    t.dependsOn.map((d) => numberOf.get(d) ?? '').join('; '),
    t.evidence ?? '',
    t.links.map((l) => l.url).join(' '),
    planningGaps({ status: t.status, personIds: t.people.map((p) => p.id), mechanismIds: t.mechanisms.map((m) => m.id), dueOn: t.dueOn, hasSubtasks: t.hasSubtasks })
      .map((g) => (g === 'who' ? 'no WHO' : 'no WHEN'))
      .join(', '),
    t.source ? formatCitation(t.source) : '',
  ]);
  return { fileName: `${slug(plan.title)}-v${plan.planVersion}.csv`, body: writeCsv(PLAN_CSV_HEADER, rows) };
}

function calendarOf(name: string, tasks: PlanTaskListItem[]): string {
  const calendar = ical({ name: `${name} — Trellis tasks`, prodId: { company: 'Trellis', product: 'Plans', language: 'EN' } });
  for (const t of tasks) {
    if (!t.dueOn) continue;
    const [y, m, d] = t.dueOn.split('-').map(Number) as [number, number, number];
    calendar.createEvent({
      id: `${t.id}@trellis`,
      start: new Date(Date.UTC(y, m - 1, d)),
      allDay: true,
      summary: `Due: ${t.title}`,
      description: `${t.planTitle} (${t.unitName}) — ${TASK_STATUS_LABELS[t.status]}.${t.how ? `\nHOW: ${t.how}` : ''}`,
    });
  }
  return calendar.toString();
}

/** The signed-in person's open tasks with due dates, as an .ics file. */
export async function myCalendar(ctx: ServiceContext): Promise<string> {
  return calendarOf('My', await myPlanTasks(ctx));
}

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/** A new private feed address for the caller (any earlier address stops working). */
export async function newCalendarFeed(ctx: ServiceContext): Promise<{ token: string }> {
  const token = randomBytes(24).toString('base64url');
  await ctx.db.transaction(async (tx) => {
    await setCalendarTokenHash(tx, ctx.caller.personId, hash(token));
    await recordAuditEvent(tx, { actorId: ctx.caller.personId, action: 'person.calendar_feed', entityType: 'person', entityId: ctx.caller.personId, unitId: null, before: null, after: { renewed: true }, requestId: ctx.requestId });
  });
  return { token };
}

/** The feed behind a private address: the person's tasks as their grants allow today. */
export async function calendarFeed(db: ServiceContext['db'], token: string, requestId: string): Promise<string> {
  const person = /^[A-Za-z0-9_-]{32}$/.test(token) ? await findPersonByCalendarTokenHash(db, hash(token)) : null;
  if (!person) throw notFound('The calendar');
  const caller: Caller = { personId: person.id, isSystemAdmin: person.isSystemAdmin, grants: await grantScopesOf(db, person.id) };
  return calendarOf(person.name, await myPlanTasks({ db, caller, requestId }));
}
