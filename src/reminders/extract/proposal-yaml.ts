import { Document, isMap, isSeq } from 'yaml';
import type { ProposedEntry } from './proposed-entry.js';

/**
 * A review file in the calendar's own format: a header comment, then each proposed entry with its
 * review note as a comment, offsets in flow style. It validates as a calendar, so entries can be
 * copied into calendar.yaml as they are.
 */
export function proposalYaml(entries: readonly ProposedEntry[], header: string): string {
  const plain = entries.map(({ review: _review, ...entry }) => entry);
  const document = new Document({ version: 1, entries: plain });
  document.commentBefore = header
    .split('\n')
    .map((line) => (line === '' ? '' : ` ${line}`))
    .join('\n');
  const list = document.get('entries', true);
  if (isSeq(list)) {
    list.items.forEach((item, index) => {
      const review = entries[index]?.review;
      if (!isMap(item)) return;
      if (review) item.commentBefore = ` ${review}`;
      const remind = item.get('remind', true);
      if (isSeq(remind)) remind.flow = true;
    });
  }
  return document.toString({ lineWidth: 0 });
}
