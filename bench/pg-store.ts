// `npm run bench -- --store postgres [--chunks N] [--real N] [--corpus news-2k|news-20k] [--database-url URL]`:
// the knowledge index in-process (hnswlib + in-memory BM25) against PostgreSQL (pgvector HNSW + impact-
// ordered postings, exact BM25 top-k by MaxScore) at N chunks. Real embeddings of up to
// --real news chunks (cached in knowledge/bench-cache; `--embed-only` just fills the cache), repeated
// with noise up to N. Prints ingest rate, retrieval p50/p95 (dense alone, lexical both ways, hybrid:
// dense + lexical + the chunks' rows), recall@10 against exact search, agreement with exact BM25, and RSS.
// PostgreSQL is PGlite with pgvector in this process unless --database-url names a server with pgvector.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/index.js';
import { createTransformersEmbedder, EmbeddingCache, embeddingKey } from '../src/embed/index.js';
import { chunkDocument, loadSources, parseDocument, type Chunk } from '../src/ingest/index.js';
import { buildLexicalIndex, buildVectorStore, embeddingText, lexicalText, searchBm25, type Manifest } from '../src/index/index.js';
import {
  currentGeneration,
  postgresSearch,
  prepareKnowledgeSchema,
  writeGeneration,
  type GenerationRow,
} from '../src/index/store/postgres-knowledge.js';
import { silentLogger } from '../src/log/index.js';
import { openDatabase, type Database } from '../src/postgres/index.js';
import { keyTerms } from '../src/retrieve/index.js';
import { queryTerms } from '../src/retrieve/retriever.js';
import { lexicalTerms } from '../src/text/index.js';
import { pgliteDatabase } from '../test/support/pglite.js';
import { format, percentile, readEvalFile } from './support.js';

const { values: flags } = parseArgs({
  args: process.argv.slice(2),
  options: {
    chunks: { type: 'string' },
    real: { type: 'string' },
    corpus: { type: 'string' },
    'embed-only': { type: 'boolean' },
    'database-url': { type: 'string' },
    'no-pglite': { type: 'boolean' },
    keep: { type: 'boolean' },
    store: { type: 'string' },
  },
  strict: false,
});
const TARGET = Number(flags.chunks ?? 20_000);
const REAL = Math.min(TARGET, Number(flags.real ?? 3_000));
const CORPUS = typeof flags.corpus === 'string' ? flags.corpus : 'news-2k';
const QUERIES = 100;
const keep = flags.keep === true;
const NOISE = 0.02;
// a noisy copy keeps each of its chunk's terms with this probability, so copies differ in words too
const KEEP_TERM = 0.85;

const shared = join(import.meta.dirname, '..', '..', 'shared');
const newsFile = join(shared, 'corpus', `${CORPUS}.jsonl`);
if (!existsSync(newsFile)) {
  process.stdout.write(`skipped: no ../shared/corpus/${CORPUS}.jsonl\n`);
  process.exit(0);
}
const line = (label: string, value: string): void => void process.stdout.write(`${label.padEnd(58)} ${value}\n`);
const rss = (): number => process.memoryUsage().rss / 1024 / 1024;
const config = loadConfig();

// 1. real chunks and their embeddings (cached across runs in knowledge/bench-cache), then noisy copies up to TARGET
const { mkdtempSync, copyFileSync } = await import('node:fs');
const { tmpdir } = await import('node:os');
const docsDir = mkdtempSync(join(tmpdir(), 'policy-bot-pgbench-'));
copyFileSync(newsFile, join(docsDir, 'news.jsonl'));
const chunks: Chunk[] = (await loadSources(docsDir, silentLogger)).documents
  .flatMap((document) => chunkDocument(parseDocument(document), config.CHUNK_SIZE))
  .slice(0, REAL);
