import type { EventDispatcher, LarkChannel } from '@larksuiteoapi/node-sdk';
import type { KnowledgeAdmin } from '../admin/index.js';
import type { AnswerService } from '../answer/index.js';
import type { Logger } from '../log/index.js';
import type { ProfileStore } from '../match/index.js';
import type { NoticesService } from '../notices/index.js';
import type { Metrics } from '../ops/index.js';
import type { RemindersService } from '../reminders/index.js';
import type { BotLifecycle } from './bot-lifecycle.js';
import type { Clock } from '../clock/index.js';
import type { BotStatus } from './commands/command-list.js';
import type { IssueConsoleLink } from './commands/console-command.js';
import type { OpenPlatform } from './outbound/open-platform.js';
import type { RetryPolicy } from '../retry/index.js';
import type { LarkSettings } from './settings.js';
import type { AuditLog } from './store/audit-log.js';
import type { DedupeStore } from './store/dedupe-store.js';
import type { FeedbackLog } from './store/feedback-log.js';
import type { QuestionLog } from './store/question-log.js';
import type { SharedStores } from './store/lark-stores.js';

/** The stores the bot works on, opened by the app (files in DATA_DIR, or PostgreSQL) and closed with the bot. */
export type LarkStores = SharedStores & { questions: QuestionLog; profiles: ProfileStore };

/** What the bot needs from the rest of the program. */
export interface LarkBotOptions {
  settings: LarkSettings;
  answers: AnswerService;
  status: BotStatus;
  logger: Logger;
  /** Message claims, answer records, feedback, audit and questions. */
  stores: LarkStores;
  /** Whether answers stream partial text (an LLM is configured): decides LARK_STREAMING=auto. */
  streamsAnswers?: boolean | undefined;
  clock?: Clock;
  retry?: RetryPolicy;
  requestTimeoutMs?: number;
  answerTimeoutMs?: number;
  /** Card update spacing (default 250 ms). */
  cardUpdateIntervalMs?: number;
  /** The reminders' admin service: enables /reminders, /subscribe, /unsubscribe and /remind. */
  reminders?: RemindersService | undefined;
  /** Counts questions, feedback and failures (default: nothing). */
  metrics?: Metrics | undefined;
  /** Document administration: enables uploads, `/docs` and `/reindex` from chat. */
  knowledge?: KnowledgeAdmin | undefined;
  /** Spacing of progress card updates during a re-index (default 1 s). */
  progressIntervalMs?: number;
  /** How long a message claim lasts before another instance may take the work over (default 120 s: longer than an answer may take). */
  claimLeaseMs?: number;
  /** How often abandoned claims (an instance died mid-answer) are looked for (default 10 s; 0 = never). */
  sweepIntervalMs?: number;
  /** The admin console's one-time login links: enables `/console`. */
  consoleLink?: IssueConsoleLink | undefined;
  /** New-policy and expiry notices: enables `/subscribe policies` and the expiry card's buttons. */
  notices?: NoticesService | undefined;
}

/** The bot's stores, for the admin console beside it (which reads and deletes, and claims one-time links). */
export interface BotStores {
  questions: QuestionLog;
  feedback: FeedbackLog;
  audit: AuditLog;
  dedupe: DedupeStore;
}

/** The bot, independent of transport: both the webhook server and the long connection feed `dispatcher`. */
export interface LarkBot extends BotLifecycle {
  readonly dispatcher: EventDispatcher;
  readonly channel: LarkChannel;
  readonly platform: OpenPlatform;
  readonly stores: BotStores;
  /** A chat's name when the platform gives one (cached), for the admin console. */
  chatName(chatId: string): Promise<string | undefined>;
}
