// Routes of the organization hierarchy. Schema in, one service call, result out.
import { z } from 'zod';
import { Id, SubtreeQuery, Unit, UnitArchive, UnitCreate, UnitDetail, UnitListQuery, UnitMove, UnitUpdate } from '@trellis/core';
import type { TrellisApp } from '../../app.js';
import { archiveUnit, createUnit, findUnits, getChildren, getRoots, getSubtree, getUnit, moveUnit, updateUnitDetails } from '../../services/organizations/units.js';
import { contextOf } from '../context.js';

const tags = ['organizations'];
const params = z.strictObject({ id: Id });
const includeArchived = z.strictObject({ includeArchived: z.enum(['true', 'false']).optional() });

export function unitRoutes(app: TrellisApp) {
  const { db } = app.trellis;

  app.get('/api/units', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Search units by name, NCES id or state id, within your reach', querystring: UnitListQuery, response: { 200: z.array(Unit) } },
    handler: async (request) => findUnits(contextOf(db, request), request.query),
  });

  app.get('/api/units/roots', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'The top of the organization tree as you see it', response: { 200: z.array(Unit) } },
    handler: async (request) => getRoots(contextOf(db, request)),
  });

  app.get('/api/units/:id', {
    config: { access: 'unit.read' },
    schema: { tags, summary: 'A unit with its ancestors', params, response: { 200: UnitDetail } },
    handler: async (request) => getUnit(contextOf(db, request), request.params.id),
  });

  app.get('/api/units/:id/children', {
    config: { access: 'unit.read' },
    schema: { tags, summary: 'The units directly under a unit', params, querystring: includeArchived, response: { 200: z.array(Unit) } },
    handler: async (request) => getChildren(contextOf(db, request), request.params.id, request.query.includeArchived === 'true'),
  });

  app.get('/api/units/:id/subtree', {
    config: { access: 'unit.read' },
    schema: { tags, summary: 'A unit and everything under it (optionally to a depth), in tree order', params, querystring: SubtreeQuery, response: { 200: z.array(Unit) } },
    handler: async (request) =>
      getSubtree(contextOf(db, request), request.params.id, { depth: request.query.depth, includeArchived: request.query.includeArchived === 'true' }),
  });

  app.post('/api/units', {
    config: { access: 'unit.create' },
    schema: { tags, summary: 'Add a unit under a parent', body: UnitCreate, response: { 201: Unit } },
    handler: async (request, reply) => reply.code(201).send(await createUnit(contextOf(db, request), request.body)),
  });

  app.patch('/api/units/:id', {
    config: { access: 'unit.update' },
    schema: { tags, summary: 'Rename a unit or change its details (send the version you loaded)', params, body: UnitUpdate, response: { 200: Unit } },
    handler: async (request) => updateUnitDetails(contextOf(db, request), request.params.id, request.body),
  });

  app.post('/api/units/:id/move', {
    config: { access: 'unit.move' },
    schema: { tags, summary: 'Move a unit, with everything under it, to a new parent', params, body: UnitMove, response: { 200: Unit } },
    handler: async (request) => moveUnit(contextOf(db, request), request.params.id, request.body),
  });

  app.post('/api/units/:id/archive', {
    config: { access: 'unit.archive' },
    schema: { tags, summary: 'Archive a unit, or restore it (archived: false)', params, body: UnitArchive, response: { 200: Unit } },
    handler: async (request) => archiveUnit(contextOf(db, request), request.params.id, request.body),
  });
}
