// Configuration from environment variables; the README's configuration table lists each one.
import { resolve } from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** postgres://… to use PostgreSQL; unset to use the embedded PGlite in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  logLevel: string;
  /** Sessions expire after this many hours without use. */
  sessionIdleHours: number;
  /** Secure cookies: 'auto' sets Secure when the request came over https (see trustProxy). */
  cookieSecure: 'auto' | boolean;
  /** Trust X-Forwarded-* from a reverse proxy (needed for 'auto' Secure cookies behind one). */
  trustProxy: boolean;
  /** Folder of the built web app; served at / when it exists. */
  webDist: string;
  /** Warn of a steering body with more members than this; unset: the catalog's default. */
  steeringBodyMaxMembers: number | undefined;
}

const bool = (v: string | undefined) => v === '1' || v === 'true' || v === 'yes';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  const idle = Number(env.TRELLIS_SESSION_IDLE_HOURS ?? 12);
  if (!(idle > 0)) throw new Error(`TRELLIS_SESSION_IDLE_HOURS must be a positive number, not "${env.TRELLIS_SESSION_IDLE_HOURS}"`);
  const secure = env.TRELLIS_COOKIE_SECURE;
  const steering = env.TRELLIS_STEERING_BODY_MAX_MEMBERS ? Number(env.TRELLIS_STEERING_BODY_MAX_MEMBERS) : undefined;
  if (steering !== undefined && !(Number.isInteger(steering) && steering > 0)) {
    throw new Error(`TRELLIS_STEERING_BODY_MAX_MEMBERS must be a whole number above 0, not "${env.TRELLIS_STEERING_BODY_MAX_MEMBERS}"`);
  }
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.TRELLIS_DATA_DIR ?? '.trellis/data'),
    logLevel: env.TRELLIS_LOG_LEVEL ?? 'info',
    sessionIdleHours: idle,
    cookieSecure: secure === undefined || secure === 'auto' ? 'auto' : bool(secure),
    trustProxy: bool(env.TRELLIS_TRUST_PROXY),
    webDist: resolve(env.TRELLIS_WEB_DIST ?? new URL('../../web/dist', import.meta.url).pathname),
    steeringBodyMaxMembers: steering,
  };
}
