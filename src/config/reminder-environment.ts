import { z } from 'zod';
import { parseCron } from './cron-expression.js';
import { isTimeZone } from './time-zone.js';

const GROUP_PAIR = /^([\p{L}\p{N}_-]+)=(oc_[A-Za-z0-9_-]+(?:\|oc_[A-Za-z0-9_-]+)*)$/u;

/**
 * The reminder variables, as zod fields: spread into the main config schema (`...remindersEnvironmentShape`)
 * so every setting is checked at start with the others.
 */
export const remindersEnvironmentShape = {
  REMINDER_TIMEZONE: z.string().default('Asia/Shanghai').refine(isTimeZone, { message: 'must be an IANA time zone such as Asia/Shanghai' }),
  REMINDER_CATCH_UP_HOURS: z.coerce.number().min(0).max(72).default(6),
  DIGEST_CRON: z
    .string()
    .default('0 9 * * 1')
    .superRefine((value, context) => {
      const parsed = parseCron(value);
      if (!parsed.ok) context.addIssue({ code: 'custom', message: parsed.message });
    }),
  DIGEST_DAYS: z.coerce.number().int().min(1).max(366).default(30),
  CALENDAR_FILE: z.string().default('knowledge/calendar.yaml'),
  REMINDER_GROUPS: z
    .string()
    .default('')
    .transform((value, context) => {
      const groups: Record<string, string[]> = {};
      for (const pair of value.split(/[,，\s]+/).filter((part) => part !== '')) {
        const match = GROUP_PAIR.exec(pair);
        if (!match?.[1] || !match[2]) {
          context.addIssue({ code: 'custom', message: `"${pair}" is not name=oc_… (several chats: name=oc_a|oc_b, or repeat the name)` });
          continue;
        }
        groups[match[1]] = [...new Set([...(groups[match[1]] ?? []), ...match[2].split('|')])];
      }
      return groups;
    }),
};

/** The reminder variables alone (for `loadRemindersSettings` and tests). */
export const remindersEnvironmentSchema = z.object(remindersEnvironmentShape);
export type RemindersEnvironment = z.infer<typeof remindersEnvironmentSchema>;
