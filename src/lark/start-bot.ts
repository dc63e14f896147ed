import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { systemClock } from '../clock/index.js';
import type { KnowledgeAdmin } from '../admin/index.js';
import type { AnswerService } from '../answer/index.js';
import type { Logger } from '../log/index.js';
import { opsRoutes, startOpsServer, type HealthSources, type OpsRoutes, type PrometheusMetrics } from '../ops/index.js';
import { RemindersError, type Reminders, type ReminderScheduler, type ReminderSchedulerExtra, type Sender } from '../reminders/index.js';
import { createLarkBot, type LarkBot, type LarkBotOptions } from './bot.js';
import { startNotices } from './notice-sources.js';
import type { NoticeScheduler, NoticeSchedulerExtra, Notices } from '../notices/index.js';
import type { BotStatus } from './commands/command-list.js';
import { larkReminderSender } from './outbound/reminder-sender.js';
import type { LarkSettings } from './settings.js';
import { startLongConnection, type WsClientFactory } from './transport/long-connection.js';
import { createWebhookServer } from './transport/webhook-server.js';

/** A connected bot and its transport. */
export interface RunningBot {
  readonly bot: LarkBot;
  /** The webhook server's port (webhook mode), e.g. when PORT=0. */
  readonly port?: number;
  /** The port serving `/healthz` and `/metrics` (the webhook port, or the ops server's in long-connection mode). */
  readonly opsPort?: number;
  /** The reminder scheduler, when reminders are on and this process holds the data-directory lock. */
  readonly reminders?: ReminderScheduler;
  /** The new-policy and expiry notices' scheduler, when notices are on and this process holds their lock. */
  readonly notices?: NoticeScheduler;
  /** Stops taking events, lets answers in flight finish (up to `timeoutMs`), closes everything. */
  stop(timeoutMs?: number): Promise<void>;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? (address satisfies AddressInfo).port : port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}