const embedder = await createTransformersEmbedder({ modelId: config.EMBEDDING_MODEL_ID, workers: config.EMBEDDING_WORKERS });
let started = performance.now();
const realVectors = await cachedEmbeddings(chunks.map(embeddingText));
line(`embedded ${chunks.length} real news chunks (${CORPUS})`, `${format((performance.now() - started) / 1000)} s`);
if (flags['embed-only'] === true) process.exit(0);

/** Passage vectors from the bench cache, embedding (and caching, 2,000 at a time) only what is missing. */
async function cachedEmbeddings(texts: string[]): Promise<Float32Array[]> {
  const cacheKey = embedder.cacheKey ?? embedder.modelId;
  const cache = new EmbeddingCache(
    join(import.meta.dirname, '..', 'knowledge', 'bench-cache', `${cacheKey.replace(/[^\w.-]+/g, '_')}.bin`),
    embedder.dimensions,
  );
  const keys = texts.map((text) => embeddingKey(cacheKey, text));
  const missing = texts.map((_, position) => position).filter((position) => !cache.get(keys[position]!));
  for (let offset = 0; offset < missing.length; offset += 2_000) {
    const batch = missing.slice(offset, offset + 2_000);
    const vectors = await embedder.embed(
      batch.map((position) => texts[position]!),
      'passage',
    );
    batch.forEach((position, index) => cache.set(keys[position]!, vectors[index]!));
    cache.flush();
    process.stderr.write(`embedded ${Math.min(offset + 2_000, missing.length)} / ${missing.length}\r`);
  }
  return keys.map((key) => cache.get(key)!);
}

let seed = 42;
const random = (): number => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const gaussian = (): number => Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
const rows: GenerationRow[] = [];
for (let position = 0; position < TARGET; position += 1) {
  const source = position % chunks.length;
  const base = realVectors[source] ?? new Float32Array(embedder.dimensions);
  const vector = position < chunks.length ? base : base.map((value) => value + NOISE * gaussian());
  const norm = Math.hypot(...vector);
  const chunk = chunks[source]!;
  const terms = lexicalTerms(lexicalText(chunk), 'both');
  rows.push({
    chunk: { ...chunk, id: `${chunk.id ?? chunk.source}~${position}` },
    vector: vector.map((value) => value / norm),
    terms: position < chunks.length ? terms : terms.filter(() => random() < KEEP_TERM),
  });
}
line(
  'chunks in the index',
  `${rows.length} (${chunks.length} real, the rest noisy copies: vectors σ=${NOISE}, ${Math.round(KEEP_TERM * 100)} % of terms kept)`,
);

// 2. queries: the dev questions and news sentences, embedded as queries
const policyQuestions = readEvalFile(join(shared, 'eval', 'dev.jsonl')).map((item) => item.question);
const questions = [
  ...policyQuestions,
  ...chunks.filter((_, position) => position % 37 === 0).map((chunk) => chunk.text.split(/[。！？\n]/)[0]?.slice(0, 40) ?? ''),
]
  .filter((question) => question.length > 4)
  .slice(0, QUERIES);
const queryVectors = await embedder.embed(questions, 'query');
// other news sentences, run once before timing: a serving database is warm, but not with these queries
const warmUp = chunks
  .filter((_, position) => position % 37 === 18)
  .map((chunk) => chunk.text.split(/[。！？\n]/)[0]?.slice(0, 40) ?? '')
  .filter((question) => question.length > 4)
  .slice(0, 50);
const warmUpVectors = await embedder.embed(warmUp, 'query');
const exactTop = (vector: Float32Array): number[] =>
  rows
    .map((row, position) => {
      let dot = 0;
      for (let dimension = 0; dimension < vector.length; dimension += 1) dot += (row.vector[dimension] ?? 0) * (vector[dimension] ?? 0);
      return { position, dot };
    })
    .sort((a, b) => b.dot - a.dot)
    .slice(0, 10)
    .map((hit) => hit.position);
const exact = queryVectors.map((vector) => exactTop(vector));

