import { join } from 'node:path';
import type { Logger } from '../../log/index.js';
import { openSendLog, type SchedulerLease, type SendLog } from '../../reminders/index.js';
import type { NoticesStateStore } from '../notices-state.js';
import { createFileNoticesState } from './file-notices-state.js';

/** The notices' storage, chosen once by the composition root (src/app): files or PostgreSQL. */
export interface NoticeStores {
  /** Policy subscriptions and admins' 「仍然有效」 marks. */
  state: NoticesStateStore;
  /** The scheduler's memory (the reminders' kind of log, kept apart). */
  sendLog: SendLog;
  /** Several instances: only the holder of this lease sends (it replaces the data-directory lock). */
  lease?: SchedulerLease;
}

/** The embedded stores: `state.json` and `send-log.jsonl` in `directory` (DATA_DIR/notices); nothing opens before use. */
export function fileNoticeStores(directory: string, logger?: Logger): NoticeStores {
  return {
    state: createFileNoticesState(join(directory, 'state.json')),
    sendLog: openSendLog(join(directory, 'send-log.jsonl'), logger),
  };
}
