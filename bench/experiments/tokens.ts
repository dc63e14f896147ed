// Exp 4: real token lengths of the sample, and padded work of naive-16 vs budgeted batches.
import { AutoTokenizer, env } from '@huggingface/transformers';
import { estimateTokens, planBatches, truncateToTokens } from '../../src/embed/index.js';
import { loadSample, config } from './sample.js';

env.localModelPath = 'models/'; env.allowRemoteModels = false;
const tok = await AutoTokenizer.from_pretrained('BAAI/bge-small-zh-v1.5');
const texts = (await loadSample()).map((t) => truncateToTokens(t, 512));
const real = texts.map((t) => Math.min(512, tok.encode(t).length));
const est = texts.map((t) => estimateTokens(t));
const untrunc = (await loadSample()).map((t) => tok.encode(t).length);
const q = (a: number[], p: number) => [...a].sort((x, y) => x - y)[Math.floor((a.length - 1) * p)];
console.log('n', texts.length, 'real tokens mean', (real.reduce((a, b) => a + b) / real.length).toFixed(1),
  'p10/50/90/max', q(real, .1), q(real, .5), q(real, .9), Math.max(...real));
console.log('untruncated >512:', untrunc.filter((x) => x > 512).length, ' truncated hit 512:', real.filter((x) => x >= 512).length, ' >=500:', real.filter((x) => x >= 500).length);
console.log('estimate/real ratio mean', (est.reduce((a, b, i) => a + b / real[i]!, 0) / est.length).toFixed(3), 'est mean', (est.reduce((a, b) => a + b) / est.length).toFixed(1));
const hist: Record<string, number> = {};
for (const r of real) { const b = `${Math.floor(r / 64) * 64}-${Math.floor(r / 64) * 64 + 63}`; hist[b] = (hist[b] ?? 0) + 1; }
console.log('hist', hist);
function work(batches: number[][]) {
  let tokens = 0, attn = 0, useful = 0, usefulAttn = 0;
  for (const b of batches) { const L = Math.max(...b.map((i) => real[i]!)); tokens += L * b.length; attn += L * L * b.length; }
  for (const r of real) { useful += r; usefulAttn += r * r; }
  return { batches: batches.length, paddedTokens: tokens, useful, padFrac: (1 - useful / tokens).toFixed(3), attn, usefulAttn };
}
const naive: number[][] = []; for (let s = 0; s < texts.length; s += 16) naive.push(Array.from({ length: Math.min(16, texts.length - s) }, (_, o) => s + o));
const budget = planBatches(est, config.EMBEDDING_BATCH_TOKENS);
const wn = work(naive), wb = work(budget);
console.log('naive16', wn); console.log('budget', config.EMBEDDING_BATCH_TOKENS, wb);
console.log('padded-token ratio naive/budget', (wn.paddedTokens / wb.paddedTokens).toFixed(2), ' attn ratio', (wn.attn / wb.attn).toFixed(2), ' ideal (no padding) token ratio', (wn.paddedTokens / wn.useful).toFixed(2));
