import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../files/index.js';

/** Where each part of the index lives inside INDEX_DIR. */
export const layout = {
  current: (indexDir: string): string => join(indexDir, 'CURRENT'),
  builds: (indexDir: string): string => join(indexDir, 'builds'),
  build: (indexDir: string, buildId: string): string => join(indexDir, 'builds', buildId),
  cache: (indexDir: string, modelId: string): string => join(indexDir, 'cache', `${modelId.replace(/[^\w.-]+/g, '_')}.bin`),
  ocrCache: (indexDir: string): string => join(indexDir, 'cache', 'ocr'),
  manifest: (buildDir: string): string => join(buildDir, 'manifest.json'),
  chunks: (buildDir: string): string => join(buildDir, 'chunks.jsonl'),
  vectors: (buildDir: string): string => join(buildDir, 'vectors.hnsw'),
  lexical: (buildDir: string): string => join(buildDir, 'lexical.json'),
};

/** The build id CURRENT points at, if any. */
export function readCurrentBuild(indexDir: string): string | undefined {
  const file = layout.current(indexDir);
  if (!existsSync(file)) return undefined;
  const id = readFileSync(file, 'utf8').trim();
  return id === '' ? undefined : id;
}

/**
 * Points CURRENT at a finished build. write-then-rename is atomic on POSIX file systems,
 * so a reader sees either the old build or the new one, never a half-written pointer; the temporary
 * name carries the pid because two builds may finish at once.
 */
export function switchCurrentBuild(indexDir: string, buildId: string): void {
  const current = layout.current(indexDir);
  writeFileAtomic(current, `${buildId}\n`, { temporary: `${current}.${process.pid}.tmp` });
}
