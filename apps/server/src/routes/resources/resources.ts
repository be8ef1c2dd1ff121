// Routes of resource mapping. Schema in, one service call, result out. The import routes take the
// file itself as the body (text/csv or .xlsx), up to IMPORT_LIMIT.
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  Id,
  INTERVENTION_FRAMEWORK,
  IsoDate,
  RESOURCE_KINDS,
  RESOURCE_PROVIDER_TYPES,
  RESOURCE_RECOMMENDATION_STATUSES,
  RESOURCE_RECOMMENDATION_TYPES,
  ResourceCreate,
  ResourcePriorityNeedCreate,
  ResourcePriorityNeedUpdate,
  ResourceRecommendationCreate,
  ResourceRecommendationUpdate,
  ResourceSnapshotCreate,
  ResourceUpdate,
} from '@trellis/core';
import type { TrellisApp } from '../../app.js';
import { CSV_TYPES, IMPORT_LIMIT, writeCsv, writeXlsx, XLSX_TYPE } from '../../services/resources/files.js';
import {
  applyImport,
  changePriorityNeed,
  changeRecommendation,
  changeResource,
  createPriorityNeed,
  listPriorityNeeds,
  removePriorityNeed,
  compareSnapshots,
  createRecommendation,
  createResource,
  createSnapshot,
  exportResources,
  getResource,
  getResourceMap,
  listRecommendations,
  listResources,
  listSnapshots,
  previewImport,
  removeResource,
  unitFramework,
} from '../../services/resources/resources.js';
import { sendProblem } from '../../plugins/problems.js';
import { contextOf } from '../context.js';

const tags = ['resources'];
const params = z.strictObject({ id: Id });

