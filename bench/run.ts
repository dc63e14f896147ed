// `npm run bench`: prints numbers (build, re-index, embedding throughput, query latency, matching P/R); asserts nothing.
// `npm run bench -- --scale` adds news-20k (build time, peak RSS, query latency at that size).
// `npm run bench -- --store postgres [--chunks 100000]` compares the index in-process and in PostgreSQL.
import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/index.js';
import { createTransformersEmbedder, estimateTokens, planBatches, type Embedder } from '../src/embed/index.js';
import { chunkDocument, loadSources, parseDocument } from '../src/ingest/index.js';
import { embeddingText } from '../src/index/index.js';
import { silentLogger } from '../src/log/index.js';
import { askerFor, build, format, percentile, readEvalFile, runEval } from './support.js';

const SHARED = join(import.meta.dirname, '..', '..', 'shared');
const DEV = join(SHARED, 'eval', 'dev.jsonl');
const scale = process.argv.includes('--scale');
const config = loadConfig();
const line = (label: string, value: string): void => {
  process.stdout.write(`${label.padEnd(52)} ${value}\n`);
};

function workspace(name: string, jsonl?: string): { docsDir: string; indexDir: string } {
  const root = mkdtempSync(join(tmpdir(), `policy-bot-bench-${name}-`));
  const docsDir = join(root, 'docs');
  cpSync('seeds', docsDir, { recursive: true });
  if (jsonl) cpSync(jsonl, join(docsDir, 'news.jsonl'));
  return { docsDir, indexDir: join(root, 'index') };
}

async function queryLatency(indexDir: string, embedder: Embedder, label: string): Promise<void> {
  if (!existsSync(DEV)) return line(`${label}: query latency`, 'skipped (no ../shared/eval/dev.jsonl)');
  const items = readEvalFile(DEV);
  const ask = askerFor(indexDir, embedder);
  await runEval(ask, items.slice(0, 3)); // warm-up
  const { latencies, summary } = await runEval(ask, [...items, ...items, ...items]);
  line(
    `${label}: query p50 / p95 (retrieval + extractive)`,
    `${format(percentile(latencies, 50))} ms / ${format(percentile(latencies, 95))} ms`,
  );
  line(`${label}: dev hit@1 / hit@5 / refused out-of-scope`, `${summary.hitAt1} / ${summary.hitAt5} / ${summary.outOfScopeRefused}`);
}

/**
 * Same texts: our pipeline (length-sorted token-budget batches, CLS-only last layer, EMBEDDING_WORKERS
 * worker sessions) against the naive one (unsorted batches of 16, one call each, the full model,
 * in-process). The machine's speed drifts over tens of seconds, so the two alternate over four slices
 * of the texts and their times are summed.
 */
async function embeddingThroughput(embedder: Embedder, texts: string[]): Promise<void> {
  const naive = await createTransformersEmbedder({ modelId: embedder.modelId, batching: 'naive', modelVariant: 'full', workers: 1 });
  await naive.embed(texts.slice(0, 16), 'passage'); // warm-up
  await embedder.embed(texts.slice(0, 16), 'passage');
  const slices = 4;
  const size = Math.ceil(texts.length / slices);
  let optimizedMs = 0;
  let naiveMs = 0;
  for (let slice = 0; slice < slices; slice += 1) {
    const part = texts.slice(slice * size, (slice + 1) * size);
    const order: Array<[Embedder, 'optimized' | 'naive']> =
      slice % 2 === 0
        ? [
            [embedder, 'optimized'],
            [naive, 'naive'],
          ]
        : [
            [naive, 'naive'],
            [embedder, 'optimized'],
          ];
    for (const [which, label] of order) {
      const started = performance.now();
      await which.embed(part, 'passage');
      if (label === 'optimized') optimizedMs += performance.now() - started;
      else naiveMs += performance.now() - started;
    }
  }
  const optimized = texts.length / (optimizedMs / 1000);
  const naiveRate = texts.length / (naiveMs / 1000);
  line(
    'embedding throughput: ours / naive 16 (interleaved)',
    `${format(optimized)} / ${format(naiveRate)} chunks/s (×${format(optimized / naiveRate, 2)})`,
  );
  let started: number;
  // The speed option: embed each passage's first 320 tokens (BM25 still sees all of it).
  const headOnly = await createTransformersEmbedder({
    modelId: embedder.modelId,
    batchTokens: config.EMBEDDING_BATCH_TOKENS,
    maxPassageTokens: 320,
    workers: config.EMBEDDING_WORKERS,
  });
  started = performance.now();
  await headOnly.embed(texts, 'passage');
  const headRate = texts.length / ((performance.now() - started) / 1000);
  line('  with EMBEDDING_PASSAGE_TOKENS=320', `${format(headRate)} chunks/s (×${format(headRate / naiveRate, 2)} the naive rate)`);
}

