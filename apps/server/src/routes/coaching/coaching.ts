// Routes of coaching and mentoring. Schema in, one service call, result out.
import { z } from 'zod';
import {
  COACHING_DEFAULT_TARGET_GUIDANCE,
  COACHING_DEFAULT_TARGETS,
  COACHING_FACILITATOR_CATALOG,
  COACHING_FOCUS_AREA_CATALOG,
  COACHING_SUSTAIN_DEFAULTS,
  COACHING_SUSTAIN_SOURCE,
  CoachingCadenceStatusSchema,
  CoachingCapacityTransferCreate,
  CoachingCapacityTransferUpdate,
  CoachingContactCreate,
  CoachingContactSchema,
  CoachingContactUpdate,
  CoachingEngagementCreate,
  CoachingEngagementSchema,
  CoachingEngagementUpdate,
  CoachingFacilitatorCheckCreate,
  CoachingFocusAreasUpdate,
  Id,
  IsoDate,
  Version,
} from '@trellis/core';
import type { TrellisApp } from '../../app.js';
import {
  capacityTransfer,
  caseload,
  changeCapacityTransfer,
  changeContact,
  changeEngagement,
  changeFacilitatorCheck,
  createCapacityTransfer,
  createContact,
  createEngagement,
  createFacilitatorCheck,
  engagementCadence,
  getEngagement,
  getFacilitatorCheck,
  getSettings,
  listContacts,
  listFacilitatorChecks,
  nextStepToTask,
  removeCapacityTransfer,
  removeContact,
  removeEngagement,
  saveSettings,
  unitCoverage,
  unitEngagements,
} from '../../services/coaching/coaching.js';
import { coachCandidates, EXTERNAL_SEARCH_MIN } from '../../services/coaching/coaches.js';
import { changeFocusAreas, getFocusAreas } from '../../services/coaching/focus.js';
import { listOutbox } from '../../services/coaching/outbox.js';
import { coachingReports, reportCsv, REPORT_KINDS } from '../../services/coaching/reports.js';
import { contextOf } from '../context.js';

