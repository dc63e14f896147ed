import type { ScoredChunk } from '../index/index.js';

/** One ranked list entering fusion, with how much it counts. */
interface WeightedRanking {
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
  return [...fused].map(([chunkIndex, score]) => ({ chunkIndex, score })).sort((left, right) => right.score - left.score);
}

/** Adds a per-chunk bonus (e.g. title/section match) scaled by `weight`, then re-sorts. */
export function addBonus(ranking: ScoredChunk[], bonus: (chunkIndex: number) => number, weight: number): ScoredChunk[] {
  return ranking
    .map(({ chunkIndex, score }) => ({ chunkIndex, score: score + weight * bonus(chunkIndex) }))
    .sort((left, right) => right.score - left.score);
}

/** Scales a ranking's scores to [0, 1] by its own min and max (Orama-style hybrid normalisation). */
export function minMaxNormalize(ranking: ScoredChunk[]): ScoredChunk[] {
  if (ranking.length === 0) return [];
  const scores = ranking.map((item) => item.score);
  const max = Math.max(...scores);
  const min = Math.min(...scores);
  const span = max - min || 1;
  return ranking.map(({ chunkIndex, score }) => ({ chunkIndex, score: (score - min) / span }));
}

/** Weighted sum of min-max normalised scores; a chunk absent from a list gets 0 from it. */
export function weightedScoreFusion(rankings: WeightedRanking[]): ScoredChunk[] {
  const fused = new Map<number, number>();
  for (const { ranking, weight } of rankings) {
    for (const { chunkIndex, score } of minMaxNormalize(ranking)) {
      fused.set(chunkIndex, (fused.get(chunkIndex) ?? 0) + weight * score);
    }
  }
  return [...fused].map(([chunkIndex, score]) => ({ chunkIndex, score })).sort((left, right) => right.score - left.score);
}
