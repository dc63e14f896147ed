// Measures retrieval choices on an eval file: chunk size × tokenizer × fusion weights.
// `npx tsx bench/variants.ts [eval.jsonl] [docsDir]` — prints one row per variant.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/index.js';
import { createTransformersEmbedder } from '../src/embed/index.js';
import { DEFAULT_WEIGHTS, type RetrievalWeights } from '../src/retrieve/index.js';
import type { TokenizerMode } from '../src/text/index.js';
import { askerFor, build, readEvalFile, runEval } from './support.js';

const evalFile = process.argv[2] ?? join(import.meta.dirname, '..', '..', 'shared', 'eval', 'dev.jsonl');
const docsDir = process.argv[3] ?? 'seeds';
const config = loadConfig();
const embedder = await createTransformersEmbedder({ modelId: config.EMBEDDING_MODEL_ID });
const items = readEvalFile(evalFile);
const indexDir = join(mkdtempSync(join(tmpdir(), 'policy-bot-variants-')), 'index');

const weightVariants: Array<[string, Partial<RetrievalWeights>]> = [
  ['hybrid (default)', {}],
  ['dense only', { lexical: 0, section: 0, intent: 0 }],
  ['lexical only', { dense: 0, section: 0, intent: 0 }],
  ['hybrid, RRF', { fusion: 'rrf' }],
  ['hybrid, no section/intent bonus', { section: 0, intent: 0 }],
];

process.stdout.write('chunk  tokenizer  weights                           hit@1  hit@5  MRR    cite   concise refused false-ref\n');
for (const chunkSize of [200, 360, 500]) {
  for (const tokenizer of ['bigram', 'jieba', 'both'] as TokenizerMode[]) {
    await build(docsDir, indexDir, embedder, chunkSize, tokenizer);
    const variants = chunkSize === 360 && tokenizer === 'both' ? weightVariants : weightVariants.slice(0, 1);
    for (const [name, weights] of variants) {
      const { summary: s } = await runEval(askerFor(indexDir, embedder, { ...DEFAULT_WEIGHTS, ...weights }), items);
      process.stdout.write(
        `${String(chunkSize).padEnd(7)}${tokenizer.padEnd(11)}${name.padEnd(34)}${[s.hitAt1, s.hitAt5, s.mrr, s.rightDocumentCitation, s.conciseAnswerWithFacts, s.outOfScopeRefused, s.falseRefusals].map((v) => v.toFixed(3).padEnd(7)).join('')}\n`,
      );
    }
  }
}
