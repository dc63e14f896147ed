// Issue 14 point 5: a tenant token the platform stops accepting (expired early, or revoked by a reset
// app secret) is dropped, a new one fetched, and the call tried once more, instead of every call
// failing until the SDK's cached expiry, up to two hours later.
import { Client, DefaultCache } from '@larksuiteoapi/node-sdk';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { messageFileDownloader } from '../../../src/lark/outbound/message-file.js';
import { createOpenPlatform, type OpenPlatform } from '../../../src/lark/outbound/open-platform.js';
import { createOutboundLimiter, FEISHU_LIMITS } from '../../../src/lark/outbound/outbound-limiter.js';
import { sdkRequest } from '../../../src/lark/outbound/sdk-request.js';
import { sdkLogger } from '../../../src/lark/transport/sdk-logger.js';
import { silentLogger } from '../../../src/log/index.js';
import { FakeFeishu } from '../../support/fake-feishu/index.js';
import { RecordingClock } from '../../support/recording-clock.js';

const card = { schema: '2.0', config: { update_multi: true }, body: { elements: [] } };
let fake: FakeFeishu;
let platform: OpenPlatform;

beforeEach(async () => {
  fake = await FakeFeishu.start();
  const client = new Client({ ...fake.credentials, domain: fake.baseUrl, cache: new DefaultCache(), logger: sdkLogger(silentLogger) });
  const clock = new RecordingClock();
  platform = createOpenPlatform({
    request: sdkRequest(client, 2_000),
    limiter: createOutboundLimiter(FEISHU_LIMITS, clock),
    retry: { attempts: 2, baseDelayMs: 10, maxDelayMs: 1_000 },
    clock,
    logger: silentLogger,
  });
});
afterEach(async () => {
  await fake.close();
});

const send = (uuid: string): Promise<string> => platform.sendCard({ chatId: 'oc_group', card, uuid });

it('recovers from a revoked tenant token with one new token and one retry', async () => {
  await send('u-1');
  expect(fake.tokens.issued).toHaveLength(1);
  fake.revokeTokens();
  const id = await send('u-2');
  expect(fake.messages.get(id)?.uuid).toBe('u-2');
  expect(fake.tokens.issued).toHaveLength(2);
  const codes = fake.callsTo(/\/im\/v1\/messages$/, 'POST').map((call) => call.code);
  expect(codes).toEqual([0, 99991663, 0]);
});

it('recovers from a token that expired before the SDK expected it to', async () => {
  await send('u-1');
  fake.expireTokens();
  await send('u-2');
  expect(fake.postedTo('oc_group')).toHaveLength(2);
  expect(fake.tokens.issued).toHaveLength(2);
});

it('tries only once more: a token refused again is a rejection, not a loop', async () => {
  await send('u-1');
  fake.revokeTokens();
  fake.failNext({
    path: /\/im\/v1\/messages$/,
    times: 2,
    status: 401,
    body: { code: 99991663, msg: 'Invalid access token for authorization.' },
  });
  await expect(send('u-2')).rejects.toMatchObject({ name: 'LarkError', details: { platformCode: 99991663 } });
  expect(fake.callsTo(/\/im\/v1\/messages$/, 'POST')).toHaveLength(3);
});

it('downloads a user’s file after the token was revoked too (the message-resource API goes around the platform calls)', async () => {
  const client = new Client({ ...fake.credentials, domain: fake.baseUrl, cache: new DefaultCache(), logger: sdkLogger(silentLogger) });
  const download = messageFileDownloader(client, 5_000);
  fake.addMessageFile('om_file', 'file_1', Buffer.from('%PDF-1.4'));
  await download({ messageId: 'om_file', fileKey: 'file_1', fileName: 'a.pdf', maxBytes: 1_000 });
  fake.revokeTokens();
  const bytes = await download({ messageId: 'om_file', fileKey: 'file_1', fileName: 'a.pdf', maxBytes: 1_000 });
  expect(bytes.toString()).toBe('%PDF-1.4');
  expect(fake.callsTo(/resources\/file_1$/).map((call) => call.code)).toEqual([0, 99991663, 0]);
});
