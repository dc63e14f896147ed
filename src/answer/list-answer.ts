import { formatSection } from '../ingest/index.js';
import type { RetrievedPassage } from '../retrieve/index.js';
import { citationOf } from './citation.js';
import type { Citation } from './types.js';

const ASKS_FOR_LIST = /哪些|哪几|有几[个家项]|列出|分别|都有|清单|名单/;
const NAME_FIELD = /名称|姓名|名字|项目|活动/;
const MAX_ITEMS = 12;

/** Whether a question asks for an enumeration (哪些、名单、分别…). */
export function asksForList(question: string): boolean {
  return ASKS_FOR_LIST.test(question);
}

function fieldsOf(text: string): Array<[string, string]> {
  return text.split('，').flatMap((pair) => {
    const at = pair.indexOf('=');
    return at > 0 ? [[pair.slice(0, at), pair.slice(at + 1)] as [string, string]] : [];
  });
}

function nameOf(text: string): string | undefined {
  const fields = fieldsOf(text);
  return (fields.find(([key]) => NAME_FIELD.test(key)) ?? fields.find(([key]) => key !== '序号'))?.[1];
}

/**
 * For "有哪些…" questions answered by a table, lists the rows' names from the table the best row
 * belongs to (南浔区有哪些青创空间 → the 空间名称 column), citing each row.
 */
export function listAnswer(question: string, passages: RetrievedPassage[]): { answer: string; citations: Citation[] } | undefined {
  if (!asksForList(question)) return undefined;
  const first = passages.find((passage) => passage.chunk.kind === 'table-row' || passage.chunk.kind === 'person');
  if (!first || passages.indexOf(first) > 2) return undefined;
  const table = formatSection(first.chunk.sectionPath);
  const rows = passages
    .filter((passage) => passage.chunk.source === first.chunk.source && formatSection(passage.chunk.sectionPath) === table)
    .sort((left, right) => left.chunk.start - right.chunk.start);
  if (rows.length < 2) return undefined;
  const names = rows.map((row) => (row.chunk.kind === 'person' ? row.chunk.text.split('，')[0] : nameOf(row.chunk.text)));
  const items = names.filter((name): name is string => Boolean(name)).slice(0, MAX_ITEMS);
  const caption = first.chunk.sectionPath.at(-1) ?? first.chunk.title;
  return {
    answer: `${caption}中列有：${items.join('、')}${rows.length > MAX_ITEMS ? ' 等' : ''}。`,
    citations: rows.slice(0, MAX_ITEMS).map((row) => citationOf(row, row.chunk.text)),
  };
}
