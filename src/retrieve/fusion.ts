import type { ScoredChunk } from '../index/index.js';

/** One ranked list entering fusion, with how much it counts. */
export interface WeightedRanking {
  ranking: ScoredChunk[];
  weight: number;
}

/** Weighted reciprocal rank fusion: Σ weight / (k + rank). Scores of different scales never mix. */
export function reciprocalRankFusion(rankings: WeightedRanking[], k = 60): ScoredChunk[] {
  const fused = new Map<number, number>();
  for (const { ranking, weight } of rankings) {
    ranking.forEach(({ chunkIndex }, rank) => {
      fused.set(chunkIndex, (fused.get(chunkIndex) ?? 0) + weight / (k + rank + 1));
    });
  }
  return [...fused]
    .map(([chunkIndex, score]) => ({ chunkIndex, score }))
    .sort((left, right) => right.score - left.score);
}

/** Adds a per-chunk bonus (e.g. title/section match) scaled by `weight`, then re-sorts. */
export function addBonus(ranking: ScoredChunk[], bonus: (chunkIndex: number) => number, weight: number): ScoredChunk[] {
  return ranking
    .map(({ chunkIndex, score }) => ({ chunkIndex, score: score + weight * bonus(chunkIndex) }))
    .sort((left, right) => right.score - left.score);
}
