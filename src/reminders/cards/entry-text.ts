import type { CalendarEntry, SourceRef } from '../calendar/types.js';
import type { Occurrence } from '../schedule/occurrences.js';
import { formatDate, formatDateTime, formatUntil, formatWhen } from '../time/format.js';

/** 活动 / 截止 / 提醒: what kind of thing the entry is, for people. */
export function kindLabel(entry: CalendarEntry): string {
  return entry.kind === 'activity' ? '活动' : entry.kind === 'deadline' ? '截止' : '提醒';
}

/**
 * Where an occurrence stands at `now`: 还有 3 天, 今天开始, 进行中，还有 5 天结束（10月31日）.
 * Windows speak of starting and ending; deadlines of 截止.
 */
export function statusLine(entry: CalendarEntry, occurrence: Occurrence, now: number, timeZone: string): string {
  const until = formatUntil(now, { date: occurrence.date, instant: occurrence.role === 'at' ? occurrence.instant : undefined }, timeZone);
  const day = `${occurrence.date.month}月${occurrence.date.day}日`;
  if (occurrence.role === 'start')
    return until === '今天' ? '今天开始' : until.startsWith('已') ? `已开始（${day}）` : `${until}开始（${day}）`;
  if (occurrence.role === 'end') {
    if (until === '今天') return '进行中，今天是最后一天';
    return until.startsWith('已') ? `已结束（${day}）` : `进行中，${until}结束（${day}）`;
  }
  if (entry.kind === 'deadline')
    return until === '今天' ? '今天截止' : until.startsWith('已') ? `已截止（${until.slice(1)}）` : `${until}截止`;
  return until;
}

/** The occurrence's own date (and time), as a reminder card states it. */
export function occurrenceDate(occurrence: Occurrence): string {
  return occurrence.time ? formatDateTime(occurrence.date, occurrence.time) : formatDate(occurrence.date);
}

/** The entry's time as the document gives it. */
export function whenLabel(entry: CalendarEntry): string {
  return formatWhen(entry.when);
}

/** 《title》 › section, or the file name when the title is unknown. */
export function sourceLabel(source: SourceRef): string {
  return `${source.title ? `《${source.title}》` : source.source} › ${source.section}`;
}

/** The question the "问问政策通" button asks about an entry. */
export function askQuestion(entry: CalendarEntry): string {
  const what = entry.title.length > 60 ? `${entry.title.slice(0, 60)}…` : entry.title;
  return entry.kind === 'deadline' ? `${what}，具体要求是什么？` : `${what}什么时候举办？由哪个部门牵头？`;
}
