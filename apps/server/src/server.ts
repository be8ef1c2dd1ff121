// Opening the database and running the server: shared by the CLI, tests and benchmarks.
import { connect, deleteExpiredSessions, migrate, pruneLoginAttempts, type Db } from '@trellis/db';
import { buildApp, type TrellisApp } from './app.js';
import { resumeComputations } from './services/rollout/scenarios.js';
import { JobRunner, smtpMailer } from './services/coaching/jobs.js';
import type { Config } from './config.js';

export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<Db> {
  return connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
}

export interface RunningServer {
  app: TrellisApp;
  db: Db;
  url: string;
  close(): Promise<void>;
}

/** Migrates, builds the app and listens. Closes the app, then the database, on close(). */
export async function startServer(config: Config, opts: { db?: Db; logger?: boolean } = {}): Promise<RunningServer> {
  const db = opts.db ?? (await openDatabase(config));
  await migrate(db);
  const app = await buildApp({ db, config, logger: opts.logger ?? true });
  await app.listen({ port: config.port, host: config.host });
  const housekeeping = startHousekeeping(db, app.log);
  // Scenarios a stopped server left computing are computed again.
  void resumeComputations(db, app.trellis.rollout).catch((err) => app.log.warn({ err }, 'could not resume roll-out computations'));
  // The daily coaching digest and mail delivery (safe with several processes: docs/decisions/0016).
  const jobs = config.jobs ? new JobRunner(db, { mailer: smtpMailer(config.smtp), digestHourUtc: config.digestHourUtc, appUrl: config.appUrl, log: app.log }) : null;
  jobs?.start();
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shownHost = config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host;
  return {
    app,
    db,
    url: `http://${shownHost}:${port}`,
    async close() {
      clearInterval(housekeeping);
      await jobs?.stop();
      await app.close();
      await db.close();
    },
  };
}

/**
 * Hourly: delete expired sessions and sign-in attempts older than a day. Idempotent deletes, so
 * several server processes may run it at once without harm.
 */
function startHousekeeping(db: Db, log: { warn(obj: unknown, msg: string): void }): NodeJS.Timeout {
  const run = async () => {
    try {
      await deleteExpiredSessions(db);
      await pruneLoginAttempts(db, new Date(Date.now() - 24 * 3_600_000));
    } catch (err) {
      log.warn({ err }, 'housekeeping failed; will retry in an hour');
    }
  };
  void run();
  const timer = setInterval(run, 3_600_000);
  timer.unref();
  return timer;
}
