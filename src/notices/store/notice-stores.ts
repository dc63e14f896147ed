import { join } from 'node:path';
import type { Logger } from '../../log/index.js';
import { fileSchedulerStores, type SchedulerStores } from '../../reminders/index.js';
import type { NoticesStateStore } from '../notices-state.js';
import { createFileNoticesState } from './file-notices-state.js';

/** The notices' storage: policy subscriptions and admins' 「仍然有效」 marks, and a send log of their own. */
export type NoticeStores = SchedulerStores<NoticesStateStore>;

/** The notices' embedded stores: `state.json` and `send-log.jsonl` in `directory` (DATA_DIR/notices). */
export function fileNoticeStores(directory: string, logger?: Logger): NoticeStores {
  return fileSchedulerStores(directory, createFileNoticesState(join(directory, 'state.json')), logger);
}
