// A bot over a scripted AnswerService against a fresh fake platform: the setup of the issue-14 tests.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AnswerService } from '../../src/answer/index.js';
import type { BotStatus } from '../../src/lark/index.js';
import type { RetryPolicy } from '../../src/lark/outbound/retry.js';
import type { Reminders } from '../../src/reminders/index.js';
import { FakeFeishu, messageEvent, type FakeFeishuOptions, type MessageEventInput } from '../support/fake-feishu/index.js';
import { SECRETS, startBot, type Harness } from './harness.js';
import { ScriptedAnswers } from './scripted-answers.js';

const status: BotStatus = {
  manifest: () => ({ builtAt: new Date().toISOString(), documents: [], chunkCount: 0, documentCount: 0 }) as never,
  answerMode: 'scripted',
  startedAt: Date.now(),
};

/** A started fake and bot; `stop()` closes both. */
export interface ScriptedBot {
  fake: FakeFeishu;
  bot: Harness;
  /** Posts a message event (a group @mention unless told otherwise) and expects it acknowledged. */
  say(input: Partial<MessageEventInput> & { messageId: string }): Promise<void>;
  stop(): Promise<void>;
}

export async function startScriptedBot(
  options: { answers?: AnswerService; fake?: FakeFeishuOptions; environment?: Record<string, string>; streamsAnswers?: boolean; reminders?: Reminders; retry?: RetryPolicy } = {},
): Promise<ScriptedBot> {
  const fake = await FakeFeishu.start(options.fake ?? {});
  const bot = await startBot({
    fake,
    dataDir: mkdtempSync(join(tmpdir(), 'lark-scripted-')),
    answers: options.answers ?? new ScriptedAnswers(),
    status,
    ...(options.environment ? { environment: options.environment } : {}),
    ...(options.streamsAnswers !== undefined ? { streamsAnswers: options.streamsAnswers } : {}),
    ...(options.reminders ? { reminders: options.reminders } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
  });
  return {
    fake,
    bot,
    async say(input) {
      const response = await bot.webhook.post(messageEvent(fake, SECRETS.verificationToken, { chatId: 'oc_group', text: '南通打造多少个众创社区？', mentionBot: true, ...input }));
      if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
    },
    async stop() {
      await bot.running.stop(2_000);
      await fake.close();
    },
  };
}
