import type { AskResult } from '../answer/index.js';

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
  return lines.join('\n');
}
