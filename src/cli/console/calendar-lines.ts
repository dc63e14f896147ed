import type { CalendarEntry } from '../../reminders/index.js';
import { nextOccurrence } from '../../reminders/index.js';

/** One upcoming reminder as the console lists it. */
interface UpcomingLine {
  instant: number;
  text: string;
}

const KIND: Record<CalendarEntry['kind'], string> = { activity: '活动', deadline: '截止', custom: '提醒' };

/** The next occurrence of each active entry at `now`, soonest first, as lines such as 「2026-03-01 活动 路演」. */
export function upcomingLines(entries: CalendarEntry[], now: number, timeZone: string, limit = 8): string[] {
  const lines: UpcomingLine[] = [];
  for (const entry of entries) {
    if (entry.status !== 'active') continue;
    const occurrence = nextOccurrence(entry, now, timeZone);
    if (!occurrence) continue;
    const { year, month, day } = occurrence.date;
    const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const role = occurrence.role === 'start' ? '开始' : occurrence.role === 'end' ? '结束' : '';
    lines.push({ instant: occurrence.instant, text: `${date} ${KIND[entry.kind]}${role ? `（${role}）` : ''} ${entry.title}` });
  }
  return lines
    .sort((a, b) => a.instant - b.instant)
    .slice(0, limit)
    .map((line) => line.text);
}
