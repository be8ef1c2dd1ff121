// Routes of systemic-change mechanisms, their functions and members. Schema in, one service call, result out.
import { z } from 'zod';
import {
  ActionItemCreate,
  FunctionCapacityChange,
  Id,
  Infrastructure,
  MeetingCreate,
  MeetingSchema,
  MeetingUpdate,
  MechanismLinkChange,
  TaskSchema,
  TaskUpdate,
  Mechanism,
  MECHANISM_CATALOG,
  MechanismCreate,
  MechanismDetail,
  MechanismFunctionCreate,
  MechanismFunctionEntry,
  MechanismFunctionUpdate,
  MechanismStatusChange,
  MechanismUpdate,
  Membership,
  MembershipCreate,
  MembershipUpdate,
  PersonMechanism,
} from '@trellis/core';
import type { TrellisApp } from '../../app.js';
import { changeMechanismStatus, establishMechanism, getMechanism, getUnitMechanisms, updateMechanismDetails } from '../../services/mechanisms/mechanisms.js';
import { addMechanismFunction, addMember, changeMechanismFunction, changeMember, getPersonMechanisms, removeMember } from '../../services/mechanisms/parts.js';
import { getInfrastructure, getLinkCandidates, linkMechanism } from '../../services/mechanisms/links.js';
import { addActionItem, changeFunctionCapacity, changeMeeting, changeTask, getMechanismTasks, getMeetings, recordMeeting, removeMeeting } from '../../services/mechanisms/meetings.js';
import { contextOf } from '../context.js';

const tags = ['mechanisms'];
const params = z.strictObject({ id: Id });
const functionParams = z.strictObject({ id: Id, functionId: Id });
const memberParams = z.strictObject({ id: Id, memberId: Id });
const meetingParams = z.strictObject({ id: Id, meetingId: Id });

const Catalog = z.object({
  id: z.literal('mechanisms'), version: z.string(), publishedOn: z.string(), kinds: z.array(z.looseObject({ key: z.string(), name: z.string(), functions: z.array(z.looseObject({ key: z.string(), text: z.string() })) })),
});

