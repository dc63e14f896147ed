import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { KnowledgeAdmin } from '../../admin/index.js';
import { AnswerError, type AnswerService, type AskRequest } from '../../answer/index.js';
import { systemClock } from '../../clock/index.js';
import type { Logger } from '../../log/index.js';
import { knowledgeAdminFor } from '../../app/index.js';
import {
  appendHistory,
  consoleCommands,
  consoleHelp,
  parseConsoleInput,
  readHistory,
  smallTalk,
  type ConsoleContext,
} from '../console/index.js';
import { formatAnswer } from '../format-answer.js';
import type { Runtime } from '../../app/index.js';

/** Prints an answer as it streams, then its notes and citations once it is checked. */
async function streamAnswer(service: AnswerService, request: AskRequest): Promise<void> {
  let shown = '';
  for await (const event of service.stream(request)) {
    if (event.type === 'partial') {
      // Partial text grows; print what is new (a renumbered marker may rewrite the tail: skip it).
      if (event.text.startsWith(shown)) process.stdout.write(event.text.slice(shown.length));
      shown = event.text.startsWith(shown) ? event.text : shown;
      continue;
    }
    const formatted = formatAnswer(event.result);
    if (shown !== '' && formatted.startsWith(shown)) process.stdout.write(`${formatted.slice(shown.length)}\n`);
    else process.stdout.write(`${shown !== '' ? '\n\n' : ''}${formatted}\n`);
  }
}

async function answer(service: AnswerService, request: AskRequest, logger: Logger): Promise<void> {
  try {
    await streamAnswer(service, request);
  } catch (error) {
    if (error instanceof AnswerError) process.stdout.write(`${error.message}\n`);
    else {
      logger.error('chat.failed', { error });
      process.stdout.write('抱歉，处理这个问题时出错了，请稍后再试。\n');
    }
  }
}

/**
 * `chat` (and `npm start` without Feishu): an interactive console; one conversation, so follow-ups work.
 * Slash commands (/help, /sources, /docs, /reindex, /calendar, /quit) and greetings are handled here.
 */
export async function chatCommand(
  runtime: Runtime,
  logger: Logger,
  mode?: 'llm' | 'extractive',
  knowledge?: KnowledgeAdmin,
): Promise<number> {
  const service = await runtime.answerService();
  const conversationId = `console-${randomUUID()}`;
  const commands = consoleCommands();
  const context: ConsoleContext = {
    runtime,
    knowledge: knowledge ?? knowledgeAdminFor(runtime, logger),
    logger,
    write: (text) => process.stdout.write(text),
    now: systemClock.now,
  };
  const terminal = Boolean(process.stdin.isTTY);
  const historyFile = join(runtime.config.DATA_DIR, 'console-history.txt');
  // The line iterator buffers input, so lines piped in while an answer is written are not lost.
  const lines = createInterface({
    input: process.stdin,
    output: process.stdout,
    terminal,
    historySize: 200,
    history: terminal ? readHistory(historyFile) : undefined,
  });
  process.stdout.write('政策通 · 控制台对话（输入问题后回车；可以接着追问，如「那南浔呢？」；/help 查看命令，/quit 退出）\n');
  lines.setPrompt('\n问> ');
  lines.prompt();
  try {
    for await (const line of lines) {
      const text = line.trim();
      if (text !== '' && terminal) appendHistory(historyFile, text);
      const input = parseConsoleInput(text, commands);
      if (input.type === 'command') {
        if ((await input.command.run(context, input.args)) === 'quit') break;
      } else if (input.type === 'unknown') {
        context.write(`${consoleHelp(commands, `没有「/${input.word}」这个命令。`)}\n`);
      } else if (text !== '') {
        const talk = smallTalk(text);
        if (talk) context.write(`${consoleHelp(commands, talk === 'greeting' ? '你好！我是政策通。' : undefined)}\n`);
        else await answer(service, { question: text, conversationId, mode }, logger);
      }
      lines.prompt();
    }
  } finally {
    lines.close();
  }
  return 0;
}
