// Routes of the roll-out planner. Schema in, one service call, result out.
import { z } from 'zod';
import { conflict, Id, type RolloutResult, RolloutScenarioCreate, RolloutScenarioUpdate, RolloutSettings, Version, ROLLOUT_SCENARIO_STATUSES, defaultRolloutSettings } from '@trellis/core';
import type { TrellisApp } from '../../app.js';
import { facilitatorCalendar, scheduleCsv } from '../../services/rollout/exports.js';
import { adoptScenario, createScenario, getScenario, listScenarios, removeScenario, updateScenario } from '../../services/rollout/scenarios.js';
import { contextOf } from '../context.js';

const tags = ['rollout'];
const params = z.strictObject({ id: Id });
const facilitatorParams = z.strictObject({ id: Id, facilitatorId: z.string().min(1).max(200) });

const AdoptionStep = z.object({ module: z.enum(['coaching', 'plans']), status: z.enum(['done', 'pending']), description: z.string(), created: z.array(z.string()) });
const Scenario = z.object({
  id: Id,
  unitId: Id,
  unitName: z.string(),
  unitKind: z.string(),
  name: z.string(),
  settings: RolloutSettings,
  status: z.enum(ROLLOUT_SCENARIO_STATUSES),
  /** What the computation is doing now. */
  stage: z.string().nullable(),
  error: z.string().nullable(),
  computedAt: z.string().nullable(),
  adoptedAt: z.string().nullable(),
  adoptedBy: Id.nullable(),
  adoption: z.array(AdoptionStep).nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
/** The schedule, the sweep and the summary (see packages/core/src/rollout/scheduler.ts for the schedule's shape). */
const Result = z.object({ summary: z.record(z.string(), z.unknown()), schedule: z.record(z.string(), z.unknown()), sweep: z.array(z.record(z.string(), z.unknown())), siteNames: z.record(z.string(), z.string()) });

async function readyResult(app: TrellisApp, request: Parameters<typeof contextOf>[1], id: string) {
  const scenario = await getScenario(contextOf(app.trellis.db, request), id);
  if (!scenario.result) throw conflict(scenario.status === 'computing' ? 'This scenario is still being computed.' : 'This scenario could not be computed.', [{ field: 'status', message: `is ${scenario.status}` }]);
  return { scenario, result: scenario.result as RolloutResult };
}

export function rolloutRoutes(app: TrellisApp) {
  const { db, rollout } = app.trellis;

  app.get('/api/rollout/defaults', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Default settings for a new scenario: the Exhibit 2 phases (lengths and loads are Trellis defaults), a cadre of 2, July off, starting next September', response: { 200: RolloutSettings } },
    handler: async () => defaultRolloutSettings(new Date().toISOString().slice(0, 10)),
  });

  app.get('/api/units/:id/rollout-scenarios', {
    config: { access: 'rollout.read' },
    schema: { tags, summary: 'The roll-out scenarios planned for a unit, newest first, each with a summary of its schedule', params, response: { 200: z.array(Scenario.extend({ summary: z.record(z.string(), z.unknown()).nullable() })) } },
    handler: async (request) => listScenarios(contextOf(db, request), request.params.id),
  });

  app.post('/api/rollout-scenarios', {
    config: { access: 'rollout.manage' },
    schema: { tags, summary: 'Plan a roll-out for a district, region or state; it is computed in the background (status computing, then ready)', body: RolloutScenarioCreate, response: { 202: Scenario } },
    handler: async (request, reply) => reply.code(202).send(await createScenario(contextOf(db, request), rollout, request.body)),
  });

  app.get('/api/rollout-scenarios/:id', {
    config: { access: 'rollout.read' },
    schema: { tags, summary: 'A scenario with its schedule once computed (while computing, its stage)', params, response: { 200: Scenario.extend({ result: Result.nullable() }) } },
    handler: async (request) => {
      const s = await getScenario(contextOf(db, request), request.params.id);
      return { ...s, result: s.result as unknown as z.infer<typeof Result> | null };
    },
  });

  app.patch('/api/rollout-scenarios/:id', {
    config: { access: 'rollout.manage' },
    schema: { tags, summary: 'Rename a scenario or change its settings (which computes it again); send the version you loaded', params, body: RolloutScenarioUpdate, response: { 200: Scenario } },
    handler: async (request) => updateScenario(contextOf(db, request), rollout, request.params.id, request.body),
  });

  app.delete('/api/rollout-scenarios/:id', {
    config: { access: 'rollout.manage' },
    schema: { tags, summary: 'Delete a scenario that has not been adopted', params },
    handler: async (request, reply) => {
      await removeScenario(contextOf(db, request), request.params.id);
      return reply.code(204).send();
    },
  });

  app.post('/api/rollout-scenarios/:id/adopt', {
    config: { access: 'rollout.manage' },
    schema: { tags, summary: 'Adopt a computed scenario: records the decision and starts the first group’s engagements and school plans (pending until those modules exist)', params, body: z.strictObject({ version: Version }), response: { 200: Scenario } },
    handler: async (request) => adoptScenario(contextOf(db, request), request.params.id, request.body.version),
  });

  app.get('/api/rollout-scenarios/:id/schedule.csv', {
    config: { access: 'rollout.read' },
    schema: { tags, summary: 'The schedule as CSV: every school’s phases with their facilitator and months', params },
    handler: async (request, reply) => {
      const { scenario, result } = await readyResult(app, request, request.params.id);
      const file = `${scenario.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'scenario'}-schedule.csv`;
      return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${file}"`).send(scheduleCsv(result));
    },
  });

  app.get('/api/rollout-scenarios/:id/facilitators/:facilitatorId/visits.ics', {
    config: { access: 'rollout.read' },
    schema: { tags, summary: 'A facilitator’s schools and phases as an iCalendar file', params: facilitatorParams },
    handler: async (request, reply) => {
      const { scenario, result } = await readyResult(app, request, request.params.id);
      const { fileName, body } = facilitatorCalendar(result, request.params.facilitatorId, scenario.name);
      return reply.header('content-type', 'text/calendar; charset=utf-8').header('content-disposition', `attachment; filename="${fileName}"`).send(body);
    },
  });
}
