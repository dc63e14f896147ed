// The threshold search over impact-ordered postings, against brute force on random corpora (pure: the
// index is plain arrays behind the ImpactIndex interface).
import { describe, expect, it } from 'vitest';
import { thresholdTopK, type ImpactIndex, type WeightedTerm } from '../../src/index/threshold-top-k.js';

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/** A corpus with Zipf-like term frequencies: a few terms in most chunks, most terms in a few. */
function corpus(chunks: number, vocabulary: number, seed: number): Map<string, Map<number, number>> {
  const next = random(seed);
  const postings = new Map<string, Map<number, number>>();
  for (let chunk = 0; chunk < chunks; chunk += 1) {
    for (let draw = 0; draw < 30; draw += 1) {
      const term = `t${Math.floor(vocabulary ** next())}`;
      const list = postings.get(term) ?? new Map<number, number>();
      list.set(chunk, (list.get(chunk) ?? 0) + 0.3 + next());
      postings.set(term, list);
    }
  }
  return postings;
}

function memoryIndex(postings: Map<string, Map<number, number>>): ImpactIndex & { read: number } {
  const sorted = new Map([...postings].map(([term, list]) => [term, [...list].map(([chunkIndex, weight]) => ({ chunkIndex, weight })).sort((a, b) => b.weight - a.weight || a.chunkIndex - b.chunkIndex)]));
  const index = {
    read: 0,
    async postings(requests: Array<{ term: string; skip: number; take: number }>) {
      return new Map(
        requests.map((request) => {
          const rows = (sorted.get(request.term) ?? []).slice(request.skip, request.skip + request.take);
          index.read += rows.length;
          return [request.term, rows] as const;
        }),
      );
    },
    async scores(chunkIndexes: number[], terms: WeightedTerm[]) {
      return new Map(chunkIndexes.map((chunk) => [chunk, terms.reduce((sum, term) => sum + term.idf * (postings.get(term.term)?.get(chunk) ?? 0), 0)]));
    },
  };
  return index;
}

function bruteForce(postings: Map<string, Map<number, number>>, terms: WeightedTerm[], limit: number): Array<{ chunkIndex: number; score: number }> {
  const scores = new Map<number, number>();
  for (const term of terms) for (const [chunk, weight] of postings.get(term.term) ?? []) scores.set(chunk, (scores.get(chunk) ?? 0) + term.idf * weight);
  return [...scores].map(([chunkIndex, score]) => ({ chunkIndex, score })).sort((a, b) => b.score - a.score || a.chunkIndex - b.chunkIndex).slice(0, limit);
}

describe('thresholdTopK', () => {
  const postings = corpus(3_000, 2_000, 7);
  const total = [...postings.values()].reduce((sum, list) => sum + list.size, 0);
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
        const found = await thresholdTopK(memoryIndex(postings), terms, limit, { firstDepth: 8 });
        const expected = bruteForce(postings, terms, limit);
        expect(found?.map((hit) => hit.chunkIndex)).toEqual(expected.map((hit) => hit.chunkIndex));
        found?.forEach((hit, position) => expect(hit.score).toBeCloseTo(expected[position]?.score ?? -1, 9));
      }
    }
  });

  it('reads a fraction of the postings the query terms have', async () => {
    let read = 0;
    let available = 0;
    for (const terms of queries) {
      const index = memoryIndex(postings);
      await thresholdTopK(index, terms, 10);
      read += index.read;
      available += terms.reduce((sum, term) => sum + (postings.get(term.term)?.size ?? 0), 0);
    }
    expect(read).toBeLessThan(available * 0.5);
    expect(total).toBeGreaterThan(available / queries.length);
  });

  it('gives up (undefined) rather than read past maxDepth, and finds nothing for unknown terms', async () => {
    const common = [...postings].sort((a, b) => b[1].size - a[1].size).slice(0, 8).map(([term]) => ({ term, idf: 1 }));
    expect(await thresholdTopK(memoryIndex(postings), common, 50, { firstDepth: 1, maxDepth: 3 })).toBeUndefined();
    expect(await thresholdTopK(memoryIndex(postings), [{ term: 'nowhere', idf: 3 }], 10)).toEqual([]);
  });
});
