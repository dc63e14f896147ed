import type { Database } from '../../postgres/index.js';
import { DEFAULT_RETENTION_DAYS, questionEntrySchema, STORED_ANSWER_CHARS, type QuestionEntry, type QuestionLog } from './question-log.js';

/** Questions of every instance in one table (migration 201), so every console shows the same. */
export function postgresQuestionLog(database: Database, retentionDays = DEFAULT_RETENTION_DAYS): QuestionLog {
  let writes = 0;
  const prune = async (): Promise<void> => {
    await database.query(`DELETE FROM console_questions WHERE time < now() - $1 * interval '1 day'`, [retentionDays]);
    // votes carry the question and answer too: they are kept no longer
    await database.query(`DELETE FROM feedback WHERE time < now() - $1 * interval '1 day'`, [retentionDays]);
  };
  return {
    async record(entry) {
      const full: QuestionEntry = { ...entry, answer: entry.answer.slice(0, STORED_ANSWER_CHARS), up: 0, down: 0 };
      await database.query(
        `INSERT INTO console_questions (id, time, chat_id, entry) VALUES ($1, $2, $3, $4)
         ON CONFLICT (id) DO UPDATE SET time = EXCLUDED.time, chat_id = EXCLUDED.chat_id, entry = EXCLUDED.entry`,
        [entry.id, entry.time, entry.chatId, JSON.stringify(full)],
      );
      // retention is enforced on read; the table is trimmed now and then
      if ((writes += 1) % 500 === 1) await prune();
    },
    async vote(id, vote) {
      await database.query(`UPDATE console_questions SET ${vote === 'up' ? 'up = up + 1' : 'down = down + 1'} WHERE id = $1`, [id]);
    },
    async list(since) {
      const result = await database.query<{ entry: unknown; up: number; down: number }>(
        `SELECT entry, up, down FROM console_questions
         WHERE time >= now() - $1 * interval '1 day' AND ($2::timestamptz IS NULL OR time >= $2::timestamptz)
         ORDER BY time DESC, id DESC`,
        [retentionDays, since ?? null],
      );
      return result.rows.flatMap((row) => {
        const parsed = questionEntrySchema.safeParse(row.entry);
        return parsed.success ? [{ ...parsed.data, up: row.up, down: row.down }] : [];
      });
    },
    async deleteChat(chatId) {
      const result = await database.query('DELETE FROM console_questions WHERE chat_id = $1', [chatId]);
      return result.rowCount ?? 0;
    },
    close: async () => undefined,
  };
}
