import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log/index.js';
import { fileReminderStores, createReminders, loadRemindersSettings, type Reminders } from '../../src/reminders/index.js';
import { cardText, cardTitle, FakeSender, ManualClock } from './support/fake-sender.js';
import { at, SOURCE, temporaryDirectory } from './support/fixtures.js';

const CALENDAR = join(import.meta.dirname, '..', '..', 'knowledge', 'calendar.yaml');
const MINUTE = 60_000;

let directory: { path: string; remove: () => void };
let clock: ManualClock;
let reminders: Reminders;
let calendarFile: string;

function setup(calendarText?: string): void {
  calendarFile = join(directory.path, 'calendar.yaml');
  if (calendarText === undefined) copyFileSync(CALENDAR, calendarFile);
  else writeFileSync(calendarFile, calendarText);
  const settings = loadRemindersSettings({
    DATA_DIR: join(directory.path, 'data'),
    CALENDAR_FILE: calendarFile,
    REMINDER_GROUPS: 'staff=oc_staff',
  });
  reminders = createReminders({ settings, clock, logger: silentLogger, stores: fileReminderStores(settings.directory) });
}

beforeEach(() => {
  directory = temporaryDirectory();
  clock = new ManualClock(at('2026-11-23 10:00'));
});
afterEach(() => directory.remove());

