export { BM25, buildLexicalIndex, idfFromCounts, searchBm25, type LexicalIndex, type ScoredChunk } from './bm25.js';
export { buildIndex, type BuildOcr, type BuildOptions, type BuildStage, type BuildSummary } from './build-index.js';
export { acquireBuildLock } from './build-lock.js';
export { docsDrift, driftIsEmpty, hashDocsFiles, type DocsDrift } from './docs-drift.js';
export { IndexError, IndexNotFoundError } from './errors.js';
export { loadIndex, readManifest, type KnowledgeIndex } from './load-index.js';
export type { Manifest } from './manifest.js';
export { embeddingText, lexicalText } from './search-text.js';
export { layout, readCurrentBuild } from './store-layout.js';
export { buildVectorStore, type VectorStore } from './vector-store.js';
export {
  currentGeneration,
  generationRowsOf,
  postgresSearch,
  prepareKnowledgeSchema,
  writeGeneration,
  type Generation,
  type GenerationRow,
  type PostgresSearch,
} from './store/postgres-knowledge.js';
export { indexMigrations } from './store/migrations.js';
