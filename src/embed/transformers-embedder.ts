import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { env, pipeline, type FeatureExtractionPipeline } from '@huggingface/transformers';
import { estimateTokens, planBatches, truncateToTokens } from './batching.js';
import { EmbeddingModelMissingError, type EmbedKind, type Embedder } from './embedder.js';
import { startEmbeddingWorkers, type EmbeddingWorkerPool } from './worker-pool.js';

/** bge-zh's retrieval instruction, prepended to queries only (passages are embedded as they are). */
const BGE_QUERY_INSTRUCTION = '为这个句子生成表示以用于检索相关文章：';

interface TransformersEmbedderConfig {
  modelId: string;
  /** Folder holding `<modelId>/` in Transformers.js layout (default: ./models). */
  modelsRoot?: string;
  /** A folder that is itself the model (EMBEDDING_MODEL_DIR). */
  modelDir?: string | undefined;
  allowRemote?: boolean;
  hubEndpoint?: string | undefined;
  batchTokens?: number;
  queryInstruction?: string;
  /** 'naive' embeds fixed unsorted batches of 16 (the baseline the benchmark compares against). */
  batching?: 'budget' | 'naive';
  /** Passages are embedded by their first this-many tokens (the model's limit is 512). */
  maxPassageTokens?: number;
  /**
   * Worker threads embedding passages side by side, one single-threaded session each (default 1:
   * in-process). On 2 cores, 2 workers beat one session with ONNX Runtime's 2 threads (measured).
   */
  workers?: number;
  /**
   * `auto` (default) loads `onnx/model_cls_quantized.onnx` when fetch-model derived it (the last
   * layer computes the [CLS] row only), else `onnx/model_quantized.onnx`; `full` always the latter.
   */
  modelVariant?: 'auto' | 'full';
}

const NAIVE_BATCH = 16;
const CLS_MODEL_FILE = 'onnx/model_cls_quantized.onnx';

/** Worker threads when they start; in-process embedding (with a warning on stderr) when they cannot. */
async function startWorkersOrNot(
  size: number,
  options: { localModelPath: string; id: string; modelFileName: string },
): Promise<EmbeddingWorkerPool | undefined> {
  try {
    return await startEmbeddingWorkers(size, options);
  } catch (error) {
    process.stderr.write(
      `warning: embedding workers could not start (${error instanceof Error ? error.message : String(error)}); embedding in-process\n`,
    );
    return undefined;
  }
}

function naiveBatches(count: number): number[][] {
  const batches: number[][] = [];
  for (let start = 0; start < count; start += NAIVE_BATCH) {
    batches.push(Array.from({ length: Math.min(NAIVE_BATCH, count - start) }, (_, offset) => start + offset));
  }
  return batches;
}

function modelLocation(config: TransformersEmbedderConfig): { root: string; id: string } {
  if (config.modelDir) {
    const dir = resolve(config.modelDir);
    return { root: resolve(dir, '..'), id: dir.split(/[\\/]/).pop() ?? config.modelId };
  }
  return { root: resolve(config.modelsRoot ?? 'models'), id: config.modelId };
}

/** Loads the local ONNX model once and embeds in length-sorted, token-budgeted batches. */
export async function createTransformersEmbedder(config: TransformersEmbedderConfig): Promise<Embedder> {
  const { root, id } = modelLocation(config);
  const localPath = join(root, id);
  const allowRemote = config.allowRemote ?? false;
  if (!allowRemote && !existsSync(join(localPath, 'tokenizer.json'))) throw new EmbeddingModelMissingError(localPath);
  env.localModelPath = `${root}/`;
  env.allowLocalModels = true;
  env.allowRemoteModels = allowRemote;
  if (config.hubEndpoint) env.remoteHost = config.hubEndpoint.endsWith('/') ? config.hubEndpoint : `${config.hubEndpoint}/`;
  const cls = config.modelVariant !== 'full' && existsSync(join(localPath, CLS_MODEL_FILE));
  const modelFileName = cls ? 'model_cls' : 'model';
  let extractor: FeatureExtractionPipeline;
  try {
    extractor = (await pipeline('feature-extraction', id, { dtype: 'q8', model_file_name: modelFileName })) as FeatureExtractionPipeline;
  } catch (error) {
    throw new EmbeddingModelMissingError(localPath, { cause: error });
  }
  const pool =
    (config.workers ?? 1) > 1 ? await startWorkersOrNot(config.workers ?? 1, { localModelPath: `${root}/`, id, modelFileName }) : undefined;
  const probe = await extractor(['维度'], { pooling: 'cls', normalize: true });
  const dimensions = probe.dims[1] ?? 0;
  const budget = config.batchTokens ?? 1024;
  const instruction = config.queryInstruction ?? BGE_QUERY_INSTRUCTION;
  const maxPassageTokens = config.maxPassageTokens ?? 512;
  return {
    modelId: config.modelId,
    dimensions,
    // the CLS variant's vectors differ in the last digits (cos ≥ 0.998): cached apart
    cacheKey: `${config.modelId}@${maxPassageTokens}${cls ? '+cls' : ''}`,
    async embed(texts: string[], kind: EmbedKind, signal?: AbortSignal): Promise<Float32Array[]> {
      const inputs =
        kind === 'query' ? texts.map((text) => instruction + text) : texts.map((text) => truncateToTokens(text, maxPassageTokens));
      const vectors = new Array<Float32Array>(inputs.length);
      const batches =
        config.batching === 'naive'
          ? naiveBatches(inputs.length)
          : planBatches(
              inputs.map((text) => estimateTokens(text)),
              budget,
            );
      const embedBatch = async (batch: number[]): Promise<void> => {
        signal?.throwIfAborted();
        const texts = batch.map((index) => inputs[index] ?? '');
        // queries (one short text, latency first) stay in-process; passages go to the workers
        const data =
          pool && kind === 'passage'
            ? await pool.run(texts)
            : ((await extractor(texts, { pooling: 'cls', normalize: true })).data as Float32Array);
        batch.forEach((index, row) => {
          vectors[index] = data.slice(row * dimensions, (row + 1) * dimensions);
        });
      };
      // as many batches in flight as there are workers, pulling from one queue in length order
      let next = 0;
      const lanes = pool && kind === 'passage' ? pool.size : 1;
      await Promise.all(
        Array.from({ length: lanes }, async () => {
          while (next < batches.length) {
            const batch = batches[next];
            next += 1;
            if (batch) await embedBatch(batch);
          }
        }),
      );
      return vectors;
    },
  };
}
