import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';

/**
 * Puts the seeds' embeddings (made once per run by test/support/seed-embeddings-setup.ts) in the cache of
 * `indexDir`, so a build of the seeds there embeds only what is new. For tests that need an index, not
 * tests of embedding or of the cache itself. Returns `indexDir`.
 */
export function withSeedEmbeddings(indexDir: string): string {
  const index = inject('seedEmbeddingsIndex');
  if (!index) return indexDir; // SEED_EMBEDDINGS=off: the build embeds everything itself
  const source = join(index, 'cache');
  mkdirSync(join(indexDir, 'cache'), { recursive: true });
  cpSync(source, join(indexDir, 'cache'), { recursive: true, filter: (path) => !path.endsWith('/ocr') });
  return indexDir;
}
