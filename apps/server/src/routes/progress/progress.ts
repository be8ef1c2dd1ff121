// Routes of benchmarks, readiness surveys, barriers, celebrations and the progress report.
// Schema in, one service call, result out. The survey routes under /api/surveys/:token are public:
// the link's secret opens that survey and nothing else.
import { z } from 'zod';
import {
  BarrierCreate,
  BarrierTransition,
  BarrierUpdate,
  BenchmarkAssessmentCreate,
  BenchmarkAssessmentSubmit,
  BenchmarkAssessmentUpdate,
  BenchmarkInstrumentCreate,
  BenchmarkInstrumentRetire,
  CelebrationCreate,
  CelebrationDismiss,
  CelebrationUpdate,
  Id,
  ProgressPeriodSchema,
  ReadinessResponseSchema,
  ReadinessSurveyCreate,
  UNIT_KINDS,
  Version,
} from '@trellis/core';
import type { TrellisApp } from '../../app.js';
import { changeBarrier, listUnitBarriers, moveBarrier, raiseBarrier } from '../../services/progress/barriers.js';
import { benchmarkRollUp, benchmarkTrend, changeAssessment, getAssessment, listAssessments, submitAssessment } from '../../services/progress/benchmarks.js';
import { celebrationsOf, changeCelebration, createCelebration, dismissCelebration } from '../../services/progress/celebrations.js';
import { createBenchmarkInstrument, listInstruments, retireBenchmarkInstrument } from '../../services/progress/instruments.js';
import { startAssessment } from '../../services/progress/start.js';
import { answerSurvey, createSurvey, endSurvey, listSurveys, publicSurveyByLink, readinessResultsOf } from '../../services/progress/readiness.js';
import { progressReport, progressReportPdf } from '../../services/progress/report.js';
import { contextOf } from '../context.js';

const tags = ['progress'];
const params = z.strictObject({ id: Id });
const subtree = z.strictObject({ subtree: z.enum(['true', 'false'], { error: 'must be true or false' }).optional() });
const PeriodQuery = z.strictObject({ period: ProgressPeriodSchema });
const token = z.strictObject({ token: z.string().max(100, 'must be at most 100 characters') });

