// `npm run bench -- --store postgres [--chunks N] [--database-url URL]`: the knowledge index in-process
// (hnswlib + in-memory BM25) against PostgreSQL (pgvector HNSW + postings table, BM25 in SQL) at N chunks.
// Real embeddings of news chunks, repeated with noise up to N. Prints ingest rate, retrieval p50/p95
// (dense alone and hybrid: dense + lexical + the chunks' rows), recall@10 against exact search, and RSS.
// PostgreSQL is PGlite with pgvector in this process unless --database-url names a server with pgvector.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/index.js';
import { createTransformersEmbedder } from '../src/embed/index.js';
import { chunkDocument, loadSources, parseDocument, type Chunk } from '../src/ingest/index.js';
import { buildLexicalIndex, buildVectorStore, embeddingText, lexicalText, searchBm25, type Manifest } from '../src/index/index.js';
import {
  averageTermCount,
  currentGeneration,
  insertPostings,
  postgresSearch,
  prepareKnowledgeSchema,
  recordDocumentFrequencies,
  writeGeneration,
  type GenerationRow,
} from '../src/index/postgres-knowledge.js';
import { silentLogger } from '../src/log/index.js';
import { openDatabase, type Database } from '../src/postgres/index.js';
import { keyTerms } from '../src/retrieve/index.js';
import { queryTerms } from '../src/retrieve/retriever.js';
import { lexicalTerms } from '../src/text/index.js';
import { pgliteDatabase } from '../test/support/pglite.js';
import { format, percentile, readEvalFile } from './support.js';

const { values: flags } = parseArgs({ args: process.argv.slice(2), options: { chunks: { type: 'string' }, real: { type: 'string' }, 'database-url': { type: 'string' }, 'lexical-url': { type: 'string' }, 'no-pglite': { type: 'boolean' }, store: { type: 'string' } }, strict: false });
const TARGET = Number(flags.chunks ?? 20_000);
const REAL = Math.min(TARGET, Number(flags.real ?? 3_000));
const QUERIES = 100;
const NOISE = 0.02;

const shared = join(import.meta.dirname, '..', '..', 'shared');
const newsFile = join(shared, 'corpus', 'news-2k.jsonl');
if (!existsSync(newsFile)) {
  process.stdout.write('skipped: no ../shared/corpus/news-2k.jsonl\n');
  process.exit(0);
}
const line = (label: string, value: string): void => void process.stdout.write(`${label.padEnd(58)} ${value}\n`);
const rss = (): number => process.memoryUsage().rss / 1024 / 1024;
const config = loadConfig();

// 1. real chunks and their embeddings, then noisy copies up to TARGET
const { mkdtempSync, copyFileSync } = await import('node:fs');
const { tmpdir } = await import('node:os');
const docsDir = mkdtempSync(join(tmpdir(), 'policy-bot-pgbench-'));
copyFileSync(newsFile, join(docsDir, 'news.jsonl'));
const chunks: Chunk[] = (await loadSources(docsDir, silentLogger)).documents.flatMap((document) => chunkDocument(parseDocument(document), config.CHUNK_SIZE)).slice(0, REAL);
const embedder = await createTransformersEmbedder({ modelId: config.EMBEDDING_MODEL_ID, workers: config.EMBEDDING_WORKERS });
let started = performance.now();
const realVectors = await embedder.embed(chunks.map(embeddingText), 'passage');
line(`embedded ${chunks.length} real news chunks`, `${format((performance.now() - started) / 1000)} s`);

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
  rows.push({ chunk: { ...chunk, id: `${chunk.id ?? chunk.source}~${position}` }, vector: vector.map((value) => value / norm), terms: lexicalTerms(lexicalText(chunk), 'both') });
}
line('chunks in the index', `${rows.length} (${chunks.length} real, the rest noisy copies, σ=${NOISE})`);

