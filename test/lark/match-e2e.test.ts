// Policy matching in Feishu end to end: the real bot in webhook mode, the real index of the seeds and
// the real answer service, against the strict fake platform (every card checked against the Card JSON
// 2.0 rules, forms submitted the way the client submits them). Nothing of ours is mocked.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/app/index.js';
import { cardActionEvent, FakeFeishu, messageEvent, type Json } from '../support/fake-feishu/index.js';
import { SECRETS, seedRuntime, startBot, statusOf, type Harness } from '../support/lark-harness.js';

const STUDENT = 'ou_student';
const OTHER = 'ou_other';

let fake: FakeFeishu;
let runtime: Runtime;
let bot: Harness;
let counter = 0;

/** Sends a direct message (or a group @mention) from `sender`; resolves with the bot's final reply (not the 「正在查找…」 card). */
async function say(sender: string, text: string, inGroup = false): Promise<{ replyId: string; card: Json; text: string }> {
  const messageId = `om_match_${(counter += 1)}`;
  const where = inGroup
    ? { chatId: 'oc_group', chatType: 'group' as const, mentionBot: true }
    : { chatId: `oc_dm_${sender}`, chatType: 'p2p' as const };
  const event = messageEvent(fake, SECRETS.verificationToken, { messageId, ...where, senderId: sender, text });
  expect((await bot.webhook.post(event)).status).toBe(200);
  return fake.waitFor(
    () => {
      const reply = fake.repliesTo(messageId)[0];
      const card = reply ? fake.cardOf(reply.messageId) : undefined;
      const shown = reply ? fake.textOf(reply.messageId) : '';
      return reply && card && !shown.includes('正在查找') ? { replyId: reply.messageId, card, text: shown } : undefined;
    },
    60_000,
    `the reply to ${text}`,
  );
}

/** Every object in a card with the given tag. */
function tagged(card: Json | undefined, tag: string): Json[] {
  const found: Json[] = [];
  JSON.stringify(card, (_key, value: unknown) => {
    if (typeof value === 'object' && value !== null && Reflect.get(value, 'tag') === tag) found.push(value as Json);
    return value;
  });
  return found;
}

/** The initial choice of each select of a form card, by name. */
function initialChoices(card: Json): Record<string, unknown> {
  return Object.fromEntries(tagged(card, 'select_static').map((select) => [select.name, select.initial_option]));
}

/** The callback values of the card's buttons with this action. */
function buttonValues(card: Json | undefined, action: string): Json[] {
  return tagged(card, 'button').flatMap((button) => {
    const behaviors = Array.isArray(button.behaviors) ? button.behaviors : [];
    return behaviors.flatMap((behavior: unknown) => {
      const value: unknown = Reflect.get(Object(behavior), 'value');
      return typeof value === 'object' && value !== null && Reflect.get(value, 'action') === action ? [value as Json] : [];
    });
  });
}

function titleOf(card: Json | undefined): string {
  return String(Reflect.get(Object(Reflect.get(Object(card?.header), 'title')), 'content') ?? '');
}

beforeAll(async () => {
  let root: string;
  ({ root, runtime } = await seedRuntime());
  fake = await FakeFeishu.start();
  bot = await startBot({ fake, dataDir: join(root, 'data'), answers: await runtime.answerService(), status: statusOf(runtime) });
}, 240_000);

afterAll(async () => {
  await bot?.running.stop(2_000);
  await fake?.close();
});

