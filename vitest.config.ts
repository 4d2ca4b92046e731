import { defineConfig } from 'vitest/config';

/**
 * Three groups, each runnable alone (`npm run test:unit|test:integration|test:e2e`); `npm test` runs all.
 * Integration and end-to-end tests start real servers, databases and processes: parallelism stays at two
 * workers so a busy 2-core machine is not oversubscribed.
 * Unit tests are pure, so their files share a worker's modules (isolate: false) instead of importing the app
 * afresh per file: that halves the unit project's time. The others keep a fresh module graph per file (some
 * set module-level settings for one file's sake).
 */
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    maxWorkers: 2,
    // Worker threads rather than child processes: a file's fresh worker starts faster (about 20% off the run).
    pool: 'threads',
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], isolate: false } },
      { extends: true, test: { name: 'integration', include: ['test/integration/**/*.test.ts'], globalSetup: ['test/setup/global.ts'] } },
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], globalSetup: ['test/setup/global.ts'] } },
    ],
  },
});
