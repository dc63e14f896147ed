import { compareDates, daysInMonth, isoDate, isoTime, isValidDate, type CivilDate } from '../time/civil.js';
import type { When } from './types.js';

/** The accepted spellings, for error messages. */
const WHEN_FORMATS = '"2026-12-01 09:00", "2026-12-01", "2025-04", "2025-03..2025-10", "2025" (whole year), "待定" or "待定 2025"';

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

function endpoint(text: string): { date: CivilDate; precision: 'month' | 'day' } | undefined {
  const day = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (day) {
    const date = { year: Number(day[1]), month: Number(day[2]), day: Number(day[3]) };
    return isValidDate(date) ? { date, precision: 'day' } : undefined;
  }
  const month = /^(\d{4})-(\d{1,2})$/.exec(text);
  if (month) {
    const date = { year: Number(month[1]), month: Number(month[2]), day: 1 };
    return date.month >= 1 && date.month <= 12 ? { date, precision: 'month' } : undefined;
  }
  return undefined;
}

function endOfMonth(date: CivilDate): CivilDate {
  return { ...date, day: daysInMonth(date.year, date.month) };
}

/** Parses a calendar `when`; the message names the accepted forms. */
export function parseWhen(input: string | number): Parsed<When> {
  const text = String(input).trim().replace(/\s+/g, ' ');
  const invalid = (why: string): Parsed<When> => ({ ok: false, message: `${why}; use ${WHEN_FORMATS}` });
  const tbd = /^待定(?: (\d{4}))?$/.exec(text);
  if (tbd) return { ok: true, value: tbd[1] ? { type: 'tbd', year: Number(tbd[1]) } : { type: 'tbd' } };
  if (/^\d{4}$/.test(text)) {
    const year = Number(text);
    return {
      ok: true,
      value: { type: 'window', start: { year, month: 1, day: 1 }, end: { year, month: 12, day: 31 }, precision: 'month' },
    };
  }
  const exact = /^(\d{4}-\d{1,2}-\d{1,2})[ T](\d{1,2}):(\d{2})$/.exec(text);
  if (exact) {
    const day = endpoint(exact[1] ?? '');
    const hour = Number(exact[2]);
    const minute = Number(exact[3]);
    if (!day || hour > 23 || minute > 59) return invalid(`"${text}" is not a real date and time`);
    return { ok: true, value: { type: 'exact', at: { ...day.date, hour, minute } } };
  }
  const range = /^(\S+?) ?(?:\.\.|…|～|~) ?(\S+)$/.exec(text);
  if (range) {
    const start = endpoint(range[1] ?? '');
    const end = endpoint(range[2] ?? '');
    if (!start || !end) return invalid(`"${text}" is not a window of two months or two dates`);
    const last = end.precision === 'month' ? endOfMonth(end.date) : end.date;
    if (compareDates(start.date, last) > 0) return invalid(`"${text}" ends before it starts`);
    const precision = start.precision === 'month' && end.precision === 'month' ? 'month' : 'day';
    return { ok: true, value: { type: 'window', start: start.date, end: last, precision } };
  }
  const single = endpoint(text);
  if (single?.precision === 'day') return { ok: true, value: { type: 'date', date: single.date } };
  if (single) return { ok: true, value: { type: 'window', start: single.date, end: endOfMonth(single.date), precision: 'month' } };
  return invalid(`"${text}" is not a time`);
}

const month = (date: CivilDate): string => isoDate(date).slice(0, 7);

/** The canonical text of a `when` (what the calendar file and the state file store). */
export function whenText(when: When): string {
  switch (when.type) {
    case 'exact':
      return `${isoDate(when.at)} ${isoTime(when.at)}`;
    case 'date':
      return isoDate(when.date);
    case 'tbd':
      return when.year === undefined ? '待定' : `待定 ${when.year}`;
    case 'window':
      if (when.precision === 'day') return `${isoDate(when.start)}..${isoDate(when.end)}`;
      if (month(when.start) === month(when.end)) return month(when.start);
      if (when.start.year === when.end.year && when.start.month === 1 && when.end.month === 12) return String(when.start.year);
      return `${month(when.start)}..${month(when.end)}`;
  }
}
