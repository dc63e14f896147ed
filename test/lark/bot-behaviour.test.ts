// The bot's handlers and card life cycle through the real SDK against the fake Open Platform, with a
// scripted AnswerService (a fake of the interface) so streaming and failures can be driven precisely.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AnswerError, type AnswerService } from '../../src/answer/index.js';
import type { BotStatus } from '../../src/lark/index.js';
import { FakeFeishu, messageEvent } from '../support/fake-feishu/index.js';
import { SECRETS, startBot, type Harness } from '../support/lark-harness.js';
import { RecordingLogger, ScriptedAnswers } from './support/scripted-answers.js';
import { testManifest } from '../support/test-manifest.js';

const manifest = testManifest({ builtAt: new Date(Date.now() - 3 * 3600_000).toISOString() });
const status: BotStatus = {
  manifest: () => manifest,
  answerMode: '大模型 scripted（不可用时退回原文摘录）',
  startedAt: Date.now() - 65 * 60_000,
};

let fake: FakeFeishu | undefined;
let harness: Harness | undefined;
let counter = 0;
const nextId = (): string => `om_b${(counter += 1)}`;

async function start(
  answers: AnswerService,
  environment: Record<string, string> = {},
  extra: { logger?: RecordingLogger; streamsAnswers?: boolean } = {},
): Promise<{ fake: FakeFeishu; bot: Harness }> {
  fake = await FakeFeishu.start();
  harness = await startBot({ fake, dataDir: mkdtempSync(join(tmpdir(), 'lark-behaviour-')), answers, status, environment, ...extra });
  return { fake, bot: harness };
}

/** A DM question (DMs need no mention). */
async function ask(bot: Harness, platform: FakeFeishu, text: string, options: { sender?: string; chatId?: string } = {}): Promise<string> {
  const messageId = nextId();
  const response = await bot.webhook.post(
    messageEvent(platform, SECRETS.verificationToken, {
      messageId,
      chatId: options.chatId ?? 'oc_dm',
      chatType: 'p2p',
      text,
      senderId: options.sender ?? 'ou_asker',
    }),
  );
  expect(response.status).toBe(200);
  return messageId;
}

const finalText = (platform: FakeFeishu, messageId: string): Promise<string> =>
  platform.waitFor(
    () => {
      const reply = platform.repliesTo(messageId)[0];
      const card = reply ? platform.cardOf(reply.messageId) : undefined;
      const json = JSON.stringify(card ?? {});
      const pending = json.includes('正在查找') || json.includes(' …') || json.includes('"template":"wathet"');
      return reply && card && !pending ? platform.textOf(reply.messageId) : undefined;
    },
    10_000,
    `the final card for ${messageId}`,
  );

afterEach(async () => {
  await harness?.running.stop(2_000);
  await fake?.close();
  harness = undefined;
  fake = undefined;
});

