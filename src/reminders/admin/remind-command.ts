import type { When } from '../calendar/types.js';
import { RemindersError } from '../errors.js';
import { isValidDate } from '../time/civil.js';
import { dateAt, instantOfDate } from '../time/zone.js';

/** How `/remind add` is written, for usage replies. */
export const REMIND_ADD_USAGE = '/remind add 2026-12-01 09:00 内容（时间可省略，默认当天 09:00）';

/**
 * Parses the text after `/remind add`: a date (2026-12-01, 2026/12/1, 12-01 for the next such day),
 * an optional time (09:00) and what to remind about. Throws RemindersError('invalid-command') or
 * ('time-in-past').
 */
export function parseRemindAdd(text: string, now: number, timeZone: string): { when: When; title: string; remindAt: number } {
  const match = /^\s*(?:(\d{4})[-/.年])?(\d{1,2})[-/.月](\d{1,2})日?(?:\s+(\d{1,2})[:：](\d{2}))?\s+(\S[\s\S]*)$/.exec(text);
  if (!match) throw new RemindersError('invalid-command', `cannot read "${text.trim()}"; usage: ${REMIND_ADD_USAGE}`);
  const today = dateAt(now, timeZone);
  const month = Number(match[2]);
  const day = Number(match[3]);
  let year = match[1] ? Number(match[1]) : today.year;
  const hasTime = match[4] !== undefined;
  const time = { hour: Number(match[4] ?? 9), minute: Number(match[5] ?? 0) };
  const date = () => ({ year, month, day });
  if (!isValidDate(date()) || time.hour > 23 || time.minute > 59) {
    throw new RemindersError('invalid-command', `"${text.trim()}" has no such date or time; usage: ${REMIND_ADD_USAGE}`);
  }
  if (!match[1] && instantOfDate(date(), timeZone, time) <= now) year += 1;
  const remindAt = instantOfDate(date(), timeZone, time);
  if (remindAt <= now)
    throw new RemindersError('time-in-past', `${year}-${month}-${day} ${match[4] ?? '09'}:${match[5] ?? '00'} has already passed`);
  const title = (match[6] ?? '').trim().slice(0, 200);
  const when: When = hasTime ? { type: 'exact', at: { ...date(), ...time } } : { type: 'date', date: date() };
  return { when, title, remindAt };
}
