import { join } from 'node:path';
import type { Citation } from '../../answer/index.js';
import { openJsonLines, readJsonLines, type JsonLinesFile } from '../../files/index.js';

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
  /** Forgets the votes of a chat (the console's per-chat deletion); returns how many. */
  deleteChat(chatId: string): Promise<number>;
  close(): Promise<void>;
}

const chatOf = (line: unknown): unknown => (typeof line === 'object' && line !== null && 'chatId' in line ? line.chatId : undefined);
const timeOf = (line: unknown): unknown => (typeof line === 'object' && line !== null && 'time' in line ? line.time : undefined);

/**
 * Opens the feedback log in the data directory; with `keepSince` (an ISO time: the retention cutoff),
 * older votes are dropped from the file now.
 */
export function openFeedbackLog(dataDir: string, keepSince?: string): FeedbackLog {
  const path = join(dataDir, 'feedback.jsonl');
  const file: JsonLinesFile = openJsonLines(path);
  const kept = (keep: (line: unknown) => boolean) => () => readJsonLines(path).filter(keep);
  if (keepSince !== undefined && readJsonLines(path).some((line) => String(timeOf(line)) < keepSince)) {
    void file.rewrite(kept((line) => String(timeOf(line)) >= keepSince));
  }
  return {
    record: (entry) => file.append(entry),
    async deleteChat(chatId) {
      const before = readJsonLines(path).length;
      let after = before;
      await file.rewrite(() => {
        const lines = readJsonLines(path).filter((line) => chatOf(line) !== chatId);
        after = lines.length;
        return lines;
      });
      return before - after;
    },
    close: () => file.close(),
  };
}
