import type { KnowledgeAdmin } from '../admin/index.js';
import type { Config } from '../config/index.js';
import { systemClock, type Clock } from '../lark/index.js';
import { createLogger, type Logger } from '../log/index.js';
import type { InForceMark } from '../ingest/index.js';
import { createNotices, toNoticesSettings, type Notices } from '../notices/index.js';
import type { Database } from '../postgres/index.js';
import { knowledgeAdminFor } from './knowledge-wiring.js';
import { createRuntime, type Runtime } from './runtime.js';
import { createStorage, type AppStorage } from './storage.js';

/** Parts a test, the harness or the bench replaces instead of wiring the program by hand. */
interface AppOverrides {
  logger?: Logger;
  clock?: Clock;
  /** Transport of the chat model client (tests, proxies). */
  fetch?: typeof fetch;
  /** The database instead of a pool on DATABASE_URL (tests: PGlite); stays open when the app closes. */
  database?: Database;
  /** A runtime already built (tests share one index between bots). */
  runtime?: Runtime;
  /** Names this instance in claims and the scheduler lease (default host:pid). */
  instance?: string;
  /** The reminder scheduler's lease under STORE=postgres (default 3 minutes). */
  schedulerLeaseMs?: number;
}

/** The program, wired once: settings, logger, storage (one pool at most), the answering runtime. */
export interface App {
  readonly config: Config;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly storage: AppStorage;
  readonly runtime: Runtime;
  /** Document administration (uploads, `/docs`, `/reindex`, watch mode), built once. */
  knowledge(): KnowledgeAdmin;
  /** New-policy and expiry notices over DATA_DIR/notices (their state shared under STORE=postgres), built once. */
  notices(): Promise<Notices>;
  /** Closes the storage (the bot, when started, is stopped through its own handle first). */
  close(): Promise<void>;
}

const NO_MARKS: ReadonlyMap<string, InForceMark> = new Map();

/**
 * The one composition root. Storage is chosen here once (STORE, with INDEX_STORE as the index's
 * documented override) and opened lazily, so commands that never touch PostgreSQL never connect;
 * the answering runtime is built lazily too. `startAppBot` adds the Feishu bot and its neighbours.
 */
export function createApp(config: Config, overrides: AppOverrides = {}): App {
  const logger = overrides.logger ?? createLogger(config.LOG_LEVEL);
  const storage = createStorage(config, logger, {
    database: overrides.database,
    instance: overrides.instance,
    leaseMs: overrides.schedulerLeaseMs,
  });
  const clock = overrides.clock ?? systemClock;
  let notices: Promise<Notices> | undefined;
  let built: Notices | undefined;
  const noticesOnce = (): Promise<Notices> =>
    (notices ??= storage.noticeStores().then((stores) => {
      built = createNotices({ settings: toNoticesSettings(config, config.DATA_DIR), stores, clock, logger });
      return built;
    }));
  // answers and the served manifest read admins' 「仍然有效」 marks, loaded before the first answer (cli ask too)
  const inForceMarks = {
    current: (): ReadonlyMap<string, InForceMark> => built?.service.inForceMarks() ?? NO_MARKS,
    async load(): Promise<void> {
      try {
        await (await noticesOnce()).service.ready();
      } catch (error) {
        logger.warn('notices.marks_unavailable', { error });
      }
    },
  };
  const runtime =
    overrides.runtime ??
    createRuntime(config, {
      logger,
      clock,
      inForceMarks,
      fetch: overrides.fetch,
      database: storage.choice.index === 'postgres' ? storage.database : undefined,
    });
  let knowledge: KnowledgeAdmin | undefined;
  return {
    config,
    logger,
    clock,
    storage,
    runtime,
    knowledge() {
      knowledge ??= knowledgeAdminFor(runtime, logger);
      return knowledge;
    },
    notices: noticesOnce,
    close: () => storage.close(),
  };
}
