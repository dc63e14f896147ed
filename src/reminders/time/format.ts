import type { When } from '../calendar/types.js';
import { dayNumber, isoTime, type CivilDate, type TimeOfDay } from './civil.js';
import { civilAt, dateAt } from './zone.js';

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** `2026年12月1日（周二）`. */
export function formatDate(date: CivilDate): string {
  const weekdayIndex = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return `${date.year}年${date.month}月${date.day}日（周${WEEKDAYS[weekdayIndex] ?? ''}）`;
}

/** `2026年12月1日（周二）09:00`. */
export function formatDateTime(date: CivilDate, time: TimeOfDay): string {
  return `${formatDate(date)}${isoTime(time)}`;
}

/** An instant as a Chinese date and time in the zone (always an explicit `timeZone`). */
export function formatInstant(instant: number, timeZone: string): string {
  const wall = civilAt(instant, timeZone);
  return formatDateTime(wall, wall);
}

function formatMonthSpan(start: CivilDate, end: CivilDate): string {
  if (start.year === end.year && start.month === 1 && end.month === 12) return `${start.year}年全年`;
  if (start.year === end.year && start.month === end.month) return `${start.year}年${start.month}月`;
  if (start.year === end.year) return `${start.year}年${start.month}月—${end.month}月`;
  return `${start.year}年${start.month}月—${end.year}年${end.month}月`;
}

/** How the document's time reads on a card: 2025年3月—10月, 2027年12月31日（周五）, 时间待定（2025年内）. */
export function formatWhen(when: When): string {
  switch (when.type) {
    case 'exact':
      return formatDateTime(when.at, when.at);
    case 'date':
      return formatDate(when.date);
    case 'window':
      if (when.precision === 'month') return formatMonthSpan(when.start, when.end);
      return `${when.start.year}年${when.start.month}月${when.start.day}日—${when.end.year === when.start.year ? '' : `${when.end.year}年`}${when.end.month}月${when.end.day}日`;
    case 'tbd':
      return when.year === undefined ? '时间待定' : `时间待定（${when.year}年内）`;
  }
}

/**
 * "How long until" from `now` to a date (or an exact instant): 今天, 明天, 还有 N 天, 还有 N 小时,
 * 已过去 N 天. Whole days are counted on the zone's calendar, not in 24-hour blocks.
 */
export function formatUntil(now: number, target: { date: CivilDate; instant?: number | undefined }, timeZone: string): string {
  const days = dayNumber(target.date) - dayNumber(dateAt(now, timeZone));
  if (target.instant !== undefined) {
    const ms = target.instant - now;
    if (ms < 0) return days === 0 ? '已开始' : `已过去 ${-days} 天`;
    if (ms < 3_600_000) return `还有 ${Math.max(1, Math.round(ms / 60_000))} 分钟`;
    if (ms < 24 * 3_600_000 && days <= 1) return `还有 ${Math.round(ms / 3_600_000)} 小时`;
  }
  if (days === 0) return '今天';
  if (days === 1) return '明天';
  if (days > 1) return `还有 ${days} 天`;
  return `已过去 ${-days} 天`;
}