describe('answer cards', () => {
  const partials = Array.from({ length: 12 }, (_, index) => '到2020年底打造10个左右众创社区。'.slice(0, index + 5));

  it('streams into a CardKit card entity at most every 250 ms, then replaces it with the final card', async () => {
    // LARK_STREAMING=auto (the default) picks CardKit when answers stream
    const { fake: platform, bot } = await start(new ScriptedAnswers({ partials, spacingMs: 40 }), {}, { streamsAnswers: true });
    const messageId = await ask(bot, platform, '南通打造多少个众创社区？');
    const text = await finalText(platform, messageId);
    expect(text).toContain('来源（1）');
    await bot.running.bot.settled();
    const streamed = platform.callsTo(/\/elements\/answer\/content$/, 'PUT');
    expect(streamed.length).toBeGreaterThanOrEqual(1);
    expect(streamed.length).toBeLessThanOrEqual(4);
    for (let index = 1; index < streamed.length; index += 1) {
      expect((streamed[index]?.time ?? 0) - (streamed[index - 1]?.time ?? 0)).toBeGreaterThanOrEqual(150);
    }
    const versions = platform.historyOf(platform.repliesTo(messageId)[0]?.messageId ?? '');
    expect(JSON.stringify(versions[0])).toContain('正在查找…');
    expect(JSON.stringify(versions[0])).toContain('"streaming_mode":true');
    expect(JSON.stringify(versions.at(-1))).toContain('"streaming_mode":false');
    const sequences = platform
      .callsTo(/^\/open-apis\/cardkit\/v1\/cards\/[^/]+(\/elements\/answer\/content)?$/, 'PUT')
      .map((call) => Number(Reflect.get(Object(call.body), 'sequence')));
    expect(sequences).toEqual([...sequences].sort((a, b) => Number(a) - Number(b)));
    expect(platform.repliesTo(messageId)).toHaveLength(1);
  });

  it('uses throttled PATCH updates when LARK_STREAMING=patch', async () => {
    const { fake: platform, bot } = await start(new ScriptedAnswers({ partials, spacingMs: 40 }), { LARK_STREAMING: 'patch' });
    const messageId = await ask(bot, platform, '南通打造多少个众创社区？');
    const text = await finalText(platform, messageId);
    expect(text).toContain('10个左右');
    const reply = platform.repliesTo(messageId)[0];
    expect(reply?.content.schema).toBe('2.0');
    const patches = platform.callsTo(/^\/open-apis\/im\/v1\/messages\/om_bot[^/]+$/, 'PATCH');
    expect(patches.length).toBeGreaterThanOrEqual(2);
    expect(patches.length).toBeLessThanOrEqual(5);
    expect(platform.callsTo(/cardkit/)).toHaveLength(0);
  });

  it('falls back to PATCH updates for good when CardKit is not granted', async () => {
    const { fake: platform, bot } = await start(new ScriptedAnswers(), { LARK_STREAMING: 'cardkit' });
    platform.failNext({
      method: 'POST',
      path: /^\/open-apis\/cardkit\/v1\/cards$/,
      times: 1,
      status: 400,
      body: { code: 99991672, msg: 'Access denied: cardkit:card:write' },
    });
    const first = await ask(bot, platform, '第一个问题');
    expect(await finalText(platform, first)).toContain('10个左右');
    const second = await ask(bot, platform, '第二个问题');
    expect(await finalText(platform, second)).toContain('10个左右');
    expect(platform.callsTo(/^\/open-apis\/cardkit\/v1\/cards$/, 'POST')).toHaveLength(1);
  });

  it('shows a friendly failure card when answering fails', async () => {
    const { fake: platform, bot } = await start(new ScriptedAnswers({ fail: new AnswerError('model-failed', 'boom') }));
    const messageId = await ask(bot, platform, '会失败的问题');
    const text = await finalText(platform, messageId);
    expect(text).toContain('回答模型暂时不可用');
    expect(text).not.toContain('boom');
  });

  it('logs a failed send and keeps going', async () => {
    const logger = new RecordingLogger();
    const { fake: platform, bot } = await start(new ScriptedAnswers(), {}, { logger });
    const lost = nextId();
    platform.failNext({
      method: 'POST',
      path: new RegExp(`/messages/${lost}/reply$`),
      times: 1,
      status: 400,
      body: { code: 230002, msg: 'The bot can not be outside the group.' },
    });
    await bot.webhook.post(
      messageEvent(platform, SECRETS.verificationToken, { messageId: lost, chatId: 'oc_gone', chatType: 'p2p', text: '问题' }),
    );
    await platform.waitFor(() => logger.entries.find((entry) => entry.event === 'lark.reply_failed'), 5_000, 'the logged failure');
    const next = await ask(bot, platform, '下一个问题');
    expect(await finalText(platform, next)).toContain('10个左右');
    expect(platform.repliesTo(lost)).toHaveLength(0);
  });

  it('keeps replies to one chat under 5 a second, so the platform never refuses one', async () => {
    const { fake: platform, bot } = await start(new ScriptedAnswers());
    const questions = await Promise.all(
      Array.from({ length: 9 }, (_, index) => ask(bot, platform, `问题 ${index}`, { sender: `ou_${index}` })),
    );
    for (const messageId of questions) expect(await finalText(platform, messageId)).toContain('10个左右');
    expect(platform.rateViolations).toBe(0);
    const replies = platform
      .callsTo(/\/reply$/, 'POST')
      .map((call) => call.time)
      .sort((a, b) => a - b);
    expect((replies[8] ?? 0) - (replies[0] ?? 0)).toBeGreaterThanOrEqual(900);
  });
});

