// Routes of design documents, plans, plan tasks and recommendations. Schema in, one service call, result out.
import { z } from 'zod';
import {
  DesignDocumentCreate,
  DesignDocumentUpdate,
  Id,
  PLAN_KINDS,
  PLAN_PHASES,
  PLAN_RECOMMENDATION_DECISIONS,
  PLAN_RECOMMENDATION_SUBJECTS,
  PLAN_STATUSES,
  PlanCreate,
  PlanMoveBody,
  PlanNewVersionBody,
  PlanRecommendationCreate,
  PlanRecommendationDecide,
  PlanRecommendationTasks,
  PlanTaskCreate,
  PlanTaskUpdate,
  PlanUpdate,
  TASK_STATUSES,
  Version,
} from '@trellis/core';
import type { TrellisApp } from '../../app.js';
import { compareRevisions, createDesign, designRevisions, getUnitDesign, saveDesign } from '../../services/plans/designs.js';
import { calendarFeed, myCalendar, newCalendarFeed, planCsv } from '../../services/plans/exports.js';
import { changePlan, createPlan, getPlan, listPlans, movePlan, planTemplates, removePlan, startNewVersion } from '../../services/plans/plans.js';
import { createRecommendation, decideRecommendation, linkRecommendationTasks, listRecommendations } from '../../services/plans/recommendations.js';
import { changePlanTask, createPlanTask, myPlanTasks, removePlanTask, unitPlanTasks } from '../../services/plans/tasks.js';
import { contextOf } from '../context.js';

const tags = ['plans'];
const params = z.strictObject({ id: Id });
const VersionQuery = z.strictObject({ version: z.coerce.number({ error: 'must be the version you read, a whole number' }).pipe(Version) });

