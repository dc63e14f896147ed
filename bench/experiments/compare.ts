// Interleaved comparison (this VM's vector throughput drifts up to 3x over tens of seconds, so every config
// embeds the same slice back to back, order rotated per slice; rates are totals over all slices).
import { Worker } from 'node:worker_threads';
import { Tensor, type FeatureExtractionPipeline } from '@huggingface/transformers';
import { planBatches } from '../../src/embed/index.js';
import { budgetBatches, cosStats, embedBatches, extractor, f, naiveBatches, prep } from './harness.js';
import { loadSample } from './sample.js';

const all = prep(await loadSample(Number(process.env.N ?? 400)));
const SLICE = Number(process.env.SLICE ?? 100);
type Run = (texts: string[]) => Promise<Float32Array[]>;

async function makeWorkers(n: number, so: Record<string, unknown>): Promise<Run> {
  const ws = await Promise.all(Array.from({ length: n }, () => new Promise<Worker>((res) => {
    const w = new Worker(new URL('./embed-worker.mjs', import.meta.url), { workerData: { modelsRoot: `${process.cwd()}/models/`, sessionOptions: so } });
    w.once('message', () => res(w));
  })));
  return async (texts) => {
    const batches = budgetBatches(texts); const out = new Array<Float32Array>(texts.length); let next = 0;
    await Promise.all(ws.map(async (w) => { while (next < batches.length) {
      const batch = batches[next++]!;
      const data = await new Promise<Float32Array>((res) => { w.once('message', (m) => res(m.data)); w.postMessage({ id: 0, texts: batch.map((i) => texts[i]) }); });
      batch.forEach((i, r) => { out[i] = data.slice(r * 512, (r + 1) * 512); });
    } }));
    return out;
  };
}
/** Tokenize every text once (exact lengths), plan by exact tokens, build padded int64 tensors, call the model directly. */
function direct(ex: FeatureExtractionPipeline, budget: number): Run {
  return async (texts) => {
    const ids = texts.map((t) => ex.tokenizer.encode(t).slice(0, 512));
    ids.forEach((a) => { if (a.length === 512) a[511] = 102; }); // keep [SEP] last like truncation does
    const batches = planBatches(ids.map((a) => a.length), budget);
    const out = new Array<Float32Array>(texts.length);
    for (const batch of batches) {
      const L = Math.max(...batch.map((i) => ids[i]!.length)), B = batch.length;
      const inp = new BigInt64Array(B * L), mask = new BigInt64Array(B * L);
      batch.forEach((i, r) => ids[i]!.forEach((v, c) => { inp[r * L + c] = BigInt(v); mask[r * L + c] = 1n; }));
      const o = await ex.model({ input_ids: new Tensor('int64', inp, [B, L]), attention_mask: new Tensor('int64', mask, [B, L]), token_type_ids: new Tensor('int64', new BigInt64Array(B * L), [B, L]) });
      const h = o.last_hidden_state.data as Float32Array;
      batch.forEach((i, r) => { const v = h.slice(r * L * 512, r * L * 512 + 512); let s = 0; for (const x of v) s += x * x; s = Math.sqrt(s); out[i] = v.map((x) => x / s); });
    }
    return out;
  };
}
const exDefault = await extractor();
/** Same files, but onnx/model_quantized.onnx is the CLS-only-last-layer variant made by cls_surgery.py. */
async function clsExtractor() {
  const { env } = await import('@huggingface/transformers');
  const saved = env.localModelPath; env.localModelPath = '/tmp/clsmodel/';
  try { return await extractor(); } finally { env.localModelPath = saved; }
}
const configs: Record<string, () => Promise<Run>> = {
  naive16: async () => (t) => embedBatches(exDefault, t, naiveBatches(t.length)),
  budget1024: async () => (t) => embedBatches(exDefault, t, budgetBatches(t, 1024)),
  budget512: async () => (t) => embedBatches(exDefault, t, budgetBatches(t, 512)),
  budget768: async () => (t) => embedBatches(exDefault, t, budgetBatches(t, 768)),
  budget2048: async () => (t) => embedBatches(exDefault, t, budgetBatches(t, 2048)),
  'budget1024 intra1': async () => { const ex = await extractor({ intraOpNumThreads: 1 }); return (t) => embedBatches(ex, t, budgetBatches(t, 1024)); },
  'budget1024 nospin': async () => { const ex = await extractor({ intraOpNumThreads: 2, extra: { session: { intra_op: { allow_spinning: '0' } } } }); return (t) => embedBatches(ex, t, budgetBatches(t, 1024)); },
  'budget1024 noarena': async () => { const ex = await extractor({ enableCpuMemArena: false, enableMemPattern: false }); return (t) => embedBatches(ex, t, budgetBatches(t, 1024)); },
  '2 workers intra1': () => makeWorkers(2, { intraOpNumThreads: 1, interOpNumThreads: 1 }),
  'cls1024': async () => { const ex = await clsExtractor(); return (t) => embedBatches(ex, t, budgetBatches(t, 1024)); },
  'cls512': async () => { const ex = await clsExtractor(); return (t) => embedBatches(ex, t, budgetBatches(t, 512)); },
  'cls naive16': async () => { const ex = await clsExtractor(); return (t) => embedBatches(ex, t, naiveBatches(t.length)); },
  'direct exact 1024': async () => direct(exDefault, 1024),
  'direct exact 512': async () => direct(exDefault, 512),
};
const names = (process.env.CONFIGS ?? 'naive16,budget1024,budget512').split(',');
const runs: Record<string, Run> = {};
for (const n of names) { runs[n] = await configs[n]!(); await runs[n]!(all.slice(0, 8)); }
const time: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]));
const vec: Record<string, Float32Array[]> = Object.fromEntries(names.map((n) => [n, []]));
const pairs: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
for (let s = 0, k = 0; s < all.length; s += SLICE, k++) {
  const slice = all.slice(s, s + SLICE); const t: Record<string, number> = {};
  for (let j = 0; j < names.length; j++) {
    const n = names[(j + k) % names.length]!; const t0 = performance.now();
    vec[n]!.push(...(await runs[n]!(slice))); t[n] = performance.now() - t0; time[n]! += t[n]!;
  }
  for (const n of names) pairs[n]!.push(t[names[0]!]! / t[n]!);
}
const base = all.length / (time[names[0]!]! / 1000);
for (const n of names) {
  const r = all.length / (time[n]! / 1000); const p = [...pairs[n]!].sort((a, b) => a - b);
  console.log(`${n.padEnd(20)} ${f(r).padStart(5)} chunks/s  ×${f(r / base, 2)} vs ${names[0]}  (per-slice ratios ${p.map((x) => f(x, 2)).join(' ')})  cos vs ${names[1]}: ${JSON.stringify(cosStats(vec[names[1]!]!, vec[n]!))}`);
}
process.exit(0);
