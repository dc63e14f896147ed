import cron from 'node-cron';
import type { Clock } from '../clock/index.js';
import type { Logger } from '../log/index.js';
import {
  acquireDataLock,
  foldLog,
  sendSafely,
  type CronStarter,
  type DataLock,
  type Lease,
  type LedgerEntry,
  type LockOptions,
  type SchedulerLease,
  type Sender,
  type SendLog,
  type SendRecord,
} from '../reminders/index.js';
import { noticePlan, type NoticeInput, type NoticeSend } from './notice-plan.js';

/** What one tick did. */
export interface NoticeTickReport {
  at: number;
  sent: number;
  failed: number;
  skipped: number;
  /** Another instance holds the lease: this one did nothing. */
  standby?: boolean;
}

export interface NoticeSchedulerOptions {
  /** DATA_DIR/notices: the data-directory lock (embedded). */
  directory: string;
  sender: Sender;
  /** The documents, state and questions, read at every tick. */
  snapshot: () => Promise<NoticeInput>;
  clock: Clock;
  logger: Logger;
  /** The scheduler's memory: every send decision. */
  sendLog: SendLog;
  /** Several instances: only the holder of this lease sends, its log writes fenced with it (replaces the directory lock). */
  lease?: SchedulerLease | undefined;
  lock?: LockOptions;
  cron?: CronStarter;
}

/** Posts the new-policy and expiry cards that are due, once a minute, with the send log as its memory. */
export interface NoticeScheduler {
  tick(): Promise<NoticeTickReport>;
  start(): void;
  stop(): Promise<void>;
}

const defaultCron: CronStarter = (expression, job, options) =>
  cron.schedule(expression, job, { timezone: options.timezone, noOverlap: true, name: 'policy-bot-notices' });

/**
 * The reminders' delivery machinery for notices: an `attempt` is durable before the platform is called
 * and `sent` after it confirmed, the uuid comes from the delivery key, and with several instances the
 * lease decides who sends. So each card reaches each chat once, across restarts and instances.
 */
export function createNoticeScheduler(options: NoticeSchedulerOptions): NoticeScheduler {
  const { clock, logger } = options;
  const log = options.sendLog;
  let ledger = new Map<string, LedgerEntry>();
  let lease: Lease | undefined;
  let lock: DataLock | undefined;
  let task: { stop(): void | Promise<void> } | undefined;
  let inFlight: Promise<NoticeTickReport> | undefined;

  // the plan is made once a tick from the ledger read when the lock was taken: records only append
  const record = async (entry: SendRecord): Promise<void> => {
    await log.append(entry, lease);
  };

  /** Holds the lease (or the directory lock) and reads the log, which another holder may have extended. */
  const hold = async (): Promise<boolean> => {
    if (options.lease) {
      const { lock: leases, name, holder, ttlMs } = options.lease;
      lease = await leases.acquire(name, holder, ttlMs);
      if (!lease) return false;
    } else if (lock) {
      lock.touch();
    } else {
      lock = acquireDataLock(options.directory, options.lock);
    }
    ledger = foldLog(await log.read());
    return true;
  };

  const deliver = async (send: NoticeSend, now: number): Promise<boolean> => {
    const base = { key: send.key, uuid: send.uuid, scheduledAt: send.scheduledAt };
    await record({ type: 'attempt', ...base, at: now });
    const result = await sendSafely(options.sender, send.key.chat, send.card, send.uuid);
    if (result.ok) {
      await record({ type: 'sent', ...base, at: clock.now(), messageId: result.messageId });
      logger.info('notices.sent', { ...send.key, messageId: result.messageId });
      return true;
    }
    const { error } = result;
    await record({
      type: 'failed',
      ...base,
      at: clock.now(),
      code: error.code,
      retryable: error.isRetryable,
      message: error.message.slice(0, 300),
    });
    logger.warn('notices.send_failed', { ...send.key, code: error.code, retryable: error.isRetryable });
    return false;
  };

  const runTick = async (): Promise<NoticeTickReport> => {
    const now = clock.now();
    if (!(await hold())) return { at: now, sent: 0, failed: 0, skipped: 0, standby: true };
    const plan = noticePlan(await options.snapshot(), ledger);
    for (const skip of plan.skips) await record({ type: 'skipped', ...skip, at: now });
    const report: NoticeTickReport = { at: now, sent: 0, failed: 0, skipped: plan.skips.length };
    for (const send of plan.sends) {
      // a lost lease stops the sends at once: the next holder reads the shared log and goes on
      if (options.lease && !(await hold())) break;
      if (await deliver(send, now)) report.sent += 1;
      else report.failed += 1;
    }
    return report;
  };

  const tick = (): Promise<NoticeTickReport> => {
    // one tick at a time: a second call waits for the one in flight and reports it
    if (inFlight) return inFlight;
    inFlight = runTick().finally(() => (inFlight = undefined));
    return inFlight;
  };

  return {
    tick,
    start() {
      if (task) return;
      if (!options.lease) lock = acquireDataLock(options.directory, options.lock);
      task = (options.cron ?? defaultCron)(
        '* * * * *',
        async () => {
          try {
            await tick();
          } catch (error) {
            logger.error('notices.tick_failed', { error });
          }
        },
        { timezone: 'UTC' },
      );
    },
    async stop() {
      await task?.stop();
      task = undefined;
      await inFlight?.catch(() => undefined);
      lock?.release();
      lock = undefined;
      if (lease && options.lease) await options.lease.lock.release(lease);
      lease = undefined;
      await log.close();
    },
  };
}
