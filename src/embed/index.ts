export { estimateTokens, planBatches, truncateToTokens } from './batching.js';
export { EmbeddingCache, embeddingKey } from './embedding-cache.js';
export { EmbeddingModelMissingError, type EmbedKind, type Embedder } from './embedder.js';
export { BGE_QUERY_INSTRUCTION, createTransformersEmbedder, type TransformersEmbedderConfig } from './transformers-embedder.js';
