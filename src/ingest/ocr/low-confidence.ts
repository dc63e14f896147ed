import type { Chunk } from '../chunk.js';
import type { SourceText } from '../types.js';

/**
 * Marks the chunks of a scanned source that overlap text OCR read with low confidence, so an
 * answer citing them can tell the reader to check the original.
 */
export function flagLowConfidence(chunks: Chunk[], source: SourceText): Chunk[] {
  const ranges = source.lowConfidence ?? [];
  if (!source.scanned) return chunks;
  return chunks.map((chunk) => {
    const low = ranges.some(([start, end]) => start < Math.max(chunk.end, chunk.start + 1) && end > chunk.start);
    return { ...chunk, scanned: true, ...(low ? { lowConfidence: true } : {}) };
  });
}
