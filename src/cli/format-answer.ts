import type { AskResult } from '../answer/index.js';
import { STATUS_LABELS } from '../ingest/index.js';

/** Human-readable answer with numbered citations, for the console. */
export function formatAnswer(result: AskResult): string {
  const lines = [result.answer];
  for (const note of result.notes) lines.push(`（${note}）`);
  if (result.citations.length > 0) {
    lines.push('', '来源：');
    result.citations.forEach((citation, index) => {
      const section = citation.section ? ` › ${citation.section}` : '';
      lines.push(`[${index + 1}] 《${citation.title}》${section}`, `    「${citation.quote}」`);
    });
  }
  const described = result.documents.filter((document) => document.docNumber || document.period || document.status !== 'unknown');
  if (described.length > 0) {
    lines.push('', '文件：');
    for (const document of described) {
      const parts = [
        document.docNumber,
        document.issuer,
        document.issuedOn,
        document.period && `执行期${document.period}`,
        document.status !== 'unknown' && STATUS_LABELS[document.status],
      ];
      lines.push(`《${document.title}》 ${parts.filter(Boolean).join(' · ')}`);
    }
  }
  return lines.join('\n');
}
