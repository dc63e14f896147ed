// Fine-grained interleaving: every config plans its batches over all N texts; the batch lists are cut into
// G groups and run round-robin (config order rotated per group), so each config is sampled across the same
// stretches of this VM's drifting speed. Rate = N / total time. Repeated ROUNDS times.
import { Worker } from 'node:worker_threads';
import { env, type FeatureExtractionPipeline } from '@huggingface/transformers';
import { budgetBatches, cosStats, extractor, f, naiveBatches, prep } from './harness.js';
import { loadSample } from './sample.js';

const all = prep(await loadSample(Number(process.env.N ?? 400)));
const G = Number(process.env.GROUPS ?? 20), ROUNDS = Number(process.env.ROUNDS ?? 2);
type Exec = (batches: number[][], out: Float32Array[]) => Promise<void>;
const viaPipeline = (ex: FeatureExtractionPipeline): Exec => async (batches, out) => {
  for (const batch of batches) {
    const d = (await ex(batch.map((i) => all[i]!), { pooling: 'cls', normalize: true })).data as Float32Array;
    batch.forEach((i, r) => { out[i] = d.slice(r * 512, (r + 1) * 512); });
  }
};
async function viaWorkers(n: number, so: Record<string, unknown>, root = `${process.cwd()}/models/`): Promise<Exec> {
  const ws = await Promise.all(Array.from({ length: n }, () => new Promise<Worker>((res) => {
    const w = new Worker(new URL('./embed-worker.mjs', import.meta.url), { workerData: { modelsRoot: root, sessionOptions: so } });
    w.once('message', () => res(w));
  })));
  return async (batches, out) => {
    let next = 0;
    await Promise.all(ws.map(async (w) => { while (next < batches.length) {
      const batch = batches[next++]!;
      const d = await new Promise<Float32Array>((res) => { w.once('message', (m) => res(m.data)); w.postMessage({ id: 0, texts: batch.map((i) => all[i]) }); });
      batch.forEach((i, r) => { out[i] = d.slice(r * 512, (r + 1) * 512); });
    } }));
  };
}
async function clsExtractor(so: Record<string, unknown> = {}) {
  const saved = env.localModelPath; env.localModelPath = '/tmp/clsmodel/';
  try { return await extractor(so); } finally { env.localModelPath = saved; }
}
const ex = await extractor();
const defs: Record<string, () => Promise<[number[][], Exec]>> = {
  naive16: async () => [naiveBatches(all.length), viaPipeline(ex)],
  budget1024: async () => [budgetBatches(all, 1024), viaPipeline(ex)],
  budget512: async () => [budgetBatches(all, 512), viaPipeline(ex)],
  budget2048: async () => [budgetBatches(all, 2048), viaPipeline(ex)],
  'budget1024 intra1': async () => [budgetBatches(all, 1024), viaPipeline(await extractor({ intraOpNumThreads: 1 }))],
  'budget1024 intra2': async () => [budgetBatches(all, 1024), viaPipeline(await extractor({ intraOpNumThreads: 2 }))],
  'budget1024 nospin': async () => [budgetBatches(all, 1024), viaPipeline(await extractor({ extra: { session: { intra_op: { allow_spinning: '0' } } } }))],
  'naive16 cls': async () => [naiveBatches(all.length), viaPipeline(await clsExtractor())],
  cls1024: async () => [budgetBatches(all, 1024), viaPipeline(await clsExtractor())],
  cls512: async () => [budgetBatches(all, 512), viaPipeline(await clsExtractor())],
  '2w intra1 b1024': async () => [budgetBatches(all, 1024), await viaWorkers(2, { intraOpNumThreads: 1, interOpNumThreads: 1 })],
  '2w intra1 b512': async () => [budgetBatches(all, 512), await viaWorkers(2, { intraOpNumThreads: 1, interOpNumThreads: 1 })],
  '2w cls b1024': async () => [budgetBatches(all, 1024), await viaWorkers(2, { intraOpNumThreads: 1, interOpNumThreads: 1 }, '/tmp/clsmodel/')],
};
const names = (process.env.CONFIGS ?? 'naive16,budget1024').split(',');
const cfg: Record<string, [number[][], Exec]> = {};
for (const n of names) { cfg[n] = await defs[n]!(); const warm: Float32Array[] = []; await cfg[n]![1]([[0, 1], [2]], warm); }
const vec: Record<string, Float32Array[]> = Object.fromEntries(names.map((n) => [n, new Array(all.length)]));
const rounds: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
for (let round = 0; round < ROUNDS; round++) {
  const time: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]));
  for (let g = 0; g < G; g++) {
    for (let j = 0; j < names.length; j++) {
      const n = names[(j + g + round) % names.length]!; const b = cfg[n]![0];
      const part = b.slice(Math.floor((g * b.length) / G), Math.floor(((g + 1) * b.length) / G));
      const t0 = performance.now(); await cfg[n]![1](part, vec[n]!); time[n]! += performance.now() - t0;
    }
  }
  for (const n of names) rounds[n]!.push(all.length / (time[n]! / 1000));
}
const base = rounds[names[0]!]!;
for (const n of names) {
  const r = rounds[n]!;
  console.log(`${n.padEnd(18)} ${r.map((x) => f(x)).join(' / ').padEnd(12)} chunks/s  ×${r.map((x, i) => f(x / base[i]!, 2)).join(' / ')} vs ${names[0]}  cos vs ${names[1]}: ${JSON.stringify(cosStats(vec[names[1]!]!, vec[n]!))}`);
}
process.exit(0);
