// The running bot: the Feishu/Lark channel (src/lark) with its transport, health and metrics, and the
// reminders' and notices' schedulers sending through its platform client. Started by startAppBot.
import type { KnowledgeAdmin } from '../admin/index.js';
import type { AnswerService } from '../answer/index.js';
import { systemClock } from '../clock/index.js';
import {
  createLarkBot,
  larkReminderSender,
  startLarkTransport,
  startNotices,
  type BotStatus,
  type LarkBot,
  type LarkBotOptions,
  type LarkSettings,
  type LarkTransport,
  type WsClientFactory,
} from '../lark/index.js';
import type { Logger } from '../log/index.js';
import type { NoticeScheduler, NoticeSchedulerExtra, Notices } from '../notices/index.js';
import { opsRoutes, type HealthSources, type OpsRoutes, type PrometheusMetrics } from '../ops/index.js';
import { startUnlessLocked, type Reminders, type ReminderScheduler, type ReminderSchedulerExtra, type Sender } from '../reminders/index.js';

/** A connected bot and its transport. */
export interface RunningBot {
  readonly bot: LarkBot;
  /** The webhook server's port (webhook mode), e.g. when PORT=0. */
  readonly port?: number | undefined;
  /** The port serving `/healthz` and `/metrics` (the webhook port, or the ops server's in long-connection mode). */
  readonly opsPort?: number | undefined;
  /** The reminder scheduler, when reminders are on and this process holds the data-directory lock. */
  readonly reminders?: ReminderScheduler | undefined;
  /** The new-policy and expiry notices' scheduler, when notices are on and this process holds their lock. */
  readonly notices?: NoticeScheduler | undefined;
  /** Stops taking events, lets answers in flight finish (up to `timeoutMs`), closes everything. */
  stop(timeoutMs?: number): Promise<void>;
}

/**
 * Starts the reminder scheduler with the bot's Feishu Sender. Another process holding the data-directory
 * lock is not fatal: it is logged and this bot keeps answering without sending reminders.
 */
function startReminders(
  reminders: Reminders,
  bot: LarkBot,
  logger: Logger,
  extra: ReminderSchedulerExtra,
  metrics?: PrometheusMetrics,
): ReminderScheduler | undefined {
  return startUnlessLocked(
    reminders.scheduler(countingSender(larkReminderSender(bot.platform), metrics), extra),
    logger,
    'reminders.locked',
  );
}

/** Counts the sends the platform accepted, and failed ones as errors (the scheduler has no result hook). */
function countingSender(sender: Sender, metrics?: PrometheusMetrics): Sender {
  if (!metrics) return sender;
  return {
    async send(chatId, card, uuid) {
      const result = await sender.send(chatId, card, uuid);
      if (result.ok) metrics.reminderSent();
      else metrics.error('reminder_send');
      return result;
    },
  };
}

/** `/healthz` and `/metrics` of a running bot. */
interface OpsOptions {
  metrics: PrometheusMetrics;
  /** Whether the embedding model is loaded. */
  modelLoaded(): boolean;
  /** Long-connection mode: the port of the ops server (OPS_PORT, else PORT); webhook mode serves them on the webhook port. */
  port: number;
  host?: string | undefined;
  /** More routes on the same server (the admin console), built once the bot and its health exist. */
  extraRoutes?: ((running: { bot: LarkBot; health: HealthSources }) => OpsRoutes) | undefined;
}

/**
 * Connects the bot, starts its transport with /healthz and /metrics, and the reminders' and notices'
 * schedulers over its platform client; on failure everything opened so far is closed again.
 */
export async function runLarkBot(options: {
  settings: LarkSettings;
  answers: AnswerService;
  status: BotStatus;
  logger: Logger;
  /** Whether answers stream partial text (an LLM is configured). */
  streamsAnswers?: boolean;
  /** The bot's stores, opened by the app; closed when the bot stops. */
  stores: LarkBotOptions['stores'];
  tuning?: Omit<
    LarkBotOptions,
    'settings' | 'answers' | 'status' | 'logger' | 'streamsAnswers' | 'reminders' | 'knowledge' | 'stores' | 'notices'
  >;
  wsClientFactory?: WsClientFactory | undefined;
  /** The reminders (`createReminders`): their commands are answered and their scheduler runs while the bot does. */
  reminders?: Reminders | undefined;
  /** Scheduler tuning (tests: a cron that never fires on its own, lock options). */
  reminderScheduler?: ReminderSchedulerExtra | undefined;
  /** Metrics and health over HTTP; off when not given. */
  ops?: OpsOptions | undefined;
  /** Document administration from chat: uploads, `/docs`, `/reindex`. */
  knowledge?: KnowledgeAdmin | undefined;
  /** New-policy cards to subscribed groups and the weekly expiry card to the admin chats. */
  notices?: Notices | undefined;
  /** Their scheduler's tuning (tests: a cron that never fires; several instances: lease and shared send log). */
  noticeScheduler?: NoticeSchedulerExtra | undefined;
}): Promise<RunningBot> {
  const { settings, logger, ops } = options;
  const bot = createLarkBot({
    settings,
    metrics: ops?.metrics,
    answers: options.answers,
    status: options.status,
    logger,
    stores: options.stores,
    streamsAnswers: options.streamsAnswers,
    reminders: options.reminders?.service,
    knowledge: options.knowledge,
    notices: options.notices?.service,
    ...options.tuning,
  });
  let transport: LarkTransport | undefined;
  let scheduler: ReminderScheduler | undefined;
  let noticeScheduler: NoticeScheduler | undefined;
  const health: HealthSources = {
    indexBuiltAt: () => options.status.manifest().builtAt,
    modelLoaded: () => ops?.modelLoaded() ?? false,
    feishuConnected: () => bot.connected,
    lastSchedulerTick: () => scheduler?.lastTickAt(),
    now: systemClock.now,
  };
  const base = ops ? opsRoutes({ metrics: ops.metrics, startedAt: options.status.startedAt, health }) : undefined;
  const extra = ops?.extraRoutes?.({ bot, health });
  const routes: OpsRoutes | undefined = base && extra ? (request, response) => base(request, response) || extra(request, response) : base;
  try {
    await bot.connect();
    transport = await startLarkTransport(
      settings,
      bot,
      logger,
      options.wsClientFactory,
      routes && ops ? { routes, port: ops.port, metrics: ops.metrics, host: ops.host } : undefined,
    );
    if (options.reminders) scheduler = startReminders(options.reminders, bot, logger, options.reminderScheduler ?? {}, ops?.metrics);
    if (options.notices)
      noticeScheduler = startNotices(options.notices, {
        bot,
        manifest: () => options.status.manifest(),
        adminChats: [...settings.adminChats],
        logger,
        extra: options.noticeScheduler ?? {},
      });
  } catch (error) {
    await transport?.close();
    await bot.close(0);
    throw error;
  }
  const { port, opsPort } = transport;
  const opened = transport;
  return {
    bot,
    port,
    opsPort,
    reminders: scheduler,
    notices: noticeScheduler,
    async stop(timeoutMs = 10_000) {
      // the scheduler first: a tick in flight finishes its sends while the platform client still works
      await scheduler?.stop();
      await noticeScheduler?.stop();
      await opened.close();
      await bot.close(timeoutMs);
    },
  };
}
