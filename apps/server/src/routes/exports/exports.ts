// Downloads of the product's lists as CSV or XLSX (`?format=`), with the list's own filters and
// access, and a unit's hierarchy as a OneRoster 1.1 orgs.csv. Resources have theirs with the
// resource routes (/api/units/:id/resources/export).
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { AuditQuery, Id, PersonListQuery, SubtreeQuery } from '@trellis/core';
import type { TrellisApp } from '../../app.js';
import { exportAudit, exportPeople, exportSchedule, exportSubtree, exportUnitMechanisms } from '../../services/exports/lists.js';
import { exportMyCaseload, exportUnitEngagements } from '../../services/exports/coaching.js';
import { exportOneRosterOrgs } from '../../services/exports/oneroster.js';
import { exportMyPlanTasks, exportUnitBarriers, exportUnitCelebrations, exportUnitPlanTasks } from '../../services/exports/work.js';
import { ExportFormatField, renderTable, type ExportFormat, type ExportTable } from '../../services/exports/tables.js';
import { contextOf } from '../context.js';

const tags = ['exports'];
const params = z.strictObject({ id: Id });
const formatOnly = z.strictObject({ format: ExportFormatField });
const trueFalse = z.enum(['true', 'false'], { error: 'must be true or false' }).optional();

async function sendTable(reply: FastifyReply, table: ExportTable, format: ExportFormat) {
  const file = await renderTable(table, format);
  return reply.header('content-type', file.contentType).header('content-disposition', `attachment; filename="${file.fileName}"`).header('cache-control', 'no-store').send(file.body);
}

