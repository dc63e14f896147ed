import { join } from 'node:path';
import type { Clock } from '../../clock/index.js';
import {
  answerRecordSchema,
  RECORD_TTL_MS,
  replyCardSchema,
  type AnswerRecord,
  type AnswerRecords,
  type ReplyCard,
} from './answer-records.js';
import { createFileStore, parseWith, type FileStore } from './file-store.js';

/** Opens `DATA_DIR/answers.jsonl`. */
export function openAnswerRecords(dataDir: string, clock: Clock, maxEntries = 20_000): AnswerRecords {
  const store: FileStore<AnswerRecord> = createFileStore({
    file: join(dataDir, 'answers.jsonl'),
    maxEntries,
    clock,
    parse: parseWith(answerRecordSchema),
  });
  const cards: FileStore<ReplyCard> = createFileStore({
    file: join(dataDir, 'reply-cards.jsonl'),
    maxEntries,
    clock,
    parse: parseWith(replyCardSchema),
  });
  return {
    save: (id, record) => store.set(id, record, clock.now() + RECORD_TTL_MS),
    find: async (id) => store.get(id),
    saveCard: (id, card) => cards.set(id, card, clock.now() + RECORD_TTL_MS),
    findCard: async (id) => cards.get(id),
    close: async () => {
      await Promise.all([store.close(), cards.close()]);
    },
  };
}
