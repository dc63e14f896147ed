import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { databaseUrl, type Config } from '../config/index.js';
import { larkMigrations, postgresSharedStores, type Clock, type LarkStores } from '../lark/index.js';
import type { Logger } from '../log/index.js';
import { matchMigrations } from '../match/index.js';
import { createPostgresNoticesState, fileNoticeStores, noticesMigrations, toNoticesSettings, type NoticeStores } from '../notices/index.js';
import { openDatabase, type Database, type Migration } from '../postgres/index.js';
import {
  createPostgresLeaseLock,
  createPostgresSendLog,
  createPostgresStateStore,
  fileReminderStores,
  importState,
  remindersMigrations,
  readStateFile,
  toRemindersSettings,
  type ReminderStores,
  type SchedulerLease,
} from '../reminders/index.js';
import { openFileLarkStores, openFileQuestionLog } from './file-lark-stores.js';

/** Where things are kept, decided once from the settings. */
interface StorageChoice {
  /** STORE: the bot's and the reminders' stores, in DATA_DIR or in PostgreSQL shared by every instance. */
  stores: 'files' | 'postgres';
  /** INDEX_STORE (documented as its own override, default `file` whatever STORE is): the knowledge index. */
  index: 'files' | 'postgres';
}

/** The one place that reads STORE and INDEX_STORE. */
function storageChoice(config: Pick<Config, 'STORE' | 'INDEX_STORE'>): StorageChoice {
  return { stores: config.STORE === 'postgres' ? 'postgres' : 'files', index: config.INDEX_STORE === 'postgres' ? 'postgres' : 'files' };
}

/** The program's storage: at most one database pool, opened at first use and closed once. */
export interface AppStorage {
  readonly choice: StorageChoice;
  /** The pool (PostgreSQL settings, or the test's PGlite); opened on the first call, the same one after. */
  database(): Promise<Database>;
  /** The bot's stores: files in DATA_DIR, or the shared PostgreSQL tables. */
  larkStores(clock: Clock): Promise<LarkStores>;
  /** The reminders' stores: DATA_DIR/reminders, or shared tables and a lease (an embedded state file is imported once). */
  reminderStores(): Promise<ReminderStores>;
  /** The notices' stores: DATA_DIR/notices, or shared tables and a lease of their own. */
  noticeStores(): Promise<NoticeStores>;
  close(): Promise<void>;
}

/**
 * Every layer's tables but the index's (which needs pgvector and is migrated where the index lives in
 * PostgreSQL): versions are global, so the lists are applied as one set when the pool opens.
 */
export const STORE_MIGRATIONS: Migration[] = [...larkMigrations, ...remindersMigrations, ...matchMigrations, ...noticesMigrations];

/** A tick is a minute: a lease of three outlives a slow tick, and a dead holder is replaced within three. */
const SCHEDULER_LEASE_MS = 3 * 60_000;

/**
 * Opens nothing yet: the pool opens when a store or the index first needs it (so `cli index` with
 * STORE=postgres and a file index never connects). One pool serves the stores and the index; it carries
 * the index's HNSW setting (100 candidates per search: recall@10 ≥ 0.99 in bench/pg-store.ts), which
 * no other query reads.
 */
export function createStorage(
  config: Config,
  logger: Logger,
  options: { database?: Database | undefined; instance?: string | undefined; leaseMs?: number | undefined } = {},
): AppStorage {
  const choice = storageChoice(config);
  const instance = options.instance ?? `${hostname()}:${process.pid}`;
  let opened: Promise<Database> | undefined;
  const database = (): Promise<Database> => {
    opened ??= options.database
      ? Promise.resolve(options.database)
      : openDatabase({
          url: databaseUrl(config),
          schema: config.DATABASE_SCHEMA,
          logger,
          migrations: STORE_MIGRATIONS,
          settings: { 'hnsw.ef_search': 100 },
        }).then((pool) => {
          logger.info('postgres.connected', { schema: config.DATABASE_SCHEMA, instance });
          return pool;
        });
    return opened;
  };
  const lease = (pool: Database, name: string): SchedulerLease => ({
    lock: createPostgresLeaseLock(pool),
    name,
    holder: instance,
    ttlMs: options.leaseMs ?? SCHEDULER_LEASE_MS,
  });
  return {
    choice,
    database,
    async larkStores(clock) {
      if (choice.stores === 'files')
        return openFileLarkStores({ dataDir: config.DATA_DIR, clock, retentionDays: config.QUESTION_RETENTION_DAYS });
      const shared = postgresSharedStores(await database(), instance, config.QUESTION_RETENTION_DAYS);
      return { ...shared, questions: shared.questions ?? openFileQuestionLog(config.DATA_DIR, clock, config.QUESTION_RETENTION_DAYS) };
    },
    async reminderStores() {
      const directory = toRemindersSettings(config, config.DATA_DIR).directory;
      if (choice.stores === 'files') return fileReminderStores(directory, logger);
      const pool = await database();
      // an embedded bot's subscriptions and /remind edits move into the database the first time (never over a newer state)
      const stateFile = join(directory, 'state.json');
      if (existsSync(stateFile) && (await importState(pool, readStateFile(stateFile))))
        logger.info('reminders.state_imported', { from: stateFile });
      // every instance runs the scheduler; the lease holder sends
      return { state: createPostgresStateStore(pool), sendLog: createPostgresSendLog(pool), lease: lease(pool, 'reminders-scheduler') };
    },
    async noticeStores() {
      if (choice.stores === 'files') return fileNoticeStores(toNoticesSettings(config, config.DATA_DIR).directory, logger);
      const pool = await database();
      // the reminders' send log and lease machinery, with a lease and a table of their own
      return {
        state: createPostgresNoticesState(pool),
        sendLog: createPostgresSendLog(pool, 'notice_log'),
        lease: lease(pool, 'notices-scheduler'),
      };
    },
    async close() {
      // a database handed in (a test's PGlite) belongs to the caller
      if (opened && !options.database) await (await opened).close();
      opened = undefined;
    },
  };
}
