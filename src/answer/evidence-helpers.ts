import type { DocumentFacts } from '../ingest/index.js';
import type { RetrievedPassage } from '../retrieve/index.js';
import { DOCUMENT_KINDS, type QuestionReading } from './read-question.js';
import type { Citation } from './types.js';

/**
 * The passages the answer quotes move to the front: composing the answer is the last ranking
 * stage, so what a reader sees first is the evidence the answer stands on.
 */
export function citedFirst(passages: RetrievedPassage[], citations: Citation[]): RetrievedPassage[] {
  // A document fact cites its front-matter line; the document's 文件信息 record is the passage that holds it.
  const holds = (passage: RetrievedPassage, citation: Citation): boolean =>
    passage.chunk.text.includes(citation.quote) || (citation.section === '文件信息' && passage.chunk.kind === 'document-info');
  const citing = (passage: RetrievedPassage) =>
    citations.findIndex((citation) => citation.source === passage.chunk.source && holds(passage, citation));
  const cited = passages.filter((passage) => citing(passage) >= 0).sort((left, right) => citing(left) - citing(right));
  return [...cited, ...passages.filter((passage) => citing(passage) < 0)];
}

/** The years a document's own dates cover: its date, its portal date, every year of its period. */
export function documentYears(found: DocumentFacts | undefined): string[] {
  if (!found) return [];
  const years = [found.issuedOn, found.publishedOn].flatMap((date) => date?.match(/(?:19|20)\d{2}/)?.[0] ?? []);
  const from = Number(found.period?.from?.slice(0, 4));
  const to = Number(found.period?.to?.slice(0, 4));
  if (from && to) for (let year = from; year <= to; year += 1) years.push(String(year));
  return years;
}

/** Whether a question asks about a document itself (文号, issuer, date, period, in force). */
export function asksDocumentFact(reading: QuestionReading): boolean {
  return reading.asks.some((kind) => DOCUMENT_KINDS.has(kind));
}
