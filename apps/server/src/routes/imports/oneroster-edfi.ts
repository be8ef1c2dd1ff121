// Routes of OneRoster and Ed-Fi imports, beside the CCD ones (ccd.ts): multipart uploads for the
// previews (OneRoster fields orgs, users, roles; Ed-Fi field edfi, one or more files), the role
// mapping review of a OneRoster run, and apply. A run's counts, problems, changes and discard are
// the generic run routes (/api/imports/ccd/runs/:id…), which serve every kind of import.
import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CcdPreviewQuery, Id, ImportApply, ImportPersonPage, ImportRun, ImportRunQuery, invalid, RoleMappingUpdate } from '@trellis/core';
import type { TrellisApp } from '../../app.js';
import { sendProblem } from '../../plugins/problems.js';
import { applyImportRun, getImportRun, type ImportSlot, type UploadedFile } from '../../services/imports/ccd.js';
import { previewEdfiImport } from '../../services/imports/edfi.js';
import { editRoleMapping, getImportPeople, previewOneRosterImport } from '../../services/imports/oneroster.js';
import { contextOf } from '../context.js';
import { DIRECTORY_FILE_LIMIT } from './ccd.js';

const tags = ['imports'];
const params = z.strictObject({ id: Id });

/** Reads the multipart body's files into `add`, refusing fields other than `slots`. */
function uploadTo(request: FastifyRequest, slots: readonly ImportSlot[], many: boolean) {
  return async (files: { add: (f: UploadedFile) => Promise<void> }) => {
    const seen = new Set<string>();
    for await (const part of request.parts()) {
      if (part.type !== 'file') throw invalid(`"${part.fieldname}" is not one of the files this import reads (${slots.join(', ')}).`, [{ field: part.fieldname, message: `is not a file: send ${slots.join(', ')} as files` }]);
      if (!(slots as readonly string[]).includes(part.fieldname)) {
        part.file.resume();
        throw invalid(`"${part.fieldname}" is not one of the files this import reads (${slots.join(', ')}).`, [{ field: part.fieldname, message: `is not one of ${slots.join(', ')}` }]);
      }
      if (!many && seen.has(part.fieldname)) {
        part.file.resume();
        throw invalid(`Two files were sent as ${part.fieldname}; send one.`, [{ field: part.fieldname, message: 'is sent twice' }]);
      }
      seen.add(part.fieldname);
      await files.add({ slot: part.fieldname as ImportSlot, name: part.filename || part.fieldname, stream: part.file });
      part.file.resume();
    }
  };
}

async function checkKind(app: TrellisApp, request: FastifyRequest, id: string, kind: 'oneroster' | 'edfi') {
  const run = await getImportRun(contextOf(app.trellis.db, request), id);
  // An Ed-Fi upload of FeederSchoolAssociations gives a feeder-pattern run.
  if (run.kind !== kind && !(kind === 'edfi' && run.kind === 'feeders')) throw invalid(`This import is a ${run.kind} import, not ${kind === 'oneroster' ? 'OneRoster' : 'Ed-Fi'}.`, [{ field: 'id', message: `is not a ${kind} import` }]);
}

export function rosterImportRoutes(app: TrellisApp) {
  const db = app.trellis.db;

  app.register(async (scope) => {
    const files = scope.withTypeProvider<ZodTypeProvider>();
    await files.register(multipart, { limits: { fileSize: DIRECTORY_FILE_LIMIT, files: 20, fields: 5, parts: 25 } });
    files.addHook('preHandler', async (request, reply) => {
      if (!request.isMultipart()) return sendProblem(reply, request, 415, 'Send the files as multipart/form-data (a form with file fields).');
    });

    files.post('/api/imports/oneroster/preview', {
      config: { access: 'import.manage' },
      schema: {
        tags,
        summary: 'Read OneRoster 1.1/1.2 CSV files (fields orgs, users, roles) for a state and store what importing them would do, with the proposed role → grant mapping; writes nothing else',
        querystring: CcdPreviewQuery,
        response: { 201: ImportRun },
      },
      handler: async (request, reply) => reply.code(201).send(await previewOneRosterImport(contextOf(db, request), request.query.unitId, uploadTo(request, ['orgs', 'users', 'roles'], false))),
    });

    files.post('/api/imports/edfi/preview', {
      config: { access: 'import.manage' },
      schema: {
        tags,
        summary: 'Read Ed-Fi education organizations (field edfi, one or more JSON arrays as the Ed-Fi API returns them) for a state and store what importing them would do; an upload of FeederSchoolAssociations alone gives feeder patterns to review',
        querystring: CcdPreviewQuery,
        response: { 201: ImportRun },
      },
      handler: async (request, reply) => reply.code(201).send(await previewEdfiImport(contextOf(db, request), request.query.unitId, uploadTo(request, ['edfi'], true))),
    });
  });

  app.get('/api/imports/oneroster/runs/:id/people', {
    config: { access: 'import.manage' },
    schema: { tags, summary: 'The people a OneRoster import would create or update, with their roles at units, a page at a time', params, querystring: ImportRunQuery, response: { 200: ImportPersonPage } },
    handler: async (request) => getImportPeople(contextOf(db, request), request.params.id, request.query),
  });

  app.put('/api/imports/oneroster/runs/:id/roles', {
    config: { access: 'import.manage' },
    schema: { tags, summary: 'Change the OneRoster role → Trellis grant mapping before applying (skip, or a role; students never become people)', params, body: RoleMappingUpdate, response: { 200: ImportRun } },
    handler: async (request) => editRoleMapping(contextOf(db, request), request.params.id, request.body),
  });

  app.post('/api/imports/oneroster/runs/:id/apply', {
    config: { access: 'import.manage' },
    schema: { tags, summary: 'Apply a OneRoster import as previewed, with the reviewed role mapping, in one transaction (all or nothing)', params, body: ImportApply, response: { 200: ImportRun } },
    handler: async (request) => {
      await checkKind(app, request, request.params.id, 'oneroster');
      return applyImportRun(contextOf(db, request), request.params.id, request.body);
    },
  });

  app.post('/api/imports/edfi/runs/:id/apply', {
    config: { access: 'import.manage' },
    schema: { tags, summary: 'Apply an Ed-Fi import as previewed, in one transaction (all or nothing)', params, body: ImportApply, response: { 200: ImportRun } },
    handler: async (request) => {
      await checkKind(app, request, request.params.id, 'edfi');
      return applyImportRun(contextOf(db, request), request.params.id, request.body);
    },
  });
}
