import type { z } from 'zod';
import type { Database } from '../../postgres/index.js';
import { answerRecordSchema, RECORD_TTL_MS, replyCardSchema, type AnswerRecord, type AnswerRecords } from './answer-records.js';

/** Answers by question message id: a 👍 may reach another instance than the one that answered. */
export function postgresAnswerRecords(database: Database): AnswerRecords {
  const recordAt = async <T>(key: string, schema: z.ZodType<T>): Promise<T | undefined> => {
    const result = await database.query<{ record: unknown }>(
      'SELECT record FROM answer_records WHERE question_message_id = $1 AND expires_at > now()',
      [key],
    );
    const parsed = schema.safeParse(result.rows[0]?.record);
    return parsed.success ? parsed.data : undefined;
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
