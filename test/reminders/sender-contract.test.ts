import { SendError, sendSafely, type Sender } from '../../src/reminders/index.js';
import { describe, expect, it } from 'vitest';
import { FakeSender, ManualClock } from './support/fake-sender.js';
import { senderContract } from './support/sender-contract.js';

senderContract('FakeSender (tests)', async () => {
  const sender = new FakeSender(new ManualClock(Date.parse('2026-11-23T01:00:00Z')));
  return { sender, messagesIn: (chat) => sender.in(chat).length };
});

describe('sendSafely', () => {
  it('turns throws and empty message ids into retryable failures; keeps typed errors', async () => {
    const throwing: Sender = { send: async () => Promise.reject(new Error('ECONNRESET')) };
    expect(await sendSafely(throwing, 'oc', {}, 'u')).toMatchObject({ ok: false, error: { code: 'network', isRetryable: true } });
    const empty: Sender = { send: async () => ({ ok: true, messageId: '' }) };
    expect(await sendSafely(empty, 'oc', {}, 'u')).toMatchObject({ ok: false, error: { code: 'invalid-response', isRetryable: true } });
    const refused: Sender = {
      send: async () => Promise.reject(new SendError('chat-unavailable', 'bot not in chat', { platformCode: 230002 })),
    };
    expect(await sendSafely(refused, 'oc', {}, 'u')).toMatchObject({ ok: false, error: { code: 'chat-unavailable', isRetryable: false } });
  });
});
