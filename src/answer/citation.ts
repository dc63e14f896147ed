import { formatSection } from '../ingest/index.js';
import type { RetrievedPassage } from '../retrieve/index.js';
import type { Citation } from './types.js';

/** Builds the citation of a quoted piece of a retrieved passage. */
export function citationOf(passage: RetrievedPassage, quote: string): Citation {
  const { chunk } = passage;
  return { source: chunk.source, title: chunk.title, section: formatSection(chunk.sectionPath), quote };
}
