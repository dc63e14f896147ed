import { z } from 'zod';
import type { AskResult } from '../../answer/index.js';

/** What a feedback click needs to know about the answer it rates (the callback only carries a reference). */
export interface AnswerRecord {
  question: string;
  answer: string;
  answerable: boolean;
  citations: AskResult['citations'];
  notes: string[];
  /** A comparison's rows, so the card redrawn after a vote keeps its table. */
  comparison?: AskResult['comparison'];
  chatId: string;
}

export const answerRecordSchema = z.object({
  question: z.string(),
  answer: z.string(),
  answerable: z.boolean(),
  citations: z.array(z.object({ source: z.string(), title: z.string(), section: z.string(), quote: z.string() })),
  notes: z.array(z.string()),
  comparison: z
    .array(z.object({ place: z.string(), offer: z.string(), source: z.string(), title: z.string(), section: z.string() }))
    .optional(),
  chatId: z.string(),
});

/** Cards can be updated for 14 days: records live as long. */
export const RECORD_TTL_MS = 14 * 24 * 3600_000;

/** The streaming card entity a reply shows, so whoever finishes the answer updates that one. */
export interface ReplyCard {
  cardId: string;
  createdAt: number;
}

export const replyCardSchema = z.object({ cardId: z.string(), createdAt: z.number() });

/**
 * Answers by question message id, kept on disk so 👍/👎 still works after a restart; and the card
 * entity each reply shows, so an instance that takes a question over from a dead one updates the card
 * the user already sees instead of a new one nobody sees.
 */
export interface AnswerRecords {
  /** Readable at once; resolves when on disk. */
  save(questionMessageId: string, record: AnswerRecord): Promise<void>;
  find(questionMessageId: string): Promise<AnswerRecord | undefined>;
  saveCard(questionMessageId: string, card: ReplyCard): Promise<void>;
  findCard(questionMessageId: string): Promise<ReplyCard | undefined>;
  close(): Promise<void>;
}
