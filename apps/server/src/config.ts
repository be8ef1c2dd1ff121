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
  /** Run the job runner (daily coaching digest, mail delivery) in this process; TRELLIS_JOBS=off to not. */
  jobs: boolean;
  /** Queue each day's coaching digests from this UTC hour on. */
  digestHourUtc: number;
  /** Outgoing mail; null: messages stay in the outbox table for an administrator to read. */
  smtp: SmtpConfig | null;
  /** The address people open Trellis at, for links in mail (optional). */
  appUrl: string | undefined;
}

export interface SmtpConfig {
  host: string;
  port: number;
  user: string | undefined;
  pass: string | undefined;
  from: string;
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
  const smtpPort = Number(env.SMTP_PORT ?? 587);
  if (env.SMTP_HOST && !(Number.isInteger(smtpPort) && smtpPort > 0 && smtpPort <= 65535)) throw new Error(`SMTP_PORT must be a port number, not "${env.SMTP_PORT}"`);
  if (env.SMTP_HOST && !env.SMTP_FROM) throw new Error('SMTP_FROM must be set when SMTP_HOST is: the address Trellis sends mail from');
  const digestHour = Number(env.TRELLIS_DIGEST_HOUR_UTC ?? 12);
  if (!(Number.isInteger(digestHour) && digestHour >= 0 && digestHour <= 23)) throw new Error(`TRELLIS_DIGEST_HOUR_UTC must be a whole hour 0–23, not "${env.TRELLIS_DIGEST_HOUR_UTC}"`);
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
    jobs: env.TRELLIS_JOBS === undefined ? true : bool(env.TRELLIS_JOBS) || env.TRELLIS_JOBS === 'on',
    digestHourUtc: digestHour,
    smtp: env.SMTP_HOST ? { host: env.SMTP_HOST, port: smtpPort, user: env.SMTP_USER || undefined, pass: env.SMTP_PASS || undefined, from: env.SMTP_FROM! } : null,
    appUrl: env.TRELLIS_APP_URL || undefined,
  };
}
