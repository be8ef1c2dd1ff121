// Routes of directory imports (NCES CCD, regions, feeder patterns). The upload routes take
// multipart/form-data with one file per slot (schools, leas, regions / feeders) and stream each file
// through the parser; everything else is JSON. Schema in, one service call, result out.
import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CcdPreviewQuery, FeederAssignmentsUpdate, FeederReview, FeederSuggest, Id, ImportApply, ImportChangePage, ImportProblemPage, ImportRun, ImportRunQuery, invalid, Version } from '@trellis/core';
import type { TrellisApp } from '../../app.js';
import { sendProblem } from '../../plugins/problems.js';
import {
  applyImportRun,
  discardImportRun,
  editFeeders,
  getFeederReview,
  getImportChanges,
  getImportProblems,
  getImportRun,
  listUnitImportRuns,
  previewCcdImport,
  previewFeederFile,
  suggestFeeders,
  type DirectoryFiles,
  type ImportSlot,
} from '../../services/imports/ccd.js';
import { contextOf } from '../context.js';
import { rosterImportRoutes } from './oneroster-edfi.js';

const tags = ['imports'];
const params = z.strictObject({ id: Id });
/** A national CCD school file is about 60 MB; leave room. */
export const DIRECTORY_FILE_LIMIT = 300 * 1024 * 1024;

/** Reads the multipart body's files into `files`, refusing slots other than `slots`. */
function uploadInto(request: FastifyRequest, slots: readonly ImportSlot[]) {
  return async (files: DirectoryFiles) => {
    const seen = new Set<string>();
    for await (const part of request.parts()) {
      if (part.type !== 'file') throw invalid(`"${part.fieldname}" is not one of the files this import reads (${slots.join(', ')}).`, [{ field: part.fieldname, message: `is not a file: send ${slots.join(', ')} as files` }]);
      if (!(slots as readonly string[]).includes(part.fieldname)) {
        part.file.resume();
        throw invalid(`"${part.fieldname}" is not one of the files this import reads (${slots.join(', ')}).`, [{ field: part.fieldname, message: `is not one of ${slots.join(', ')}` }]);
      }
      if (seen.has(part.fieldname)) {
        part.file.resume();
        throw invalid(`Two files were sent as ${part.fieldname}; send one.`, [{ field: part.fieldname, message: 'is sent twice' }]);
      }
      seen.add(part.fieldname);
      await files.add({ slot: part.fieldname as ImportSlot, name: part.filename || part.fieldname, stream: part.file });
      // Reading may stop early (a file with the wrong columns): let the rest of the upload through.
      part.file.resume();
    }
  };
}

export function importRoutes(app: TrellisApp) {
  const db = app.trellis.db;
  // OneRoster and Ed-Fi (docs/decisions/0018).
  rosterImportRoutes(app);

  app.register(async (scope) => {
    const files = scope.withTypeProvider<ZodTypeProvider>();
    await files.register(multipart, { limits: { fileSize: DIRECTORY_FILE_LIMIT, files: 3, fields: 5, parts: 8 } });
    files.addHook('preHandler', async (request, reply) => {
      if (!request.isMultipart()) return sendProblem(reply, request, 415, 'Send the files as multipart/form-data (a form with file fields).');
    });

    files.post('/api/imports/ccd/preview', {
      config: { access: 'import.manage' },
      schema: {
        tags,
        summary: 'Read NCES CCD directory files (fields schools, leas, and optionally regions) for a state or district and store what importing them would do; writes no unit',
        querystring: CcdPreviewQuery,
        response: { 201: ImportRun },
      },
      handler: async (request, reply) => reply.code(201).send(await previewCcdImport(contextOf(db, request), request.query.unitId, uploadInto(request, ['schools', 'leas', 'regions']))),
    });

    files.post('/api/imports/ccd/feeders/preview', {
      config: { access: 'import.manage' },
      schema: { tags, summary: 'Read a feeder file (school NCES id → high school NCES id, field feeders) into feeder patterns to review; writes no unit', querystring: CcdPreviewQuery, response: { 201: ImportRun } },
      handler: async (request, reply) => reply.code(201).send(await previewFeederFile(contextOf(db, request), request.query.unitId, uploadInto(request, ['feeders']))),
    });
  });

  app.post('/api/imports/ccd/feeders/suggest', {
    config: { access: 'import.manage' },
    schema: { tags, summary: 'Suggest feeder patterns for the districts with several high schools (nearest high school, else same ZIP, else same city); writes no unit', body: FeederSuggest, response: { 201: ImportRun } },
    handler: async (request, reply) => reply.code(201).send(await suggestFeeders(contextOf(db, request), request.body.unitId, request.body.minHighSchools)),
  });

  app.get('/api/imports/ccd/runs', {
    config: { access: 'import.manage' },
    schema: { tags, summary: 'The latest imports into a unit', querystring: CcdPreviewQuery, response: { 200: z.array(ImportRun) } },
    handler: async (request) => listUnitImportRuns(contextOf(db, request), request.query.unitId),
  });

  app.get('/api/imports/ccd/runs/:id', {
    config: { access: 'import.manage' },
    schema: { tags, summary: 'An import: its counts of creates, updates and archives, its files and status', params, response: { 200: ImportRun } },
    handler: async (request) => getImportRun(contextOf(db, request), request.params.id),
  });

  app.get('/api/imports/ccd/runs/:id/problems', {
    config: { access: 'import.manage' },
    schema: { tags, summary: 'Every row of an import that cannot be used, and why, a page at a time', params, querystring: ImportRunQuery, response: { 200: ImportProblemPage } },
    handler: async (request) => getImportProblems(contextOf(db, request), request.params.id, request.query),
  });

  app.get('/api/imports/ccd/runs/:id/changes', {
    config: { access: 'import.manage' },
    schema: { tags, summary: 'The units an import creates, updates or archives, a page at a time', params, querystring: ImportRunQuery, response: { 200: ImportChangePage } },
    handler: async (request) => getImportChanges(contextOf(db, request), request.params.id, request.query),
  });

  app.get('/api/imports/ccd/runs/:id/feeders', {
    config: { access: 'import.manage' },
    schema: { tags, summary: 'The feeder-pattern assignments of a feeder import, a page of districts at a time', params, querystring: ImportRunQuery, response: { 200: FeederReview } },
    handler: async (request) => getFeederReview(contextOf(db, request), request.params.id, request.query),
  });

  app.put('/api/imports/ccd/runs/:id/feeders', {
    config: { access: 'import.manage' },
    schema: { tags, summary: 'Change feeder-pattern assignments before applying (send the version you loaded)', params, body: FeederAssignmentsUpdate, response: { 200: ImportRun } },
    handler: async (request) => editFeeders(contextOf(db, request), request.params.id, request.body),
  });

  app.post('/api/imports/ccd/runs/:id/apply', {
    config: { access: 'import.manage' },
    schema: { tags, summary: 'Apply an import as previewed, in one transaction (all or nothing); rows with problems are left out only with skipProblems', params, body: ImportApply, response: { 200: ImportRun } },
    handler: async (request) => applyImportRun(contextOf(db, request), request.params.id, request.body),
  });

  app.post('/api/imports/ccd/runs/:id/discard', {
    config: { access: 'import.manage' },
    schema: { tags, summary: 'Discard a previewed import', params, body: z.strictObject({ version: Version }), response: { 200: ImportRun } },
    handler: async (request) => discardImportRun(contextOf(db, request), request.params.id, request.body.version),
  });
}
