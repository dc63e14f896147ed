// `npx tsx bench/scale.ts`: seeds + news-20k — cold build time, peak RSS, query latency at that size.
import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/index.js';
import { createTransformersEmbedder } from '../src/embed/index.js';
import { askerFor, build, format, percentile, readEvalFile, runEval } from './support.js';

const shared = join(import.meta.dirname, '..', '..', 'shared');
const news = join(shared, 'corpus', 'news-20k.jsonl');
if (!existsSync(news)) {
  process.stdout.write('skipped: no ../shared/corpus/news-20k.jsonl\n');
  process.exit(0);
}
const config = loadConfig();
const root = mkdtempSync(join(tmpdir(), 'policy-bot-scale-'));
const docsDir = join(root, 'docs');
cpSync('seeds', docsDir, { recursive: true });
cpSync(news, join(docsDir, 'news.jsonl'));
const embedder = await createTransformersEmbedder({
  modelId: config.EMBEDDING_MODEL_ID,
  batchTokens: config.EMBEDDING_BATCH_TOKENS,
  workers: config.EMBEDDING_WORKERS,
});
const summary = await build(docsDir, join(root, 'index'), embedder);
process.stdout.write(`seeds + news-20k: cold build ${format(summary.seconds, 0)} s, ${summary.chunks} chunks\n`);
const items = readEvalFile(join(shared, 'eval', 'dev.jsonl'));
const { latencies, summary: quality } = await runEval(askerFor(join(root, 'index'), embedder), [...items, ...items]);
process.stdout.write(
  `seeds + news-20k: query p50 / p95 ${format(percentile(latencies, 50))} / ${format(percentile(latencies, 95))} ms; dev hit@1 ${quality.hitAt1}, hit@5 ${quality.hitAt5}, refused ${quality.outOfScopeRefused}\n`,
);
process.stdout.write(`peak RSS ${format(process.resourceUsage().maxRSS / 1024, 0)} MiB\n`);