export function exportRoutes(app: TrellisApp) {
  const { db } = app.trellis;

  app.get('/api/units/:id/subtree/export', {
    config: { access: 'unit.read' },
    schema: { tags, summary: 'A unit and the units under it (to a depth; archived ones when asked) as CSV or XLSX', params, querystring: SubtreeQuery.extend({ format: ExportFormatField }) },
    handler: async (request, reply) => {
      const { format, depth, includeArchived } = request.query;
      return sendTable(reply, await exportSubtree(contextOf(db, request), request.params.id, { depth, includeArchived: includeArchived === 'true' }), format);
    },
  });

  app.get('/api/units/:id/oneroster/orgs.csv', {
    config: { access: 'unit.read' },
    schema: { tags, summary: 'A unit and the units under it as a OneRoster 1.1 orgs.csv (regions as local; feeder patterns left out, their schools under the district)', params, querystring: z.strictObject({ includeArchived: z.enum(['true', 'false']).optional() }) },
    handler: async (request, reply) => {
      const file = await exportOneRosterOrgs(contextOf(db, request), request.params.id, { includeArchived: request.query.includeArchived === 'true' });
      return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${file.fileName}"`).header('cache-control', 'no-store').send(file.body);
    },
  });

  app.get('/api/people/export', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'People within your reach (by name, email or title, under a unit) as CSV or XLSX', querystring: PersonListQuery.omit({ limit: true, offset: true }).extend({ format: ExportFormatField }) },
    handler: async (request, reply) => {
      const { format, ...query } = request.query;
      return sendTable(reply, await exportPeople(contextOf(db, request), query), format);
    },
  });

  app.get('/api/units/:id/mechanisms/export', {
    config: { access: 'mechanism.read' },
    schema: { tags, summary: 'The mechanisms established at a unit as CSV or XLSX', params, querystring: formatOnly },
    handler: async (request, reply) => sendTable(reply, await exportUnitMechanisms(contextOf(db, request), request.params.id), request.query.format),
  });

  app.get('/api/rollout-scenarios/:id/schedule/export', {
    config: { access: 'rollout.read' },
    schema: { tags, summary: 'A computed scenario’s schedule (every school’s phases) as CSV or XLSX', params, querystring: formatOnly },
    handler: async (request, reply) => sendTable(reply, await exportSchedule(contextOf(db, request), request.params.id), request.query.format),
  });

  app.get('/api/audit/export', {
    config: { access: 'audit.read' },
    schema: { tags, summary: 'The audit trail with the Audit page’s filters (unit, person, kind of thing, thing), newest first, as CSV or XLSX', querystring: AuditQuery.omit({ before: true, limit: true }).extend({ format: ExportFormatField }) },
    handler: async (request, reply) => {
      const { format, ...filters } = request.query;
      return sendTable(reply, await exportAudit(contextOf(db, request), filters), format);
    },
  });

  app.get('/api/units/:id/plan-tasks/export', {
    config: { access: 'plan.read' },
    schema: {
      tags,
      summary: 'A unit’s open plan tasks (all, overdue, or incompletely planned; `subtree=true` adds the units below) as CSV or XLSX',
      params,
      querystring: z.strictObject({
        filter: z.enum(['overdue', 'incomplete', 'open'], { error: 'must be overdue, incomplete or open' }).default('open'),
        subtree: trueFalse,
        format: ExportFormatField,
      }),
    },
    handler: async (request, reply) => {
      const { format, filter, subtree } = request.query;
      return sendTable(reply, await exportUnitPlanTasks(contextOf(db, request), request.params.id, { filter, subtree: subtree === 'true' }), format);
    },
  });

  app.get('/api/me/plan-tasks/export', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'My tasks across every plan I can read (`include=done` adds finished ones) as CSV or XLSX', querystring: z.strictObject({ include: z.enum(['done'], { error: 'must be done' }).optional(), format: ExportFormatField }) },
    handler: async (request, reply) => sendTable(reply, await exportMyPlanTasks(contextOf(db, request), { includeDone: request.query.include === 'done' }), request.query.format),
  });

  app.get('/api/units/:id/barriers/export', {
    config: { access: 'progress.read' },
    schema: {
      tags,
      summary: 'The barrier log of a unit (`subtree=true`: and below), with staleness and time to resolution, as CSV or XLSX',
      params,
      querystring: z.strictObject({ subtree: trueFalse, format: ExportFormatField }),
    },
    handler: async (request, reply) => {
      const { format, subtree } = request.query;
      return sendTable(reply, await exportUnitBarriers(contextOf(db, request), request.params.id, { subtree: subtree === 'true' }), format);
    },
  });


  app.get('/api/coaching/caseload/export', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'My caseload as a coach, most urgent first, with why (`includeEnded=true` adds ended engagements) as CSV or XLSX', querystring: z.strictObject({ includeEnded: trueFalse, format: ExportFormatField }) },
    handler: async (request, reply) => sendTable(reply, await exportMyCaseload(contextOf(db, request), { includeEnded: request.query.includeEnded === 'true' }), request.query.format),
  });

  app.get('/api/units/:id/coaching/engagements/export', {
    config: { access: 'coaching.read' },
    schema: {
      tags,
      summary: 'A unit’s coaching engagements with their cadence (`subtree=true` adds those below it; `includeEnded=true` the ended ones) as CSV or XLSX',
      params,
      querystring: z.strictObject({ subtree: trueFalse, includeEnded: trueFalse, format: ExportFormatField }),
    },
    handler: async (request, reply) => {
      const { format, subtree, includeEnded } = request.query;
      return sendTable(reply, await exportUnitEngagements(contextOf(db, request), request.params.id, { subtree: subtree === 'true', includeEnded: includeEnded === 'true' }), format);
    },
  });

  app.get('/api/units/:id/celebrations/export', {
    config: { access: 'progress.read' },
    schema: { tags, summary: 'A unit’s confirmed celebrations (`subtree=true`: and those below it) as CSV or XLSX', params, querystring: z.strictObject({ subtree: trueFalse, format: ExportFormatField }) },
    handler: async (request, reply) => sendTable(reply, await exportUnitCelebrations(contextOf(db, request), request.params.id, { subtree: request.query.subtree === 'true' }), request.query.format),
  });
}
