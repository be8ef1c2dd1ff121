// Builds the service context from a request that has passed the session hook.
import type { FastifyRequest } from 'fastify';
import { unauthenticated } from '@trellis/core';
import type { Db } from '@trellis/db';
import type { ServiceContext } from '../context.js';

export function contextOf(db: Db, request: FastifyRequest): ServiceContext {
  if (!request.caller) throw unauthenticated();
  return { db, caller: request.caller, requestId: request.id, ip: request.ip };
}
