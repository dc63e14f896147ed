import { parseArgs } from 'node:util';
import { AnswerError, PromptTemplateError } from '../answer/index.js';
import { ConfigError, loadConfig, loadEnvFile } from '../config/index.js';
import { DatabaseError } from '../postgres/index.js';
import { EmbeddingModelMissingError } from '../embed/index.js';
import { IndexError } from '../index/index.js';
import { createLogger, resolveLogFormat } from '../log/index.js';
import { larkSettings, standaloneReminderSender } from '../lark/index.js';
import { RemindersError } from '../reminders/index.js';
import { askCommand } from './commands/ask-command.js';
import { chatCommand } from './commands/chat-command.js';
import { evalCommand } from './commands/eval-command.js';
import { indexCommand } from './commands/index-command.js';
import { inspectCommand } from './commands/inspect-command.js';
import { matchCommand } from './commands/match-command.js';
import { measuresCommand } from './commands/measures-command.js';
import { REMINDER_USAGE, ReminderUsageError, remindersCli } from './commands/reminders-cli.js';
import { createApp, type App } from '../app/index.js';

const USAGE = `usage: npm run -s cli -- <command>
  index [--json]                build DOCS_DIR into INDEX_DIR (--json: the full summary as JSON)
  ask [--json] "问题"            answer one question with citations
  ask --json --batch FILE       answer JSONL lines {id, question}, one JSON object per line
  eval --file FILE [--json]     score an eval file (format of ../shared/eval/dev.jsonl)
  chat                          interactive console chat (follow-up questions work)
  inspect FILE… [--json]        what the parser reads in one document: title, 文号, period, status, sections, tables
  measures [--json]             list the measures read from each document, for review
  match [--json] "描述"          measures that fit one sentence about an entrepreneur
  --mode llm|extractive         who writes answers (default: llm when LLM_* is configured)
${REMINDER_USAGE}`;

const CLI_OPTIONS = {
  json: { type: 'boolean', default: false },
  batch: { type: 'string' },
  file: { type: 'string' },
  mode: { type: 'string' },
  out: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  'dry-run': { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** The parsed flags of a command line. */
type CliValues = ReturnType<typeof parseArgs<{ options: typeof CLI_OPTIONS; allowPositionals: true }>>['values'];

/** Runs one CLI command and returns the process exit code; errors become one clear line. */
export async function runCli(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: CLI_OPTIONS });
  const [command, ...rest] = positionals;
  if (!command || values.help) {
    process.stdout.write(`${USAGE}\n`);
    return command ? 0 : 2;
  }
  loadEnvFile();
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL, undefined, { format: resolveLogFormat(config.LOG_FORMAT, Boolean(process.stderr.isTTY)) });
  const app = createApp(config, { logger });
  try {
    return await runCommand(app, command, rest, values);
  } finally {
    await app.close();
  }
}

/** One command over the app (its storage is closed by the caller). */
async function runCommand(app: App, command: string, rest: string[], values: CliValues): Promise<number> {
  const { runtime, logger, config } = app;
  // documents' status (in force, expired) is judged on the app clock's day
  const today = (): Date => new Date(app.clock.now());
  // only the answering commands read the LLM settings: `index` runs without them
  const mode = (): 'llm' | 'extractive' | undefined => answerMode(values.mode, runtime.llmModel);
  switch (command) {
    case 'index':
      return indexCommand(runtime, logger, values.json ?? false);
    case 'ask': {
      const chosen = mode();
      return askCommand(runtime, logger, {
        json: values.json ?? false,
        batch: values.batch,
        mode: chosen,
        question: rest.join(' '),
      });
    }
    case 'eval':
      if (!values.file) throw new UsageError('eval needs --file FILE');
      return evalCommand(runtime, logger, values.file, values.json ?? false, mode());
    case 'inspect':
      if (!rest[0]) throw new UsageError('inspect needs a FILE');
      return inspectCommand(runtime, rest, values.json ?? false, today());
    case 'chat':
      return chatCommand(runtime, logger, mode());
    case 'measures':
      return measuresCommand(runtime, values.json ?? false, today());
    case 'match':
      if (rest.length === 0) throw new UsageError('match needs a description: match "我是刚毕业的大学生，想在南浔开一家文创工作室"');
      return matchCommand(runtime, rest.join(' '), values.json ?? false, today());
    case 'calendar':
    case 'reminders':
      return remindersCli(command, rest, { ...values, json: values.json ?? false, dryRun: values['dry-run'] ?? false }, app, async () => {
        const lark = larkSettings(config);
        return lark ? standaloneReminderSender(lark, logger) : undefined;
      });
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

class UsageError extends Error {}

/** Checks `--mode`: llm needs a configured endpoint, anything else is a usage error. */
function answerMode(flag: string | undefined, llmModel: string | undefined): 'llm' | 'extractive' | undefined {
  if (flag === undefined) return undefined;
  if (flag !== 'llm' && flag !== 'extractive') throw new UsageError(`--mode must be llm or extractive, not "${flag}"`);
  if (flag === 'llm' && !llmModel) {
    throw new UsageError('--mode llm needs a chat model: set LLM_MODEL and LLM_API_KEY and/or LLM_BASE_URL (see README "LLM answers")');
  }
  return flag;
}

/** Maps failures to one line on stderr and an exit code; never a stack trace for known errors. */
export function reportError(error: unknown): number {
  if (error instanceof UsageError || error instanceof ReminderUsageError) {
    process.stderr.write(`${error.message}\n${USAGE}\n`);
    return 2;
  }
  if (error instanceof RemindersError) {
    process.stderr.write(`${error.message}\n`);
    return error.code === 'invalid-command' ? 2 : 1;
  }
  if (error instanceof ConfigError || error instanceof PromptTemplateError) {
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  if (
    error instanceof IndexError ||
    error instanceof EmbeddingModelMissingError ||
    error instanceof AnswerError ||
    error instanceof DatabaseError
  ) {
    process.stderr.write(`error: ${error.message}\n`);
    return 1;
  }
  if (error instanceof TypeError && /Unknown option|Unexpected argument/.test(error.message)) {
    process.stderr.write(`${error.message}\n${USAGE}\n`);
    return 2;
  }
  process.stderr.write(`unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return 1;
}
