// Checks the proposed embedder: loads model_cls_quantized.onnx via model_file_name, matches the python-made variant,
// and times current(1 session, model.onnx) vs proposed variants, interleaved per group of texts.
import { createTransformersEmbedder } from '../../src/embed/index.js';
import { cosStats, embedBatches, extractor, f, naiveBatches, prep } from './harness.js';
import { env } from '@huggingface/transformers';
import { createProposedEmbedder } from './proposed-embedder.js';
import { loadSample } from './sample.js';

const raw = await loadSample(Number(process.env.N ?? 400));
const all = prep(raw);
const current = await createTransformersEmbedder({ modelId: 'BAAI/bge-small-zh-v1.5' });
const naive = await createTransformersEmbedder({ modelId: 'BAAI/bge-small-zh-v1.5', batching: 'naive' });
const root = '/tmp/clsjs/';
const variants = {
  'proposed cls, 1 session': await createProposedEmbedder({ localModelPath: root, id: 'BAAI/bge-small-zh-v1.5', workers: 1, cls: true }),
  'proposed no-cls, 2 workers': await createProposedEmbedder({ localModelPath: root, id: 'BAAI/bge-small-zh-v1.5', workers: 2, cls: false }),
  'proposed cls, 2 workers': await createProposedEmbedder({ localModelPath: root, id: 'BAAI/bge-small-zh-v1.5', workers: 2, cls: true }),
};
env.localModelPath = '/tmp/clsmodel/'; const py = await extractor(); // python-made variant
const G = Number(process.env.GROUPS ?? 8);
const names = ['naive (bench baseline)', 'current', ...Object.keys(variants)];
const fns: Record<string, (t: string[]) => Promise<Float32Array[]>> = {
  'naive (bench baseline)': (t) => naive.embed(t, 'passage'),
  current: (t) => current.embed(t, 'passage'),
  ...Object.fromEntries(Object.entries(variants).map(([k, v]) => [k, (t: string[]) => v.embed(t)])),
};
for (const n of names) await fns[n]!(raw.slice(0, 4));
const time: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]));
const vec: Record<string, Float32Array[]> = Object.fromEntries(names.map((n) => [n, []]));
for (let g = 0; g < G; g++) {
  const part = raw.slice(Math.floor((g * raw.length) / G), Math.floor(((g + 1) * raw.length) / G));
  for (let j = 0; j < names.length; j++) {
    const n = names[(j + g) % names.length]!; const t0 = performance.now();
    vec[n]!.push(...(await fns[n]!(part))); time[n]! += performance.now() - t0;
  }
}
const base = raw.length / (time[names[0]!]! / 1000);
for (const n of names) console.log(`${n.padEnd(28)} ${f(raw.length / (time[n]! / 1000))} chunks/s ×${f(raw.length / (time[n]! / 1000) / base, 2)}  cos vs current: ${JSON.stringify(cosStats(vec.current!, vec[n]!))}`);
// The JS-made file equals the python-made one (same batches, same vectors):
const jsCls = await createProposedEmbedder({ localModelPath: root, id: 'BAAI/bge-small-zh-v1.5', workers: 1, cls: true, batchTokens: 1 });
const a = await jsCls.embed(raw.slice(0, 40)); const b = await embedBatches(py, all.slice(0, 40), all.slice(0, 40).map((_, i) => [i]));
console.log('js-made vs python-made cls model (batch of 1):', JSON.stringify(cosStats(a, b)), 'modelFileName', jsCls.modelFileName);
void naiveBatches;
process.exit(0);