describe('/match in Feishu', () => {
  it('opens a valid form card with selects for district, identity, field and stage, nothing prefilled before a submit', async () => {
    const { card } = await say(STUDENT, '/match');
    expect(titleOf(card)).toBe('政策匹配');
    const [form] = tagged(card, 'form');
    expect(form?.name).toBe('match_form');
    const selects = tagged(card, 'select_static');
    expect(selects.map((select) => select.name)).toEqual(['place', 'who', 'industry', 'stage']);
    const places = (selects[0]?.options as Array<{ value: string }>).map((option) => option.value);
    expect(places).toEqual(expect.arrayContaining(['南浔区', '湖州市', '鹿城区', '南通市', '海门市']));
    expect(places).not.toContain('杭州市');
    expect(initialChoices(card)).toEqual({ place: undefined, who: undefined, industry: undefined, stage: undefined });
    // opening the form remembers nothing
    expect(initialChoices((await say(STUDENT, '/match')).card)).toEqual({
      place: undefined,
      who: undefined,
      industry: undefined,
      stage: undefined,
    });
  });

  it('answers a submit with a result card within the callback deadline, 详细 shows a measure in full, 返回 goes back', async () => {
    const { replyId } = await say(STUDENT, '政策匹配');
    const submitted = await bot.webhook.submitForm(fake, {
      messageId: replyId,
      chatId: `oc_dm_${STUDENT}`,
      operatorId: STUDENT,
      choices: { place: '南浔区', who: '大学生', industry: '文创' },
    });
    expect(submitted.outcome).toBe('applied');
    const result = fake.cardOf(replyId);
    expect(titleOf(result)).toBe('政策匹配结果');
    const text = fake.textOf(replyId);
    expect(text).toContain('（三）全面优化青创空间布局');
    expect(text).toContain('区科技局');
    expect(text).toContain('征求意见稿');
    expect(text).toContain('文件未写明申请条件和补贴标准');
    const details = buttonValues(result, 'match-detail');
    expect(details.length).toBeGreaterThanOrEqual(4);
    const first = details[0] ?? {};
    const clicked = await bot.webhook.click(fake, { messageId: replyId, chatId: `oc_dm_${STUDENT}`, operatorId: STUDENT, value: first });
    expect(clicked.outcome).toBe('applied');
    const detail = fake.textOf(replyId);
    expect(titleOf(fake.cardOf(replyId))).toBe('措施详情');
    expect(detail).toMatch(/\*\*章节\*\* 二、锚定主攻方向，迭代升级青创空间 &#62; （三）全面优化青创空间布局/);
    expect(detail).toContain('建设以“文创”为主题的文化空间10个以上');
    expect(detail).toContain('**牵头部门** 区科技局、区经信局、区委宣传部');
    expect(detail).toContain('征求意见稿');
    const [back] = buttonValues(fake.cardOf(replyId), 'match-back');
    expect(
      (await bot.webhook.click(fake, { messageId: replyId, chatId: `oc_dm_${STUDENT}`, operatorId: STUDENT, value: back ?? {} })).outcome,
    ).toBe('applied');
    expect(titleOf(fake.cardOf(replyId))).toBe('政策匹配结果');
  });

  it('prefills the form from the submitted profile for that person only, in a direct message only, and forgets it on /match forget', async () => {
    expect(initialChoices((await say(STUDENT, '/match')).card)).toEqual({
      place: '南浔区',
      who: '大学生',
      industry: '文创',
      stage: undefined,
    });
    expect(initialChoices((await say(OTHER, '/match')).card)).toEqual({
      place: undefined,
      who: undefined,
      industry: undefined,
      stage: undefined,
    });
    // never shown to a group
    expect(initialChoices((await say(STUDENT, '/match', true)).card)).toEqual({
      place: undefined,
      who: undefined,
      industry: undefined,
      stage: undefined,
    });
    expect((await say(STUDENT, '/match forget')).text).toContain('已删除您保存的匹配条件。');
    expect(initialChoices((await say(STUDENT, '/match')).card)).toEqual({
      place: undefined,
      who: undefined,
      industry: undefined,
      stage: undefined,
    });
    expect((await say(STUDENT, '/match forget')).text).toContain('您没有保存过匹配条件。');
  });

  it('refuses a forged submit (a choice the form never offered) without saving anything', async () => {
    const { replyId } = await say(OTHER, '/match');
    const action = {
      tag: 'button',
      name: 'match_submit',
      value: { action: 'match-submit' },
      form_value: { place: '杭州市', who: '大学生' },
    };
    const response = await bot.webhook.post(
      cardActionEvent(fake, SECRETS.verificationToken, {
        messageId: replyId,
        chatId: `oc_dm_${OTHER}`,
        operatorId: OTHER,
        value: action.value,
        action,
      }),
    );
    expect(response.body).toEqual({ toast: { type: 'warning', content: '无法识别提交的条件，请重新发送 /match。' } });
    expect(initialChoices((await say(OTHER, '/match')).card)).toEqual({
      place: undefined,
      who: undefined,
      industry: undefined,
      stage: undefined,
    });
  });

  it('flags an expired document in the result', async () => {
    const { replyId } = await say(OTHER, '/match');
    const submitted = await bot.webhook.submitForm(fake, {
      messageId: replyId,
      chatId: `oc_dm_${OTHER}`,
      operatorId: OTHER,
      choices: { place: '海门市', who: '小微企业', industry: '生物医药' },
    });
    expect(submitted.outcome).toBe('applied');
    const text = fake.textOf(replyId);
    expect(text).toContain('海门市');
    expect(text).toContain('已到期');
  });
});

describe('a matching question typed in the chat', () => {
  it('is answered from the measures: best first, with lead department, validity and a verbatim citation', async () => {
    const { text } = await say(STUDENT, '我是刚毕业的大学生，想在南浔开一家文创工作室，有什么政策？');
    expect(text).toContain('按您的情况（地区：南浔；身份：大学生；行业：文创');
    expect(text).toMatch(/1\. 《南浔区全面建设“水晶晶青创新城”提升年行动计划》（三）全面优化青创空间布局/);
    expect(text).toContain('牵头：区科技局');
    expect(text).toContain('是征求意见稿');
  });

  it('says honestly that an uncovered place has no matching policy, and what is covered', async () => {
    const { text } = await say(OTHER, '我想在杭州西湖区开一家奶茶店，有什么政策？');
    expect(text).toContain('现有文件没有覆盖杭州西湖区的政策');
    expect(text).toContain('已收录的地区：南浔区、湖州市、温州市鹿城区、南通市');
  });
});
