import hnswlib from 'hnswlib-node';
import type { ScoredChunk } from './bm25.js';

const { HierarchicalNSW } = hnswlib;

/** Nearest-neighbour search over chunk vectors (cosine); labels are chunk indices. */
export interface VectorStore {
  readonly size: number;
  search(vector: Float32Array, limit: number): ScoredChunk[];
  save(file: string): void;
}

const M = 16;
const EF_CONSTRUCTION = 200;
const EF_SEARCH = 128;

function wrap(index: InstanceType<typeof HierarchicalNSW>): VectorStore {
  index.setEf(EF_SEARCH);
  return {
    get size() {
      return index.getCurrentCount();
    },
    search(vector, limit) {
      const k = Math.min(limit, index.getCurrentCount());
      if (k === 0) return [];
      const { neighbors, distances } = index.searchKnn(Array.from(vector), k);
      return neighbors.map((chunkIndex, rank) => ({ chunkIndex, score: 1 - (distances[rank] ?? 1) }));
    },
    save(file) {
      index.writeIndexSync(file);
    },
  };
}

/** Builds an HNSW index (cosine) over the vectors, label i = vectors[i]. */
export function buildVectorStore(vectors: Float32Array[], dimensions: number): VectorStore {
  const index = new HierarchicalNSW('cosine', dimensions);
  index.initIndex(Math.max(1, vectors.length), M, EF_CONSTRUCTION, 100);
  vectors.forEach((vector, label) => index.addPoint(Array.from(vector), label));
  return wrap(index);
}

/** Loads an HNSW index written by `save`. */
export function loadVectorStore(file: string, dimensions: number): VectorStore {
  const index = new HierarchicalNSW('cosine', dimensions);
  index.readIndexSync(file);
  return wrap(index);
}
