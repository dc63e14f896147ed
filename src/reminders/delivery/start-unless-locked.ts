import type { Logger } from '../../log/index.js';
import { RemindersError } from '../errors.js';

/**
 * Starts a scheduler (the reminders' or the notices'). Another process holding its data-directory lock
 * is not fatal: it is logged as `lockedEvent` and this process goes on without sending (undefined).
 */
export function startUnlessLocked<S extends { start(): void; stop(): Promise<void> }>(
  scheduler: S,
  logger: Logger,
  lockedEvent: string,
): S | undefined {
  try {
    scheduler.start();
    return scheduler;
  } catch (error) {
    void scheduler.stop();
    if (error instanceof RemindersError && error.code === 'locked') {
      logger.warn(lockedEvent, { message: error.message });
      return undefined;
    }
    throw error;
  }
}
