import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { env, pipeline, type FeatureExtractionPipeline } from '@huggingface/transformers';
import { estimateTokens, planBatches, truncateToTokens } from './batching.js';
import { EmbeddingModelMissingError, type EmbedKind, type Embedder } from './embedder.js';

/** bge-zh's retrieval instruction, prepended to queries only (passages are embedded as they are). */
export const BGE_QUERY_INSTRUCTION = '为这个句子生成表示以用于检索相关文章：';

export interface TransformersEmbedderConfig {
  modelId: string;
  /** Folder holding `<modelId>/` in Transformers.js layout (default: ./models). */
  modelsRoot?: string;
  /** A folder that is itself the model (EMBEDDING_MODEL_DIR). */
  modelDir?: string;
  allowRemote?: boolean;
  hubEndpoint?: string;
  batchTokens?: number;
  queryInstruction?: string;
  /** 'naive' embeds fixed unsorted batches of 16 (the baseline the benchmark compares against). */
  batching?: 'budget' | 'naive';
  /** Passages are embedded by their first this-many tokens (the model's limit is 512). */
  maxPassageTokens?: number;
}

const NAIVE_BATCH = 16;

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
  let extractor: FeatureExtractionPipeline;
  try {
    extractor = (await pipeline('feature-extraction', id, { dtype: 'q8' })) as FeatureExtractionPipeline;
  } catch (error) {
    throw new EmbeddingModelMissingError(localPath, { cause: error });
  }
  const probe = await extractor(['维度'], { pooling: 'cls', normalize: true });
  const dimensions = probe.dims[1] ?? 0;
  const budget = config.batchTokens ?? 1024;
  const instruction = config.queryInstruction ?? BGE_QUERY_INSTRUCTION;
  const maxPassageTokens = config.maxPassageTokens ?? 512;
  return {
    modelId: config.modelId,
    dimensions,
    cacheKey: `${config.modelId}@${maxPassageTokens}`,
    async embed(texts: string[], kind: EmbedKind, signal?: AbortSignal): Promise<Float32Array[]> {
      const inputs =
        kind === 'query' ? texts.map((text) => instruction + text) : texts.map((text) => truncateToTokens(text, maxPassageTokens));
      const vectors = new Array<Float32Array>(inputs.length);
      const batches =
        config.batching === 'naive' ? naiveBatches(inputs.length) : planBatches(inputs.map((text) => estimateTokens(text)), budget);
      for (const batch of batches) {
        signal?.throwIfAborted();
        const output = await extractor(
          batch.map((index) => inputs[index] ?? ''),
          { pooling: 'cls', normalize: true },
        );
        const data = output.data as Float32Array;
        batch.forEach((index, row) => {
          vectors[index] = data.slice(row * dimensions, (row + 1) * dimensions);
        });
      }
      return vectors;
    },
  };
}
