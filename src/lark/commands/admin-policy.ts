import type { Logger } from '../../log/index.js';
import { noticeCard } from '../cards/notice-card.js';
import type { IncomingMessage } from '../inbound/incoming-message.js';
import type { MessageContext } from '../inbound/middleware.js';

/** Who may run admin commands and upload documents. */
export type IsAdmin = (message: Pick<IncomingMessage, 'senderId' | 'chatId'>) => boolean;

/** Admins are the listed open_ids, and anyone writing in one of the admin chats. */
export function adminPolicy(openIds: Iterable<string>, adminChats: Iterable<string> = []): IsAdmin {
  const people = new Set(openIds);
  const chats = new Set(adminChats);
  return (message) => people.has(message.senderId) || chats.has(message.chatId);
}

/** True for admins; anyone else gets a polite 没有权限 card and a log line (not audited: only admin actions are). */
export async function requireAdmin(
  context: MessageContext,
  gate: { isAdmin: IsAdmin; logger: Logger },
  command: string,
  refusal: string,
): Promise<boolean> {
  if (gate.isAdmin(context.message)) return true;
  gate.logger.info('lark.admin_refused', { command, senderId: context.message.senderId, chatId: context.message.chatId });
  await context.reply(noticeCard('没有权限', { text: refusal }, 'orange'));
  return false;
}
