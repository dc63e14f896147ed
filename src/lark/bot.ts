import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { EventDispatcher, LarkChannel } from '@larksuiteoapi/node-sdk';
import type { KnowledgeAdmin } from '../admin/index.js';
import type { AnswerService } from '../answer/index.js';
import { withRequestFields, type Logger } from '../log/index.js';
import { noopMetrics, type Metrics } from '../ops/index.js';
import type { RemindersService } from '../reminders/index.js';
import { createAnswerFlow } from './answer-flow.js';
import { createMessageClaims } from './message-claims.js';
import { createSurfaceFactory } from './answer-surface.js';
import { cardCallbackHandler } from './card-callback.js';
import { systemClock, type Clock } from './clock.js';
import { dispatchCardAction, feedbackHandler, reminderAskHandler, type CardAction } from './handlers/card-actions.js';
import { adminAuditor } from './handlers/admin-audit.js';
import { adminPolicy } from './handlers/admin-policy.js';
import { acceptUploads, type DocumentAdminDeps } from './handlers/document-commands.js';
import { createCommands, type BotStatus } from './handlers/command-list.js';
import { routeCommands } from './handlers/commands.js';
import { capLength, helpForEmptyText, helpForMedia, rateLimitPerUser, requireMentionInGroups } from './handlers/message-gates.js';
import { repliesInThread, toIncoming, type IncomingMessage } from './incoming-message.js';
import { compose, type MessageContext } from './middleware.js';
import { createOpenPlatform, type OpenPlatform } from './outbound/open-platform.js';
import { createOutboundLimiter, FEISHU_LIMITS } from './outbound/outbound-limiter.js';
import { DEFAULT_RETRY, type RetryPolicy } from './outbound/retry.js';
import { messageFileDownloader } from './outbound/message-file.js';
import { sdkRequest } from './outbound/sdk-request.js';
import { chatNames } from './outbound/chat-names.js';
import { replyUuid } from './reply-uuid.js';
import { createSdkChannel, dispatcherOf } from './sdk-channel.js';
import type { LarkSettings } from './settings.js';
import { openAnswerRecords } from './store/answer-records.js';
import { createFileDedupeStore } from './store/dedupe-store.js';
import type { SharedStores } from './store/shared-stores.js';
import { openAuditLog, type AuditLog } from './store/audit-log.js';
import { createChannelCache } from './store/channel-cache.js';
import { openFeedbackLog, type FeedbackLog } from './store/feedback-log.js';
import { openQuestionLog, retentionCutoff, type QuestionLog } from './store/question-log.js';
import type { DedupeStore } from './store/dedupe-store.js';
import { consoleCommand, type IssueConsoleLink } from './handlers/console-command.js';
import { createTaskSet } from './task-set.js';
import { lifecycleHandlers } from './handlers/lifecycle-events.js';
import { createRecalls } from './recalls.js';
import { createThinkingReaction } from './thinking-reaction.js';

