import { join } from 'node:path';
import type { Logger } from '../../log/index.js';
import { openSendLog } from './file-send-log.js';
import { createStateStore } from './file-state-store.js';
import type { SchedulerLease } from './lease-lock.js';
import type { SendLog } from './send-log.js';
import type { StateStore } from './state-store.js';

/**
 * A scheduler's storage (the reminders' or the notices'), chosen once by the composition root
 * (src/app): files in DATA_DIR or PostgreSQL.
 */
export interface SchedulerStores<State> {
  /** What admins and chats changed: subscriptions, edits, marks. */
  state: State;
  /** The scheduler's memory: every send decision. */
  sendLog: SendLog;
  /** Several instances: only the holder of this lease sends (it replaces the data-directory lock). */
  lease?: SchedulerLease;
}

/** The reminders' storage: subscriptions and chats' edits of the calendar, and their send log. */
export type ReminderStores = SchedulerStores<StateStore>;

/** The embedded stores of a scheduler in `directory`: its `state` and `send-log.jsonl`; nothing opens before use. */
export function fileSchedulerStores<State>(directory: string, state: State, logger?: Logger): SchedulerStores<State> {
  return { state, sendLog: openSendLog(join(directory, 'send-log.jsonl'), logger) };
}

/** The reminders' embedded stores: `state.json` and `send-log.jsonl` in `directory` (DATA_DIR/reminders). */
export function fileReminderStores(directory: string, logger?: Logger): ReminderStores {
  return fileSchedulerStores(directory, createStateStore(join(directory, 'state.json')), logger);
}
