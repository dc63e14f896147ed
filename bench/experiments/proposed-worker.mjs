// One embedding session per worker thread (intraOpNumThreads 1); receives { id, texts }, replies { id, data } or { id, error }.
import { parentPort, workerData } from 'node:worker_threads';
import { env, pipeline } from '@huggingface/transformers';

env.localModelPath = workerData.localModelPath;
env.allowLocalModels = true;
env.allowRemoteModels = false;
const extractor = await pipeline('feature-extraction', workerData.id, {
  dtype: 'q8',
  model_file_name: workerData.modelFileName,
  session_options: { intraOpNumThreads: 1, interOpNumThreads: 1 },
});
parentPort.on('message', async ({ id, texts }) => {
  try {
    const data = (await extractor(texts, { pooling: 'cls', normalize: true })).data;
    parentPort.postMessage({ id, data }, [data.buffer]);
  } catch (error) {
    parentPort.postMessage({ id, error: String(error) });
  }
});
parentPort.postMessage({ ready: true });
