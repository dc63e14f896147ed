import { cleanText } from '../text/index.js';
import { headingOf } from './headings.js';
import type { Line } from './lines.js';
import { rebuildTable, type TableRow } from './table-rebuild.js';

export type { TableRow } from './table-rebuild.js';

/** A table found in the text and the index of the first line after it. */
export interface ParsedTable {
  header: string[];
  rows: TableRow[];
  /** Rows that could not be lined up with the header (see rebuildTable): kept as text only. */
  broken?: TableRow[];
  /** True when a multi-line header or row-spanning cells were put back together. */
  rebuilt?: boolean;
  next: number;
}

const KANA = /[\u3040-\u30ff]/;
const MARKERS = /[✮★☆※]/g;

/** True when the line belongs to a tab-separated table. */
export function isTableLine(line: Line): boolean {
  return line.text.includes('\t');
}

function cellText(text: string): string {
  return cleanText(text.replace(MARKERS, ''));
}

/**
 * Parses a tab table starting at `first`. Two layouts occur in converted documents:
 * one row per line (cells split by tabs) and one cell per line (each cell opens with a tab,
 * wrapped cell text continues on following lines, rows separated by blank lines).
 */
export function parseTabTable(lines: Line[], first: number): ParsedTable {
  const firstLine = lines[first];
  const tabs = firstLine ? (firstLine.text.match(/\t/g) ?? []).length : 0;
  const rowPerLine = tabs >= 2 || (firstLine !== undefined && !firstLine.text.startsWith('\t'));
  return rowPerLine ? parseRowPerLine(lines, first) : parseCellPerLine(lines, first);
}

function parseRowPerLine(lines: Line[], first: number): ParsedTable {
  let index = first;
  const raw: TableRow[] = [];
  while (index < lines.length) {
    const line = lines[index];
    if (!line) break;
    if (line.text.trim() === '') {
      index += 1;
      continue;
    }
    if (!isTableLine(line) || /[:：]$/.test(line.text.split('\t')[0] ?? '')) break;
    raw.push({ cells: line.text.split('\t').map(cellText), start: line.start, end: line.end });
    index += 1;
  }
  const rebuilt = rebuildTable(raw);
  if (rebuilt) return { ...rebuilt, rebuilt: true, next: index };
  // OCR'd tables often open with a half-empty fragment line: the fuller of the first two is the header.
  const headerIndex = raw.length > 1 && filled(raw[1]?.cells) > filled(raw[0]?.cells) ? 1 : 0;
  let header = raw[headerIndex]?.cells ?? [];
  const rows: TableRow[] = [];
  for (const row of raw.slice(headerIndex + 1)) {
    if (isOcrDebris(row.cells)) continue;
    if (header[0] && row.cells[0] === header[0]) {
      // A header repeated on the next page; keep whichever reading is more complete.
      if (row.cells.join('').length > header.join('').length) header = row.cells;
      continue;
    }
    rows.push(row);
  }
  return { header, rows, next: index };
}

/** OCR fragments of a header: kana where Han characters were, most cells empty. */
function isOcrDebris(cells: string[]): boolean {
  const empty = cells.filter((cell) => cell === '').length;
  return cells.some((cell) => KANA.test(cell)) && empty * 3 > cells.length;
}

function filled(cells: string[] | undefined): number {
  return (cells ?? []).filter((cell) => cell !== '' && !/^[\d.\s-]+$/.test(cell)).length;
}

function parseCellPerLine(lines: Line[], first: number): ParsedTable {
  const groups: TableRow[] = [];
  let current: TableRow | undefined;
  let blanks = 0;
  let index = first;
  for (; index < lines.length; index += 1) {
    const line = lines[index];
    if (!line) break;
    if (line.text.trim() === '' && !isTableLine(line)) {
      blanks += 1;
      continue;
    }
    if (isTableLine(line)) {
      if (!current || blanks > 0) {
        current = { cells: [], start: line.start, end: line.end };
        groups.push(current);
      }
      for (const cell of line.text.split('\t').slice(1)) current.cells.push(cell);
      current.end = line.end;
    } else {
      // After a single blank line a tab-less line continues the cell above (总面积 / （平方米）).
      if (!current || blanks >= 2 || headingOf(line.text)?.level === 0) break;
      const last = current.cells.length - 1;
      current.cells[last] = `${current.cells[last] ?? ''}${line.text.trim()}`;
      current.end = line.end;
    }
    blanks = 0;
  }
  const [headerGroup, ...bodyGroups] = groups;
  const header = (headerGroup?.cells ?? []).map(cellText);
  return { header, rows: fillMergedCells(regroup(bodyGroups, header.length)), next: index };
}

/** Groups split at a blank line inside a row (南浔区 / （15） / …) are joined back to the header width. */
function regroup(groups: TableRow[], width: number): Array<TableRow & { complete: boolean }> {
  const rows: Array<TableRow & { complete: boolean }> = [];
  let pending: TableRow | undefined;
  for (const group of groups) {
    if (pending && pending.cells.length + group.cells.length <= width) {
      pending = { cells: [...pending.cells, ...group.cells], start: pending.start, end: group.end };
    } else {
      if (pending) rows.push({ ...pending, complete: pending.cells.length === width });
      pending = group;
    }
    if (pending.cells.length >= width) {
      rows.push({ ...pending, complete: pending.cells.length === width });
      pending = undefined;
    }
  }
  if (pending) rows.push({ ...pending, complete: pending.cells.length === width });
  return rows.map((row) => ({ ...row, cells: row.cells.map(cellText) }));
}

/** Vertically merged cells arrive as empty cells below the first: carry the value down. */
function fillMergedCells(rows: Array<TableRow & { complete: boolean }>): TableRow[] {
  let previous: string[] | undefined;
  return rows.map((row) => {
    if (!row.complete) return { cells: row.cells, start: row.start, end: row.end };
    const cells = row.cells.map((cell, column) => (cell === '' && previous ? (previous[column] ?? '') : cell));
    previous = cells;
    return { cells, start: row.start, end: row.end };
  });
}

/**
 * A totals row written as a label naming a column and its value (总面积 / 202969 under a header with
 * 总面积（平方米）): the value belongs to that column, not to the first two.
 */
function summaryField(header: string[], cells: string[]): [string, string] | undefined {
  const filledCells = cells.filter((cell) => cell !== '');
  const [label, value] = filledCells;
  if (filledCells.length !== 2 || !label || !value || cells[0] !== label) return undefined;
  const column = header.findIndex((name, index) => index > 0 && name.startsWith(label));
  return column > 0 ? [`${header[column]}（合计）`, value] : undefined;
}

/** Pairs header and cells into the record a reader quotes: 空间名称=…，运营主体=…. */
export function rowFields(header: string[], cells: string[]): Array<[string, string]> {
  const summary = summaryField(header, cells);
  if (summary) return [summary];
  const fields: Array<[string, string]> = [];
  cells.forEach((cell, column) => {
    if (cell === '') return;
    fields.push([header[column] || `列${column + 1}`, cell]);
  });
  return fields;
}

/** "a | b | c | d" key/value rows as published on government portals (索引号 | … | 文号 | …). */
export function pipePairs(text: string): Array<[string, string]> {
  const cells = text
    .split('|')
    .map((cell) => cleanText(cell))
    .filter((cell) => cell !== '');
  const pairs: Array<[string, string]> = [];
  for (let index = 0; index + 1 < cells.length; index += 2) pairs.push([cells[index] ?? '', cells[index + 1] ?? '']);
  return pairs;
}
