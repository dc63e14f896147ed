// MaxScore over impact-ordered postings, against brute force on random corpora (pure: the index is
// plain arrays behind the ImpactIndex interface).
import { describe, expect, it } from 'vitest';
import { exactTopK, type ImpactIndex, type WeightedTerm } from '../../src/index/exact-top-k.js';

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/**
 * A corpus with Zipf-like term frequencies (a few terms in most chunks, most terms in a few), weighted
 * as BM25 weighs a term in a chunk: tf·(k1+1) / (tf + k1), chunks all of one length.
 */
function corpus(chunks: number, vocabulary: number, seed: number): Map<string, Map<number, number>> {
  const next = random(seed);
  const counts = new Map<string, Map<number, number>>();
  for (let chunk = 0; chunk < chunks; chunk += 1) {
    for (let draw = 0; draw < 30; draw += 1) {
      const term = `t${Math.floor(vocabulary ** next())}`;
      const list = counts.get(term) ?? new Map<number, number>();
      list.set(chunk, (list.get(chunk) ?? 0) + 1);
      counts.set(term, list);
    }
  }
  return new Map([...counts].map(([term, list]) => [term, new Map([...list].map(([chunk, tf]) => [chunk, (tf * 2.2) / (tf + 1.2)]))]));
}

function memoryIndex(postings: Map<string, Map<number, number>>): ImpactIndex & { read: number } {
  const sorted = new Map(
    [...postings].map(([term, list]) => [
      term,
      [...list].map(([chunkIndex, weight]) => ({ chunkIndex, weight })).sort((a, b) => b.weight - a.weight || a.chunkIndex - b.chunkIndex),
    ]),
  );
  const index = {
    read: 0,
    async topPostings(terms: string[], take: number) {
      return new Map(
        terms.map((term) => {
          const rows = (sorted.get(term) ?? []).slice(0, take);
          index.read += rows.length;
          return [term, rows] as const;
        }),
      );
    },
    async partialScores(terms: WeightedTerm[], above: number, limit?: number) {
      const sums = new Map<number, number>();
      for (const term of terms) {
        for (const [chunk, weight] of postings.get(term.term) ?? []) {
          index.read += 1;
          sums.set(chunk, (sums.get(chunk) ?? 0) + term.idf * weight);
        }
      }
      const kept = [...sums].filter(([, sum]) => sum > above).sort((a, b) => b[1] - a[1]);
      return new Map(limit === undefined ? kept : kept.slice(0, limit));
    },
    async scores(chunkIndexes: number[], terms: WeightedTerm[]) {
      return new Map(
        chunkIndexes.map((chunk) => [chunk, terms.reduce((sum, term) => sum + term.idf * (postings.get(term.term)?.get(chunk) ?? 0), 0)]),
      );
    },
  };
  return index;
}

function bruteForce(
  postings: Map<string, Map<number, number>>,
  terms: WeightedTerm[],
  limit: number,
): Array<{ chunkIndex: number; score: number }> {
  const scores = new Map<number, number>();
  for (const term of terms)
    for (const [chunk, weight] of postings.get(term.term) ?? []) scores.set(chunk, (scores.get(chunk) ?? 0) + term.idf * weight);
  return [...scores]
    .map(([chunkIndex, score]) => ({ chunkIndex, score }))
    .sort((a, b) => b.score - a.score || a.chunkIndex - b.chunkIndex)
    .slice(0, limit);
}

describe('exactTopK (MaxScore)', () => {
  const postings = corpus(3_000, 2_000, 7);
  const next = random(99);
  const queries = Array.from({ length: 60 }, () =>
    Array.from({ length: 1 + Math.floor(next() * 12) }, () => {
      const term = `t${Math.floor(2_000 ** next())}`;
      return { term, idf: Math.log(1 + 3_000 / (1 + (postings.get(term)?.size ?? 0))) };
    }).filter((term, position, all) => all.findIndex((other) => other.term === term.term) === position),
  );

  it('returns exactly the brute-force top k, scores and order, for common and rare terms alike', async () => {
    for (const terms of queries) {
      for (const limit of [1, 10, 50]) {
        const found = await exactTopK(memoryIndex(postings), terms, limit, { firstDepth: limit });
        const expected = bruteForce(postings, terms, limit);
        expect(found?.map((hit) => hit.chunkIndex)).toEqual(expected.map((hit) => hit.chunkIndex));
        found?.forEach((hit, position) => expect(hit.score).toBeCloseTo(expected[position]?.score ?? -1, 9));
      }
    }
  });

  it('skips the long lists of common terms when rarer ones decide the top k', async () => {
    const idf = (term: string): number => Math.log(1 + 3_000 / (1 + (postings.get(term)?.size ?? 0)));
    const rare = [...postings.keys()].filter((term) => (postings.get(term)?.size ?? 0) <= 20);
    const common = [...postings.keys()].filter((term) => (postings.get(term)?.size ?? 0) >= 300);
    let read = 0;
    let available = 0;
    for (let query = 0; query < 30; query += 1) {
      // a question's few distinctive words beside many everyday ones
      const terms = [...rare.slice(query * 2, query * 2 + 2), ...common.slice(query % 5, (query % 5) + 6)].map((term) => ({
        term,
        idf: idf(term),
      }));
      const index = memoryIndex(postings);
      const found = await exactTopK(index, terms, 10);
      expect(found.map((hit) => hit.chunkIndex)).toEqual(bruteForce(postings, terms, 10).map((hit) => hit.chunkIndex));
      read += index.read;
      available += terms.reduce((sum, term) => sum + (postings.get(term.term)?.size ?? 0), 0);
    }
    expect(common.length).toBeGreaterThan(10);
    expect(read).toBeLessThan(available * 0.5);
  });

  it('with a score budget, still returns chunks in exact score order, and the exact top k when the budget suffices', async () => {
    for (const terms of queries.slice(0, 20)) {
      const found = await exactTopK(memoryIndex(postings), terms, 10, { scoreBudget: 5 });
      const scores = found.map((hit) => hit.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      const exact = bruteForce(postings, terms, 10);
      found.forEach((hit) =>
        expect(hit.score).toBeCloseTo(exact.find((other) => other.chunkIndex === hit.chunkIndex)?.score ?? hit.score, 9),
      );
      expect((await exactTopK(memoryIndex(postings), terms, 10, { scoreBudget: 100_000 })).map((hit) => hit.chunkIndex)).toEqual(
        exact.map((hit) => hit.chunkIndex),
      );
    }
  });

  it('finds nothing for unknown terms and needs no second pass when every list ends in the first', async () => {
    expect(await exactTopK(memoryIndex(postings), [{ term: 'nowhere', idf: 3 }], 10)).toEqual([]);
    const rare = [...postings]
      .filter(([, list]) => list.size <= 3)
      .slice(0, 3)
      .map(([term]) => ({ term, idf: 2 }));
    const index = memoryIndex(postings);
    const found = await exactTopK(index, rare, 10);
    expect(found.map((hit) => hit.chunkIndex)).toEqual(bruteForce(postings, rare, 10).map((hit) => hit.chunkIndex));
    expect(index.read).toBe(rare.reduce((sum, term) => sum + (postings.get(term.term)?.size ?? 0), 0));
  });
});