export function progressRoutes(app: TrellisApp) {
  const { db } = app.trellis;

  // ---- Instruments ----
  app.get('/api/units/:id/progress-instruments', {
    config: { access: 'progress.read' },
    schema: { tags, summary: 'The benchmark instruments and readiness surveys usable at a unit: the shipped ones (each item citing its source) and those built above it', params },
    handler: async (request) => listInstruments(contextOf(db, request), request.params.id),
  });

  app.post('/api/progress-instruments', {
    config: { access: 'progress.manage' },
    schema: {
      tags,
      summary:
        'Build an agency’s benchmark instrument from the shipped checklist (or `basedOn` another usable here, or blank with `basedOn: null`): items left out, reworded or added, areas added. The id of one of the unit’s own instruments with a later version publishes a new version of it',
      body: BenchmarkInstrumentCreate,
    },
    handler: async (request, reply) => reply.code(201).send(await createBenchmarkInstrument(contextOf(db, request), request.body)),
  });

  app.post('/api/progress-instruments/retirements', {
    config: { access: 'progress.manage' },
    schema: { tags, summary: 'Retire an agency’s benchmark instrument: no longer offered for new assessments; those made with it keep it', body: BenchmarkInstrumentRetire },
    handler: async (request) => retireBenchmarkInstrument(contextOf(db, request), request.body),
  });

  // ---- Benchmark assessments ----
  app.get('/api/units/:id/benchmark-assessments', {
    config: { access: 'progress.read' },
    schema: { tags, summary: 'A unit’s benchmark assessments, newest period first', params },
    handler: async (request) => listAssessments(contextOf(db, request), request.params.id),
  });

  app.post('/api/benchmark-assessments', {
    config: { access: 'progress.record' },
    schema: { tags, summary: 'Start a benchmark assessment of a unit for a period (ratings may be partial; a team completes it together)', body: BenchmarkAssessmentCreate },
    handler: async (request, reply) => reply.code(201).send(await startAssessment(contextOf(db, request), request.body)),
  });

  app.get('/api/benchmark-assessments/:id', {
    config: { access: 'progress.read' },
    schema: { tags, summary: 'An assessment with its ratings, evidence and how complete it is', params },
    handler: async (request) => getAssessment(contextOf(db, request), request.params.id),
  });

  app.patch('/api/benchmark-assessments/:id', {
    config: { access: 'progress.record' },
    schema: { tags, summary: 'Save ratings to a draft assessment (those given replace those items’; `clear` removes some)', params, body: BenchmarkAssessmentUpdate },
    handler: async (request) => changeAssessment(contextOf(db, request), request.params.id, request.body),
  });

  app.post('/api/benchmark-assessments/:id/submit', {
    config: { access: 'progress.record' },
    schema: { tags, summary: 'Submit an assessment whose every item is rated: it is frozen and counts in roll-ups', params, body: BenchmarkAssessmentSubmit },
    handler: async (request) => submitAssessment(contextOf(db, request), request.params.id, request.body),
  });

  app.get('/api/units/:id/benchmark-rollup', {
    config: { access: 'progress.read' },
    schema: {
      tags,
      summary: 'The distribution of ratings across the units below (schools by default) by item and area, the change since the previous period, and the units behind (their total, and a page of them: behindOffset, behindLimit up to 500, 50 when not given)',
      params,
      querystring: z.strictObject({
        period: ProgressPeriodSchema,
        previousPeriod: ProgressPeriodSchema.optional(),
        behindBelow: z.coerce.number({ error: 'must be a number from 0 to 3' }).min(0, 'must be 0 or more').max(3, 'must be at most 3').optional(),
        /** The page of units behind: how many to skip and to list (the total is always given). */
        behindOffset: z.coerce.number({ error: 'must be a whole number' }).int('must be a whole number').min(0, 'must be 0 or more').optional(),
        behindLimit: z.coerce.number({ error: 'must be a whole number' }).int('must be a whole number').min(0, 'must be 0 or more').max(500, 'must be at most 500').optional(),
        level: z.enum(UNIT_KINDS, { error: `must be one of ${UNIT_KINDS.join(', ')}` }).optional(),
        /** An agency's instrument instead of the shipped checklist. */
        instrumentId: z.string().max(100, 'must be at most 100 characters').optional(),
        instrumentVersion: z.string().max(40, 'must be at most 40 characters').optional(),
      }),
    },
    handler: async (request) => benchmarkRollUp(contextOf(db, request), request.params.id, request.query),
  });

  app.get('/api/units/:id/benchmark-trend', {
    config: { access: 'progress.read' },
    schema: { tags, summary: 'A unit’s own submitted ratings over periods, oldest first', params },
    handler: async (request) => benchmarkTrend(contextOf(db, request), request.params.id),
  });

  // ---- Readiness surveys ----
  app.get('/api/units/:id/readiness-surveys', {
    config: { access: 'progress.read' },
    schema: { tags, summary: 'A unit’s readiness surveys with their links and response counts', params },
    handler: async (request) => listSurveys(contextOf(db, request), request.params.id),
  });

  app.post('/api/readiness-surveys', {
    config: { access: 'progress.manage' },
    schema: { tags, summary: 'Send a readiness survey to a unit’s stakeholders: a link anyone with it can answer anonymously', body: ReadinessSurveyCreate },
    handler: async (request, reply) => reply.code(201).send(await createSurvey(contextOf(db, request), request.body)),
  });

  app.post('/api/readiness-surveys/:id/close', {
    config: { access: 'progress.manage' },
    schema: { tags, summary: 'Close a survey: it takes no more answers', params, body: z.strictObject({ version: Version }) },
    handler: async (request) => endSurvey(contextOf(db, request), request.params.id, request.body.version),
  });

  app.get('/api/units/:id/readiness-results', {
    config: { access: 'progress.read' },
    schema: { tags, summary: 'Readiness results per period, shown only where at least five answered, and the trend', params },
    handler: async (request) => readinessResultsOf(contextOf(db, request), request.params.id),
  });

  app.get('/api/surveys/:token', {
    config: { access: 'public' },
    schema: { tags, summary: 'The survey behind a link: its statements and scale, and the unit’s name — nothing else', params: token },
    handler: async (request) => publicSurveyByLink(db, request.params.token),
  });

  app.post('/api/surveys/:token/responses', {
    config: { access: 'public' },
    schema: { tags, summary: 'Answer a survey anonymously: the answers are stored with no identity', params: token, body: ReadinessResponseSchema },
    handler: async (request, reply) => {
      await answerSurvey(db, request.params.token, request.body, request.id);
      return reply.code(204).send();
    },
  });

  // ---- Barriers ----
  app.get('/api/units/:id/barriers', {
    config: { access: 'progress.read' },
    schema: { tags, summary: 'Barriers raised at a unit (`subtree=true`: and below), open first, each with whether it is stale and its time to resolution', params, querystring: subtree },
    handler: async (request) => listUnitBarriers(contextOf(db, request), request.params.id, { subtree: request.query.subtree === 'true' }),
  });

  app.post('/api/barriers', {
    config: { access: 'progress.record' },
    schema: { tags, summary: 'Log a barrier to change against a unit or one of its mechanisms, with an owner, next step and target date', body: BarrierCreate },
    handler: async (request, reply) => reply.code(201).send(await raiseBarrier(contextOf(db, request), request.body)),
  });

  app.patch('/api/barriers/:id', {
    config: { access: 'progress.record' },
    schema: { tags, summary: 'Update a barrier: owner, next step, target date, description', params, body: BarrierUpdate },
    handler: async (request) => changeBarrier(contextOf(db, request), request.params.id, request.body),
  });

  app.post('/api/barriers/:id/status', {
    config: { access: 'progress.record' },
    schema: { tags, summary: 'Move a barrier: in progress, resolved (say how) or dropped (say why)', params, body: BarrierTransition },
    handler: async (request) => moveBarrier(contextOf(db, request), request.params.id, request.body),
  });

  // ---- Celebrations ----
  app.get('/api/units/:id/celebrations', {
    config: { access: 'progress.read' },
    schema: { tags, summary: 'The celebration feed (`subtree=true`: and the units below) and the milestones proposed for a leader to confirm', params, querystring: subtree },
    handler: async (request) => celebrationsOf(contextOf(db, request), request.params.id, { subtree: request.query.subtree === 'true' }),
  });

  app.post('/api/celebrations', {
    config: { access: 'progress.manage' },
    schema: { tags, summary: 'Add a celebration, or confirm a proposed milestone (give its key)', body: CelebrationCreate },
    handler: async (request, reply) => reply.code(201).send(await createCelebration(contextOf(db, request), request.body)),
  });

  app.post('/api/celebrations/dismissals', {
    config: { access: 'progress.manage' },
    schema: { tags, summary: 'Dismiss a proposed milestone: it is not proposed again', body: CelebrationDismiss },
    handler: async (request, reply) => reply.code(201).send(await dismissCelebration(contextOf(db, request), request.body)),
  });

  app.patch('/api/celebrations/:id', {
    config: { access: 'progress.manage' },
    schema: { tags, summary: 'Change a celebration’s title, description or date', params, body: CelebrationUpdate },
    handler: async (request) => changeCelebration(contextOf(db, request), request.params.id, request.body),
  });

  // ---- Report ----
  app.get('/api/units/:id/progress-report', {
    config: { access: 'progress.read' },
    schema: { tags, summary: 'The progress report for a period: phase, mechanisms, plan progress, benchmarks, barriers, readiness, celebrations', params, querystring: PeriodQuery },
    handler: async (request) => progressReport(contextOf(db, request), request.params.id, request.query.period),
  });

  app.get('/api/units/:id/progress-report.pdf', {
    config: { access: 'progress.read' },
    schema: { tags, summary: 'The progress report as a PDF, with charts and their figures', params, querystring: PeriodQuery },
    handler: async (request, reply) => {
      const file = await progressReportPdf(contextOf(db, request), request.params.id, request.query.period);
      return reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="${file.fileName}"`).send(file.body);
    },
  });
}
