// Document administration wired over the runtime: builds, re-indexes that swap the serving index, watch mode.
import { statSync } from 'node:fs';
import { ConfigError } from '../config/index.js';
import { createDocumentLibrary, createKnowledgeAdmin, watchDocs, type DocsWatcher, type KnowledgeAdmin } from '../admin/index.js';
import { acquireBuildLock, buildIndex, type BuildStage, type BuildSummary } from '../index/index.js';
import type { Logger } from '../log/index.js';
import { configuredOcr, uploadScanReader } from './ocr-settings.js';
import type { Runtime } from './runtime.js';

/** Builds DOCS_DIR into INDEX_DIR as configured, reporting each stage's progress. */
export async function buildConfigured(
  runtime: Runtime,
  logger: Logger,
  onProgress?: (stage: BuildStage, done: number, total: number) => void,
): Promise<BuildSummary> {
  const { config } = runtime;
  if (!statSync(config.DOCS_DIR, { throwIfNoEntry: false })?.isDirectory()) {
    throw new ConfigError([`DOCS_DIR: ${config.DOCS_DIR} is not a folder (create it and put your documents in it, see docs/documents.md)`]);
  }
  // taken before the model loads: a second build is refused at once, not after seconds of loading
  const lock = acquireBuildLock(config.INDEX_DIR);
  try {
    return await buildIndex({
      docsDir: config.DOCS_DIR,
      indexDir: config.INDEX_DIR,
      chunkSize: config.CHUNK_SIZE,
      tokenizer: 'both',
      embedder: await runtime.embedder(),
      logger,
      lockHeld: true,
      onProgress,
      ocr: configuredOcr(config),
    });
  } finally {
    lock.release();
  }
}

/** Builds a new index and answers from it from the next question on; until the swap the old one serves. */
async function rebuildServingIndex(
  runtime: Runtime,
  logger: Logger,
  onProgress: (stage: BuildStage, done: number, total: number) => void,
): Promise<BuildSummary> {
  const summary = await buildConfigured(runtime, logger, onProgress);
  await runtime.publishBuild();
  return summary;
}

/** Document administration over DOCS_DIR, rebuilding into INDEX_DIR and swapping the runtime's serving index. */
export function knowledgeAdminFor(runtime: Runtime, logger: Logger): KnowledgeAdmin {
  const { config } = runtime;
  return createKnowledgeAdmin({
    library: createDocumentLibrary(config.DOCS_DIR),
    rebuild: (onProgress) => rebuildServingIndex(runtime, logger, (stage, done, total) => onProgress({ stage, done, total })),
    maxUploadBytes: Math.round(config.UPLOAD_MAX_MB * 1024 * 1024),
    logger,
    readScan: uploadScanReader(config, logger),
  });
}

/** WATCH_DOCS: re-indexes when DOCS_DIR changes (debounced); undefined when watch mode is off. */
export function watchConfiguredDocs(runtime: Runtime, knowledge: KnowledgeAdmin, logger: Logger): DocsWatcher | undefined {
  const { config } = runtime;
  if (!config.WATCH_DOCS) return undefined;
  return watchDocs({
    directory: config.DOCS_DIR,
    debounceMs: config.WATCH_DEBOUNCE_MS,
    onChange: () => knowledge.reindexIfChanged(),
    logger,
  });
}
