import type { UpcomingList } from '../schedule/messages.js';
import { card, divider, escapeMarkdown, markdown, plainText, type CardElement, type CardJson } from '../../cards/index.js';
import { listedEntryElements, undatedElements } from './digest-card.js';
import { whenLabel } from './entry-text.js';

/** The `/reminders` reply: this chat's next occurrences, 时间待定 and paused entries, and what is over. */
export function upcomingCard(list: UpcomingList, timeZone: string): CardJson {
  const elements: CardElement[] = [];
  if (list.items.length === 0) elements.push(plainText('近期没有即将开始的活动或截止事项。'));
  list.items.forEach((item) => elements.push(...listedEntryElements(item, list.at, timeZone), markdown(`编号 \`${item.entry.id}\``)));
  if (list.undated.length > 0) {
    elements.push(divider(), markdown('**时间待定**'));
    list.undated.forEach((entry) => elements.push(...undatedElements(entry)));
  }
  if (list.paused.length > 0) {
    elements.push(
      divider(),
      markdown(
        `**已暂停**\n${list.paused.map((entry) => `${escapeMarkdown(entry.title)}（${escapeMarkdown(whenLabel(entry))}，编号 \`${entry.id}\`）`).join('\n')}`,
      ),
    );
  }
  const notes: string[] = [];
  if (list.pastCount > 0) notes.push(`另有 ${list.pastCount} 项已结束，不再提醒。`);
  if (!list.subscribed) notes.push('本群未订阅每周摘要和日程提醒：管理员可发送 /subscribe 订阅。');
  if (notes.length > 0) elements.push(plainText(notes.join('\n'), { grey: true, small: true }));
  return card({
    title: '近期提醒',
    subtitle: `${list.items.length} 项即将到来${list.undated.length > 0 ? ` · 待定 ${list.undated.length} 项` : ''}`,
    color: 'blue',
    summary: `近期提醒：${list.items.length} 项`,
    elements,
  });
}
