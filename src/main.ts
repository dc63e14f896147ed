import { loadConfig, loadEnvFile, type Config } from './config/index.js';
import { createLogger, resolveLogFormat, type Logger } from './log/index.js';
import { chatCommand } from './cli/commands/chat-command.js';
import { reportError } from './cli/run-cli.js';
import { buildWithProgress, knowledgeAdminFor, watchConfiguredDocs } from './cli/build-with-progress.js';
import { syncIndexWithDocs } from './cli/docs-sync.js';
import { createRuntime, type Runtime } from './cli/runtime.js';
import { openSharedStores } from './cli/shared-stores.js';
import { consoleFor } from './cli/console-wiring.js';
import { CONNECT_VARIABLES, larkSettings, startLarkBot, type LarkSettings, type RunningBot } from './lark/index.js';
import { createPrometheusMetrics } from './ops/index.js';
import {
  createReminders,
  RemindersError,
  toRemindersSettings,
  type Reminders,
  type StateStore,
} from './reminders/index.js';

/** How answers are produced, as `/status` reports it. */
function answerMode(runtime: Runtime): string {
  return runtime.llmModel ? `大模型 ${runtime.llmModel}（不可用时退回原文摘录）` : '原文摘录（未配置大模型）';
}

/** Resolves on the first SIGINT or SIGTERM. */
function stopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

/**
 * The reminders over CALENDAR_FILE and DATA_DIR/reminders; a broken calendar stops the start with every
 * problem and its line (an edit that breaks it later is logged and the last good calendar kept).
 */
function remindersFor(config: Config, logger: Logger, store?: StateStore): Reminders | undefined {
  try {
    return createReminders({ settings: toRemindersSettings(config, config.DATA_DIR), logger, store });
  } catch (error) {
    if (!(error instanceof RemindersError)) throw error;
    process.stderr.write(`error: cannot start the reminders (fix the file, or point CALENDAR_FILE elsewhere):\n${error.message}\n`);
    return undefined;
  }
}

/** Runs the Feishu/Lark bot until SIGINT/SIGTERM, then stops gracefully (answers in flight finish). */
async function runBot(runtime: Runtime, config: Config, settings: LarkSettings, logger: Logger): Promise<number> {
  // Loads the index and the embedding model now (and warms it), so a broken setup fails at start.
  const answers = await runtime.answerService();
  await answers.ask({ question: '政策', mode: 'extractive' });
  // the warm-up above loaded the index and the embedding model, or threw
  const modelLoaded = true;
  const knowledge = knowledgeAdminFor(runtime, logger);
  const shared = await openSharedStores(config, logger);
  const reminders = remindersFor(config, logger, shared.reminderState);
  if (!reminders) {
    await shared.close();
    return 1;
  }
  const opsPort = config.OPS_PORT ?? config.PORT;
  const adminConsole = await consoleFor({ runtime, config, logger, opsPort, knowledge, reminders, ...(shared.reminders?.sendLog ? { sendLog: shared.reminders.sendLog } : {}) });
  let running: RunningBot;
  try {
    running = await startLarkBot({
      settings,
      answers,
      status: { manifest: () => runtime.manifest(), answerMode: answerMode(runtime), startedAt: Date.now() },
      streamsAnswers: runtime.llmModel !== undefined,
      logger,
      reminders,
      reminderScheduler: shared.reminders,
      knowledge,
      tuning: {
        stores: shared.stores,
        claimLeaseMs: config.LARK_CLAIM_LEASE_SECONDS * 1000,
        // several instances take over each other's abandoned questions; one alone, those of its previous run
        sweepIntervalMs: config.LARK_SWEEP_SECONDS * 1000,
        questionRetentionDays: config.QUESTION_RETENTION_DAYS,
        ...(adminConsole ? { consoleLink: adminConsole.issueLink } : {}),
      },
      ops: {
        metrics: createPrometheusMetrics(),
        modelLoaded: () => modelLoaded,
        port: opsPort,
        host: config.OPS_HOST,
        ...(adminConsole ? { extraRoutes: ({ bot, health }) => adminConsole.routes({ stores: bot.stores, health, chatName: (chatId) => bot.chatName(chatId) }) } : {}),
      },
    });
  } catch (error) {
    await shared.close();
    const reason = error instanceof Error ? error.message : String(error);
    process.stderr.write(`error: could not connect to Feishu/Lark (${reason}). Check LARK_APP_ID, LARK_APP_SECRET and LARK_DOMAIN.\n`);
    return 1;
  }
  process.stderr.write(
    settings.mode === 'webhook'
      ? `政策通 is listening for Feishu/Lark events on port ${running.port ?? settings.port}, path ${settings.webhookPath} (Ctrl+C stops).\n`
      : `政策通 is connected to Feishu/Lark over the long connection (Ctrl+C stops); /healthz and /metrics on port ${running.opsPort ?? '?'}.\n`,
  );
  const watcher = watchConfiguredDocs(runtime, knowledge, logger);
  if (!running.reminders) {
    process.stderr.write(`Reminders are not being sent by this process: another one holds ${reminders.settings.directory}/scheduler.lock (see the log); commands still work.\n`);
  }
  const signal = await stopSignal();
  logger.info('lark.stopping', { signal });
  process.stderr.write('Stopping: letting answers in flight finish …\n');
  // A second signal during the drain exits at once.
  const force = (): void => process.exit(130);
  process.once('SIGINT', force);
  process.once('SIGTERM', force);
  watcher?.close();
  adminConsole?.close();
  await running.stop(config.SHUTDOWN_TIMEOUT_MS);
  await shared.close();
  logger.info('lark.stopped', { signal });
  await logger.flush?.();
  return 0;
}

/** `npm start`: builds the index if missing, then runs the Feishu/Lark bot when configured, else the console chat. */
async function start(): Promise<number> {
  loadEnvFile();
  const config = loadConfig();
  // secret values are scrubbed from every line, even from free text such as SDK messages
  const logger = createLogger(config.LOG_LEVEL, undefined, {
    secrets: [config.LARK_APP_SECRET, config.LARK_ENCRYPT_KEY, config.LARK_VERIFICATION_TOKEN, config.LLM_API_KEY],
    format: resolveLogFormat(config.LOG_FORMAT, Boolean(process.stderr.isTTY)),
  });
  const settings = larkSettings(config);
  const runtime = createRuntime(config, { logger });
  // the LLM settings are checked now, before a re-index that may take minutes
  void runtime.llmModel;
  if (!(await runtime.hasIndex())) {
    process.stderr.write(`No index ${config.INDEX_STORE === 'postgres' ? `in PostgreSQL (${config.DATABASE_SCHEMA})` : `in ${config.INDEX_DIR}`} yet: building it from ${config.DOCS_DIR} …\n`);
    await buildWithProgress(runtime, logger);
  } else {
    await syncIndexWithDocs(runtime, logger);
  }
  if (settings) return runBot(runtime, config, settings, logger);
  process.stderr.write(
    `Feishu/Lark is not configured: set ${CONNECT_VARIABLES.join(' and ')} to connect the bot (see README "Feishu / Lark"); opening the console chat.\n`,
  );
  const knowledge = knowledgeAdminFor(runtime, logger);
  const watcher = watchConfiguredDocs(runtime, knowledge, logger);
  try {
    return await chatCommand(runtime, logger, undefined, knowledge);
  } finally {
    watcher?.close();
  }
}

start().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.exitCode = reportError(error);
  },
);
