// `/whoami` through the real SDK against the fake Open Platform: the ids an admin needs for ADMIN_OPEN_IDS.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeFeishu, messageEvent } from '../support/fake-feishu/index.js';
import { SECRETS, startBot, type Harness } from '../support/lark-harness.js';
import { ScriptedAnswers } from './support/scripted-answers.js';
import { testManifest } from '../support/test-manifest.js';

const manifest = testManifest({ documents: {}, counts: { documents: 0, chunks: 0 } });

let fake: FakeFeishu | undefined;
let harness: Harness | undefined;

afterEach(async () => {
  await harness?.running.stop(2_000);
  await fake?.close();
});

describe('/whoami', () => {
  it('replies with the sender open_id and user_id and the chat_id, in a DM and in a group', async () => {
    fake = await FakeFeishu.start();
    const answers = new ScriptedAnswers();
    harness = await startBot({
      fake,
      dataDir: mkdtempSync(join(tmpdir(), 'lark-whoami-')),
      answers,
      status: { manifest: () => manifest, answerMode: '原文摘录', startedAt: Date.now() },
    });
    const platform = fake;
    const bot = harness;
    const reply = async (
      messageId: string,
      input: { chatId: string; chatType: 'p2p' | 'group'; text: string; mentionBot?: boolean },
    ): Promise<string> => {
      const response = await bot.webhook.post(
        messageEvent(platform, SECRETS.verificationToken, { messageId, senderId: 'ou_someone', ...input }),
      );
      expect(response.status).toBe(200);
      const message = await platform.waitFor(() => platform.repliesTo(messageId)[0], 5_000, input.text);
      return platform.textOf(message.messageId);
    };
    const direct = await reply('om_who1', { chatId: 'oc_dm_who', chatType: 'p2p', text: '/whoami' });
    expect(direct).toContain('open_id：ou_someone');
    expect(direct).toContain('user_id：u1');
    expect(direct).toContain('chat_id：oc_dm_who');
    expect(direct).toContain('ADMIN_OPEN_IDS');
    const group = await reply('om_who2', { chatId: 'oc_group_who', chatType: 'group', text: '我是谁', mentionBot: true });
    expect(group).toContain('chat_id：oc_group_who');
    expect(answers.requests).toHaveLength(0);
  });
});
