import { join } from 'node:path';
import type { Logger } from '../../log/index.js';
import { openSendLog } from './file-send-log.js';
import { createStateStore } from './file-state-store.js';
import type { SchedulerLease } from './lease-lock.js';
import type { SendLog } from './send-log.js';
import type { StateStore } from './state-store.js';

/** The reminders' storage, chosen once by the composition root (src/app): files or PostgreSQL. */
export interface ReminderStores {
  /** Subscriptions and chats' edits of the calendar. */
  state: StateStore;
  /** The scheduler's memory: every send decision. */
  sendLog: SendLog;
  /** Several instances: only the holder of this lease sends (it replaces the data-directory lock). */
  lease?: SchedulerLease;
}

/** The embedded stores: `state.json` and `send-log.jsonl` in `directory` (DATA_DIR/reminders); nothing opens before use. */
export function fileReminderStores(directory: string, logger?: Logger): ReminderStores {
  return {
    state: createStateStore(join(directory, 'state.json')),
    sendLog: openSendLog(join(directory, 'send-log.jsonl'), logger),
  };
}
