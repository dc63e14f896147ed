import { describe, expect, it } from 'vitest';
import { sendSafely, type CardJson, type Sender } from '../../../src/reminders/index.js';

const CARD: CardJson = { schema: '2.0', header: { title: { tag: 'plain_text', content: '契约测试' } }, body: { elements: [] } };

/**
 * What every Sender must do, run against the fake here and, once it exists, against the Feishu
 * implementation in src/lark (pointed at test/support/fake-feishu): confirm with a message id, and
 * turn a repeated uuid into the same message instead of a second post.
 */
export function senderContract(
  name: string,
  make: () => Promise<{ sender: Sender; messagesIn(chatId: string): Promise<number> | number; close?(): Promise<void> }>,
): void {
  describe(`Sender contract: ${name}`, () => {
    it('confirms a send with a non-empty message id', async () => {
      const { sender, close } = await make();
      const result = await sendSafely(sender, 'oc_contract', CARD, 'rm-contract-1');
      expect(result).toEqual({ ok: true, messageId: expect.stringMatching(/.+/) });
      await close?.();
    });

    it('a repeated uuid returns the first message and posts nothing new', async () => {
      const { sender, messagesIn, close } = await make();
      const first = await sendSafely(sender, 'oc_contract', CARD, 'rm-contract-2');
      const second = await sendSafely(sender, 'oc_contract', CARD, 'rm-contract-2');
      expect(second).toEqual(first);
      expect(await messagesIn('oc_contract')).toBe(1);
      await close?.();
    });
  });
}