/** What the bot needs from the rest of the program. */
export interface LarkBotOptions {
  settings: LarkSettings;
  answers: AnswerService;
  status: BotStatus;
  logger: Logger;
  /** Whether answers stream partial text (an LLM is configured): decides LARK_STREAMING=auto. */
  streamsAnswers?: boolean | undefined;
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
  /** Where admin actions are recorded (default: `DATA_DIR/audit.jsonl`); closed with the bot. */
  audit?: AuditLog;
  /** Document administration: enables uploads, `/docs` and `/reindex` from chat. */
  knowledge?: KnowledgeAdmin | undefined;
  /** Spacing of progress card updates during a re-index (default 1 s). */
  progressIntervalMs?: number | undefined;
  /**
   * Shared stores for several instances (STORE=postgres): message claims, answer records, feedback and
   * audit. Default: in-process claims and files in DATA_DIR.
   */
  stores?: SharedStores | undefined;
  /** How long a message claim lasts before another instance may take the work over (default 120 s: longer than an answer may take). */
  claimLeaseMs?: number;
  /** How often abandoned claims (an instance died mid-answer) are looked for (default 10 s; 0 = never). */
  sweepIntervalMs?: number;
  /** How long answered questions are kept for the console (QUESTION_RETENTION_DAYS, default 180). */
  questionRetentionDays?: number;
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
export interface LarkBot {
  readonly dispatcher: EventDispatcher;
  readonly channel: LarkChannel;
  readonly platform: OpenPlatform;
  readonly stores: BotStores;
  /** A chat's name when the platform gives one (cached), for the admin console. */
  chatName(chatId: string): Promise<string | undefined>;
  /** Connected (bot identity fetched, handlers registered) and not closed. */
  readonly connected: boolean;
  /** Fetches the bot's identity and registers the handlers; events before this are refused by the SDK. */
  connect(): Promise<void>;
  /** Resolves when no answer is being produced or sent. */
  settled(): Promise<void>;
  /** Waits up to `timeoutMs` for answers in flight, then disconnects and closes the data files. */
  close(timeoutMs?: number): Promise<void>;
}

const CLAIM_ENTRIES = 200_000;

/** Wires the SDK Channel, our durable dedup cache, handlers, outbound calls and stores in DATA_DIR. */
export function createLarkBot(options: LarkBotOptions): LarkBot {
  const { settings, logger } = options;
  const clock = options.clock ?? systemClock;
  const metrics = options.metrics ?? noopMetrics;
  let connected = false;
  mkdirSync(settings.dataDir, { recursive: true });
  // one process: claims in DATA_DIR (they outlive a restart); several: the shared PostgreSQL claims
  const dedupe = options.stores?.dedupe ?? createFileDedupeStore({ file: join(settings.dataDir, 'lark-claims.jsonl'), clock, maxEntries: CLAIM_ENTRIES });
  const claimLeaseMs = options.claimLeaseMs ?? 120_000;
  const channel = createSdkChannel(settings, createChannelCache({ dedupe, seenLeaseMs: claimLeaseMs, clock }), logger);
  const dispatcher = dispatcherOf(channel);
  const platform = createOpenPlatform({
    request: sdkRequest(channel.rawClient, options.requestTimeoutMs ?? 10_000),
    limiter: createOutboundLimiter(FEISHU_LIMITS, clock),
    retry: options.retry ?? DEFAULT_RETRY,
    clock,
    logger,
  });
  const records = options.stores?.answerRecords ?? openAnswerRecords(settings.dataDir, clock);
  const retentionDays = options.questionRetentionDays ?? 180;
  const feedback = options.stores?.feedback ?? openFeedbackLog(settings.dataDir, retentionCutoff(clock.now(), retentionDays));
  const questions = options.stores?.questions ?? openQuestionLog(settings.dataDir, clock, retentionDays);
  const audit = options.audit ?? options.stores?.audit ?? openAuditLog(settings.dataDir);
  const tasks = createTaskSet((error) => {
    metrics.error('task');
    logger.error('lark.task_failed', { error });
  });
  const recalls = createRecalls();
  // A CardKit entity costs an extra call per answer and only pays off when text streams in.
  const cardMode = settings.streaming === 'auto' ? (options.streamsAnswers ? 'cardkit' : 'patch') : settings.streaming;
  const answer = createAnswerFlow({
    service: options.answers,
    surfaces: createSurfaceFactory({ platform, mode: cardMode, clock, logger, cards: records, ...(options.cardUpdateIntervalMs ? { intervalMs: options.cardUpdateIntervalMs } : {}) }),
    records,
    tasks,
    logger,
    metrics,
    recalls,
    ...(settings.thinkingReaction ? { thinking: createThinkingReaction(platform, logger) } : {}),
    questions,
    now: () => clock.now(),
    ...(options.answerTimeoutMs ? { timeoutMs: options.answerTimeoutMs } : {}),
  });
  const recordAdminAction = adminAuditor({ audit, clock, logger, onError: () => metrics.error('audit') });
  const isAdmin = adminPolicy(settings.admins, settings.adminChats);
  const documents: DocumentAdminDeps | undefined = options.knowledge
    ? {
        admin: options.knowledge,
        isAdmin,
        manifest: () => {
          try {
            return options.status.manifest();
          } catch {
            return undefined;
          }
        },
        download: messageFileDownloader(channel.rawClient, 60_000),
        maxUploadBytes: settings.uploadMaxBytes,
        clock,
        logger,
        audit: recordAdminAction,
        progressIntervalMs: options.progressIntervalMs,
      }
    : undefined;
  const commands = createCommands({
    status: options.status,
    isAdmin,
    clock,
    logger,
    audit: recordAdminAction,
    reminders: options.reminders,
    documents,
  });
  // `/console` (控制台) only when the admin console is on
  if (options.consoleLink) commands.push(consoleCommand({ issue: options.consoleLink, isAdmin, logger, audit: recordAdminAction }));
  const handle = compose([
    requireMentionInGroups,
    rateLimitPerUser({ perMinute: settings.ratePerMinute, clock, exempt: isAdmin }),
    ...(documents ? [acceptUploads(documents)] : []),
    helpForMedia,
    helpForEmptyText,
    capLength(settings.maxMessageChars),
    routeCommands(commands),
    (context) => context.answer(context.message.text),
  ]);

  /**
   * Runs the middleware chain for one message; a failed reply is logged and dropped, never thrown.
   * Resolves once the handlers are done (a question's pending card is sent), with a promise of the
   * rest: it settles when the answer itself has been sent.
   */
  const handleMessage = async (message: IncomingMessage): Promise<{ finished: Promise<void> }> => {
    const uuid = replyUuid(message.messageId);
    let answered: Promise<void> | undefined;
    const context: MessageContext = {
      message,
      reply: (card) => platform.replyCard({ messageId: message.messageId, chatId: message.chatId, content: { card }, uuid, inThread: repliesInThread(message) }),
      update: (messageId, card) => platform.patchCard(messageId, card),
      defer: (work) => tasks.run(() => withRequestFields({ requestId: message.messageId }, work)),
      answer: (question) => {
        let finished: () => void = () => undefined;
        answered = new Promise((resolve) => (finished = resolve));
        return answer(message, question, uuid, finished);
      },
    };
    try {
      await handle(context);
    } catch (error) {
      // A failed send is logged and dropped: the event is already acknowledged, the process goes on.
      metrics.error('reply');
      logger.error('lark.reply_failed', { messageId: message.messageId, error });
    }
    return { finished: answered ?? Promise.resolve() };
  };

  const claims = createMessageClaims({
    dispatcher,
    dedupe,
    tasks,
    logger,
    leaseMs: claimLeaseMs,
    doneTtlMs: settings.dedupTtlMs,
    sweepIntervalMs: options.sweepIntervalMs ?? 10_000,
    active: () => connected,
  });
  channel.on({
    message: async (normalized) => {
      const message = toIncoming(normalized);
      // every log line of this message's handling (its answer too) carries the message id as requestId
      await withRequestFields({ requestId: message.messageId }, async () => {
        const { finished } = await handleMessage(message);
        claims.finished(message.messageId, finished);
      });
    },
    reject: (event) => {
      logger.debug('lark.ignored', { messageId: event.messageId, reason: event.reason });
      // nothing to answer: the claim is done (else another instance would take the event over again)
      if (event.messageId) claims.finished(event.messageId, Promise.resolve());
    },
    error: (error) => {
      metrics.error('channel');
      logger.error('lark.channel_error', { error });
    },
  });

  /** A reminder card's 问问政策通: the question, answered as a reply to the card, like one typed in that chat. */
  const askFromCard = (action: CardAction, question: string): void => {
    const message: IncomingMessage = {
      messageId: action.messageId,
      chatId: action.chatId,
      chatType: 'group',
      senderId: action.operatorId,
      kind: 'text',
      rawType: 'text',
      text: question,
      mentionedBot: true,
    };
    // one answer per person and card: a repeated click within the platform's hour gets the same reply
    const requestId = `ask-${randomUUID()}`;
    tasks.run(() => withRequestFields({ requestId }, () => answer(message, question, replyUuid(`ask:${action.messageId}:${action.operatorId}`))));
  };
  const onCardCallback = cardCallbackHandler(
    dispatchCardAction({
      feedback: feedbackHandler({ records, log: feedback, clock, logger, metrics, questions }),
      'reminder-ask': reminderAskHandler({ ask: askFromCard, logger }),
    }),
    logger,
    () => metrics.error('card_action'),
  );

  return {
    dispatcher: claims.dispatcher,
    channel,
    platform,
    stores: { questions, feedback, audit, dedupe },
    chatName: chatNames(sdkRequest(channel.rawClient, options.requestTimeoutMs ?? 10_000), () => clock.now()),
    get connected() {
      return connected;
    },
    async connect() {
      await channel.connect();
      dispatcher.unregister('card.action.trigger');
      dispatcher.register<{ 'card.action.trigger': (data: unknown) => Promise<unknown> }>({ 'card.action.trigger': onCardCallback });
      // ours replace the Channel's own (its bot-added handler only calls a hook we do not set)
      const lifecycle = lifecycleHandlers({ platform, recalls, audit, clock, logger, reminders: options.reminders });
      dispatcher.unregister(...Object.keys(lifecycle));
      dispatcher.register(lifecycle);
      connected = true;
      logger.info('lark.connected', { bot: channel.botIdentity?.name, mode: settings.mode, cards: cardMode });
    },
    async settled() {
      await tasks.drain();
    },
    async close(timeoutMs = 10_000) {
      connected = false;
      claims.stop();
      await tasks.drain(timeoutMs);
      // Disconnecting flushes the SDK's per-chat queues, which may start a last few answers.
      await channel.disconnect();
      if (!(await tasks.drain(timeoutMs))) logger.warn('lark.shutdown_with_answers_in_flight', { count: tasks.size });
      await Promise.all([records.close(), feedback.close(), audit.close(), dedupe.close(), questions.close()]);
    },
  };
}
