// Routes of role grants.
import { z } from 'zod';
import { Grant, GrantCreate, Id } from '@trellis/core';
import type { TrellisApp } from '../../app.js';
import { giveGrant, grantsForPerson, grantsForUnit, revokeGrant } from '../../services/organizations/grants.js';
import { contextOf } from '../context.js';

const tags = ['access'];
const params = z.strictObject({ id: Id });

export function grantRoutes(app: TrellisApp) {
  const { db } = app.trellis;

  app.get('/api/units/:id/grants', {
    config: { access: 'grant.read' },
    schema: { tags, summary: 'Roles that hold at a unit (given there or above)', params, response: { 200: z.array(Grant) } },
    handler: async (request) => grantsForUnit(contextOf(db, request), request.params.id),
  });

  app.get('/api/people/:id/grants', {
    config: { access: 'grant.read' },
    schema: { tags, summary: 'A person’s roles, at units you can see', params, response: { 200: z.array(Grant) } },
    handler: async (request) => grantsForPerson(contextOf(db, request), request.params.id),
  });

  app.post('/api/grants', {
    config: { access: 'grant.manage' },
    schema: { tags, summary: 'Give a person a role at a unit (it holds in the whole subtree)', body: GrantCreate, response: { 201: Grant } },
    handler: async (request, reply) => reply.code(201).send(await giveGrant(contextOf(db, request), request.body)),
  });

  app.delete('/api/grants/:id', {
    config: { access: 'grant.manage' },
    schema: { tags, summary: 'Take a role away', params },
    handler: async (request, reply) => {
      await revokeGrant(contextOf(db, request), request.params.id);
      return reply.code(204).send();
    },
  });
}