async function main(): Promise<void> {
  // `--store postgres`: the knowledge index in-process against PostgreSQL, on its own (bench/pg-store.ts)
  const store = process.argv.indexOf('--store');
  if (store >= 0 && process.argv[store + 1] === 'postgres') {
    execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'pg-store.ts'), ...process.argv.slice(2)], {
      stdio: 'inherit',
    });
    return;
  }
  let started = performance.now();
  const embedder = await createTransformersEmbedder({
    modelId: config.EMBEDDING_MODEL_ID,
    batchTokens: config.EMBEDDING_BATCH_TOKENS,
    workers: config.EMBEDDING_WORKERS,
  });
  line('model load', `${format((performance.now() - started) / 1000, 2)} s`);

  const seeds = workspace('seeds');
  let summary = await build(seeds.docsDir, seeds.indexDir, embedder);
  line('seeds: cold index build', `${format(summary.seconds, 2)} s (${summary.chunks} chunks)`);
  summary = await build(seeds.docsDir, seeds.indexDir, embedder);
  line('seeds: re-index, nothing changed', `${format(summary.seconds, 2)} s (${summary.embedded} embedded)`);
  await queryLatency(seeds.indexDir, embedder, 'seeds');

  const news2k = join(SHARED, 'corpus', 'news-2k.jsonl');
  if (existsSync(news2k)) {
    const mixed = workspace('news2k', news2k);
    summary = await build(mixed.docsDir, mixed.indexDir, embedder);
    line('seeds + news-2k: cold index build', `${format(summary.seconds, 1)} s (${summary.chunks} chunks)`);
    summary = await build(mixed.docsDir, mixed.indexDir, embedder);
    line('seeds + news-2k: re-index, nothing changed', `${format(summary.seconds, 2)} s`);
    await queryLatency(mixed.indexDir, embedder, 'seeds + news-2k');
    const texts = (await loadSources(mixed.docsDir, silentLogger)).documents
      .flatMap((document) => chunkDocument(parseDocument(document), config.CHUNK_SIZE))
      .map(embeddingText);
    const sample = texts.filter((_, index) => index % 4 === 0).slice(0, 800);
    line(
      'embedding sample',
      `${sample.length} chunks, ~${Math.round(sample.reduce((s, t) => s + estimateTokens(t), 0) / sample.length)} tokens each, ${
        planBatches(
          sample.map((t) => estimateTokens(t)),
          config.EMBEDDING_BATCH_TOKENS,
        ).length
      } budgeted batches`,
    );
    await embeddingThroughput(embedder, sample);
  } else line('seeds + news-2k', 'skipped (no ../shared/corpus/news-2k.jsonl)');

  if (scale) execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'scale.ts')], { stdio: 'inherit' });
  line('peak RSS', `${format(process.resourceUsage().maxRSS / 1024, 0)} MiB`);
  // The other benchmarks run in their own processes so their load does not skew each other.
  for (const script of ['match-quality.ts', 'llm-overhead.ts', 'feishu-load.ts', 'ocr.ts']) {
    process.stdout.write(`\n== ${script}\n`);
    execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, script)], { stdio: 'inherit' });
  }
}

await main();
