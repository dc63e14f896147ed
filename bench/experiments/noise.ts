// How stable is the naive measurement? Repeat naive/budget alternately; print /proc/stat steal.
import { readFileSync } from 'node:fs';
import { budgetBatches, embedBatches, extractor, f, naiveBatches, prep, rate } from './harness.js';
import { loadSample } from './sample.js';
const inputs = prep(await loadSample(Number(process.env.N ?? 200)));
const ex = await extractor(JSON.parse(process.env.SO ?? '{}'));
await embedBatches(ex, inputs.slice(0, 16), naiveBatches(16));
const cpu = () => readFileSync('/proc/stat', 'utf8').split('\n')[0]!.split(/\s+/).slice(1).map(Number);
for (let round = 0; round < Number(process.env.ROUNDS ?? 4); round++) {
  const a = cpu();
  const n = await rate(() => embedBatches(ex, inputs, naiveBatches(inputs.length)), inputs.length);
  const b = await rate(() => embedBatches(ex, inputs, budgetBatches(inputs)), inputs.length);
  const c = cpu(); const d = c.map((x, i) => x - a[i]!); const tot = d.reduce((x, y) => x + y);
  console.log(`round ${round}: naive ${f(n)} budget ${f(b)} ×${f(b / n, 2)}  user% ${f(100 * d[0]! / tot, 0)} idle% ${f(100 * d[3]! / tot, 0)} steal% ${f(100 * d[7]! / tot, 1)}`);
}
