import { cleanText } from '../text/index.js';

/** A table row as cells with the offsets of the lines it came from. */
export interface TableRow {
  cells: string[];
  start: number;
  end: number;
}

/** A table whose header lines and merged cells were put back together, and the rows that would not fit. */
interface RebuiltTable {
  header: string[];
  rows: TableRow[];
  /** Rows whose cells do not line up with the header: searchable text, never quoted as records. */
  broken: TableRow[];
}

const VALUE = /^(?:[\d.,]+\s*[%％]?|[-_—])$/;
const TOTAL = /^(?:小计|合计|总计|全市合计|累计)$/;
const UNIT_MARK = /[（(][个家人项亩元][)）]/g;

const isValue = (cell: string): boolean => VALUE.test(cell.trim());
const isTotal = (cell: string): boolean => TOTAL.test(cell.replace(/\s/g, ''));

/** A data row carries values; a header row carries none. */
function valueCount(row: TableRow): number {
  return row.cells.filter(isValue).length;
}

function trimmed(cells: string[]): string[] {
  const copy = [...cells];
  while (copy.length > 0 && (copy.at(-1) ?? '').trim() === '') copy.pop();
  return copy;
}

/** The row width most data rows share. */
function dataWidth(rows: TableRow[]): number {
  const counts = new Map<number, number>();
  for (const row of rows) if (valueCount(row) >= 2) counts.set(row.cells.length, (counts.get(row.cells.length) ?? 0) + 1);
  return [...counts.entries()].sort((left, right) => right[1] - left[1])[0]?.[0] ?? 0;
}

/** Consecutive header lines merged column by column: 「省级专精特新」 over 「园区(含高星级…)」. */
function mergeHeader(lines: TableRow[], width: number): string[] {
  return Array.from({ length: width }, (_, column) =>
    cleanText(
      lines
        .map((line) => line.cells[column] ?? '')
        .filter((cell) => cell.trim() !== '')
        .join(''),
    ),
  );
}

/** A header reading is worse for each empty column, each cell holding two columns' units, each stray number. */
function headerScore(header: string[]): number {
  return header.reduce((score, cell) => {
    if (cell === '') return score - 1;
    const units = cell.match(UNIT_MARK)?.length ?? 0;
    const numbers = cell.match(/(?<![\d/])\d+(?![\d/])/g)?.length ?? 0;
    return score + 1 - (units > 1 ? 2 : 0) - (numbers > 2 ? 3 : 0);
  }, 0);
}

/** Groups of header lines (runs of rows without values) and the best merged reading among them. */
function bestHeader(rows: TableRow[], width: number): string[] {
  const groups: TableRow[][] = [];
  let run: TableRow[] = [];
  for (const row of rows) {
    if (valueCount(row) === 0 && !row.cells.some(isTotal)) run.push(row);
    else if (run.length > 0) (groups.push(run), (run = []));
  }
  if (run.length > 0) groups.push(run);
  const readings = groups
    .filter((group) => group.every((line) => trimmed(line.cells).length <= width))
    .map((group) => mergeHeader(group, width));
  return readings.sort((left, right) => headerScore(right) - headerScore(left))[0] ?? [];
}

/** For each column, whether most of its filled cells are text (年份: 2025 年) rather than values. */
function textMajority(rows: TableRow[], width: number): boolean[] {
  return Array.from({ length: width }, (_, column) => {
    const filled = rows.map((row) => row.cells[column] ?? '').filter((cell) => cell.trim() !== '' && !isTotal(cell));
    return filled.filter((cell) => !isValue(cell)).length * 2 > filled.length;
  });
}

/** The label of a group of rows: its first cell that names something (南浔区), not debris such as 「1」. */
function groupLabel(rows: TableRow[]): string | undefined {
  const labels = rows.map((row) => (row.cells[0] ?? '').trim()).filter((cell) => cell.length >= 2 && !isValue(cell) && !/\d/.test(cell));
  return labels[0];
}

/**
 * Rebuilds a table printed with a multi-line header and row-spanning cells (a district over its year
 * rows, closed by a 小计 row): header lines merged per column, the spanning cell carried to every row
 * of its group, totals kept as their group's rows. Rows whose cells do not line up are set apart.
 * Undefined for a table without totals rows: the ordinary reading stands.
 */
export function rebuildTable(raw: TableRow[]): RebuiltTable | undefined {
  const width = dataWidth(raw);
  // Totals rows mark the tables printed with row-spanning group cells; other tables read well as they are.
  const hasTotals = raw.some((row) => row.cells.some(isTotal));
  if (width === 0 || !hasTotals) return undefined;
  const header = bestHeader(raw, width);
  const body = raw.filter((row) => valueCount(row) > 0 || row.cells.some(isTotal));
  const textColumns = textMajority(
    body.filter((row) => row.cells.length === width),
    width,
  );
  // A row fits when it has the data width and each column holds what that column holds in most rows
  // (a number where years are written is a row whose cells slid over).
  const fits = (row: TableRow): boolean =>
    row.cells.length === width &&
    valueCount(row) >= 2 &&
    row.cells.every((cell, column) => column === 0 || cell.trim() === '' || isTotal(cell) || textColumns[column] !== isValue(cell));
  const broken = body.filter((row) => !fits(row));
  const data = body.filter(fits);
  const rows: TableRow[] = [];
  let group: TableRow[] = [];
  const close = (): void => {
    const label = groupLabel(group);
    for (const row of group) rows.push({ ...row, cells: [label ?? row.cells[0] ?? '', ...row.cells.slice(1)] });
    group = [];
  };
  for (const row of data) {
    group.push(row);
    if (row.cells.some(isTotal)) close();
  }
  close();
  return { header, rows: rows.map((row) => ({ ...row, cells: row.cells.map(cleanText) })), broken };
}
