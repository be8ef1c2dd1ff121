// Unit tests (core) and API tests (server). The web app's Vite config is separate (apps/web).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      // Run as separate groups (core first): the projects have different worker limits.
      { test: { name: 'core', include: ['packages/core/test/**/*.test.ts'], environment: 'node', sequence: { groupOrder: 0 } } },
      {
        test: {
          name: 'server',
          include: ['apps/server/test/**/*.test.ts', 'packages/db/test/**/*.test.ts'],
          environment: 'node',
          // One PostgreSQL cluster (and one migrated PGlite dump) per run; each file copies a template.
          globalSetup: ['apps/server/test/support/global-setup.ts'],
          // One PGlite per test file (~250 MB each): two files at a time on a 2-core machine.
          pool: 'forks',
          maxWorkers: 2,
          testTimeout: 60_000,
          hookTimeout: 120_000,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
