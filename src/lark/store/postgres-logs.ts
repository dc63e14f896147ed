import type { z } from 'zod';
import { postgresProfiles } from '../../match/index.js';
import type { Database } from '../../postgres/index.js';
import type { AnswerRecord, AnswerRecords } from './answer-records.js';
import { answerRecordSchema, RECORD_TTL_MS, replyCardSchema } from './answer-records.js';
import { newestEntries, type AuditLog } from './audit-log.js';
import type { FeedbackLog } from './feedback-log.js';
import { createPostgresDedupeStore } from './dedupe-store.js';
import { parseWith } from './file-store.js';
import { postgresQuestionLog } from './postgres-question-log.js';
import type { SharedStores } from './shared-stores.js';

/** The audit log shared by every instance. */
export function postgresAuditLog(database: Database): AuditLog {
  return {
    async record(entry) {
      await database.query(
        'INSERT INTO audit_log (time, actor, chat_id, action, args, result, detail, request_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
        [entry.time, entry.actor, entry.chatId, entry.action, entry.args, entry.result, entry.detail ?? null, entry.requestId ?? null],
      );
    },
    async recent(limit) {
      const result = await database.query<{ time: Date; actor: string; chat_id: string; action: string; args: string; result: string; detail: string | null; request_id: string | null }>(
        'SELECT time, actor, chat_id, action, args, result, detail, request_id FROM audit_log ORDER BY id DESC LIMIT $1',
        [limit],
      );
      const lines = result.rows.reverse().map((row) => ({
        time: new Date(row.time).toISOString(),
        actor: row.actor,
        chatId: row.chat_id,
        action: row.action,
        args: row.args,
        result: row.result,
        ...(row.detail !== null ? { detail: row.detail } : {}),
        ...(row.request_id !== null ? { requestId: row.request_id } : {}),
      }));
      return newestEntries(lines, limit);
    },
    close: async () => undefined,
  };
}

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

/** Answers by question message id: a 👍 may reach another instance than the one that answered. */
export function postgresAnswerRecords(database: Database): AnswerRecords {
  const recordAt = async <T>(key: string, schema: z.ZodType<T>): Promise<T | undefined> => {
    const result = await database.query<{ record: unknown }>('SELECT record FROM answer_records WHERE question_message_id = $1 AND expires_at > now()', [key]);
    return parseWith(schema)(result.rows[0]?.record);
  };
  return {
    async save(id, record) {
      await database.query(
        `INSERT INTO answer_records (question_message_id, record, expires_at) VALUES ($1, $2, now() + $3 * interval '1 millisecond')
         ON CONFLICT (question_message_id) DO UPDATE SET record = EXCLUDED.record, expires_at = EXCLUDED.expires_at`,
        [id, JSON.stringify(record), RECORD_TTL_MS],
      );
    },
    find: (id): Promise<AnswerRecord | undefined> => recordAt(id, answerRecordSchema),
    // beside the answers, under their own key (a message id never starts with "card:")
    async saveCard(id, card) {
      await database.query(
        `INSERT INTO answer_records (question_message_id, record, expires_at) VALUES ($1, $2, now() + $3 * interval '1 millisecond')
         ON CONFLICT (question_message_id) DO NOTHING`,
        [`card:${id}`, JSON.stringify(card), RECORD_TTL_MS],
      );
    },
    findCard: (id) => recordAt(`card:${id}`, replyCardSchema),
    close: async () => undefined,
  };
}

/** Everything several bot instances share, on one database; `owner` names this instance in claims. */
export function postgresSharedStores(database: Database, owner: string, questionRetentionDays?: number): SharedStores {
  return {
    dedupe: createPostgresDedupeStore(database, owner),
    answerRecords: postgresAnswerRecords(database),
    feedback: postgresFeedbackLog(database),
    audit: postgresAuditLog(database),
    questions: postgresQuestionLog(database, questionRetentionDays),
    profiles: postgresProfiles(database),
  };
}
