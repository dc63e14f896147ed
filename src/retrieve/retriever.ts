import type { Embedder } from '../embed/index.js';
import type { Chunk } from '../ingest/index.js';
import { searchBm25, type KnowledgeIndex, type ScoredChunk } from '../index/index.js';
import { compactForm, lexicalTerms, type TokenizerMode } from '../text/index.js';
import { addBonus, reciprocalRankFusion, weightedScoreFusion } from './fusion.js';
import { intentBonus } from './intent.js';
import { keyTerms } from './query-terms.js';

/** How dense, lexical and title/section evidence are weighed; measured, see docs/decisions.md. */
export interface RetrievalWeights {
  dense: number;
  lexical: number;
  section: number;
  /** Weight of question-intent evidence (definitions, document identity). */
  intent: number;
  candidates: number;
  /** 'weighted' sums min-max normalised scores; 'rrf' fuses ranks. */
  fusion: 'weighted' | 'rrf';
  rrfK: number;
}

export const DEFAULT_WEIGHTS: RetrievalWeights = {
  dense: 1,
  lexical: 1,
  section: 0.2,
  intent: 1,
  candidates: 50,
  fusion: 'weighted',
  rrfK: 60,
};

/** A retrieved chunk with its fused score and the evidence behind it. */
export interface RetrievedPassage {
  chunk: Chunk;
  score: number;
  dense: number;
  lexical: number;
}

export interface Retriever {
  retrieve(question: string, limit: number, signal?: AbortSignal): Promise<RetrievedPassage[]>;
}

/** Share of the question's key terms found in a chunk's title and section labels. */
function sectionMatch(terms: string[], chunk: Chunk): number {
  if (terms.length === 0) return 0;
  const haystack = compactForm(`${chunk.title}${chunk.sectionPath.join('')}`);
  return terms.filter((term) => haystack.includes(compactForm(term))).length / terms.length;
}

/** Lexical terms of a question, built from its key terms so bigrams never span question words. */
export function queryTerms(question: string, terms: string[], mode: TokenizerMode): string[] {
  return terms.length > 0 ? terms.flatMap((term) => lexicalTerms(term, mode)) : lexicalTerms(question, mode);
}

/**
 * Where retrieval reads from: the embedded index in memory, or an index generation in PostgreSQL.
 * Results name chunks by their position in the build; `chunks` fetches the candidates' text.
 */
interface SearchSource {
  readonly tokenizer: TokenizerMode;
  dense(vector: Float32Array, limit: number): Promise<ScoredChunk[]> | ScoredChunk[];
  lexical(terms: string[], limit: number): Promise<ScoredChunk[]> | ScoredChunk[];
  chunks(indexes: number[]): Promise<Map<number, Chunk>> | Map<number, Chunk>;
}

/** The embedded index (hnswlib + in-memory BM25) as a search source. */
function embeddedSource(index: KnowledgeIndex): SearchSource {
  return {
    tokenizer: index.manifest.tokenizer,
    dense: (vector, limit) => index.vectors.search(vector, limit),
    lexical: (terms, limit) => searchBm25(index.lexical, terms, limit),
    chunks: (indexes) =>
      new Map(indexes.flatMap((position) => (index.chunks[position] ? [[position, index.chunks[position]] as const] : []))),
  };
}

/** Hybrid retrieval over the embedded index. */
export function createRetriever(index: KnowledgeIndex, embedder: Embedder, weights: RetrievalWeights = DEFAULT_WEIGHTS): Retriever {
  return createSourceRetriever(embeddedSource(index), embedder, weights);
}

/** Hybrid retrieval: dense search and BM25 fused by weighted scores (or RRF), plus section and intent bonuses. */
export function createSourceRetriever(source: SearchSource, embedder: Embedder, weights: RetrievalWeights = DEFAULT_WEIGHTS): Retriever {
  return {
    async retrieve(question, limit, signal) {
      const [queryVector] = await embedder.embed([question], 'query', signal);
      const terms = keyTerms(question);
      // Bigrams of the key terms only: question scaffolding (是什么、多少) would match everything.
      const [dense, lexical] = await Promise.all([
        queryVector ? source.dense(queryVector, weights.candidates) : [],
        source.lexical(queryTerms(question, terms, source.tokenizer), weights.candidates),
      ]);
      const candidates = await source.chunks([...new Set([...dense, ...lexical].map((hit) => hit.chunkIndex))]);
      const rankings = [
        { ranking: dense, weight: weights.dense },
        { ranking: lexical, weight: weights.lexical },
      ];
      const fused = addBonus(
        weights.fusion === 'rrf' ? reciprocalRankFusion(rankings, weights.rrfK) : weightedScoreFusion(rankings),
        (chunkIndex) => {
          const chunk = candidates.get(chunkIndex);
          if (!chunk) return 0;
          return weights.section * sectionMatch(terms, chunk) + weights.intent * intentBonus(question, terms, chunk);
        },
        1,
      );
      const denseScore = new Map(dense.map((item) => [item.chunkIndex, item.score]));
      const lexicalScore = new Map(lexical.map((item) => [item.chunkIndex, item.score]));
      return fused.slice(0, limit).flatMap(({ chunkIndex, score }) => {
        const chunk = candidates.get(chunkIndex);
        return chunk ? [{ chunk, score, dense: denseScore.get(chunkIndex) ?? 0, lexical: lexicalScore.get(chunkIndex) ?? 0 }] : [];
      });
    },
  };
}
