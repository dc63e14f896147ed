import { existsSync, readFileSync } from 'node:fs';
import type { Chunk } from '../ingest/index.js';
import type { LexicalIndex } from './bm25.js';
import { IndexError, IndexNotFoundError } from './errors.js';
import { manifestSchema, type Manifest } from './manifest.js';
import { layout, readCurrentBuild } from './store-layout.js';
import { loadVectorStore, type VectorStore } from './vector-store.js';

/** A loaded, searchable build: chunks, dense and lexical indexes, and how they were made. */
export interface KnowledgeIndex {
  manifest: Manifest;
  chunks: Chunk[];
  vectors: VectorStore;
  lexical: LexicalIndex;
  /** Distinct document titles and numbers: what the bot covers, for refusals. */
  directory: string;
}

/** Reads and validates a build's manifest. */
export function readManifest(buildDir: string): Manifest {
  const parsed = manifestSchema.safeParse(JSON.parse(readFileSync(layout.manifest(buildDir), 'utf8')));
  if (!parsed.success) throw new IndexError('corrupt', `Invalid manifest in ${buildDir}: ${parsed.error.message}`);
  return parsed.data;
}

/** Loads the build CURRENT points at; IndexNotFoundError when none was built yet. */
export function loadIndex(indexDir: string): KnowledgeIndex {
  const buildId = readCurrentBuild(indexDir);
  if (!buildId) throw new IndexNotFoundError(indexDir);
  const buildDir = layout.build(indexDir, buildId);
  if (!existsSync(layout.manifest(buildDir))) throw new IndexNotFoundError(indexDir);
  try {
    const manifest = readManifest(buildDir);
    const chunks = readFileSync(layout.chunks(buildDir), 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Chunk);
    const lexical = JSON.parse(readFileSync(layout.lexical(buildDir), 'utf8')) as LexicalIndex;
    const vectors = loadVectorStore(layout.vectors(buildDir), manifest.dimensions);
    return { manifest, chunks, vectors, lexical, directory: buildDir };
  } catch (error) {
    if (error instanceof IndexError) throw error;
    throw new IndexError('corrupt', `Index in ${buildDir} cannot be read: ${(error as Error).message}`, { cause: error });
  }
}
