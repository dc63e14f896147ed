import type { Citation } from '../../answer/index.js';

/** One 👍/👎 on an answer card, with what was asked and answered, for reviewing answer quality. */
export interface FeedbackEntry {
  time: string;
  vote: 'up' | 'down';
  user: string;
  chatId: string;
  /** The user's question message, which the answer card replied to. */
  questionMessageId: string;
  question: string;
  answer: string;
  answerable: boolean;
  citations: Citation[];
}

/** Where 👍/👎 votes are kept: `DATA_DIR/feedback.jsonl` (one fsync'd line per vote) or PostgreSQL. */
export interface FeedbackLog {
  /** Resolves once the line is on disk. */
  record(entry: FeedbackEntry): Promise<void>;
  /** Forgets the votes of a chat (the console's per-chat deletion); returns how many. */
  deleteChat(chatId: string): Promise<number>;
  close(): Promise<void>;
}
