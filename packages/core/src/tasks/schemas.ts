// Tasks: a piece of work with an owner (WHO), a due date (WHEN) and a status. A mechanism's meeting
// raises them as action items; the plans module (issue 4) nests them in plans and adds HOW, phases
// and dependencies on the same table (docs/decisions/0008-one-task-table.md).
import { z } from 'zod';
import { Id, Version } from '../organizations/schemas.js';

export const TASK_STATUSES = ['not_started', 'under_way', 'done', 'blocked'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
  not_started: 'Not started',
  under_way: 'Under way',
  done: 'Done',
  blocked: 'Blocked',
};

const TaskStatusSchema = z.enum(TASK_STATUSES, { error: `must be one of ${TASK_STATUSES.join(', ')}` });
const day = z.iso.date({ error: 'must be a date like 2026-09-01' });
const title = z.string({ error: 'must be text' }).trim().min(1, 'must not be empty').max(300, 'must be at most 300 characters');
const notes = z.string({ error: 'must be text' }).trim().max(10_000, 'must be at most 10,000 characters').nullable();
const reason = z.string({ error: 'must be text' }).trim().min(1, 'must not be empty: say what blocks it').max(1000, 'must be at most 1,000 characters');

/** An action item raised at a meeting: what, who owns it, by when. */
export const ActionItemCreate = z.strictObject({
  title,
  ownerPersonId: Id.nullable().optional(),
  dueOn: day.nullable().optional(),
  notes: notes.optional(),
});
export type ActionItemCreate = z.infer<typeof ActionItemCreate>;

export const TaskUpdate = z
  .strictObject({
    version: Version,
    title: title.optional(),
    ownerPersonId: Id.nullable().optional(),
    dueOn: day.nullable().optional(),
    notes: notes.optional(),
    status: TaskStatusSchema.optional(),
    /** Required when the status becomes blocked. */
    blockedReason: reason.nullable().optional(),
  })
  .superRefine((t, ctx) => {
    if (t.status === 'blocked' && !t.blockedReason) ctx.addIssue({ code: 'custom', path: ['blockedReason'], message: 'is required when a task is blocked: say what blocks it' });
    if (t.status !== undefined && t.status !== 'blocked' && t.blockedReason) ctx.addIssue({ code: 'custom', path: ['blockedReason'], message: 'is only given when a task is blocked' });
  });
export type TaskUpdate = z.infer<typeof TaskUpdate>;

export const TaskSchema = z.object({
  id: Id,
  unitId: Id,
  title: z.string(),
  notes: z.string().nullable(),
  ownerPersonId: Id.nullable(),
  ownerName: z.string().nullable(),
  dueOn: z.string().nullable(),
  status: TaskStatusSchema,
  blockedReason: z.string().nullable(),
  completedOn: z.string().nullable(),
  /** The mechanism whose meeting raised it. */
  mechanismId: Id.nullable(),
  meetingId: Id.nullable(),
  /** Not done and past its due date on the day it was read. */
  overdue: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Task = z.infer<typeof TaskSchema>;

/** A task's due date has passed and it is not done. Dates are YYYY-MM-DD, so they compare as strings. */
export const isTaskOverdue = (t: { status: TaskStatus; dueOn: string | null }, on: string) => t.status !== 'done' && t.dueOn !== null && t.dueOn < on;
