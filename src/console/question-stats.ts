import type { QuestionEntry } from '../lark/index.js';
import { dayOf } from './layout.js';

/** The documents do not answer it (a failure card is not a refusal: nothing was decided about the documents). */
export function isRefusal(entry: Pick<QuestionEntry, 'answerable' | 'mode'>): boolean {
  return !entry.answerable && entry.mode !== 'failed';
}

/** One day of the overview chart. */
export interface DayStats {
  day: string;
  total: number;
  refused: number;
  up: number;
  down: number;
}

/** The last `days` calendar days (China time) ending today, each with its questions, refusals and votes. */
export function dailyStats(entries: readonly QuestionEntry[], now: number, days = 30): DayStats[] {
  const stats = new Map<string, DayStats>();
  for (let back = days - 1; back >= 0; back -= 1) {
    const day = dayOf(now - back * 86_400_000);
    stats.set(day, { day, total: 0, refused: 0, up: 0, down: 0 });
  }
  for (const entry of entries) {
    const day = stats.get(dayOf(entry.time));
    if (!day) continue;
    day.total += 1;
    if (isRefusal(entry)) day.refused += 1;
    day.up += entry.up;
    day.down += entry.down;
  }
  return [...stats.values()];
}

/** What the questions page filters on; every field optional. */
export interface QuestionFilter {
  refused?: boolean | undefined;
  down?: boolean | undefined;
  /** Inclusive calendar days (YYYY-MM-DD, China time). */
  from?: string | undefined;
  to?: string | undefined;
  text?: string | undefined;
}

/** The entries a filter keeps, in their order. */
export function filterQuestions(entries: readonly QuestionEntry[], filter: QuestionFilter): QuestionEntry[] {
  const text = filter.text?.trim().toLowerCase();
  return entries.filter((entry) => {
    if (filter.refused && !isRefusal(entry)) return false;
    if (filter.down && entry.down === 0) return false;
    const day = dayOf(entry.time);
    if (filter.from && day < filter.from) return false;
    if (filter.to && day > filter.to) return false;
    if (text && !`${entry.question}\n${entry.answer}`.toLowerCase().includes(text)) return false;
    return true;
  });
}

/** The filter in a query string (`?refused=1&down=1&from=…&to=…&q=…`); unknown or malformed values are ignored. */
export function filterFromQuery(query: URLSearchParams): QuestionFilter {
  const day = (value: string | null): string | undefined => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined);
  const from = day(query.get('from'));
  const to = day(query.get('to'));
  const text = query.get('q')?.slice(0, 200);
  return { refused: query.get('refused') === '1', down: query.get('down') === '1', from, to, text };
}

/** A cell that a spreadsheet would run as a formula is prefixed with ' (CSV injection). */
function csvCell(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The entries as CSV (with a BOM, so spreadsheet programs read the Chinese as UTF-8). */
export function questionsCsv(entries: readonly QuestionEntry[]): string {
  const header = ['时间', '会话', '问题', '回答', '是否回答', '模式', '👍', '👎', '耗时毫秒', '来源'];
  const rows = entries.map((entry) => [
    entry.time,
    entry.chatId,
    entry.question,
    entry.answer,
    entry.answerable ? '已回答' : '未回答',
    entry.mode,
    entry.up,
    entry.down,
    entry.latencyMs,
    entry.sources.map((source) => source.title).join('；'),
  ]);
  return `\ufeff${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
