import { join } from 'node:path';
import {
  createReminderScheduler,
  openSendLog,
  type Calendar,
  type ReminderScheduler,
  type ReminderSchedulerOptions,
  type SendLog,
  type Sender,
  type SendRecord,
} from '../../../src/reminders/index.js';
import { silentLogger } from '../../../src/log/index.js';
import { audience, cronFields, TZ } from './fixtures.js';
import type { ManualClock } from './fake-sender.js';

/** Raised by a crashing log: stands for the process dying at that point. */
export class SimulatedCrash extends Error {}

/**
 * The real file log, dying at a chosen record: 'before' it reaches the disk or right 'after' it does.
 * The scheduler does not catch log errors, so the tick stops there as a killed process would.
 */
export function crashingLog(file: string, crash: (record: SendRecord) => 'before' | 'after' | undefined): SendLog {
  const real = openSendLog(file);
  let crashed = false;
  return {
    append(record) {
      const when = crashed ? undefined : crash(record);
      if (when === 'before') {
        crashed = true;
        throw new SimulatedCrash(`crash before writing ${record.type}`);
      }
      real.append(record);
      if (when === 'after') {
        crashed = true;
        throw new SimulatedCrash(`crash after writing ${record.type}`);
      }
    },
    read: () => real.read(),
    close: () => real.close(),
  };
}

export function sendLogFile(directory: string): string {
  return join(directory, 'reminders', 'send-log.jsonl');
}

/** A scheduler over a data directory with the default settings (Asia/Shanghai, 6 h, Monday 09:00). */
export function scheduler(
  directory: string,
  parts: { calendar: () => Calendar; subscribed?: () => string[]; sender: Sender; clock: ManualClock },
  extra: Partial<ReminderSchedulerOptions> = {},
): ReminderScheduler {
  return createReminderScheduler({
    settings: {
      timeZone: TZ,
      catchUpMs: 6 * 3_600_000,
      digestFields: cronFields(),
      digestDays: 30,
      directory: join(directory, 'reminders'),
    },
    sender: parts.sender,
    snapshot: () => ({ calendar: parts.calendar(), audience: audience(parts.subscribed?.() ?? ['oc_a']) }),
    clock: parts.clock,
    logger: silentLogger,
    sendLog: openSendLog(join(directory, 'reminders', 'send-log.jsonl')),
    ...extra,
  });
}

/** The records of the send log on disk. */
export function logRecords(directory: string): SendRecord[] {
  return openSendLog(sendLogFile(directory)).read();
}
