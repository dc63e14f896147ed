import { join } from 'node:path';
import type { Citation } from '../../answer/index.js';
import { openJsonLines, type JsonLinesFile } from './json-lines.js';

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

/** Appends feedback to `DATA_DIR/feedback.jsonl`, one fsync'd line per vote. */
export interface FeedbackLog {
  /** Resolves once the line is on disk. */
  record(entry: FeedbackEntry): Promise<void>;
  close(): Promise<void>;
}

/** Opens the feedback log in the data directory. */
export function openFeedbackLog(dataDir: string): FeedbackLog {
  const file: JsonLinesFile = openJsonLines(join(dataDir, 'feedback.jsonl'));
  return { record: (entry) => file.append(entry), close: () => file.close() };
}
