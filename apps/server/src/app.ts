// Builds the Fastify application: plugins, the routes of every module, the web app.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RawReplyDefaultExpression, type RawRequestDefaultExpression, type RawServerDefault } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '@trellis/db';
import type { Config } from './config.js';
import { registerProblems, sendProblem } from './plugins/problems.js';
import { registerSession } from './plugins/session.js';
import { auditRoutes } from './routes/audit.js';
import { backupRoutes } from './routes/backup/backup.js';
import { exportRoutes } from './routes/exports/exports.js';
import { authRoutes } from './routes/auth.js';
import { healthRoutes } from './routes/health.js';
import { importRoutes } from './routes/imports/ccd.js';
import { mechanismRoutes } from './routes/mechanisms/mechanisms.js';
import { grantRoutes } from './routes/organizations/grants.js';
import { peopleRoutes } from './routes/organizations/people.js';
import { unitRoutes } from './routes/organizations/units.js';
import { resourceRoutes } from './routes/resources/resources.js';
import { rolloutRoutes } from './routes/rollout/rollout.js';
import { coachingRoutes } from './routes/coaching/coaching.js';
import { planRoutes } from './routes/plans/plans.js';
import { progressRoutes } from './routes/progress/progress.js';
import { RolloutComputer } from './services/rollout/compute.js';

export type TrellisApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

declare module 'fastify' {
  interface FastifyInstance {
    trellis: { db: Db; config: Config; rollout: RolloutComputer };
  }
}

export interface BuildOptions {
  db: Db;
  config: Config;
  logger?: boolean | { level: string };
}

/** The largest JSON body the API accepts (a form, not a file upload: imports have their own routes). */
export const BODY_LIMIT = 256 * 1024;

/** Every route under /api must say who may call it; the access-control matrix test reads this list. */
export interface RouteEntry {
  method: string;
  url: string;
  access: string;
}

export async function buildApp({ db, config, logger = false }: BuildOptions): Promise<TrellisApp> {
  const app = Fastify({
    logger: logger === true ? { level: config.logLevel } : logger,
    bodyLimit: BODY_LIMIT,
    trustProxy: config.trustProxy,
    genReqId: () => crypto.randomUUID(),
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();
  const rollout = new RolloutComputer(db, (message, err) => app.log.error({ err }, message));
  app.decorate('trellis', { db, config, rollout });
  app.addHook('onClose', () => rollout.close());
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const routes: RouteEntry[] = [];
  app.decorate('routeTable', routes);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api') || route.url.startsWith('/api/docs')) return;
    const access = (route.config as { access?: string } | undefined)?.access;
    if (!access) throw new Error(`Route ${route.method} ${route.url} does not declare config.access`);
    // The OpenAPI document shows public routes without the session lock.
    if (access === 'public' && route.schema) route.schema = { ...route.schema, security: [] };
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method, url: route.url, access });
  });

  registerProblems(app);
  // The API speaks JSON only: any other body type gets 415 instead of being parsed as a string.
  app.removeContentTypeParser(['text/plain']);
  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine and the API docs set styles inline.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: false, // set by the reverse proxy that terminates TLS
  });
  registerSession(app, db, config);

  await app.register(swagger, {
    openapi: {
      info: { title: 'Trellis API', version: '0.1.0', description: 'Infrastructure for systemic change toward a unified and comprehensive system of learning supports.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'trellis_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  healthRoutes(app);
  authRoutes(app);
  unitRoutes(app);
  peopleRoutes(app);
  grantRoutes(app);
  auditRoutes(app);
  mechanismRoutes(app);
  rolloutRoutes(app);
  resourceRoutes(app);
  importRoutes(app);
  coachingRoutes(app);
  backupRoutes(app);
  exportRoutes(app);
  planRoutes(app);
  progressRoutes(app);
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());

  await serveWebApp(app, config.webDist);
  return app;
}

/** Serves the built web app; any other non-API GET returns index.html so client-side routes load. */
async function serveWebApp(app: TrellisApp, dist: string) {
  const hasWeb = existsSync(join(dist, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: dist, wildcard: false, index: false });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    // Client-side routes get index.html; a missing file (e.g. an asset from an older build) gets 404.
    const isFile = /\.[a-z0-9]+$/i.test(path) || path.startsWith('/assets/');
    if (request.method === 'GET' && !path.startsWith('/api') && hasWeb && !isFile) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    if (request.method === 'GET' && !path.startsWith('/api') && !isFile) {
      return reply.type('text/plain').send('The Trellis web app is not built. Run `npm run build:web` (npm start does this for you).');
    }
    return sendProblem(reply, request, 404, `There is no ${request.method} ${path} here.`);
  });
}

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: RouteEntry[];
  }
}
