// End to end through the real SDK (Channel module, domain pointed at a loopback fake Open Platform),
// in webhook mode with signed and encrypted events, answered by the real answer service over a real
// index of seeds/. Nothing of ours is mocked.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerService } from '../../src/answer/index.js';
import { createApp, type Runtime } from '../../src/app/index.js';
import { loadConfig } from '../../src/config/index.js';
import { silentLogger } from '../../src/log/index.js';
import type { EventDispatcher } from '@larksuiteoapi/node-sdk';
import type { BotStatus, WsClientFactory } from '../../src/lark/index.js';
import { cardActionEvent, FakeFeishu, messageEvent, signatureHeaders, type Json } from '../support/fake-feishu/index.js';
import { SEED } from '../support/seeds.js';
import { SECRETS, seedRuntime, startBot, statusOf, type Harness } from '../support/lark-harness.js';

const GROUP = 'oc_group_1';
const QUESTION = '南通计划到2020年底打造多少个众创社区？';

let fake: FakeFeishu;
let runtime: Runtime;
let answers: AnswerService;
let status: BotStatus;
let root: string;
let bot: Harness;
let counter = 0;

const nextId = (label: string): string => `om_${label}_${(counter += 1)}`;
const dataDir = (): string => join(root, 'data');

/** Posts a group @mention of `/help` and waits for its reply: everything the chat queue held before it is done. */
async function sentinel(chatId = GROUP): Promise<void> {
  const messageId = nextId('sentinel');
  const response = await bot.webhook.post(
    messageEvent(fake, SECRETS.verificationToken, { messageId, chatId, text: '/help', mentionBot: true }),
  );
  expect(response.status).toBe(200);
  await fake.waitFor(() => fake.repliesTo(messageId)[0], 10_000, `the reply to ${messageId}`);
}

/** Waits until the reply to `messageId` shows its final card (the answer has a feedback row). */
async function finalCard(messageId: string): Promise<{ replyId: string; card: Json; text: string }> {
  return fake.waitFor(
    () => {
      const reply = fake.repliesTo(messageId)[0];
      if (!reply) return undefined;
      const card = fake.cardOf(reply.messageId);
      const text = fake.textOf(reply.messageId);
      return card && JSON.stringify(card).includes('"feedback"') ? { replyId: reply.messageId, card, text } : undefined;
    },
    15_000,
    `the final card for ${messageId}`,
  );
}

const replyCalls = (messageId: string) => fake.callsTo(new RegExp(`/messages/${messageId}/reply$`), 'POST');

beforeAll(async () => {
  ({ root, runtime } = await seedRuntime());
  answers = await runtime.answerService();
  status = statusOf(runtime);
  fake = await FakeFeishu.start({ threadlessChats: ['oc_plain_group'] });
  bot = await startBot({ fake, dataDir: dataDir(), answers, status });
});

afterAll(async () => {
  await bot?.running.stop(2_000);
  await fake?.close();
});

