import { RemindersError } from '../errors.js';
import { addDays, isValidDate } from './civil.js';
import { instantOfDate } from './zone.js';

/**
 * Reads `--from` / `--to`: `2026-11-23` (the start of that day, or for `end` the whole day) or
 * `2026-11-23 09:00`, in the reminders' zone.
 */
export function parseCliTime(text: string, timeZone: string, side: 'start' | 'end'): number {
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2}))?$/.exec(text.trim());
  const date = match ? { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) } : undefined;
  if (!match || !date || !isValidDate(date))
    throw new RemindersError('invalid-command', `"${text}" is not a date such as 2026-11-23 or 2026-11-23 09:00`);
  if (match[4] !== undefined) return instantOfDate(date, timeZone, { hour: Number(match[4]), minute: Number(match[5]) });
  return side === 'start' ? instantOfDate(date, timeZone) : instantOfDate(addDays(date, 1), timeZone) - 1;
}
