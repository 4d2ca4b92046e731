import { defineConfig } from 'vitest/config';

/**
 * Three groups, each runnable alone (`npm run test:unit|test:integration|test:e2e`); `npm test` runs all.
 * Integration and end-to-end tests start real servers, databases and processes: parallelism stays at two
 * workers so a busy 2-core machine is not oversubscribed.
 */
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      { extends: true, test: { name: 'integration', include: ['test/integration/**/*.test.ts'], globalSetup: ['test/setup/build.ts'] } },
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], globalSetup: ['test/setup/build.ts'] } },
    ],
  },
});