export function mechanismRoutes(app: TrellisApp) {
  const { db, config } = app.trellis;
  const settings = { steeringBodyMaxMembers: config.steeringBodyMaxMembers };

  app.get('/api/catalogs/mechanisms', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'The mechanism catalog: kinds, functions, composition and guidance, each with its source', response: { 200: Catalog } },
    handler: async () => ({ ...MECHANISM_CATALOG, kinds: MECHANISM_CATALOG.kinds.map((k) => ({ ...k, functions: k.functions.map((f) => ({ ...f })) })) }),
  });

  app.get('/api/units/:id/mechanisms', {
    config: { access: 'mechanism.read' },
    schema: { tags, summary: 'The mechanisms established at a unit', params, response: { 200: z.array(Mechanism) } },
    handler: async (request) => getUnitMechanisms(contextOf(db, request), request.params.id),
  });

  app.get('/api/people/:id/mechanisms', {
    config: { access: 'person.read' },
    schema: { tags, summary: 'Every mechanism a person sits on (or sat on), among those you may read', params, response: { 200: z.array(PersonMechanism) } },
    handler: async (request) => getPersonMechanisms(contextOf(db, request), request.params.id),
  });

  app.post('/api/mechanisms', {
    config: { access: 'mechanism.manage' },
    schema: { tags, summary: 'Establish a mechanism at a unit from a catalog kind; its functions start as the catalog’s', body: MechanismCreate, response: { 201: MechanismDetail } },
    handler: async (request, reply) => reply.code(201).send(await establishMechanism(contextOf(db, request), request.body, settings)),
  });

  app.get('/api/mechanisms/:id', {
    config: { access: 'mechanism.read' },
    schema: { tags, summary: 'A mechanism with its functions (and departures from the catalog), members and composition warnings', params, response: { 200: MechanismDetail } },
    handler: async (request) => getMechanism(contextOf(db, request), request.params.id, settings),
  });

  app.patch('/api/mechanisms/:id', {
    config: { access: 'mechanism.manage' },
    schema: { tags, summary: 'Rename a mechanism or change its charter (send the version you loaded)', params, body: MechanismUpdate, response: { 200: MechanismDetail } },
    handler: async (request) => updateMechanismDetails(contextOf(db, request), request.params.id, request.body, settings),
  });

  app.post('/api/mechanisms/:id/status', {
    config: { access: 'mechanism.manage' },
    schema: { tags, summary: 'Move a mechanism through its life cycle: forming → active → sunsetting → retired', params, body: MechanismStatusChange, response: { 200: MechanismDetail } },
    handler: async (request) => changeMechanismStatus(contextOf(db, request), request.params.id, request.body, settings),
  });

  app.post('/api/mechanisms/:id/functions', {
    config: { access: 'mechanism.manage' },
    schema: { tags, summary: 'Add a function of the unit’s own to a mechanism', params, body: MechanismFunctionCreate, response: { 201: MechanismFunctionEntry } },
    handler: async (request, reply) => reply.code(201).send(await addMechanismFunction(contextOf(db, request), request.params.id, request.body)),
  });

  app.patch('/api/mechanisms/:id/functions/:functionId', {
    config: { access: 'mechanism.manage' },
    schema: { tags, summary: 'Reword a function, drop it with a reason, or restore it (send the version you loaded)', params: functionParams, body: MechanismFunctionUpdate, response: { 200: MechanismFunctionEntry } },
    handler: async (request) => changeMechanismFunction(contextOf(db, request), request.params.id, request.params.functionId, request.body),
  });

  app.post('/api/mechanisms/:id/members', {
    config: { access: 'mechanism.manage' },
    schema: { tags, summary: 'Add a person to a mechanism with a role', params, body: MembershipCreate, response: { 201: Membership } },
    handler: async (request, reply) => reply.code(201).send(await addMember(contextOf(db, request), request.params.id, request.body)),
  });

  app.patch('/api/mechanisms/:id/members/:memberId', {
    config: { access: 'mechanism.manage' },
    schema: { tags, summary: 'Change a membership: role, dates (an end date ends it), designated and trained', params: memberParams, body: MembershipUpdate, response: { 200: Membership } },
    handler: async (request) => changeMember(contextOf(db, request), request.params.id, request.params.memberId, request.body),
  });

  app.delete('/api/mechanisms/:id/members/:memberId', {
    config: { access: 'mechanism.manage' },
    schema: { tags, summary: 'Remove a membership entered by mistake (to record a departure, set its end date)', params: memberParams },
    handler: async (request, reply) => {
      await removeMember(contextOf(db, request), request.params.id, request.params.memberId);
      return reply.code(204).send();
    },
  });

  app.put('/api/mechanisms/:id/functions/:functionId/capacity', {
    config: { access: 'mechanism.record' },
    schema: { tags, summary: 'Record whether a function is understood and in place, with evidence (send the version you loaded)', params: functionParams, body: FunctionCapacityChange, response: { 200: MechanismFunctionEntry } },
    handler: async (request) => changeFunctionCapacity(contextOf(db, request), request.params.id, request.params.functionId, request.body),
  });

  app.put('/api/mechanisms/:id/upper', {
    config: { access: 'mechanism.manage' },
    schema: { tags, summary: 'Link a mechanism up to the comparable mechanism at a unit above, or unlink it with null', params, body: MechanismLinkChange, response: { 200: MechanismDetail } },
    handler: async (request) => linkMechanism(contextOf(db, request), request.params.id, request.body, settings),
  });

  app.get('/api/mechanisms/:id/link-candidates', {
    config: { access: 'mechanism.manage' },
    schema: { tags, summary: 'Mechanisms above this one it could link up to, and those below not yet linked that could link to it', params, response: { 200: z.object({ up: z.array(Mechanism), down: z.array(Mechanism) }) } },
    handler: async (request) => getLinkCandidates(contextOf(db, request), request.params.id),
  });

  app.get('/api/units/:id/infrastructure', {
    config: { access: 'mechanism.read' },
    schema: { tags, summary: 'A unit’s mechanisms by their part (lead, steer, plan, implement, support) with their links up and down, and a text description', params, response: { 200: Infrastructure } },
    handler: async (request) => getInfrastructure(contextOf(db, request), request.params.id),
  });

  app.get('/api/mechanisms/:id/meetings', {
    config: { access: 'mechanism.read' },
    schema: { tags, summary: 'A mechanism’s meetings, latest first, with their action items', params, response: { 200: z.array(MeetingSchema) } },
    handler: async (request) => getMeetings(contextOf(db, request), request.params.id),
  });

  app.post('/api/mechanisms/:id/meetings', {
    config: { access: 'mechanism.record' },
    schema: { tags, summary: 'Record a meeting: date, kind, attendees, agenda, minutes, decisions', params, body: MeetingCreate, response: { 201: MeetingSchema } },
    handler: async (request, reply) => reply.code(201).send(await recordMeeting(contextOf(db, request), request.params.id, request.body)),
  });

  app.patch('/api/mechanisms/:id/meetings/:meetingId', {
    config: { access: 'mechanism.record' },
    schema: { tags, summary: 'Change a meeting’s record (send the version you loaded)', params: meetingParams, body: MeetingUpdate, response: { 200: MeetingSchema } },
    handler: async (request) => changeMeeting(contextOf(db, request), request.params.id, request.params.meetingId, request.body),
  });

  app.delete('/api/mechanisms/:id/meetings/:meetingId', {
    config: { access: 'mechanism.record' },
    schema: { tags, summary: 'Remove a meeting recorded by mistake (its action items stay)', params: meetingParams },
    handler: async (request, reply) => {
      await removeMeeting(contextOf(db, request), request.params.id, request.params.meetingId);
      return reply.code(204).send();
    },
  });

  app.post('/api/mechanisms/:id/meetings/:meetingId/action-items', {
    config: { access: 'mechanism.record' },
    schema: { tags, summary: 'Add an action item to a meeting: it becomes a task with an owner and a due date', params: meetingParams, body: ActionItemCreate, response: { 201: TaskSchema } },
    handler: async (request, reply) => reply.code(201).send(await addActionItem(contextOf(db, request), request.params.id, request.params.meetingId, request.body)),
  });

  app.get('/api/mechanisms/:id/tasks', {
    config: { access: 'mechanism.read' },
    schema: { tags, summary: 'The tasks raised at a mechanism’s meetings, open ones first by due date', params, response: { 200: z.array(TaskSchema) } },
    handler: async (request) => getMechanismTasks(contextOf(db, request), request.params.id),
  });

  app.patch('/api/tasks/:id', {
    config: { access: 'task.update' },
    schema: { tags: ['tasks'], summary: 'Move a task along (status; a blocked one needs a reason) or change its title, owner, due date or notes', params, body: TaskUpdate, response: { 200: TaskSchema } },
    handler: async (request) => changeTask(contextOf(db, request), request.params.id, request.body),
  });
}
