import { systemClock, type Clock } from '../clock/index.js';
import { silentLogger, type Logger } from '../log/index.js';
import type { MatchDocument } from '../match/index.js';
import { cronTimes, parseCron, type CronFields, type Sender } from '../reminders/index.js';
import { NoticesError } from './errors.js';
import { expiryCard, noticeOf } from './expiry-card.js';
import { isoWeek } from './iso-week.js';
import type { NoticesState, NoticesStateStore } from './notices-state.js';
import { createNoticeScheduler, type NoticeScheduler, type NoticeSchedulerOptions } from './notice-scheduler.js';
import type { NoticeStores } from './store/notice-stores.js';
import type { CardJson } from '../reminders/index.js';
import type { InForceMark } from '../ingest/index.js';

/** What the notices read from the configuration. */
export interface NoticesSettings {
  /** DATA_DIR/notices: state file, send log and lock (embedded). */
  directory: string;
  /** EXPIRY_CRON: when the weekly expiry card goes to the admin chats. */
  expiryCron: string;
  /** REMINDER_TIMEZONE: the zone of the cron and of the ISO week. */
  timeZone: string;
  /** REMINDER_CATCH_UP_HOURS: how late a missed expiry card still goes out (as for the reminders' digest). */
  catchUpMs: number;
}

/** The admin operations the chat commands and card buttons call. */
export interface NoticesService {
  /** Opts a chat in to new-policy cards; `known` are the documents it has now (they are not sent). */
  subscribe(chatId: string, by: string, known: string[]): Promise<{ changed: boolean }>;
  unsubscribe(chatId: string): Promise<{ changed: boolean }>;
  /** Records an admin's 「仍然有效」: the document's status stays in force whatever its written period says. */
  confirmInForce(source: string, by: string): Promise<void>;
  /**
   * Admins' 「仍然有效」 marks by source, as last read (at every tick, click and start): answers and lists
   * read them synchronously, so a mark made on another instance shows within a tick.
   */
  inForceMarks(): ReadonlyMap<string, InForceMark>;
  /** Resolves once the state was first read (the marks are known); a state that cannot be read is logged, not thrown. */
  ready(): Promise<void>;
  /** The expiry card as it stands now, with a line saying what was just done. */
  expiryCardNow(documents: MatchDocument[], week: string, done: string): Promise<CardJson>;
}

/** What the scheduler reads at every tick from the running bot. */
interface NoticeSources {
  sender: Sender;
  documents(): MatchDocument[];
  /** Each chat's earlier questions, newest first. */
  questions(): Promise<ReadonlyMap<string, string[]>>;
  adminChats: readonly string[];
}

/** What a caller may replace in the scheduler `createNotices` wires (tests). */
export type NoticeSchedulerExtra = Partial<Pick<NoticeSchedulerOptions, 'cron' | 'sendLog' | 'lease' | 'lock'>>;

export interface Notices {
  settings: NoticesSettings;
  service: NoticesService;
  scheduler(sources: NoticeSources, extra?: NoticeSchedulerExtra): NoticeScheduler;
}

/** The latest expiry slot within the catch-up window, if one has come: a card missed for longer is not sent late. */
export function expirySlotAt(
  fields: CronFields,
  now: number,
  timeZone: string,
  catchUpMs: number,
): { week: string; at: number } | undefined {
  const at = cronTimes(fields, now - catchUpMs, now, timeZone).at(-1);
  return at === undefined ? undefined : { week: isoWeek(at, timeZone), at };
}

/** Whether any subscribed chat has a served document it did not have when it subscribed. */
function hasNewDocument(state: NoticesState, documents: MatchDocument[]): boolean {
  return Object.values(state.subscriptions).some((subscription) =>
    documents.some((document) => !subscription.known.includes(document.source)),
  );
}

function withSubscription(state: NoticesState, chatId: string, entry: NoticesState['subscriptions'][string] | undefined): NoticesState {
  const subscriptions = { ...state.subscriptions };
  if (entry) subscriptions[chatId] = entry;
  else delete subscriptions[chatId];
  return { ...state, subscriptions };
}

/** Wires the notices over the stores the composition root chose. */
export function createNotices(options: { settings: NoticesSettings; stores: NoticeStores; clock?: Clock; logger?: Logger }): Notices {
  const { settings } = options;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const parsed = parseCron(settings.expiryCron);
  if (!parsed.ok) throw new NoticesError('settings-invalid', `EXPIRY_CRON: ${parsed.message}`);
  const { stores } = options;
  const stored = stores.state;
  let marks: ReadonlyMap<string, InForceMark> = new Map();
  const remember = (state: NoticesState): NoticesState => {
    marks = new Map(Object.entries(state.stillInForce));
    return state;
  };
  const store: NoticesStateStore = {
    read: async () => remember(await stored.read()),
    update: async (change) => remember(await stored.update(change)),
  };
  const firstRead = store.read().then(
    () => undefined,
    (error: unknown) => logger.error('notices.state_unreadable', { error }),
  );
  const service: NoticesService = {
    async subscribe(chatId, by, known) {
      let changed = false;
      await store.update((state) => {
        changed = !state.subscriptions[chatId];
        return changed ? withSubscription(state, chatId, { at: new Date(clock.now()).toISOString(), by, known }) : state;
      });
      return { changed };
    },
    async unsubscribe(chatId) {
      let changed = false;
      await store.update((state) => {
        changed = Boolean(state.subscriptions[chatId]);
        return withSubscription(state, chatId, undefined);
      });
      return { changed };
    },
    async confirmInForce(source, by) {
      await store.update((state) => ({
        ...state,
        stillInForce: { ...state.stillInForce, [source]: { at: new Date(clock.now()).toISOString(), by } },
      }));
    },
    inForceMarks: () => marks,
    ready: () => firstRead,
    async expiryCardNow(documents, week, done) {
      return expiryCard(noticeOf(documents, await store.read(), new Date(clock.now())), week, done);
    },
  };
  return {
    settings,
    service,
    scheduler: (sources, extra = {}) =>
      createNoticeScheduler({
        directory: settings.directory,
        sender: sources.sender,
        clock,
        logger,
        snapshot: async () => {
          const now = clock.now();
          const slot = expirySlotAt(parsed.fields, now, settings.timeZone, settings.catchUpMs);
          const documents = sources.documents();
          const state = await store.read();
          return {
            documents,
            state,
            // the question log is read only when some chat has a document new to it (most minutes none has)
            questions: hasNewDocument(state, documents) ? await sources.questions() : new Map(),
            adminChats: sources.adminChats,
            expirySlot: slot,
            now,
          };
        },
        sendLog: stores.sendLog,
        lease: stores.lease,
        ...extra,
      }),
  };
}
