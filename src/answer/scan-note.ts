import { formatSection } from '../ingest/index.js';
import type { RetrievedPassage } from '../retrieve/index.js';
import type { Citation } from './types.js';

/** Said with an answer that cites text OCR read with low confidence (issue 18). */
export const SCAN_NOTE = '以下内容来自扫描件识别，请以原件为准';

/**
 * The answer's notes plus the scan note when a citation quotes a chunk flagged `lowConfidence`;
 * citations name their passage by source and section, as `citationOf` builds them.
 */
export function withScanNote(notes: string[], citations: Citation[], passages: RetrievedPassage[]): string[] {
  const cited = (citation: Citation): boolean =>
    passages.some(
      ({ chunk }) =>
        chunk.lowConfidence === true && chunk.source === citation.source && formatSection(chunk.sectionPath) === citation.section,
    );
  return citations.some(cited) && !notes.includes(SCAN_NOTE) ? [SCAN_NOTE, ...notes] : notes;
}
