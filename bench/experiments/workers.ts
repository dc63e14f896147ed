// Exp 2: two worker_threads, each its own session with intraOpNumThreads=1, pulling sorted batches from a shared queue.
import { Worker } from 'node:worker_threads';
import { budgetBatches, cosStats, embedBatches, extractor, f, naiveBatches, prep, rate } from './harness.js';
import { loadSample } from './sample.js';

const inputs = prep(await loadSample(Number(process.env.N ?? 400)));
const budget = budgetBatches(inputs, Number(process.env.BUDGET ?? 1024));
const nw = Number(process.env.WORKERS ?? 2), intra = Number(process.env.INTRA ?? 1);
const workers = await Promise.all(Array.from({ length: nw }, () => new Promise<Worker>((res) => {
  const w = new Worker(new URL('./embed-worker.mjs', import.meta.url), { workerData: { modelsRoot: `${process.cwd()}/models/`, sessionOptions: { intraOpNumThreads: intra, interOpNumThreads: 1 } } });
  w.once('message', () => res(w));
})));
async function pool(batches: number[][]): Promise<Float32Array[]> {
  const out = new Array<Float32Array>(inputs.length);
  let next = 0;
  await Promise.all(workers.map(async (w) => {
    while (next < batches.length) {
      const batch = batches[next++]!;
      const data = await new Promise<Float32Array>((res) => { w.once('message', (m) => res(m.data)); w.postMessage({ id: 0, texts: batch.map((i) => inputs[i]) }); });
      batch.forEach((i, r) => { out[i] = data.slice(r * 512, (r + 1) * 512); });
    }
  }));
  return out;
}
await pool(naiveBatches(16).map((b) => b.slice(0, 4)));
const ex = await extractor();
await embedBatches(ex, inputs.slice(0, 16), naiveBatches(16));
let ref: Float32Array[] = [], got: Float32Array[] = [];
const n = await rate(() => embedBatches(ex, inputs, naiveBatches(inputs.length)), inputs.length);
const single = await rate(async () => { ref = await embedBatches(ex, inputs, budget); }, inputs.length);
const multi = await rate(async () => { got = await pool(budget); }, inputs.length);
const multiNaive = await rate(() => pool(naiveBatches(inputs.length)), inputs.length);
console.log(`naive16 default ${f(n)} | budget 1 session default ${f(single)} ×${f(single / n, 2)} | budget ${nw} workers intra=${intra} ${f(multi)} ×${f(multi / n, 2)} | naive16 on ${nw} workers ${f(multiNaive)}`);
console.log('cos workers vs single', cosStats(ref, got));
await Promise.all(workers.map((w) => w.terminate()));
