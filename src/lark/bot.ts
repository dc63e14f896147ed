import { noopMetrics } from '../ops/index.js';
import { createBotAnswering } from './answering/bot-answering.js';
import { createTaskSet } from './answering/task-set.js';
import { botLifecycle, type BotLifecycle } from './bot-lifecycle.js';
import type { LarkBot, LarkBotOptions } from './bot-types.js';
import { systemClock } from '../clock/index.js';
import { adminAuditor } from './commands/admin-audit.js';
import { adminPolicy } from './commands/admin-policy.js';
import { createBotCommands } from './commands/bot-commands.js';
import { botCardCallback } from './inbound/bot-card-callback.js';
import { lifecycleHandlers } from './inbound/lifecycle-events.js';
import { createMessageHandler, listenToChannel } from './inbound/message-handler.js';
import { createRecalls } from './inbound/recalls.js';
import { botPlatform } from './outbound/bot-platform.js';
import { guardChannel } from './safety/index.js';
import { createSdkChannel } from './transport/sdk-channel.js';

export type { BotStores, LarkBot, LarkBotOptions, LarkStores } from './bot-types.js';

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
  const { commands, uploads, cardActions } = createBotCommands({
    ...pick(options, 'reminders', 'knowledge', 'progressIntervalMs', 'consoleLink', 'notices'),
    profiles: stores.profiles,
    auditLog: stores.audit,
    platform,
    tasks,
    settings,
    channel: guarded.channel,
    status: options.status,
    isAdmin,
    audit,
    clock,
    logger,
  });
  const handle = createMessageHandler({
    settings,
    platform,
    answer: answering.answer,
    commands,
    uploads,
    isAdmin,
    tasks,
    clock,
    logger,
    metrics,
  });
  listenToChannel(guarded.channel, { handle, finished: guarded.finished, logger, metrics });
  const onCardCallback = botCardCallback({
    stores,
    askFromCard: answering.askFromCard,
    commandActions: cardActions,
    clock,
    logger,
    metrics,
  });
  const running = botLifecycle({
    guarded,
    tasks,
    handlers: () => ({
      'card.action.trigger': onCardCallback,
      ...lifecycleHandlers({ platform, recalls, audit: stores.audit, clock, logger, ...pick(options, 'reminders', 'notices') }),
    }),
    closeStores: () =>
      Promise.all([
        stores.answerRecords.close(),
        stores.feedback.close(),
        stores.audit.close(),
        stores.dedupe.close(),
        stores.questions.close(),
        stores.profiles.close(),
      ]),
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
function pick<T extends object, K extends keyof T>(source: T, ...keys: K[]): { [P in K]?: Exclude<T[P], undefined> } {
  const picked: { [P in K]?: Exclude<T[P], undefined> } = {};
  for (const key of keys) {
    const value = source[key];
    if (value !== undefined) picked[key] = value as Exclude<T[K], undefined>;
  }
  return picked;
}
