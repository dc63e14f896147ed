// Vector agreement with batch-of-1 (no padding, no batch-mates in the dynamic-quantization scale) and dev-set retrieval
// for the current model vs the CLS-only-last-layer variant (/tmp/clsmodel, made by cls_surgery.py).
import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTransformersEmbedder } from '../../src/embed/index.js';
import { askerFor, build, readEvalFile, runEval } from '../support.js';
import { budgetBatches, cosStats, embedBatches, extractor, naiveBatches, prep } from './harness.js';
import { env } from '@huggingface/transformers';
import { loadSample } from './sample.js';

const all = prep(await loadSample(Number(process.env.N ?? 200)));
const ex = await extractor();
const saved = env.localModelPath; env.localModelPath = '/tmp/clsmodel/'; const exCls = await extractor(); env.localModelPath = saved;
const single = all.map((_, i) => [i]);
const ref = await embedBatches(ex, all, single);
const rows: Array<[string, Float32Array[]]> = [
  ['naive16', await embedBatches(ex, all, naiveBatches(all.length))],
  ['budget1024 (current)', await embedBatches(ex, all, budgetBatches(all, 1024))],
  ['budget512', await embedBatches(ex, all, budgetBatches(all, 512))],
  ['cls batch-of-1', await embedBatches(exCls, all, single)],
  ['cls budget1024', await embedBatches(exCls, all, budgetBatches(all, 1024))],
];
for (const [name, v] of rows) console.log(`${name.padEnd(22)} cos vs orig batch-of-1: ${JSON.stringify(cosStats(ref, v))}`);

const DEV = join(import.meta.dirname, '..', '..', '..', 'shared', 'eval', 'dev.jsonl');
const items = readEvalFile(DEV);
const withNews = process.env.NEWS === '1';
for (const [label, root] of [['current', undefined], ['cls variant', '/tmp/clsmodel']] as const) {
  const embedder = await createTransformersEmbedder({ modelId: 'BAAI/bge-small-zh-v1.5', ...(root ? { modelsRoot: root } : {}) });
  const dir = mkdtempSync(join(tmpdir(), 'exp-q-'));
  cpSync('seeds', join(dir, 'docs'), { recursive: true });
  if (withNews) cpSync(join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus', 'news-2k.jsonl'), join(dir, 'docs', 'news.jsonl'));
  const s = await build(join(dir, 'docs'), join(dir, 'index'), embedder);
  const { summary } = await runEval(askerFor(join(dir, 'index'), embedder), items);
  console.log(`${label.padEnd(12)} ${withNews ? 'seeds+news-2k' : 'seeds'} (${s.chunks} chunks, ${s.seconds.toFixed(1)} s build): hit@1 ${summary.hitAt1} hit@5 ${summary.hitAt5} out-of-scope refused ${summary.outOfScopeRefused}`);
}
process.exit(0);
