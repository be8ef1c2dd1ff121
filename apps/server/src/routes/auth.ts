// Sign-in, sign-out, the current session, and changing one's own password.
import { z } from 'zod';
import { forbidden, Login, NewPassword, SessionInfo } from '@trellis/core';
import type { TrellisApp } from '../app.js';
import { changeOwnPassword } from '../services/organizations/people.js';
import { resolveSession, sessionInfo, signIn, signOut } from '../services/auth.js';
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from '../plugins/session.js';
import { contextOf } from './context.js';

export function authRoutes(app: TrellisApp) {
  const { db, config } = app.trellis;

  app.post('/api/auth/login', {
    config: { access: 'public' },
    schema: { tags: ['auth'], summary: 'Sign in with email and password; sets the session cookie', body: Login, response: { 200: SessionInfo } },
    handler: async (request, reply) => {
      const { token, info } = await signIn(db, { ...request.body, ip: request.ip, idleHours: config.sessionIdleHours, requestId: request.id });
      setSessionCookie(reply, request, config, token);
      return info;
    },
  });

  app.post('/api/auth/logout', {
    // Public so that an expired session can still clear its cookie; a live session needs its CSRF token.
    config: { access: 'public' },
    schema: { tags: ['auth'], summary: 'Sign out: ends the session and clears the cookie' },
    handler: async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) {
        const session = await resolveSession(db, token, config.sessionIdleHours);
        if (session && request.headers['x-csrf-token'] !== session.csrfToken) {
          throw forbidden('Signing out needs the x-csrf-token header from your session.');
        }
        await signOut(db, token, session?.caller ?? null, request.id);
      }
      clearSessionCookie(reply);
      return reply.code(204).send();
    },
  });

  app.get('/api/auth/session', {
    config: { access: 'signed-in' },
    schema: { tags: ['auth'], summary: 'Who is signed in, their grants, and the CSRF token for writes', response: { 200: SessionInfo } },
    handler: async (request) => sessionInfo(db, request.caller!.personId, request.csrfToken!),
  });

  app.post('/api/auth/password', {
    config: { access: 'signed-in' },
    schema: {
      tags: ['auth'],
      summary: 'Change your own password',
      body: z.strictObject({ currentPassword: z.string().min(1, 'must not be empty').max(200), newPassword: NewPassword }),
    },
    handler: async (request, reply) => {
      await changeOwnPassword(contextOf(db, request), request.body.currentPassword, request.body.newPassword);
      return reply.code(204).send();
    },
  });
}
