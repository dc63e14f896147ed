import type { Chunk } from '../ingest/index.js';
import { formatSection } from '../ingest/index.js';

/** What the embedding model sees for a chunk: where it sits, then what it says. */
export function embeddingText(chunk: Chunk): string {
  return `${chunk.title}\n${formatSection(chunk.sectionPath)}\n${chunk.text}`;
}

const FIELD_NAME = /(^|，)[^=，]{1,40}=/g;

/**
 * What BM25 indexes for a chunk: section labels carry the topic of short table rows. A row is
 * indexed by its values only: header names repeated in every row would make all rows look alike.
 */
export function lexicalText(chunk: Chunk): string {
  const text = chunk.kind === 'table-row' ? chunk.text.replace(FIELD_NAME, '$1') : chunk.text;
  return `${formatSection(chunk.sectionPath)}\n${text}`;
}
