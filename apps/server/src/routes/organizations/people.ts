// Routes of people and their accounts.
import { z } from 'zod';
import { Id, PasswordSet, Person, PersonCreate, PersonListQuery, PersonUpdate } from '@trellis/core';
import type { TrellisApp } from '../../app.js';
import { createPerson, findPeople, getPerson, setPassword, updatePersonDetails } from '../../services/organizations/people.js';
import { contextOf } from '../context.js';

const tags = ['people'];
const params = z.strictObject({ id: Id });

export function peopleRoutes(app: TrellisApp) {
  const { db } = app.trellis;

  app.get('/api/people', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'People within your reach, by name, email or title, optionally under one unit', querystring: PersonListQuery, response: { 200: z.object({ people: z.array(Person), total: z.number() }) } },
    handler: async (request) => findPeople(contextOf(db, request), request.query),
  });

  app.get('/api/people/:id', {
    config: { access: 'person.read' },
    schema: { tags, summary: 'A person', params, response: { 200: Person } },
    handler: async (request) => getPerson(contextOf(db, request), request.params.id),
  });

  app.post('/api/people', {
    config: { access: 'person.create' },
    schema: { tags, summary: 'Add a person (with a password, they can sign in)', body: PersonCreate, response: { 201: Person } },
    handler: async (request, reply) => reply.code(201).send(await createPerson(contextOf(db, request), request.body)),
  });

  app.patch('/api/people/:id', {
    config: { access: 'person.update' },
    schema: { tags, summary: 'Change a person’s details (send the version you loaded)', params, body: PersonUpdate, response: { 200: Person } },
    handler: async (request) => updatePersonDetails(contextOf(db, request), request.params.id, request.body),
  });

  app.post('/api/people/:id/password', {
    config: { access: 'account.manage' },
    schema: { tags, summary: 'Set or reset a person’s password; their sessions end', params, body: PasswordSet },
    handler: async (request, reply) => {
      await setPassword(contextOf(db, request), request.params.id, request.body.password);
      return reply.code(204).send();
    },
  });
}
