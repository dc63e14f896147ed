// Issue 14 point 6: the platform's documented codes. A dissolved chat is 232009 (230045 is the Pin
// API's), an aggregated message cannot be replied to in a thread (230072, like 230071), and document
// text never renders as card markdown (links, headings, lists, formulas, images).
import { afterEach, expect, it } from 'vitest';
import { escapeMarkdown } from '../../src/cards/index.js';
import { standaloneReminderSender } from '../../src/lark/index.js';
import { silentLogger } from '../../src/log/index.js';
import { sendSafely } from '../../src/reminders/index.js';
import { FakeFeishu } from '../support/fake-feishu/index.js';
import { startScriptedBot, type ScriptedBot } from './support/scripted-bot.js';

let running: ScriptedBot | undefined;
let fake: FakeFeishu | undefined;
afterEach(async () => {
  await running?.stop();
  await fake?.close();
  running = undefined;
  fake = undefined;
});

it('reports a send to a dissolved chat (232009) as chat-unavailable, not retried', async () => {
  fake = await FakeFeishu.start({ dissolvedChats: ['oc_dissolved'] });
  const sender = standaloneReminderSender({ ...fake.credentials, domain: fake.baseUrl }, silentLogger, {
    retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 1_000 },
  });
  const card = { schema: '2.0', config: { update_multi: true }, body: { elements: [] } };
  const result = await sendSafely(sender, 'oc_dissolved', card, 'rm-dissolved');
  expect(result).toMatchObject({ ok: false, error: { code: 'chat-unavailable', isRetryable: false, details: { platformCode: 232009 } } });
  expect(fake.callsTo(/\/im\/v1\/messages$/, 'POST')).toHaveLength(1);
});

it('answers an aggregated message in the chat when its thread is refused (230072)', async () => {
  running = await startScriptedBot();
  running.fake.markAggregated('om_merged');
  await running.say({ messageId: 'om_merged' });
  const reply = await running.fake.waitFor(() => running?.fake.repliesTo('om_merged')[0], 10_000, 'the reply');
  expect(running.fake.callsTo(/om_merged\/reply$/, 'POST').map((call) => call.code)).toEqual([230072, 0]);
  expect(reply.replyInThread).toBe(false);
});

it('escapes every character card markdown reads, so document text stays text', () => {
  const text = '见[通知](http://x) # 标题 - 列表 + 加 \\ 反斜杠 $x$ ![图](y) <b>*强调*</b> _~`';
  const escaped = escapeMarkdown(text);
  expect(escaped.replace(/&#\d+;/g, '')).not.toMatch(/[[\]()#\-+\\$!<>*_~`]/);
  expect(escaped.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))).toBe(text);
  expect(escapeMarkdown('到2020年').length).toBe('到2020年'.length);
});
