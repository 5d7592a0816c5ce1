import { defineConfig } from 'vitest/config';

// Faults on a real 3-broker cluster (test/helpers/global-setup-3.ts): one file at a time, tests
// in order, since they stop and restart brokers. `npm run test:faults`.
export default defineConfig({
  test: {
    name: 'faults',
    include: ['test/faults/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup-3.ts'],
    reporters: ['default', 'json'],
    outputFile: { json: '.test-results/faults.json' },
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
