// Document administration end to end: files sent to the bot in Feishu are downloaded through the
// message-resource API of the loopback fake platform, checked, stored, indexed with the real model,
// and answerable; /docs, /docs remove and /reindex update a progress card. Nothing of ours is mocked.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeAdmin } from '../../src/admin/index.js';
import { buildConfigured, knowledgeAdminFor } from '../../src/app/index.js';
import type { Runtime } from '../../src/app/runtime.js';
import { silentLogger } from '../../src/log/index.js';
import { FakeFeishu, messageEvent, type Json } from '../support/fake-feishu/index.js';
import { SEED, SEEDS_DIR } from '../support/seeds.js';
import { makeDocx, makePdf } from '../ingest/loaders/fixtures.js';
import { SECRETS, seedRuntime, startBot, statusOf, type Harness } from '../support/lark-harness.js';

const ADMIN = 'ou_admin';
const ADMIN_DM = 'oc_dm_admin';
const STAFF = 'ou_staff';
const STAFF_DM = 'oc_dm_staff';
const MAX_UPLOAD_BYTES = 64 * 1024;

let fake: FakeFeishu;
let runtime: Runtime;
let knowledge: KnowledgeAdmin;
let root: string;
let bot: Harness;
let counter = 0;

const nextId = (label: string): string => `om_${label}_${(counter += 1)}`;
const docsDir = (): string => runtime.config.DOCS_DIR;
const resourceCalls = (): number => fake.callsTo(/\/resources\//, 'GET').length;

/** Sends a file message from `sender` in a direct message; the fake serves its bytes under a fresh key. */
async function sendFile(sender: string, chatId: string, fileName: string, bytes: Buffer): Promise<string> {
  const messageId = nextId('file');
  const fileKey = `file_v3_${counter}`;
  fake.addMessageFile(messageId, fileKey, bytes);
  const event = messageEvent(fake, SECRETS.verificationToken, {
    messageId,
    chatId,
    chatType: 'p2p',
    senderId: sender,
    messageType: 'file',
    content: { file_key: fileKey, file_name: fileName },
  });
  expect((await bot.webhook.post(event)).status).toBe(200);
  return messageId;
}

async function sendText(sender: string, chatId: string, text: string): Promise<string> {
  const messageId = nextId('text');
  const event = messageEvent(fake, SECRETS.verificationToken, { messageId, chatId, chatType: 'p2p', senderId: sender, text });
  expect((await bot.webhook.post(event)).status).toBe(200);
  return messageId;
}

/** The reply card once it is final: not the light-blue progress card, not the 「正在查找…」 card. */
async function finalReply(messageId: string, timeoutMs = 60_000): Promise<{ replyId: string; card: Json; text: string }> {
  return fake.waitFor(
    () => {
      const reply = fake.repliesTo(messageId)[0];
      const card = reply ? fake.cardOf(reply.messageId) : undefined;
      if (!reply || !card) return undefined;
      const template = (card.header as { template?: string } | undefined)?.template;
      const text = fake.textOf(reply.messageId);
      return template === 'wathet' || text.includes('正在查找') ? undefined : { replyId: reply.messageId, card, text };
    },
    timeoutMs,
    `the final reply to ${messageId}`,
  );
}

function auditEntries(): Array<Record<string, unknown>> {
  const file = join(runtime.config.DATA_DIR, 'audit.jsonl');
  return existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>)
    : [];
}

const POLICY_DOCX = makeDocx([
  { paragraph: '测试区青年人才驿站管理办法' },
  { paragraph: '一、入住条件', style: 'Heading1' },
  { paragraph: '来测试区求职的应届高校毕业生可免费入住青年人才驿站，最长14天。' },
  { paragraph: '二、运营单位', style: 'Heading1' },
  { paragraph: '青年人才驿站由测试区人才发展集团负责运营，咨询电话0571-8888666。' },
]);

beforeAll(async () => {
  ({ root, runtime } = await seedRuntime({ copyDocs: true }));
  knowledge = knowledgeAdminFor(runtime, silentLogger);
  fake = await FakeFeishu.start();
  bot = await startBot({
    fake,
    dataDir: join(root, 'data'),
    answers: await runtime.answerService(),
    status: statusOf(runtime),
    knowledge,
    environment: { UPLOAD_MAX_MB: String(MAX_UPLOAD_BYTES / 1024 / 1024) },
  });
}, 120_000);

