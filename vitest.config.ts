import { defineConfig } from 'vitest/config';

// Two projects: pure unit tests, and tests against a real Kafka that the run starts once
// (test/helpers/global-setup.ts). `npx vitest run --project unit` needs no Java.
// The fault tests on a 3-broker cluster have their own configuration (vitest.faults.config.ts):
// Vitest sizes its pool of forks from the root of a configuration, not from a project, so a
// suite that must run one file at a time cannot share one with suites that run two.
export default defineConfig({
  test: {
    reporters: ['default', 'json'],
    outputFile: { json: '.test-results/results.json' },
    // Two test files at a time, whatever the machine's core count: the files share one broker,
    // and two keep it busy without starving it on a 2-core machine.
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
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
        },
      },
    ],
  },
});
