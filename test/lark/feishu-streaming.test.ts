// Issue 14 points 2 and 3: CardKit streaming as the platform documents it. Streaming ends through the
// settings API (streaming_mode false, sequence, uuid), so the preview, forwarding and 👍/👎 replies
// work; streamed texts are plain prefixes of each other (no cursor), so the client types them out;
// the platform's own close after 10 minutes (200850) ends the streaming without losing the answer.
import { afterEach, expect, it } from 'vitest';
import type { AnswerService } from '../../src/answer/index.js';
import { messageEvent, type FakeFeishu, type FakeFeishuOptions } from '../support/fake-feishu/index.js';
import { SECRETS, type Harness } from '../support/lark-harness.js';
import { ScriptedAnswers } from './support/scripted-answers.js';
import { startScriptedBot, type ScriptedBot } from './support/scripted-bot.js';

const partials = Array.from({ length: 12 }, (_, index) => '到2020年底[打造](10)个左右#众创社区。'.slice(0, index + 5));
const CONTENT = /\/elements\/answer\/content$/;
const SETTINGS = /^\/open-apis\/cardkit\/v1\/cards\/[^/]+\/settings$/;
let running: ScriptedBot | undefined;

afterEach(async () => {
  await running?.stop();
  running = undefined;
});

async function start(answers: AnswerService, options: FakeFeishuOptions = {}): Promise<{ platform: FakeFeishu; bot: Harness }> {
  running = await startScriptedBot({ answers, fake: options, streamsAnswers: true });
  return { platform: running.fake, bot: running.bot };
}

/** Asks in a DM and waits for the reply card to leave its light-blue pending look. */
async function askAndWait(platform: FakeFeishu, bot: Harness, messageId: string): Promise<string> {
  const response = await bot.webhook.post(
    messageEvent(platform, SECRETS.verificationToken, {
      messageId,
      chatId: 'oc_dm',
      chatType: 'p2p',
      text: '南通打造多少个众创社区？',
      senderId: 'ou_asker',
    }),
  );
  expect(response.status).toBe(200);
  const replyId = await platform.waitFor(() => platform.repliesTo(messageId)[0]?.messageId, 5_000, 'the reply');
  await platform.waitFor(() => !JSON.stringify(platform.cardOf(replyId)).includes('"template":"wathet"'), 10_000, 'the final card');
  await bot.running.bot.settled();
  return replyId;
}

it('ends streaming with PATCH …/settings (streaming_mode false, next sequence, uuid), so a 👍 reply replaces the card', async () => {
  const { platform, bot } = await start(new ScriptedAnswers({ partials, spacingMs: 30 }));
  const replyId = await askAndWait(platform, bot, 'om_s1');
  expect(platform.entityOf(replyId)?.streaming).toBe(false);
  const [close] = platform.callsTo(SETTINGS, 'PATCH');
  const body = Object(close?.body);
  expect(JSON.parse(String(Reflect.get(body, 'settings')))).toMatchObject({
    config: { streaming_mode: false, summary: { content: expect.stringContaining('2020') } },
  });
  expect(typeof Reflect.get(body, 'uuid')).toBe('string');
  const sequences = platform
    .callsTo(/^\/open-apis\/cardkit\/v1\/cards\/./)
    .map((call) => Number(Reflect.get(Object(call.body), 'sequence')));
  expect(sequences.at(-1)).toBe(Math.max(...sequences));
  const click = await bot.webhook.click(platform, {
    messageId: replyId,
    chatId: 'oc_dm',
    operatorId: 'ou_asker',
    value: { action: 'feedback', vote: 'up', ref: 'om_s1' },
  });
  expect(click.outcome).toBe('applied');
  expect(platform.textOf(replyId)).toContain('已记录反馈');
});

it('streams plain prefixes in CardKit mode: each text extends the last, no cursor, nothing redrawn', async () => {
  const { platform, bot } = await start(new ScriptedAnswers({ partials, spacingMs: 60 }));
  const replyId = await askAndWait(platform, bot, 'om_s2');
  const texts = platform.callsTo(CONTENT, 'PUT').map((call) => String(Reflect.get(Object(call.body), 'content')));
  expect(texts.length).toBeGreaterThanOrEqual(2);
  for (const text of texts) expect(text.endsWith('…')).toBe(false);
  for (let index = 1; index < texts.length; index += 1) expect(texts[index]?.startsWith(texts[index - 1] ?? '')).toBe(true);
  expect(texts.join('').replace(/&#\d+;/g, '')).not.toMatch(/[[\]()#]/);
  expect(platform.entityOf(replyId)?.prefixBreaks).toBe(0);
});

it('stops streaming text when the platform has closed streaming (200850) and still delivers the final card', async () => {
  const { platform, bot } = await start(new ScriptedAnswers({ partials, spacingMs: 70 }), { streamingLimitMs: 200 });
  const replyId = await askAndWait(platform, bot, 'om_s3');
  expect(platform.callsTo(CONTENT, 'PUT').filter((call) => call.code === 200850)).toHaveLength(1);
  expect(platform.textOf(replyId)).toContain('2020');
  expect(platform.entityOf(replyId)?.streaming).toBe(false);
});
