import type { ReminderOffset } from './types.js';

/** The accepted spellings, for error messages. */
const OFFSET_FORMATS = '"14d", "3d", "0d" (days before, at the default time), "1d@18:00", "2h" or "30m" (before an exact time)';

/** Parses one reminder offset, or says why the text is not one. */
export function parseOffset(input: string | number): { ok: true; value: ReminderOffset } | { ok: false; message: string } {
  const text = String(input).trim();
  const days = /^(\d{1,3})d(?:@(\d{1,2}):(\d{2}))?$/.exec(text);
  if (days) {
    const count = Number(days[1]);
    if (days[2] === undefined) return { ok: true, value: { type: 'days', days: count, text } };
    const hour = Number(days[2]);
    const minute = Number(days[3]);
    if (hour > 23 || minute > 59) return { ok: false, message: `"${text}": no such time of day` };
    return { ok: true, value: { type: 'days', days: count, at: { hour, minute }, text } };
  }
  const before = /^(\d{1,4})(h|m)$/.exec(text);
  if (before) return { ok: true, value: { type: 'before', minutes: Number(before[1]) * (before[2] === 'h' ? 60 : 1), text } };
  return { ok: false, message: `"${text}" is not a reminder offset; use ${OFFSET_FORMATS}` };
}

/** Parses `09:00`. */
export function parseTimeOfDay(input: string): { hour: number; minute: number } | undefined {
  const match = /^(\d{1,2}):(\d{2})$/.exec(input.trim());
  if (!match) return undefined;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  return hour <= 23 && minute <= 59 ? { hour, minute } : undefined;
}
