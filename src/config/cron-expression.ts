import cron from 'node-cron';

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
  if (!cron.validate(expression))
    return { ok: false, message: `"${expression}" is not a cron expression (e.g. "0 9 * * 1": Mondays 09:00)` };
  const parsed = cron.parse(expression);
  const numbers = (values: Array<number | string>): number[] | undefined =>
    values.every((value): value is number => typeof value === 'number') ? values : undefined;
  const dayOfMonth = numbers(parsed.dayOfMonth);
  const dayOfWeek = numbers(parsed.dayOfWeek);
  if (!dayOfMonth || !dayOfWeek) return { ok: false, message: `"${expression}": L and # day tokens are not supported` };
  if (parsed.second.length !== 1 || parsed.second[0] !== 0)
    return { ok: false, message: `"${expression}": runs once a minute at most (no seconds field)` };
  return {
    ok: true,
    fields: { minute: parsed.minute, hour: parsed.hour, dayOfMonth, month: parsed.month, dayOfWeek: dayOfWeek.map((day) => day % 7) },
  };
}
