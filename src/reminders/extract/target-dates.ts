import { formatSection, type Block, type ParsedDocument } from '../../ingest/index.js';
import { whenText } from '../calendar/when.js';
import { daysInMonth, isValidDate } from '../time/civil.js';
import { sourceOf, stemOf, type ProposedEntry } from './proposed-entry.js';

/** Offsets proposed for multi-year targets: a month, a week and the day itself. */
const DEADLINE_OFFSETS = ['30d', '7d', '0d'];

const TARGET = /(?:到|至|于)\s*(20\d{2})\s*年\s*(?:(\d{1,2})\s*月\s*(?:(\d{1,2})\s*日)?)?\s*(底|末|前|年底前)?/;

function label(block: Block): string {
  const last = block.sectionPath[block.sectionPath.length - 1] ?? '';
  return last.replace(/^[（(]?[一二三四五六七八九十\d]+[）)、.．]\s*/, '').trim() || last;
}

/** 到2027年底 / 到2020年底 / 到2027年 targets in paragraphs: one deadline per document and date. */
export function targetEntries(document: ParsedDocument): ProposedEntry[] {
  const stem = stemOf(document.source);
  const byDate = new Map<string, { entry: ProposedEntry; more: string[] }>();
  for (const block of document.blocks) {
    if (block.kind !== 'paragraph') continue;
    for (const span of block.spans) {
      const match = TARGET.exec(span.text);
      if (!match?.[1]) continue;
      const year = Number(match[1]);
      const month = match[2] ? Number(match[2]) : 12;
      if (month < 1 || month > 12) continue;
      const day = match[3] ? Number(match[3]) : daysInMonth(year, month);
      if (!isValidDate({ year, month, day })) continue;
      const when = whenText({ type: 'date', date: { year, month, day } });
      const section = formatSection(block.sectionPath);
      const known = byDate.get(when);
      if (known) {
        if (!known.more.includes(section)) known.more.push(section);
        continue;
      }
      const phrase = match[0].replace(/\s+/g, '');
      const implied = !match[2] && !match[4] ? `原文“${phrase}”未写“年底”，按 ${year} 年底计；` : '';
      const sequence = [...byDate.keys()].filter((key) => key.startsWith(String(year))).length;
      byDate.set(when, {
        entry: {
          id: `${stem}-ddl-${year}${sequence > 0 ? `-${sequence + 1}` : ''}`,
          title: `${phrase.replace(/^(?:到|至|于)/, '到')}：${label(block)}`,
          kind: 'deadline',
          when,
          remind: [...DEADLINE_OFFSETS],
          note: `《${document.meta.title}》的目标期限`,
          source: sourceOf(document, block, span.text.trim()),
          review: `${implied}期限 ${when}`,
        },
        more: [],
      });
    }
  }
  return [...byDate.values()].map(({ entry, more }) =>
    more.length > 0 ? { ...entry, review: `${entry.review}；同一期限另见：${more.join('；')}` } : entry,
  );
}