describe('RemindersService: admin operations', () => {
  it('subscribe / unsubscribe persist and are reported as changes once', async () => {
    setup();
    expect(await reminders.service.subscribe('oc_group', 'ou_admin')).toEqual({ changed: true });
    expect(await reminders.service.subscribe('oc_group')).toEqual({ changed: false });
    expect(await reminders.service.isSubscribed('oc_group')).toBe(true);
    const state = JSON.parse(readFileSync(join(directory.path, 'data', 'reminders', 'state.json'), 'utf8')) as {
      subscriptions: Record<string, { by?: string }>;
    };
    expect(state.subscriptions.oc_group?.by).toBe('ou_admin');
    expect(await reminders.service.unsubscribe('oc_group')).toEqual({ changed: true });
    expect(await reminders.service.isSubscribed('oc_group')).toBe(false);
  });

  it('/remind add reads dates, times and text; rejects the past and nonsense with typed errors', async () => {
    setup();
    const added = await reminders.service.add('oc_group', '2026-12-01 09:00 提交青创项目申报材料', 'ou_admin');
    expect(added).toMatchObject({ id: 'c1', kind: 'custom', title: '提交青创项目申报材料', chats: ['oc_group'] });
    expect(await reminders.service.add('oc_group', '12-05 整理路演名单')).toMatchObject({
      id: 'c2',
      when: { type: 'date', date: { year: 2026, month: 12, day: 5 } },
    });
    expect(await reminders.service.add('oc_group', '1/8 14:30 明年的会')).toMatchObject({
      when: { type: 'exact', at: { year: 2027, month: 1, day: 8, hour: 14, minute: 30 } },
    });
    await expect(reminders.service.add('oc_group', '2026-11-01 09:00 已过去')).rejects.toThrow(
      expect.objectContaining({ code: 'time-in-past' }),
    );
    await expect(reminders.service.add('oc_group', '明天开会')).rejects.toThrow(expect.objectContaining({ code: 'invalid-command' }));
    await expect(reminders.service.add('oc_group', '2026-02-30 09:00 没有这天')).rejects.toThrow(
      expect.objectContaining({ code: 'invalid-command' }),
    );
    await expect(reminders.service.pause('nope')).rejects.toThrow(expect.objectContaining({ code: 'unknown-entry' }));
  });

  it('/reminders on 2026-11-23 shows what lies ahead and says the 2025 activities are over', async () => {
    setup();
    await reminders.service.subscribe('oc_group');
    await reminders.service.add('oc_group', '2026-12-01 09:00 提交申报材料');
    const list = await reminders.service.upcoming('oc_group');
    expect(list.items.map((item) => item.entry.id)).toEqual(['c1', '001-ddl-2027', '001-ddl-2027-2', '002-ddl-2027']);
    expect(list.undated).toEqual([]);
    expect(list.pastCount).toBe(11);
    const card = await reminders.service.upcomingCard('oc_group');
    expect(cardTitle(card)).toBe('近期提醒');
    expect(cardText(card)).toContain('另有 11 项已结束，不再提醒。');
    expect(cardText(card)).toContain('还有 403 天截止');
    expect(cardText(card)).not.toContain('青创大赛');
    const other = await reminders.service.upcomingCard('oc_other');
    expect(cardText(other)).toContain('本群未订阅');
  });

  it('changes take effect at the next tick without a restart: subscribe, add, pause, resume, remove', async () => {
    setup(`version: 1\nentries:\n  - id: fair\n    title: 创业集市\n    kind: activity\n    when: 2026-11-25\n    remind: [0d]\n${SOURCE}`);
    const sender = new FakeSender(clock);
    const scheduler = reminders.scheduler(sender);
    await scheduler.tick();
    await reminders.service.subscribe('oc_group');
    await reminders.service.add('oc_group', '2026-11-23 10:05 五分钟后开会');
    await reminders.service.add('oc_group', '2026-11-23 10:10 十分钟后也开会');
    await reminders.service.pause('c2');
    await reminders.service.pause('fair');
    clock.set(at('2026-11-23 10:05'));
    await scheduler.tick();
    expect(sender.delivered.map((message) => cardTitle(message.card))).toEqual(['提醒：五分钟后开会']);
    clock.set(at('2026-11-23 10:10'));
    await scheduler.tick();
    await reminders.service.resume('fair');
    clock.set(at('2026-11-25 09:00'));
    await scheduler.tick();
    expect(sender.delivered.map((message) => cardTitle(message.card))).toEqual(['提醒：五分钟后开会', '活动提醒：创业集市']);
    await reminders.service.add('oc_group', '2026-11-26 09:00 后来取消的会');
    await reminders.service.remove('c3');
    expect((await reminders.service.upcoming('oc_group')).items.map((item) => item.entry.id)).toEqual(['fair']);
    clock.set(at('2026-11-26 09:00'));
    await scheduler.tick();
    expect(sender.delivered).toHaveLength(2);
    await expect(reminders.service.remove('c3')).rejects.toThrow(expect.objectContaining({ code: 'unknown-entry' }));
    await scheduler.stop();
  });

  it('an edit of the calendar file is picked up; a broken edit is reported and the last good calendar kept', async () => {
    setup();
    await reminders.service.subscribe('oc_group');
    const text = readFileSync(calendarFile, 'utf8');
    writeFileSync(calendarFile, `${text}\n  - id: new-fair\n    title: 新增活动\n    kind: activity\n    when: 2026-12-20\n${SOURCE}`);
    expect((await reminders.service.upcoming('oc_group')).items.map((item) => item.entry.id)).toContain('new-fair');
    clock.advance(MINUTE);
    writeFileSync(calendarFile, `${text}\n  - id: broken\n    title: 坏的\n    kind: activity\n    when: 明年\n${SOURCE}`);
    expect((await reminders.service.upcoming('oc_group')).items.map((item) => item.entry.id)).toContain('new-fair');
    expect(reminders.service.calendarProblems()).toEqual([
      expect.stringMatching(/calendar\.yaml:\d+: entries\[14\]\.when \(id broken\): "明年" is not a time/),
    ]);
  });

  it('a broken calendar stops the start with every problem and its line', async () => {
    expect(() => setup('version: 1\nentries:\n  - id: x\n    title: 坏\n    kind: activity\n    when: 2025-99\n')).toThrow(
      /calendar\.yaml:6: entries\[0\]\.when/,
    );
  });
});
