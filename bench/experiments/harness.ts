import { env, pipeline, type FeatureExtractionPipeline } from '@huggingface/transformers';
import { estimateTokens, planBatches, truncateToTokens } from '../../src/embed/index.js';

env.localModelPath = `${process.cwd()}/models/`; env.allowLocalModels = true; env.allowRemoteModels = false;
export const MODEL = 'BAAI/bge-small-zh-v1.5';

export async function extractor(session_options: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  return (await pipeline('feature-extraction', MODEL, { dtype: 'q8', session_options, ...extra } as never)) as FeatureExtractionPipeline;
}
export function naiveBatches(count: number): number[][] {
  const b: number[][] = [];
  for (let s = 0; s < count; s += 16) b.push(Array.from({ length: Math.min(16, count - s) }, (_, o) => s + o));
  return b;
}
export function prep(texts: string[]) { return texts.map((t) => truncateToTokens(t, 512)); }
export function budgetBatches(inputs: string[], budget = 1024) { return planBatches(inputs.map((t) => estimateTokens(t)), budget); }
export async function embedBatches(ex: FeatureExtractionPipeline, inputs: string[], batches: number[][]) {
  const out = new Array<Float32Array>(inputs.length);
  for (const batch of batches) {
    const o = await ex(batch.map((i) => inputs[i]!), { pooling: 'cls', normalize: true });
    const d = o.data as Float32Array;
    batch.forEach((i, r) => { out[i] = d.slice(r * 512, (r + 1) * 512); });
  }
  return out;
}
export async function rate(fn: () => Promise<unknown>, n: number) {
  const t = performance.now(); await fn(); return n / ((performance.now() - t) / 1000);
}
export function cos(a: Float32Array, b: Float32Array) { let s = 0, na = 0, nb = 0; for (let i = 0; i < a.length; i++) { s += a[i]! * b[i]!; na += a[i]! ** 2; nb += b[i]! ** 2; } return s / Math.sqrt(na * nb); }
export function cosStats(a: Float32Array[], b: Float32Array[]) { const c = a.map((v, i) => cos(v, b[i]!)); return { min: Math.min(...c).toFixed(5), mean: (c.reduce((x, y) => x + y) / c.length).toFixed(5) }; }
export const f = (x: number, d = 1) => x.toFixed(d);