// 3. in-process: hnswlib + BM25 in memory
let before = rss();
started = performance.now();
const vectors = buildVectorStore(
  rows.map((row) => row.vector),
  embedder.dimensions,
);
const lexical = buildLexicalIndex(rows.map((row) => row.terms));
line(
  'in-process: build (hnswlib + BM25)',
  `${format((performance.now() - started) / 1000)} s, ${format(rows.length / ((performance.now() - started) / 1000), 0)} chunks/s, +${format(rss() - before, 0)} MiB RSS`,
);
const measure = async (run: (index: number) => Promise<unknown> | unknown): Promise<number[]> => {
  const latencies: number[] = [];
  for (let index = 0; index < questions.length; index += 1) {
    const begin = performance.now();
    await run(index);
    latencies.push(performance.now() - begin);
  }
  return latencies;
};
const termsOf = (index: number): string[] => queryTerms(questions[index] ?? '', keyTerms(questions[index] ?? ''), 'both');
let recall = 0;
const hnswDense = await measure((index) => {
  const hits = vectors.search(queryVectors[index]!, 10);
  recall += hits.filter((hit) => exact[index]?.includes(hit.chunkIndex)).length;
});
line(
  'in-process: dense p50 / p95, recall@10',
  `${format(percentile(hnswDense, 50), 2)} / ${format(percentile(hnswDense, 95), 2)} ms, ${format(recall / (questions.length * 10), 3)}`,
);
const hybridLocal = await measure((index) => {
  vectors.search(queryVectors[index]!, 50);
  searchBm25(lexical, termsOf(index), 50);
});
line(
  'in-process: hybrid (dense 50 + BM25 50) p50 / p95',
  `${format(percentile(hybridLocal, 50), 2)} / ${format(percentile(hybridLocal, 95), 2)} ms`,
);

