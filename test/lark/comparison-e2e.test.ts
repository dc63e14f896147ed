// Issue 16 point 5 in Feishu: a comparison question (南浔和鹿城…分别…) answered by the real answer
// service over the seeds, through the real SDK against the strict fake, gets a card whose Card JSON 2.0
// table has one row per place (place, what is offered, 《source》 › section) beside the cited lines,
// in both card modes (message PATCH and CardKit), and keeps the table when the card is redrawn after a vote.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerService } from '../../src/answer/index.js';
import type { Runtime } from '../../src/app/index.js';
import { cardProblem, FakeFeishu, messageEvent, type Json } from '../support/fake-feishu/index.js';
import { SECRETS, seedRuntime, startBot, statusOf, type Harness } from '../support/lark-harness.js';

const QUESTION = '南浔和鹿城对孵化载体分别有什么支持？';
let runtime: Runtime;
let answers: AnswerService;
const running: Array<{ fake: FakeFeishu; bot: Harness }> = [];

beforeAll(async () => {
  ({ runtime } = await seedRuntime());
  answers = await runtime.answerService();
}, 180_000);

afterAll(async () => {
  for (const { fake, bot } of running) {
    await bot.running.stop(2_000);
    await fake.close();
  }
});

async function start(streamsAnswers: boolean): Promise<{ fake: FakeFeishu; bot: Harness }> {
  const fake = await FakeFeishu.start();
  const bot = await startBot({
    fake,
    dataDir: mkdtempSync(join(tmpdir(), 'lark-comparison-')),
    answers,
    status: statusOf(runtime),
    streamsAnswers,
  });
  running.push({ fake, bot });
  return { fake, bot };
}

/** Asks in a group and waits for the final card (it has the feedback row). */
async function askForCard(fake: FakeFeishu, bot: Harness, messageId: string): Promise<{ replyId: string; card: Json }> {
  const response = await bot.webhook.post(
    messageEvent(fake, SECRETS.verificationToken, { messageId, chatId: 'oc_group', text: QUESTION, mentionBot: true }),
  );
  expect(response.status).toBe(200);
  return fake.waitFor(
    () => {
      const reply = fake.repliesTo(messageId)[0];
      const card = reply ? fake.cardOf(reply.messageId) : undefined;
      return reply && card && JSON.stringify(card).includes('"feedback"') ? { replyId: reply.messageId, card } : undefined;
    },
    60_000,
    `the final card for ${messageId}`,
  );
}

function tablesOf(card: Json): Json[] {
  const elements = (card.body as { elements: Json[] }).elements;
  return elements.filter((element) => element.tag === 'table');
}

describe.each([
  ['message PATCH', false],
  ['CardKit', true],
])('a comparison question in Feishu (%s)', (_mode, streamsAnswers) => {
  it('gets one valid table with a row per place, under the cited lines, and keeps it after a 👍', async () => {
    const { fake, bot } = await start(streamsAnswers);
    const { replyId, card } = await askForCard(fake, bot, `om_compare_${String(streamsAnswers)}`);
    expect(cardProblem(card, Buffer.byteLength(JSON.stringify(card)))).toBeUndefined();
    const [table, ...more] = tablesOf(card);
    expect(more).toEqual([]);
    expect((table?.columns as Json[]).map((column) => [column.name, column.data_type])).toEqual([
      ['place', 'text'],
      ['offer', 'text'],
      ['source', 'text'],
    ]);
    const rows = table?.rows as Array<Record<string, string>>;
    expect(rows.map((row) => row.place)).toEqual(['南浔', '鹿城']);
    expect(rows[0]?.source).toMatch(/^《南浔区全面建设“水晶晶青创新城”提升年行动计划》 › /);
    expect(rows[1]?.source).toMatch(/^《温州市鹿城区大孵化器集群建设“百千万”新三年行动计划\(2025-2027年\)》 › 三、重点工作/);
    for (const row of rows) expect(row.offer).toContain('孵化');
    // The cited lines stay: the answer text names each place, and the 来源 panel quotes both documents.
    const text = fake.textOf(replyId);
    expect(text).toMatch(/南浔：[^\n]*\n鹿城：/);
    expect(text).toContain('“紧扣青年');
    expect(JSON.stringify(card)).toContain('来源（2）');
    expect(table?.page_size).toBe(2);
    const vote = await bot.webhook.click(fake, {
      messageId: replyId,
      chatId: 'oc_group',
      operatorId: 'ou_voter',
      value: { action: 'feedback', vote: 'up', ref: `om_compare_${String(streamsAnswers)}` },
    });
    expect(vote.status).toBe(200);
    const redrawn = (vote.body as { card?: { data?: Json } }).card?.data;
    expect(redrawn && tablesOf(redrawn)[0]?.rows).toEqual(rows);
  });
});