const Count = z.object({ done: z.number(), total: z.number(), blocked: z.number(), share: z.number().nullable() });
const Progress = z.object({ overall: Count, byPhase: z.record(z.string(), Count) });
const Plan = z.object({
  id: Id,
  lineageId: Id,
  planVersion: z.number(),
  unitId: Id,
  unitName: z.string(),
  unitKind: z.string(),
  kind: z.enum(PLAN_KINDS),
  title: z.string(),
  status: z.enum(PLAN_STATUSES),
  templateKey: z.string().nullable(),
  templateVersion: z.string().nullable(),
  parentPlanId: Id.nullable(),
  createdBy: Id.nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const Named = z.object({ id: Id, name: z.string() });
const PlanTask = z.object({
  id: Id,
  planId: Id,
  unitId: Id,
  parentId: Id.nullable(),
  position: z.number(),
  title: z.string(),
  how: z.string().nullable(),
  people: z.array(Named),
  mechanisms: z.array(Named),
  startOn: z.string().nullable(),
  dueOn: z.string().nullable(),
  phase: z.enum(PLAN_PHASES).nullable(),
  status: z.enum(TASK_STATUSES),
  blockedReason: z.string().nullable(),
  completedOn: z.string().nullable(),
  dependsOn: z.array(Id),
  evidence: z.string().nullable(),
  links: z.array(z.object({ url: z.string(), label: z.string().nullable().optional() })),
  templateNodeKey: z.string().nullable(),
  overdue: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const PlanTaskListItem = PlanTask.extend({
  planTitle: z.string(),
  planStatus: z.enum(PLAN_STATUSES),
  planVersion: z.number(),
  unitName: z.string(),
  hasSubtasks: z.boolean(),
  gaps: z.array(z.enum(['who', 'when'])),
});
/** The plan page: outline (with depth, number and source per task), progress, roll-up, versions, history, permissions. */
const PlanDetail = Plan.extend({
  tasks: z.array(PlanTask.extend({ depth: z.number(), number: z.string(), hasSubtasks: z.boolean(), source: z.object({ source: z.string(), section: z.string(), quote: z.string().optional() }).nullable() })),
  progress: Progress,
  rollUp: Progress,
  plansBelow: z.number(),
  children: z.array(Plan.extend({ progress: Progress })),
  hiddenChildren: z.number(),
  parent: z.object({ id: Id, title: z.string(), unitName: z.string(), status: z.enum(PLAN_STATUSES) }).nullable(),
  versions: z.array(z.object({ id: Id, planVersion: z.number(), status: z.enum(PLAN_STATUSES), updatedAt: z.string() })),
  history: z.array(z.object({ id: Id, planId: Id, fromStatus: z.string(), toStatus: z.string(), comment: z.string().nullable(), actorId: Id.nullable(), actorName: z.string().nullable(), at: z.string() })),
  permissions: z.object({ edit: z.boolean(), submit: z.boolean(), withdraw: z.boolean(), requestRevision: z.boolean(), approve: z.boolean(), startNewVersion: z.boolean(), approveReason: z.string() }),
});
const Recommendation = z.object({
  id: Id,
  unitId: Id,
  planId: Id.nullable(),
  fromMechanismId: Id.nullable(),
  fromMechanismName: z.string().nullable(),
  subject: z.enum(PLAN_RECOMMENDATION_SUBJECTS),
  title: z.string(),
  rationale: z.string(),
  authority: z.string(),
  authorityPersonId: Id.nullable(),
  authorityPersonName: z.string().nullable(),
  submittedOn: z.string(),
  decision: z.enum(PLAN_RECOMMENDATION_DECISIONS).nullable(),
  decidedOn: z.string().nullable(),
  decisionNote: z.string().nullable(),
  taskIds: z.array(Id),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** In a unit's list: whether the reader may record the decision. */
  mayDecide: z.boolean().optional(),
});

export function planRoutes(app: TrellisApp) {
  const { db } = app.trellis;

  // ---- Templates ----
  app.get('/api/catalogs/plan-templates', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'The plan templates shipped with Trellis (versioned data): the Appendix C outlines, the Exhibits’ task lists, Exhibit 4’s 15 steps; every node cites its source' },
    handler: async () => planTemplates(),
  });

  // ---- Plans ----
  app.get('/api/units/:id/plans', {
    config: { access: 'plan.read' },
    schema: {
      tags,
      summary: 'A unit’s plans: the newest version of each (and the approved one still in force), with progress by phase; `versions=all` lists every version',
      params,
      querystring: z.strictObject({ versions: z.enum(['current', 'all'], { error: 'must be current or all' }).optional() }),
      response: { 200: z.array(Plan.extend({ progress: Progress })) },
    },
    handler: async (request) => listPlans(contextOf(db, request), request.params.id, { allVersions: request.query.versions === 'all' }),
  });

  app.post('/api/plans', {
    config: { access: 'plan.edit' },
    schema: { tags, summary: 'Start a plan at a unit, blank or from a template; `parentPlanId` spawns it from a plan above (the cascade)', body: PlanCreate, response: { 201: Plan } },
    handler: async (request, reply) => reply.code(201).send(await createPlan(contextOf(db, request), request.body)),
  });

  app.get('/api/plans/:id', {
    config: { access: 'plan.read' },
    schema: { tags, summary: 'A plan: its outline of tasks, progress (own and rolled up from the plans below), versions, approval history and what you may do', params, response: { 200: PlanDetail } },
    handler: async (request) => getPlan(contextOf(db, request), request.params.id),
  });

  app.patch('/api/plans/:id', {
    config: { access: 'plan.edit' },
    schema: { tags, summary: 'Rename a draft plan', params, body: PlanUpdate, response: { 200: Plan } },
    handler: async (request) => changePlan(contextOf(db, request), request.params.id, request.body),
  });

  app.delete('/api/plans/:id', {
    config: { access: 'plan.edit' },
    schema: { tags, summary: 'Delete a draft plan (approved work is kept as a record)', params, querystring: VersionQuery },
    handler: async (request, reply) => {
      await removePlan(contextOf(db, request), request.params.id, request.query.version);
      return reply.code(204).send();
    },
  });

  const moves = [
    ['submit', 'submitted', 'plan.submit', 'Submit a plan for approval (planning team, or editor and above)'],
    ['withdraw', 'draft', 'plan.submit', 'Withdraw a submitted plan to draft'],
    ['request-revision', 'revision_requested', 'plan.approve', 'Return a submitted plan for revision, saying what to revise (steering body, or leader and above)'],
    ['approve', 'approved', 'plan.approve', 'Approve a submitted plan: it is frozen, and an earlier approved version is superseded'],
  ] as const;
  for (const [path, to, access, summary] of moves) {
    app.post(`/api/plans/:id/${path}`, {
      config: { access },
      schema: { tags, summary, params, body: PlanMoveBody, response: { 200: Plan } },
      handler: async (request) => movePlan(contextOf(db, request), request.params.id, to, request.body),
    });
  }

  app.post('/api/plans/:id/new-version', {
    config: { access: 'plan.edit' },
    schema: { tags, summary: 'Start the next version of an approved plan: a draft copy with every task (the approved one stays in force until the new one is approved)', params, body: PlanNewVersionBody, response: { 201: Plan } },
    handler: async (request, reply) => reply.code(201).send(await startNewVersion(contextOf(db, request), request.params.id, request.body)),
  });

  app.get('/api/plans/:id/export.csv', {
    config: { access: 'plan.read' },
    schema: { tags, summary: 'The plan as CSV: one row per task in outline order, with WHO, HOW, WHEN, status and planning gaps', params },
    handler: async (request, reply) => {
      const file = await planCsv(contextOf(db, request), request.params.id);
      return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${file.fileName}"`).send(file.body);
    },
  });

  // ---- Tasks ----
  app.post('/api/plans/:id/tasks', {
    config: { access: 'plan.edit' },
    schema: { tags, summary: 'Add a task to a draft plan (WHO, HOW, WHEN, phase, dependencies)', params, body: PlanTaskCreate, response: { 201: PlanTask } },
    handler: async (request, reply) => reply.code(201).send(await createPlanTask(contextOf(db, request), request.params.id, request.body)),
  });

  app.patch('/api/plan-tasks/:id', {
    config: { access: 'plan.edit' },
    schema: { tags, summary: 'Change a plan task; in an approved plan only its progress (status, evidence, links) changes', params, body: PlanTaskUpdate, response: { 200: PlanTask } },
    handler: async (request) => changePlanTask(contextOf(db, request), request.params.id, request.body),
  });

  app.delete('/api/plan-tasks/:id', {
    config: { access: 'plan.edit' },
    schema: { tags, summary: 'Delete a task of a draft plan and the tasks nested under it', params, querystring: VersionQuery },
    handler: async (request, reply) => {
      await removePlanTask(contextOf(db, request), request.params.id, request.query.version);
      return reply.code(204).send();
    },
  });

  app.get('/api/me/plan-tasks', {
    config: { access: 'signed-in' },
    schema: {
      tags,
      summary: 'My tasks across every plan I can read: open ones by due date (`include=done` adds finished ones)',
      querystring: z.strictObject({ include: z.enum(['done'], { error: 'must be done' }).optional() }),
      response: { 200: z.array(PlanTaskListItem) },
    },
    handler: async (request) => myPlanTasks(contextOf(db, request), { includeDone: request.query.include === 'done' }),
  });

  app.get('/api/me/plan-tasks.ics', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'My open tasks’ due dates as an iCalendar file' },
    handler: async (request, reply) =>
      reply.header('content-type', 'text/calendar; charset=utf-8').header('content-disposition', 'attachment; filename="my-tasks.ics"').send(await myCalendar(contextOf(db, request))),
  });

  app.post('/api/me/calendar-feed', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'A new private address for my task calendar, to subscribe to from a calendar app (any earlier address stops working)', response: { 201: z.object({ token: z.string() }) } },
    handler: async (request, reply) => reply.code(201).send(await newCalendarFeed(contextOf(db, request))),
  });

  app.get('/api/calendar/:token', {
    config: { access: 'public' },
    schema: { tags, summary: 'A person’s task calendar at their private address (the secret is the access)', params: z.strictObject({ token: z.string().max(100) }) },
    handler: async (request, reply) =>
      reply.header('content-type', 'text/calendar; charset=utf-8').send(await calendarFeed(db, request.params.token.replace(/\.ics$/, ''), request.id)),
  });

  app.get('/api/units/:id/plan-tasks', {
    config: { access: 'plan.read' },
    schema: {
      tags,
      summary: 'A unit’s open plan tasks that are overdue or incompletely planned (no WHO or no WHEN); `subtree=true` includes the units below',
      params,
      querystring: z.strictObject({
        filter: z.enum(['overdue', 'incomplete', 'open'], { error: 'must be overdue, incomplete or open' }).default('open'),
        subtree: z.enum(['true', 'false'], { error: 'must be true or false' }).optional(),
      }),
      response: { 200: z.array(PlanTaskListItem) },
    },
    handler: async (request) => unitPlanTasks(contextOf(db, request), request.params.id, { subtree: request.query.subtree === 'true', filter: request.query.filter }),
  });

  // ---- Design documents ----
  app.get('/api/units/:id/design-document', {
    config: { access: 'plan.read' },
    schema: { tags, summary: 'A unit’s design document (null when it has none) with its adaptations against the prototype, and the designs above it may adopt', params },
    handler: async (request) => getUnitDesign(contextOf(db, request), request.params.id),
  });

  app.post('/api/design-documents', {
    config: { access: 'design.manage' },
    schema: { tags, summary: 'Write a unit’s design document, on its own or adopting the design of a unit above as its prototype', body: DesignDocumentCreate, response: {} },
    handler: async (request, reply) => reply.code(201).send(await createDesign(contextOf(db, request), request.body)),
  });

  app.put('/api/design-documents/:id', {
    config: { access: 'design.manage' },
    schema: { tags, summary: 'Save a new version of a design document (earlier versions are kept)', params, body: DesignDocumentUpdate, response: {} },
    handler: async (request) => saveDesign(contextOf(db, request), request.params.id, request.body),
  });

  app.get('/api/design-documents/:id/versions', {
    config: { access: 'plan.read' },
    schema: { tags, summary: 'Every saved version of a design document, newest first', params },
    handler: async (request) => designRevisions(contextOf(db, request), request.params.id),
  });

  app.get('/api/design-documents/:id/compare', {
    config: { access: 'plan.read' },
    schema: {
      tags,
      summary: 'What changed between two versions of a design document',
      params,
      querystring: z.strictObject({ a: z.coerce.number({ error: 'must be a version number' }).int('must be a whole number').min(1, 'must be 1 or more'), b: z.coerce.number({ error: 'must be a version number' }).int('must be a whole number').min(1, 'must be 1 or more') }),
    },
    handler: async (request) => compareRevisions(contextOf(db, request), request.params.id, request.query.a, request.query.b),
  });

  // ---- Recommendations ----
  app.get('/api/units/:id/plan-recommendations', {
    config: { access: 'plan.read' },
    schema: { tags, summary: 'Recommendations submitted at a unit: undecided first', params, response: { 200: z.array(Recommendation) } },
    handler: async (request) => listRecommendations(contextOf(db, request), request.params.id),
  });

  app.post('/api/plan-recommendations', {
    config: { access: 'plan.edit' },
    schema: { tags, summary: 'Submit a recommendation (policy, operational infrastructure, programs and initiatives, resource redeployment) to the authority that decides it', body: PlanRecommendationCreate, response: { 201: Recommendation } },
    handler: async (request, reply) => reply.code(201).send(await createRecommendation(contextOf(db, request), request.body)),
  });

  app.post('/api/plan-recommendations/:id/decision', {
    config: { access: 'plan.decide' },
    schema: { tags, summary: 'Record the decision on a recommendation (accepted, declined, deferred) with its date; accepted ones may name the tasks that carry them out', params, body: PlanRecommendationDecide, response: { 200: Recommendation } },
    handler: async (request) => decideRecommendation(contextOf(db, request), request.params.id, request.body),
  });

  app.put('/api/plan-recommendations/:id/tasks', {
    config: { access: 'plan.edit' },
    schema: { tags, summary: 'Link the tasks that carry out an accepted recommendation', params, body: PlanRecommendationTasks, response: { 200: Recommendation } },
    handler: async (request) => linkRecommendationTasks(contextOf(db, request), request.params.id, request.body),
  });
}
