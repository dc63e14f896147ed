// Batch shape sweep on one default session: budget (tokens) and batch-of-1; plus tokenizer cost.
import { budgetBatches, embedBatches, extractor, f, naiveBatches, prep, rate } from './harness.js';
import { loadSample } from './sample.js';

const inputs = prep(await loadSample(Number(process.env.N ?? 400)));
const ex = await extractor();
await embedBatches(ex, inputs.slice(0, 16), naiveBatches(16));
let t = performance.now();
for (const b of budgetBatches(inputs)) ex.tokenizer(b.map((i) => inputs[i]!), { padding: true, truncation: true });
console.log(`tokenizer only (budget batches): ${f(performance.now() - t, 0)} ms for ${inputs.length} texts`);
const n = await rate(() => embedBatches(ex, inputs, naiveBatches(inputs.length)), inputs.length);
console.log(`naive16 ${f(n)}`);
for (const budget of (process.env.BUDGETS ?? '1,512,1024,2048,4096').split(',').map(Number)) {
  const batches = budgetBatches(inputs, budget);
  const r = await rate(() => embedBatches(ex, inputs, batches), inputs.length);
  console.log(`budget ${budget} (${batches.length} batches): ${f(r)} ×${f(r / n, 2)}`);
}
const n2 = await rate(() => embedBatches(ex, inputs, naiveBatches(inputs.length)), inputs.length);
console.log(`naive16 again ${f(n2)}`);
