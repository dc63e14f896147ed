import type { CalendarEntry } from '../calendar/types.js';
import type { DigestMessage, ListedEntry } from '../schedule/messages.js';
import { formatDate, formatInstant } from '../time/format.js';
import { dateAt } from '../time/zone.js';
import { card, divider, escapeMarkdown, markdown, plainText, type CardElement, type CardJson } from '../../cards/index.js';
import { kindLabel, occurrenceDate, sourceLabel, statusLine, whenLabel } from './entry-text.js';
import type { RenderContext } from './reminder-card.js';

/** Cards stay far below the platform's 30 KB limit. */
const MAX_ITEMS = 15;

/** One listed entry: title, when, status, lead department and source. */
export function listedEntryElements(item: ListedEntry, now: number, timeZone: string): CardElement[] {
  const { entry, occurrence } = item;
  const lead = entry.lead ? ` · 牵头：${escapeMarkdown(entry.lead)}` : entry.contact ? ` · 联系：${escapeMarkdown(entry.contact)}` : '';
  const when =
    entry.when.type === 'window'
      ? `${whenLabel(entry)}（${occurrence.role === 'start' ? '开始' : '结束'} ${occurrenceDate(occurrence)}）`
      : occurrenceDate(occurrence);
  return [
    markdown(
      `**【${kindLabel(entry)}】${escapeMarkdown(entry.title)}**\n${escapeMarkdown(when)} · ${statusLine(entry, occurrence, now, timeZone)}${lead}`,
    ),
    ...(entry.source ? [plainText(`来源：${sourceLabel(entry.source)}`, { grey: true, small: true })] : []),
  ];
}

/** One 时间待定 entry. */
export function undatedElements(entry: CalendarEntry): CardElement[] {
  const lead = entry.lead ? ` · 牵头：${escapeMarkdown(entry.lead)}` : '';
  return [
    markdown(`**【${kindLabel(entry)}】${escapeMarkdown(entry.title)}**\n${escapeMarkdown(whenLabel(entry))}${lead}`),
    ...(entry.source ? [plainText(`来源：${sourceLabel(entry.source)}`, { grey: true, small: true })] : []),
  ];
}

/** The weekly digest card: the next N days, then what is still 时间待定. */
export function digestCard(message: DigestMessage, context: RenderContext): CardJson {
  const start = dateAt(message.at, context.timeZone);
  const elements: CardElement[] = [];
  if (message.items.length === 0) elements.push(plainText(`未来 ${message.days} 天没有已排期的活动或截止事项。`));
  message.items.slice(0, MAX_ITEMS).forEach((item) => elements.push(...listedEntryElements(item, context.now, context.timeZone)));
  if (message.items.length > MAX_ITEMS)
    elements.push(plainText(`另有 ${message.items.length - MAX_ITEMS} 项，发送 /reminders 查看。`, { grey: true }));
  if (message.undated.length > 0) {
    elements.push(divider(), markdown('**时间待定**'));
    message.undated.slice(0, MAX_ITEMS).forEach((entry) => elements.push(...undatedElements(entry)));
  }
  if (context.lateFrom !== undefined) {
    elements.push(
      plainText(`补发：本期摘要原定 ${formatInstant(context.lateFrom, context.timeZone)} 发送，因机器人离线或发送失败而延后。`, {
        grey: true,
        small: true,
      }),
    );
  }
  const prefix = context.test ? '【测试】' : '';
  return card({
    title: `${prefix}近期活动与截止提醒`,
    subtitle: `${formatDate(start)}起 ${message.days} 天 · ${message.items.length} 项${message.undated.length > 0 ? ` · 待定 ${message.undated.length} 项` : ''}`,
    color: 'green',
    summary: `${prefix}近期活动与截止提醒：${message.items.length} 项`,
    elements,
  });
}
