import { defineConfig } from 'vitest/config';
import { faultClusterCount } from './test/helpers/fault-count.js';

const clusters = faultClusterCount(process.env);

// Faults on real 3-broker clusters (test/helpers/global-setup-3.ts): tests in order, since they
// stop and restart brokers, and as many files at once as there are clusters, each file on a
// cluster of its own (test/helpers/fault-cluster.ts). `npm run test:faults`.
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
    poolOptions: { forks: { maxForks: clusters, minForks: 1 } },
    fileParallelism: clusters > 1,
  },
});
