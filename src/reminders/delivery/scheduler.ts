import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import cron from 'node-cron';
import type { Logger } from '../../log/index.js';
import { renderCard } from '../cards/render.js';
import type { Calendar } from '../calendar/types.js';
import type { Clock } from '../clock.js';
import type { Audience } from '../schedule/audience.js';
import { due, type DueSend } from '../schedule/due.js';
import type { RemindersSettings } from '../settings.js';
import { acquireDataLock, type DataLock, type LockOptions } from './data-lock.js';
import { applyRecord, foldLog, type LedgerEntry, type SendRecord } from './ledger.js';
import { openSendLog, type SendLog } from './send-log.js';
import { sendSafely, type Sender } from './sender.js';

/** What one tick did. */
export interface TickReport {
  at: number;
  sent: number;
  failed: number;
  skipped: number;
  /** The previous tick was still running. */
  busy?: boolean;
}

/** Starts a repeating job; node-cron by default (tests pass a fake). */
export type CronStarter = (expression: string, job: () => Promise<void>, options: { timezone: string }) => { stop(): void | Promise<void> };

export interface ReminderSchedulerOptions {
  settings: Pick<RemindersSettings, 'timeZone' | 'catchUpMs' | 'digestFields' | 'digestDays' | 'directory'>;
  sender: Sender;
  /** The calendar and audience, read at every tick (the RemindersService's `snapshot`). */
  snapshot: () => { calendar: Calendar; audience: Audience };
  clock: Clock;
  logger: Logger;
  /** Replaces the file log (tests simulate crashes with it). */
  sendLog?: SendLog;
  cron?: CronStarter;
  lock?: LockOptions;
  graceMs?: number;
}

/** Runs `due()` every minute and delivers what it returns, with the send log as its memory. */
export interface ReminderScheduler {
  /** One pass: takes the data-directory lock if not held, then sends, retries and skips what is due. */
  tick(): Promise<TickReport>;
  /** Takes the lock (throws RemindersError('locked') when another process holds it) and ticks every minute. */
  start(): void;
  /** Stops ticking and releases the lock. */
  stop(): Promise<void>;
}

const defaultCron: CronStarter = (expression, job, options) => cron.schedule(expression, job, { timezone: options.timezone, noOverlap: true, name: 'policy-bot-reminders' });

function readLastTick(file: string): number | undefined {
  try {
    const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return typeof value === 'object' && value !== null && 'at' in value && typeof value.at === 'number' ? value.at : undefined;
  } catch {
    return undefined;
  }
}

/** Atomic but not fsync'd: losing the last tick only shortens what a restart reports as missed. */
function writeLastTick(file: string, at: number): void {
  const aside = `${file}.tmp`;
  writeFileSync(aside, JSON.stringify({ at, iso: new Date(at).toISOString() }));
  renameSync(aside, file);
}

/**
 * The scheduler. Delivery at the crash point is at-least-once, made effectively once by the uuid:
 * `attempt` is fsync'd before the platform is called and `sent` after it confirmed; a crash in between
 * leaves an unconfirmed attempt that the next tick sends again with the same uuid, which the platform
 * refuses as a duplicate (Feishu remembers a uuid for one hour).
 */
export function createReminderScheduler(options: ReminderSchedulerOptions): ReminderScheduler {
  const { settings, clock, logger } = options;
  mkdirSync(settings.directory, { recursive: true });
  const log = options.sendLog ?? openSendLog(join(settings.directory, 'send-log.jsonl'), logger);
  const lastTickFile = join(settings.directory, 'last-tick.json');
  let ledger: Map<string, LedgerEntry> = new Map();
  let lock: DataLock | undefined;
  let task: { stop(): void | Promise<void> } | undefined;
  let running = false;

  const record = (entry: SendRecord): void => {
    log.append(entry);
    applyRecord(ledger, entry);
  };

  /** Keeps the lock (refreshing its heartbeat); on taking it, reads the log, which its last holder may have extended. */
  const holdLock = (): void => {
    if (lock) {
      try {
        lock.touch();
        return;
      } catch (error) {
        lock = undefined;
        throw error;
      }
    }
    lock = acquireDataLock(settings.directory, options.lock);
    ledger = foldLog(log.read());
  };

  const deliver = async (send: DueSend, now: number): Promise<boolean> => {
    const base = { key: send.key, uuid: send.uuid, scheduledAt: send.scheduledAt };
    const card = renderCard(send.message, { now, timeZone: settings.timeZone, ...(send.late ? { lateFrom: send.scheduledAt } : {}) });
    record({ type: 'attempt', ...base, at: now });
    const result = await sendSafely(options.sender, send.key.chat, card, send.uuid);
    const at = clock.now();
    if (result.ok) {
      record({ type: 'sent', ...base, at, messageId: result.messageId });
      logger.info('reminders.sent', { ...send.key, messageId: result.messageId, late: send.late, attempt: send.attempt });
      return true;
    }
    const { error } = result;
    record({ type: 'failed', ...base, at, code: error.code, retryable: error.isRetryable, message: error.message.slice(0, 300) });
    logger.warn('reminders.send_failed', { ...send.key, code: error.code, retryable: error.isRetryable, attempt: send.attempt, message: error.message });
    return false;
  };

  const tick = async (): Promise<TickReport> => {
    const now = clock.now();
    if (running) return { at: now, sent: 0, failed: 0, skipped: 0, busy: true };
    running = true;
    try {
      holdLock();
      const { calendar, audience } = options.snapshot();
      const since = readLastTick(lastTickFile);
      const plan = due(calendar, ledger, now, {
        timeZone: settings.timeZone,
        audience,
        catchUpMs: settings.catchUpMs,
        digest: { fields: settings.digestFields, days: settings.digestDays },
        ...(since !== undefined ? { since } : {}),
        ...(options.graceMs !== undefined ? { graceMs: options.graceMs } : {}),
      });
      for (const skip of plan.skips) {
        record({ type: 'skipped', key: skip.key, uuid: skip.uuid, scheduledAt: skip.scheduledAt, at: now, reason: skip.reason });
        logger.warn('reminders.skipped', { ...skip.key, reason: skip.reason, scheduledAt: new Date(skip.scheduledAt).toISOString() });
      }
      const report: TickReport = { at: now, sent: 0, failed: 0, skipped: plan.skips.length };
      for (const send of plan.sends) {
        holdLock();
        if (await deliver(send, now)) report.sent += 1;
        else report.failed += 1;
      }
      writeLastTick(lastTickFile, now);
      return report;
    } finally {
      running = false;
    }
  };

  return {
    tick,
    start() {
      if (task) return;
      holdLock();
      const starter = options.cron ?? defaultCron;
      task = starter('* * * * *', async () => {
        try {
          await tick();
        } catch (error) {
          logger.error('reminders.tick_failed', { error });
        }
      }, { timezone: settings.timeZone });
      logger.info('reminders.started', { timeZone: settings.timeZone, directory: settings.directory, pending: [...ledger.values()].filter((entry) => entry.status === 'pending').length });
    },
    async stop() {
      await task?.stop();
      task = undefined;
      lock?.release();
      lock = undefined;
      log.close();
    },
  };
}