afterAll(async () => {
  await bot?.running.stop(5_000);
  await fake?.close();
});

describe('documents from chat, end to end', () => {
  it('stores, indexes and answers from a DOCX an admin sends, with a card saying what was added', async () => {
    const upload = await sendFile(ADMIN, ADMIN_DM, '青年人才驿站.docx', POLICY_DOCX);
    const { replyId, text } = await finalReply(upload);
    expect(text).toContain('已添加《测试区青年人才驿站管理办法》');
    expect(text).toMatch(/新增\W* 青年人才驿站\.docx/);
    expect(readFileSync(join(docsDir(), '青年人才驿站.docx'))).toEqual(POLICY_DOCX);
    // one reply, its progress versions patched in place, ending with the summary
    expect(fake.repliesTo(upload)).toHaveLength(1);
    expect(JSON.stringify(fake.historyOf(replyId)[0])).toContain('正在把 青年人才驿站.docx 加入知识库');

    const question = await sendText(STAFF, STAFF_DM, '青年人才驿站由谁负责运营？');
    const answer = await finalReply(question);
    expect(answer.text).toContain('测试区人才发展集团');
    expect(answer.text).toContain('《测试区青年人才驿站管理办法》 › 二、运营单位');
  }, 120_000);

  it('refuses a non-admin upload without downloading or storing anything', async () => {
    const before = { files: readdirSync(docsDir()).sort(), downloads: resourceCalls() };
    const upload = await sendFile(STAFF, STAFF_DM, '内部通知.txt', Buffer.from('测试区内部通知：明天放假。'));
    const { text } = await finalReply(upload);
    expect(text).toContain('只有管理员可以上传文档');
    expect(resourceCalls()).toBe(before.downloads);
    expect(readdirSync(docsDir()).sort()).toEqual(before.files);
  });

  it('refuses oversized, wrongly typed and path-traversing files from an admin, writing nothing', async () => {
    const files = readdirSync(docsDir()).sort();
    const cases: Array<{ name: string; bytes: Buffer; says: string; downloads: boolean }> = [
      { name: '超大文件.txt', bytes: Buffer.alloc(MAX_UPLOAD_BYTES + 1, 'a'), says: '文件太大了', downloads: true },
      { name: 'setup.exe', bytes: Buffer.from('MZ\u0000\u0000'), says: '不支持「.exe」格式', downloads: false },
      { name: '改了扩展名.txt', bytes: makePdf([['正文']]), says: '文件内容和扩展名不符', downloads: true },
      { name: '../../etc/cron.d/evil.txt', bytes: Buffer.from('* * * * * root rm -rf /'), says: '文件名不安全', downloads: false },
      // a PDF without a text layer is read by OCR (issue 18); a blank one has nothing to read
      { name: '扫描件.pdf', bytes: makePdf([['']]), says: '未识别到文字', downloads: true },
    ];
    for (const { name, bytes, says, downloads } of cases) {
      const before = resourceCalls();
      const upload = await sendFile(ADMIN, ADMIN_DM, name, bytes);
      const { text } = await finalReply(upload);
      expect(text, name).toContain(says);
      expect(resourceCalls() - before, name).toBe(downloads ? 1 : 0);
    }
    expect(readdirSync(docsDir()).sort()).toEqual(files);
    expect(existsSync(join(root, 'etc'))).toBe(false);
    const failed = auditEntries().filter((entry) => entry.action === 'upload' && entry.result === 'failed');
    expect(failed.map((entry) => entry.args)).toEqual(cases.map((item) => item.name));
  });

  it('keeps answering from the old index while /reindex runs, then reports what changed', async () => {
    // a large new document so that embedding takes a while
    const seeds = Object.values(SEED).map((file) => readFileSync(join(SEEDS_DIR, file), 'utf8'));
    const big = [1, 2, 3].flatMap((variant) => seeds.map((text) => text.replace(/\d/g, String(variant)))).join('\n');
    writeFileSync(join(docsDir(), '汇编.txt'), `测试区政策汇编\n${big}`);
    const reindex = await sendText(ADMIN, ADMIN_DM, '/reindex');
    await fake.waitFor(() => fake.repliesTo(reindex)[0], 10_000, 'the progress card');
    expect(knowledge.busy).toBe(true);
    const again = await sendText(ADMIN, ADMIN_DM, '/reindex');
    expect((await finalReply(again)).text).toContain('已有重建在进行');

    const questions = await Promise.all(
      ['頔塘青创社区的运营主体是谁？', '南通计划到2020年底打造多少个众创社区？', '青年人才驿站由谁负责运营？'].map((text, index) =>
        sendText(STAFF, `oc_dm_q${index}`, text),
      ),
    );
    const answered = await Promise.all(questions.map((question) => finalReply(question)));
    const stillRunning = knowledge.busy;
    expect(answered.map((answer) => answer.text.includes('出错'))).toEqual([false, false, false]);
    expect(answered[0]?.text).toContain('南浔区人才产业集团');

    const { replyId, text } = await finalReply(reindex, 300_000);
    expect(text).toContain('重建索引完成');
    expect(text).toMatch(/新增\W* 汇编\.txt/);
    const stages = fake.historyOf(replyId).map((version) => JSON.stringify(version));
    expect(stages.some((version) => version.includes('⏳ **生成向量**'))).toBe(true);
    // the questions were answered before the swap: the re-index was still running when they were done
    expect(stillRunning).toBe(true);
    expect(
      auditEntries()
        .filter((entry) => entry.action === 'reindex')
        .map((entry) => entry.result),
    ).toEqual(['failed', 'ok']);
  }, 360_000);

  it('lists documents with /docs and removes one with /docs remove, after which it is no longer cited', async () => {
    const list = await finalReply(await sendText(ADMIN, ADMIN_DM, '/docs'));
    expect(list.text).toContain('青年人才驿站.docx 《测试区青年人才驿站管理办法》');
    expect(list.text).toContain('《南通市推进众创社区建设行动方案》 · 已到期（2017—2020年） · 24 段');

    const staffList = await finalReply(await sendText(STAFF, STAFF_DM, '/docs'));
    expect(staffList.text).toContain('只有管理员可以管理文档');

    const removal = await finalReply(await sendText(ADMIN, ADMIN_DM, '/docs remove 青年人才驿站.docx'), 120_000);
    expect(removal.text).toContain('已删除 青年人才驿站.docx');
    expect(removal.text).toMatch(/移除\W* 青年人才驿站\.docx/);
    expect(existsSync(join(docsDir(), '青年人才驿站.docx'))).toBe(false);
    const answer = await finalReply(await sendText(STAFF, STAFF_DM, '青年人才驿站由谁负责运营？'));
    expect(answer.text).not.toContain('测试区人才发展集团');

    const unknown = await finalReply(await sendText(ADMIN, ADMIN_DM, '/docs remove 不存在.txt'));
    expect(unknown.text).toContain('文档目录里没有「不存在.txt」');
    expect(
      auditEntries()
        .filter((entry) => entry.action === 'docs remove')
        .map((entry) => [entry.args, entry.result]),
    ).toEqual([
      ['青年人才驿站.docx', 'ok'],
      ['不存在.txt', 'failed'],
    ]);
  }, 180_000);

  it('picks up a build another process switched in (cli index on the server) without a restart', async () => {
    writeFileSync(
      join(docsDir(), '夜市.txt'),
      '测试区夜间经济实施意见\n一、夜市管理\n测试区夜市由测试区商务局统一管理，营业时间为18时至次日1时。\n',
    );
    const before = runtime.index().manifest.buildId;
    // what `npm run -s cli -- index` does in another process: build and switch CURRENT, nothing more
    await buildConfigured(runtime, silentLogger);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const reply = await finalReply(await sendText(STAFF, STAFF_DM, '测试区夜市由哪个部门管理？'));
    expect(reply.text).toContain('测试区商务局');
    expect(runtime.index().manifest.buildId).not.toBe(before);
  }, 120_000);
});
