// Reminders end to end through the Feishu channel: the real bot in webhook mode (signed, encrypted
// events), the real reminders (calendar file, state, send log, lock, scheduler) and the real Feishu
// Sender against the fake Open Platform, with an injected clock ticked minute by minute across a week.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotStatus } from '../../src/lark/index.js';
import {
  acquireDataLock,
  createReminders,
  fileReminderStores,
  toRemindersSettings,
  type CronStarter,
  type Reminders,
  type ReminderScheduler,
} from '../../src/reminders/index.js';
import { at, calendarYaml, WEEK_ENTRIES } from '../reminders/support/fixtures.js';
import { ManualClock } from '../reminders/support/fake-sender.js';
import { FakeFeishu, messageEvent, type FakeMessage, type Json } from '../support/fake-feishu/index.js';
import { SECRETS, settingsFor, startBot, type Harness } from '../support/lark-harness.js';
import { RecordingLogger, ScriptedAnswers } from './support/scripted-answers.js';

const MINUTE = 60_000;
const CALENDAR = calendarYaml(WEEK_ENTRIES);
const status: BotStatus = {
  manifest: () => {
    throw new Error('no index in this test');
  },
  answerMode: 'scripted',
  startedAt: Date.now(),
};
/** The scheduler is ticked by the test with the injected clock, never by node-cron. */
const manualCron: CronStarter = () => ({ stop: () => undefined });

function newRoot(): string {
  return mkdtempSync(join(tmpdir(), 'lark-reminders-'));
}

function setUp(
  fake: FakeFeishu,
  root: string,
  clock: ManualClock,
  logger: RecordingLogger,
): { reminders: Reminders; environment: Record<string, string> } {
  const calendarFile = join(root, 'calendar.yaml');
  writeFileSync(calendarFile, CALENDAR);
  const environment = { CALENDAR_FILE: calendarFile, REMINDER_GROUPS: 'staff=oc_staff' };
  const { config } = settingsFor(fake, join(root, 'data'), environment);
  const settings = toRemindersSettings(config, config.DATA_DIR);
  return { reminders: createReminders({ settings, clock, logger, stores: fileReminderStores(settings.directory) }), environment };
}

/** The header title of a card. */
function titleOf(card: Json | undefined): string {
  const header = card?.header as { title?: { content?: string } } | undefined;
  return header?.title?.content ?? '';
}

/** The value of the card's 问问政策通 button. */
function askValue(card: Json | undefined): Json | undefined {
  let found: Json | undefined;
  JSON.stringify(card, (key, value: unknown) => {
    if (key === 'value' && typeof value === 'object' && value !== null && Reflect.get(value, 'action') === 'reminder-ask')
      found = value as Json;
    return value;
  });
  return found;
}

