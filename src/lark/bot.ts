import type { EventDispatcher, LarkChannel } from '@larksuiteoapi/node-sdk';
import type { KnowledgeAdmin } from '../admin/index.js';
import type { AnswerService } from '../answer/index.js';
import type { Logger } from '../log/index.js';
import { noopMetrics, type Metrics } from '../ops/index.js';
import { ASK_ACTION, type RemindersService } from '../reminders/index.js';
import { createBotAnswering } from './answering/bot-answering.js';
import { createTaskSet } from './answering/task-set.js';
import { botLifecycle, type BotLifecycle } from './bot-lifecycle.js';
import { systemClock, type Clock } from './clock.js';
import { adminAuditor } from './commands/admin-audit.js';
import { adminPolicy } from './commands/admin-policy.js';
import { createBotCommands } from './commands/bot-commands.js';
import type { BotStatus } from './commands/command-list.js';
import type { IssueConsoleLink } from './commands/console-command.js';
import { dispatchCardAction, feedbackHandler, reminderAskHandler } from './inbound/card-actions.js';
import { cardCallbackHandler } from './inbound/card-callback.js';
import { lifecycleHandlers } from './inbound/lifecycle-events.js';
import { createMessageHandler, listenToChannel } from './inbound/message-handler.js';
import { createRecalls } from './inbound/recalls.js';
import { botPlatform } from './outbound/bot-platform.js';
import type { OpenPlatform } from './outbound/open-platform.js';
import type { RetryPolicy } from './outbound/retry.js';
import { guardChannel } from './safety/index.js';
import type { LarkSettings } from './settings.js';
import type { AuditLog } from './store/audit-log.js';
import type { DedupeStore } from './store/dedupe-store.js';
import type { FeedbackLog } from './store/feedback-log.js';
import type { QuestionLog } from './store/question-log.js';
import type { SharedStores } from './store/shared-stores.js';
import { createSdkChannel } from './transport/sdk-channel.js';

/** The stores the bot works on, opened by the app (files in DATA_DIR, or PostgreSQL) and closed with the bot. */
export type LarkStores = SharedStores & { questions: QuestionLog };

/** What the bot needs from the rest of the program. */
export interface LarkBotOptions {
  settings: LarkSettings;
  answers: AnswerService;
  status: BotStatus;
  logger: Logger;
  /** Message claims, answer records, feedback, audit and questions. */
  stores: LarkStores;
  /** Whether answers stream partial text (an LLM is configured): decides LARK_STREAMING=auto. */
  streamsAnswers?: boolean;
  clock?: Clock;
  retry?: RetryPolicy;
  requestTimeoutMs?: number;
  answerTimeoutMs?: number;
  /** Card update spacing (default 250 ms). */
  cardUpdateIntervalMs?: number;
  /** The reminders' admin service: enables /reminders, /subscribe, /unsubscribe and /remind. */
  reminders?: RemindersService;
  /** Counts questions, feedback and failures (default: nothing). */
  metrics?: Metrics;
  /** Document administration: enables uploads, `/docs` and `/reindex` from chat. */
  knowledge?: KnowledgeAdmin;
  /** Spacing of progress card updates during a re-index (default 1 s). */
  progressIntervalMs?: number;
  /** How long a message claim lasts before another instance may take the work over (default 120 s: longer than an answer may take). */
  claimLeaseMs?: number;
  /** How often abandoned claims (an instance died mid-answer) are looked for (default 10 s; 0 = never). */
  sweepIntervalMs?: number;
  /** The admin console's one-time login links: enables `/console`. */
  consoleLink?: IssueConsoleLink;
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

/** Joins the bot's parts: inbound safety, outbound platform, answering, commands, message handling, lifecycle. */
export function createLarkBot(options: LarkBotOptions): LarkBot {
  const { settings, logger, stores } = options;
  const clock = options.clock ?? systemClock;
  const metrics = options.metrics ?? noopMetrics;
  const tasks = createTaskSet((error) => {
    metrics.error('task');
    logger.error('lark.task_failed', { error });
  });
  let lifecycle: BotLifecycle | undefined;
  const guarded = guardChannel({
    open: (cache) => createSdkChannel(settings, cache, logger),
    dedupe: stores.dedupe,
    clock,
    tasks,
    logger,
    leaseMs: options.claimLeaseMs ?? 120_000,
    doneTtlMs: settings.dedupTtlMs,
    sweepIntervalMs: options.sweepIntervalMs ?? 10_000,
    active: () => lifecycle?.connected ?? false,
  });
  const { platform, chatName } = botPlatform(guarded.channel, { clock, logger, ...pick(options, 'retry', 'requestTimeoutMs') });
  const recalls = createRecalls();
  const answering = createBotAnswering({
    ...pick(options, 'cardUpdateIntervalMs', 'answerTimeoutMs'),
    settings,
    service: options.answers,
    streamsAnswers: options.streamsAnswers ?? false,
    platform,
    records: stores.answerRecords,
    questions: stores.questions,
    recalls,
    tasks,
    clock,
    logger,
    metrics,
  });
  const audit = adminAuditor({ audit: stores.audit, clock, logger, onError: () => metrics.error('audit') });
  const isAdmin = adminPolicy(settings.admins, settings.adminChats);
  const { commands, uploads } = createBotCommands({
    ...pick(options, 'reminders', 'knowledge', 'progressIntervalMs', 'consoleLink'),
    settings,
    channel: guarded.channel,
    status: options.status,
    isAdmin,
    audit,
    clock,
    logger,
  });
  const handle = createMessageHandler({ settings, platform, answer: answering.answer, commands, ...(uploads ? { uploads } : {}), isAdmin, tasks, clock, logger, metrics });
  listenToChannel(guarded.channel, { handle, finished: guarded.finished, logger, metrics });
  const onCardCallback = cardCallbackHandler(
    dispatchCardAction({
      feedback: feedbackHandler({ records: stores.answerRecords, log: stores.feedback, clock, logger, metrics, questions: stores.questions }),
      [ASK_ACTION]: reminderAskHandler({ ask: answering.askFromCard, logger }),
    }),
    logger,
    () => metrics.error('card_action'),
  );
  const running = botLifecycle({
    guarded,
    tasks,
    handlers: () => ({
      'card.action.trigger': onCardCallback,
      ...lifecycleHandlers({ platform, recalls, audit: stores.audit, clock, logger, ...pick(options, 'reminders') }),
    }),
    closeStores: () => Promise.all([stores.answerRecords.close(), stores.feedback.close(), stores.audit.close(), stores.dedupe.close(), stores.questions.close()]),
    logger,
    describe: (channel) => ({ bot: channel.botIdentity?.name, mode: settings.mode, cards: answering.cardMode }),
  });
  lifecycle = running;
  return Object.assign(running, {
    dispatcher: guarded.dispatcher,
    channel: guarded.channel,
    platform,
    stores: { questions: stores.questions, feedback: stores.feedback, audit: stores.audit, dedupe: stores.dedupe },
    chatName,
  });
}

/** The named options that are set, for passing optional settings on without `undefined` keys. */
function pick<T extends object, K extends keyof T>(source: T, ...keys: K[]): Partial<Pick<T, K>> {
  const picked: Partial<Pick<T, K>> = {};
  for (const key of keys) if (source[key] !== undefined) picked[key] = source[key];
  return picked;
}
