// Proposed src/embed/transformers-embedder.ts changes, verified here: (a) CLS-only last layer model file
// (onnx/model_cls_quantized.onnx from make-cls-model.mjs), (b) N worker threads, one 1-thread session each,
// pulling the same length-sorted token-budget batches from a shared queue.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { env, pipeline, type FeatureExtractionPipeline } from '@huggingface/transformers';
import { estimateTokens, planBatches, truncateToTokens } from '../../src/embed/index.js';

export interface ProposedOptions { localModelPath: string; id: string; workers: number; batchTokens?: number; cls?: boolean }

export async function createProposedEmbedder(o: ProposedOptions) {
  const modelFileName = o.cls && existsSync(join(o.localModelPath, o.id, 'onnx', 'model_cls_quantized.onnx')) ? 'model_cls' : 'model';
  let run: (texts: string[]) => Promise<Float32Array>;
  const closers: Array<() => Promise<unknown>> = [];
  if (o.workers > 1) {
    const workers = await Promise.all(
      Array.from({ length: o.workers }, () => new Promise<Worker>((resolve, reject) => {
        const worker = new Worker(new URL('./proposed-worker.mjs', import.meta.url), { workerData: { localModelPath: o.localModelPath, id: o.id, modelFileName } });
        worker.once('message', () => resolve(worker));
        worker.once('error', reject);
      })),
    );
    closers.push(...workers.map((w) => () => w.terminate()));
    const idle = [...workers];
    const waiting: Array<(w: Worker) => void> = [];
    run = async (texts) => {
      const worker = idle.pop() ?? (await new Promise<Worker>((resolve) => waiting.push(resolve)));
      try {
        return await new Promise<Float32Array>((resolve, reject) => {
          worker.once('message', (m: { data?: Float32Array; error?: string }) => (m.data ? resolve(m.data) : reject(new Error(m.error))));
          worker.postMessage({ id: 0, texts });
        });
      } finally {
        const next = waiting.shift();
        if (next) next(worker); else idle.push(worker);
      }
    };
  } else {
    env.localModelPath = o.localModelPath; env.allowLocalModels = true; env.allowRemoteModels = false;
    const ex = (await pipeline('feature-extraction', o.id, { dtype: 'q8', model_file_name: modelFileName })) as FeatureExtractionPipeline;
    run = async (texts) => (await ex(texts, { pooling: 'cls', normalize: true })).data as Float32Array;
    closers.push(() => ex.dispose());
  }
  const dimensions = 512;
  return {
    modelFileName,
    close: () => Promise.all(closers.map((c) => c())),
    async embed(texts: string[]): Promise<Float32Array[]> {
      const inputs = texts.map((t) => truncateToTokens(t, 512));
      const vectors = new Array<Float32Array>(inputs.length);
      const batches = planBatches(inputs.map((t) => estimateTokens(t)), o.batchTokens ?? 1024);
      // Batches go out concurrently; each waits for a free worker (with one session, runs them in order).
      const inFlight = o.workers > 1 ? o.workers : 1;
      let next = 0;
      await Promise.all(Array.from({ length: inFlight }, async () => {
        while (next < batches.length) {
          const batch = batches[next++]!;
          const data = await run(batch.map((i) => inputs[i] ?? ''));
          batch.forEach((index, row) => { vectors[index] = data.slice(row * dimensions, (row + 1) * dimensions); });
        }
      }));
      return vectors;
    },
  };
}
