// Vitest global setup: embeds the seeds once per run. Most tests build an index of the seeds only to
// have one; copying these embeddings into their index's cache first (test/support/seed-embeddings.ts)
// spares each of them the model's ~5 s of CPU. Tests about embedding and its cache build from nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../src/config/index.js';
import { createRuntime } from '../../src/app/index.js';
import { buildIndex } from '../../src/index/index.js';
import { silentLogger } from '../../src/log/index.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** An index folder whose `cache/` holds the embeddings of every seed chunk ('' with SEED_EMBEDDINGS=off). */
    seedEmbeddingsIndex: string;
  }
}

const SEEDS_DIR = join(import.meta.dirname, '..', '..', 'seeds');

export default async function setup(project: TestProject): Promise<() => void> {
  // a run of suites that build no index of the seeds (test/app/pglite-fallback.test.ts's inner runs) skips the work
  if (process.env.SEED_EMBEDDINGS === 'off') {
    project.provide('seedEmbeddingsIndex', '');
    return () => undefined;
  }
  const root = mkdtempSync(join(tmpdir(), 'policy-bot-seed-embeddings-'));
  const config = loadConfig({ DOCS_DIR: SEEDS_DIR, INDEX_DIR: join(root, 'index') });
  // the embedder the tests' runtimes use, so the cache file carries the name their builds look for
  await buildIndex({
    docsDir: SEEDS_DIR,
    indexDir: config.INDEX_DIR,
    chunkSize: config.CHUNK_SIZE,
    tokenizer: 'both',
    embedder: await createRuntime(config).embedder(),
    logger: silentLogger,
  });
  project.provide('seedEmbeddingsIndex', config.INDEX_DIR);
  return () => rmSync(root, { recursive: true, force: true });
}
