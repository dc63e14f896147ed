// Outbound calls through the real SDK client (token handling included) against the fake platform.
import { Client } from '@larksuiteoapi/node-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEISHU_LIMITS, createOutboundLimiter } from '../../../src/lark/outbound/outbound-limiter.js';
import { createOpenPlatform, type OpenPlatform } from '../../../src/lark/outbound/open-platform.js';
import { sdkRequest } from '../../../src/lark/outbound/sdk-request.js';
import { sdkLogger } from '../../../src/lark/transport/sdk-logger.js';
import { silentLogger } from '../../../src/log/index.js';
import { FakeFeishu } from '../../support/fake-feishu/index.js';
import { RecordingClock } from '../../support/recording-clock.js';

const card = { schema: '2.0', config: { update_multi: true }, body: { elements: [] } };
let fake: FakeFeishu;
let clock: RecordingClock;
let platform: OpenPlatform;

function platformFor(domain: string): OpenPlatform {
  const client = new Client({
    appId: fake.credentials.appId,
    appSecret: fake.credentials.appSecret,
    domain,
    logger: sdkLogger(silentLogger),
  });
  return createOpenPlatform({
    request: sdkRequest(client, 2_000),
    limiter: createOutboundLimiter(FEISHU_LIMITS, clock),
    retry: { attempts: 4, baseDelayMs: 100, maxDelayMs: 10_000, rateLimitFloorMs: 1000 },
    clock,
    logger: silentLogger,
  });
}

const reply = (messageId: string) =>
  platform.replyCard({ messageId, chatId: `oc_${messageId}`, content: { card }, uuid: `u-${messageId}`, inThread: false });

beforeAll(async () => {
  fake = await FakeFeishu.start();
});
afterAll(async () => {
  await fake.close();
});

describe('Open Platform calls', () => {
  beforeAll(() => {
    clock = new RecordingClock();
    platform = platformFor(fake.baseUrl);
  });

  it('sends the uuid and reads the new message id', async () => {
    const id = await reply('om_ok');
    expect(fake.messages.get(id)?.uuid).toBe('u-om_ok');
    expect(fake.callsTo(/\/reply$/).at(-1)?.body).toMatchObject({ msg_type: 'interactive', uuid: 'u-om_ok' });
  });

  it('treats an HTTP 200 whose body code is not 0 as a failure, and does not retry a rejection', async () => {
    fake.failNext({ path: /om_rejected\/reply$/, times: 1, status: 200, body: { code: 230099, msg: 'Failed to create card content' } });
    await expect(reply('om_rejected')).rejects.toMatchObject({ name: 'LarkError', code: 'rejected', details: { platformCode: 230099 } });
    expect(fake.callsTo(/om_rejected\/reply$/)).toHaveLength(1);
  });

  it('retries the frequency-limit codes, at least a second apart, even on HTTP 200', async () => {
    clock.sleeps.length = 0;
    fake.failNext({ path: /om_limited\/reply$/, times: 1, status: 200, body: { code: 230020, msg: 'frequency limit' } });
    fake.failNext({ path: /om_limited2\/reply$/, times: 1, status: 400, body: { code: 11232, msg: 'frequency limit' } });
    await reply('om_limited');
    await reply('om_limited2');
    expect(clock.sleeps).toEqual([1000, 1000]);
  });

  it('waits what x-ogw-ratelimit-reset says after a 429', async () => {
    clock.sleeps.length = 0;
    fake.failNext({
      path: /om_429\/reply$/,
      times: 1,
      status: 429,
      body: { code: 99991400, msg: 'request trigger frequency limit' },
      headers: { 'x-ogw-ratelimit-reset': '3' },
    });
    await reply('om_429');
    expect(clock.sleeps).toEqual([3000]);
    expect(fake.callsTo(/om_429\/reply$/).map((call) => call.status)).toEqual([429, 200]);
  });

  it('reports an unreachable platform as a retryable network error', async () => {
    const unreachable = platformFor('http://127.0.0.1:9');
    await expect(unreachable.patchCard('om_x', card)).rejects.toMatchObject({ code: 'network', isRetryable: true });
  });
});