// 4. PostgreSQL: pgvector + postings (skipped with --no-pglite when no pgvector server is given)
const skipPglite = flags['no-pglite'] === true && typeof flags['database-url'] !== 'string';
const manifest: Manifest = {
  version: 1,
  buildId: 'bench',
  modelId: embedder.modelId,
  dimensions: embedder.dimensions,
  tokenizer: 'both',
  chunkSize: config.CHUNK_SIZE,
  builtAt: new Date().toISOString(),
  documents: {},
  counts: { documents: 0, chunks: rows.length },
};
if (!skipPglite) {
  const url = typeof flags['database-url'] === 'string' ? flags['database-url'] : undefined;
  before = rss();
  const database: Database = url
    ? await openDatabase({ url, schema: 'policybot_bench', migrations: [], settings: { 'hnsw.ef_search': 100 } })
    : await pgliteDatabase();
  // --keep: the schema stays after the run, and a later run with the same corpus and size reuses it
  const kept = url && keep ? await currentGeneration(database).catch(() => undefined) : undefined;
  const reuse = kept?.chunkCount === rows.length;
  if (url && !reuse) {
    await database.query('DROP SCHEMA IF EXISTS policybot_bench CASCADE');
    await database.query('CREATE SCHEMA policybot_bench');
  }
  await prepareKnowledgeSchema(database);
  started = performance.now();
  if (!reuse) await writeGeneration(database, manifest, rows);
  const ingestSeconds = (performance.now() - started) / 1000;
  await database.query('ANALYZE');
  if (reuse) line('postgres (server): ingest', 'skipped, the kept generation reused (--keep)');
  else
    line(
      `postgres (${url ? 'server' : 'PGlite in-process'}): ingest incl. HNSW build`,
      `${format(ingestSeconds)} s, ${format(rows.length / ingestSeconds, 0)} chunks/s, +${format(rss() - before, 0)} MiB RSS`,
    );
  // every pooled connection of the server has it from its start options; PGlite is one session
  if (!url) await database.query('SET hnsw.ef_search = 100');
  const generation = (await currentGeneration(database))!;
  const search = postgresSearch(database, generation);
  for (const [position, question] of warmUp.entries()) {
    await Promise.all([search.dense(warmUpVectors[position]!, 50), search.lexical(queryTerms(question, keyTerms(question), 'both'), 50)]);
  }
  recall = 0;
  const pgDense = await measure(async (index) => {
    const hits = await search.dense(queryVectors[index]!, 10);
    recall += hits.filter((hit) => exact[index]?.includes(hit.chunkIndex)).length;
  });
  line(
    'postgres: dense p50 / p95, recall@10 (ef_search 100)',
    `${format(percentile(pgDense, 50), 2)} / ${format(percentile(pgDense, 95), 2)} ms, ${format(recall / (questions.length * 10), 3)}`,
  );
  // exact BM25's top 10 per query, computed in memory before timing; copies tie, so a hit counts when it
  // scores as high as the exact 10th (no lexical match at all agrees with an empty answer)
  const exactTops = questions.map((_, index) => searchBm25(lexical, termsOf(index), 10));
  const agreementOf = (index: number, hits: Array<{ score: number }>): number => {
    const top = exactTops[index] ?? [];
    const tenth = top.at(-1)?.score ?? 0;
    return top.length === 0 ? (hits.length === 0 ? 1 : 0) : hits.filter((hit) => hit.score >= tenth - 1e-6).length / top.length;
  };
  for (const [label, lexicalSearch] of [
    ['default', search],
    ['MaxScore, bounded', postgresSearch(database, generation, { lexical: 'bounded' })],
    ['MaxScore, exact', postgresSearch(database, generation, { lexical: 'exact' })],
    ['every posting summed', postgresSearch(database, generation, { lexical: 'sum' })],
  ] as const) {
    let agreement = 0;
    const pgLexical = await measure(async (index) => {
      agreement += agreementOf(index, await lexicalSearch.lexical(termsOf(index), 10));
    });
    line(
      `postgres: lexical (${label}) p50 / p95, top-10 = exact`,
      `${format(percentile(pgLexical, 50), 2)} / ${format(percentile(pgLexical, 95), 2)} ms, ${format(agreement / questions.length, 3)}`,
    );
  }
  // a search of its own: the rows the dense runs above kept in memory would flatter it
  const hybridSearch = postgresSearch(database, generation);
  const pgHybrid = await measure(async (index) => {
    const [dense, lexicalHits] = await Promise.all([
      hybridSearch.dense(queryVectors[index]!, 50),
      hybridSearch.lexical(termsOf(index), 50),
    ]);
    // every candidate's row, as the retriever needs them for its section and intent bonuses
    await hybridSearch.chunks([...new Set([...dense, ...lexicalHits].map((hit) => hit.chunkIndex))]);
  });
  line(
    'postgres: hybrid (dense 50 + BM25 50 + chunk rows) p50 / p95',
    `${format(percentile(pgHybrid, 50), 2)} / ${format(percentile(pgHybrid, 95), 2)} ms`,
  );
  // the dev set's policy questions (short) apart from the news sentences (40 characters of common words)
  const policyHybrid = pgHybrid.slice(0, policyQuestions.length);
  line(
    'postgres: hybrid, policy questions only, p50 / p95',
    `${format(percentile(policyHybrid, 50), 2)} / ${format(percentile(policyHybrid, 95), 2)} ms`,
  );
  if (url) {
    const size = await database.query<{ size: string }>(
      "SELECT pg_size_pretty(sum(pg_total_relation_size(c.oid))) AS size FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'policybot_bench' AND c.relkind = 'r'",
    );
    line('postgres: size on disk (tables with their indexes)', size.rows[0]?.size ?? '?');
    if (!keep) await database.query('DROP SCHEMA policybot_bench CASCADE');
  }
  await database.close();
}
line('peak RSS of this process', `${format(process.resourceUsage().maxRSS / 1024, 0)} MiB`);
