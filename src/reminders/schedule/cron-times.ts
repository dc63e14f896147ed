import cron from 'node-cron';
import { addDays, compareDates, weekday } from '../time/civil.js';
import { dateAt, instantOfDate } from '../time/zone.js';

/** A cron expression expanded to the values each field matches (minute precision). */
export interface CronFields {
  minute: number[];
  hour: number[];
  dayOfMonth: number[];
  month: number[];
  dayOfWeek: number[];
}

/**
 * Expands a cron expression with node-cron's own parser, so DIGEST_CRON means what node-cron means;
 * returns a reason instead when it is invalid or uses tokens (L, #) this scheduler does not support.
 */
export function parseCron(expression: string): { ok: true; fields: CronFields } | { ok: false; message: string } {
  if (!cron.validate(expression)) return { ok: false, message: `"${expression}" is not a cron expression (e.g. "0 9 * * 1": Mondays 09:00)` };
  const parsed = cron.parse(expression);
  const numbers = (values: Array<number | string>): number[] | undefined =>
    values.every((value): value is number => typeof value === 'number') ? values : undefined;
  const dayOfMonth = numbers(parsed.dayOfMonth);
  const dayOfWeek = numbers(parsed.dayOfWeek);
  if (!dayOfMonth || !dayOfWeek) return { ok: false, message: `"${expression}": L and # day tokens are not supported` };
  if (parsed.second.length !== 1 || parsed.second[0] !== 0) return { ok: false, message: `"${expression}": runs once a minute at most (no seconds field)` };
  return {
    ok: true,
    fields: { minute: parsed.minute, hour: parsed.hour, dayOfMonth, month: parsed.month, dayOfWeek: dayOfWeek.map((day) => day % 7) },
  };
}

/** Every instant in (from, to] that the cron fields match in the zone (node-cron semantics: all fields must match). */
export function cronTimes(fields: CronFields, from: number, to: number, timeZone: string): number[] {
  const times: number[] = [];
  if (to <= from) return times;
  const last = dateAt(to, timeZone);
  for (let day = dateAt(from, timeZone); compareDates(day, last) <= 0; day = addDays(day, 1)) {
    if (!fields.month.includes(day.month) || !fields.dayOfMonth.includes(day.day) || !fields.dayOfWeek.includes(weekday(day))) continue;
    for (const hour of fields.hour) {
      for (const minute of fields.minute) {
        const instant = instantOfDate(day, timeZone, { hour, minute });
        if (instant > from && instant <= to) times.push(instant);
      }
    }
  }
  return times.sort((a, b) => a - b);
}