describe('messages that are not plain questions', () => {
  it('limits each user to LARK_RATE_LIMIT_PER_MINUTE questions, with one friendly reply', async () => {
    const answers = new ScriptedAnswers();
    const { fake: platform, bot } = await start(answers, { LARK_RATE_LIMIT_PER_MINUTE: '2' });
    const ids = [];
    for (let index = 0; index < 4; index += 1) ids.push(await ask(bot, platform, `问题 ${index}`, { sender: 'ou_eager' }));
    const other = await ask(bot, platform, '别人的问题', { sender: 'ou_other' });
    expect(await finalText(platform, other)).toContain('10个左右');
    expect(platform.textOf(platform.repliesTo(ids[2] ?? '')[0]?.messageId ?? '')).toContain('每分钟最多提问 2 次');
    expect(platform.repliesTo(ids[3] ?? '')).toHaveLength(0);
    // admins are not limited (uploads and document commands come in bursts)
    const fromAdmin = [];
    for (let index = 0; index < 3; index += 1) fromAdmin.push(await ask(bot, platform, `管理员问题 ${index}`, { sender: 'ou_admin' }));
    for (const messageId of fromAdmin) expect(await finalText(platform, messageId)).toContain('10个左右');
    expect(answers.requests.map((request) => request.question)).toEqual([
      '问题 0',
      '问题 1',
      '别人的问题',
      '管理员问题 0',
      '管理员问题 1',
      '管理员问题 2',
    ]);
  });

  it('refuses over-long messages without searching', async () => {
    const answers = new ScriptedAnswers();
    const { fake: platform, bot } = await start(answers, { LARK_MAX_MESSAGE_CHARS: '20' });
    const messageId = await ask(bot, platform, '很长的问题'.repeat(10));
    const reply = await platform.waitFor(() => platform.repliesTo(messageId)[0], 5_000);
    expect(platform.textOf(reply.messageId)).toContain('请把问题精简到 20 字以内');
    expect(answers.requests).toHaveLength(0);
  });

  it('answers /status, /sources, /reindex (admins only) and /reminders', async () => {
    const { fake: platform, bot } = await start(new ScriptedAnswers());
    const reply = async (text: string, sender = 'ou_asker'): Promise<string> => {
      const messageId = await ask(bot, platform, text, { sender });
      const message = await platform.waitFor(() => platform.repliesTo(messageId)[0], 5_000, text);
      return platform.textOf(message.messageId);
    };
    const statusText = await reply('/status');
    expect(statusText).toContain('知识库：1 份文档，12 个片段');
    expect(statusText).toContain('（3 小时 0 分前）');
    expect(statusText).toContain('嵌入模型：BAAI/bge-small-zh-v1.5');
    expect(statusText).toContain('回答模式：大模型 scripted');
    expect(statusText).toContain('已运行：1 小时 5 分');
    expect(await reply('文档列表')).toContain('1. 《南通市推进众创社区建设行动方案》 通政办发〔2018〕1号 · 12 段');
    expect(await reply('/reindex')).toContain('只有管理员可以重建索引');
    expect(await reply('重建索引', 'ou_admin')).toContain('请在服务器上运行 npm run -s cli -- index');
    expect(await reply('/reminders')).toContain('没有启用政策提醒');
    expect(await reply('/whatever')).toContain('没有「/whatever」这个命令');
  });
});
