import { describe, expect, it } from 'vitest';
import { digestCard, digestFor, occurrencesOf, reminderCard, type CalendarEntry, type ReminderMessage } from '../../src/reminders/index.js';
import { formatUntil, formatWhen } from '../../src/reminders/time/format.js';
import { cardText, cardTitle } from './support/fake-sender.js';
import { at, audience, entries, entry, TZ } from './support/fixtures.js';

const [contest] = entries(
  `  - id: contest\n    title: 第二届“在湖州看见美丽中国”青创大赛\n    kind: activity\n    when: 2025-03..2025-10\n    lead: 区人力社保局\n    host: 市政府\n` +
    `    source: {source: 000_3f696c61fb7e75d6.txt, title: 南浔区全面建设“水晶晶青创新城”提升年行动计划, section: 附件3 › 全面建设“青创新城”提升年主要活动安排, quote: "序号=1，活动名称=第二届…，拟举办时间=3月-10月"}\n`,
);

function reminder(item: CalendarEntry | undefined, role: 'start' | 'end' | 'day' | 'at', offset = '3d'): ReminderMessage {
  if (!item) throw new Error('no entry');
  const occurrence = occurrencesOf(item, TZ).find((candidate) => candidate.role === role);
  if (!occurrence) throw new Error(`no ${role}`);
  return { type: 'reminder', entry: item, occurrence, offset };
}

describe('reminder cards (Card JSON 2.0)', () => {
  it('window start: title, the document time, when it starts, lead and host, the cited source, the ask button', () => {
    const card = reminderCard(reminder(contest, 'start'), { now: at('2025-02-26 09:00'), timeZone: TZ });
    expect(card.schema).toBe('2.0');
    expect(cardTitle(card)).toBe('活动提醒：第二届“在湖州看见美丽中国”青创大赛');
    const text = cardText(card);
    expect(text).toContain('**时间**：2025年3月—10月');
    expect(text).toContain('**开始**：2025年3月1日（周六）');
    expect(text).toContain('**距今**：还有 3 天开始（3月1日）');
    expect(text).toContain('**牵头部门**：区人力社保局');
    expect(text).toContain('**主办单位**：市政府');
    expect(text).toContain('**来源**：《南浔区全面建设“水晶晶青创新城”提升年行动计划》 › 附件3 › 全面建设“青创新城”提升年主要活动安排');
    expect(text).toContain(
      '"action":"reminder-ask","entry":"contest","question":"第二届“在湖州看见美丽中国”青创大赛什么时候举办？由哪个部门牵头？"',
    );
  });

  it('window end: in progress, N days left', () => {
    const card = reminderCard(reminder(contest, 'end'), { now: at('2025-10-17 09:00'), timeZone: TZ });
    expect(cardText(card)).toContain('进行中，还有 14 天结束（10月31日）');
    const last = reminderCard(reminder(contest, 'end', '0d'), { now: at('2025-10-31 09:00'), timeZone: TZ });
    expect(cardText(last)).toContain('进行中，今天是最后一天');
  });

  it('deadline: red on the day, 今天截止; document text cannot inject markdown', () => {
    const [deadline] = entries(
      entry({ id: 'ddl', title: '申报截止', kind: 'deadline', when: '2026-12-10', lead: '"区科技局*<at id=all></at>"' }),
    );
    const card = reminderCard(reminder(deadline, 'day', '0d'), { now: at('2026-12-10 09:00'), timeZone: TZ });
    expect((card.header as { template: string }).template).toBe('red');
    expect(cardText(card)).toContain('今天截止');
    expect(cardText(card)).toContain('**牵头部门**：区科技局&#42;&#60;at id=all&#62;&#60;/at&#62;');
    expect(cardText(card)).not.toContain('<at id=all>');
  });

  it('dates are shown in the configured zone, not the host zone', () => {
    const [meeting] = entries(entry({ id: 'm', title: '对接会', kind: 'activity', when: '"2026-12-02 00:30"', remind: '[1d]' }));
    const card = reminderCard(reminder(meeting, 'at'), { now: at('2026-12-01 09:00'), timeZone: TZ, lateFrom: at('2026-12-01 08:00') });
    expect(cardText(card)).toContain('2026年12月2日（周三）00:30');
    expect(cardText(card)).toContain('原定 2026年12月1日（周二）08:00 发送');
  });
});

describe('digest card', () => {
  it('lists the next 30 days with source and lead department, then 时间待定', () => {
    const calendar = {
      entries: entries(
        entry({ id: 'soon', title: '路演', kind: 'activity', when: '2026-12-01', lead: '区人力社保局' }) +
          entry({ id: 'tbd', title: '文旅创客大赛', kind: 'activity', when: '待定 2026', lead: '区文广旅体局' }),
      ),
    };
    const message = digestFor(calendar, 'oc_a', audience(['oc_a']), at('2026-11-23 09:00'), { days: 30, timeZone: TZ });
    const card = digestCard(message, { now: at('2026-11-23 09:00'), timeZone: TZ });
    const text = cardText(card);
    expect(cardTitle(card)).toBe('近期活动与截止提醒');
    expect(text).toContain('2026年11月23日（周一）起 30 天 · 1 项 · 待定 1 项');
    expect(text).toContain('**【活动】路演**\\n2026年12月1日（周二） · 还有 8 天 · 牵头：区人力社保局');
    expect(text).toContain('来源：000_3f696c61fb7e75d6.txt › 附件3');
    expect(text).toContain('**时间待定**');
    expect(text).toContain('时间待定（2026年内） · 牵头：区文广旅体局');
  });
});

describe('formatting', () => {
  it('says how long until in calendar days of the zone', () => {
    expect(formatUntil(at('2026-11-23 23:30'), { date: { year: 2026, month: 11, day: 24 } }, TZ)).toBe('明天');
    expect(formatUntil(at('2026-11-23 09:00'), { date: { year: 2027, month: 12, day: 31 } }, TZ)).toBe('还有 403 天');
    expect(formatUntil(at('2026-11-23 09:00'), { date: { year: 2025, month: 10, day: 31 } }, TZ)).toBe('已过去 388 天');
    expect(formatUntil(at('2026-11-23 09:00'), { date: { year: 2026, month: 11, day: 23 }, instant: at('2026-11-23 12:00') }, TZ)).toBe(
      '还有 3 小时',
    );
  });

  it('writes document times the way documents do', () => {
    const when = (text: string): string => {
      const [item] = entries(entry({ id: 'x', title: 'x', kind: 'activity', when: text }));
      return item ? formatWhen(item.when) : '';
    };
    expect(when('2025')).toBe('2025年全年');
    expect(when('2025-04')).toBe('2025年4月');
    expect(when('2025-11..2026-02')).toBe('2025年11月—2026年2月');
    expect(when('待定')).toBe('时间待定');
    expect(when('2025-03-15..2025-03-20')).toBe('2025年3月15日—3月20日');
  });
});
