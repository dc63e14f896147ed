import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // probes the PostgreSQL server once (contract suites fall back to PGlite, server-only ones are skipped),
    // and embeds the seeds once for the tests that only need an index of them
    globalSetup: ['test/support/pg-global-setup.ts', 'test/support/seed-embeddings-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // The embedding model and hnswlib are native and memory-hungry: two workers fit 2 cores.
    maxWorkers: 2,
    // one module cache per worker across test files: the heavy imports (transformers, the Lark SDK, pg) load once, not 112 times
    isolate: false,
  },
});
