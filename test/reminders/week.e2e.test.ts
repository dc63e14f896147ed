import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log/index.js';
import {
  fileReminderStores,
  createReminders,
  loadRemindersSettings,
  SendError,
  type Reminders,
  type ReminderScheduler,
} from '../../src/reminders/index.js';
import { cardText, cardTitle, FakeSender, ManualClock } from './support/fake-sender.js';
import { at, calendarYaml, planSource, temporaryDirectory, WEEK_ENTRIES } from './support/fixtures.js';

const MINUTE = 60_000;
const CALENDAR = calendarYaml(`${WEEK_ENTRIES}  - id: cancelled-fair
    title: 人才集市
    kind: activity
    when: 2026-12-04
${planSource('集市')}
`);

/**
 * A simulated week (Sun 2026-11-29 20:00 → Sun 12-06 23:59), one tick a minute, with subscriptions and
 * admin commands on the way, two hours of downtime, a failed send and a restart: every card reaches
 * its chats exactly once.
 */
describe('a simulated week of reminders', () => {
  const directory = temporaryDirectory('reminders-week-');
  const clock = new ManualClock(at('2026-11-29 20:00'));
  const sender = new FakeSender(clock);
  let reminders: Reminders;
  let scheduler: ReminderScheduler;

  const runUntil = async (end: number): Promise<void> => {
    while (clock.now() < end) {
      clock.advance(MINUTE);
      await scheduler.tick();
    }
  };

  beforeAll(async () => {
    const calendarFile = join(directory.path, 'calendar.yaml');
    writeFileSync(calendarFile, CALENDAR);
    const settings = loadRemindersSettings({
      DATA_DIR: join(directory.path, 'data'),
      CALENDAR_FILE: calendarFile,
      REMINDER_GROUPS: 'staff=oc_staff',
    });
    reminders = createReminders({ settings, clock, logger: silentLogger, stores: fileReminderStores(settings.directory) });
    scheduler = reminders.scheduler(sender);
    const { service } = reminders;
    await service.subscribe('oc_a', 'ou_admin');
    await service.subscribe('oc_b', 'ou_admin');
    await service.subscribe('oc_c', 'ou_admin');
    await service.pause('cancelled-fair', 'ou_admin');
    await runUntil(at('2026-11-30 08:00'));
    await service.unsubscribe('oc_c', 'ou_admin');
    await runUntil(at('2026-11-30 10:00'));
    await service.add('oc_b', '2026-12-02 15:00 准备路演材料', 'ou_admin');
    await runUntil(at('2026-12-02 11:00'));
    await scheduler.stop(); // down for two hours, across the 12:00 reminder
    clock.set(at('2026-12-02 13:00'));
    scheduler = reminders.scheduler(sender);
    await runUntil(at('2026-12-03 08:59'));
    sender.failNext(1, new SendError('server-error', 'HTTP 500'));
    await runUntil(at('2026-12-04 00:00'));
    await scheduler.stop(); // a restart at midnight
    scheduler = reminders.scheduler(sender);
    await runUntil(at('2026-12-06 23:59'));
    await scheduler.stop();
  }, 60_000);

  afterAll(() => directory.remove());

  const received = (chat: string): string[] =>
    sender
      .in(chat)
      .map((message) => `${new Date(message.at + 8 * 3_600_000).toISOString().slice(5, 16).replace('T', ' ')} ${cardTitle(message.card)}`);

  it('subscribed chats get the digest, the window start, both demo-day reminders (one late) and the window-end reminder', () => {
    expect(received('oc_a')).toEqual([
      '11-30 09:00 近期活动与截止提醒',
      '12-01 09:00 活动提醒：创投对接会',
      '12-01 09:00 活动提醒：青创路演季',
      '12-02 13:01 活动提醒：创投对接会',
      '12-06 09:00 活动提醒：青创路演季',
    ]);
  });

  it('the chat that added a reminder gets it at its time, on top of what subscribers get', () => {
    expect(received('oc_b')).toEqual([
      ...received('oc_a').slice(0, 4),
      '12-02 15:00 提醒：准备路演材料',
      '12-06 09:00 活动提醒：青创路演季',
    ]);
  });

  it('the named group gets its deadline 3 days before and on the day (retried once after a 500), and no digest', () => {
    expect(received('oc_staff')).toEqual(['11-30 09:00 截止提醒：青创项目申报截止', '12-03 09:01 截止提醒：青创项目申报截止']);
  });

  it('an unsubscribed chat and a paused entry get nothing', () => {
    expect(received('oc_c')).toEqual([]);
    expect(sender.delivered.filter((message) => cardText(message.card).includes('人才集市'))).toEqual([]);
  });

  it('every card reached its chat exactly once: no uuid twice, nothing deduplicated, one failure', () => {
    const uuids = sender.delivered.map((message) => message.uuid);
    expect(new Set(uuids).size).toBe(uuids.length);
    expect(sender.calls.filter((call) => call.result === 'deduplicated')).toEqual([]);
    expect(sender.calls.filter((call) => call.result === 'failed')).toHaveLength(1);
  });

  it('cards carry the when, how long until, lead or contact, source and the ask button; the late one says so', () => {
    const digest = sender.in('oc_a')[0]?.card ?? {};
    expect(cardText(digest)).toContain('青创路演季');
    expect(cardText(digest)).toContain('创投对接会');
    expect(cardText(digest)).toContain('时间待定');
    expect(cardText(digest)).toContain('乡村文旅创客大赛');
    expect(cardText(digest)).toContain('牵头：区人力社保局');
    expect(cardText(digest)).toContain('来源：《测试计划》 › 附件3 › 主要活动安排');
    expect(cardText(digest)).not.toContain('青创项目申报截止'); // staff only
    const late = sender.in('oc_a')[3]?.card ?? {};
    expect(cardText(late)).toContain('补发：这条提醒原定 2026年12月2日（周三）12:00 发送');
    expect(cardText(late)).toContain('还有 59 分钟');
    const start = sender.in('oc_a')[2]?.card ?? {};
    expect(cardText(start)).toContain('今天开始');
    expect(cardText(start)).toContain('"action":"reminder-ask"');
    const demo = sender.in('oc_a')[1]?.card ?? {};
    // document text is escaped for card markdown: the phone number's hyphen is a character reference
    expect(cardText(demo)).toContain('联系人**：王老师 0572&#45;1234567');
    expect(cardText(demo)).toContain('距今**：明天');
  });
});
