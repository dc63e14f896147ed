import { callbackButton, markdown, plainText, type CardElement } from '../cards/index.js';
import { expiryNotice, type ExpiryEntry, type ExpiryNotice, type MatchDocument } from '../match/index.js';
import type { CardJson } from '../reminders/index.js';
import type { NoticesState } from './notices-state.js';

/** The callback actions of the expiry card's buttons. */
export const EXPIRY_ACTIONS = { remove: 'expiry-remove', keep: 'expiry-keep' } as const;

/** Most documents listed per section: the card stays far below the platform's 200 elements. */
const MAX_LISTED = 15;

/** The weekly notice over the served documents, leaving out those an admin confirmed as still in force. */
export function noticeOf(documents: MatchDocument[], state: NoticesState, today: Date): ExpiryNotice {
  return expiryNotice(
    documents.filter((document) => !state.stillInForce[document.source]),
    today,
  );
}

function buttons(entry: ExpiryEntry, week: string): CardElement {
  const value = (action: string): Record<string, string> => ({ action, source: entry.source, week });
  return {
    tag: 'column_set',
    flex_mode: 'none',
    horizontal_spacing: '8px',
    columns: [
      { tag: 'column', width: 'auto', elements: [callbackButton('移除', value(EXPIRY_ACTIONS.remove))] },
      { tag: 'column', width: 'auto', elements: [callbackButton('仍然有效', value(EXPIRY_ACTIONS.keep), true)] },
    ],
  };
}

function section(heading: string, entries: ExpiryEntry[], when: (entry: ExpiryEntry) => string, week: string): CardElement[] {
  if (entries.length === 0) return [];
  const listed = entries.slice(0, MAX_LISTED);
  return [
    markdown(`**${heading}（${entries.length}）**`),
    ...listed.flatMap((entry) => [
      plainText(`《${entry.title}》`),
      plainText(`执行期${entry.period ? `：${entry.period}` : ''}，${when(entry)}`, { grey: true, small: true }),
      buttons(entry, week),
    ]),
    ...(entries.length > listed.length
      ? [plainText(`另有 ${entries.length - listed.length} 份未列出，可在控制台查看。`, { grey: true })]
      : []),
  ];
}

/**
 * The weekly card to the admin chats: documents whose period ends within 30 days, and documents already
 * expired that answers still cite, each with 「移除」 and 「仍然有效」. `done` (after a click) says what was
 * just done, above the list as it now stands.
 */
export function expiryCard(notice: ExpiryNotice, week: string, done?: string): CardJson {
  const elements: CardElement[] = [
    ...(done ? [plainText(done)] : []),
    ...section('即将到期', notice.expiring, (entry) => `${entry.to} 到期，还有 ${entry.daysLeft} 天`, week),
    ...section('已过期仍在提供', notice.expired, (entry) => `已于 ${entry.to} 到期`, week),
    ...(notice.expiring.length + notice.expired.length === 0 ? [plainText('目前没有即将到期或已过期仍在提供的文件。')] : []),
    plainText('「移除」从知识库删除该文件；「仍然有效」表示文件仍在执行，回答不再提示已到期。操作均记入审计日志。', {
      grey: true,
      small: true,
    }),
  ];
  const count = notice.expiring.length + notice.expired.length;
  return {
    schema: '2.0',
    config: { update_multi: true, streaming_mode: false, summary: { content: `${count} 份文件需要处理到期状态` } },
    header: {
      title: { tag: 'plain_text', content: '政策文件到期提醒' },
      subtitle: { tag: 'plain_text', content: week },
      template: 'orange',
    },
    body: { elements },
  };
}
