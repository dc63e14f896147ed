import { join } from 'node:path';
import { remindersEnvironmentSchema, type RemindersEnvironment } from '../config/index.js';
import { RemindersError } from './errors.js';
import { parseCron, type CronFields } from './schedule/cron-times.js';

export { remindersEnvironmentSchema, remindersEnvironmentShape, type RemindersEnvironment } from '../config/index.js';

/** Everything the reminders read from the configuration, in the shapes the code uses. */
export interface RemindersSettings {
  timeZone: string;
  catchUpMs: number;
  digestCron: string;
  digestFields: CronFields;
  digestDays: number;
  calendarFile: string;
  groups: Record<string, string[]>;
  /** `DATA_DIR/reminders`: send log, state, lock. */
  directory: string;
}

/** Turns validated variables (the main config once merged, or `loadRemindersSettings`) into settings. */
export function toRemindersSettings(environment: RemindersEnvironment, dataDir: string): RemindersSettings {
  const parsed = parseCron(environment.DIGEST_CRON);
  if (!parsed.ok) throw new RemindersError('settings-invalid', `DIGEST_CRON: ${parsed.message}`);
  return {
    timeZone: environment.REMINDER_TIMEZONE,
    catchUpMs: environment.REMINDER_CATCH_UP_HOURS * 3_600_000,
    digestCron: environment.DIGEST_CRON,
    digestFields: parsed.fields,
    digestDays: environment.DIGEST_DAYS,
    calendarFile: environment.CALENDAR_FILE,
    groups: environment.REMINDER_GROUPS,
    directory: join(dataDir, 'reminders'),
  };
}

/** Reads the reminder variables from an environment, listing every problem at once. */
export function loadRemindersSettings(
  environment: Record<string, string | undefined>,
  dataDir = environment.DATA_DIR ?? 'data',
): RemindersSettings {
  const parsed = remindersEnvironmentSchema.safeParse(environment);
  if (!parsed.success) {
    throw new RemindersError(
      'settings-invalid',
      'Invalid reminder settings',
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    );
  }
  return toRemindersSettings(parsed.data, dataDir);
}
