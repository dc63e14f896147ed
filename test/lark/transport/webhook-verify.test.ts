import { describe, expect, it } from 'vitest';
import { verifyWebhook } from '../../../src/lark/transport/webhook-verify.js';
import { encrypt, signatureHeaders } from '../../support/fake-feishu/index.js';

const secrets = { encryptKey: 'ek', verificationToken: 'vt' };
const event = { schema: '2.0', header: { event_type: 'im.message.receive_v1', token: 'vt' }, event: { message: { message_id: 'om_1' } } };

function signed(payload: unknown, key = secrets.encryptKey): { raw: string; headers: Record<string, string> } {
  const raw = JSON.stringify({ encrypt: encrypt(payload, secrets.encryptKey) });
  return { raw, headers: signatureHeaders(raw, key) };
}

describe('webhook verification', () => {
  it('accepts a signed, encrypted event and hands over the decrypted payload', () => {
    const { raw, headers } = signed(event);
    expect(verifyWebhook(raw, headers, secrets)).toEqual({ kind: 'event', payload: event });
  });

  it('rejects a wrong signature, a tampered body and a missing signature with 401', () => {
    const { raw, headers } = signed(event, 'other-key');
    expect(verifyWebhook(raw, headers, secrets)).toMatchObject({ status: 401, reason: 'bad signature' });
    const good = signed(event);
    expect(verifyWebhook(`${good.raw} `, good.headers, secrets)).toMatchObject({ status: 401 });
    expect(verifyWebhook(good.raw, {}, secrets)).toMatchObject({ status: 401, reason: 'signature headers missing' });
  });

  it('rejects a wrong verification token with 401 even when signed', () => {
    const { raw, headers } = signed({ ...event, header: { ...event.header, token: 'other' } });
    expect(verifyWebhook(raw, headers, secrets)).toMatchObject({ status: 401, reason: 'bad verification token' });
  });

  it('answers 400 to bodies that are not JSON, not objects, or cannot be decrypted', () => {
    for (const raw of [
      '{oops',
      '[1,2]',
      '"text"',
      JSON.stringify({ encrypt: 'AAAA' }),
      JSON.stringify({ encrypt: encrypt('not an object', 'ek') }),
    ]) {
      expect(verifyWebhook(raw, signatureHeaders(raw, 'ek'), secrets), raw).toMatchObject({ status: 400 });
    }
  });

  it('answers the URL verification challenge only with the right token', () => {
    const challenge = { type: 'url_verification', challenge: 'abc', token: 'vt' };
    expect(verifyWebhook(JSON.stringify({ encrypt: encrypt(challenge, 'ek') }), {}, secrets)).toEqual({
      kind: 'challenge',
      challenge: 'abc',
    });
    expect(verifyWebhook(JSON.stringify({ ...challenge, token: 'x' }), {}, secrets)).toMatchObject({ status: 401 });
  });

  it('without an encrypt key, checks the verification token of plain events', () => {
    const plain = { verificationToken: 'vt' };
    expect(verifyWebhook(JSON.stringify(event), {}, plain)).toMatchObject({ kind: 'event' });
    expect(verifyWebhook(JSON.stringify({ ...event, header: { token: 'no' } }), {}, plain)).toMatchObject({ status: 401 });
    expect(verifyWebhook(JSON.stringify({ encrypt: 'x' }), {}, plain)).toMatchObject({ status: 400 });
  });
});
