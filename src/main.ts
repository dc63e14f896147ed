import { existsSync } from 'node:fs';
import { ConfigError, loadConfig } from './config/index.js';
import { buildIndex, layout } from './index/index.js';
import { createLogger } from './log/index.js';
import { chatCommand } from './cli/commands/chat-command.js';
import { reportError } from './cli/run-cli.js';
import { progressBar } from './cli/progress.js';
import { createRuntime } from './cli/runtime.js';

/** `npm start`: builds the index if missing, then opens the console chat. */
async function start(): Promise<number> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const runtime = createRuntime(config);
  if (!existsSync(layout.current(config.INDEX_DIR))) {
    process.stderr.write(`No index in ${config.INDEX_DIR} yet: building it from ${config.DOCS_DIR} …\n`);
    const progress = progressBar();
    await buildIndex({
      docsDir: config.DOCS_DIR,
      indexDir: config.INDEX_DIR,
      chunkSize: config.CHUNK_SIZE,
      tokenizer: 'both',
      embedder: await runtime.embedder(),
      logger,
      onProgress: (stage, done, total) => progress(stage, done, total),
    });
  }
  if (!process.env.LARK_APP_ID || !process.env.LARK_APP_SECRET) {
    process.stderr.write('Feishu/Lark is not configured (set LARK_APP_ID and LARK_APP_SECRET to connect); opening the console chat.\n');
  }
  return chatCommand(runtime, logger);
}

start().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.exitCode = error instanceof ConfigError ? 2 : reportError(error);
  },
);
