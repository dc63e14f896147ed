import { z } from 'zod';

/** One answered question as the admin console lists it: what was asked where, and how it went. */
export interface QuestionEntry {
  /** The question's message id (the key feedback refers to). */
  id: string;
  time: string;
  chatId: string;
  question: string;
  /** The answer text, cut to its first few hundred characters. */
  answer: string;
  answerable: boolean;
  /** `llm`, `extractive`, or `failed`. */
  mode: string;
  latencyMs: number;
  /** The cited documents (source file and title), best first. */
  sources: Array<{ source: string; title: string }>;
  up: number;
  down: number;
}

export const questionEntrySchema = z.object({
  id: z.string(),
  time: z.string(),
  chatId: z.string(),
  question: z.string(),
  answer: z.string(),
  answerable: z.boolean(),
  mode: z.string(),
  latencyMs: z.number(),
  sources: z.array(z.object({ source: z.string(), title: z.string() })),
  up: z.number().int().default(0),
  down: z.number().int().default(0),
});

/** Default QUESTION_RETENTION_DAYS: long enough to see which documents are missing, short enough to forget. */
export const DEFAULT_RETENTION_DAYS = 180;

/** Kept per answer: the console lists the first line, the chat card has the rest. */
export const STORED_ANSWER_CHARS = 600;

/** Where answered questions are kept for the console, bounded by a retention period and deletable per chat. */
export interface QuestionLog {
  record(entry: Omit<QuestionEntry, 'up' | 'down'>): Promise<void>;
  /** Counts a 👍/👎 on the question's answer (unknown ids are ignored). */
  vote(id: string, vote: 'up' | 'down'): Promise<void>;
  /** Entries newer than the retention period (and `since`, when given), newest first. */
  list(since?: string): Promise<QuestionEntry[]>;
  /** Forgets every question of a chat; returns how many. */
  deleteChat(chatId: string): Promise<number>;
  close(): Promise<void>;
}

const voteLineSchema = z.object({ vote: z.enum(['up', 'down']), id: z.string() });

/** Folds the file's lines (entries and votes) into entries by id, dropping those older than `cutoff`. */
export function foldQuestionLines(lines: unknown[], cutoff: string): Map<string, QuestionEntry> {
  const entries = new Map<string, QuestionEntry>();
  for (const line of lines) {
    const vote = voteLineSchema.safeParse(line);
    if (vote.success) {
      const entry = entries.get(vote.data.id);
      if (entry) entry[vote.data.vote] += 1;
      continue;
    }
    const parsed = questionEntrySchema.safeParse(line);
    if (parsed.success && parsed.data.time >= cutoff) entries.set(parsed.data.id, parsed.data);
  }
  return entries;
}

/** The ISO time `days` before `now`. */
export function retentionCutoff(now: number, days: number): string {
  return new Date(now - days * 86_400_000).toISOString();
}
