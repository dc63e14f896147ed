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
import type { Lease, LeaseLock } from './lease-lock.js';
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
  /** Another instance holds the scheduler lease: this one did nothing. */
  standby?: boolean;
}

/** Starts a repeating job; node-cron by default (tests pass a fake). */
export type CronStarter = (expression: string, job: () => Promise<void>, options: { timezone: string }) => { stop(): void | Promise<void> };

export interface ReminderSchedulerOptions {
  settings: Pick<RemindersSettings, 'timeZone' | 'catchUpMs' | 'digestFields' | 'digestDays' | 'directory'>;
  sender: Sender;
  /** The calendar and audience, read at every tick (the RemindersService's `snapshot`). */
  snapshot: () => Promise<{ calendar: Calendar; audience: Audience }> | { calendar: Calendar; audience: Audience };
  clock: Clock;
  logger: Logger;
  /** Replaces the file log (tests simulate crashes with it). */
  sendLog?: SendLog;
  cron?: CronStarter;
  lock?: LockOptions;
  /**
   * Several instances (STORE=postgres): every instance runs the scheduler, only the holder of this
   * lease sends (others' ticks stand by), and its send-log writes are fenced with the lease. Replaces
   * the data-directory lock.
   */
  lease?: SchedulerLease;
  graceMs?: number;
}

/** The shared lease the schedulers of several instances take turns on. */
export interface SchedulerLease {
  lock: LeaseLock;
  name: string;
  holder: string;
  /** Longer than a tick (a minute) plus the slowest send, so a live holder keeps it. */
  ttlMs: number;
}

/** Runs `due()` every minute and delivers what it returns, with the send log as its memory. */
export interface ReminderScheduler {
  /** One pass: takes the data-directory lock if not held, then sends, retries and skips what is due. */
  tick(): Promise<TickReport>;
  /** Takes the lock (throws RemindersError('locked') when another process holds it) and ticks every minute. */
  start(): void;
  /** Stops ticking, waits for a tick in flight, and releases the lock. */
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

/** The file log's records at start (the file log reads synchronously; a shared log is read at the first tick). */
function readNow(log: SendLog): SendRecord[] {
  const records = log.read();
  return Array.isArray(records) ? records : [];
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

  let lease: Lease | undefined;

  const record = async (entry: SendRecord): Promise<void> => {
    await log.append(entry, lease);
    applyRecord(ledger, entry);
  };

  /** Keeps the lock (refreshing its heartbeat); on taking it, reads the log, which its last holder may have extended. */
  const holdLock = async (): Promise<boolean> => {
    if (options.lease) {
      const { lock: leases, name, holder, ttlMs } = options.lease;
      const held = await leases.acquire(name, holder, ttlMs);
      if (held && held.token !== lease?.token) ledger = foldLog(await log.read());
      lease = held;
      return held !== undefined;
    }
    if (lock) {
      try {
        lock.touch();
        return true;
      } catch (error) {
        lock = undefined;
        throw error;
      }
    }
    lock = acquireDataLock(settings.directory, options.lock);
    ledger = foldLog(await log.read());
    return true;
  };

  const deliver = async (send: DueSend, now: number): Promise<boolean> => {
    const base = { key: send.key, uuid: send.uuid, scheduledAt: send.scheduledAt };
    const card = renderCard(send.message, { now, timeZone: settings.timeZone, ...(send.late ? { lateFrom: send.scheduledAt } : {}) });
    await record({ type: 'attempt', ...base, at: now });
    const result = await sendSafely(options.sender, send.key.chat, card, send.uuid);
    const at = clock.now();
    if (result.ok) {
      await record({ type: 'sent', ...base, at, messageId: result.messageId });
      logger.info('reminders.sent', { ...send.key, messageId: result.messageId, late: send.late, attempt: send.attempt });
      return true;
    }
    const { error } = result;
    await record({ type: 'failed', ...base, at, code: error.code, retryable: error.isRetryable, message: error.message.slice(0, 300) });
    logger.warn('reminders.send_failed', { ...send.key, code: error.code, retryable: error.isRetryable, attempt: send.attempt, message: error.message });
    return false;
  };

  let inFlight: Promise<TickReport> | undefined;
  const tick = (): Promise<TickReport> => {
    if (running) return Promise.resolve({ at: clock.now(), sent: 0, failed: 0, skipped: 0, busy: true });
    inFlight = runTick();
    return inFlight;
  };

  const runTick = async (): Promise<TickReport> => {
    const now = clock.now();
    running = true;
    try {
      if (!(await holdLock())) return { at: now, sent: 0, failed: 0, skipped: 0, standby: true };
      const { calendar, audience } = await options.snapshot();
      const since = readLastTick(lastTickFile);
      const plan = due(calendar, ledger, now, {
        timeZone: settings.timeZone,
        audience,
        catchUpMs: settings.catchUpMs,
        digest: { fields: settings.digestFields, days: settings.digestDays },
        since,
        graceMs: options.graceMs,
      });
      for (const skip of plan.skips) {
        await record({ type: 'skipped', key: skip.key, uuid: skip.uuid, scheduledAt: skip.scheduledAt, at: now, reason: skip.reason });
        logger.warn('reminders.skipped', { ...skip.key, reason: skip.reason, scheduledAt: new Date(skip.scheduledAt).toISOString() });
      }
      const report: TickReport = { at: now, sent: 0, failed: 0, skipped: plan.skips.length };
      for (const send of plan.sends) {
        // a lost lease stops the sends at once: the next holder reads the shared log and goes on
        if (!(await holdLock())) break;
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
      // the data-directory lock is taken now, so a second process on the same folder fails at start
      if (!options.lease) {
        lock = acquireDataLock(settings.directory, options.lock);
        ledger = foldLog(readNow(log));
      }
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
      // a tick in flight finishes its sends (and their log records) before the lock and the log go
      await inFlight?.catch(() => undefined);
      lock?.release();
      lock = undefined;
      if (lease && options.lease) await options.lease.lock.release(lease);
      lease = undefined;
      await log.close();
    },
  };
}
