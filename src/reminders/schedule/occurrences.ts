import type { CalendarEntry, ReminderOffset } from '../calendar/types.js';
import { addDays, isoDate, isoTime, type CivilDate, type TimeOfDay } from '../time/civil.js';
import { instantOfDate } from '../time/zone.js';

/** `at`: an exact time; `day`: a date; `start` / `end`: the first and last day of a window. */
type OccurrenceRole = 'at' | 'day' | 'start' | 'end';

/** One moment an entry is about: a window has two (it starts, and it is about to end); 待定 has none. */
export interface Occurrence {
  /** Stable within the entry: `start@2025-03-01`, `at@2026-12-01T09:00`. */
  id: string;
  role: OccurrenceRole;
  date: CivilDate;
  /** Only for exact times. */
  time?: TimeOfDay;
  /** When it happens: the exact time, or the start of its day in the zone. */
  instant: number;
}

/** One reminder to send: an offset before an occurrence. */
interface Slot {
  entryId: string;
  occurrence: Occurrence;
  offset: ReminderOffset;
  /** The delivery-key occurrence: `start@2025-03-01/14d`. */
  key: string;
  sendAt: number;
}

/** Occurrences depend only on the time and zone: memoised, since every tick asks for all of them again. */
const memo = new Map<string, Occurrence[]>();

/** The moments an entry is about, in time order. */
export function occurrencesOf(entry: CalendarEntry, timeZone: string): Occurrence[] {
  const key = `${timeZone}|${JSON.stringify(entry.when)}`;
  let found = memo.get(key);
  if (!found) {
    found = computeOccurrences(entry, timeZone);
    if (memo.size >= 10_000) memo.clear();
    memo.set(key, found);
  }
  return found;
}

function computeOccurrences(entry: CalendarEntry, timeZone: string): Occurrence[] {
  const { when } = entry;
  switch (when.type) {
    case 'tbd':
      return [];
    case 'exact': {
      const date = { year: when.at.year, month: when.at.month, day: when.at.day };
      const time = { hour: when.at.hour, minute: when.at.minute };
      return [{ id: `at@${isoDate(date)}T${isoTime(time)}`, role: 'at', date, time, instant: instantOfDate(date, timeZone, time) }];
    }
    case 'date':
      return [{ id: `day@${isoDate(when.date)}`, role: 'day', date: when.date, instant: instantOfDate(when.date, timeZone) }];
    case 'window':
      if (isoDate(when.start) === isoDate(when.end)) {
        return [{ id: `day@${isoDate(when.start)}`, role: 'day', date: when.start, instant: instantOfDate(when.start, timeZone) }];
      }
      return [
        { id: `start@${isoDate(when.start)}`, role: 'start', date: when.start, instant: instantOfDate(when.start, timeZone) },
        { id: `end@${isoDate(when.end)}`, role: 'end', date: when.end, instant: instantOfDate(when.end, timeZone) },
      ];
  }
}

/**
 * Every reminder of an entry, whether past or future (the caller picks the window). Day offsets are
 * sent at their time of day on the date N days before (across month and year ends); a day reminder
 * that would come at or after an exact start time is dropped (use "2h" for early events).
 */
export function slotsOf(entry: CalendarEntry, timeZone: string): Slot[] {
  const key = `${timeZone}|${entry.id}|${JSON.stringify(entry.when)}|${entry.remind.map((offset) => offset.text).join(',')}|${entry.at.hour}:${entry.at.minute}`;
  let found = slotMemo.get(key);
  if (!found) {
    found = computeSlots(entry, timeZone);
    if (slotMemo.size >= 10_000) slotMemo.clear();
    slotMemo.set(key, found);
  }
  return found;
}

const slotMemo = new Map<string, Slot[]>();

function computeSlots(entry: CalendarEntry, timeZone: string): Slot[] {
  const slots: Slot[] = [];
  for (const occurrence of occurrencesOf(entry, timeZone)) {
    for (const offset of entry.remind) {
      let sendAt: number;
      if (offset.type === 'days') {
        sendAt = instantOfDate(addDays(occurrence.date, -offset.days), timeZone, offset.at ?? entry.at);
        if (occurrence.role === 'at' && sendAt >= occurrence.instant) continue;
      } else {
        if (occurrence.role !== 'at') continue;
        sendAt = occurrence.instant - offset.minutes * 60_000;
      }
      slots.push({ entryId: entry.id, occurrence, offset, key: `${occurrence.id}/${offset.text}`, sendAt });
    }
  }
  return slots.sort((a, b) => a.sendAt - b.sendAt);
}

/** True once an occurrence has happened: an exact time has come, or a date's day has ended. */
export function isOver(occurrence: Occurrence, now: number, timeZone: string): boolean {
  return occurrence.role === 'at' ? occurrence.instant < now : instantOfDate(addDays(occurrence.date, 1), timeZone) <= now;
}

/** The first occurrence not yet over at `now` (a window's end stays current through its last day). */
export function nextOccurrence(entry: CalendarEntry, now: number, timeZone: string): Occurrence | undefined {
  return occurrencesOf(entry, timeZone).find((occurrence) => !isOver(occurrence, now, timeZone));
}

/** True when the entry is over at `now`: its last occurrence has passed, or its 待定 year has ended. */
export function isPast(entry: CalendarEntry, now: number, timeZone: string): boolean {
  if (entry.when.type === 'tbd') {
    return entry.when.year !== undefined && instantOfDate({ year: entry.when.year + 1, month: 1, day: 1 }, timeZone) <= now;
  }
  return nextOccurrence(entry, now, timeZone) === undefined;
}
