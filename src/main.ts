import { existsSync } from 'node:fs';
import { loadConfig } from './config/index.js';
import { layout } from './index/index.js';
import { createLogger, type Logger } from './log/index.js';
import { chatCommand } from './cli/commands/chat-command.js';
import { reportError } from './cli/run-cli.js';
import { buildWithProgress } from './cli/build-with-progress.js';
import { createRuntime, type Runtime } from './cli/runtime.js';
import { CONNECT_VARIABLES, larkSettings, startLarkBot, type LarkSettings, type RunningBot } from './lark/index.js';

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

/** Runs the Feishu/Lark bot until SIGINT/SIGTERM, then stops gracefully (answers in flight finish). */
async function runBot(runtime: Runtime, settings: LarkSettings, logger: Logger): Promise<number> {
  // Loads the index and the embedding model now (and warms it), so a broken setup fails at start.
  const answers = await runtime.answerService();
  await answers.ask({ question: '政策', mode: 'extractive' });
  let running: RunningBot;
  try {
    running = await startLarkBot({
      settings,
      answers,
      status: { manifest: () => runtime.index().manifest, answerMode: answerMode(runtime), startedAt: Date.now() },
      streamsAnswers: runtime.llmModel !== undefined,
      logger,
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    process.stderr.write(`error: could not connect to Feishu/Lark (${reason}). Check LARK_APP_ID, LARK_APP_SECRET and LARK_DOMAIN.\n`);
    return 1;
  }
  process.stderr.write(
    settings.mode === 'webhook'
      ? `政策通 is listening for Feishu/Lark events on port ${running.port ?? settings.port}, path ${settings.webhookPath} (Ctrl+C stops).\n`
      : '政策通 is connected to Feishu/Lark over the long connection (Ctrl+C stops).\n',
  );
  const signal = await stopSignal();
  logger.info('lark.stopping', { signal });
  process.stderr.write('Stopping: letting answers in flight finish …\n');
  await running.stop();
  return 0;
}

/** `npm start`: builds the index if missing, then runs the Feishu/Lark bot when configured, else the console chat. */
async function start(): Promise<number> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const settings = larkSettings(config);
  const runtime = createRuntime(config);
  if (!existsSync(layout.current(config.INDEX_DIR))) {
    process.stderr.write(`No index in ${config.INDEX_DIR} yet: building it from ${config.DOCS_DIR} …\n`);
    await buildWithProgress(runtime, logger);
  }
  if (settings) return runBot(runtime, settings, logger);
  process.stderr.write(
    `Feishu/Lark is not configured: set ${CONNECT_VARIABLES.join(' and ')} to connect the bot (see README "Feishu / Lark"); opening the console chat.\n`,
  );
  return chatCommand(runtime, logger);
}

start().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.exitCode = reportError(error);
  },
);
