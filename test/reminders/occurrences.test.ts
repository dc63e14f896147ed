import { describe, expect, it } from 'vitest';
import { due, foldLog, isPast, nextOccurrence, occurrencesOf, slotsOf, type CalendarEntry } from '../../src/reminders/index.js';
import { at, dueOptions, entries, entry, TZ } from './support/fixtures.js';

const only = (yaml: string): CalendarEntry => {
  const [first] = entries(yaml);
  if (!first) throw new Error('no entry');
  return first;
};
const sendTimes = (item: CalendarEntry): string[] => slotsOf(item, TZ).map((slot) => `${slot.key} ${new Date(slot.sendAt).toISOString()}`);

describe('occurrences and reminder slots', () => {
  it('exact time: day offsets at 09:00 on the days before, and hour offsets before the start', () => {
    const item = only(entry({ id: 'roadshow', title: '路演', kind: 'activity', when: '"2026-12-01 14:00"', remind: '[3d, 0d, 2h]' }));
    expect(occurrencesOf(item, TZ)).toEqual([
      expect.objectContaining({ id: 'at@2026-12-01T14:00', role: 'at', instant: at('2026-12-01 14:00') }),
    ]);
    expect(slotsOf(item, TZ).map((slot) => [slot.key, slot.sendAt])).toEqual([
      ['at@2026-12-01T14:00/3d', at('2026-11-28 09:00')],
      ['at@2026-12-01T14:00/0d', at('2026-12-01 09:00')],
      ['at@2026-12-01T14:00/2h', at('2026-12-01 12:00')],
    ]);
  });

  it('exact time before 09:00: the same-day 09:00 reminder would come after the start and is dropped', () => {
    const item = only(entry({ id: 'early', title: '早会', kind: 'activity', when: '"2026-12-01 08:30"', remind: '[1d, 0d, 30m]' }));
    expect(slotsOf(item, TZ).map((slot) => slot.key)).toEqual(['at@2026-12-01T08:30/1d', 'at@2026-12-01T08:30/30m']);
    expect(slotsOf(item, TZ)[1]?.sendAt).toBe(at('2026-12-01 08:00'));
  });

  it('date only: reminders at the default time, or the time an offset names', () => {
    const item = only(entry({ id: 'ddl', title: '申报截止', kind: 'deadline', when: '2026-12-10', remind: '[14d, "1d@18:00", 0d]' }));
    expect(slotsOf(item, TZ).map((slot) => [slot.key, slot.sendAt])).toEqual([
      ['day@2026-12-10/14d', at('2026-11-26 09:00')],
      ['day@2026-12-10/1d@18:00', at('2026-12-09 18:00')],
      ['day@2026-12-10/0d', at('2026-12-10 09:00')],
    ]);
  });

  it('month window 2025-03..2025-10: reminded before it starts and before it ends', () => {
    const item = only(entry({ id: 'contest', title: '青创大赛', kind: 'activity', when: '2025-03..2025-10' }));
    expect(occurrencesOf(item, TZ).map((occurrence) => occurrence.id)).toEqual(['start@2025-03-01', 'end@2025-10-31']);
    expect(slotsOf(item, TZ).map((slot) => [slot.key, slot.sendAt])).toEqual([
      ['start@2025-03-01/14d', at('2025-02-15 09:00')],
      ['start@2025-03-01/3d', at('2025-02-26 09:00')],
      ['start@2025-03-01/0d', at('2025-03-01 09:00')],
      ['end@2025-10-31/14d', at('2025-10-17 09:00')],
      ['end@2025-10-31/3d', at('2025-10-28 09:00')],
      ['end@2025-10-31/0d', at('2025-10-31 09:00')],
    ]);
  });

  it('a single month (4月) is a window of that month; February knows leap years', () => {
    const april = only(entry({ id: 'week', title: '湖州周', kind: 'activity', when: '2025-04' }));
    expect(occurrencesOf(april, TZ).map((occurrence) => occurrence.id)).toEqual(['start@2025-04-01', 'end@2025-04-30']);
    const february = only(entry({ id: 'feb', title: '二月', kind: 'activity', when: '2028-02' }));
    expect(occurrencesOf(february, TZ).map((occurrence) => occurrence.id)).toEqual(['start@2028-02-01', 'end@2028-02-29']);
  });

  it('待定 is never scheduled, and a 待定 2025 entry is over once 2025 is', () => {
    const item = only(entry({ id: 'tbd', title: '文旅创客大赛', kind: 'activity', when: '待定 2025' }));
    expect(occurrencesOf(item, TZ)).toEqual([]);
    expect(slotsOf(item, TZ)).toEqual([]);
    expect(isPast(item, at('2025-12-31 23:59'), TZ)).toBe(false);
    expect(isPast(item, at('2026-01-01 00:00'), TZ)).toBe(true);
    const open = only(entry({ id: 'open', title: '待定活动', kind: 'activity', when: '待定' }));
    expect(isPast(open, at('2030-01-01 00:00'), TZ)).toBe(false);
  });

  it('year boundaries: offsets reach back into the previous year; windows cross New Year', () => {
    const newYear = only(entry({ id: 'ny', title: '新年活动', kind: 'activity', when: '2027-01-05', remind: '[14d, 5d]' }));
    expect(sendTimes(newYear)).toEqual([
      `day@2027-01-05/14d ${new Date(at('2026-12-22 09:00')).toISOString()}`,
      `day@2027-01-05/5d ${new Date(at('2026-12-31 09:00')).toISOString()}`,
    ]);
    const winter = only(entry({ id: 'winter', title: '冬季活动', kind: 'activity', when: '2026-11..2027-02', remind: '[0d]' }));
    expect(occurrencesOf(winter, TZ).map((occurrence) => occurrence.id)).toEqual(['start@2026-11-01', 'end@2027-02-28']);
    const wholeYear = only(entry({ id: 'all', title: '全年活动', kind: 'activity', when: '2025', remind: '[3d]' }));
    expect(sendTimes(wholeYear)).toEqual([
      `start@2025-01-01/3d ${new Date(at('2024-12-29 09:00')).toISOString()}`,
      `end@2025-12-31/3d ${new Date(at('2025-12-28 09:00')).toISOString()}`,
    ]);
  });

  it('offsets that land on past times are never sent, only the future ones', () => {
    const item = only(entry({ id: 'soon', title: '即将截止', kind: 'deadline', when: '2026-12-01' }));
    const now = at('2026-11-23 10:00');
    const noDigest = { digest: undefined };
    const plan = due({ entries: [item] }, foldLog([]), now, dueOptions(['oc_a'], noDigest));
    expect(plan.sends).toEqual([]);
    expect(plan.skips).toEqual([]);
    const later = due({ entries: [item] }, foldLog([]), at('2026-11-28 09:00'), dueOptions(['oc_a'], { ...noDigest, since: now }));
    expect(later.sends.map((send) => send.key.occurrence)).toEqual(['day@2026-12-01/3d']);
    expect(later.skips).toEqual([]);
  });

  it('next occurrence: a window in progress points at its end until its last day is over', () => {
    const item = only(entry({ id: 'contest', title: '青创大赛', kind: 'activity', when: '2025-03..2025-10' }));
    expect(nextOccurrence(item, at('2025-02-01 00:00'), TZ)?.role).toBe('start');
    expect(nextOccurrence(item, at('2025-06-01 00:00'), TZ)?.role).toBe('end');
    expect(nextOccurrence(item, at('2025-10-31 23:00'), TZ)?.role).toBe('end');
    expect(nextOccurrence(item, at('2025-11-01 00:00'), TZ)).toBeUndefined();
    expect(isPast(item, at('2026-11-23 09:00'), TZ)).toBe(true);
  });
});
