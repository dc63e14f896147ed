import { documentStatus, STATUS_LABELS, statusNotice } from '../ingest/index.js';
import type { RetrievedPassage } from '../retrieve/index.js';
import type { FactsBySource } from './compose/document-answer.js';
import type { Citation, DocumentReport } from './types.js';

function citedSources(citations: Citation[]): string[] {
  return [...new Set(citations.map((citation) => citation.source))];
}

/** One notice line per cited document that is expired or a draft: 「注意：…执行期为2017—2020年，已到期。」 */
export function noticesFor(citations: Citation[], facts: FactsBySource, today: Date): string[] {
  return citedSources(citations).flatMap((source) => statusNotice(facts(source), today) ?? []);
}

/** The cited documents' facts as `ask --json` reports them. */
export function documentReports(citations: Citation[], facts: FactsBySource, today: Date): DocumentReport[] {
  return citedSources(citations).flatMap((source) => {
    const found = facts(source);
    if (!found) return [];
    return [
      {
        source,
        title: found.title,
        ...(found.docNumber ? { docNumber: found.docNumber } : {}),
        ...(found.issuer ? { issuer: found.issuer } : {}),
        ...(found.issuedOn ? { issuedOn: found.issuedOn } : {}),
        ...(found.period ? { period: found.period.text } : {}),
        status: documentStatus(found, today),
      },
    ];
  });
}

/** The facts of the passages' documents as the model's prompt lists them, one line per document. */
export function factsForPrompt(passages: RetrievedPassage[], facts: FactsBySource, today: Date): string {
  const sources = [...new Set(passages.map((passage) => passage.chunk.source))];
  return documentReports(
    sources.map((source) => ({ source, title: '', section: '', quote: '' })),
    facts,
    today,
  )
    .map((report) =>
      [
        `《${report.title}》`,
        report.docNumber && `文号${report.docNumber}`,
        report.issuer && `发文单位${report.issuer}`,
        report.issuedOn && `成文日期${report.issuedOn}`,
        report.period && `执行期${report.period}`,
        `状态：${STATUS_LABELS[report.status]}`,
      ]
        .filter(Boolean)
        .join('；'),
    )
    .join('\n');
}
