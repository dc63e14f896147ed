// The embedded default (one process, files in DATA_DIR) killed with SIGKILL while it answers a question,
// then started again: the question is answered by the new process (its claim outlived the crash in
// DATA_DIR/lark-claims.jsonl), once, and the platform's re-delivery of it is refused. `src/main.ts` as
// `npm start` runs it, the real SDK against the fake Feishu platform, the real `openai` client against a
// fake OpenAI-compatible server that hangs the first time.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBotProcess, type BotProcess } from '../support/bot-process.js';
import { FakeFeishu, messageEvent } from '../support/fake-feishu/index.js';
import { groundedEcho, startFakeOpenAiServer, type FakeOpenAiServer } from '../support/fake-openai-server.js';
import { SEEDS_DIR } from '../support/seeds.js';
import { SECRETS, seedRuntime } from '../support/lark-harness.js';

let fake: FakeFeishu;
let llm: FakeOpenAiServer;
let root: string;
const bots: BotProcess[] = [];

beforeAll(async () => {
  ({ root } = await seedRuntime());
  fake = await FakeFeishu.start();
  llm = await startFakeOpenAiServer();
}, 120_000);

afterAll(async () => {
  for (const bot of bots) await bot.stop();
  await fake?.close();
  await llm?.close();
});

const start = async (): Promise<BotProcess> => {
  const bot = await startBotProcess(fake, SECRETS, {
    DOCS_DIR: SEEDS_DIR,
    INDEX_DIR: join(root, 'index'),
    DATA_DIR: join(root, 'data'),
    LLM_BASE_URL: llm.url,
    LLM_API_KEY: 'sk-test',
    LLM_MODEL: 'fake-model',
    LARK_CLAIM_LEASE_SECONDS: '5',
    LARK_SWEEP_SECONDS: '1',
  });
  bots.push(bot);
  return bot;
};

describe('one embedded instance, killed mid-answer and restarted', () => {
  it('answers the question it was answering after the restart, exactly once', async () => {
    const first = await start();
    llm.handle(() => ({ kind: 'hang' }));
    const event = messageEvent(fake, SECRETS.verificationToken, {
      messageId: 'om_restart_1',
      chatId: 'oc_restart',
      chatType: 'p2p',
      senderId: 'ou_user',
      text: '播种计划由哪个部门牵头？',
    });
    expect((await first.webhook.post(event)).status).toBe(200);
    // the bot is inside its answer (waiting for the model) when it dies
    await fake.waitFor(() => llm.requests.length > 0, 30_000, 'the question reaching the model');
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));

    llm.handle(groundedEcho);
    const second = await start();
    // the platform delivers it again: refused while the dead process's claim is still running
    expect((await second.webhook.post(event)).status).toBe(200);
    const reply = await fake
      .waitFor(
        () => {
          const replies = fake.repliesTo('om_restart_1');
          return replies.length > 0 && JSON.stringify(fake.cardOf(replies[0]!.messageId)).includes('"feedback"') ? replies : undefined;
        },
        60_000,
        'the final answer card after the restart',
      )
      .catch((error: unknown) => {
        console.error(
          JSON.stringify(
            {
              replies: fake.repliesTo('om_restart_1'),
              calls: fake.calls.map((call) => `${call.method} ${call.path} ${call.status} ${call.code}`),
              llm: llm.requests.length,
            },
            null,
            1,
          ),
        );
        console.error(
          bots
            .map((bot) => bot.stderr.join(''))
            .join('\n----\n')
            .slice(-3000),
        );
        throw error;
      });
    expect(reply).toHaveLength(1);
    expect(fake.textOf(reply[0]!.messageId)).toContain('播种计划');
    // and nothing more arrives: a later re-delivery is refused as done
    expect((await second.webhook.post(event)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(fake.repliesTo('om_restart_1')).toHaveLength(1);
    expect(llm.requests.filter((request) => JSON.stringify(request.messages).includes('播种计划')).length).toBeGreaterThanOrEqual(2);
  }, 120_000);
});