describe('Feishu bot in webhook mode, end to end', () => {
  const asked = nextId('question');

  it('answers a signed, encrypted group @mention with exactly one reply card citing the right document', async () => {
    const response = await bot.webhook.post(
      messageEvent(fake, SECRETS.verificationToken, { messageId: asked, chatId: GROUP, text: QUESTION, mentionBot: true }),
    );
    expect(response.status).toBe(200);
    const { replyId, card, text } = await finalCard(asked);
    const replies = fake.repliesTo(asked);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.replyInThread).toBe(true);
    expect(replies[0]?.uuid).toMatch(/^pb-[0-9a-f]{40}$/);
    expect(text.replace(/\s/g, '')).toContain('10个左右');
    expect(text).toContain('《南通市推进众创社区建设行动方案》 › 二、总体目标');
    expect(JSON.stringify(card)).toContain('"tag":"collapsible_panel"');
    expect(text).toContain('来源（');
    // The Nantong plan ran 2017—2020: the card carries the expired notice.
    expect(text).toContain('注意：《南通市推进众创社区建设行动方案》执行期为2017—2020年，已到期。');
    expect(card.schema).toBe('2.0');
    // acknowledged at once with a 「正在查找…」 card, then that same card was replaced by the answer
    const versions = fake.historyOf(replyId);
    expect(JSON.stringify(versions[0])).toContain('正在查找…');
    expect(versions.at(-1)).toEqual(card);
    expect(fake.callsTo(new RegExp(`/messages/${replyId}$`), 'PATCH')).toHaveLength(1);
    const record = readFileSync(join(dataDir(), 'answers.jsonl'), 'utf8');
    expect(record).toContain(SEED.nantong);
  });

  it('does not answer the same message twice when the platform re-delivers it', async () => {
    const before = replyCalls(asked).length;
    const again = await bot.webhook.post(
      messageEvent(fake, SECRETS.verificationToken, { messageId: asked, chatId: GROUP, text: QUESTION, mentionBot: true }),
    );
    expect(again.status).toBe(200);
    await sentinel();
    expect(replyCalls(asked)).toHaveLength(before);
    expect(fake.repliesTo(asked)).toHaveLength(1);
  });

  it('ignores group messages that do not @mention the bot', async () => {
    const quiet = nextId('quiet');
    const response = await bot.webhook.post(
      messageEvent(fake, SECRETS.verificationToken, { messageId: quiet, chatId: GROUP, text: QUESTION }),
    );
    expect(response.status).toBe(200);
    await sentinel();
    expect(replyCalls(quiet)).toHaveLength(0);
  });

  it('refuses a bad signature with 401 and a malformed body with 400, processing nothing', async () => {
    const forged = nextId('forged');
    const event = messageEvent(fake, SECRETS.verificationToken, { messageId: forged, chatId: GROUP, text: QUESTION, mentionBot: true });
    expect((await bot.webhook.post(event, { signature: 'wrong' })).status).toBe(401);
    expect((await bot.webhook.post(event, { signature: 'none' })).status).toBe(401);
    const wrongToken = messageEvent(fake, 'not-the-token', { messageId: forged, chatId: GROUP, text: QUESTION, mentionBot: true });
    expect((await bot.webhook.post(wrongToken)).status).toBe(401);
    expect((await bot.webhook.postRaw('{not json')).status).toBe(400);
    const garbage = JSON.stringify({ encrypt: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=' });
    const signedGarbage = await bot.webhook.postRaw(garbage, signatureHeaders(garbage, SECRETS.encryptKey));
    expect(signedGarbage.status).toBe(400);
    await sentinel();
    expect(replyCalls(forged)).toHaveLength(0);
  });

  it('answers the URL verification challenge', async () => {
    const response = await bot.webhook.post(
      { type: 'url_verification', challenge: 'c-123', token: SECRETS.verificationToken },
      { signature: 'none' },
    );
    expect(response).toEqual({ status: 200, body: { challenge: 'c-123' } });
    const wrong = await bot.webhook.post({ type: 'url_verification', challenge: 'c-123', token: 'nope' }, { signature: 'none' });
    expect(wrong.status).toBe(401);
  });

  it('replies to an image with a short help card', async () => {
    const image = nextId('image');
    await bot.webhook.post(
      messageEvent(fake, SECRETS.verificationToken, {
        messageId: image,
        chatId: 'oc_dm_1',
        chatType: 'p2p',
        messageType: 'image',
        content: { image_key: 'img_v3_x' },
      }),
    );
    const reply = await fake.waitFor(() => fake.repliesTo(image)[0], 10_000, 'the help reply');
    const text = fake.textOf(reply.messageId);
    expect(text).toContain('暂时只能回答文字问题');
    expect(text).toContain('/help');
    expect(reply.replyInThread).toBe(false);
  });

  it('records 👍 feedback with question, answer, citations, user and time, and updates the card', async () => {
    const { replyId } = await finalCard(asked);
    const response = await bot.webhook.click(fake, {
      messageId: replyId,
      chatId: GROUP,
      operatorId: 'ou_voter',
      value: { action: 'feedback', vote: 'up', ref: asked },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ toast: { type: 'success' }, card: { type: 'raw' } });
    const lines = readFileSync(join(dataDir(), 'feedback.jsonl'), 'utf8').trim().split('\n');
    const entry: Json = JSON.parse(lines.at(-1) ?? '{}');
    expect(entry).toMatchObject({ vote: 'up', user: 'ou_voter', questionMessageId: asked, question: QUESTION, answerable: true });
    expect(String(entry.answer).replace(/\s/g, '')).toContain('10个左右');
    expect(JSON.stringify(entry.citations)).toContain(SEED.nantong);
    expect(Date.parse(String(entry.time))).toBeGreaterThan(Date.now() - 60_000);
    expect(fake.textOf(replyId)).toContain('已记录反馈（👍 有帮助）');
    expect(fake.textOf(replyId)).toContain('10个左右');
  });

  it('gives refusals their own card that says what is covered', async () => {
    const outOfScope = nextId('refusal');
    await bot.webhook.post(
      messageEvent(fake, SECRETS.verificationToken, {
        messageId: outOfScope,
        chatId: 'oc_dm_2',
        chatType: 'p2p',
        text: '深圳南山区有什么人才政策？',
      }),
    );
    const { card, text } = await finalCard(outOfScope);
    expect(card.header).toMatchObject({ template: 'orange', title: { content: '没有找到相关政策' } });
    expect(text).toContain('南通市推进众创社区建设行动方案');
    expect(JSON.stringify(card)).not.toContain('collapsible_panel');
  });

  it('delivers exactly once when the Open Platform answers 500 twice, then 200', async () => {
    const flaky = nextId('flaky');
    fake.failNext({ method: 'POST', path: new RegExp(`/messages/${flaky}/reply$`), times: 2, status: 500 });
    await bot.webhook.post(
      messageEvent(fake, SECRETS.verificationToken, { messageId: flaky, chatId: 'oc_dm_3', chatType: 'p2p', text: QUESTION }),
    );
    const { text } = await finalCard(flaky);
    expect(text.replace(/\s/g, '')).toContain('10个左右');
    expect(replyCalls(flaky).map((call) => call.status)).toEqual([500, 500, 200]);
    expect(fake.repliesTo(flaky)).toHaveLength(1);
  });

  it('falls back to a plain reply where the group does not support threads (230071)', async () => {
    const plain = nextId('plain');
    await bot.webhook.post(
      messageEvent(fake, SECRETS.verificationToken, { messageId: plain, chatId: 'oc_plain_group', text: '/sources', mentionBot: true }),
    );
    const reply = await fake.waitFor(() => fake.repliesTo(plain)[0], 10_000, 'the /sources reply');
    expect(replyCalls(plain).map((call) => [call.status, call.code])).toEqual([
      [400, 230071],
      [200, 0],
    ]);
    expect(reply.replyInThread).toBe(false);
    const text = fake.textOf(reply.messageId);
    expect(text).toContain('共 5 份文档');
    expect(text).toContain('《南通市推进众创社区建设行动方案》 通政办发〔2017〕93号 · 已到期（2017—2020年）');
    expect(text).toContain('《南浔区全面建设“水晶晶青创新城”提升年行动计划》 · 征求意见稿');
  });

  it('wires the same handlers to the long connection (dispatcher level)', async () => {
    let given: EventDispatcher | undefined;
    const wsClientFactory: WsClientFactory = (_settings, callbacks) => ({
      async start({ eventDispatcher }) {
        given = eventDispatcher;
        callbacks.onReady();
      },
      close: () => undefined,
    });
    const ws = await startBot({
      fake,
      dataDir: join(root, 'data-ws'),
      answers,
      status,
      environment: { LARK_MODE: 'long-connection' },
      wsClientFactory,
    });
    try {
      expect(ws.running.port).toBeUndefined();
      expect(given).toBe(ws.running.bot.dispatcher);
      // what WSClient.handleEventData does with a frame: invoke with the decrypted JSON, no signature check
      const overSocket = nextId('socket');
      await given?.invoke(
        messageEvent(fake, SECRETS.verificationToken, { messageId: overSocket, chatId: GROUP, text: QUESTION, mentionBot: true }),
        { needCheck: false },
      );
      const { replyId, text } = await finalCard(overSocket);
      expect(text.replace(/\s/g, '')).toContain('10个左右');
      // a card callback over the socket: the handler's result is the ACK payload (toast + card)
      const ack: unknown = await given?.invoke(
        cardActionEvent(fake, SECRETS.verificationToken, {
          messageId: replyId,
          chatId: GROUP,
          operatorId: 'ou_voter',
          value: { action: 'feedback', vote: 'down', ref: overSocket },
        }),
        { needCheck: false },
      );
      expect(ack).toMatchObject({ toast: { type: 'success' }, card: { type: 'raw' } });
      expect(JSON.stringify(ack)).toContain('已记录反馈（👎 没帮助）');
    } finally {
      await ws.running.stop(2_000);
    }
  });

  it('remembers answered messages across a restart (durable dedup in DATA_DIR)', async () => {
    await bot.running.stop(2_000);
    bot = await startBot({ fake, dataDir: dataDir(), answers, status });
    const callsBefore = fake.calls.length;
    const again = await bot.webhook.post(
      messageEvent(fake, SECRETS.verificationToken, { messageId: asked, chatId: GROUP, text: QUESTION, mentionBot: true }),
    );
    expect(again.status).toBe(200);
    await sentinel();
    expect(replyCalls(asked)).toHaveLength(1);
    expect(fake.calls.slice(callsBefore).some((call) => call.path.includes(asked))).toBe(false);
    // the restarted bot still answers new questions, and 👍 still finds answers given before the restart
    const fresh = nextId('after_restart');
    await bot.webhook.post(
      messageEvent(fake, SECRETS.verificationToken, { messageId: fresh, chatId: GROUP, text: QUESTION, mentionBot: true }),
    );
    await finalCard(fresh);
    const { replyId } = await finalCard(asked);
    const vote = await bot.webhook.click(fake, {
      messageId: replyId,
      chatId: GROUP,
      operatorId: 'ou_later',
      value: { action: 'feedback', vote: 'down', ref: asked },
    });
    expect(vote.body).toMatchObject({ card: { type: 'raw' } });
  });

  it('answers with the extractive card, and says so, when the LLM endpoint is down', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const address = closed.address();
    const port = typeof address === 'object' && address !== null ? address.port : 1;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const llmConfig = loadConfig({
      DOCS_DIR: runtime.config.DOCS_DIR,
      INDEX_DIR: runtime.config.INDEX_DIR,
      LLM_BASE_URL: `http://127.0.0.1:${port}/v1`,
      LLM_API_KEY: 'sk-test',
      LLM_MODEL: 'policy-test-model',
      LLM_TIMEOUT_MS: '3000',
      LOG_LEVEL: 'silent',
    });
    const llmRuntime = createApp(llmConfig, { logger: silentLogger }).runtime;
    expect(llmRuntime.llmModel).toBe('policy-test-model');
    const down = await startBot({ fake, dataDir: join(root, 'data-llm'), answers: await llmRuntime.answerService(), status });
    try {
      const question = nextId('llm_down');
      await down.webhook.post(
        messageEvent(fake, SECRETS.verificationToken, { messageId: question, chatId: 'oc_dm_llm', chatType: 'p2p', text: QUESTION }),
      );
      const { card, text } = await finalCard(question);
      expect(card.header).toMatchObject({ template: 'blue' });
      expect(text.replace(/\s/g, '')).toContain('10个左右');
      expect(text).toContain('《南通市推进众创社区建设行动方案》 › 二、总体目标');
      expect(text).toContain('原文摘录');
    } finally {
      await down.running.stop(2_000);
    }
  });
});
