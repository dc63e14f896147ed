import type { CivilDate, CivilDateTime, TimeOfDay } from './civil.js';

export { isTimeZone } from '../../config/index.js';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, found);
  }
  return found;
}

/** The wall-clock date and time at an instant in a zone, read through Intl with an explicit `timeZone`. */
export function civilAt(instant: number, timeZone: string): CivilDateTime & { second: number } {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: (parts.hour ?? 0) % 24,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** The zone's offset from UTC at an instant, in ms (Asia/Shanghai: +8 h). */
function offsetAt(instant: number, timeZone: string): number {
  const wall = civilAt(instant, timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

const instants = new Map<string, number>();

/** The instant a wall-clock time happens in a zone (for a skipped DST hour: the hour after); memoised, as every tick asks again. */
function instantOf(wall: CivilDateTime, timeZone: string): number {
  const key = `${timeZone}|${wall.year}|${wall.month}|${wall.day}|${wall.hour}|${wall.minute}`;
  const known = instants.get(key);
  if (known !== undefined) return known;
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const first = asUtc - offsetAt(asUtc, timeZone);
  const instant = asUtc - offsetAt(first, timeZone);
  if (instants.size >= 50_000) instants.clear();
  instants.set(key, instant);
  return instant;
}

/** Midnight at the start of a date in a zone (or a given time of that day). */
export function instantOfDate(date: CivilDate, timeZone: string, time: TimeOfDay = { hour: 0, minute: 0 }): number {
  return instantOf({ ...date, ...time }, timeZone);
}

/** The date an instant falls on in a zone. */
export function dateAt(instant: number, timeZone: string): CivilDate {
  const { year, month, day } = civilAt(instant, timeZone);
  return { year, month, day };
}