/** Starts the transport that feeds the bot's dispatcher: the webhook server on PORT, or the long connection. */
async function startTransport(
  settings: LarkSettings,
  bot: LarkBot,
  logger: Logger,
  wsClientFactory?: WsClientFactory,
  ops?: { routes: OpsRoutes; port: number; host?: string; metrics: PrometheusMetrics },
): Promise<{ port?: number; opsPort?: number; close(): Promise<void> }> {
  if (settings.mode === 'long-connection') {
    const connection = await startLongConnection(settings, bot.dispatcher, logger, wsClientFactory);
    logger.info('lark.long_connection_ready');
    if (!ops) return { close: async () => connection.close() };
    let server;
    try {
      server = await startOpsServer(ops.routes, ops.port, ops.host);
    } catch (error) {
      connection.close();
      throw error;
    }
    logger.info('ops.listening', { port: server.port });
    const opened = server;
    return {
      opsPort: opened.port,
      close: async () => {
        connection.close();
        await opened.close();
      },
    };
  }
  const server = createWebhookServer({
    path: settings.webhookPath,
    secrets: {
      ...(settings.verificationToken ? { verificationToken: settings.verificationToken } : {}),
      ...(settings.encryptKey ? { encryptKey: settings.encryptKey } : {}),
    },
    invoke: (payload) => bot.dispatcher.invoke(payload, { needCheck: false }),
    logger,
    ...(ops ? { routes: ops.routes, onError: () => ops.metrics.error('webhook') } : {}),
  });
  const port = await listen(server, settings.port);
  logger.info('lark.webhook_listening', { port, path: settings.webhookPath });
  return { port, ...(ops ? { opsPort: port } : {}), close: () => closeServer(server) };
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
  const scheduler = reminders.scheduler(countingSender(larkReminderSender(bot.platform), metrics), extra);
  try {
    scheduler.start();
    return scheduler;
  } catch (error) {
    void scheduler.stop();
    if (error instanceof RemindersError && error.code === 'locked') {
      logger.warn('reminders.locked', { message: error.message });
      return undefined;
    }
    throw error;
  }
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

/** The scheduler's last tick, from the `last-tick.json` it writes after every tick. */
function lastTickIn(directory: string): number | undefined {
  try {
    const value: unknown = JSON.parse(readFileSync(join(directory, 'last-tick.json'), 'utf8'));
    return typeof value === 'object' && value !== null && 'at' in value && typeof value.at === 'number' ? value.at : undefined;
  } catch {
    return undefined;
  }
}

/** `/healthz` and `/metrics` of a running bot. */
interface OpsOptions {
  metrics: PrometheusMetrics;
  /** Whether the embedding model is loaded. */
  modelLoaded(): boolean;
  /** Long-connection mode: the port of the ops server (OPS_PORT, else PORT); webhook mode serves them on the webhook port. */
  port: number;
  host?: string;
  /** More routes on the same server (the admin console), built once the bot and its health exist. */
  extraRoutes?: (running: { bot: LarkBot; health: HealthSources }) => OpsRoutes;
}

/** Connects the bot and starts its transport; on failure everything opened so far is closed again. */
export async function startLarkBot(options: {
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
  reminders?: Reminders;
  /** Scheduler tuning (tests: a cron that never fires on its own, lock options). */
  reminderScheduler?: ReminderSchedulerExtra;
  /** Metrics and health over HTTP; off when not given. */
  ops?: OpsOptions;
  /** Document administration from chat: uploads, `/docs`, `/reindex`. */
  knowledge?: KnowledgeAdmin;
  /** New-policy cards to subscribed groups and the weekly expiry card to the admin chats. */
  notices?: Notices;
  /** Their scheduler's tuning (tests: a cron that never fires; several instances: lease and shared send log). */
  noticeScheduler?: NoticeSchedulerExtra;
}): Promise<RunningBot> {
  const { settings, logger, ops } = options;
  const bot = createLarkBot({
    settings,
    ...(ops ? { metrics: ops.metrics } : {}),
    answers: options.answers,
    status: options.status,
    logger,
    stores: options.stores,
    streamsAnswers: options.streamsAnswers,
    ...(options.reminders ? { reminders: options.reminders.service } : {}),
    knowledge: options.knowledge,
    ...(options.notices ? { notices: options.notices.service } : {}),
    ...options.tuning,
  });
  let transport: { port?: number; opsPort?: number; close(): Promise<void> } | undefined;
  let scheduler: ReminderScheduler | undefined;
  let noticeScheduler: NoticeScheduler | undefined;
  const health: HealthSources = {
    indexBuiltAt: () => options.status.manifest().builtAt,
    modelLoaded: () => ops?.modelLoaded() ?? false,
    feishuConnected: () => bot.connected,
    lastSchedulerTick: () => (scheduler && options.reminders ? lastTickIn(options.reminders.settings.directory) : undefined),
    now: systemClock.now,
  };
  const base = ops ? opsRoutes({ metrics: ops.metrics, startedAt: options.status.startedAt, health }) : undefined;
  const extra = ops?.extraRoutes?.({ bot, health });
  const routes: OpsRoutes | undefined = base && extra ? (request, response) => base(request, response) || extra(request, response) : base;
  try {
    await bot.connect();
    transport = await startTransport(
      settings,
      bot,
      logger,
      options.wsClientFactory,
      routes && ops ? { routes, port: ops.port, metrics: ops.metrics, ...(ops.host ? { host: ops.host } : {}) } : undefined,
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
    ...(port !== undefined ? { port } : {}),
    ...(opsPort !== undefined ? { opsPort } : {}),
    ...(scheduler ? { reminders: scheduler } : {}),
    ...(noticeScheduler ? { notices: noticeScheduler } : {}),
    async stop(timeoutMs = 10_000) {
      // the scheduler first: a tick in flight finishes its sends while the platform client still works
      await scheduler?.stop();
      await noticeScheduler?.stop();
      await opened.close();
      await bot.close(timeoutMs);
    },
  };
}
