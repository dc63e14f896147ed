import type { CronFields } from '../../config/index.js';
import { addDays, compareDates, weekday } from '../time/civil.js';
import { dateAt, instantOfDate } from '../time/zone.js';

export { parseCron, type CronFields } from '../../config/index.js';

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
