import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { AnswerError, type AnswerService, type AskRequest } from '../../answer/index.js';
import type { Logger } from '../../log/index.js';
import { formatAnswer } from '../format-answer.js';
import type { Runtime } from '../runtime.js';

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

/** `chat`: an interactive console to talk to the bot without Feishu; one conversation, so follow-ups work. */
export async function chatCommand(runtime: Runtime, logger: Logger, mode?: 'llm' | 'extractive'): Promise<number> {
  const service = await runtime.answerService();
  const conversationId = `console-${randomUUID()}`;
  // The line iterator buffers input, so lines piped in while an answer is written are not lost.
  const lines = createInterface({ input: process.stdin, output: process.stdout, terminal: Boolean(process.stdin.isTTY) });
  process.stdout.write('政策通 · 控制台对话（输入问题后回车；可以接着追问，如「那南浔呢？」；/quit 退出）\n');
  lines.setPrompt('\n问> ');
  lines.prompt();
  try {
    for await (const line of lines) {
      const question = line.trim();
      if (question === '/quit' || question === '/exit') break;
      if (question !== '') {
        try {
          await streamAnswer(service, { question, conversationId, ...(mode ? { mode } : {}) });
        } catch (error) {
          if (error instanceof AnswerError) process.stdout.write(`${error.message}\n`);
          else {
            logger.error('chat.failed', { error });
            process.stdout.write('抱歉，处理这个问题时出错了，请稍后再试。\n');
          }
        }
      }
      lines.prompt();
    }
  } finally {
    lines.close();
  }
  return 0;
}
