import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import cron from 'node-cron';
import { z } from 'zod';
import type { Clock } from '../../clock/index.js';
import { readJsonFile, writeFileAtomic } from '../../files/index.js';
import type { Logger } from '../../log/index.js';
import type { Calendar } from '../calendar/types.js';
import type { Audience } from '../schedule/audience.js';
import { due, type DueSend } from '../schedule/due.js';
import type { RemindersSettings } from '../settings.js';
import type { LockOptions } from './data-lock.js';
import type { SchedulerLease } from '../store/lease-lock.js';
import { applyRecord, foldLog, type LedgerEntry, type SendRecord } from './ledger.js';
import type { SendLog } from '../store/send-log.js';
import { createCustody, type Custody } from './scheduler-custody.js';
import { createDeliver } from './scheduler-deliver.js';
import type { Sender } from './sender.js';

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
  /** The scheduler's memory: every send decision (tests simulate crashes with their own). */
  sendLog: SendLog;
  cron?: CronStarter;
  lock?: LockOptions | undefined;
  /**
   * Several instances (STORE=postgres): every instance runs the scheduler, only the holder of this
   * lease sends (others' ticks stand by), and its send-log writes are fenced with the lease. Replaces
   * the data-directory lock.
   */
  lease?: SchedulerLease | undefined;
  graceMs?: number | undefined;
}

/** Runs `due()` every minute and delivers what it returns, with the send log as its memory. */
export interface ReminderScheduler {
  /** One pass: takes the data-directory lock if not held, then sends, retries and skips what is due. */
  tick(): Promise<TickReport>;
  /** Takes the lock (throws RemindersError('locked') when another process holds it) and ticks every minute. */
  start(): void;
  /** Stops ticking, waits for a tick in flight, and releases the lock. */
  stop(): Promise<void>;
  /** When the last tick ran (kept across restarts in `last-tick.json`), for /healthz. */
  lastTickAt(): number | undefined;
}

const defaultCron: CronStarter = (expression, job, options) =>
  cron.schedule(expression, job, { timezone: options.timezone, noOverlap: true, name: 'policy-bot-reminders' });

const lastTickSchema = z.object({ at: z.number() });

function readLastTick(file: string): number | undefined {
  try {
    return readJsonFile(file, lastTickSchema)?.at;
  } catch {
    return undefined;
  }
}

/** Atomic but not fsync'd: losing the last tick only shortens what a restart reports as missed. */
function writeLastTick(file: string, at: number): void {
  writeFileAtomic(file, JSON.stringify({ at, iso: new Date(at).toISOString() }), { durable: false });
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
  const log = options.sendLog;
  let ledger: Map<string, LedgerEntry> = new Map();
  const lastTickFile = join(settings.directory, 'last-tick.json');
  const custody = createCustody({
    directory: settings.directory,
    lockOptions: options.lock,
    lease: options.lease,
    log,
    onTaken: (records) => (ledger = foldLog(records)),
  });
  const record = async (entry: SendRecord): Promise<void> => {
    await log.append(entry, custody.lease);
    applyRecord(ledger, entry);
  };
  const deliver = createDeliver({ sender: options.sender, record, timeZone: settings.timeZone, clock, logger });
  const runTick = tickRunner({
    options,
    custody,
    ledger: () => ledger,
    record,
    deliver,
    lastTickFile,
  });
  let running: Promise<TickReport> | undefined;
  let inFlight: Promise<TickReport> | undefined;
  const tick = (): Promise<TickReport> => {
    if (running) return Promise.resolve({ at: clock.now(), sent: 0, failed: 0, skipped: 0, busy: true });
    running = runTick().finally(() => (running = undefined));
    inFlight = running;
    return running;
  };
  let task: { stop(): void | Promise<void> } | undefined;
  return {
    tick,
    lastTickAt: () => readLastTick(lastTickFile),
    start() {
      if (task) return;
      custody.takeAtStart();
      const starter = options.cron ?? defaultCron;
      task = starter(
        '* * * * *',
        async () => {
          try {
            await tick();
          } catch (error) {
            logger.error('reminders.tick_failed', { error });
          }
        },
        { timezone: settings.timeZone },
      );
      logger.info('reminders.started', {
        timeZone: settings.timeZone,
        directory: settings.directory,
        pending: [...ledger.values()].filter((entry) => entry.status === 'pending').length,
      });
    },
    async stop() {
      await task?.stop();
      task = undefined;
      // a tick in flight finishes its sends (and their log records) before the lock and the log go
      await inFlight?.catch(() => undefined);
      await custody.release();
      await log.close();
    },
  };
}

/** One pass: hold custody, plan with `due()`, record skips, deliver sends (stopping if custody is lost). */
function tickRunner(deps: {
  options: ReminderSchedulerOptions;
  custody: Custody;
  ledger: () => Map<string, LedgerEntry>;
  record: (entry: SendRecord) => Promise<void>;
  deliver: (send: DueSend, now: number) => Promise<boolean>;
  lastTickFile: string;
}): () => Promise<TickReport> {
  const { options, custody, record, deliver, lastTickFile } = deps;
  const { settings, clock, logger } = options;
  return async () => {
    const now = clock.now();
    if (!(await custody.hold())) return { at: now, sent: 0, failed: 0, skipped: 0, standby: true };
    const { calendar, audience } = await options.snapshot();
    const since = readLastTick(lastTickFile);
    const plan = due(calendar, deps.ledger(), now, {
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
      if (!(await custody.hold())) break;
      if (await deliver(send, now)) report.sent += 1;
      else report.failed += 1;
    }
    writeLastTick(lastTickFile, now);
    return report;
  };
}
