// One app on one fresh database per describe block: opened before its tests, closed after.
import { afterAll, beforeAll } from 'vitest';
import type { Db } from '@trellis/db';
import { buildApp, type TrellisApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { DatabaseTarget } from './databases.js';

export interface Api {
  db: Db;
  app: TrellisApp;
}

export const testConfig = () => loadConfig({ TRELLIS_WEB_DIST: '/nonexistent/trellis-web-dist' });

/** Registers hooks that open a database of the target and build the app on it; read the fields inside tests. */
export function useApi(target: DatabaseTarget, setup?: (api: Api) => Promise<void>): Api {
  const api = {} as Api;
  beforeAll(async () => {
    api.db = await target.open();
    api.app = await buildApp({ db: api.db, config: testConfig() });
    await setup?.(api);
  });
  afterAll(async () => {
    await api.app?.close();
    await api.db?.close();
  });
  return api;
}
