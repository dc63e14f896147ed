import type { ParsedDocument } from '../../ingest/index.js';
import { whenText } from '../calendar/when.js';
import { isValidDate } from '../time/civil.js';
import { sourceOf, stemOf, type ProposedEntry } from './proposed-entry.js';
import { normalizeTimeText } from './time-cell.js';

const EXPLICIT_DATE = /(20\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/g;
const EVENT_WORDS = /举办|举行|召开|开幕|启动|截止|报名|申报|开展|前/;
const ISSUE_WORDS = /印发|发布|此件|生成日期|办公室\s*$|人民政府\s*$/;

/** Explicit dates (2026年3月15日) next to event words; issue dates and signatures are left out. */
export function explicitDateEntries(document: ParsedDocument): ProposedEntry[] {
  const stem = stemOf(document.source);
  const entries: ProposedEntry[] = [];
  for (const block of document.blocks) {
    if (block.kind !== 'paragraph') continue;
    for (const span of block.spans) {
      for (const match of span.text.matchAll(EXPLICIT_DATE)) {
        const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
        const around = normalizeTimeText(span.text.slice(Math.max(0, (match.index ?? 0) - 12), (match.index ?? 0) + match[0].length + 12));
        if (!isValidDate(date) || ISSUE_WORDS.test(around) || !EVENT_WORDS.test(around) || span.text.trim().length < 15) continue;
        const kind = /截止|前/.test(around) ? 'deadline' : 'activity';
        entries.push({
          id: `${stem}-date-${whenText({ type: 'date', date })}`,
          title: span.text.trim().slice(0, 40),
          kind,
          when: whenText({ type: 'date', date }),
          source: sourceOf(document, block, span.text.trim()),
          review: `正文中的日期“${match[0]}”，标题取自原句，请改写`,
        });
      }
    }
  }
  return entries;
}
