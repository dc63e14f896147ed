import type { When } from '../calendar/types.js';
import { daysInMonth, isValidDate, type CivilDate } from '../time/civil.js';

const CHINESE_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 1: 1, 2: 2, 3: 3, 4: 4 };

interface Span {
  start: CivilDate;
  end: CivilDate;
  precision: 'month' | 'day';
}

/** Full-width digits and the many dashes of Chinese documents, made plain. */
export function normalizeTimeText(text: string): string {
  return text
    .replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0))
    .replace(/[－—–~～至到]+/g, '-')
    .replace(/\s+/g, '');
}

function monthSpan(year: number, month: number): Span {
  return { start: { year, month, day: 1 }, end: { year, month, day: daysInMonth(year, month) }, precision: 'month' };
}

/** One side of a range: 2025年3月, 3月15日, 4月上旬, 11月底. `context` fills a missing year or month. */
function part(text: string, context: { year: number; month?: number }): Span | undefined {
  const match = /^(?:(\d{4})年)?(?:(\d{1,2})月)?(?:(\d{1,2})日)?(上旬|中旬|下旬|初|底|末|中)?$/.exec(text);
  if (!match || (match[2] === undefined && match[3] === undefined)) return undefined;
  const year = match[1] ? Number(match[1]) : context.year;
  const month = match[2] ? Number(match[2]) : context.month;
  if (month === undefined || month < 1 || month > 12) return undefined;
  if (match[3]) {
    const date = { year, month, day: Number(match[3]) };
    return isValidDate(date) ? { start: date, end: date, precision: 'day' } : undefined;
  }
  const last = daysInMonth(year, month);
  switch (match[4]) {
    case '上旬':
      return { start: { year, month, day: 1 }, end: { year, month, day: 10 }, precision: 'day' };
    case '中旬':
      return { start: { year, month, day: 11 }, end: { year, month, day: 20 }, precision: 'day' };
    case '下旬':
      return { start: { year, month, day: 21 }, end: { year, month, day: last }, precision: 'day' };
    default:
      return monthSpan(year, month);
  }
}

function window(start: Span, end: Span): When {
  const precision = start.precision === 'month' && end.precision === 'month' ? 'month' : 'day';
  if (precision === 'day' && start.start.year === end.end.year && start.start.month === end.end.month && start.start.day === end.end.day) {
    return { type: 'date', date: start.start };
  }
  return { type: 'window', start: start.start, end: end.end, precision };
}

/**
 * Reads a schedule cell such as 拟举办时间 (3月-10月, 4月, 全年, 7月-8月, 待定, 3月15日, 下半年) in the
 * document's year; undefined when the cell is not a time this reader knows.
 */
export function parseScheduleCell(cell: string, year: number): When | undefined {
  const text = normalizeTimeText(cell);
  if (/^(待定|待确定|另行通知|待通知|暂定|时间待定)$/.test(text)) return { type: 'tbd', year };
  if (/^(\d{4}年)?(全年|全年度|常年|年内|全年开展)$/.test(text)) return window(monthSpan(year, 1), monthSpan(year, 12));
  if (text === '上半年') return window(monthSpan(year, 1), monthSpan(year, 6));
  if (text === '下半年') return window(monthSpan(year, 7), monthSpan(year, 12));
  const quarter = /^第?([一二三四1-4])季度$/.exec(text);
  if (quarter?.[1]) {
    const first = ((CHINESE_DIGITS[quarter[1]] ?? 1) - 1) * 3 + 1;
    return window(monthSpan(year, first), monthSpan(year, first + 2));
  }
  const sides = text.split('-');
  if (sides.length === 1) {
    const single = part(sides[0] ?? '', { year });
    return single ? window(single, single) : undefined;
  }
  if (sides.length !== 2) return undefined;
  const start = part(sides[0] ?? '', { year });
  if (!start) return undefined;
  const end = part(sides[1] ?? '', { year: start.start.year, month: start.start.month });
  if (!end) return undefined;
  const adjusted =
    end.end.month < start.start.month && end.end.year === start.start.year
      ? part(sides[1] ?? '', { year: year + 1, month: start.start.month })
      : end;
  return adjusted ? window(start, adjusted) : undefined;
}
