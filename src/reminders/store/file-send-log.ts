import { existsSync, readFileSync } from 'node:fs';
import { openDurableAppend } from '../../files/index.js';
import type { Logger } from '../../log/index.js';
import type { SendRecord } from '../delivery/ledger.js';
import { parseSendLog, type SendLog } from './send-log.js';

/** The single-instance log in DATA_DIR: synchronous. */
interface FileSendLog extends SendLog {
  append(record: SendRecord): void;
  read(): SendRecord[];
  close(): void;
}

/** Opens (creating its folder) the JSON-lines send log; every append is fsync'd before it returns. */
export function openSendLog(file: string, logger?: Logger): FileSendLog {
  const log = openDurableAppend(file);
  return {
    append: (record) => log.append(`${JSON.stringify(record)}\n`),
    read: () => (existsSync(file) ? parseSendLog(readFileSync(file, 'utf8'), logger, file) : []),
    close: () => log.close(),
  };
}
