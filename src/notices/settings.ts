import { join } from 'node:path';
import type { NoticesSettings } from './notices.js';

/** The notices' settings from the validated config (zone and catch-up window are the reminders'). */
export function toNoticesSettings(
  environment: { EXPIRY_CRON: string; REMINDER_TIMEZONE: string; REMINDER_CATCH_UP_HOURS: number },
  dataDir: string,
): NoticesSettings {
  return {
    directory: join(dataDir, 'notices'),
    expiryCron: environment.EXPIRY_CRON,
    timeZone: environment.REMINDER_TIMEZONE,
    catchUpMs: environment.REMINDER_CATCH_UP_HOURS * 3_600_000,
  };
}
