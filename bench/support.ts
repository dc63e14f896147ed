// Shared helpers of the benchmarks: percentiles, timing, a dev-set runner.
import { readFileSync } from 'node:fs';
import { createAsker, type Ask } from '../src/answer/index.js';
import { evalItemSchema, scoreOutcome, summarize, type EvalItem, type EvalSummary } from '../src/cli/eval-metrics.js';
import type { Embedder } from '../src/embed/index.js';
import { buildIndex, loadIndex, type BuildSummary } from '../src/index/index.js';
import { loadConfig } from '../src/config/index.js';
import { silentLogger } from '../src/log/index.js';
import { createRetriever, DEFAULT_WEIGHTS, type RetrievalWeights } from '../src/retrieve/index.js';
import type { TokenizerMode } from '../src/text/index.js';

/** The p-th percentile (0–100) of a list of numbers. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export function readEvalFile(file: string): EvalItem[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => evalItemSchema.parse(JSON.parse(line)));
}

export async function build(
  docsDir: string,
  indexDir: string,
  embedder: Embedder,
  chunkSize = loadConfig().CHUNK_SIZE,
  tokenizer: TokenizerMode = 'both',
): Promise<BuildSummary> {
  return buildIndex({ docsDir, indexDir, chunkSize, tokenizer, embedder, logger: silentLogger });
}

export function askerFor(indexDir: string, embedder: Embedder, weights: RetrievalWeights = DEFAULT_WEIGHTS): Ask {
  const index = loadIndex(indexDir);
  return createAsker({ index, retriever: createRetriever(index, embedder, weights), maxQuestionChars: 500 });
}

/** Runs the eval set through an asker: metrics and per-question latencies. */
export async function runEval(ask: Ask, items: EvalItem[]): Promise<{ summary: EvalSummary; latencies: number[] }> {
  const outcomes = [];
  const latencies: number[] = [];
  for (const item of items) {
    const started = performance.now();
    const result = await ask({ id: item.id, question: item.question });
    latencies.push(performance.now() - started);
    outcomes.push(scoreOutcome(item, result));
  }
  return { summary: summarize(outcomes), latencies };
}

export function format(value: number, digits = 1): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}
