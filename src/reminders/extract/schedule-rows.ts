import type { Block, ParsedDocument } from '../../ingest/index.js';
import { whenText } from '../calendar/when.js';
import { documentYear } from './document-year.js';
import { sourceOf, stemOf, type ProposedEntry } from './proposed-entry.js';
import { parseScheduleCell } from './time-cell.js';

const NAME_HEADER = /名称|活动|项目|事项|赛事/;
const TIME_HEADER = /时间|日期|时限|期限|截止/;
const LEAD_HEADER = /牵头|责任|负责/;
const HOST_HEADER = /主办|承办|举办单位/;
const CONTACT_HEADER = /联系/;

function field(block: Block, pattern: RegExp, exclude?: RegExp): string | undefined {
  const found = block.fields?.find(([header]) => pattern.test(header) && !(exclude?.test(header) ?? false));
  const value = found?.[1].trim();
  return value ? value : undefined;
}

/** Rows of schedule tables (附件3-style): a name column and a time column, in the document's year. */
export function scheduleRowEntries(document: ParsedDocument): ProposedEntry[] {
  const year = documentYear(document);
  const stem = stemOf(document.source);
  const entries: ProposedEntry[] = [];
  document.blocks.forEach((block, index) => {
    if (block.kind !== 'table-row' || !block.fields) return;
    const timeHeader = block.fields.find(([header]) => TIME_HEADER.test(header))?.[0];
    const title = field(block, NAME_HEADER, TIME_HEADER);
    const cell = block.fields.find(([header]) => header === timeHeader)?.[1].trim();
    if (!title || !cell || !timeHeader) return;
    const when = year ? parseScheduleCell(cell, year.year) : undefined;
    const kind = /时限|期限|截止/.test(timeHeader) ? 'deadline' : 'activity';
    const number = field(block, /^序号$/) ?? String(index);
    const lead = field(block, LEAD_HEADER);
    const host = field(block, HOST_HEADER);
    const contact = field(block, CONTACT_HEADER);
    entries.push({
      id: `${stem}-${kind === 'activity' ? 'act' : 'ddl'}-${number.padStart(2, '0')}`,
      title,
      kind,
      when: when ? whenText(when) : year ? `待定 ${year.year}` : '待定',
      ...(lead ? { lead } : {}),
      ...(host ? { host } : {}),
      ...(contact ? { contact } : {}),
      source: sourceOf(document, block, block.spans.map((span) => span.text).join('')),
      review: [
        `${timeHeader}“${cell}”`,
        when ? `→ ${whenText(when)}` : '→ 无法识别，暂记为待定',
        year ? `年份：${year.basis}` : '年份未知',
      ].join('；'),
    });
  });
  return entries;
}
