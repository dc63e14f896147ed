import type { ScoredChunk } from './bm25.js';

/** One query term: its IDF, by which every stored weight of the term is multiplied. */
export interface WeightedTerm {
  term: string;
  idf: number;
}

/** How the search reads the inverted index of one generation. */
export interface ImpactIndex {
  /** The first `take` postings of each term, best weight first. */
  topPostings(terms: string[], take: number): Promise<Map<string, Array<{ chunkIndex: number; weight: number }>>>;
  /**
   * Σ idf·weight over `terms` of every chunk holding one of them, kept where the sum exceeds `above`
   * (only the best `limit` sums, when given).
   */
  partialScores(terms: WeightedTerm[], above: number, limit?: number): Promise<Map<number, number>>;
  /** The full score Σ idf·weight of each chunk over the query terms. */
  scores(chunkIndexes: number[], terms: WeightedTerm[]): Promise<Map<number, number>>;
}

/** Chunks scored in full per round trip in the second pass. */
const SCORE_BATCH = 200;

interface TopKOptions {
  /** Postings read per term in the first pass, which sets the bar. */
  firstDepth?: number;
  /**
   * At most this many chunks scored in full in the second pass, best essential sums first: bounds
   * the work of long queries of common words, at the price of exactness (measured in the bench).
   */
  scoreBudget?: number;
}

/**
 * Exact top-`limit` of Σ idf·weight without summing every posting of every term (MaxScore, Turtle &
 * Flood 1995). A first pass reads each term's best postings and scores the most promising chunks met
 * exactly: the `limit`-th best score is the bar. Terms whose best contributions together stay under
 * the bar are "non-essential": a chunk holding only those cannot beat it. So only the essential terms'
 * postings are summed (the rare ones, usually: the common terms with their long lists are skipped),
 * and only chunks whose essential sum plus every non-essential maximum could still beat the bar are
 * scored in full, best first, raising the bar as they go. Exact unless `scoreBudget` cuts that short.
 */
export async function exactTopK(
  index: ImpactIndex,
  terms: WeightedTerm[],
  limit: number,
  options: TopKOptions = {},
): Promise<ScoredChunk[]> {
  if (terms.length === 0 || limit <= 0) return [];
  const take = Math.max(options.firstDepth ?? limit, 1);
  const top = await index.topPostings(
    terms.map((term) => term.term),
    take,
  );
  // the best contribution each term can make (its first posting is its highest weight)
  const maximum = new Map(terms.map((term) => [term.term, term.idf * (top.get(term.term)?.[0]?.weight ?? 0)]));
  // the chunks that did best in the lists read so far set the bar (any exact scores give a valid one)
  const seen = new Map<number, number>();
  for (const term of terms)
    for (const posting of top.get(term.term) ?? [])
      seen.set(posting.chunkIndex, (seen.get(posting.chunkIndex) ?? 0) + term.idf * posting.weight);
  const promising = [...seen]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([chunkIndex]) => chunkIndex);
  const known = await index.scores(promising, terms);
  // every list ended within the first pass: every chunk holding a query term has been seen
  if (terms.every((term) => (top.get(term.term)?.length ?? 0) < take)) {
    for (const [chunkIndex, score] of await index.scores(
      [...seen.keys()].filter((chunkIndex) => !known.has(chunkIndex)),
      terms,
    ))
      known.set(chunkIndex, score);
    return best(known, limit);
  }
  const bar = kthBest(known, limit);

  // the weakest terms whose maxima add up to less than the bar: they alone never lift a chunk over it
  const byMaximum = [...terms].sort((a, b) => (maximum.get(a.term) ?? 0) - (maximum.get(b.term) ?? 0));
  let nonEssential = 0;
  let split = 0;
  while (split < byMaximum.length && nonEssential + (maximum.get(byMaximum[split]!.term) ?? 0) < bar) {
    nonEssential += maximum.get(byMaximum[split]!.term) ?? 0;
    split += 1;
  }
  const essential = byMaximum.slice(split);
  if (essential.length > 0) {
    // best essential sums first: each batch scored raises the bar, until no chunk left could beat it
    const partial = [...(await index.partialScores(essential, bar - nonEssential, options.scoreBudget))].sort((a, b) => b[1] - a[1]);
    const end = Math.min(partial.length, options.scoreBudget ?? Number.POSITIVE_INFINITY);
    for (let offset = 0; offset < end; offset += SCORE_BATCH) {
      if ((partial[offset]?.[1] ?? 0) + nonEssential <= kthBest(known, limit)) break;
      const unscored = partial
        .slice(offset, Math.min(end, offset + SCORE_BATCH))
        .map(([chunkIndex]) => chunkIndex)
        .filter((chunkIndex) => !known.has(chunkIndex));
      for (const [chunkIndex, score] of await index.scores(unscored, terms)) known.set(chunkIndex, score);
    }
  }
  return best(known, limit);
}

function best(scores: Map<number, number>, limit: number): ScoredChunk[] {
  return [...scores]
    .filter(([, score]) => score > 0)
    .map(([chunkIndex, score]) => ({ chunkIndex, score }))
    .sort((a, b) => b.score - a.score || a.chunkIndex - b.chunkIndex)
    .slice(0, limit);
}

/** The `limit`-th best score (0 while fewer are known). */
function kthBest(scores: Map<number, number>, limit: number): number {
  const sorted = [...scores.values()].sort((a, b) => b - a);
  return sorted.length >= limit ? (sorted[limit - 1] ?? 0) : 0;
}
