// Where the PostgreSQL lexical search spends its time, query by query, on the schema a
// `npm run bench -- --store postgres --corpus news-20k --chunks 100000 --keep --database-url URL` run left:
//   npx tsx bench/lexical-profile.ts [LIMIT=10] [SCORE_BUDGET|''] [all|dev]
// Prints p50/p95 of each step (first-pass postings, essential sums, full scores) and the agreement
// of the top LIMIT with the exact search.
import { join } from 'node:path';
import { loadConfig } from '../src/config/index.js';
import { chunkDocument, loadSources, parseDocument } from '../src/ingest/index.js';
import { idfFromCounts } from '../src/index/bm25.js';
import { currentGeneration } from '../src/index/store/postgres-knowledge.js';
import { impactIndex } from '../src/index/store/postgres-lexical.js';
import { exactTopK, type ImpactIndex } from '../src/index/exact-top-k.js';
import { silentLogger } from '../src/log/index.js';
import { openDatabase } from '../src/postgres/index.js';
import { keyTerms } from '../src/retrieve/index.js';
import { queryTerms } from '../src/retrieve/retriever.js';
import { percentile, readEvalFile } from './support.js';

const config = loadConfig();
const shared = join(import.meta.dirname, '..', '..', 'shared');
const { mkdtempSync, copyFileSync } = await import('node:fs');
const { tmpdir } = await import('node:os');
const docsDir = mkdtempSync(join(tmpdir(), 'lp-'));
copyFileSync(join(shared, 'corpus', 'news-20k.jsonl'), join(docsDir, 'news.jsonl'));
const chunks = (await loadSources(docsDir, silentLogger)).documents.flatMap((document) =>
  chunkDocument(parseDocument(document), config.CHUNK_SIZE),
);
const devQuestions = readEvalFile(join(shared, 'eval', 'dev.jsonl')).map((item) => item.question);
const questions = [
  ...devQuestions,
  ...chunks.filter((_, position) => position % 37 === 0).map((chunk) => chunk.text.split(/[。！？\n]/)[0]?.slice(0, 40) ?? ''),
]
  .filter((question) => question.length > 4)
  .slice(0, process.argv[4] === 'dev' ? devQuestions.length : 100);
const database = await openDatabase({ url: 'postgres://postgres@127.0.0.1:5432/test', schema: 'policybot_bench', migrations: [] });
const generation = (await currentGeneration(database))!;
const limit = Number(process.argv[2] ?? 10);
const budget = process.argv[3] ? Number(process.argv[3]) : undefined;
const rows: Array<Record<string, number> & { totalMs: number }> = [];
for (const question of questions) {
  const terms = [...new Set(queryTerms(question, keyTerms(question), 'both'))];
  const frequencies = await database.query<{ term: string; df: number }>(
    `SELECT term, df FROM kb_terms WHERE generation = ${generation.id} AND term = ANY($1::text[])`,
    [terms],
  );
  const weighted = frequencies.rows.map((row) => ({ term: row.term, idf: idfFromCounts(generation.chunkCount, row.df) }));
  const base = impactIndex(database, generation.id);
  const stats = {
    agree: 0,
    terms: weighted.length,
    essential: 0,
    partial: 0,
    partialMs: 0,
    postings: 0,
    postingsMs: 0,
    scored: 0,
    scoresMs: 0,
    totalMs: 0,
  };
  const index: ImpactIndex = {
    async topPostings(termList, take) {
      const start = performance.now();
      const result = await base.topPostings(termList, take);
      stats.postingsMs += performance.now() - start;
      for (const list of result.values()) stats.postings += list.length;
      return result;
    },
    async partialScores(essential, above, most) {
      const start = performance.now();
      const result = await base.partialScores(essential, above, most);
      stats.partialMs += performance.now() - start;
      stats.essential = essential.length;
      stats.partial = result.size;
      return result;
    },
    async scores(indexes, termList) {
      const start = performance.now();
      const result = await base.scores(indexes, termList);
      stats.scoresMs += performance.now() - start;
      stats.scored += indexes.length;
      return result;
    },
  };
  const start = performance.now();
  const found = await exactTopK(index, weighted, limit, budget === undefined ? {} : { scoreBudget: budget });
  stats.totalMs = performance.now() - start;
  const exact = await exactTopK(base, weighted, limit);
  const tenth = exact.at(-1)?.score ?? 0;
  stats.agree = exact.length === 0 ? 1 : found.filter((hit) => hit.score >= tenth - 1e-6).length / exact.length;
  rows.push({ ...stats, found: found.length });
}
const column = (name: string): number[] => rows.map((row) => row[name] ?? 0);
console.log('agreement', (rows.reduce((sum, row) => sum + (row['agree'] ?? 0), 0) / rows.length).toFixed(3));
for (const name of ['terms', 'essential', 'partial', 'partialMs', 'postings', 'postingsMs', 'scored', 'scoresMs', 'totalMs']) {
  console.log(
    name.padEnd(12),
    'p50',
    percentile(column(name), 50).toFixed(1),
    'p95',
    percentile(column(name), 95).toFixed(1),
    'max',
    Math.max(...column(name)).toFixed(1),
  );
}
const slow = rows
  .map((row, position) => ({ question: questions[position], ...row }))
  .sort((a, b) => b.totalMs - a.totalMs)
  .slice(0, 5);
console.log(JSON.stringify(slow, null, 1));
await database.close();
