// Exp 1: ORT session thread settings through pipeline(..., { session_options }).
import { budgetBatches, embedBatches, extractor, f, naiveBatches, prep, rate } from './harness.js';
import { loadSample } from './sample.js';

const N = Number(process.env.N ?? 400);
const inputs = prep(await loadSample(N));
const budget = budgetBatches(inputs), naive = naiveBatches(inputs.length);
const configs: Array<[string, Record<string, unknown>]> = [
  ['default', {}],
  ['intra=1', { intraOpNumThreads: 1 }],
  ['intra=2', { intraOpNumThreads: 2 }],
  ['intra=2 inter=1 seq', { intraOpNumThreads: 2, interOpNumThreads: 1, executionMode: 'sequential', graphOptimizationLevel: 'all' }],
];
const only = process.env.ONLY?.split(',');
const rows: string[] = [];
let naiveDefault = 0;
for (const [name, so] of configs) {
  if (only && !only.includes(name)) continue;
  const ex = await extractor(so);
  await embedBatches(ex, inputs.slice(0, 16), naiveBatches(16));
  const n = await rate(() => embedBatches(ex, inputs, naive), inputs.length);
  const b = await rate(() => embedBatches(ex, inputs, budget), inputs.length);
  if (name === 'default') naiveDefault = n;
  rows.push(`${name.padEnd(22)} naive16 ${f(n)}  budget ${f(b)}  budget/naive(same cfg) ×${f(b / n, 2)}  budget/naive(default) ×${f(b / (naiveDefault || n), 2)}`);
  console.log(rows.at(-1));
  await ex.dispose();
}