describe('reminders through the Feishu channel across a simulated week', () => {
  const clock = new ManualClock(at('2026-11-29 20:00'));
  const logger = new RecordingLogger();
  const answers = new ScriptedAnswers();
  /** Each message the bot posted on its own, with the simulated time of the tick that sent it. */
  const sent: Array<{ at: number; message: FakeMessage }> = [];
  let fake: FakeFeishu;
  let bot: Harness;
  let scheduler: ReminderScheduler;
  let counter = 0;
  const replies: Record<string, string> = {};

  /** A group message that @mentions the bot, posted as a signed, encrypted webhook event; resolves with the reply's text. */
  const say = async (chatId: string, text: string, senderId: string): Promise<string> => {
    const messageId = `om_e2e_${(counter += 1)}`;
    const response = await bot.webhook.post(
      messageEvent(fake, SECRETS.verificationToken, { messageId, chatId, chatType: 'group', mentionBot: true, text, senderId }),
    );
    expect(response.status).toBe(200);
    const reply = await fake.waitFor(() => fake.repliesTo(messageId)[0], 5_000, `the reply to ${text}`);
    return fake.textOf(reply.messageId);
  };

  const runUntil = async (end: number): Promise<void> => {
    while (clock.now() < end) {
      clock.advance(MINUTE);
      await scheduler.tick();
      for (const message of fake.posted().slice(sent.length)) sent.push({ at: clock.now(), message });
    }
  };

  beforeAll(async () => {
    fake = await FakeFeishu.start();
    const root = newRoot();
    const { reminders, environment } = setUp(fake, root, clock, logger);
    bot = await startBot({
      fake,
      dataDir: join(root, 'data'),
      answers,
      status,
      environment,
      logger,
      reminders,
      reminderScheduler: { cron: manualCron },
    });
    if (!bot.running.reminders) throw new Error('the scheduler did not start');
    scheduler = bot.running.reminders;

    replies.refused = await say('oc_c', '/subscribe', 'ou_member');
    replies.subscribeA = await say('oc_a', '/subscribe', 'ou_admin');
    replies.subscribeB = await say('oc_b', '订阅', 'ou_admin');
    replies.addB = await say('oc_b', '/remind add 2026-12-02 15:00 准备路演材料', 'ou_admin');
    replies.past = await say('oc_b', '/remind add 2026-11-01 09:00 过去的事', 'ou_admin');
    replies.garbled = await say('oc_b', '/remind add 下周找时间', 'ou_admin');
    replies.unknown = await say('oc_b', '/remind pause no-such-id', 'ou_admin');
    replies.memberRemind = await say('oc_b', '/remind pause demo-day', 'ou_member');
    replies.upcomingA = await say('oc_a', '/reminders', 'ou_member');

    await runUntil(at('2026-12-03 08:59'));
    fake.failNext({
      method: 'POST',
      path: /^\/open-apis\/im\/v1\/messages$/,
      times: 1,
      status: 500,
      body: { code: 99991, msg: 'internal error' },
    });
    await runUntil(at('2026-12-06 20:00'));
  }, 120_000);

  afterAll(async () => {
    await bot?.running.stop(2_000);
    await fake?.close();
  });

  const received = (chatId: string): string[] =>
    sent
      .filter(({ message }) => message.chatId === chatId)
      .map(
        ({ at: time, message }) =>
          `${new Date(time + 8 * 3_600_000).toISOString().slice(5, 16).replace('T', ' ')} ${titleOf(message.content)}`,
      );

  it('answers the commands: admins subscribe and add, a non-admin is refused politely, errors are Chinese', () => {
    expect(replies.refused).toContain('只有管理员可以管理本群的提醒');
    expect(replies.subscribeA).toContain('本群已订阅');
    expect(replies.subscribeB).toContain('本群已订阅');
    expect(replies.addB).toMatch(/已添加提醒「准备路演材料」（2026-12-02 15:00，编号 c1）/);
    expect(replies.past).toContain('这个时间已经过去了');
    expect(replies.garbled).toContain('没看懂这条提醒命令');
    expect(replies.garbled).toContain('/remind add 2026-12-01 09:00 内容');
    expect(replies.unknown).toContain('没有编号为「no-such-id」的提醒');
    expect(replies.memberRemind).toContain('只有管理员');
  });

  it("/reminders lists the chat's upcoming entries with their ids, and the undated one", () => {
    expect(replies.upcomingA).toContain('青创路演季');
    expect(replies.upcomingA).toContain('创投对接会');
    expect(replies.upcomingA).toContain('roadshow-series');
    expect(replies.upcomingA).toContain('乡村文旅创客大赛');
    expect(replies.upcomingA).not.toContain('青创项目申报截止'); // staff only
  });

  it('subscribed chats get the digest and every reminder at its time', () => {
    const subscriber = [
      '11-30 09:00 近期活动与截止提醒',
      '12-01 09:00 活动提醒：创投对接会',
      '12-01 09:00 活动提醒：青创路演季',
      '12-02 12:00 活动提醒：创投对接会',
      '12-06 09:00 活动提醒：青创路演季',
    ];
    expect(received('oc_a')).toEqual(subscriber);
    expect(received('oc_b')).toEqual([...subscriber.slice(0, 4), '12-02 15:00 提醒：准备路演材料', subscriber[4]]);
  });

  it('the named group gets its deadline twice (the 500 retried, delivered once); the refused chat gets nothing', () => {
    expect(received('oc_staff')).toEqual(['11-30 09:00 截止提醒：青创项目申报截止', '12-03 09:00 截止提醒：青创项目申报截止']);
    expect(received('oc_c')).toEqual([]);
    const deadlineCalls = fake
      .callsTo(/^\/open-apis\/im\/v1\/messages$/, 'POST')
      .filter((call) => Reflect.get(Object(call.body), 'receive_id') === 'oc_staff');
    expect(deadlineCalls.map((call) => call.status)).toEqual([200, 500, 200]);
    const [, failed, retried] = deadlineCalls;
    expect(Reflect.get(Object(failed?.body), 'uuid')).toBe(Reflect.get(Object(retried?.body), 'uuid'));
  });

  it('every card reached its chat exactly once: one message per uuid, no repeated post', () => {
    const uuids = sent.map(({ message }) => message.uuid);
    expect(uuids.every((uuid) => typeof uuid === 'string' && uuid.startsWith('rm-'))).toBe(true);
    expect(new Set(uuids).size).toBe(uuids.length);
    const posts = fake.callsTo(/^\/open-apis\/im\/v1\/messages$/, 'POST');
    expect(posts.filter((call) => call.status === 200)).toHaveLength(sent.length);
    expect(sent).toHaveLength(13);
  });

  it('问问政策通 on a reminder card answers its question in that chat', async () => {
    const card = sent.find(({ message }) => message.chatId === 'oc_a' && titleOf(message.content).includes('创投对接会'))?.message;
    const value = askValue(card?.content);
    expect(value).toMatchObject({ action: 'reminder-ask', entry: 'demo-day' });
    const response = await bot.webhook.click(fake, {
      messageId: card?.messageId ?? '',
      chatId: 'oc_a',
      operatorId: 'ou_member',
      value: value ?? {},
    });
    expect(JSON.stringify(response.body)).toContain('正在查找');
    const reply = await fake.waitFor(
      () => {
        const answer = fake.repliesTo(card?.messageId ?? '')[0];
        return answer && fake.textOf(answer.messageId).includes('10个左右') ? answer : undefined;
      },
      5_000,
      'the answer to the card question',
    );
    expect(reply.chatId).toBe('oc_a');
    expect(answers.requests.map((request) => request.question)).toEqual([String(value?.question)]);
  });
});

