import { formatSection } from '../ingest/index.js';
import { compactForm } from '../text/index.js';
import type { RetrievedPassage } from '../retrieve/index.js';
import { citationOf } from './citation.js';
import { fieldPhrase, nameField } from './compose/record-sentence.js';
import { recordFields } from './compose/units.js';
import type { Citation } from './types.js';

const ASKS_FOR_LIST = /哪些|哪几|有几[个家项]|列出|分别|都有|清单|名单/;
const MAX_ITEMS = 12;

// 「南浔的青创空间都由谁来运营？」「各空间面积分别多大？」: one field of every row
const ACROSS_ROWS = /(?<![成首京古建])都|各(?:个|家|空间|园区)?|分别|每(?:个|家|一)/;
// two-character pieces of a column name that name nothing on their own
const GENERIC_PIECES = new Set(['名称', '序号', '情况', '其中', '单位']);

/** Whether a question asks for an enumeration (哪些、名单、分别…). */
function asksForList(question: string): boolean {
  return ASKS_FOR_LIST.test(question);
}

/** The count a table's caption states: 全区建设培育青创空间汇总表（6个） → 6. */
function statedCount(caption: string): number | undefined {
  const match = /[（(](\d+)\s*[个家项名人场]?[)）]\s*$/.exec(caption);
  return match ? Number(match[1]) : undefined;
}

/** A table's identity among passages: its document and its section path. */
function tableKey(passage: RetrievedPassage): string {
  return `${passage.chunk.source}\u0000${formatSection(passage.chunk.sectionPath)}`;
}

function isRow(passage: RetrievedPassage): boolean {
  return passage.chunk.kind === 'table-row' || passage.chunk.kind === 'person';
}

/**
 * How many of the question's words a table's caption and column names hold (each row's own words do not
 * count: some row always matches something). 「青创赛事和活动」 is the 活动安排 table, not the 项目汇总表.
 */
function captionCoverage(row: RetrievedPassage, terms: string[]): number {
  const columns = row.chunk.kind === 'table-row' ? recordFields(row.chunk.text).map(([key]) => key) : [];
  const caption = compactForm(`${row.chunk.sectionPath.join('')}${columns.join('')}`);
  return terms.filter((term) => term.length >= 2 && caption.includes(compactForm(term))).length;
}

/**
 * The rows (of the kinds `isRow` takes) of the best table among the passages, in table order: when a row
 * ranks in the top three, the table whose caption holds most of the question's words (the best-ranked on
 * a tie), with its first-found row.
 */
function bestTableRows(
  passages: RetrievedPassage[],
  terms: string[],
  isRow: (passage: RetrievedPassage) => boolean,
): { first: RetrievedPassage; rows: RetrievedPassage[] } | undefined {
  const top = passages.find(isRow);
  if (!top || passages.indexOf(top) > 2) return undefined;
  const firstRows = new Map<string, RetrievedPassage>();
  for (const row of passages.filter(isRow)) if (!firstRows.has(tableKey(row))) firstRows.set(tableKey(row), row);
  const [first] = [...firstRows.values()].sort((left, right) => captionCoverage(right, terms) - captionCoverage(left, terms));
  if (!first) return undefined;
  const rows = passages
    .filter((passage) => isRow(passage) && tableKey(passage) === tableKey(first))
    .sort((left, right) => left.chunk.start - right.chunk.start);
  return { first, rows };
}

const isTableRow = (passage: RetrievedPassage): boolean => passage.chunk.kind === 'table-row';

/**
 * For "有哪些…" questions answered by a table, lists the rows' names (南浔区有哪些青创空间 → the 空间名称
 * column), citing each row. Of the tables among the passages, the one whose caption and columns hold
 * most of the question's words is listed (the best-ranked on a tie). The list is complete, or says
 * 「等N项」 with the count its caption (or the rows found) gives.
 */
export function listAnswer(
  question: string,
  terms: string[],
  passages: RetrievedPassage[],
): { answer: string; citations: Citation[] } | undefined {
  if (!asksForList(question)) return undefined;
  const table = bestTableRows(passages, terms, isRow);
  if (!table) return undefined;
  const { first } = table;
  const rows = table.rows.filter((passage) => !/（合计）=|^合计|小计/.test(passage.chunk.text));
  if (rows.length < 2) return undefined;
  // a row without a name is not an item of the list
  const named = rows.flatMap((row) => {
    const name = row.chunk.kind === 'person' ? row.chunk.text.split('，')[0] : nameField(recordFields(row.chunk.text))?.[1];
    return name ? [{ row, name }] : [];
  });
  if (named.length < 2) return undefined;
  const shown = named.slice(0, MAX_ITEMS);
  const caption = first.chunk.sectionPath.at(-1) ?? first.chunk.title;
  // the caption's count (（6个）) is the whole; without one, what was found
  const total = statedCount(caption) ?? named.length;
  const complete = shown.length >= total;
  return {
    answer: `${caption}中列有：${shown.map((item) => item.name).join('、')}${complete ? '' : `等${total}项`}。`,
    citations: shown.map(({ row }) => citationOf(row, row.chunk.text)),
  };
}

/**
 * The column a question asks about. Asked of every row (都/各/分别), a column sharing a two-character
 * piece with the question will do (运营主体 for 谁来运营); in a plain 「有哪些」 question only a column
 * named whole (配合部门), since its words also name the rows (科技型产业园 is no 主导产业).
 */
function askedColumn(question: string, columns: string[], acrossRows: boolean): string | undefined {
  const asked = compactForm(question);
  return columns.find((column) => {
    const plain = compactForm(column.replace(/[（(][^）)]*[)）]/g, ''));
    if (!acrossRows) return plain.length >= 2 && asked.includes(plain);
    return [...plain].some((_, at) => {
      const piece = plain.slice(at, at + 2);
      return piece.length === 2 && !GENERIC_PIECES.has(piece) && asked.includes(piece);
    });
  });
}

/**
 * 「南浔的青创空间都由谁来运营？」: the asked column of every row of the best table, each row by its
 * name (頔塘青创社区：运营主体为南浔区人才产业集团；…), each row cited.
 */
export function fieldListAnswer(
  question: string,
  terms: string[],
  passages: RetrievedPassage[],
): { answer: string; citations: Citation[] } | undefined {
  const acrossRows = ACROSS_ROWS.test(question);
  if (!acrossRows && !asksForList(question)) return undefined;
  const table = bestTableRows(passages, terms, isTableRow);
  if (!table) return undefined;
  const { first } = table;
  const rows = table.rows.map((row) => ({ row, fields: recordFields(row.chunk.text) }));
  const name = nameField(rows[0]?.fields ?? [])?.[0];
  const columns = (rows[0]?.fields ?? []).map(([key]) => key).filter((key) => key !== name && key !== '序号');
  const column = askedColumn(question, columns, acrossRows);
  if (!name || !column) return undefined;
  const said = rows.flatMap(({ row, fields }) => {
    const label = fields.find(([key]) => key === name)?.[1];
    const value = fields.find(([key]) => key === column)?.[1];
    return label && value ? [{ row, line: `${label}：${fieldPhrase(column, value)}` }] : [];
  });
  if (said.length < 2) return undefined;
  const shown = said.slice(0, MAX_ITEMS);
  const caption = first.chunk.sectionPath.at(-1) ?? first.chunk.title;
  const total = statedCount(caption) ?? said.length;
  return {
    answer: `${caption}中：${shown.map((item) => item.line).join('；')}${shown.length >= total ? '。' : `；等${total}项。`}`,
    citations: shown.map(({ row }) => citationOf(row, row.chunk.text)),
  };
}
