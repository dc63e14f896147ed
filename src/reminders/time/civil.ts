/** A calendar date with no time zone: what a policy document or an admin writes. Months are 1–12. */
export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** A wall-clock time of day. */
export interface TimeOfDay {
  hour: number;
  minute: number;
}

/** A wall-clock date and time in some (separately known) time zone. */
export interface CivilDateTime extends CivilDate, TimeOfDay {}

const DAY_MS = 86_400_000;

/** Days in a month, leap years included (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** True when the numbers name a real date (no 2月30日). */
export function isValidDate(date: CivilDate): boolean {
  return date.month >= 1 && date.month <= 12 && date.day >= 1 && date.day <= daysInMonth(date.year, date.month);
}

/** A day count that makes date differences plain subtraction. */
export function dayNumber(date: CivilDate): number {
  return Math.round(Date.UTC(date.year, date.month - 1, date.day) / DAY_MS);
}

/** The date `days` later (negative: earlier), across month and year ends. */
export function addDays(date: CivilDate, days: number): CivilDate {
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday, as in cron. */
export function weekday(date: CivilDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

/** Orders two dates (negative, zero, positive). */
export function compareDates(a: CivilDate, b: CivilDate): number {
  return dayNumber(a) - dayNumber(b);
}

const pad = (value: number): string => String(value).padStart(2, '0');

/** `2025-03-01`: the form used in keys and files. */
export function isoDate(date: CivilDate): string {
  return `${date.year}-${pad(date.month)}-${pad(date.day)}`;
}

/** `09:00`. */
export function isoTime(time: TimeOfDay): string {
  return `${pad(time.hour)}:${pad(time.minute)}`;
}
