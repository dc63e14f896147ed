import type { Queryable } from '../../postgres/index.js';
import { BM25, type ScoredChunk } from '../bm25.js';
import type { ImpactIndex, WeightedTerm } from '../exact-top-k.js';

// The lexical half of the knowledge index in PostgreSQL: postings stored with their BM25 weight (IDF
// aside), each chunk's own term weights for whole scores, and the two ways to search them.

/**
 * BM25's per-term weight of a chunk without the IDF: tf·(k1+1) / (tf + k1·(1 − b + b·length/avgdl)).
 * Stored with each posting, so a search reads each term's postings best first.
 */
function termWeight(tf: number, length: number, averageLength: number): number {
  return (tf * (BM25.k1 + 1)) / (tf + BM25.k1 * (1 - BM25.b + (BM25.b * length) / averageLength));
}

/** A chunk's distinct terms with their BM25 weights (no IDF). */
export function termWeights(terms: string[], averageLength: number): Array<{ term: string; weight: number }> {
  const counts = new Map<string, number>();
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  return [...counts].map(([term, tf]) => ({ term, weight: termWeight(tf, terms.length, averageLength) }));
}

/**
 * Σ idf·weight over every posting of `terms`, per chunk, in SQL: of the given `chunks` only, when
 * given; only sums beyond `above`; the best `limit` only.
 */
async function summedPostings(
  database: Queryable,
  generation: number,
  terms: WeightedTerm[],
  options: { chunks?: number[]; above?: number; limit?: number },
): Promise<ScoredChunk[]> {
  const values: unknown[] = [terms.map((term) => term.term), terms.map((term) => term.idf)];
  const parameter = (value: unknown): string => `$${values.push(value)}`;
  const result = await database.query<{ idx: number; score: number }>(
    `SELECT p.idx, SUM(q.idf * p.weight) AS score
     FROM unnest($1::text[], $2::float8[]) AS q(term, idf)
     JOIN kb_postings p ON p.generation = ${generation} AND p.term = q.term
     ${options.chunks === undefined ? '' : `WHERE p.idx = ANY(${parameter(options.chunks)}::int[])`}
     GROUP BY p.idx ${options.above === undefined ? '' : `HAVING SUM(q.idf * p.weight) > ${parameter(options.above)}`}
     ${options.limit === undefined ? '' : `ORDER BY score DESC, p.idx LIMIT ${Math.floor(options.limit)}`}`,
    values,
  );
  return result.rows.map((row) => ({ chunkIndex: row.idx, score: Number(row.score) }));
}

/** Every posting of every query term, summed in SQL: exact, and slow for common terms on a large corpus. */
export function exhaustiveLexical(database: Queryable, generation: number, terms: WeightedTerm[], limit: number): Promise<ScoredChunk[]> {
  return summedPostings(database, generation, terms, { limit });
}

/** The exact search's access to one generation: postings best first, and whole scores from each chunk's term weights. */
export function impactIndex(database: Queryable, generation: number): ImpactIndex {
  return {
    async topPostings(terms, take) {
      const result = await database.query<{ term: string; idx: number; weight: number }>(
        `SELECT q.term, p.idx, p.weight
         FROM unnest($1::text[]) AS q(term)
         CROSS JOIN LATERAL (
           SELECT idx, weight FROM kb_postings WHERE generation = ${generation} AND term = q.term
           ORDER BY weight DESC, idx LIMIT $2
         ) AS p`,
        [terms, take],
      );
      const byTerm = new Map<string, Array<{ chunkIndex: number; weight: number }>>();
      for (const row of result.rows) {
        const list = byTerm.get(row.term) ?? [];
        list.push({ chunkIndex: row.idx, weight: Number(row.weight) });
        byTerm.set(row.term, list);
      }
      for (const list of byTerm.values()) list.sort((a, b) => b.weight - a.weight || a.chunkIndex - b.chunkIndex);
      return byTerm;
    },
    async partialScores(terms, above, limit) {
      const sums = await summedPostings(database, generation, terms, { above, ...(limit === undefined ? {} : { limit }) });
      return new Map(sums.map((sum) => [sum.chunkIndex, sum.score]));
    },
    async scores(chunkIndexes, terms) {
      if (chunkIndexes.length === 0) return new Map();
      // a large batch in two halves on two connections: the server scores them on two cores
      if (chunkIndexes.length >= PARALLEL_SCORES) {
        const half = Math.ceil(chunkIndexes.length / 2);
        const parts = await Promise.all([
          scoreChunks(database, generation, chunkIndexes.slice(0, half), terms),
          scoreChunks(database, generation, chunkIndexes.slice(half), terms),
        ]);
        return new Map(parts.flatMap((part) => [...part]));
      }
      return scoreChunks(database, generation, chunkIndexes, terms);
    },
  };
}

/** Chunks per batch from which the full scores are computed in two halves at once. */
const PARALLEL_SCORES = 100;

/** Σ idf·weight of each chunk from its stored term weights (from its postings for older generations). */
async function scoreChunks(
  database: Queryable,
  generation: number,
  chunkIndexes: number[],
  terms: WeightedTerm[],
): Promise<Map<number, number>> {
  const result = await database.query<{ idx: number; score: number | null }>(
    `SELECT c.idx, CASE WHEN c.terms IS NULL THEN NULL ELSE (
       SELECT coalesce(sum(q.idf * w.weight), 0) FROM unnest(c.terms, c.term_weights) AS w(term, weight) JOIN unnest($2::text[], $3::float8[]) AS q(term, idf) USING (term)
     ) END AS score
     FROM kb_chunks c WHERE c.generation = ${generation} AND c.idx = ANY($1::int[])`,
    [chunkIndexes, terms.map((term) => term.term), terms.map((term) => term.idf)],
  );
  const scores = new Map(result.rows.flatMap((row) => (row.score === null ? [] : [[row.idx, Number(row.score)] as const])));
  // a generation written before its chunks kept their term weights: score those from the postings
  const missing = result.rows.filter((row) => row.score === null).map((row) => row.idx);
  if (missing.length > 0) {
    for (const sum of await summedPostings(database, generation, terms, { chunks: missing })) scores.set(sum.chunkIndex, sum.score);
  }
  return scores;
}