const Resource = z.object({
  id: Id,
  unitId: Id,
  unitName: z.string(),
  frameworkId: z.string(),
  frameworkVersion: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  kind: z.enum(RESOURCE_KINDS),
  providerType: z.enum(RESOURCE_PROVIDER_TYPES),
  partnerName: z.string().nullable(),
  cells: z.array(z.string()),
  populationServed: z.number().nullable(),
  capacity: z.number().nullable(),
  staffFte: z.number().nullable(),
  annualCost: z.number().nullable(),
  fundingSource: z.string().nullable(),
  fundingEndsOn: z.string().nullable(),
  responsibleMechanismId: Id.nullable(),
  responsiblePersonId: Id.nullable(),
  coordinated: z.boolean(),
  purposeTags: z.array(z.string()),
  targetPopulation: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const Problem = z.object({ row: z.number(), column: z.string(), message: z.string() });
const ImportPreview = z.object({
  ok: z.boolean(),
  format: z.enum(['csv', 'xlsx']),
  encoding: z.enum(['utf-8', 'windows-1252']).nullable(),
  rows: z.number(),
  creates: z.number(),
  updates: z.number(),
  unchanged: z.number(),
  problems: z.array(Problem),
  warnings: z.array(Problem),
  columns: z.array(z.object({ header: z.string(), field: z.string().nullable() })),
  blankRows: z.array(z.number()),
  actions: z.array(z.object({ row: z.number(), name: z.string(), action: z.enum(['create', 'update', 'unchanged']) })),
});

const Snapshot = z.object({ id: Id, unitId: Id, title: z.string(), asOf: z.string(), frameworkId: z.string(), frameworkVersion: z.string(), resourceCount: z.number(), createdBy: Id.nullable(), createdAt: z.string() });
const Recommendation = z.object({
  id: Id,
  unitId: Id,
  type: z.enum(RESOURCE_RECOMMENDATION_TYPES),
  title: z.string(),
  rationale: z.string(),
  findings: z.array(z.object({ key: z.string(), code: z.string(), explanation: z.string(), snapshotId: Id.nullable().optional() })),
  priorityNeedIds: z.array(Id),
  status: z.enum(RESOURCE_RECOMMENDATION_STATUSES),
  planTaskIds: z.array(Id),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
/** The matrix, each school's matrix (up to 200 schools), the findings with their explanations, and counts. */
const ResourceMap = z.looseObject({ unitName: z.string(), schools: z.number(), asOf: z.string(), minCoverage: z.number(), findings: z.array(z.looseObject({ code: z.string(), explanation: z.string() })) });

const MapQuery = z.strictObject({
  minCoverage: z.coerce.number({ error: 'must be a number between 0 and 1' }).min(0, 'must be at least 0').max(1, 'must be at most 1').optional(),
  asOf: IsoDate.optional(),
});

export function resourceRoutes(app: TrellisApp) {
  const { db } = app.trellis;

  app.get('/api/catalogs/intervention-framework', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'The intervention framework maps are placed on: content arenas × levels of the continuum of interventions, each cited' },
    handler: async () => INTERVENTION_FRAMEWORK,
  });

  app.get('/api/units/:id/intervention-framework', {
    config: { access: 'resource.read' },
    schema: { tags, summary: 'The framework the unit maps on: the shipped one, or as the design document of the unit (or the nearest unit above) adapts it', params },
    handler: async (request) => unitFramework(contextOf(db, request), request.params.id),
  });

  app.get('/api/units/:id/resources', {
    config: { access: 'resource.read' },
    schema: {
      tags,
      summary: 'The resources a unit maps, by name; `subtree=true` adds those of the units below it (at most 1,000), `cell` keeps those in one cell of the framework',
      params,
      querystring: z.strictObject({
        subtree: z.enum(['true', 'false'], { error: 'must be true or false' }).optional(),
        cell: z.string({ error: 'must be a cell key arena:level' }).max(120, 'must be at most 120 characters').optional(),
      }),
      response: { 200: z.array(Resource) },
    },
    handler: async (request) => listResources(contextOf(db, request), request.params.id, { subtree: request.query.subtree === 'true', cell: request.query.cell }),
  });

  const PriorityNeed = z.object({ id: Id, unitId: Id, rank: z.number(), title: z.string(), rationale: z.string(), cells: z.array(z.string()), version: z.number(), createdAt: z.string(), updatedAt: z.string() });

  app.get('/api/units/:id/resource-priority-needs', {
    config: { access: 'resource.read' },
    schema: { tags, summary: 'The priority needs a work group ranked for the unit, highest first', params, response: { 200: z.array(PriorityNeed) } },
    handler: async (request) => listPriorityNeeds(contextOf(db, request), request.params.id),
  });

  app.post('/api/resource-priority-needs', {
    config: { access: 'resource.manage' },
    schema: { tags, summary: 'Rank a priority need with its rationale and the cells it is in', body: ResourcePriorityNeedCreate, response: { 201: PriorityNeed } },
    handler: async (request, reply) => reply.code(201).send(await createPriorityNeed(contextOf(db, request), request.body)),
  });

  app.patch('/api/resource-priority-needs/:id', {
    config: { access: 'resource.manage' },
    schema: { tags, summary: 'Re-rank or reword a priority need (send the version you loaded)', params, body: ResourcePriorityNeedUpdate, response: { 200: PriorityNeed } },
    handler: async (request) => changePriorityNeed(contextOf(db, request), request.params.id, request.body),
  });

  app.delete('/api/resource-priority-needs/:id', {
    config: { access: 'resource.manage' },
    schema: { tags, summary: 'Remove a priority need', params },
    handler: async (request, reply) => {
      await removePriorityNeed(contextOf(db, request), request.params.id);
      return reply.code(204).send();
    },
  });

  app.post('/api/resources', {
    config: { access: 'resource.manage' },
    schema: { tags, summary: 'Map a resource at a unit: placed in one or more cells of the framework', body: ResourceCreate, response: { 201: Resource } },
    handler: async (request, reply) => reply.code(201).send(await createResource(contextOf(db, request), request.body)),
  });

  app.get('/api/resources/:id', {
    config: { access: 'resource.read' },
    schema: { tags, summary: 'A resource', params, response: { 200: Resource } },
    handler: async (request) => getResource(contextOf(db, request), request.params.id),
  });

  app.patch('/api/resources/:id', {
    config: { access: 'resource.manage' },
    schema: { tags, summary: 'Change a resource (send the version you loaded)', params, body: ResourceUpdate, response: { 200: Resource } },
    handler: async (request) => changeResource(contextOf(db, request), request.params.id, request.body),
  });

  app.delete('/api/resources/:id', {
    config: { access: 'resource.manage' },
    schema: { tags, summary: 'Remove a resource from the map', params },
    handler: async (request, reply) => {
      await removeResource(contextOf(db, request), request.params.id);
      return reply.code(204).send();
    },
  });

  app.get('/api/units/:id/resources/export', {
    config: { access: 'resource.read' },
    schema: { tags, summary: 'A unit’s resources as CSV or XLSX, in the layout the import reads', params, querystring: z.strictObject({ format: z.enum(['csv', 'xlsx'], { error: 'must be csv or xlsx' }).default('csv') }) },
    handler: async (request, reply) => {
      const { unit, header, rows } = await exportResources(contextOf(db, request), request.params.id);
      const base = `${unit.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'unit'}-resources`;
      if (request.query.format === 'xlsx') {
        return reply.header('content-type', XLSX_TYPE).header('content-disposition', `attachment; filename="${base}.xlsx"`).send(await writeXlsx(header, rows));
      }
      return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${base}.csv"`).send(writeCsv(header, rows));
    },
  });

  app.get('/api/units/:id/resource-map', {
    config: { access: 'resource.read' },
    schema: { tags, summary: 'The map of a unit (summed over the schools under it) with its findings: gaps, redundancies, fragmentation, expiring funding, economies of scale', params, querystring: MapQuery, response: { 200: ResourceMap } },
    handler: async (request) => (await getResourceMap(contextOf(db, request), request.params.id, request.query)) as unknown as z.infer<typeof ResourceMap>,
  });

  app.post('/api/resource-snapshots', {
    config: { access: 'resource.manage' },
    schema: { tags, summary: 'Freeze a unit’s map (its resources and those below it) as of a day', body: ResourceSnapshotCreate, response: { 201: Snapshot } },
    handler: async (request, reply) => reply.code(201).send(await createSnapshot(contextOf(db, request), request.body)),
  });

  app.get('/api/units/:id/resource-snapshots', {
    config: { access: 'resource.read' },
    schema: { tags, summary: 'A unit’s frozen maps, latest first', params, response: { 200: z.array(Snapshot) } },
    handler: async (request) => listSnapshots(contextOf(db, request), request.params.id),
  });

  app.get('/api/resource-snapshots/:id/compare', {
    config: { access: 'resource.read' },
    schema: { tags, summary: 'What changed from a snapshot to another (or to the map now): added, dropped, moved between cells, cost', params, querystring: z.strictObject({ to: Id.optional() }) },
    handler: async (request) => compareSnapshots(contextOf(db, request), request.params.id, request.query.to),
  });

  app.get('/api/units/:id/resource-recommendations', {
    config: { access: 'resource.read' },
    schema: { tags, summary: 'A unit’s recommendations from its resource analysis, newest first', params, response: { 200: z.array(Recommendation) } },
    handler: async (request) => listRecommendations(contextOf(db, request), request.params.id),
  });

  app.post('/api/resource-recommendations', {
    config: { access: 'resource.manage' },
    schema: { tags, summary: 'Recommend how to unify, prioritize or redeploy, with the findings behind it', body: ResourceRecommendationCreate, response: { 201: Recommendation } },
    handler: async (request, reply) => reply.code(201).send(await createRecommendation(contextOf(db, request), request.body)),
  });

  app.patch('/api/resource-recommendations/:id', {
    config: { access: 'resource.manage' },
    schema: { tags, summary: 'Change a recommendation or its status; plan tasks link to an accepted one (send the version you loaded)', params, body: ResourceRecommendationUpdate, response: { 200: Recommendation } },
    handler: async (request) => changeRecommendation(contextOf(db, request), request.params.id, request.body),
  });

  // The file routes parse their own bodies: CSV or XLSX bytes, not JSON.
  app.register(async (scope) => {
    const files = scope.withTypeProvider<ZodTypeProvider>();
    files.addContentTypeParser([...CSV_TYPES, XLSX_TYPE], { parseAs: 'buffer', bodyLimit: IMPORT_LIMIT }, (_request, body, done) => done(null, body));
    const fileSchema = { params };
    const fileOf = (request: { body: unknown; headers: Record<string, string | string[] | undefined> }) => ({ body: request.body as Buffer, type: String(request.headers['content-type'] ?? '') });
    // Only the file types reach the handlers: anything else (JSON included) is 415.
    files.addHook('preHandler', async (request, reply) => {
      if (!Buffer.isBuffer(request.body)) return sendProblem(reply, request, 415, 'Send the file itself as the body: text/csv, or an .xlsx workbook.');
    });

    files.post('/api/units/:id/resources/import/preview', {
      config: { access: 'resource.manage' },
      schema: { ...fileSchema, tags, summary: 'What importing this CSV or XLSX file would do (creates, updates, every row that cannot be used and why); writes nothing', response: { 200: ImportPreview } },
      handler: async (request) => {
        const { body, type } = fileOf(request);
        return previewImport(contextOf(db, request), request.params.id, body, type);
      },
    });

    files.post('/api/units/:id/resources/import', {
      config: { access: 'resource.manage' },
      schema: { ...fileSchema, tags, summary: 'Import this CSV or XLSX file: all rows in one transaction, or none when any row has a problem; importing it again changes nothing', response: { 200: ImportPreview } },
      handler: async (request) => {
        const { body, type } = fileOf(request);
        return applyImport(contextOf(db, request), request.params.id, body, type);
      },
    });
  });
}
