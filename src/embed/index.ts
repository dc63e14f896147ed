export { estimateTokens, planBatches, truncateToTokens } from './batching.js';
export { EmbeddingCache, embeddingKey } from './embedding-cache.js';
export { EmbeddingModelMissingError, type EmbedKind, type Embedder } from './embedder.js';
export { createTransformersEmbedder } from './transformers-embedder.js';
