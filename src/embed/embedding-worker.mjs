// One embedding session in a worker thread (plain JavaScript: it runs the same under node, tsx and
// vitest). Receives { texts }, answers { data } (CLS-pooled, normalised, transferred) or { error }.
import { parentPort, workerData } from 'node:worker_threads';
import { env, pipeline } from '@huggingface/transformers';

env.localModelPath = workerData.localModelPath;
env.allowLocalModels = true;
env.allowRemoteModels = false;
try {
  const extractor = await pipeline('feature-extraction', workerData.id, {
    dtype: 'q8',
    model_file_name: workerData.modelFileName,
    // one thread per worker: the workers, not ONNX Runtime's pool, share the cores
    session_options: { intraOpNumThreads: 1, interOpNumThreads: 1 },
  });
  parentPort.on('message', async ({ texts }) => {
    try {
      const data = (await extractor(texts, { pooling: 'cls', normalize: true })).data;
      parentPort.postMessage({ data }, [data.buffer]);
    } catch (error) {
      parentPort.postMessage({ error: String(error && error.message ? error.message : error) });
    }
  });
  parentPort.postMessage({ ready: true });
} catch (error) {
  parentPort.postMessage({ error: `could not load the model: ${String(error && error.message ? error.message : error)}` });
}
