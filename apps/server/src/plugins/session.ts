// Attaches the signed-in caller to each request from the session cookie, refuses routes that need
// a session without one (401), and checks the CSRF token on cookie-authenticated writes (403).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { forbidden, unauthenticated, type Caller } from '@trellis/core';
import type { Db } from '@trellis/db';
import type { Config } from '../config.js';
import { resolveSession } from '../services/auth.js';
import type { RouteAccess } from '../routes/access.js';

export const SESSION_COOKIE = 'trellis_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller | null;
    csrfToken: string | null;
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

export function registerSession(app: FastifyInstance, db: Db, config: Config) {
  app.decorateRequest('caller', null);
  app.decorateRequest('csrfToken', null);
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access;
    if (access === undefined || access === 'public') return;
    const token = request.cookies[SESSION_COOKIE];
    const session = token ? await resolveSession(db, token, config.sessionIdleHours) : null;
    if (!session) throw unauthenticated(token ? 'Your session has ended. Sign in again.' : 'Sign in to continue.');
    if (!SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== session.csrfToken) {
      throw forbidden(`This change needs the ${CSRF_HEADER} header from your session (reload the page and try again).`);
    }
    request.caller = session.caller;
    request.csrfToken = session.csrfToken;
  });
}

export function setSessionCookie(reply: FastifyReply, request: FastifyRequest, config: Config, token: string) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.cookieSecure === 'auto' ? request.protocol === 'https' : config.cookieSecure,
    maxAge: config.sessionIdleHours * 3600,
  });
}

export function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
