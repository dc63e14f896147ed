import type { ScoredChunk } from './bm25.js';

/** One query term: its IDF, by which every stored weight of the term is multiplied. */
export interface WeightedTerm {
  term: string;
  idf: number;
}

/** A stretch of one term's postings, best weight first: ranks `skip` to `skip + take − 1`. */
export interface PostingsRequest {
  term: string;
  skip: number;
  take: number;
}

/** How the search reads the inverted index: sorted access per term, and whole scores of chosen chunks. */
export interface ImpactIndex {
  /** Each requested stretch, in rank order (fewer rows than `take` means the list ended). */
  postings(requests: PostingsRequest[]): Promise<Map<string, Array<{ chunkIndex: number; weight: number }>>>;
  /** The full score Σ idf·weight of each chunk over the query terms. */
  scores(chunkIndexes: number[], terms: WeightedTerm[]): Promise<Map<number, number>>;
}

export interface ThresholdOptions {
  /** Postings read per term in the first round; each later round reads on to about three times as deep. */
  firstDepth?: number;
  /** Whole scores fetched per round at most (the best upper bounds first). */
  scoresPerRound?: number;
  /** Past this depth of any term the search gives up and returns undefined (the caller scores exhaustively). */
  maxDepth?: number;
}

interface Candidate {
  partial: number;
  seen: Set<string>;
  score?: number;
}

/**
 * Exact top-`limit` of Σ idf·weight without reading every posting (Fagin's threshold algorithm): read
 * each term's postings best first, score the chunks met so far exactly, and stop once the `limit`-th
 * best exact score reaches the threshold, the best score a chunk not met yet could still have.
 * Read depth triples a round, so common terms are read only as deep as the query requires.
 */
export async function thresholdTopK(index: ImpactIndex, terms: WeightedTerm[], limit: number, options: ThresholdOptions = {}): Promise<ScoredChunk[] | undefined> {
  const scoresPerRound = options.scoresPerRound ?? 400;
  const maxDepth = options.maxDepth ?? 20_000;
  const candidates = new Map<number, Candidate>();
  // the weight at which each term's reading stopped: 0 once its list is exhausted
  const frontier = new Map(terms.map((term) => [term.term, Number.POSITIVE_INFINITY]));
  const idfOf = new Map(terms.map((term) => [term.term, term.idf]));
  let depth = 0;
  let take = Math.max(options.firstDepth ?? 2 * limit, 1);
  for (;;) {
    const open = terms.filter((term) => (frontier.get(term.term) ?? 0) > 0);
    if (open.length > 0) {
      if (depth + take > maxDepth) return undefined;
      const read = await index.postings(open.map((term) => ({ term: term.term, skip: depth, take })));
      for (const term of open) {
        const rows = read.get(term.term) ?? [];
        frontier.set(term.term, rows.length < take ? 0 : (rows.at(-1)?.weight ?? 0));
        for (const row of rows) {
          const candidate = candidates.get(row.chunkIndex) ?? { partial: 0, seen: new Set<string>() };
          if (candidate.seen.has(term.term)) continue;
          candidate.seen.add(term.term);
          candidate.partial += term.idf * row.weight;
          candidates.set(row.chunkIndex, candidate);
        }
      }
      depth += take;
      take *= 3;
    }
    const threshold = terms.reduce((sum, term) => sum + term.idf * (frontier.get(term.term) ?? 0), 0);
    const upperBound = (candidate: Candidate): number =>
      candidate.score ??
      candidate.partial + terms.reduce((sum, term) => (candidate.seen.has(term.term) ? sum : sum + (idfOf.get(term.term) ?? 0) * (frontier.get(term.term) ?? 0)), 0);
    // whole scores for the most promising chunks whose score is not known yet
    const unknown = [...candidates].filter(([, candidate]) => candidate.score === undefined);
    const kth = kthBest(candidates, limit);
    const worth = unknown
      .map(([chunkIndex, candidate]) => ({ chunkIndex, bound: upperBound(candidate) }))
      .filter((entry) => entry.bound > kth)
      .sort((a, b) => b.bound - a.bound)
      .slice(0, scoresPerRound);
    if (worth.length > 0) {
      const scores = await index.scores(worth.map((entry) => entry.chunkIndex), terms);
      for (const entry of worth) {
        const candidate = candidates.get(entry.chunkIndex);
        if (candidate) candidate.score = scores.get(entry.chunkIndex) ?? candidate.partial;
      }
    }
    const best = kthBest(candidates, limit);
    const undecided = [...candidates.values()].some((candidate) => candidate.score === undefined && upperBound(candidate) > best);
    if ((best >= threshold || open.length === 0) && !undecided) {
      return [...candidates]
        .filter(([, candidate]) => candidate.score !== undefined && candidate.score > 0)
        .map(([chunkIndex, candidate]) => ({ chunkIndex, score: candidate.score ?? 0 }))
        .sort((a, b) => b.score - a.score || a.chunkIndex - b.chunkIndex)
        .slice(0, limit);
    }
  }
}

/** The `limit`-th best exact score known so far (0 while fewer are known). */
function kthBest(candidates: Map<number, Candidate>, limit: number): number {
  const known = [...candidates.values()].flatMap((candidate) => (candidate.score === undefined ? [] : [candidate.score])).sort((a, b) => b - a);
  return known.length >= limit ? (known[limit - 1] ?? 0) : 0;
}
