import type { Chunk } from '../ingest/index.js';
import { compactForm } from '../text/index.js';

const OPEN_QUOTES = '“"「『‘\'';
const CLOSE_QUOTES = '”"」』’\'';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const ASKS_ABOUT_DOCUMENT = /文号|文件|印发|发布|发文|成文|[〔\[［【]\d{4}[〕\]］】]\d+号/;
const ASKS_FOR_DEFINITION = /是指|指什么|指的是|什么意思|含义|哪[几两三四五六七八九十\d]+[类个项种方面]|包括哪些|包含哪些/;

/** Whether a question is about a document's identity (文号, issuer, date) rather than its content. */
export function asksAboutDocument(question: string): boolean {
  return ASKS_ABOUT_DOCUMENT.test(question);
}

/**
 * Bonus (or malus) from what the question asks: the 文件信息 record only answers questions about
 * documents themselves; a definition question favours the passage that introduces the term
 * (以下简称“六创” / …“两池”).
 */
export function intentBonus(question: string, terms: string[], chunk: Chunk): number {
  if (chunk.kind === 'document-info') return asksAboutDocument(question) ? 0 : -1;
  return definitionBonus(question, terms, chunk.text);
}

/** How strongly a text introduces a term the question asks to define (简称“X” 1, enumeration + “X” 0.6). */
export function definitionBonus(question: string, terms: string[], rawText: string): number {
  if (!ASKS_FOR_DEFINITION.test(question)) return 0;
  const text = compactForm(rawText);
  let bonus = 0;
  for (const term of terms) {
    const key = escapeRegExp(compactForm(term));
    if (key.length < 2) continue;
    const quoted = `[${OPEN_QUOTES}]${key}[${CLOSE_QUOTES}]`;
    if (new RegExp(`简称${quoted}|${key}[${CLOSE_QUOTES}]?(?:是指|即)|${quoted}即`).test(text)) bonus = Math.max(bonus, 1);
    else if (new RegExp(`[、,][^。;]{2,30}${quoted}`).test(text)) bonus = Math.max(bonus, 0.6);
  }
  return bonus;
}