// 2. queries: the dev questions and news sentences, embedded as queries
const questions = [
  ...readEvalFile(join(shared, 'eval', 'dev.jsonl')).map((item) => item.question),
  ...chunks.filter((_, position) => position % 37 === 0).map((chunk) => chunk.text.split(/[。！？\n]/)[0]?.slice(0, 40) ?? ''),
].filter((question) => question.length > 4).slice(0, QUERIES);
const queryVectors = await embedder.embed(questions, 'query');
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
const vectors = buildVectorStore(rows.map((row) => row.vector), embedder.dimensions);
const lexical = buildLexicalIndex(rows.map((row) => row.terms));
line('in-process: build (hnswlib + BM25)', `${format((performance.now() - started) / 1000)} s, ${format(rows.length / ((performance.now() - started) / 1000), 0)} chunks/s, +${format(rss() - before, 0)} MiB RSS`);
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
line('in-process: dense p50 / p95, recall@10', `${format(percentile(hnswDense, 50), 2)} / ${format(percentile(hnswDense, 95), 2)} ms, ${format(recall / (questions.length * 10), 3)}`);
const hybridLocal = await measure((index) => {
  vectors.search(queryVectors[index]!, 50);
  searchBm25(lexical, termsOf(index), 50);
});
line('in-process: hybrid (dense 50 + BM25 50) p50 / p95', `${format(percentile(hybridLocal, 50), 2)} / ${format(percentile(hybridLocal, 95), 2)} ms`);

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
  const database: Database = url ? await openDatabase({ url, schema: 'policybot_bench' }) : await pgliteDatabase();
  await prepareKnowledgeSchema(database);
  started = performance.now();
  await writeGeneration(database, manifest, rows);
  const ingestSeconds = (performance.now() - started) / 1000;
  line(`postgres (${url ? 'server' : 'PGlite in-process'}): ingest incl. HNSW build`, `${format(ingestSeconds)} s, ${format(rows.length / ingestSeconds, 0)} chunks/s, +${format(rss() - before, 0)} MiB RSS`);
  await database.query('SET hnsw.ef_search = 100');
  const search = postgresSearch(database, (await currentGeneration(database))!);
  recall = 0;
  const pgDense = await measure(async (index) => {
    const hits = await search.dense(queryVectors[index]!, 10);
    recall += hits.filter((hit) => exact[index]?.includes(hit.chunkIndex)).length;
  });
  line('postgres: dense p50 / p95, recall@10 (ef_search 100)', `${format(percentile(pgDense, 50), 2)} / ${format(percentile(pgDense, 95), 2)} ms, ${format(recall / (questions.length * 10), 3)}`);
  const pgHybrid = await measure(async (index) => {
    const [dense, lexicalHits] = await Promise.all([search.dense(queryVectors[index]!, 50), search.lexical(termsOf(index), 50)]);
    await search.chunks([...new Set([...dense, ...lexicalHits].map((hit) => hit.chunkIndex))].slice(0, 60));
  });
  line('postgres: hybrid (dense 50 + BM25 50 + chunk rows) p50 / p95', `${format(percentile(pgHybrid, 50), 2)} / ${format(percentile(pgHybrid, 95), 2)} ms`);
  const pgLexical = await measure((index) => search.lexical(termsOf(index), 50));
  line('postgres: lexical alone (BM25 50 in SQL) p50 / p95', `${format(percentile(pgLexical, 50), 2)} / ${format(percentile(pgLexical, 95), 2)} ms`);
  await database.close();
}

// 5. `--lexical-url URL`: the lexical half alone (postings + BM25 in SQL, no pgvector needed) on a
// native server, to see how much of the PGlite time is WebAssembly
const lexicalUrl = typeof flags['lexical-url'] === 'string' ? flags['lexical-url'] : undefined;
if (lexicalUrl) {
  const native = await openDatabase({ url: lexicalUrl, schema: 'policybot_bench_lexical' });
  await native.query('DROP TABLE IF EXISTS kb_postings, kb_terms');
  await native.query('CREATE TABLE kb_postings (generation bigint NOT NULL, term text NOT NULL, idx integer NOT NULL, weight double precision NOT NULL)');
  await native.query('CREATE UNIQUE INDEX kb_postings_impact ON kb_postings (generation, term, weight DESC, idx)');
  await native.query('CREATE TABLE kb_terms (generation bigint NOT NULL, term text NOT NULL, df integer NOT NULL, PRIMARY KEY (generation, term))');
  const averageLength = averageTermCount(rows);
  started = performance.now();
  for (let offset = 0; offset < rows.length; offset += 500) await insertPostings(native, 1, rows.slice(offset, offset + 500), offset, averageLength);
  await recordDocumentFrequencies(native, 1);
  await native.query('ANALYZE kb_postings');
  line('native server: postings ingest', `${format((performance.now() - started) / 1000)} s`);
  const generation = { id: 1, manifest, dimensions: embedder.dimensions, chunkCount: rows.length, averageLength };
  // exact BM25's top 10 per query, computed before timing
  const exactTops = questions.map((_, index) => searchBm25(lexical, termsOf(index), 10));
  for (const impactLimit of [undefined, 2_000]) {
    const nativeSearch = postgresSearch(native, generation, impactLimit === undefined ? {} : { impactLimit });
    let agreement = 0;
    const nativeLexical = await measure(async (index) => {
      // copies share their terms, so ties are broken differently: a hit counts when it scores as high as exact BM25's 10th
      const hits = await nativeSearch.lexical(termsOf(index), 10);
      const exact = exactTops[index] ?? [];
      const tenth = exact.at(-1)?.score ?? 0;
      // no lexical match at all agrees with an empty answer
      agreement += exact.length === 0 ? (hits.length === 0 ? 1 : 0) : hits.filter((hit) => hit.score >= tenth - 1e-6).length / exact.length;
    });
    line(`native server: lexical ${impactLimit ? `(≤ ${impactLimit} postings a term)` : '(exact)'} p50 / p95, top-10 as good as exact`, `${format(percentile(nativeLexical, 50), 2)} / ${format(percentile(nativeLexical, 95), 2)} ms, ${format(agreement / questions.length, 3)}`);
  }
  await native.query('DROP SCHEMA policybot_bench_lexical CASCADE');
  await native.close();
}
line('peak RSS of this process', `${format(process.resourceUsage().maxRSS / 1024, 0)} MiB`);