const tags = ['coaching'];
const params = z.strictObject({ id: Id });
const Month = z.string({ error: 'must be a month like 2026-09' }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month like 2026-09');
const OnQuery = z.strictObject({ on: IsoDate.optional() });

const Engagement = CoachingEngagementSchema.extend({ unitName: z.string(), coachName: z.string(), targetName: z.string() });
const EngagementWithStatus = z.object({ engagement: Engagement, timeZone: z.string(), status: CoachingCadenceStatusSchema });
const Contact = CoachingContactSchema.extend({ notesHidden: z.boolean() });
const ContactResult = z.object({ contact: Contact, status: CoachingCadenceStatusSchema });
const Coverage = z.object({ total: z.number(), overdue: z.number(), due_soon: z.number(), on_track: z.number(), paused: z.number(), not_applicable: z.number() });
const Answer = z.object({ itemKey: z.string(), answer: z.enum(['yes', 'no']), why: z.string().optional(), actionTaken: z.string().optional(), note: z.string().nullable().optional() });
const FacilitatorCheck = z.object({
  id: Id,
  unitId: Id,
  facilitatorPersonId: Id,
  facilitatorName: z.string(),
  checkedOn: z.string(),
  catalogVersion: z.string(),
  answers: z.array(Answer),
  summary: z.object({ groups: z.array(z.any()), breakdowns: z.array(z.any()) }),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const Transfer = z.object({
  id: Id,
  unitId: Id,
  internalLeaderPersonId: Id,
  internalLeaderName: z.string(),
  capacities: z.array(z.string()),
  plannedHandOverOn: z.string(),
  note: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const SustainCriteria = z.strictObject({
  minInternalLeaders: z.int({ error: 'must be a whole number' }).min(1, 'must be at least 1').max(50, 'must be at most 50'),
  minLeadersPerFocusArea: z.int({ error: 'must be a whole number' }).min(0, 'must be 0 or more').max(50, 'must be at most 50'),
  handOverPassed: z.boolean({ error: 'must be true or false' }),
  noActiveExternal: z.boolean({ error: 'must be true or false' }),
});
const Settings = z.object({ unitId: Id, inheritedFrom: Id.nullable(), timeZone: z.string(), sustain: SustainCriteria, version: z.number() });
const SettingsUpdate = z.strictObject({
  version: z.int({ error: 'must be a whole number: the version you loaded (0 when the unit has no settings of its own)' }).min(0, 'must be 0 or more'),
  timeZone: z.string({ error: 'must be an IANA time zone like America/Chicago' }).trim().min(1, 'must not be empty').max(64, 'must be at most 64 characters'),
  sustain: SustainCriteria.nullable().optional(),
});
const Stamp = z.object({ personId: Id.nullable(), personName: z.string(), unitId: Id, unitName: z.string(), on: z.string() });
const FocusAreaList = z.object({
  unitId: Id,
  unitName: z.string(),
  basedOn: z.object({ id: z.string(), version: z.string() }),
  adaptedBy: z.array(z.object({ unitId: Id, unitName: z.string(), version: z.number(), updatedAt: z.string() })),
  adaptable: z.boolean(),
  version: z.number(),
  areas: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      text: z.string(),
      parts: z.array(z.any()).optional(),
      origin: z.enum(['catalog', 'reworded', 'added']),
      source: z.object({ source: z.string(), section: z.string(), quote: z.string().optional() }).nullable(),
      shipped: z.object({ label: z.string(), text: z.string() }).optional(),
      addedBy: Stamp.optional(),
      changedBy: Stamp.optional(),
      retired: Stamp.extend({ reason: z.string().nullable() }).optional(),
    }),
  ),
});
const ReportQuery = z.strictObject({ from: Month.optional(), to: Month.optional(), groupBy: z.enum(['coach', 'unit'], { error: 'must be coach or unit' }).optional() });
const OutboxMessage = z.object({
  id: Id,
  key: z.string(),
  toPersonId: Id.nullable(),
  toAddress: z.string(),
  subject: z.string(),
  bodyText: z.string(),
  createdAt: z.string(),
  attempts: z.number(),
  sentAt: z.string().nullable(),
  lastError: z.string().nullable(),
});

export function coachingRoutes(app: TrellisApp) {
  const { db } = app.trellis;

  app.get('/api/catalogs/coaching', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'The focus areas (Appendix B), the organization facilitator’s checklist (Exhibit 3), the default cadence and "ready to sustain" criteria, each cited' },
    handler: async () => ({
      focusAreas: COACHING_FOCUS_AREA_CATALOG,
      facilitator: COACHING_FACILITATOR_CATALOG,
      defaultTargets: COACHING_DEFAULT_TARGETS,
      defaultTargetGuidance: COACHING_DEFAULT_TARGET_GUIDANCE,
      sustainDefaults: COACHING_SUSTAIN_DEFAULTS,
      sustainSource: COACHING_SUSTAIN_SOURCE,
    }),
  });

  app.get('/api/units/:id/coaching/focus-areas', {
    config: { access: 'coaching.read' },
    schema: {
      tags,
      summary: 'The focus areas in force at a unit: Appendix B as its state or district adapted it (reworded ones keep their citation, added ones say who added them, retired ones are marked)',
      params,
      response: { 200: FocusAreaList },
    },
    handler: async (request) => getFocusAreas(contextOf(db, request), request.params.id),
  });

  app.patch('/api/units/:id/coaching/focus-areas', {
    config: { access: 'coaching.manage' },
    schema: {
      tags,
      summary: 'Adapt a state’s or district’s focus areas for it and the units below: reword, add, retire or restore (send the version you loaded; 0 for the first change)',
      params,
      body: CoachingFocusAreasUpdate,
      response: { 200: FocusAreaList },
    },
    handler: async (request) => changeFocusAreas(contextOf(db, request), request.params.id, request.body),
  });

  app.get('/api/units/:id/coaching/coach-candidates', {
    config: { access: 'coaching.manage' },
    schema: {
      tags,
      summary: `People to choose as the coach of an engagement at the unit: those you may see, and external coaches (no home unit, no role anywhere) by at least ${EXTERNAL_SEARCH_MIN} letters of their name or email`,
      params,
      querystring: z.strictObject({
        q: z.string({ error: 'must be a name or email to search for' }).trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
        limit: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(50, 'must be at most 50').optional(),
      }),
      response: { 200: z.object({ people: z.array(z.object({ id: Id, name: z.string(), email: z.string(), title: z.string().nullable(), homeUnitName: z.string().nullable(), external: z.boolean() })) }) },
    },
    handler: async (request) => coachCandidates(contextOf(db, request), request.params.id, request.query),
  });

  app.get('/api/coaching/caseload', {
    config: { access: 'signed-in' },
    schema: {
      tags,
      summary: 'A coach’s caseload, most urgent first, with why (your own unless `coachId`; another coach’s shows only engagements at units you may read)',
      querystring: z.strictObject({ coachId: Id.optional(), on: IsoDate.optional(), includeEnded: z.enum(['true', 'false'], { error: 'must be true or false' }).optional() }),
      response: { 200: z.object({ coachPersonId: Id, items: z.array(EngagementWithStatus) }) },
    },
    handler: async (request) => caseload(contextOf(db, request), { coachId: request.query.coachId, on: request.query.on, includeEnded: request.query.includeEnded === 'true' }),
  });

  app.get('/api/units/:id/coaching/engagements', {
    config: { access: 'coaching.read' },
    schema: {
      tags,
      summary: 'A unit’s engagements with their cadence status (`subtree=true` adds those below it; `includeEnded=true` the ended ones)',
      params,
      querystring: z.strictObject({ subtree: z.enum(['true', 'false'], { error: 'must be true or false' }).optional(), includeEnded: z.enum(['true', 'false'], { error: 'must be true or false' }).optional() }),
      response: { 200: z.array(EngagementWithStatus) },
    },
    handler: async (request) => unitEngagements(contextOf(db, request), request.params.id, { subtree: request.query.subtree === 'true', includeEnded: request.query.includeEnded === 'true' }),
  });

  app.get('/api/units/:id/coaching/coverage', {
    config: { access: 'coaching.read' },
    schema: {
      tags,
      summary: 'A unit’s coaching coverage on a day: its engagements and those below it by state (overdue, due soon, on track, paused), most urgent first',
      params,
      querystring: OnQuery,
      response: { 200: z.object({ unitId: Id, unitName: z.string(), counts: Coverage, byUnit: z.array(z.object({ unitId: Id, unitName: z.string(), counts: Coverage })), items: z.array(EngagementWithStatus) }) },
    },
    handler: async (request) => unitCoverage(contextOf(db, request), request.params.id, request.query),
  });

  app.post('/api/coaching/engagements', {
    config: { access: 'coaching.manage' },
    schema: { tags, summary: 'Set up a coaching or mentoring engagement at a unit (its coach gets access to the unit while it has not ended)', body: CoachingEngagementCreate, response: { 201: EngagementWithStatus } },
    handler: async (request, reply) => reply.code(201).send(await createEngagement(contextOf(db, request), request.body)),
  });

  app.get('/api/coaching/engagements/:id', {
    config: { access: 'coaching.read' },
    schema: {
      tags,
      summary: 'An engagement with its cadence status and contacts (notes only for its people and the unit’s leaders)',
      params,
      querystring: OnQuery,
      response: { 200: EngagementWithStatus.extend({ today: z.string(), contacts: z.array(Contact), mayLog: z.boolean(), mayManage: z.boolean() }) },
    },
    handler: async (request) => getEngagement(contextOf(db, request), request.params.id, request.query),
  });

  app.patch('/api/coaching/engagements/:id', {
    config: { access: 'coaching.manage' },
    schema: { tags, summary: 'Change, pause, resume or end an engagement (send the version you loaded); ending it ends its coach’s access', params, body: CoachingEngagementUpdate, response: { 200: EngagementWithStatus } },
    handler: async (request) => changeEngagement(contextOf(db, request), request.params.id, request.body),
  });

  app.delete('/api/coaching/engagements/:id', {
    config: { access: 'coaching.manage' },
    schema: { tags, summary: 'Remove an engagement set up by mistake (one with contacts is ended instead)', params },
    handler: async (request, reply) => {
      await removeEngagement(contextOf(db, request), request.params.id);
      return reply.code(204).send();
    },
  });

  app.get('/api/coaching/engagements/:id/cadence', {
    config: { access: 'coaching.read' },
    schema: { tags, summary: 'Whether the engagement is on track, due soon or overdue on a day (default: the unit’s today), and why', params, querystring: OnQuery, response: { 200: CoachingCadenceStatusSchema } },
    handler: async (request) => engagementCadence(contextOf(db, request), request.params.id, request.query.on),
  });

  app.get('/api/coaching/engagements/:id/contacts', {
    config: { access: 'coaching.read' },
    schema: { tags, summary: 'The engagement’s contacts, latest first (notes only for its people and the unit’s leaders)', params, response: { 200: z.array(Contact) } },
    handler: async (request) => listContacts(contextOf(db, request), request.params.id),
  });

  app.post('/api/coaching/engagements/:id/contacts', {
    config: { access: 'coaching.record' },
    schema: { tags, summary: 'Log a contact (the engagement’s coach, or a leader of its unit); returns it with the cadence status now', params, body: CoachingContactCreate, response: { 201: ContactResult } },
    handler: async (request, reply) => reply.code(201).send(await createContact(contextOf(db, request), request.params.id, request.body)),
  });

  app.patch('/api/coaching/contacts/:id', {
    config: { access: 'coaching.record' },
    schema: { tags, summary: 'Change a contact (send the version you loaded)', params, body: CoachingContactUpdate, response: { 200: ContactResult } },
    handler: async (request) => changeContact(contextOf(db, request), request.params.id, request.body),
  });

  app.delete('/api/coaching/contacts/:id', {
    config: { access: 'coaching.record' },
    schema: { tags, summary: 'Remove a contact logged by mistake (tasks made from its next steps stay)', params },
    handler: async (request, reply) => {
      await removeContact(contextOf(db, request), request.params.id);
      return reply.code(204).send();
    },
  });

  app.post('/api/coaching/contacts/:id/next-steps/:index/task', {
    config: { access: 'coaching.record' },
    schema: {
      tags,
      summary: 'Make a contact’s next step a task of the unit (owned by the leader coached, due when the step is)',
      params: z.strictObject({ id: Id, index: z.coerce.number({ error: 'must be the number of the next step, from 0' }).int('must be a whole number').min(0, 'must be 0 or more').max(49, 'must be at most 49') }),
      response: { 201: ContactResult.extend({ taskId: Id }) },
    },
    handler: async (request, reply) => reply.code(201).send(await nextStepToTask(contextOf(db, request), request.params.id, request.params.index)),
  });

  app.get('/api/units/:id/coaching/facilitator-checks', {
    config: { access: 'coaching.read' },
    schema: { tags, summary: 'Organization facilitator checklists (Exhibit 3) for a site, latest first, each summarized by group with its breakdowns', params, response: { 200: z.array(FacilitatorCheck) } },
    handler: async (request) => listFacilitatorChecks(contextOf(db, request), request.params.id),
  });

  app.post('/api/coaching/facilitator-checks', {
    config: { access: 'coaching.record' },
    schema: { tags, summary: 'Record a facilitator’s checklist for a site on a day: each item yes, or no with why and the action taken', body: CoachingFacilitatorCheckCreate, response: { 201: FacilitatorCheck } },
    handler: async (request, reply) => reply.code(201).send(await createFacilitatorCheck(contextOf(db, request), request.body)),
  });

  app.get('/api/coaching/facilitator-checks/:id', {
    config: { access: 'coaching.read' },
    schema: { tags, summary: 'A facilitator’s checklist with its summary', params, response: { 200: FacilitatorCheck } },
    handler: async (request) => getFacilitatorCheck(contextOf(db, request), request.params.id),
  });

  app.patch('/api/coaching/facilitator-checks/:id', {
    config: { access: 'coaching.record' },
    schema: {
      tags,
      summary: 'Replace a checklist’s answers (send the version you loaded)',
      params,
      body: z.strictObject({ version: Version, answers: CoachingFacilitatorCheckCreate.shape.answers }),
      response: { 200: FacilitatorCheck },
    },
    handler: async (request) => changeFacilitatorCheck(contextOf(db, request), request.params.id, request.body),
  });

  app.get('/api/units/:id/coaching/capacity', {
    config: { access: 'coaching.read' },
    schema: {
      tags,
      summary: 'The unit’s hand-over plan: internal leaders being prepared, the capacities each has taken on, and whether it is ready to sustain without external coaching (and what is missing)',
      params,
      querystring: OnQuery,
      response: { 200: z.object({ unitId: Id, unitName: z.string(), on: z.string(), criteria: SustainCriteria, transfers: z.array(Transfer), readiness: z.object({ ready: z.boolean(), message: z.string(), gaps: z.array(z.any()), focusAreas: z.array(z.object({ key: z.string(), leaderIds: z.array(z.string()) })), internalLeaders: z.number(), source: z.any() }) }) },
    },
    handler: async (request) => capacityTransfer(contextOf(db, request), request.params.id, request.query),
  });

  app.post('/api/units/:id/coaching/capacity-transfers', {
    config: { access: 'coaching.manage' },
    schema: { tags, summary: 'Add an internal leader to the hand-over plan with the capacities they take on and the planned hand-over day', params, body: CoachingCapacityTransferCreate, response: { 201: Transfer } },
    handler: async (request, reply) => reply.code(201).send(await createCapacityTransfer(contextOf(db, request), request.params.id, request.body)),
  });

  app.patch('/api/coaching/capacity-transfers/:id', {
    config: { access: 'coaching.manage' },
    schema: { tags, summary: 'Change a leader’s capacities or hand-over day (send the version you loaded)', params, body: CoachingCapacityTransferUpdate, response: { 200: Transfer } },
    handler: async (request) => changeCapacityTransfer(contextOf(db, request), request.params.id, request.body),
  });

  app.delete('/api/coaching/capacity-transfers/:id', {
    config: { access: 'coaching.manage' },
    schema: { tags, summary: 'Take a leader out of the hand-over plan', params },
    handler: async (request, reply) => {
      await removeCapacityTransfer(contextOf(db, request), request.params.id);
      return reply.code(204).send();
    },
  });

  app.get('/api/units/:id/coaching/settings', {
    config: { access: 'coaching.read' },
    schema: { tags, summary: 'The unit’s coaching settings (its own, or inherited from a unit above): time zone of its days, "ready to sustain" criteria', params, response: { 200: Settings } },
    handler: async (request) => getSettings(contextOf(db, request), request.params.id),
  });

  app.put('/api/units/:id/coaching/settings', {
    config: { access: 'coaching.manage' },
    schema: { tags, summary: 'Set the unit’s own coaching settings (version 0 when it has none of its own yet)', params, body: SettingsUpdate, response: { 200: Settings } },
    handler: async (request) => saveSettings(contextOf(db, request), request.params.id, request.body),
  });

  app.get('/api/units/:id/coaching/reports', {
    config: { access: 'coaching.read' },
    schema: {
      tags,
      summary: 'Coaching reports for a unit and those below it: contacts per month by mode, cadence compliance per coach or unit and month, topics covered (default: the last 6 months)',
      params,
      querystring: ReportQuery,
      response: {
        200: z.object({
          unitId: Id,
          unitName: z.string(),
          from: z.string(),
          to: z.string(),
          asOf: z.string(),
          groupBy: z.enum(['coach', 'unit']),
          contactsByMonth: z.array(z.object({ month: z.string(), total: z.number(), email: z.number(), call: z.number(), video: z.number(), onsite: z.number() })),
          compliance: z.array(
            z.object({
              key: z.string(),
              name: z.string(),
              month: z.string(),
              onTrackDays: z.number(),
              dueSoonDays: z.number(),
              overdueDays: z.number(),
              pausedDays: z.number(),
              measuredDays: z.number(),
              compliance: z.number().nullable(),
            }),
          ),
          topics: z.array(z.object({ key: z.string(), label: z.string(), contacts: z.number() })),
        }),
      },
    },
    handler: async (request) => coachingReports(contextOf(db, request), request.params.id, request.query),
  });

  app.get('/api/units/:id/coaching/reports/export', {
    config: { access: 'coaching.read' },
    schema: { tags, summary: 'One coaching report as CSV', params, querystring: ReportQuery.extend({ report: z.enum(REPORT_KINDS, { error: 'must be contacts, compliance or topics' }) }) },
    handler: async (request, reply) => {
      const { report, ...query } = request.query;
      const data = await coachingReports(contextOf(db, request), request.params.id, query);
      const name = `coaching-${report}-${data.from}-to-${data.to}.csv`;
      return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`).send(reportCsv(data, report));
    },
  });

  app.get('/api/coaching/outbox', {
    config: { access: 'signed-in' },
    schema: {
      tags,
      summary: 'Mail Trellis wrote (coaching digests), newest first: all of it for a system administrator, one’s own for anyone else. Without SMTP configured, it stays here unsent.',
      querystring: z.strictObject({ limit: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(500, 'must be at most 500').optional() }),
      response: { 200: z.object({ smtpConfigured: z.boolean(), messages: z.array(OutboxMessage) }) },
    },
    handler: async (request) => listOutbox(contextOf(db, request), { limit: request.query.limit ?? 100, smtpConfigured: app.trellis.config.smtp !== null }),
  });
}
