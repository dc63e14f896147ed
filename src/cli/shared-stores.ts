import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { databaseUrl, type Config } from '../config/index.js';
import { larkMigrations, postgresSharedStores, type SharedStores } from '../lark/index.js';
import type { Logger } from '../log/index.js';
import { matchMigrations } from '../match/index.js';
import { createPostgresNoticesState, noticesMigrations, type NoticesStateStore } from '../notices/index.js';
import { openDatabase, type Migration } from '../postgres/index.js';
import {
  createPostgresLeaseLock,
  createPostgresSendLog,
  createPostgresStateStore,
  importState,
  remindersMigrations,
  readStateFile,
  toRemindersSettings,
  type ReminderSchedulerOptions,
  type StateStore,
} from '../reminders/index.js';

/** What one instance shares with the others; all empty in the embedded default. */
export interface InstanceStores {
  /** The channel's dedupe, answer records, feedback and audit. */
  stores?: SharedStores;
  /** The scheduler's lease and fenced send log. */
  reminders?: Pick<ReminderSchedulerOptions, 'lease' | 'sendLog'>;
  /** Subscriptions and chat edits of the calendar. */
  reminderState?: StateStore;
  /** The notices' lease and fenced send log (the reminders' kind, in a table of its own). */
  notices?: Pick<ReminderSchedulerOptions, 'lease' | 'sendLog'>;
  /** Policy subscriptions and 「仍然有效」 marks. */
  noticesState?: NoticesStateStore;
  close(): Promise<void>;
}

/**
 * Every layer's tables but the index's (which needs pgvector and is migrated where the index lives in
 * PostgreSQL): versions are global, so the lists are applied as one set.
 */
export const STORE_MIGRATIONS: Migration[] = [...larkMigrations, ...remindersMigrations, ...matchMigrations, ...noticesMigrations];

/** A tick is a minute: a lease of three outlives a slow tick, and a dead holder is replaced within three. */
const SCHEDULER_LEASE_MS = 3 * 60_000;

/**
 * STORE=postgres: the stores several instances share, on DATABASE_URL (migrated at start; a clear
 * error when the server is down). Embedded: none, the bot keeps its files in DATA_DIR.
 */
export async function openSharedStores(config: Config, logger: Logger, options: { leaseMs?: number; instance?: string } = {}): Promise<InstanceStores> {
  if (config.STORE === 'embedded') return { close: async () => undefined };
  const database = await openDatabase({ url: databaseUrl(config), schema: config.DATABASE_SCHEMA, logger, migrations: STORE_MIGRATIONS });
  const instance = options.instance ?? `${hostname()}:${process.pid}`;
  logger.info('postgres.connected', { schema: config.DATABASE_SCHEMA, instance });
  // an embedded bot's subscriptions and /remind edits move into the database the first time (never over a newer state)
  const stateFile = join(toRemindersSettings(config, config.DATA_DIR).directory, 'state.json');
  if (existsSync(stateFile) && (await importState(database, readStateFile(stateFile)))) logger.info('reminders.state_imported', { from: stateFile });
  return {
    stores: postgresSharedStores(database, instance, config.QUESTION_RETENTION_DAYS),
    // every instance runs the scheduler; the lease holder sends
    reminders: {
      lease: { lock: createPostgresLeaseLock(database), name: 'reminders-scheduler', holder: instance, ttlMs: options.leaseMs ?? SCHEDULER_LEASE_MS },
      sendLog: createPostgresSendLog(database),
    },
    reminderState: createPostgresStateStore(database),
    // the reminders' send log and lease machinery, with a lease and a table of their own
    notices: {
      lease: { lock: createPostgresLeaseLock(database), name: 'notices-scheduler', holder: instance, ttlMs: options.leaseMs ?? SCHEDULER_LEASE_MS },
      sendLog: createPostgresSendLog(database, 'notice_log'),
    },
    noticesState: createPostgresNoticesState(database),
    close: () => database.close(),
  };
}
