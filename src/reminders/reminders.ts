import { join } from 'node:path';
import { silentLogger, type Logger } from '../log/index.js';
import { createCalendarSource } from './admin/calendar-source.js';
import { createRemindersService, type RemindersService } from './admin/service.js';
import { createStateStore } from './store/file-state-store.js';
import type { StateStore } from './store/state-store.js';
import { systemClock, type Clock } from '../clock/index.js';
import { createReminderScheduler, type ReminderScheduler, type ReminderSchedulerOptions } from './delivery/scheduler.js';
import type { Sender } from './delivery/sender.js';
import type { RemindersSettings } from './settings.js';

/** Everything the channel needs: the admin service now, the scheduler once a Sender exists. */
export interface Reminders {
  settings: RemindersSettings;
  service: RemindersService;
  /** A scheduler that delivers through `sender`; call `start()` on it (it takes the data-directory lock). */
  scheduler(sender: Sender, extra?: Pick<ReminderSchedulerOptions, 'cron' | 'sendLog' | 'lock' | 'lease' | 'graceMs'>): ReminderScheduler;
}

/**
 * Wires the calendar file, the admin state (`store`, else the file `DATA_DIR/reminders/state.json`) and the service; throws
 * RemindersError('calendar-invalid') with line numbers when the calendar file is broken.
 */
export function createReminders(options: {
  settings: RemindersSettings;
  clock?: Clock;
  logger?: Logger;
  store?: StateStore | undefined;
}): Reminders {
  const { settings } = options;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const service = createRemindersService({
    settings,
    calendar: createCalendarSource(settings.calendarFile, settings.groups, logger),
    store: options.store ?? createStateStore(join(settings.directory, 'state.json')),
    clock,
    logger,
  });
  return {
    settings,
    service,
    scheduler: (sender, extra = {}) => createReminderScheduler({ settings, sender, snapshot: service.snapshot, clock, logger, ...extra }),
  };
}
