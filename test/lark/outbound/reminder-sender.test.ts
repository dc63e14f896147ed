// The Feishu Sender of the reminders against the loopback fake Open Platform: the Sender contract
// (message id, uuid idempotency) and how platform answers become SendErrors.
import { afterEach, describe, expect, it } from 'vitest';
import { standaloneReminderSender } from '../../../src/lark/index.js';
import { silentLogger } from '../../../src/log/index.js';
import { sendSafely, type CardJson } from '../../../src/reminders/index.js';
import { senderContract } from '../../reminders/support/sender-contract.js';
import { FakeFeishu } from '../../support/fake-feishu/index.js';

const QUICK_RETRY = { attempts: 3, baseDelayMs: 5, maxDelayMs: 2_000, rateLimitFloorMs: 10 };
const CARD: CardJson = { schema: '2.0', header: { title: { tag: 'plain_text', content: '提醒' } }, body: { elements: [] } };
const CREATE = /^\/open-apis\/im\/v1\/messages$/;

function senderFor(fake: FakeFeishu) {
  return standaloneReminderSender({ ...fake.credentials, domain: fake.baseUrl }, silentLogger, {
    retry: QUICK_RETRY,
    requestTimeoutMs: 5_000,
  });
}

senderContract('Feishu sender (src/lark) against the fake Open Platform', async () => {
  const fake = await FakeFeishu.start();
  return { sender: senderFor(fake), messagesIn: (chatId) => fake.postedTo(chatId).length, close: () => fake.close() };
});

describe('Feishu reminder sender', () => {
  let fake: FakeFeishu | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  it('posts an interactive card to the chat with receive_id_type=chat_id and the uuid', async () => {
    fake = await FakeFeishu.start();
    const result = await sendSafely(senderFor(fake), 'oc_group', CARD, 'rm-abc');
    expect(result.ok).toBe(true);
    const [call] = fake.callsTo(CREATE, 'POST');
    expect(call?.query).toEqual({ receive_id_type: 'chat_id' });
    expect(call?.body).toEqual({ receive_id: 'oc_group', msg_type: 'interactive', content: JSON.stringify(CARD), uuid: 'rm-abc' });
    const [message] = fake.postedTo('oc_group');
    expect(result).toEqual({ ok: true, messageId: message?.messageId });
    expect(message?.content).toEqual(CARD);
  });

  it('retries a 500 and a frequency-limit code with the same uuid and delivers once', async () => {
    fake = await FakeFeishu.start();
    fake.failNext({ method: 'POST', path: CREATE, times: 1, status: 500 });
    fake.failNext({
      method: 'POST',
      path: CREATE,
      times: 1,
      status: 400,
      body: { code: 230020, msg: 'This operation triggers the frequency limit.' },
    });
    const result = await sendSafely(senderFor(fake), 'oc_group', CARD, 'rm-retry');
    expect(result.ok).toBe(true);
    const calls = fake.callsTo(CREATE, 'POST');
    expect(calls.map((call) => call.status)).toEqual([500, 400, 200]);
    expect(new Set(calls.map((call) => Reflect.get(Object(call.body), 'uuid')))).toEqual(new Set(['rm-retry']));
    expect(fake.postedTo('oc_group')).toHaveLength(1);
  });

  it('maps a bot that is not in the chat to a non-retryable chat-unavailable error, without retrying', async () => {
    fake = await FakeFeishu.start({ absentChats: ['oc_gone'] });
    const result = await sendSafely(senderFor(fake), 'oc_gone', CARD, 'rm-gone');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({
      name: 'SendError',
      code: 'chat-unavailable',
      isRetryable: false,
      details: { platformCode: 230002, httpStatus: 400 },
    });
    expect(fake.callsTo(CREATE, 'POST')).toHaveLength(1);
  });

  it('judges by the body: a non-zero code on HTTP 200 is rejected, code 0 without a message id is an invalid response', async () => {
    fake = await FakeFeishu.start();
    fake.failNext({ method: 'POST', path: CREATE, times: 1, status: 200, body: { code: 230001, msg: 'invalid request' } });
    const rejected = await sendSafely(senderFor(fake), 'oc_group', CARD, 'rm-body-1');
    expect(rejected).toMatchObject({ ok: false, error: { code: 'rejected', isRetryable: false, details: { platformCode: 230001 } } });
    fake.failNext({ method: 'POST', path: CREATE, times: 1, status: 200, body: { code: 0, msg: 'ok', data: {} } });
    const empty = await sendSafely(senderFor(fake), 'oc_group', CARD, 'rm-body-2');
    expect(empty).toMatchObject({ ok: false, error: { code: 'invalid-response', isRetryable: true } });
    expect(fake.postedTo('oc_group')).toHaveLength(0);
  });

  it('reports a rate limit that outlasts the retries as retryable, for the scheduler to try at a later tick', async () => {
    fake = await FakeFeishu.start();
    fake.failNext({
      method: 'POST',
      path: CREATE,
      times: 3,
      status: 429,
      body: { code: 99991400, msg: 'request trigger frequency limit' },
    });
    const result = await sendSafely(senderFor(fake), 'oc_group', CARD, 'rm-busy');
    expect(result).toMatchObject({ ok: false, error: { code: 'rate-limited', isRetryable: true } });
    expect(fake.callsTo(CREATE, 'POST')).toHaveLength(3);
    expect(fake.postedTo('oc_group')).toHaveLength(0);
  });
});