describe('reminders when another process holds the data-directory lock', () => {
  it('logs it and keeps answering commands', async () => {
    const fake = await FakeFeishu.start();
    const root = newRoot();
    const logger = new RecordingLogger();
    const clock = new ManualClock(at('2026-11-29 20:00'));
    const { reminders, environment } = setUp(fake, root, clock, logger);
    const held = acquireDataLock(reminders.settings.directory);
    const bot = await startBot({
      fake,
      dataDir: join(root, 'data'),
      answers: new ScriptedAnswers(),
      status,
      environment,
      logger,
      reminders,
      reminderScheduler: { cron: manualCron },
    });
    try {
      expect(bot.running.reminders).toBeUndefined();
      expect(logger.entries.find((entry) => entry.event === 'reminders.locked')?.fields.message).toMatch(/held by pid/);
      const messageId = 'om_locked_1';
      await bot.webhook.post(
        messageEvent(fake, SECRETS.verificationToken, {
          messageId,
          chatId: 'oc_a',
          chatType: 'group',
          mentionBot: true,
          text: '/subscribe',
          senderId: 'ou_admin',
        }),
      );
      const reply = await fake.waitFor(() => fake.repliesTo(messageId)[0], 5_000, 'the /subscribe reply');
      expect(fake.textOf(reply.messageId)).toContain('本群已订阅');
      expect(await reminders.service.isSubscribed('oc_a')).toBe(true);
    } finally {
      await bot.running.stop(2_000);
      held.release();
      await fake.close();
    }
  });
});
