import { createAsker, extractiveService, type AnswerService, type Ask } from '../answer/index.js';
import type { Config } from '../config/index.js';
import { createTransformersEmbedder, type Embedder } from '../embed/index.js';
import { loadIndex, type KnowledgeIndex } from '../index/index.js';
import { createRetriever } from '../retrieve/index.js';

/** Everything a command needs, built once per process (the model loads once). */
export interface Runtime {
  config: Config;
  embedder(): Promise<Embedder>;
  index(): KnowledgeIndex;
  asker(): Promise<Ask>;
  /** What channels talk to: ask and stream answers. */
  answerService(): Promise<AnswerService>;
}

/** Lazily wires config → embedder → index → retriever → asker. */
export function createRuntime(config: Config): Runtime {
  let embedder: Promise<Embedder> | undefined;
  let index: KnowledgeIndex | undefined;
  let asker: Promise<Ask> | undefined;
  const runtime: Runtime = {
    config,
    embedder() {
      embedder ??= createTransformersEmbedder({
        modelId: config.EMBEDDING_MODEL_ID,
        ...(config.EMBEDDING_MODEL_DIR ? { modelDir: config.EMBEDDING_MODEL_DIR } : {}),
        allowRemote: config.EMBEDDING_ALLOW_REMOTE,
        ...(config.HF_ENDPOINT ? { hubEndpoint: config.HF_ENDPOINT } : {}),
        batchTokens: config.EMBEDDING_BATCH_TOKENS,
      });
      return embedder;
    },
    index() {
      index ??= loadIndex(config.INDEX_DIR);
      return index;
    },
    asker() {
      asker ??= (async () => {
        const loaded = runtime.index();
        const model = await runtime.embedder();
        return createAsker({
          index: loaded,
          retriever: createRetriever(loaded, model),
          maxQuestionChars: config.MAX_QUESTION_CHARS,
        });
      })();
      return asker;
    },
    async answerService() {
      return extractiveService(await runtime.asker());
    },
  };
  return runtime;
}
