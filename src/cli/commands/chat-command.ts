import { createInterface } from 'node:readline/promises';
import { AnswerError } from '../../answer/index.js';
import type { Logger } from '../../log/index.js';
import { formatAnswer } from '../format-answer.js';
import type { Runtime } from '../runtime.js';

/** `chat`: an interactive console to talk to the bot without Feishu. */
export async function chatCommand(runtime: Runtime, logger: Logger): Promise<number> {
  const ask = await runtime.asker();
  const console = createInterface({ input: process.stdin, output: process.stdout });
  process.stdout.write('政策通 · 控制台对话（输入问题后回车；/quit 退出）\n');
  try {
    for (;;) {
      let line: string;
      try {
        line = await console.question('\n问> ');
      } catch {
        break;
      }
      const question = line.trim();
      if (question === '/quit' || question === '/exit') break;
      if (question === '') continue;
      try {
        process.stdout.write(`${formatAnswer(await ask({ question }))}\n`);
      } catch (error) {
        if (error instanceof AnswerError) process.stdout.write(`${error.message}\n`);
        else {
          logger.error('chat.failed', { error });
          process.stdout.write('抱歉，处理这个问题时出错了，请稍后再试。\n');
        }
      }
    }
  } finally {
    console.close();
  }
  return 0;
}
