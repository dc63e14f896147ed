import { AppError, createApp, startAppBot, watchConfiguredDocs, type App } from './app/index.js';
import { buildWithProgress, chatCommand, reportError, syncIndexWithDocs } from './cli/index.js';
import { loadConfig, loadEnvFile } from './config/index.js';
import { CONNECT_VARIABLES, larkSettings, type LarkSettings } from './lark/index.js';
import { createLogger, resolveLogFormat } from './log/index.js';

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

/** What the person starting the bot reads when it cannot start. */
function startFailure(error: AppError): string {
  return error.code === 'calendar-invalid'
    ? `error: cannot start the reminders (fix the file, or point CALENDAR_FILE elsewhere):\n${error.message}\n`
    : `error: could not connect to Feishu/Lark (${error.message}). Check LARK_APP_ID, LARK_APP_SECRET and LARK_DOMAIN.\n`;
}

/** Runs the Feishu/Lark bot until SIGINT/SIGTERM, then stops gracefully (answers in flight finish). */
async function runBot(app: App, settings: LarkSettings): Promise<number> {
  const { config, logger } = app;
  let running;
  try {
    running = await startAppBot(app, settings);
  } catch (error) {
    await app.close();
    if (!(error instanceof AppError)) throw error;
    process.stderr.write(startFailure(error));
    return 1;
  }
  process.stderr.write(
    settings.mode === 'webhook'
      ? `政策通 is listening for Feishu/Lark events on port ${running.port ?? settings.port}, path ${settings.webhookPath} (Ctrl+C stops).\n`
      : `政策通 is connected to Feishu/Lark over the long connection (Ctrl+C stops); /healthz and /metrics on port ${running.opsPort ?? '?'}.\n`,
  );
  const watcher = watchConfiguredDocs(app.runtime, app.knowledge(), logger);
  if (!running.reminders && running.reminderService) {
    process.stderr.write(
      `Reminders are not being sent by this process: another one holds ${running.reminderService.settings.directory}/scheduler.lock (see the log); commands still work.\n`,
    );
  }
  const signal = await stopSignal();
  logger.info('lark.stopping', { signal });
  process.stderr.write('Stopping: letting answers in flight finish …\n');
  // A second signal during the drain exits at once.
  const force = (): void => process.exit(130);
  process.once('SIGINT', force);
  process.once('SIGTERM', force);
  watcher?.close();
  running.console?.close();
  await running.stop(config.SHUTDOWN_TIMEOUT_MS);
  await app.close();
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
  const app = createApp(config, { logger });
  const { runtime } = app;
  // the LLM settings are checked now, before a re-index that may take minutes
  void runtime.llmModel;
  if (!(await runtime.hasIndex())) {
    process.stderr.write(
      `No index ${app.storage.choice.index === 'postgres' ? `in PostgreSQL (${config.DATABASE_SCHEMA})` : `in ${config.INDEX_DIR}`} yet: building it from ${config.DOCS_DIR} …\n`,
    );
    await buildWithProgress(runtime, logger);
  } else {
    await syncIndexWithDocs(runtime, logger);
  }
  if (settings) return runBot(app, settings);
  process.stderr.write(
    `Feishu/Lark is not configured: set ${CONNECT_VARIABLES.join(' and ')} to connect the bot (see README "Feishu / Lark"); opening the console chat.\n`,
  );
  const watcher = watchConfiguredDocs(runtime, app.knowledge(), logger);
  try {
    return await chatCommand(runtime, logger, undefined, app.knowledge());
  } finally {
    watcher?.close();
    await app.close();
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
