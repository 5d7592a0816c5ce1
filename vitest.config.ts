import { defineConfig } from 'vitest/config';

// Two projects: pure unit tests, and tests against a real Kafka that the run starts once
// (test/helpers/global-setup.ts). `npx vitest run --project unit` needs no Java.
export default defineConfig({
  test: {
    reporters: ['default', 'json'],
    outputFile: { json: '.test-results/results.json' },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'kafka',
          include: ['test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          globalSetup: ['test/helpers/global-setup.ts'],
          testTimeout: 90_000,
          hookTimeout: 180_000,
          pool: 'forks',
          poolOptions: { forks: { maxForks: 2, minForks: 1 } },
        },
      },
      {
        // Faults on a real 3-broker cluster: one file at a time, tests in order (they stop and
        // restart brokers).
        test: {
          name: 'faults',
          include: ['test/faults/**/*.test.ts'],
          globalSetup: ['test/helpers/global-setup-3.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          pool: 'forks',
          poolOptions: { forks: { maxForks: 1, minForks: 1 } },
          fileParallelism: false,
        },
      },
    ],
  },
});
