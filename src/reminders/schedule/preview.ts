import type { Calendar } from '../calendar/types.js';
import { isoDate, isoTime, weekday } from '../time/civil.js';
import { civilAt } from '../time/zone.js';
import { keyString } from '../delivery/delivery-key.js';
import type { Ledger } from '../delivery/ledger.js';
import { candidatesBetween, type Candidate, type ScheduleOptions } from './candidates.js';

/** One send the schedule holds, and whether it will actually go out. */
interface PreviewItem extends Candidate {
  /** `send`: will be sent at its time; `paused`: its entry is paused; `sent` / `skipped`: already on record. */
  status: 'send' | 'paused' | 'sent' | 'skipped';
}

/** Every send scheduled in [from, to], with what the send log already says about it (pure). */
export function previewSends(calendar: Calendar, ledger: Ledger, from: number, to: number, options: ScheduleOptions): PreviewItem[] {
  return candidatesBetween(calendar, from - 1, to, options).map((candidate) => {
    const record = ledger.get(keyString(candidate.key));
    const status = record?.status === 'sent' || record?.status === 'skipped' ? record.status : candidate.paused ? 'paused' : 'send';
    return { ...candidate, status };
  });
}

const ROLE: Record<string, string> = { at: '', day: '', start: '开始', end: '结束' };
const STATUS: Record<PreviewItem['status'], string> = { send: '', paused: '  [已暂停，不发送]', sent: '  [已发送]', skipped: '  [已跳过]' };

/** One preview line: `2027-12-01 09:00 周三  提醒  chat  id  30d before 2027-12-31  title`. */
export function formatPreviewLine(item: PreviewItem, timeZone: string): string {
  const wall = civilAt(item.scheduledAt, timeZone);
  const when = `${isoDate(wall)} ${isoTime(wall)} 周${'日一二三四五六'[weekday(wall)] ?? ''}`;
  const { message } = item;
  if (message.type === 'digest') {
    return `${when}  摘要  ${item.key.chat}  ${message.items.length} 项${message.undated.length > 0 ? ` + 待定 ${message.undated.length} 项` : ''}${STATUS[item.status]}`;
  }
  const offset = message.offset.replace(/^0d$/, '当天').replace(/^0m$/, '准时');
  const role = ROLE[message.occurrence.role] ?? '';
  return `${when}  提醒  ${item.key.chat}  ${message.entry.id}  ${offset} · ${isoDate(message.occurrence.date)}${role}  ${message.entry.title}${STATUS[item.status]}`;
}
