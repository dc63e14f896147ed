import type { CalendarEntry } from '../calendar/types.js';
import type { ReminderMessage } from '../schedule/messages.js';
import { formatInstant } from '../time/format.js';
import {
  callbackButton,
  card,
  divider,
  escapeMarkdown,
  markdown,
  plainText,
  type CardElement,
  type CardJson,
  type HeaderColor,
} from '../../cards/index.js';
import { askQuestion, kindLabel, occurrenceDate, sourceLabel, statusLine, whenLabel } from './entry-text.js';

/** The button value the channel's card-action map dispatches on (`value.action`). */
export const ASK_ACTION = 'reminder-ask';

export interface RenderContext {
  now: number;
  timeZone: string;
  /** Set when the send is a catch-up: the time it was due. */
  lateFrom?: number | undefined;
  /** Marks a test send. */
  test?: boolean;
}

function detailLines(entry: CalendarEntry): string[] {
  const lines: string[] = [];
  if (entry.lead) lines.push(`**牵头部门**：${escapeMarkdown(entry.lead)}`);
  if (entry.host) lines.push(`**主办单位**：${escapeMarkdown(entry.host)}`);
  if (entry.contact) lines.push(`**联系人**：${escapeMarkdown(entry.contact)}`);
  if (entry.note) lines.push(`**备注**：${escapeMarkdown(entry.note)}`);
  return lines;
}

/** The source block and the "ask the bot" button, shared by reminder cards. */
function sourceAndAsk(entry: CalendarEntry): CardElement[] {
  const elements: CardElement[] = [];
  if (entry.source) {
    elements.push(
      divider(),
      markdown(`**来源**：${escapeMarkdown(sourceLabel(entry.source))}`),
      plainText(`“${entry.source.quote}”`, { grey: true, small: true }),
    );
  }
  elements.push(callbackButton('问问政策通', { action: ASK_ACTION, entry: entry.id, question: askQuestion(entry) }, true));
  return elements;
}

function colorOf(entry: CalendarEntry, offset: string): HeaderColor {
  if (entry.kind === 'custom') return 'wathet';
  if (entry.kind === 'deadline') return offset === '0d' ? 'red' : 'orange';
  return 'blue';
}

/**
 * The card of one reminder: title, when (as the document says and this occurrence's date), how long
 * until it, lead department or contact, the cited source, and a button that asks the bot about it.
 */
export function reminderCard(message: ReminderMessage, context: RenderContext): CardJson {
  const { entry, occurrence } = message;
  const status = statusLine(entry, occurrence, context.now, context.timeZone);
  const lines = [
    `**时间**：${escapeMarkdown(whenLabel(entry))}`,
    ...(entry.when.type === 'window' ? [`**${occurrence.role === 'start' ? '开始' : '结束'}**：${occurrenceDate(occurrence)}`] : []),
    `**距今**：${status}`,
    ...detailLines(entry),
  ];
  const elements: CardElement[] = [markdown(lines.join('\n'))];
  if (context.lateFrom !== undefined) {
    elements.push(
      plainText(`补发：这条提醒原定 ${formatInstant(context.lateFrom, context.timeZone)} 发送，因机器人离线或发送失败而延后。`, {
        grey: true,
        small: true,
      }),
    );
  }
  elements.push(...sourceAndAsk(entry));
  const prefix = context.test ? '【测试】' : '';
  const label = entry.kind === 'custom' ? '提醒' : `${kindLabel(entry)}提醒`;
  return card({
    title: `${prefix}${label}：${entry.title}`,
    subtitle: `${whenLabel(entry)} · ${status}`,
    color: colorOf(entry, message.offset),
    summary: `${prefix}${label}：${entry.title}（${status}）`,
    elements,
  });
}
