// A photo of a printed notice sent by an admin in a direct message: downloaded through the
// message-resource API with type=image from the loopback fake platform, read by OCR (real
// tesseract.js) with 识别文字 progress on the card, stored, indexed with the real model, answerable.
// Opt-in (OCR_E2E=1): the default run keeps one OCR end-to-end test (test/e2e/ocr.e2e.test.ts).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { knowledgeAdminFor } from '../../src/app/index.js';
import type { Runtime } from '../../src/app/runtime.js';
import { silentLogger } from '../../src/log/index.js';
import { FakeFeishu, messageEvent, type Json } from '../support/fake-feishu/index.js';
import { SECRETS, seedRuntime, startBot, statusOf, type Harness } from '../support/lark-harness.js';

const ADMIN = 'ou_admin';
const ADMIN_DM = 'oc_dm_admin';
const PHOTO = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'ocr', 'notice-photo.jpg'));

let fake: FakeFeishu;
let runtime: Runtime;
let bot: Harness;
let counter = 0;

async function send(sender: string, messageType: 'image' | 'text', content: Json): Promise<string> {
  const messageId = `om_ocr_${(counter += 1)}`;
  if (messageType === 'image') fake.addMessageFile(messageId, String(content.image_key), PHOTO);
  const event = messageEvent(fake, SECRETS.verificationToken, {
    messageId,
    chatId: ADMIN_DM,
    chatType: 'p2p',
    senderId: sender,
    ...(messageType === 'image' ? { messageType, content } : { text: String(content.text) }),
  });
  expect((await bot.webhook.post(event)).status).toBe(200);
  return messageId;
}

async function finalReply(messageId: string): Promise<{ replyId: string; text: string }> {
  return fake.waitFor(
    () => {
      const reply = fake.repliesTo(messageId)[0];
      const card = reply ? fake.cardOf(reply.messageId) : undefined;
      if (!reply || !card) return undefined;
      const template = (card.header as { template?: string } | undefined)?.template;
      const text = fake.textOf(reply.messageId);
      return template === 'wathet' || text.includes('正在查找') ? undefined : { replyId: reply.messageId, text };
    },
    120_000,
    `the final reply to ${messageId}`,
  );
}

describe.runIf(process.env.OCR_E2E === '1')('a photo of a notice uploaded in chat', () => {
  beforeAll(async () => {
    let root: string;
    ({ root, runtime } = await seedRuntime({ copyDocs: true }));
    fake = await FakeFeishu.start();
    bot = await startBot({
      fake,
      dataDir: join(root, 'data'),
      answers: await runtime.answerService(),
      status: statusOf(runtime),
      knowledge: knowledgeAdminFor(runtime, silentLogger),
    });
  }, 120_000);

  afterAll(async () => {
    await bot?.running.stop(5_000);
    await fake?.close();
  });

  it('is read by OCR with progress on the card, stored under a dated name, and answers questions', async () => {
    const upload = await send(ADMIN, 'image', { image_key: 'img_v3_notice' });
    const { replyId, text } = await finalReply(upload);
    expect(text).toContain('已添加');
    const download = fake.callsTo(/\/resources\/img_v3_notice$/, 'GET')[0];
    expect(download?.query.type).toBe('image');
    expect(JSON.stringify(fake.historyOf(replyId))).toContain('识别文字');
    const stored = readdirSync(runtime.config.DOCS_DIR).filter((name) => /^图片-\d{8}-\d{6}\.jpg$/.test(name));
    expect(stored).toHaveLength(1);

    const question = await send('ou_staff', 'text', { text: '上虞有多少家省级以上众创空间？' });
    const answer = await finalReply(question);
    expect(answer.text).toContain('23家');
  }, 180_000);
});
