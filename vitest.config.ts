import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // probes the PostgreSQL server once: contract suites fall back to PGlite, server-only ones are skipped
    globalSetup: ['test/support/pg-global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // The embedding model and hnswlib are native and memory-hungry: two workers fit 2 cores.
    maxWorkers: 2,
  },
});
