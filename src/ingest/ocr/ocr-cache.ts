import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { readJsonFile, writeFileAtomic } from '../../files/index.js';
import type { RecognizedLine } from './types.js';

/** The recognised lines of a file's pages, 1-based page number → lines. */
export type CachedPages = Map<number, RecognizedLine[]>;

const box = z.object({ x0: z.number(), y0: z.number(), x1: z.number(), y1: z.number() });
const cacheFile = z.object({
  engineId: z.string(),
  pages: z.array(
    z.object({ page: z.number().int().positive(), lines: z.array(z.object({ text: z.string(), box, confidence: z.number() })) }),
  ),
});

/** The hash an OCR result is filed under: the file's bytes, so a renamed copy is not read again. */
export function fileHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function pathOf(directory: string, hash: string, engineId: string): string {
  return join(directory, `${hash}.${engineId.replace(/[^\w.-]+/g, '_')}.json`);
}

/**
 * OCR results on disk, keyed by file hash and engine: a re-index never reads the same scan twice.
 * Raw lines are kept (not paragraphs), so better paragraph rules apply without OCR'ing again.
 */
export class OcrCache {
  constructor(private readonly directory: string | undefined) {}

  read(hash: string, engineId: string): CachedPages | undefined {
    if (!this.directory) return undefined;
    try {
      const cached = readJsonFile(pathOf(this.directory, hash, engineId), cacheFile);
      if (cached?.engineId !== engineId) return undefined;
      return new Map(cached.pages.map((entry) => [entry.page, entry.lines]));
    } catch {
      return undefined;
    }
  }

  write(hash: string, engineId: string, pages: CachedPages): void {
    if (!this.directory) return;
    const path = pathOf(this.directory, hash, engineId);
    // not fsync'd: a cache entry lost in a crash is only read again
    writeFileAtomic(path, JSON.stringify({ engineId, pages: [...pages].map(([page, lines]) => ({ page, lines })) }), {
      temporary: `${path}.${process.pid}.tmp`,
      durable: false,
    });
  }
}
