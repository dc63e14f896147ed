import type { Chunk } from '../ingest/index.js';
import { formatSection } from '../ingest/index.js';

/** What the embedding model sees for a chunk: where it sits, then what it says. */
export function embeddingText(chunk: Chunk): string {
  return `${chunk.title}\n${formatSection(chunk.sectionPath)}\n${chunk.text}`;
}

/** What BM25 indexes for a chunk: section labels carry the topic of short table rows. */
export function lexicalText(chunk: Chunk): string {
  return `${formatSection(chunk.sectionPath)}\n${chunk.text}`;
}
