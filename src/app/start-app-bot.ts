import type { KnowledgeAdmin } from '../admin/index.js';
import type { AnswerService } from '../answer/index.js';
import type { AdminConsole } from '../console/index.js';
import { type BotStatus, type LarkBotOptions, type LarkSettings, type LarkStores, type WsClientFactory } from '../lark/index.js';
import { withInForceMarks, type NoticeSchedulerExtra, type Notices } from '../notices/index.js';
import { createPrometheusMetrics, type PrometheusMetrics } from '../ops/index.js';
import {
  createReminders,
  RemindersError,
  toRemindersSettings,
  type Reminders,
  type ReminderSchedulerExtra,
  type ReminderStores,
} from '../reminders/index.js';
import { consoleFor } from './console-wiring.js';
import { runLarkBot, type RunningBot } from './run-bot.js';
import type { App } from './create-app.js';
import { AppError } from './errors.js';
import type { Runtime } from './runtime.js';

/** What a test, the harness or the bench replaces in the running bot; `null` turns a part off. */
interface BotOverrides {
  /** Scripted answers instead of the runtime's (no warm-up then). */
  answers?: AnswerService;
  status?: BotStatus;
  streamsAnswers?: boolean;
  /** Default: the reminders of CALENDAR_FILE. */
  reminders?: Reminders | null;
  reminderScheduler?: ReminderSchedulerExtra;
  /** Default: the app's document administration. */
  knowledge?: KnowledgeAdmin | null;
  /** Default: /healthz and /metrics on OPS_PORT (else PORT) with fresh Prometheus metrics. */
  ops?: { metrics?: PrometheusMetrics } | null;
  /** Timings of the bot (retry policy, request timeout, progress spacing …). */
  lark?: Pick<LarkBotOptions, 'retry' | 'requestTimeoutMs' | 'progressIntervalMs' | 'cardUpdateIntervalMs' | 'answerTimeoutMs'>;
  wsClientFactory?: WsClientFactory;
  stores?: LarkStores;
  /** Default: the app's new-policy and expiry notices. */
  notices?: Notices | null;
  noticeScheduler?: NoticeSchedulerExtra;
}

/** The running bot with the admin console beside it (CONSOLE_ENABLED). */
interface AppBot extends RunningBot {
  readonly reminderService?: Reminders | undefined;
  readonly console?: AdminConsole | undefined;
}

/** How answers are produced, as `/status` reports it. */
function answerMode(runtime: Runtime): string {
  return runtime.llmModel ? `大模型 ${runtime.llmModel}（不可用时退回原文摘录）` : '原文摘录（未配置大模型）';
}

/** The runtime's answers, loaded and warmed now (index and embedding model), so a broken setup fails at start. */
async function warmAnswers(runtime: Runtime): Promise<AnswerService> {
  const answers = await runtime.answerService();
  await answers.ask({ question: '政策', mode: 'extractive' });
  return answers;
}

/**
 * The reminders over CALENDAR_FILE and DATA_DIR/reminders (their state shared under STORE=postgres);
 * a broken calendar stops the start with every problem and its line.
 */
function remindersOf(app: App, stores: ReminderStores): Reminders {
  try {
    return createReminders({ settings: toRemindersSettings(app.config, app.config.DATA_DIR), logger: app.logger, stores });
  } catch (error) {
    if (error instanceof RemindersError) throw new AppError('calendar-invalid', error.message, { cause: error });
    throw error;
  }
}

/** Builds the bot's neighbours (answers, reminders, console, health) and connects it to Feishu/Lark. */
export async function startAppBot(app: App, settings: LarkSettings, overrides: BotOverrides = {}): Promise<AppBot> {
  const { config, runtime, logger } = app;
  const answers = overrides.answers ?? (await warmAnswers(runtime));
  const knowledge = overrides.knowledge === undefined ? app.knowledge() : overrides.knowledge;
  const reminders = overrides.reminders === undefined ? remindersOf(app, await app.storage.reminderStores()) : overrides.reminders;
  const opsPort = config.OPS_PORT ?? config.PORT;
  const adminConsole = await consoleFor({
    runtime,
    config,
    logger,
    opsPort,
    knowledge: knowledge ?? undefined,
    reminders: reminders ?? undefined,
  });
  const stores = overrides.stores ?? (await app.storage.larkStores(app.clock));
  const notices = overrides.notices === undefined ? await app.notices() : overrides.notices;
  // the bot serves documents as admins marked them (「仍然有效」): the app's runtime applies its marks
  // already, this covers notices or a runtime handed in (marking twice changes nothing)
  const served = (): ReturnType<BotStatus['manifest']> =>
    notices ? withInForceMarks(runtime.manifest(), notices.service.inForceMarks()) : runtime.manifest();
  let running: RunningBot;
  try {
    running = await runLarkBot({
      settings,
      answers,
      status: overrides.status ?? { manifest: served, answerMode: answerMode(runtime), startedAt: app.clock.now() },
      streamsAnswers: overrides.streamsAnswers ?? (overrides.answers ? false : runtime.llmModel !== undefined),
      logger,
      stores,
      reminders: reminders ?? undefined,
      reminderScheduler: overrides.reminderScheduler,
      knowledge: knowledge ?? undefined,
      notices: notices ?? undefined,
      noticeScheduler: overrides.noticeScheduler,
      wsClientFactory: overrides.wsClientFactory,
      tuning: {
        clock: app.clock,
        claimLeaseMs: config.LARK_CLAIM_LEASE_SECONDS * 1000,
        // several instances take over each other's abandoned questions; one alone, those of its previous run
        sweepIntervalMs: config.LARK_SWEEP_SECONDS * 1000,
        consoleLink: adminConsole?.issueLink,
        ...overrides.lark,
      },
      ops:
        overrides.ops === null
          ? undefined
          : {
              metrics: overrides.ops?.metrics ?? createPrometheusMetrics(),
              // the warm-up loaded the index and the embedding model, or threw
              modelLoaded: () => true,
              port: opsPort,
              host: config.OPS_HOST,
              extraRoutes: adminConsole
                ? ({ bot, health }) => adminConsole.routes({ stores: bot.stores, health, chatName: (chatId) => bot.chatName(chatId) })
                : undefined,
            },
    });
  } catch (error) {
    adminConsole?.close();
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError('feishu-unreachable', reason, { cause: error });
  }
  return Object.assign(running, { reminderService: reminders ?? undefined, console: adminConsole });
}
