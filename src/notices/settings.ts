import { join } from 'node:path';
import { z } from 'zod';
import { parseCron } from '../reminders/index.js';
import type { NoticesSettings } from './notices.js';

/** The notices' variables as zod fields, spread into the main config schema so they are checked at start. */
export const noticesEnvironmentShape = {
  EXPIRY_CRON: z
    .string()
    .default('0 9 * * 1')
    .superRefine((value, context) => {
      const parsed = parseCron(value);
      if (!parsed.ok) context.addIssue({ code: 'custom', message: parsed.message });
    }),
};

/** The notices' settings from the validated config (zone and catch-up window are the reminders'). */
export function toNoticesSettings(environment: { EXPIRY_CRON: string; REMINDER_TIMEZONE: string; REMINDER_CATCH_UP_HOURS: number }, dataDir: string): NoticesSettings {
  return { directory: join(dataDir, 'notices'), expiryCron: environment.EXPIRY_CRON, timeZone: environment.REMINDER_TIMEZONE, catchUpMs: environment.REMINDER_CATCH_UP_HOURS * 3_600_000 };
}
