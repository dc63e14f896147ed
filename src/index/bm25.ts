/** Inverted index over term lists: plain data, serialisable as JSON. */
export interface LexicalIndex {
  documentCount: number;
  averageLength: number;
  lengths: number[];
  /** term → flat [documentIndex, termFrequency, …] pairs. */
  postings: Record<string, number[]>;
}

/** A retrieval stage result: which chunk and how well it matched. */
export interface ScoredChunk {
  chunkIndex: number;
  score: number;
}

/** Builds the inverted index from each document's terms. */
export function buildLexicalIndex(documents: string[][]): LexicalIndex {
  const postings: Record<string, number[]> = Object.create(null) as Record<string, number[]>;
  const lengths = documents.map((terms) => terms.length);
  documents.forEach((terms, documentIndex) => {
    const counts = new Map<string, number>();
    for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
    for (const [term, count] of counts) (postings[term] ??= []).push(documentIndex, count);
  });
  const total = lengths.reduce((sum, length) => sum + length, 0);
  return { documentCount: documents.length, averageLength: total / Math.max(1, documents.length), lengths, postings };
}

/** Robertson–Spärck Jones IDF from counts, floored at a small positive value so common terms never subtract. */
export function idfFromCounts(documentCount: number, documentFrequency: number): number {
  return Math.max(0.01, Math.log(1 + (documentCount - documentFrequency + 0.5) / (documentFrequency + 0.5)));
}

/** The IDF of a term in an in-memory index. */
function inverseDocumentFrequency(index: LexicalIndex, term: string): number {
  return idfFromCounts(index.documentCount, (index.postings[term]?.length ?? 0) / 2);
}

/** BM25's parameters: the same everywhere a lexical score is computed (in memory or in PostgreSQL). */
export const BM25 = { k1: 1.2, b: 0.75 } as const;

/** Okapi BM25 over the query's distinct terms; returns the top `limit` chunks. */
export function searchBm25(
  index: LexicalIndex,
  queryTerms: string[],
  limit: number,
  k1: number = BM25.k1,
  b: number = BM25.b,
): ScoredChunk[] {
  const scores = new Map<number, number>();
  for (const term of new Set(queryTerms)) {
    const posting = index.postings[term];
    if (!posting) continue;
    const idf = inverseDocumentFrequency(index, term);
    for (let position = 0; position < posting.length; position += 2) {
      const documentIndex = posting[position] ?? 0;
      const frequency = posting[position + 1] ?? 0;
      const length = index.lengths[documentIndex] ?? 0;
      const weight = (frequency * (k1 + 1)) / (frequency + k1 * (1 - b + (b * length) / index.averageLength));
      scores.set(documentIndex, (scores.get(documentIndex) ?? 0) + idf * weight);
    }
  }
  return [...scores]
    .map(([chunkIndex, score]) => ({ chunkIndex, score }))
    .sort((left, right) => right.score - left.score)
    .slice(0, limit);
}
