import type { Manifest } from '../index/index.js';
import type { Logger } from '../log/index.js';
import { matchDocumentsOf, type MatchDocument } from '../match/index.js';
import type { Notices, NoticeScheduler, NoticeSchedulerExtra } from '../notices/index.js';
import { startUnlessLocked } from '../reminders/index.js';
import type { LarkBot } from './bot.js';
import { larkReminderSender } from './outbound/reminder-sender.js';

/** Questions per chat, newest first: what the new-policy card's measures are chosen by. */
async function questionsByChat(bot: LarkBot): Promise<ReadonlyMap<string, string[]>> {
  const byChat = new Map<string, string[]>();
  for (const entry of await bot.stores.questions.list()) byChat.set(entry.chatId, [...(byChat.get(entry.chatId) ?? []), entry.question]);
  return byChat;
}

/**
 * Starts the notices' scheduler with the bot's Feishu sender, the served documents and the question
 * log. Another process holding the notices' data-directory lock is logged, not fatal (as for reminders).
 */
export function startNotices(
  notices: Notices,
  options: { bot: LarkBot; manifest: () => Manifest; adminChats: string[]; logger: Logger; extra: NoticeSchedulerExtra },
): NoticeScheduler | undefined {
  const documents = (): MatchDocument[] => {
    try {
      return matchDocumentsOf(options.manifest());
    } catch {
      return [];
    }
  };
  const scheduler = notices.scheduler(
    {
      sender: larkReminderSender(options.bot.platform),
      documents,
      questions: () => questionsByChat(options.bot),
      adminChats: options.adminChats,
    },
    options.extra,
  );
  return startUnlessLocked(scheduler, options.logger, 'notices.locked');
}
