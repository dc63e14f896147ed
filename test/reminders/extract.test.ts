import { describe, expect, it } from 'vitest';
import { loadCalendarFile, parseCalendarText, proposalYaml, proposeCalendar, type ProposedEntry } from '../../src/reminders/index.js';
import { parseScheduleCell } from '../../src/reminders/extract/time-cell.js';
import { whenText } from '../../src/reminders/calendar/when.js';
import { parseSeed, SEED } from '../support/seeds.js';
import { join } from 'node:path';

const seeds = Object.values(SEED).map(parseSeed);
const cell = (text: string): string | undefined => {
  const when = parseScheduleCell(text, 2025);
  return when ? whenText(when) : undefined;
};

describe('schedule cells (拟举办时间)', () => {
  it('reads the forms of 附件3 and common variants in the document year', () => {
    expect(cell('3月-10月')).toBe('2025-03..2025-10');
    expect(cell('４月－１１月')).toBe('2025-04..2025-11');
    expect(cell('4月')).toBe('2025-04');
    expect(cell('7月至8月')).toBe('2025-07..2025-08');
    expect(cell('全年')).toBe('2025');
    expect(cell('待定')).toBe('待定 2025');
    expect(cell('3月15日')).toBe('2025-03-15');
    expect(cell('3月15日-20日')).toBe('2025-03-15..2025-03-20');
    expect(cell('11月-2月')).toBe('2025-11..2026-02');
    expect(cell('下半年')).toBe('2025-07..2025-12');
    expect(cell('第三季度')).toBe('2025-07..2025-09');
    expect(cell('5月上旬')).toBe('2025-05-01..2025-05-10');
    expect(cell('2026年3月')).toBe('2026-03');
    expect(cell('择机举办')).toBeUndefined();
  });
});

describe('calendar extract on the real seeds', () => {
  const proposal = proposeCalendar(seeds);
  const byId = new Map(proposal.entries.map((entry) => [entry.id, entry]));
  const get = (id: string): ProposedEntry => {
    const found = byId.get(id);
    if (!found) throw new Error(`no proposal ${id}: ${[...byId.keys()].join(', ')}`);
    return found;
  };

  it('finds the ten 附件3 activities with their months, in 2025, with lead department and host', () => {
    const activities = proposal.entries.filter((entry) => entry.source.section.startsWith('附件3'));
    expect(activities.map((entry) => [entry.title, entry.when])).toEqual([
      ['第二届“在湖州看见美丽中国”青创大赛', '2025-03..2025-10'],
      ['“在湖州看见美丽中国”青创直通车（8场）', '2025'],
      ['第八届中国湖州全球高层次人才创新创业大赛', '2025-04..2025-11'],
      ['“复旦大学·湖州周”系列活动', '2025-04'],
      ['第十届“创客中国”湖州赛区比赛', '2025-07..2025-08'],
      ['“创赢未来”第四届长三角G60科创走廊科技与产业创新大赛－新能源专场', '待定 2025'],
      ['国际青年文化交流会、文化产业招商对接会', '待定 2025'],
      ['长三角乡村文旅创客大赛', '待定 2025'],
      ['村咖大会、大学生乡村振兴创新创意创业大赛', '待定 2025'],
      ['第九届湖州市电子商务创新创业大赛、湖州市第三届直播电商大赛', '待定 2025'],
    ]);
    expect(get('000-act-01')).toMatchObject({ kind: 'activity', lead: '区人力社保局', host: '市政府' });
    expect(get('000-act-01').review).toContain('2025年');
  });

  it('finds the 到2027年底 targets (001, 002) and 到2020年底 (004), citing the sentence', () => {
    expect(get('001-ddl-2027')).toMatchObject({
      kind: 'deadline',
      when: '2027-12-31',
      source: { section: '二、工作目标 › (一) 搭建"播种"平台' },
    });
    expect(get('001-ddl-2027').source.quote).toContain('到 2027 年底');
    expect(get('001-ddl-2027').review).toContain('(二)优选"播种"种子');
    expect(get('002-ddl-2027')).toMatchObject({ kind: 'deadline', when: '2027-12-31' });
    expect(get('002-ddl-2027').review).toContain('按 2027 年底计');
    expect(get('004-ddl-2020')).toMatchObject({ kind: 'deadline', when: '2020-12-31' });
    expect(get('004-ddl-2020').source.quote).toMatch(/^到2020年底，在全市重点培育和打造10个左右/);
  });

  it('does not take issue dates or signatures (2017年6月26日, 2025年6月12日) for events', () => {
    expect(proposal.entries.filter((entry) => /2017-06-26|2025-06-12/.test(entry.when))).toEqual([]);
    expect(proposal.entries).toHaveLength(13);
  });

  it('writes a review file that is itself a valid calendar, with how each time was read as comments', () => {
    const yaml = proposalYaml(proposal.entries, 'review me');
    expect(yaml).toContain('# 拟举办时间“3月-10月”；→ 2025-03..2025-10');
    expect(yaml).toContain('remind: [ 30d, 7d, 0d ]');
    expect(parseCalendarText(yaml, { file: 'calendar.proposed.yaml' })).toHaveLength(13);
  });

  it('leaves out what the committed calendar already has', () => {
    const existing = loadCalendarFile(join(import.meta.dirname, '..', '..', 'knowledge', 'calendar.yaml')).entries;
    const again = proposeCalendar(seeds, existing);
    expect(again.entries).toEqual([]);
    expect(again.alreadyInCalendar).toHaveLength(13);
  });
});
