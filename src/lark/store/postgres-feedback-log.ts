import type { Database } from '../../postgres/index.js';
import type { FeedbackLog } from './feedback-log.js';

/** Feedback from every instance in one table; the whole entry is kept as JSON for review tools. */
export function postgresFeedbackLog(database: Database): FeedbackLog {
  return {
    async record(entry) {
      await database.query(
        'INSERT INTO feedback (time, vote, user_id, chat_id, question_message_id, entry) VALUES ($1, $2, $3, $4, $5, $6)',
        [entry.time, entry.vote, entry.user, entry.chatId, entry.questionMessageId, JSON.stringify(entry)],
      );
    },
    async deleteChat(chatId) {
      const result = await database.query('DELETE FROM feedback WHERE chat_id = $1', [chatId]);
      return result.rowCount ?? 0;
    },
    close: async () => undefined,
  };
}
