import { systemClock } from '../clock/index.js';
import type { AskerOptions } from '../answer/index.js';
import type { Config } from '../config/index.js';
import { EmbeddingCache, type Embedder } from '../embed/index.js';
import {
  currentGeneration,
  generationRowsOf,
  IndexNotFoundError,
  layout,
  loadIndex,
  postgresSearch,
  writeGeneration,
  type Generation,
  type Manifest,
} from '../index/index.js';
import type { Logger } from '../log/index.js';
import type { Database } from '../postgres/index.js';
import { createSourceRetriever } from '../retrieve/index.js';

/** INDEX_STORE=postgres: answers come from the generation `kb_current` points at, shared by every instance. */
interface PostgresServing {
  /** What answers are built from; a newer generation (any instance's re-index) is picked up within `checkMs`. */
  options(): Promise<AskerOptions>;
  /** The serving generation's manifest, once one was read. */
  manifest(): Manifest | undefined;
  hasIndex(): Promise<boolean>;
  /** Writes the local build (INDEX_DIR) as a new generation and switches every instance to it. */
  publish(): Promise<Generation>;
}

export function createPostgresServing(deps: {
  config: Config;
  database: () => Promise<Database>;
  embedder: () => Promise<Embedder>;
  logger: Logger;
  checkMs?: number;
}): PostgresServing {
  const { config, logger } = deps;
  const checkMs = deps.checkMs ?? 2_000;
  let generation: Generation | undefined;
  let serving: Promise<AskerOptions> | undefined;
  let checkedAt = 0;

  const refresh = async (): Promise<Generation> => {
    const now = systemClock.now();
    if (generation && now - checkedAt < checkMs) return generation;
    checkedAt = now;
    const found = await currentGeneration(await deps.database());
    if (!found) throw new IndexNotFoundError(`PostgreSQL (${config.DATABASE_SCHEMA})`);
    if (found.id !== generation?.id) {
      if (generation) logger.info('index.generation_switched', { from: generation.id, to: found.id });
      generation = found;
      serving = undefined;
    }
    return found;
  };

  return {
    async options() {
      const current = await refresh();
      serving ??= (async () => {
        const database = await deps.database();
        const search = postgresSearch(database, current);
        const retriever = createSourceRetriever({ tokenizer: current.manifest.tokenizer, ...search }, await deps.embedder());
        return { index: { manifest: current.manifest }, retriever, maxQuestionChars: config.MAX_QUESTION_CHARS };
      })();
      return serving;
    },
    manifest: () => generation?.manifest,
    async hasIndex() {
      return (await currentGeneration(await deps.database())) !== undefined;
    },
    async publish() {
      const embedder = await deps.embedder();
      const index = loadIndex(config.INDEX_DIR);
      const cacheName = embedder.cacheKey ?? embedder.modelId;
      const rows = generationRowsOf(index, new EmbeddingCache(layout.cache(config.INDEX_DIR, cacheName), embedder.dimensions), cacheName);
      const id = await writeGeneration(await deps.database(), index.manifest, rows);
      checkedAt = 0;
      const published = await refresh();
      logger.info('index.generation_published', { generation: id, chunks: rows.length });
      return published;
    },
  };
}
