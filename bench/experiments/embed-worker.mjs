// Worker: own ORT session (intraOpNumThreads from workerData), embeds batches sent by the parent.
import { parentPort, workerData } from 'node:worker_threads';
import { env, pipeline } from '@huggingface/transformers';
env.localModelPath = workerData.modelsRoot; env.allowLocalModels = true; env.allowRemoteModels = false;
const ex = await pipeline('feature-extraction', 'BAAI/bge-small-zh-v1.5', { dtype: 'q8', session_options: workerData.sessionOptions });
parentPort.on('message', async ({ id, texts }) => {
  const o = await ex(texts, { pooling: 'cls', normalize: true });
  const data = o.data;
  parentPort.postMessage({ id, data }, [data.buffer]);
});
parentPort.postMessage({ ready: true });
