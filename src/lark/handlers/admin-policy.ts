import type { IncomingMessage } from '../incoming-message.js';

/** Who may run admin commands and upload documents. */
export type IsAdmin = (message: Pick<IncomingMessage, 'senderId' | 'chatId'>) => boolean;

/** Admins are the listed open_ids, and anyone writing in one of the admin chats. */
export function adminPolicy(openIds: Iterable<string>, adminChats: Iterable<string> = []): IsAdmin {
  const people = new Set(openIds);
  const chats = new Set(adminChats);
  return (message) => people.has(message.senderId) || chats.has(message.chatId);
}
