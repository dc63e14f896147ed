import { buildIndex, type BuildSummary } from '../index/index.js';
import type { Logger } from '../log/index.js';
import { progressBar } from './progress.js';
import type { Runtime } from './runtime.js';

/** Builds DOCS_DIR into INDEX_DIR as configured, drawing a progress bar on stderr. */
export async function buildWithProgress(runtime: Runtime, logger: Logger): Promise<BuildSummary> {
  const { config } = runtime;
  const progress = progressBar();
  return buildIndex({
    docsDir: config.DOCS_DIR,
    indexDir: config.INDEX_DIR,
    chunkSize: config.CHUNK_SIZE,
    tokenizer: 'both',
    embedder: await runtime.embedder(),
    logger,
    onProgress: (stage, done, total) => progress(stage, done, total),
  });
}
