import { Worker } from 'node:worker_threads';
import { z } from 'zod';

/** Runs embedding batches on worker threads, one model session each. */
export interface EmbeddingWorkerPool {
  readonly size: number;
  /** Embeds one batch on the next free worker: the rows of a [texts, dimensions] matrix. */
  run(texts: string[]): Promise<Float32Array>;
  close(): Promise<void>;
}

const replySchema = z.union([
  z.object({ ready: z.literal(true) }),
  z.object({ data: z.instanceof(Float32Array) }),
  z.object({ error: z.string() }),
]);

function startWorker(options: { localModelPath: string; id: string; modelFileName: string }): Promise<Worker> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./embedding-worker.mjs', import.meta.url), { workerData: options });
    worker.once('message', (message: unknown) => {
      const reply = replySchema.safeParse(message);
      if (reply.success && 'ready' in reply.data) {
        // idle workers must not keep a finished CLI alive; a job in flight refs its worker
        worker.unref();
        resolve(worker);
        return;
      }
      void worker.terminate();
      reject(new Error(reply.success && 'error' in reply.data ? reply.data.error : 'embedding worker failed to start'));
    });
    worker.once('error', reject);
  });
}

/** Starts `size` workers; throws when one cannot load the model (the caller embeds in-process instead). */
export async function startEmbeddingWorkers(
  size: number,
  options: { localModelPath: string; id: string; modelFileName: string },
): Promise<EmbeddingWorkerPool> {
  const workers = await Promise.all(Array.from({ length: size }, () => startWorker(options)));
  const idle = [...workers];
  const waiting: Array<(worker: Worker) => void> = [];
  const take = (): Promise<Worker> => {
    const free = idle.pop();
    return free ? Promise.resolve(free) : new Promise((resolve) => waiting.push(resolve));
  };
  const give = (worker: Worker): void => {
    const next = waiting.shift();
    if (next) next(worker);
    else idle.push(worker);
  };
  return {
    size,
    async run(texts) {
      const worker = await take();
      worker.ref();
      try {
        return await new Promise<Float32Array>((resolve, reject) => {
          const onError = (error: Error): void => reject(error);
          worker.once('error', onError);
          worker.once('message', (message: unknown) => {
            worker.off('error', onError);
            const reply = replySchema.safeParse(message);
            if (reply.success && 'data' in reply.data) resolve(reply.data.data);
            else
              reject(new Error(reply.success && 'error' in reply.data ? reply.data.error : 'unexpected reply from the embedding worker'));
          });
          worker.postMessage({ texts });
        });
      } finally {
        worker.unref();
        give(worker);
      }
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
