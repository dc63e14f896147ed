import { silentLogger, type Logger } from '../log/index.js';
import { createCalendarSource } from './admin/calendar-source.js';
import { createRemindersService, type RemindersService } from './admin/service.js';
import type { ReminderStores } from './store/reminder-stores.js';
import type { SendLog } from './store/send-log.js';
import { systemClock, type Clock } from '../clock/index.js';
import { createReminderScheduler, type ReminderScheduler, type ReminderSchedulerOptions } from './delivery/scheduler.js';
import type { Sender } from './delivery/sender.js';
import type { RemindersSettings } from './settings.js';

/** What a caller may replace in the scheduler `createReminders` wires (tests, crash drills, the lease's timing). */
export type ReminderSchedulerExtra = Partial<Pick<ReminderSchedulerOptions, 'cron' | 'sendLog' | 'lock' | 'lease' | 'graceMs'>>;

/** Everything the channel needs: the admin service now, the scheduler once a Sender exists. */
export interface Reminders {
  settings: RemindersSettings;
  service: RemindersService;
  /** The scheduler's memory, read by the console's history. */
  sendLog: SendLog;
  /**
   * A scheduler that delivers through `sender` with the stores' send log and lease; call `start()` on
   * it (without a lease it takes the data-directory lock). `extra` replaces parts (tests, crash drills).
   */
  scheduler(sender: Sender, extra?: ReminderSchedulerExtra): ReminderScheduler;
}

/**
 * Wires the calendar file, the stores the composition root chose and the service; throws
 * RemindersError('calendar-invalid') with line numbers when the calendar file is broken.
 */
export function createReminders(options: {
  settings: RemindersSettings;
  clock?: Clock;
  logger?: Logger;
  stores: ReminderStores;
}): Reminders {
  const { settings, stores } = options;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const service = createRemindersService({
    settings,
    calendar: createCalendarSource(settings.calendarFile, settings.groups, logger),
    store: stores.state,
    clock,
    logger,
  });
  return {
    settings,
    service,
    sendLog: stores.sendLog,
    scheduler: (sender, extra = {}) =>
      createReminderScheduler({
        settings,
        sender,
        snapshot: service.snapshot,
        clock,
        logger,
        sendLog: stores.sendLog,
        lease: stores.lease,
        ...extra,
      }),
  };
}
