// The Card JSON 2.0 `table` component as the Open Platform documents it (卡片 JSON 2.0 › 表格): at the
// card's root only, no nested components, page_size an integer in [1,10], at most 50 columns each
// with a unique `name` and a known `data_type`, widths auto / [80,600]px / a percentage, and rows
// keyed by column name with values of the column's type. Where the platform degrades quietly (it does
// not show columns past 50, nor cells of an unnamed column) the fake refuses, so such a card is noticed.
import { isJson, type Json } from './router.js';

export const MAX_TABLE_COLUMNS = 50;
const DATA_TYPES = ['text', 'lark_md', 'markdown', 'options', 'number', 'persons', 'date'];
const COLUMN_PROPERTIES = ['name', 'display_name', 'data_type', 'width', 'horizontal_align', 'vertical_align', 'format', 'date_format'];
const HEADER_STYLE_PROPERTIES = ['text_align', 'text_size', 'background_style', 'text_color', 'bold', 'lines'];
const ROW_HEIGHTS = ['low', 'middle', 'high', 'auto'];

const pixels = (value: unknown): number | undefined =>
  typeof value === 'string' && /^\d+px$/.test(value) ? Number.parseInt(value, 10) : undefined;
const within = (value: number | undefined, low: number, high: number): boolean => value !== undefined && value >= low && value <= high;

function widthProblem(width: unknown): boolean {
  if (width === undefined || width === 'auto') return false;
  if (typeof width === 'string' && /^\d+%$/.test(width)) return !within(Number.parseInt(width, 10), 1, 100);
  return !within(pixels(width), 80, 600);
}

function valueFits(value: unknown, dataType: string): boolean {
  switch (dataType) {
    case 'number':
    case 'date':
      return typeof value === 'number';
    case 'options':
      return Array.isArray(value) && value.every((option) => isJson(option) && typeof option.text === 'string');
    case 'persons':
      return typeof value === 'string' || (Array.isArray(value) && value.every((person) => typeof person === 'string'));
    default:
      return typeof value === 'string';
  }
}

function columnProblems(columns: unknown, where: string): { problems: string[]; types: Map<string, string> } {
  const problems: string[] = [];
  const types = new Map<string, string>();
  if (!Array.isArray(columns) || columns.length === 0)
    return { problems: [`${where}: columns required (an array of at least one column)`], types };
  if (columns.length > MAX_TABLE_COLUMNS) problems.push(`${where}: ${columns.length} columns, over ${MAX_TABLE_COLUMNS}`);
  columns.forEach((column: unknown, index) => {
    const at = `${where}.columns[${index}]`;
    if (!isJson(column)) return void problems.push(`${at} is not an object`);
    for (const key of Object.keys(column)) if (!COLUMN_PROPERTIES.includes(key)) problems.push(`unknown property ${at}.${key}`);
    if (typeof column.name !== 'string' || column.name === '') problems.push(`${at}: name required`);
    else if (types.has(column.name)) problems.push(`${at}: name "${column.name}" is not unique`);
    if (typeof column.data_type !== 'string' || !DATA_TYPES.includes(column.data_type))
      problems.push(`${at}: data_type must be one of ${DATA_TYPES.join(', ')}`);
    if (widthProblem(column.width)) problems.push(`${at}: width must be auto, 80px–600px or a percentage`);
    if (typeof column.name === 'string' && typeof column.data_type === 'string') types.set(column.name, column.data_type);
  });
  return { problems, types };
}

function rowProblems(rows: unknown, types: Map<string, string>, where: string): string[] {
  if (!Array.isArray(rows)) return [`${where}: rows required (an array)`];
  return rows.flatMap((row: unknown, index) => {
    const at = `${where}.rows[${index}]`;
    if (!isJson(row)) return [`${at} is not an object`];
    return Object.entries(row).flatMap(([key, value]) => {
      const dataType = types.get(key);
      if (dataType === undefined) return [`${at}.${key} names no column`];
      return valueFits(value, dataType) ? [] : [`${at}.${key} does not fit data_type ${dataType}`];
    });
  });
}

/** What is wrong with one table element found at `where` (`atRoot`: directly in body.elements). */
export function tableProblems(table: Json, where: string, atRoot: boolean): string[] {
  const problems: string[] = [];
  if (!atRoot) problems.push(`${where}: a table may only be placed at the card's root (body.elements)`);
  if (table.page_size !== undefined && !(Number.isInteger(table.page_size) && within(table.page_size as number, 1, 10)))
    problems.push(`${where}: page_size must be an integer in [1,10]`);
  const height = table.row_height;
  if (height !== undefined && !(typeof height === 'string' && ROW_HEIGHTS.includes(height)) && !within(pixels(height), 32, 124))
    problems.push(`${where}: row_height must be low, middle, high, auto or 32px–124px`);
  if (table.row_max_height !== undefined && !within(pixels(table.row_max_height), 32, 999))
    problems.push(`${where}: row_max_height must be 32px–999px`);
  if (table.header_style !== undefined) {
    if (!isJson(table.header_style)) problems.push(`${where}.header_style is not an object`);
    else
      for (const key of Object.keys(table.header_style))
        if (!HEADER_STYLE_PROPERTIES.includes(key)) problems.push(`unknown property ${where}.header_style.${key}`);
  }
  const columns = columnProblems(table.columns, where);
  return [...problems, ...columns.problems, ...rowProblems(table.rows, columns.types, where)];
}
